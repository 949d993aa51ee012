/**
 * What a chart shows, as data: rows (the bars or points), series (the bars side by side in a row: reports,
 * departments, 预算数/决算数), the values as the exact decimal strings of the source, and where each value is printed.
 * The SVG, the HTML table beside it and its CSV are all written from this one object, so they cannot disagree.
 */
import type { ReportKind } from "../model.ts";

/** Where a value is printed: a cell of a standard table of a report. */
export interface ValueRef {
  report: string;
  table: number;
  line: number;
  /** Column key, `c1`…`cN`. */
  column: string;
}

export type Gap = "missing" | "empty" | "none";

export interface ChartValue {
  /** The exact decimal string; `""` when the source cell is empty (drawn as 空, never as 0). */
  value: string;
  ref?: ValueRef;
  /**
   * For a share: the published amount and total it is computed from (`value` is then the share in per cent, rounded
   * to one decimal — a derived figure, labelled as such).
   */
  amount?: ChartValue;
  of?: ChartValue;
  /** Why there is no value at all (the table is missing from the source, …); `value` is then `""`. */
  absent?: string;
  /**
   * What kind of absence, drawn differently: `missing` the source lacks the table (缺), `empty` the source publishes it
   * as having no data (无数据), `none` the report has no such row, column or category (无此项). Unset: 缺.
   */
  gap?: Gap;
  /** The amount unit `value` is in (the unit of the table it is read from, or of the chart after conversion). */
  unit?: string;
  /**
   * Set when `value` was converted to the chart's unit to be shown beside figures of another unit: the value and
   * unit as published. The conversion is an exact shift of the decimal point (src/lib/units.ts).
   */
  published?: { value: string; unit: string };
  /**
   * Set when the value is not read from a table but stated by a report's text about an earlier year (issue 14): the
   * previous year's figure as 情况说明 prints it (`比2024年预算40.72万元`), or as it implies it (this year ∓ the
   * change: `implied`). Drawn apart from table values, never joined to them by a line.
   */
  stated?: { report: string; by: string; base: string; implied: boolean; statement: number };
}

export interface ChartSeries {
  key: string;
  label: string;
  /** A report kind draws 预算 and 决算 apart (hatched and solid). */
  kind?: ReportKind;
  /** The series' own total (e.g. a department's 支出合计), as published. */
  total?: ChartValue;
  /** The report's year, for charts across years. */
  year?: number;
  /** The report a series stands for (its page is linked from the table). */
  report?: string;
  /** A series of values stated by a report's text about the year before (ChartValue.stated), not of a report's tables. */
  stated?: boolean;
}

export interface ChartRow {
  key: string;
  label: string;
  /** 功能分类 code (类 3 digits, 款 5, 项 7), when the row is a budget classification. */
  code?: string;
  /** 1 for a 类, 2 for a 款, 3 for a 项; rows of other charts have depth 1. */
  depth: number;
  /** One value per series, in the series' order; `undefined` where that series has no such row. */
  values: (ChartValue | undefined)[];
}

export type ChartType = "bars" | "trend";

export interface Chart {
  /** Stable id: HTML ids of the chart are built from it, and its CSV is named after it. */
  id: string;
  type: ChartType;
  title: string;
  /** 2025年预算, 2023–2025年, … */
  period: string;
  /** 万元, or % for shares. */
  unit: string;
  /** Where the numbers come from, in words (table and column). */
  basis: string;
  series: ChartSeries[];
  rows: ChartRow[];
  /** The chart's total as published (single-series charts), with what it is called. */
  total?: { label: string; value: ChartValue };
  /** Things a reader must know: a substituted table, years that differ, empty cells. */
  notes: string[];
  /** Set when the chart cannot be drawn (its table is missing or empty): the reason, shown instead. */
  absent?: string;
  /** The kind of absence (see ChartValue.gap). */
  gap?: Gap;
  /** Where the CSV of the displayed data is published, relative to the site base. */
  csv: string;
}

/** Amounts in the SVG are placed with numbers; the text always prints the decimal string. */
export function amount(v: ChartValue | undefined): number | undefined {
  if (!v || v.value === "") return undefined;
  const n = Number(v.value);
  return Number.isFinite(n) ? n : undefined;
}

/** `a / b` in per cent with one decimal, from two published amounts; undefined when either is empty or b is 0. */
export function share(part: ChartValue | undefined, whole: ChartValue | undefined): ChartValue | undefined {
  const a = amount(part);
  const b = amount(whole);
  if (part === undefined || whole === undefined) return undefined;
  if (a === undefined || b === undefined || b === 0) return { value: "", amount: part, of: whole };
  const pct = (a / b) * 100;
  // One decimal; a small share that would print as 0.0 keeps one significant digit instead (0.03), never a false 0.
  const text = pct.toFixed(1) === "0.0" && pct !== 0 ? pct.toFixed(Math.min(6, -Math.floor(Math.log10(Math.abs(pct))))) : pct.toFixed(1);
  return { value: text === "-0.0" ? "0.0" : text, amount: part, of: whole };
}
