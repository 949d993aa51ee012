/**
 * The indicator section of a table: its header row (一级指标 | 二级指标 | … | 指标值), which gives the columns used to
 * break ties, and the dispatch of its rows to the target or self-evaluation reading, or back to labels and values
 * where the tail of the table begins.
 */
import { key, type Token } from "./cells.ts";
import { total } from "./fields.ts";
import { labelRow } from "./label-rows.ts";
import { labelOf } from "./labels.ts";
import { selfIndicatorRow } from "./self-indicators.ts";
import { DEFAULT_HEADER, type ParseState, type PendingLabel } from "./state.ts";
import { targetIndicatorRow } from "./target-indicators.ts";

/** A value column's header: 指标值, 年度指标值, the Shanghai form's 年度(/项目)指标值. */
const isValueHeader = (t: string) => t === "指标值" || t === "年度指标值" || /^年度[（(]\/?项目[)）]指标值$/u.test(t);

/** The header row of the indicators. */
export function isIndicatorHeader(tokens: Token[]): boolean {
  const texts = tokens.map((t) => key(t.text));
  return texts.includes("一级指标") && texts.some(isValueHeader);
}

/** Reads the header row: its columns, and the start of the indicator section. */
export function startIndicators(s: ParseState, tokens: Token[]): void {
  const cols = (k: string): number[] => tokens.filter((t) => key(t.text) === k).map((t) => t.col);
  const l2 = cols("二级指标");
  const values = tokens.filter((t) => isValueHeader(key(t.text)));
  s.header = {
    l2Col: l2[0] ?? DEFAULT_HEADER.l2Col,
    valueCol: values[0]?.col ?? DEFAULT_HEADER.valueCol,
    rightStart: l2[1] ?? DEFAULT_HEADER.rightStart,
    scoreCol: cols("自评得分")[0] ?? DEFAULT_HEADER.scoreCol,
  };
  if (l2.length <= 1 && values.length === 1) s.header.oneSide = /^年度/u.test(key((values[0] as Token).text)) ? "year" : "target";
  s.section = "indicators";
  s.queue = [];
  s.text = undefined;
  s.bodyStarted = true;
}

/** A row of the indicator section: an indicator, the 总分, or a label row of the table's tail. */
export function indicatorSectionRow(s: ParseState, tokens: Token[], line: number, pending: PendingLabel | undefined): void {
  const first = labelOf(tokens[0] as Token);
  if (first?.def.key === "绩效目标自评情况" && tokens.length === 1) return;
  if (s.kind === "project-self-evaluation") {
    if (first?.def.role === "total") {
      total(s, tokens.slice(1), line);
      return;
    }
    if (first && ["text", "evaluators", "field"].includes(first.def.role)) {
      s.section = "tail";
      labelRow(s, tokens, line, pending);
      return;
    }
    selfIndicatorRow(s, tokens, line);
    return;
  }
  if (tokens.some((t) => ["负责人", "经办人", "填报日期"].includes(labelOf(t)?.def.key ?? ""))) {
    labelRow(s, tokens, line, pending);
    s.section = "done";
    return;
  }
  targetIndicatorRow(s, tokens, line);
}
