/**
 * Fixtures for the check rules: the seed reports as committed (loaded and validated once), and ways to change one
 * published cell of a deep copy — the passing fixture is the seed, the failing one the seed with one change.
 */
import { runChecks } from "../../../src/lib/checks/index.ts";
import type { CheckResult, CheckStatus } from "../../../src/lib/checks/types.ts";
import { loadSiteOrThrow } from "../../../src/lib/load.ts";
import type { Report, Table, TableRow } from "../../../src/lib/model.ts";
import { dataPaths, fsReader, projectValidators } from "../../../src/lib/node-io.ts";

let cache: Report[] | undefined;

export function seeds(): Report[] {
  cache ??= loadSiteOrThrow(fsReader, dataPaths(), projectValidators()).reports;
  return cache;
}

/** A deep copy of a seed report, safe to change. */
export function seed(id: string): Report {
  const r = seeds().find((x) => x.meta.id === id);
  if (!r) throw new Error(`no seed report ${id}`);
  return structuredClone(r);
}

export const YQ_2024_FINAL = "yangquan-civil-affairs-2024-final";
export const YQ_2025_BUDGET = "yangquan-civil-affairs-2025-budget";
export const VETERANS_2023_FINAL = "yangquan-veterans-affairs-2023-final";
export const DIBAO_2024_FINAL = "yangquan-civil-affairs-dibao-center-2024-final";
export const XZ_2024_BUDGET = "xinzhou-civil-affairs-2024-budget";

export function table(report: Report, no: number): Table {
  const t = report.tables.find((x) => x.no === no);
  if (!t) throw new Error(`no table ${no} in ${report.meta.id}`);
  return t;
}

/** The row printed on a source line. */
export function rowAt(report: Report, no: number, line: number): TableRow {
  const r = table(report, no).rows.find((x) => x.line === line);
  if (!r) throw new Error(`no row on line ${line} in table ${no} of ${report.meta.id}`);
  return r;
}

/** Index of the column whose published header (levels joined with `/`) matches, amount columns first. */
export function columnIndex(report: Report, no: number, label: RegExp | string): number {
  const t = table(report, no);
  const match = (c: Table["columns"][number]) => (typeof label === "string" ? c.label === label : label.test(c.label));
  // Amount columns first: `/^收入\//` means the 收入 side's amount, not its 项目 column.
  const value = t.columns.findIndex((c) => c.role === "value" && match(c));
  const i = value >= 0 ? value : t.columns.findIndex(match);
  if (i < 0) throw new Error(`no column ${label} in table ${no} of ${report.meta.id}: ${t.columns.map((c) => c.label).join(" | ")}`);
  return i;
}

/** Changes one cell (table, source line, column by header) and returns what it was. */
export function setCell(report: Report, no: number, line: number, column: RegExp | string, value: string): string {
  const row = rowAt(report, no, line);
  const i = columnIndex(report, no, column);
  const before = row.cells[i] ?? "";
  row.cells[i] = value;
  return before;
}

/** Results of one rule on a report. */
export function resultsOf(report: Report, check: string): CheckResult[] {
  return runChecks(report, { maxYear: 2026 }).results.filter((r) => r.check === check);
}

export function statuses(results: CheckResult[]): Record<CheckStatus, number> {
  const counts: Record<CheckStatus, number> = { pass: 0, fail: 0, na: 0 };
  for (const r of results) counts[r.status]++;
  return counts;
}

/** The failures of one rule. */
export function failures(report: Report, check: string): CheckResult[] {
  return resultsOf(report, check).filter((r) => r.status === "fail");
}

/** The source line of the row whose code (or label, for rows without a code) is `key`, in the first group. */
export function lineOf(report: Report, no: number, key: string | RegExp): number {
  const t = table(report, no);
  const row = t.rows.find((r) => r.cells.some((c, i) => (t.columns[i]?.role === "code" || t.columns[i]?.role === "label") && (typeof key === "string" ? c === key : key.test(c))));
  if (!row) throw new Error(`no row ${key} in table ${no} of ${report.meta.id}`);
  return row.line;
}
