/** CSV reading and writing with PapaParse: no type guessing (codes such as `007` stay strings), every error located. */
import Papa from "papaparse";
import type { Problem } from "./problems.ts";

export interface CsvTable {
  header: string[];
  /** Data rows, each with its 1-based line in the file (the header is line 1). */
  rows: { line: number; record: Record<string, string> }[];
}

/** Parses CSV text with a header row. Malformed rows (unclosed quotes, wrong field counts) are reported. */
export function parseCsv(text: string, file: string): { table: CsvTable; problems: Problem[] } {
  const problems: Problem[] = [];
  const result = Papa.parse<string[]>(text, { header: false, delimiter: ",", dynamicTyping: false, skipEmptyLines: false });
  const data = result.data;
  // A final newline produces one empty row.
  if (data.length > 0 && data.at(-1)?.length === 1 && data.at(-1)?.[0] === "") data.pop();
  for (const e of result.errors) {
    problems.push({ file, line: (e.row ?? 0) + 1, rule: `malformed CSV: ${e.message}` });
  }
  const header = data[0] ?? [];
  if (data.length === 0) problems.push({ file, rule: "CSV is empty: a header row is required" });
  const rows: CsvTable["rows"] = [];
  for (let i = 1; i < data.length; i++) {
    const cells = data[i] as string[];
    const line = i + 1;
    if (cells.length !== header.length) {
      problems.push({
        file,
        line,
        value: cells.join(","),
        rule: `row has ${cells.length} fields, the header has ${header.length} (truncated or malformed CSV)`,
      });
      continue;
    }
    const record: Record<string, string> = {};
    header.forEach((h, j) => {
      record[h] = cells[j] as string;
    });
    rows.push({ line, record });
  }
  if (!text.endsWith("\n") && text.length > 0) {
    problems.push({ file, line: data.length, rule: "CSV does not end with a newline: the file may be truncated" });
  }
  return { table: { header, rows }, problems };
}

/** Writes CSV deterministically: `\n` line ends, quotes only where needed, a final newline. */
export function writeCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return `${Papa.unparse([header as string[]], { newline: "\n" })}\n`;
  return `${Papa.unparse({ fields: header as string[], data: rows as string[][] }, { newline: "\n" })}\n`;
}
