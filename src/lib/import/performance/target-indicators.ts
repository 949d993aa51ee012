/**
 * The indicator rows of a 绩效目标表 (two sides: 实施期 | 年度) and of the 整体支出 table (one side): the 一级 / 二级
 * cells at the start of a side, then a name and a value. The 年度 side opens with its own 二级 cell or is found by
 * the repetition of the 实施期 side; what it cannot match on its own row is matched later (year-matching.ts).
 */
import type { PerformanceIndicator } from "../../model.ts";
import type { Token } from "./cells.ts";
import { labelOf } from "./labels.ts";
import { note, unplaced, type ParseState, type YearEntry } from "./state.ts";
import { isTargetL1, isTargetL2, sameIndicator, VALUE_LIKE } from "./vocabulary.ts";

/** One side of a row: its 一级 / 二级 cells and the rest (name and value). */
interface Side {
  l1?: Token;
  l2?: Token;
  /** 二级 cells beyond the first that differ from it. */
  extraL2: Token[];
  rest: Token[];
}

/**
 * Drops a repetition of the cells of one side: `[a, b, a, b]` → `[a, b]` (a cell that packed the following cells in
 * HTML), and, beyond a name and a value, `[a, a, b]` → `[a, b]`. `[a, a]` stays: a name and an equal value
 * (`当年完成 | 当年完成`).
 */
function dedupe(tokens: Token[]): Token[] {
  let t = tokens;
  if (t.length >= 4 && t.length % 2 === 0) {
    const h = t.length / 2;
    if (t.slice(0, h).every((x, i) => x.text === (t[h + i] as Token).text)) t = t.slice(0, h);
  }
  if (t.length > 2) t = t.filter((x, i) => i === 0 || x.text !== (t[i - 1] as Token).text);
  return t;
}

/**
 * The name and value cells of one side, without repetitions. Cells that are all 二级 words are the PDF repeating
 * the 二级 cell (`服务对象满意度 | 服务对象满意度 | 服务对象满意度`), not a name and a value.
 */
function nameAndValue(rest: Token[]): Token[] {
  if (rest.every((t) => isTargetL2(t.text))) return [];
  return dedupe(rest);
}

/** One row of a 绩效目标表 (two-sided: 实施期 | 年度) or of the 整体支出 table (one side). */
export function targetIndicatorRow(s: ParseState, tokens: Token[], line: number): void {
  const toks = tokens.filter((t) => labelOf(t)?.def.role !== "filler");
  if (toks.length === 0) return;
  const twoSided = s.kind === "project-target" && s.header.oneSide === undefined;
  const anchor = twoSided ? rightAnchor(toks) : -1;
  const left = readSide(anchor >= 0 ? toks.slice(0, anchor) : toks, true);
  let rightToks = anchor >= 0 ? toks.slice(anchor) : [];
  if (twoSided && anchor < 0) {
    // No 二级 cell opens the 年度 side: split the remaining cells by their repetition, or by column.
    const split = splitByRepetition(s, left.rest);
    left.rest = split.left;
    rightToks = split.right;
  }
  const right = readSide(rightToks, false);
  if (left.l1) {
    if (left.l1.text !== s.level1 || left.l2) s.level2 = "";
    s.level1 = left.l1.text;
  }
  if (left.l2) s.level2 = left.l2.text;
  if (left.extraL2.length > 0) unplaced(s, left.extraL2, line);

  const lx = nameAndValue(left.rest);
  const ind: PerformanceIndicator = { level1: s.level1, level2: s.level2, level3: "", line };
  // The left side's value: its target — or, in a table of one value column headed 年度…指标值, its 年度 value.
  const valueOf: "target" | "yearTarget" = s.header.oneSide === "year" ? "yearTarget" : "target";
  if (lx.length === 1) {
    // One cell: a value if it looks like one, or if the row is aligned with the header and the cell is in the
    // 指标值 column; otherwise the name.
    const t = lx[0] as Token;
    const aligned = left.l2 !== undefined && left.l2.col === s.header.l2Col && t.col === s.header.valueCol;
    if (VALUE_LIKE.test(t.text) || aligned) ind[valueOf] = t.text;
    else ind.level3 = t.text;
  } else if (lx.length >= 2) {
    ind.level3 = (lx[0] as Token).text;
    ind[valueOf] = (lx[1] as Token).text;
    if (lx.length > 2) unplaced(s, lx.slice(2), line);
  }
  // A row that names a 二级 indicator, or has a name or value, is an indicator (possibly an empty slot).
  const leftIsIndicator = left.l2 !== undefined || lx.length > 0;
  if (leftIsIndicator) s.indicators.push(ind);
  if (!twoSided) return;
  if (right.l2 && s.level2 !== "" && !sameIndicator(right.l2.text, s.level2)) {
    note(s, line, `年度一侧的二级指标为“${right.l2.text}”，实施期一侧为“${s.level2}”；按实施期一侧记录`);
  }
  // 年度 side: usually the same indicator again (its name often cut short) and the 年度 指标值.
  const rx = nameAndValue(right.rest);
  let year: YearEntry | undefined;
  if (rx.length === 1) {
    const t = rx[0] as Token;
    const isName = ind.level3 !== "" ? sameIndicator(ind.level3, t.text) : lx.length === 0 && !VALUE_LIKE.test(t.text);
    year = isName ? { name: t, line } : { value: t, line };
  } else if (rx.length >= 2) {
    year = { name: rx[0] as Token, value: rx[1] as Token, line };
    if (rx.length > 2) unplaced(s, rx.slice(2), line);
  }
  if (!year) return;
  if (right.l2) year.l2 = right.l2;
  if (leftIsIndicator && (!year.name || (ind.level3 !== "" && sameIndicator(ind.level3, year.name.text)))) {
    if (year.value) ind.yearTarget = year.value.text;
    s.claimed.add(ind);
    return;
  }
  if (leftIsIndicator) year.own = ind;
  s.years.push(year);
}

