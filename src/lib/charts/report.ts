/**
 * The charts of one report, read from its standard tables through the one cell computation of line-items.ts:
 * where the money goes by 功能分类 (类 → 款 → 项), 基本支出 and 项目支出, income by source, “三公”经费 by item, and
 * 人员经费 and 公用经费. Every value is a table cell, kept as printed and pointing back to it. A chart whose table
 * is missing or empty in the source says so instead of drawing anything.
 */
import { yearKind } from "../format.ts";
import { headingLabel, tableLabel } from "../templates.ts";
import { columnCells, rowCells, tableCells, type CellRef } from "../line-items.ts";
import type { Column, Report, Table } from "../model.ts";
import { routes } from "../paths.ts";
import { isDashMark, isDecimal } from "../text.ts";
import type { Chart, ChartRow, ChartSeries, ChartValue, Gap } from "./model.ts";

export type ReportChartKey = "func" | "basic" | "income" | "three-public" | "personnel";

/** 因公出国（境）费, 公务用车购置费, 公务用车运行维护费, 公务接待费 — the items of “三公”经费, in the template's order. */
export const THREE_PUBLIC_ITEMS = [
  { key: "abroad", name: "因公出国（境）费", match: /因公出国/u },
  { key: "car-purchase", name: "公务用车购置费", match: /公务用车购置费$/u },
  { key: "car-ops", name: "公务用车运行维护费", match: /运行维护费$/u },
  { key: "reception", name: "公务接待费", match: /公务接待费$/u },
] as const;

/** A cell as a chart value: decimals and “——” as printed, anything else (an empty cell) as `""`. */
export function cellValue(report: Report, table: Table, cell: CellRef): ChartValue {
  const value = isDecimal(cell.value) || isDashMark(cell.value) ? cell.value : "";
  return { value, unit: cell.unit, ref: { report: report.meta.id, table: table.no, line: cell.row.line, column: cell.column.key } };
}

/** `公开03表《支出决算表》`; in a template without labels, its own name of the table (`《支出预算总表》`). */
const tableName = (report: Report, table: Table) => {
  const label = headingLabel(report.meta, table);
  return label ? `${label}《${table.standardTitle}》` : tableLabel(report.meta, table.no);
};
const lastName = (column: Column) => column.path.at(-1) ?? column.label;
const stateReason = (report: Report, table: Table | undefined, no: number) => {
  const name = table ? tableName(report, table) : tableLabel(report.meta, no);
  if (table?.state === "missing" && table.absent) return `本模板没有${name}。`;
  return table?.state === "empty" ? `${name}原文注明无数据。` : `原文缺少${name}。`;
};

interface Base {
  report: Report;
  key: ReportChartKey;
  title: string;
}

function chart(b: Base, rest: Omit<Chart, "id" | "type" | "title" | "period" | "csv" | "notes"> & { notes?: string[] }): Chart {
  return {
    id: b.key,
    type: "bars",
    title: b.title,
    period: yearKind(b.report.meta),
    csv: routes.reportChart(b.report.meta.id, b.key),
    notes: [],
    ...rest,
  };
}

/** The kind of absence of a table that is not present: published empty, or missing from the source. */
const stateGap = (table: Table | undefined): Gap => (table?.state === "empty" ? "empty" : table?.state === "missing" && table.absent ? "none" : "missing");

function absent(b: Base, reason: string, unit: string, gap?: Gap): Chart {
  return chart(b, { unit, basis: "", series: [], rows: [], absent: reason, ...(gap ? { gap } : {}) });
}

/**
 * The 合计 row of a table (its first value column) and the row's other value cells as chart rows — 基本支出 and
 * 项目支出 of 表三, 人员经费 and 公用经费 of 预算表六. `keyOf` names a row by its column's name.
 */
function partsOfTotal(report: Report, table: Table, keyOf: (name: string) => string | undefined): { total: CellRef; rows: ChartRow[] } | undefined {
  const first = firstValue(table);
  const total = columnCells(report, table, first).find((c) => c.rowCode === "" && TOTAL.test(c.rowLabel));
  if (!total) return undefined;
  const rows = rowCells(report, table, total.row)
    .filter((c) => c.index !== first)
    .map((c) => {
      const name = lastName(c.column);
      return { key: keyOf(name) ?? c.column.key, label: name, depth: 1, values: [cellValue(report, table, c)] };
    });
  return { total, rows };
}

const one = (label: string): ChartSeries[] => [{ key: "value", label }];

