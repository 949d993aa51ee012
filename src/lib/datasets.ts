/**
 * The datasets of one report as files: what the importer writes and the loader reads. One place defines the layout
 * so that writing and reading cannot drift apart.
 */
import { writeCsv } from "./csv.ts";
import type { PerformanceDocument, ReportDocument, Table } from "./model.ts";

export const REPORT_FILE = "report.json";
export const PERFORMANCE_FILE = "performance.json";
export const SOURCE_FILE = "source.txt";
export const TABLE_FIXED_COLUMNS = ["line", "type"] as const;

export function tableFile(no: number): string {
  return `tables/${String(no).padStart(2, "0")}.csv`;
}

export function tableHeader(table: Pick<Table, "columns">): string[] {
  return [...TABLE_FIXED_COLUMNS, ...table.columns.map((c) => c.key)];
}

/** A table CSV's column named by its published header, its CSV key after it: `本年支出/小计 (c3)`. */
export function columnName(table: Pick<Table, "columns">, key: string): string {
  const m = /^c(\d+)$/u.exec(key);
  const column = m ? table.columns[Number(m[1]) - 1] : undefined;
  return column?.label ? `${column.label} (${key})` : key;
}

/** A table body as CSV: `line` (source line), `type` (`data` or `heading`), then one column per table column. */
export function tableCsv(table: Table): string {
  return writeCsv(
    tableHeader(table),
    table.rows.map((r) => [String(r.line), r.heading ? "heading" : "data", ...r.cells]),
  );
}

export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Every file of a report's folder (paths relative to the folder), source text included. */
export function reportFiles(
  source: string,
  document: ReportDocument,
  tables: Table[],
  performance: PerformanceDocument,
): Map<string, string> {
  const files = new Map<string, string>();
  files.set(SOURCE_FILE, source);
  files.set(REPORT_FILE, json({ $schema: "../../../../schemas/report.schema.json", ...document }));
  for (const t of tables) if (t.state !== "missing") files.set(tableFile(t.no), tableCsv(t));
  files.set(PERFORMANCE_FILE, json({ $schema: "../../../../schemas/performance.schema.json", ...performance }));
  return files;
}
