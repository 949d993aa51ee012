/**
 * The indicator rows of a 绩效自评表: 一级 | 二级 | 指标N | name | 年度指标值 | 全年完成值 | 未完成原因 | 自评得分, where
 * the 一级 and 二级 cells stand only on the first row of their group and the score may be missing.
 */
import type { PerformanceIndicator } from "../../model.ts";
import { key, type Token } from "./cells.ts";
import { labelOf } from "./labels.ts";
import { unplaced, type ParseState } from "./state.ts";
import { isSelfL1, SCORE, SELF_L1, SELF_L2, SLOT } from "./vocabulary.ts";

/** Whether a row outside the indicator section is already one of its rows (the header row may be missing). */
export function looksLikeSelfIndicator(tokens: Token[]): boolean {
  const k = key((tokens[0] as Token).text);
  if (k === "绩效目标自评情况") return true;
  return tokens.some((t) => SLOT.test(t.text)) && tokens.some((t) => SELF_L1.test(t.text) || SELF_L2.test(t.text));
}

/** One row of a 绩效自评表: 一级 | 二级 | 指标N | name | 年度指标值 | 全年完成值 | 未完成原因 | 自评得分. */
export function selfIndicatorRow(s: ParseState, tokens: Token[], line: number): void {
  const stray: Token[] = [];
  let slot: RegExpExecArray | undefined;
  let rowL2: Token | undefined;
  let sawLevel = false;
  let i = 0;
  for (; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (labelOf(t)?.def.role === "filler") continue;
    const m = SLOT.exec(t.text);
    if (m) {
      slot = m;
      i++;
      break;
    }
    if (isSelfL1(t.text, tokens[i + 1]?.text)) {
      if (rowL2) stray.push(rowL2); // a 二级-looking cell before the 一级 cell (`公共指标（30分）`)
      rowL2 = undefined;
      s.level1 = t.text;
      s.level2 = "";
      sawLevel = true;
      continue;
    }
    if (SELF_L2.test(t.text)) {
      if (rowL2) stray.push(rowL2);
      rowL2 = t;
      s.level2 = t.text;
      sawLevel = true;
      continue;
    }
    // Something else before the 指标N cell (`项目实施情况`): reported; without a 指标N cell it is the name.
    if (tokens.slice(i + 1).some((x) => SLOT.test(x.text))) {
      stray.push(t);
      continue;
    }
    break;
  }
  if (stray.length > 0) unplaced(s, stray, line);
  const r = tokens.slice(i);
  if (!slot && r.length === 0) return; // a row that only opens a 一级 / 二级 group
  if (!slot && !sawLevel) {
    unplaced(s, r, line);
    return;
  }
  const ind: PerformanceIndicator = { level1: s.level1, level2: s.level2, level3: "", line };
  const slotName = slot?.[1];
  const last = r[r.length - 1];
  const count = r.length + (slotName !== undefined ? 1 : 0);
  // 自评得分: a number at the end of the row — with 分, or after name, 年度指标值 and 全年完成值, or in the 得分 column.
  // A bare number right after 指标N is not a name either.
  const alone = r.length === 1 && slotName === undefined && slot !== undefined;
  if (last && SCORE.test(last.text) && (/分$/u.test(last.text) || count >= 4 || alone || last.col >= s.header.scoreCol)) {
    ind.score = last.text;
    r.pop();
  }
  const values = [...(slotName !== undefined ? [slotName] : []), ...r.map((t) => t.text)];
  const [name, target, actual, ...deviation] = values;
  if (name !== undefined) ind.level3 = name;
  if (target !== undefined) ind.target = target;
  if (actual !== undefined) ind.actual = actual;
  if (deviation.length > 0) ind.deviation = deviation.join(" ");
  s.indicators.push(ind);
}
