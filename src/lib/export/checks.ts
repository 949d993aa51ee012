/**
 * The check results as download files: each report's `reports/<id>/data/checks.csv` (one row per rule and place),
 * every report's in `data/checks.parquet` (typed, compressed: the site-wide form), and every failure of every report
 * in `data/check-failures.csv` (small, for a spreadsheet). Rows are built once from
 * `runChecks()`; the report page reads the same rows back from a build-only side file (with every cell's row and
 * column names, which the downloads give as compact `表N L行 c列=值` pointers), so the page and the files cannot
 * disagree.
 */
import { strToU8 } from "fflate";
import type { ReportChecks } from "../checks/types.ts";
import { writeCsv } from "../csv.ts";
import { isDecimal } from "../text.ts";
import { routes } from "../paths.ts";
import { TABLE_SCHEMA_PROFILE, type Field, type TableSchema } from "./datapackage.ts";
import type { ParquetColumn } from "./parquet.ts";
import { file, type OutFile } from "./report-files.ts";
import { safeText } from "./safe.ts";

export const CHECK_COLUMNS = [
  "report_id",
  "check_id",
  "category",
  "title",
  "status",
  "place",
  "table_no",
  "expected",
  "found",
  "difference",
  "tolerance",
  "note",
  "cells",
] as const;

export type CheckColumn = (typeof CHECK_COLUMNS)[number];

/**
 * One cell a result reads, as the report page reads it (the downloads write it as a `表N L行 c列=值` pointer). `table`
 * 0 is the narrative (情况说明 / 概况) at source line `line`.
 */
export interface CheckCell {
  table: number;
  line: number;
  /** Column key (`c4`: the 4th column of the table, as in report.json); empty for a narrative amount. */
  column: string;
  column_label: string;
  row: string;
  /** As printed; "" for an empty cell. */
  value: string;
}

/** One result: the CSV's columns as strings, except `cells`, kept as objects for the report page. */
export type CheckRow = Record<Exclude<CheckColumn, "cells">, string> & { cells: CheckCell[] };

/** `表3 L203 c4=244.27`; a narrative amount `说明 L512=1234.56`; an empty cell `表2 L146 c8=`. */
export function cellText(c: CheckCell): string {
  return c.table === 0 ? `说明 L${c.line}=${c.value}` : `表${c.table} L${c.line} ${c.column}=${c.value}`;
}

/** The cells column of checks.csv: every cell's `cellText`, joined by `; `. */
export function cellsText(cells: readonly CheckCell[]): string {
  return cells.map(cellText).join("; ");
}

export function checkRows(checks: ReportChecks): CheckRow[] {
  return checks.results.map((r) => ({
    report_id: checks.reportId,
    check_id: r.check,
    category: r.category,
    title: r.title,
    status: r.status,
    place: r.place,
    table_no: String(r.table),
    expected: r.expected ?? "",
    found: r.found ?? "",
    difference: r.difference ?? "",
    tolerance: r.tolerance ?? "",
    note: r.note ?? "",
    cells: r.cells.map((c) => ({ table: c.table, line: c.line, column: c.column, column_label: c.columnLabel, row: c.row, value: c.value })),
  }));
}

/** The CSV records of some rows (no header), text neutralised against formula injection. */
export function checkRecords(rows: readonly CheckRow[]): string[][] {
  return rows.map((r) => CHECK_COLUMNS.map((c) => safeText(c === "cells" ? cellsText(r.cells) : r[c])));
}

/** The CSV text of rows without header, to append to a streamed file. */
export function checksCsvBody(rows: readonly CheckRow[]): string {
  if (rows.length === 0) return "";
  const text = writeCsv(CHECK_COLUMNS, checkRecords(rows));
  return text.slice(text.indexOf("\n") + 1);
}

/** checks.csv: header, one row per result (`body`: the rows' checksCsvBody, when it is already written). */
export function checksCsv(rows: readonly CheckRow[], body = checksCsvBody(rows)): string {
  return `${writeCsv(CHECK_COLUMNS, [])}${body}`;
}

