/**
 * Amount units as printed (元, 千元, 万元, 亿元) and the one way figures of different units are brought together:
 * an exact shift of the decimal point on the published string — never a float, never a rounding. Published values
 * keep their own digits and unit everywhere they are shown as themselves; a converted figure appears only where
 * figures of different units meet (a chart across reports, a check across tables), and it says so.
 */
import { type Dec, formatDec, parseDec, trimDec } from "./decimal.ts";
import type { Report } from "./model.ts";
import { printedLabel } from "./templates.ts";

/** Powers of ten of each amount unit, in 元. */
export const AMOUNT_UNITS: Readonly<Record<string, number>> = { 元: 0, 千元: 3, 万元: 4, 亿元: 8 };

export const isAmountUnit = (unit: string | undefined): unit is string => unit !== undefined && AMOUNT_UNITS[unit] !== undefined;

/** `d` (in `from`) as a decimal in `to`, exactly (no digit lost or rounded); undefined when a unit is not an amount unit. */
export function shiftDec(d: Dec, from: string, to: string): Dec | undefined {
  const a = AMOUNT_UNITS[from];
  const b = AMOUNT_UNITS[to];
  if (a === undefined || b === undefined) return undefined;
  const scale = d.scale - (a - b);
  return scale >= 0 ? { units: d.units, scale } : { units: d.units * 10n ** BigInt(-scale), scale: 0 };
}

/**
 * A published amount in another unit, by moving its decimal point: `371514655.00` 元 → `37151.4655` 万元,
 * `4.54` 万元 → `45400` 元. Trailing zeros the shift leaves are dropped down to two decimals (万元 and larger) or none
 * (元, 千元) — the value is the same. Undefined when `value` is not a plain decimal or a unit is not an amount unit.
 */
export function convertAmount(value: string, from: string, to: string): string | undefined {
  if (from === to) return parseDec(value) ? value : undefined;
  const d = parseDec(value);
  const shifted = d && shiftDec(d, from, to);
  if (!shifted) return undefined;
  return formatDec(trimDec(shifted, (AMOUNT_UNITS[to] ?? 0) >= 4 ? 2 : 0));
}

/** How a conversion is made, in words: `小数点左移四位`. */
export function shiftWords(from: string, to: string): string {
  const n = (AMOUNT_UNITS[from] ?? 0) - (AMOUNT_UNITS[to] ?? 0);
  const digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八"][Math.abs(n)] ?? String(Math.abs(n));
  return n === 0 ? "不变" : `小数点${n < 0 ? "左" : "右"}移${digits}位`;
}

/**
 * The unit figures of several units are shown in together: the largest of them (a 元 figure among 万元 figures
 * becomes 万元 with more decimals — exact, and readable beside the others). One unit: that unit.
 */
export function displayUnit(units: Iterable<string>): string | undefined {
  let best: string | undefined;
  for (const u of units) if (isAmountUnit(u) && (best === undefined || (AMOUNT_UNITS[u] as number) > (AMOUNT_UNITS[best] as number))) best = u;
  return best;
}

/** The unit most tables print (the first table's unit breaks a tie); undefined for none. */
export function mainUnit(units: readonly (string | undefined)[]): string | undefined {
  const counts = new Map<string, number>();
  for (const u of units) if (u) counts.set(u, (counts.get(u) ?? 0) + 1);
  let best: string | undefined;
  for (const [u, n] of counts) if (best === undefined || n > (counts.get(best) as number)) best = u;
  return best;
}

/**
 * A report's amount unit in words: `万元`, or `元（《“三公”经费和机关运行经费预算表》为万元）` when some tables print
 * another unit than most.
 */
export function unitStatement(report: Pick<Report, "meta" | "tables">): string {
  const other = new Map<string, string[]>();
  for (const t of report.tables) {
    if (t.state !== "missing" && t.unit && t.unit !== report.meta.unit) other.set(t.unit, [...(other.get(t.unit) ?? []), printedLabel(report.meta, t)]);
  }
  return other.size === 0 ? report.meta.unit : `${report.meta.unit}（${[...other].map(([unit, names]) => `${names.join("、")}为${unit}`).join("；")}）`;
}