/** Index of the 二级 cell that opens the 年度 side, or -1. */
function rightAnchor(toks: Token[]): number {
  const n = toks.length;
  const ok = (a: number): boolean =>
    isTargetL2((toks[a] as Token).text) &&
    toks.slice(0, a).some((t, j) => !isTargetL1(t.text, toks[j + 1]?.text));
  for (let a = Math.max(1, n - 3); a < n; a++) if (ok(a)) return a;
  for (let a = n - 1; a >= 1; a--) if (ok(a)) return a;
  return -1;
}

/** Reads the 一级 / 二级 cells at the start of a side; the rest are name and value. */
function readSide(toks: Token[], isLeft: boolean): Side {
  const side: Side = { extraL2: [], rest: [] };
  let i = 0;
  if (isLeft && toks[0] && isTargetL1(toks[0].text, toks[1]?.text)) side.l1 = toks[i++];
  if (toks[i] && isTargetL2((toks[i] as Token).text)) side.l2 = toks[i++];
  // Repeated 二级 cells (the PDF put the 二级 text into the 一级 column as well), while more than a name and a value
  // remain.
  while (toks.length - i > 2 && toks[i] && isTargetL2((toks[i] as Token).text)) {
    const t = toks[i++] as Token;
    if (side.l2 && t.text !== side.l2.text && !sameIndicator(t.text, side.l2.text)) side.extraL2.push(side.l2);
    side.l2 = t;
  }
  side.rest = toks.slice(i);
  return side;
}

/**
 * Splits the name/value cells of a row without a 年度 二级 cell into the 实施期 and 年度 sides: four cells are two
 * and two (`保障农村留守儿童、困境 | 不断提高 | 保障农村留守儿 | 不断提高`); three are split where the name repeats;
 * otherwise by the header's columns.
 */
function splitByRepetition(s: ParseState, x: Token[]): { left: Token[]; right: Token[] } {
  const [a, b, c] = x;
  if (x.length >= 4 && x.length % 2 === 0) return { left: x.slice(0, x.length / 2), right: x.slice(x.length / 2) };
  if (x.length === 3 && a && b && c) {
    if (sameIndicator(c.text, a.text)) return { left: [a, b], right: [c] };
    if (sameIndicator(b.text, a.text)) return { left: [a], right: [b, c] };
  }
  // Otherwise (two cells, or one, or three without a repetition) by column: a name and its value on the 实施期 side,
  // or a name on each side.
  return {
    left: x.filter((t) => t.col < s.header.rightStart),
    right: x.filter((t) => t.col >= s.header.rightStart),
  };
}
