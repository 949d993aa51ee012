/**
 * How a standard table is laid out in HTML, computed once from the model: the multi-level header as rows of cells
 * with colspan/rowspan and ids, the row header of each body cell, the 类/款/项 depth of a row, and the side-by-side
 * groups of 公开06表. Pure; the Astro components only print what this returns.
 */
import { cellId } from "./figures.ts";
import type { Column, Table, TableRow } from "./model.ts";
import { isDashMark } from "./text.ts";

export interface HeaderCell {
  id: string;
  text: string;
  /** Index of the first column the cell spans. */
  first: number;
  colspan: number;
  rowspan: number;
}

const CODE = /^\d{3}(?:\d{2}){0,2}$/u;

/** Header rows with merged cells: a column's path level l is merged with its left neighbour's when both paths agree up to l. */
export function headerRows(tableNo: number, columns: Column[]): HeaderCell[][] {
  const paths = columns.map((c) => (c.path.length > 0 ? c.path : [""]));
  const depth = Math.max(1, ...paths.map((p) => p.length));
  const rows: HeaderCell[][] = [];
  for (let level = 0; level < depth; level++) {
    const row: HeaderCell[] = [];
    let previous: { cell: HeaderCell; prefix: string } | undefined;
    paths.forEach((path, c) => {
      if (level >= path.length) {
        previous = undefined;
        return;
      }
      const prefix = JSON.stringify(path.slice(0, level + 1));
      if (previous && previous.prefix === prefix) {
        previous.cell.colspan++;
        return;
      }
      const rowspan = level === path.length - 1 ? depth - level : 1;
      const cell = { id: `t${tableNo}-h${level}-${c + 1}`, text: path[level] as string, first: c, colspan: 1, rowspan };
      row.push(cell);
      previous = { cell, prefix };
    });
    rows.push(row);
  }
  return rows;
}

/** Ids of the header cells above each column, top level first. */
export function columnHeaderIds(tableNo: number, columns: Column[]): string[][] {
  const rows = headerRows(tableNo, columns);
  return columns.map((_, c) => rows.flat().filter((cell) => c >= cell.first && c < cell.first + cell.colspan).map((cell) => cell.id));
}

export type CellKind = "rowheader" | "code" | "label" | "lineno" | "value";

export interface BodyCell {
  /** Index of the column. */
  index: number;
  kind: CellKind;
  text: string;
  /**
   * Unique id of a non-empty cell (the target of key-figure links and of the fidelity test), and of an empty cell
   * that something links to (a data check that reads it).
   */
  id?: string;
  /**
   * For value cells of a table printed as several groups side by side (收支总表: 收入 | 支出): the ids of the column
   * headers and of the row header of the cell's own group — scanning the row would also find the other groups' row
   * headers. A table of one group needs none: its header cells' `scope` says it (WCAG H63), at a fraction of the bytes.
   */
  headers?: string;
  /** 0 for 类 (3 digits), 1 for 款, 2 for 项; on the row-header cell of a coded row. */
  depth?: number;
}

/** The row header of each group of a row: its label cell if it has text, else a code cell holding a label (合计). */
function rowHeaderIndex(columns: Column[], row: TableRow, group: number): number | undefined {
  const inGroup = columns.map((c, i) => ({ c, i, v: row.cells[i] ?? "" })).filter(({ c }) => c.group === group);
  const label = inGroup.find(({ c, v }) => c.role === "label" && v !== "");
  if (label) return label.i;
  return inGroup.find(({ c, v }) => c.role === "code" && v !== "" && !CODE.test(v))?.i;
}

/** A set of cell ids (e.g. the cells of failed data checks). */
export interface IdSet {
  has(id: string): boolean;
}

const NONE: IdSet = { has: () => false };

