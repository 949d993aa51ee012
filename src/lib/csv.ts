/** CSV reading and writing with PapaParse: no type guessing (codes such as `007` stay strings), every error located. */
import Papa from "papaparse";
import type { Problem } from "./problems.ts";

export interface CsvTable {
  header: string[];
  /** Data rows, each with its 1-based line in the file (the header is line 1). */
  rows: { line: number; record: Record<string, string> }[];
}

const shorten = (v: string) => (v.length > 60 ? `${v.slice(0, 59)}…` : v);

/**
 * Parses CSV text with a header row. Malformed rows (unclosed quotes, wrong field counts) are reported with their line,
 * the column at fault (named by `name`, e.g. by its published header) and what is there.
 */
export function parseCsv(text: string, file: string, name: (key: string) => string = (k) => k): { table: CsvTable; problems: Problem[] } {
  const problems: Problem[] = [];
  const result = Papa.parse<string[]>(text, { header: false, delimiter: ",", dynamicTyping: false, skipEmptyLines: false });
  const data = result.data;
  // A final newline produces one empty row.
  if (data.length > 0 && data.at(-1)?.length === 1 && data.at(-1)?.[0] === "") data.pop();
  const header = data[0] ?? [];
  const column = (k: number) => (header[k] !== undefined ? name(header[k] as string) : `field ${k + 1}`);
  const faulty = new Set<number>();
  for (const e of result.errors) {
    const row = e.row ?? 0;
    faulty.add(row);
    const cells = data[row] ?? [];
    const k = Math.max(0, cells.length - 1);
    const cell = (cells[k] ?? "").split("\n")[0] as string;
    const quoted = e.code === "MissingQuotes" || e.code === "InvalidQuotes";
    problems.push({
      file,
      line: row + 1,
      column: column(k),
      value: shorten(quoted ? `"${cell}` : cell),
      rule: quoted ? `malformed CSV: a quoted field is not closed (${e.message}); every following line was read into it` : `malformed CSV: ${e.message}`,
    });
  }
  if (data.length === 0) problems.push({ file, line: 1, value: text, rule: "CSV has no header row" });
  const rows: CsvTable["rows"] = [];
  for (let i = 1; i < data.length; i++) {
    const cells = data[i] as string[];
    const line = i + 1;
    if (cells.length !== header.length) {
      if (faulty.has(i)) continue;
      const more = cells.length > header.length;
      problems.push({
        file,
        line,
        column: more ? `field ${header.length + 1} (beyond the last column, ${column(header.length - 1)})` : column(cells.length),
        value: shorten(more ? cells.slice(header.length).join(",") : cells.join(",")),
        rule: more
          ? `row has ${cells.length} fields, the header has ${header.length}: ${cells.length - header.length} too many (an unquoted comma in a value, or a misplaced row)`
          : `row has ${cells.length} fields, the header has ${header.length}: this column and those after it are missing (truncated or malformed CSV)`,
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
    const last = text.slice(text.lastIndexOf("\n") + 1);
    problems.push({ file, line: data.length, column: column(Math.max(0, (data.at(-1) ?? []).length - 1)), value: shorten(last), rule: "CSV does not end with a newline: the file may be truncated" });
  }
  return { table: { header, rows }, problems };
}

/** The first header cell that differs from `expected`, as a problem (undefined when the header is right). */
export function headerProblem(file: string, header: readonly string[], expected: readonly string[], name: (key: string) => string, what: string): Problem | undefined {
  const k = expected.findIndex((e, i) => header[i] !== e);
  const at = k >= 0 ? k : header.length > expected.length ? expected.length : -1;
  if (at < 0) return undefined;
  const want = expected[at];
  return {
    file,
    line: 1,
    column: want !== undefined ? `${name(want)}, field ${at + 1} of the header` : `field ${at + 1} of the header`,
    value: header[at] ?? "",
    rule: `${want !== undefined ? `must be "${want}"` : "must not be there"}: the header must be exactly ${expected.join(",")} (${what})`,
  };
}

/** Writes CSV deterministically: `\n` line ends, quotes only where needed, a final newline. */
export function writeCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return `${Papa.unparse([header as string[]], { newline: "\n" })}\n`;
  return `${Papa.unparse({ fields: header as string[], data: rows as string[][] }, { newline: "\n" })}\n`;
}
