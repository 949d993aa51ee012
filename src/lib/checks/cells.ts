/**
 * Reading the published cells a rule needs: tables by number, columns by their published header, rows by code or
 * label. Everything is matched on what the document prints (never on positions), and every cell read carries a
 * pointer to where it is printed.
 */
import { rowHeading } from "../line-items.ts";
import type { Column, Report, Table, TableRow } from "../model.ts";
import { tableLabel } from "../templates.ts";
import type { CellPointer } from "./types.ts";

export const CODE = /^\d{3}(?:\d{2}){0,2}$/u;

export interface Cell extends CellPointer {
  /** The amount unit of the cell's table (元, 万元), where the table states one: comparisons across units convert. */
  unit?: string;
}

/** The table if it is present (with rows); undefined when missing or published empty. */
export function presentTable(report: Report, no: number): Table | undefined {
  const t = report.tables.find((x) => x.no === no);
  return t && t.state === "present" ? t : undefined;
}

export function tableName(report: Report, no: number): string {
  return tableLabel(report.meta, no);
}

/** Index of the first value column whose label matches (optionally within one side-by-side group). */
export function valueColumn(table: Table, label: RegExp, group?: number): number {
  return table.columns.findIndex((c) => c.role === "value" && (group === undefined || c.group === group) && label.test(c.label));
}

/** Indices of every value column of a group (all groups when undefined). */
export function valueColumns(table: Table, group?: number): number[] {
  return table.columns.flatMap((c, i) => (c.role === "value" && (group === undefined || c.group === group) ? [i] : []));
}

/** Groups that have a code column. */
export function codeGroups(table: Table): number[] {
  return [...new Set(table.columns.filter((c) => c.role === "code").map((c) => c.group))];
}

/** Codes and labels are asked for again and again by the rules: computed once per row and group. */
let headings = new WeakMap<TableRow, Map<number, { code: string; label: string }>>();

let memos = new WeakMap<object, Map<string, unknown>>();

/**
 * Forgets the codes, labels and other readings kept during a run (runChecks calls it first, so a report changed
 * between runs is read anew).
 */
export function startRun(): void {
  headings = new WeakMap();
  memos = new WeakMap();
}

/** What `compute` reads from `owner` (a report, a mention…), computed once per run of the checks. */
export function memo<T>(owner: object, key: string, compute: () => T): T {
  let byKey = memos.get(owner);
  if (!byKey) memos.set(owner, (byKey = new Map()));
  if (!byKey.has(key)) byKey.set(key, compute());
  return byKey.get(key) as T;
}

function heading(table: Table, row: TableRow, group: number): { code: string; label: string } {
  let byGroup = headings.get(row);
  if (!byGroup) headings.set(row, (byGroup = new Map()));
  let h = byGroup.get(group);
  if (!h) {
    const ci = table.columns.findIndex((c) => c.role === "code" && c.group === group);
    const v = ci >= 0 ? (row.cells[ci] ?? "") : "";
    const column = table.columns.find((c) => c.group === group && c.role === "value") ?? table.columns.find((c) => c.group === group);
    h = { code: CODE.test(v) ? v : "", label: column ? rowHeading(table, row, column).label : "" };
    byGroup.set(group, h);
  }
  return h;
}

/** The code of a row in a group (a 3-, 5- or 7-digit code), or "". */
export function codeOf(table: Table, row: TableRow, group = 1): string {
  return heading(table, row, group).code;
}

/** The row's label in a group (its name cells, or a total such as 合计 printed in the code column). */
export function labelOf(table: Table, row: TableRow, group = 1): string {
  return heading(table, row, group).label;
}

/** Strips list numbering: `八、社会保障和就业支出` → `社会保障和就业支出`, `(一)行政单位` → `行政单位`. */
export function bareLabel(label: string): string {
  return label
    .replace(/\s+/gu, "")
    .replace(/^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+[.、．]|[①②③④⑤⑥⑦⑧⑨⑩])/u, "");
}

/** `208 社会保障和就业支出`: a row's code and label in a group (the label alone where it has no code). */
export function rowName(table: Table, row: TableRow, group = 1): string {
  return `${codeOf(table, row, group)} ${labelOf(table, row, group)}`.trim();
}

/** The pointer to one cell. */
export function cellAt(table: Table, row: TableRow, index: number): Cell {
  const column = table.columns[index] as Column;
  const { code, label } = memo(row, column.key, () => rowHeading(table, row, column));
  return {
    table: table.no,
    line: row.line,
    column: column.key,
    columnLabel: column.label,
    row: code ? `${code} ${label}`.trim() : label,
    value: row.cells[index] ?? "",
    ...(table.unit ? { unit: table.unit } : {}),
  };
}

/** Body rows that are not headings. */
export function bodyRows(table: Table): TableRow[] {
  return table.rows.filter((r) => !r.heading);
}


/** The 合计 row of a table with codes: the first row whose label is a total and which has no code. */
export function totalRow(table: Table, group = 1): TableRow | undefined {
  return bodyRows(table).find((r) => codeOf(table, r, group) === "" && /^(?:合计|总计|部门合计)$/u.test(labelOf(table, r, group).replace(/\s+/gu, "")));
}


/** `表三 · 208 社会保障和就业支出 · 基本支出` */
export function placeOf(report: Report, table: Table | number, row?: string, column?: string): string {
  const no = typeof table === "number" ? table : table.no;
  return [tableName(report, no), row, column].filter((x) => x !== undefined && x !== "").join(" · ");
}

/** One coded row of a code space: its code, row, group, and the group's value columns. */
export interface CodedEntry {
  code: string;
  row: TableRow;
  group: number;
  values: number[];
}

/**
 * The code spaces of a table: normally one per side-by-side group with codes; but the groups of the final accounts'
 * 基本支出明细表 (公开06表) continue each other (310 资本性支出 starts in one group and goes on in the next), so there
 * they are one space.
 */
export function codeSpaces(report: Report, table: Table): CodedEntry[][] {
  const spaces = codeGroups(table).map((group) => {
    const values = valueColumns(table, group);
    return bodyRows(table).flatMap((row) => {
      const code = codeOf(table, row, group);
      return code === "" ? [] : [{ code, row, group, values }];
    });
  });
  const continued = report.meta.kind === "final" && table.no === 6;
  return continued ? [spaces.flat()] : spaces;
}