/** The table a 功能分类 chart reads: 支出总表 (all funds) when present, else the 一般公共预算 table. */
function classificationTable(report: Report): { table?: Table; notes: string[] } {
  const t3 = report.tables.find((t) => t.no === 3);
  const t5 = report.tables.find((t) => t.no === 5);
  if (t3?.state === "present") return { table: t3, notes: [] };
  if (t5?.state === "present") {
    return {
      table: t5,
      notes: [`${stateReason(report, t3, 3)}此图改用${tableName(report, t5)}，只含一般公共预算财政拨款，不是全部资金。`],
    };
  }
  return { notes: [stateReason(report, t3, 3)] };
}

const firstValue = (table: Table) => table.columns.findIndex((c) => c.role === "value");
const TOTAL = /^(?:合计|总计)$/u;

function functional(report: Report, { table, notes }: { table?: Table; notes: string[] }): Chart {
  const b: Base = { report, key: "func", title: "支出按功能分类" };
  if (!table) return absent(b, notes.join(""), report.meta.unit);
  const index = firstValue(table);
  const column = table.columns[index] as Column;
  const cells = columnCells(report, table, index);
  const total = cells.find((c) => c.rowCode === "" && TOTAL.test(c.rowLabel));
  const seen = new Set<string>();
  const rows: ChartRow[] = cells
    .filter((c) => c.rowCode !== "") // rowHeading() keeps only classification codes
    .map((c) => {
      const key = seen.has(c.rowCode) ? `${c.rowCode}-l${c.row.line}` : c.rowCode;
      seen.add(key);
      return { key, label: c.rowLabel, code: c.rowCode, depth: (c.rowCode.length - 1) / 2, values: [cellValue(report, table, c)] };
    });
  return chart(b, {
    unit: table.unit ?? report.meta.unit,
    basis: `${tableName(report, table)}“${column.label}”栏`,
    series: one("金额"),
    rows,
    ...(total ? { total: { label: total.rowLabel, value: cellValue(report, table, total) } } : {}),
    notes,
  });
}

function basicProject(report: Report, { table, notes }: { table?: Table; notes: string[] }): Chart {
  const b: Base = { report, key: "basic", title: "基本支出与项目支出" };
  if (!table) return absent(b, notes.join(""), report.meta.unit);
  const parts = partsOfTotal(report, table, (name) => (/基本支出$/u.test(name) ? "basic" : /项目支出$/u.test(name) ? "project" : undefined));
  if (!parts) return absent(b, `${tableName(report, table)}中没有合计行。`, table.unit ?? report.meta.unit);
  const { total: totalCell, rows } = parts;
  return chart(b, {
    unit: table.unit ?? report.meta.unit,
    basis: `${tableName(report, table)}“${totalCell.rowLabel}”行`,
    series: one("金额"),
    rows,
    total: { label: lastName(totalCell.column) === totalCell.rowLabel ? totalCell.rowLabel : `${totalCell.rowLabel}（${lastName(totalCell.column)}）`, value: cellValue(report, table, totalCell) },
    notes,
  });
}

function income(report: Report): Chart {
  const b: Base = { report, key: "income", title: "收入来源" };
  const table = report.tables.find((t) => t.no === 1);
  if (table?.state !== "present") return absent(b, stateReason(report, table, 1), report.meta.unit);
  const index = table.columns.findIndex((c) => c.role === "value" && c.group === 1);
  const cells = columnCells(report, table, index);
  const total = cells.find((c) => /^(?:收入总计|总计)$/u.test(c.rowLabel));
  const rows: ChartRow[] = cells
    .filter((c) => c.rowLabel !== "" && !/(?:合计|总计)$/u.test(c.rowLabel))
    .map((c) => ({ key: `l${c.row.line}`, label: c.rowLabel, depth: 1, values: [cellValue(report, table, c)] }));
  return chart(b, {
    unit: table.unit ?? report.meta.unit,
    basis: `${tableName(report, table)}收入栏`,
    series: one("金额"),
    rows,
    ...(total ? { total: { label: total.rowLabel, value: cellValue(report, table, total) } } : {}),
    notes: cells.some((c) => c.rowLabel === "本年收入合计") ? ["“本年收入合计”是它上面各项之和，图中不重复列出。"] : [],
  });
}

