/**
 * The tidy line items: one row per non-empty numeric cell of every standard table, in source order. This is the one
 * computation of "which number belongs to which row and column"; pages, downloads and charts reuse it.
 */
import { LINE_ITEM_COLUMNS, type Column, type LineItem, type Report, type RowLevel, type Table, type TableRow } from "./model.ts";
import type { ParquetColumn } from "./export/parquet.ts";
import { isDecimal } from "./text.ts";

const CODE = /^\d{3}(?:\d{2}){0,2}$/u;

export interface CellRef {
  row: TableRow;
  column: Column;
  /** Index of the column in the table. */
  index: number;
  rowCode: string;
  rowLabel: string;
  value: string;
  unit: string;
}

/** The row code and label that a value cell of `column` belongs to. */
export function rowHeading(table: Pick<Table, "columns">, row: TableRow, column: Column): { code: string; label: string } {
  const group = table.columns.map((c, i) => ({ c, v: row.cells[i] ?? "" })).filter(({ c }) => c.group === column.group);
  const codeCell = group.find(({ c }) => c.role === "code")?.v ?? "";
  const code = CODE.test(codeCell) ? codeCell : "";
  const labels = group.filter(({ c, v }) => v !== "" && (c.role === "label" || (c.role === "code" && !CODE.test(v)))).map(({ v }) => v);
  if (labels.length > 0) return { code, label: labels.join("/") };
  // A merged label cell printed in an earlier group (公开06表: `公用经费合计` spans to the last amount column).
  const index = table.columns.indexOf(column);
  for (let i = index - 1; i >= 0; i--) {
    const c = table.columns[i] as Column;
    const v = row.cells[i] ?? "";
    if (v !== "" && (c.role === "label" || (c.role === "code" && !CODE.test(v)))) return { code, label: v };
  }
  return { code, label: "" };
}

/** The unit of a value: the table's, except the counts of 公开10表's 国有资产占用 section. */
function unitOf(report: Report, table: Table, rowLabel: string, inAssets: boolean): string {
  const unit = table.unit ?? report.meta.unit;
  if (!(report.meta.kind === "final" && table.no === 10 && inAssets)) return unit;
  const stated = /[（(]([辆台套（）()]+)[)）]\s*$/u.exec(rowLabel);
  if (stated?.[1]) return stated[1];
  return /设备/u.test(rowLabel) ? "台（套）" : "辆";
}

/** The cells of a table that `keep`, row by row, with the row and column each belongs to and its unit; `value` as printed. */
function* allCells(report: Report, table: Table, keep: (value: string, index: number, row: TableRow) => boolean): Generator<CellRef> {
  let inAssets = false;
  for (const row of table.rows) {
    if (/国有资产占用/u.test(row.cells.join(""))) inAssets = true;
    if (row.heading) continue;
    for (const [index, column] of table.columns.entries()) {
      if (column.role !== "value") continue;
      const value = row.cells[index] ?? "";
      if (!keep(value, index, row)) continue;
      const { code, label } = rowHeading(table, row, column);
      yield { row, column, index, rowCode: code, rowLabel: label, value, unit: unitOf(report, table, label, inAssets) };
    }
  }
}

/** Every numeric cell of a table with the row and column it belongs to, in source order. */
export function tableCells(report: Report, table: Table): CellRef[] {
  return [...allCells(report, table, (value) => isDecimal(value))];
}

/**
 * Every row's cell in one value column — empty cells and “——” marks included, so a chart can show them as what they
 * are rather than drop them.
 */
export function columnCells(report: Report, table: Table, index: number): CellRef[] {
  return [...allCells(report, table, (_, i) => i === index)];
}

/** Every value cell of a table, row by row — empty cells and “——” marks included. */
export function valueCells(report: Report, table: Table): CellRef[] {
  return [...allCells(report, table, () => true)];
}

/** Every value cell of one row, empty cells and “——” marks included. */
export function rowCells(report: Report, table: Table, row: TableRow): CellRef[] {
  return [...allCells(report, table, (_, __, r) => r === row)];
}

/** A label that totals other rows or columns: 合计, 总计, 小计 and their longer forms (本年收入合计, 人员经费合计, 收入总计 …). */
const TOTAL = /(?:合计|总计|小计)$/u;

/**
 * The level of a row: 类 / 款 / 项 by the length of its 科目代码 (3, 5, 7 digits; the economic classification's 301 /
 * 30101 too), 合计 for a row without a code whose name is a total, other for the rest (e.g. the income items of 公开01表,
 * whose expenditure side names its 类 without codes).
 */
export function rowLevel(code: string, label: string): RowLevel {
  if (code.length === 3) return "类";
  if (code.length === 5) return "款";
  if (code.length === 7) return "项";
  return code === "" && TOTAL.test(label.replace(/\s+/gu, "")) ? "合计" : "other";
}

/** A column whose last header level is a total (`支出/合计`, `本年支出合计`, `…/小计`). */
export function isTotalColumn(column: Column): boolean {
  const last = (column.label.split("/").at(-1) ?? "").replace(/\s+/gu, "");
  return TOTAL.test(last);
}

export function lineItems(report: Report): LineItem[] {
  const items: LineItem[] = [];
  for (const table of report.tables) {
    for (const cell of tableCells(report, table)) {
      const level = rowLevel(cell.rowCode, cell.rowLabel);
      items.push({
        report_id: report.meta.id,
        city: report.meta.city.name,
        department: report.meta.department.name,
        year: String(report.meta.year),
        kind: report.meta.kind,
        table_no: String(table.no),
        table_title: table.title ?? table.standardTitle,
        row_code: cell.rowCode,
        row_level: level,
        row_label: cell.rowLabel,
        column_label: cell.column.label,
        is_total: level === "合计" || isTotalColumn(cell.column) ? "true" : "false",
        value: cell.value,
        unit: cell.unit,
      });
    }
  }
  return items;
}

/** A line item as the CSV's columns, in order (the compact form the build passes between threads). */
export function lineItemRecord(i: LineItem): string[] {
  return LINE_ITEM_COLUMNS.map((c) => i[c]);
}

/**
 * The columns of data/line-items.parquet, read from lineItemRecord()s: the CSV's, `year` and `table_no` as integers,
 * the rest text exactly as in the CSV (`value` the decimal string as printed), and `value_decimal` the same number
 * typed DECIMAL(18, 4).
 */
export const LINE_ITEM_PARQUET: ParquetColumn<readonly string[]>[] = LINE_ITEM_COLUMNS.flatMap((name, i): ParquetColumn<readonly string[]>[] => {
  const type = name === "year" || name === "table_no" ? "int32" : name === "is_total" ? "boolean" : "string";
  const column: ParquetColumn<readonly string[]> = { name, type, value: (r) => r[i] ?? "" };
  return name === "value" ? [column, { name: "value_decimal", type: "decimal", value: (r) => r[i] ?? "" }] : [column];
});