/** The cells of a body row; `linked` are cell ids that get an id even when empty. */
export function bodyCells(table: Pick<Table, "no" | "columns">, row: TableRow, linked: IdSet = NONE): BodyCell[] {
  const { columns } = table;
  const groups = [...new Set(columns.map((c) => c.group))];
  const colHeaders = groups.length > 1 ? columnHeaderIds(table.no, columns) : [];
  const rowHeaders = new Map(groups.map((g) => [g, rowHeaderIndex(columns, row, g)]));
  const code = columns.findIndex((c, i) => c.role === "code" && CODE.test(row.cells[i] ?? ""));
  return columns.map((column, index) => {
    const text = row.cells[index] ?? "";
    const key = cellId(table.no, row.line, column.key);
    const id = text !== "" || linked.has(key) ? key : undefined;
    const headerIndex = rowHeaders.get(column.group);
    if (!row.heading && index === headerIndex) {
      const codeText = row.cells[columns.findIndex((c) => c.group === column.group && c.role === "code")] ?? "";
      const depth = CODE.test(codeText) ? (codeText.length - 3) / 2 : undefined;
      return { index, kind: "rowheader", text, ...(id ? { id } : {}), ...(depth !== undefined && code >= 0 ? { depth } : {}) };
    }
    if (column.role === "value" && !row.heading && groups.length > 1) {
      const rowHeader = headerIndex === undefined ? [] : [cellId(table.no, row.line, columns[headerIndex]?.key ?? "")];
      return { index, kind: "value", text, ...(id ? { id } : {}), headers: [...(colHeaders[index] ?? []), ...rowHeader].join(" ") };
    }
    if (column.role === "value" && !row.heading) return { index, kind: "value", text, ...(id ? { id } : {}) };
    const kind: CellKind = column.role === "value" ? "label" : column.role;
    return { index, kind, text, ...(id ? { id } : {}) };
  });
}

/**
 * 公开06表 prints four (code, name, amount) groups side by side to fill a page; read on a phone they are four lists.
 * A table lays out as groups when it has more than one group and every group is exactly (code, label, value).
 */
export function isGroupedLayout(columns: Column[]): boolean {
  const groups = [...new Set(columns.map((c) => c.group))];
  if (groups.length < 2) return false;
  return groups.every((g) => columns.filter((c) => c.group === g).map((c) => c.role).join(",") === "code,label,value");
}

export interface GroupView {
  group: number;
  /** Top header of the group (e.g. 人员经费, 公用经费). */
  heading: string;
  columns: Column[];
  rows: TableRow[];
}

const TOTAL = /合计$/u;

/**
 * The groups of a grouped table, each with the rows that have something in it (or a `linked` cell); rows that carry a group total
 * (`人员经费合计`, `公用经费合计`, printed across groups) go to a final `totals` list instead.
 */
export function groupViews(table: Pick<Table, "columns" | "rows"> & Partial<Pick<Table, "no">>, linked: IdSet = NONE): { groups: GroupView[]; totals: TableRow[] } {
  const totals = table.rows.filter((r) => r.cells.some((c) => TOTAL.test(c)));
  const body = table.rows.filter((r) => !totals.includes(r));
  const ids = [...new Set(table.columns.map((c) => c.group))];
  const groups = ids.map((group) => {
    const columns = table.columns.filter((c) => c.group === group);
    const indexes = columns.map((c) => table.columns.indexOf(c));
    return {
      group,
      heading: columns[0]?.path[0] ?? "",
      columns,
      rows: body.filter((r) => indexes.some((i) => (r.cells[i] ?? "") !== "" || linked.has(cellId(table.no ?? 0, r.line, table.columns[i]?.key ?? "")))),
    };
  });
  return { groups, totals };
}

export interface CellView {
  tag: "th" | "td";
  id?: string;
  /** None for a plain value cell. */
  class?: string;
  headers?: string;
  /** Text to print (amounts grouped with commas). */
  text: string;
  /** An empty value cell (printed blank, read as 空). */
  empty: boolean;
  /** A `——` not-applicable mark. */
  na: boolean;
}

/** The class of a cell that a failed data check reads. */
export const CHECK_FAIL_CLASS = "check-fail";

/**
 * What to print for a body cell; the markup is written inline by the table components (no component per cell).
 * `failed`: a failed data check reads the cell (it is marked).
 */
export function cellView(cell: BodyCell, extraClass: string, format: (value: string) => string, failed = false): CellView {
  // A value cell is the unmarked kind (styled as the default td of a standard table): no class for the commonest cell.
  const cls = [cell.kind === "value" ? "" : cell.kind, cell.depth !== undefined ? `depth-${cell.depth}` : "", extraClass, failed ? CHECK_FAIL_CLASS : ""].filter(Boolean).join(" ");
  const isValue = cell.kind === "value";
  const empty = isValue && cell.text === "";
  const na = isValue && isDashMark(cell.text);
  return {
    tag: cell.kind === "rowheader" ? "th" : "td",
    ...(cell.id ? { id: cell.id } : {}),
    ...(empty || na || cls ? { class: empty ? `${cls} empty`.trim() : na ? `${cls} na`.trim() : cls } : {}),
    ...(cell.headers !== undefined ? { headers: cell.headers } : {}),
    text: isValue && !empty && !na ? format(cell.text) : cell.text,
    empty,
    na,
  };
}