export function threePublic(report: Report): Chart {
  const b: Base = { report, key: "three-public", title: "“三公”经费" };
  const no = report.meta.kind === "final" ? 9 : 10;
  const table = report.tables.find((t) => t.no === no);
  if (table?.state !== "present") return absent(b, stateReason(report, table, no), report.meta.unit, stateGap(table));
  const unit = table.unit ?? report.meta.unit;
  const basis = tableName(report, table);
  if (report.meta.kind === "budget") {
    // Rows are the items; the first value column is the 合计 of all funds.
    const cells = columnCells(report, table, firstValue(table)).filter((c) => !/购置及运行/u.test(c.rowLabel));
    const total = cells.find((c) => TOTAL.test(c.rowLabel));
    const rows = THREE_PUBLIC_ITEMS.flatMap((item) => {
      const cell = cells.find((c) => item.match.test(c.rowLabel));
      return cell ? [{ key: item.key, label: cell.rowLabel, depth: 1, values: [cellValue(report, table, cell)] }] : [];
    });
    return chart(b, {
      unit,
      basis: `${basis}“${table.columns[firstValue(table)]?.label ?? ""}”栏`,
      series: one("预算数"),
      rows,
      ...(total ? { total: { label: total.rowLabel, value: cellValue(report, table, total) } } : {}),
    });
  }
  // 公开09表: one row; the items are columns, first the 预算数 then the 决算数.
  const row = table.rows.find((r) => !r.heading);
  const cells = row ? rowCells(report, table, row) : [];
  const sides = ["预算数", "决算数"].map((top) => ({ top, cells: cells.filter((c) => c.column.path[0] === top) }));
  const series: ChartSeries[] = sides.map(({ top, cells }) => {
    const total = cells.find((c) => /合计$/u.test(c.column.label));
    return { key: top === "预算数" ? "plan" : "actual", label: top, ...(total ? { total: cellValue(report, table, total) } : {}) };
  });
  const rows: ChartRow[] = THREE_PUBLIC_ITEMS.map((item) => ({
    key: item.key,
    label: item.name,
    depth: 1,
    values: sides.map(({ cells }) => {
      const cell = cells.find((c) => item.match.test(lastName(c.column)));
      return cell ? cellValue(report, table, cell) : undefined;
    }),
  }));
  return chart(b, { unit, basis, series, rows });
}

function personnel(report: Report): Chart {
  const b: Base = { report, key: "personnel", title: "人员经费与公用经费" };
  const table = report.tables.find((t) => t.no === 6);
  if (table?.state !== "present") return absent(b, stateReason(report, table, 6), report.meta.unit);
  const unit = table.unit ?? report.meta.unit;
  const basis = tableName(report, table);
  if (report.meta.kind === "budget") {
    const parts = partsOfTotal(report, table, (name) => (/人员经费/u.test(name) ? "personnel" : /公用经费/u.test(name) ? "public" : undefined));
    if (!parts) return absent(b, `${basis}中没有合计行。`, unit);
    const { total: totalCell, rows } = parts;
    return chart(b, {
      unit,
      basis: `${basis}“${totalCell.rowLabel}”行`,
      series: one("金额"),
      rows,
      total: { label: `基本支出${totalCell.rowLabel}`, value: cellValue(report, table, totalCell) },
    });
  }
  // 公开06表 prints 人员经费合计 and 公用经费合计 as rows; the 基本支出 they add up to is printed in 公开05表.
  const cells = tableCells(report, table);
  const rows = [
    { key: "personnel", match: /^人员经费合计$/u },
    { key: "public", match: /^公用经费合计$/u },
  ].flatMap(({ key, match }) => {
    const cell = cells.find((c) => match.test(c.rowLabel));
    return cell ? [{ key, label: cell.rowLabel, depth: 1, values: [cellValue(report, table, cell)] }] : [];
  });
  const t5 = report.tables.find((t) => t.no === 5 && t.state === "present");
  const totalCell = t5
    ? columnCells(report, t5, t5.columns.findIndex((c) => c.role === "value" && /基本支出$/u.test(c.label))).find((c) => TOTAL.test(c.rowLabel))
    : undefined;
  return chart(b, {
    unit,
    basis: `${basis}“人员经费合计”“公用经费合计”行`,
    series: one("金额"),
    rows,
    ...(t5 && totalCell ? { total: { label: `一般公共预算财政拨款基本支出（${tableName(report, t5)}）`, value: cellValue(report, t5, totalCell) } } : {}),
    notes: t5 && totalCell ? [] : ["原表没有印出两者的合计。"],
  });
}

/** Every chart of a report, in the order the report page shows them. */
export function reportCharts(report: Report): Chart[] {
  const basis = classificationTable(report);
  return [functional(report, basis), basicProject(report, basis), income(report), threePublic(report), personnel(report)];
}

/**
 * The 功能分类 and 基本/项目 charts read from one given table (3: all funds, 5: 一般公共预算 only), when it is present:
 * comparisons across years and cities must read the same table for every report.
 */
export function classificationCharts(report: Report, no: 3 | 5): { func: Chart; basic: Chart } | undefined {
  const table = report.tables.find((t) => t.no === no);
  if (table?.state !== "present") return undefined;
  const basis = { table, notes: [] };
  return { func: functional(report, basis), basic: basicProject(report, basis) };
}
