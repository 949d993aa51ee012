/**
 * The one comparison every arithmetic rule makes: a published total against the sum of published parts (or one
 * figure against the same figure printed elsewhere), exactly, with the rounding tolerance stated.
 */
import { isDashMark } from "../text.ts";
import { type Cell } from "./cells.ts";
import { AMOUNT_UNITS, shiftDec } from "../units.ts";
import { abs, compare, type Dec, formatDec, halfUnit, neg, parseDec, sub, sum, tolerance, trimDec, ZERO } from "../decimal.ts";
import type { CheckResult } from "./types.ts";

export interface Term {
  cell: Cell;
  /** -1 to subtract the cell (年末 = 年初 + 收入 − 支出). */
  sign?: 1 | -1;
}

export interface Comparison {
  check: string;
  place: string;
  table: number;
  /** The published figure. */
  total: Cell;
  /** What it should equal: the sum of these. */
  parts: (Cell | Term)[];
  /** `eq` total = Σ parts; `le` total ≤ Σ parts (机关运行经费 ≤ 公用经费). */
  relation?: "eq" | "le";
  note?: string;
  /**
   * The values are counts (车辆数), compared exactly. Otherwise they are amounts, each rounded where it was printed:
   * half a unit of its last digit each, also when that digit is a whole 元 (`127,886,849`).
   */
  counts?: boolean;
}

const term = (p: Cell | Term): Term => ("cell" in p ? p : { cell: p });

/**
 * Compares; undefined when every cell involved is blank (nothing is printed, nothing to check). A `——` mark or a
 * cell that is not a number makes the result `na`. A blank cell counts as no amount.
 */
export function compareCells(c: Comparison): CheckResult | undefined {
  const all = c.parts.map(term);
  // A part marked “——” (not applicable) has no amount: it is left out of the sum, and the result says so.
  const terms = all.filter((t) => !isDashMark(t.cell.value));
  const cells = [c.total, ...terms.map((t) => t.cell)];
  if (cells.every((x) => x.value === "")) return undefined;
  const base = { check: c.check, place: c.place, table: c.table, cells };
  const odd = cells.find((x) => x.value !== "" && parseDec(x.value) === undefined);
  if (odd) {
    return { ...base, status: "na", note: isDashMark(odd.value) ? `“${odd.value}”表示不适用，不参与计算` : `“${odd.value}”不是数字` };
  }
  const dashes = all.length - terms.length;
  const dashNote = dashes > 0 ? `${dashes} 项印作“——”（不适用），不计入` : undefined;
  const note = [c.note, dashNote].filter(Boolean).join("；");
  const units = new Set(cells.filter((x) => x.value !== "" && x.unit).map((x) => x.unit as string));
  if (units.size > 1 && !c.counts) return compareUnits(c, terms, base, note, [...units]);
  const value = (x: Cell): Dec => parseDec(x.value) ?? ZERO;
  const expected = sum(terms.map((t) => (t.sign === -1 ? neg(value(t.cell)) : value(t.cell))));
  const found = value(c.total);
  const scale = Math.max(0, ...cells.map((x) => parseDec(x.value)?.scale ?? 0));
  const printed = cells.filter((x) => x.value !== "").length;
  const tol = c.counts ? ZERO : tolerance(printed, scale);
  const diff = sub(found, expected);
  const ok = c.relation === "le" ? compare(diff, tol) <= 0 : compare(abs(diff), tol) <= 0;
  return {
    ...base,
    status: ok ? "pass" : "fail",
    expected: formatDec(expected, scale),
    found: c.total.value === "" ? "空" : c.total.value,
    difference: formatDec(diff, scale),
    tolerance: formatDec(tol, c.counts ? 0 : scale + 1),
    ...(note ? { note } : {}),
  };
}

/**
 * Cells of tables printed in different units (a 万元 table against a 元 one): every amount is moved to the smallest of
 * the units by shifting its decimal point (exact), each keeps its own rounding (half a unit of its last printed digit,
 * in its own unit), and expected, difference and tolerance are stated in the unit of the published figure.
 */
function compareUnits(c: Comparison, terms: Term[], base: Omit<CheckResult, "status">, note: string, units: string[]): CheckResult {
  const target = units.reduce((a, b) => ((AMOUNT_UNITS[b] ?? 0) < (AMOUNT_UNITS[a] ?? 0) ? b : a));
  const inTarget = (x: Cell, d: Dec): Dec => (x.unit ? shiftDec(d, x.unit, target) : d) ?? d;
  const value = (x: Cell): Dec => inTarget(x, parseDec(x.value) ?? ZERO);
  const expected = sum(terms.map((t) => (t.sign === -1 ? neg(value(t.cell)) : value(t.cell))));
  const diff = sub(value(c.total), expected);
  const printedCells = [c.total, ...terms.map((t) => t.cell)].filter((x) => x.value !== "");
  const tol = sum(printedCells.map((x) => inTarget(x, halfUnit(parseDec(x.value) ?? ZERO))));
  const ok = c.relation === "le" ? compare(diff, tol) <= 0 : compare(abs(diff), tol) <= 0;
  // Stated in the published figure's unit (a blank total: the smallest unit), exactly.
  const shown = c.total.value !== "" && c.total.unit ? c.total.unit : target;
  const back = (d: Dec) => trimDec(shiftDec(d, target, shown) ?? d);
  const scale = Math.max(parseDec(c.total.value)?.scale ?? 0, back(expected).scale, back(diff).scale);
  // (The place already names the tables; which unit each cell is in, its table's title says.)
  const unitNote = `金额单位不同（${units.join("、")}），按小数点移位精确换算后比较，以${shown}列出`;
  return {
    ...base,
    status: ok ? "pass" : "fail",
    expected: formatDec(back(expected), scale),
    found: c.total.value === "" ? "空" : c.total.value,
    difference: formatDec(back(diff), scale),
    tolerance: formatDec(back(tol)),
    note: [note, unitNote].filter(Boolean).join("；"),
  };
}

/** Drops the undefined results of blank comparisons. */
export function defined(results: (CheckResult | undefined)[]): CheckResult[] {
  return results.filter((r): r is CheckResult => r !== undefined);
}