/** Columns that hold a decimal when they hold anything (else text, such as `空` for an empty total). */
export const AMOUNT_COLUMNS = ["expected", "found", "difference", "tolerance"] as const;
export type AmountColumn = (typeof AMOUNT_COLUMNS)[number];

/** Of `candidates`, the amount columns in which every non-empty value of `rows` is a decimal. */
export function decimalColumns(rows: readonly CheckRow[], candidates: readonly AmountColumn[] = AMOUNT_COLUMNS): AmountColumn[] {
  return candidates.filter((c) => rows.every((r) => r[c] === "" || isDecimal(r[c])));
}

const DESCRIPTIONS: Record<CheckColumn, string> = {
  report_id: "报告编号",
  check_id: "规则编号（稳定不变，如 sum.code-hierarchy）",
  category: "类别：within 表内勾稽，cross 表间勾稽，narrative 文字与表格，completeness 完整性，plausibility 合理性",
  title: "规则（中文）",
  status: "结果：pass 通过，fail 不符，na 不适用",
  place: "核对的位置（表、行、列）",
  table_no: "表号（0 表示涉及多张表或情况说明）",
  expected: "应为：按规则由原文其他数字算出的数（与所核对的表同一单位，一般为万元）",
  found: "实为：原文印出的数；原文为空时是“空”",
  difference: "差额 = 实为 − 应为",
  tolerance: "容差：允许的尾数误差（每个参与计算的数字最多半个末位）",
  note: "说明（不适用的原因，或不符的含义）",
  cells:
    "涉及的原文格子，以“; ”分隔：“表N L行 c列=值”（N 为表号，行为原文行号，即表格 CSV 的 source_line，c列为第几列，值照录原文，空格为空）；情况说明中的数字写作“说明 L行=值”",
};

/** The Table Schema of a checks CSV; `decimals` are the amount columns typed `number` (see decimalColumns). */
export function checksSchema(decimals: readonly AmountColumn[] = []): TableSchema {
  const fields: Field[] = CHECK_COLUMNS.map((name) => ({
    name,
    type: name === "table_no" ? "integer" : (decimals as readonly string[]).includes(name) ? "number" : "string",
    description: DESCRIPTIONS[name],
  }));
  return { $schema: TABLE_SCHEMA_PROFILE, fields, missingValues: [""] };
}

/** A result as the CSV's columns, in order, the text as it is (not neutralised: Parquet cells are never evaluated). */
export function checkRecord(r: CheckRow): string[] {
  return CHECK_COLUMNS.map((c) => (c === "cells" ? cellsText(r.cells) : r[c]));
}

/**
 * The columns of data/checks.parquet, read from checkRecord()s: the CSV's, as text exactly as in the CSV (`table_no`
 * an integer), and each amount column once more typed DECIMAL (`expected_decimal`…), null where it holds no plain
 * decimal (such as `空`).
 */
export const CHECK_PARQUET: ParquetColumn<readonly string[]>[] = [
  ...CHECK_COLUMNS.map((name, i): ParquetColumn<readonly string[]> => ({ name, type: name === "table_no" ? "int32" : "string", value: (r) => r[i] ?? "" })),
  ...AMOUNT_COLUMNS.map((name): ParquetColumn<readonly string[]> => {
    const i = CHECK_COLUMNS.indexOf(name);
    return { name: `${name}_decimal`, type: "decimal", value: (r) => r[i] ?? "" };
  }),
];

/** The report's own checks.csv (its rows of data/checks.parquet). */
export function reportCheckFiles(reportId: string, rows: readonly CheckRow[], body = checksCsvBody(rows)): OutFile[] {
  return [file(routes.reportChecks(reportId), strToU8(checksCsv(rows, body)), "数据核对结果（每条规则每个位置一行）", { schema: checksSchema(decimalColumns(rows)) })];
}
