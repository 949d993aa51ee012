/**
 * The download files of a report, as bytes: per table CSV and JSON, the whole report as JSON, its line items as CSV
 * and JSON, an XLSX workbook (one sheet per table with the official headers) and a ZIP bundle of its CSVs with a
 * README and metadata. Pure and deterministic: the same report always gives the same bytes.
 */
import { strToU8, zipSync } from "fflate";
import { writeCsv } from "../csv.ts";
import { printedLabel } from "../templates.ts";
import { lineItems } from "../line-items.ts";
import { LINE_ITEM_COLUMNS, type Column, type LineItem, type Report, type Table } from "../model.ts";
import { headerRows } from "../table-layout.ts";
import { safeText } from "./safe.ts";
import { writeXlsx, type Merge, type Sheet, type SheetCell } from "./xlsx.ts";

export const SOURCE_LINE = "source_line";

/**
 * Column names of a table's CSV (and of its JSON twin and Table Schema): the published header levels joined with `/`,
 * numbered where they repeat, and neutralised against formula injection like every other CSV cell (a header printed
 * `=SUM(A1:A9)` is named `'=SUM(A1:A9)`; the exact header stays in the JSON's `path`).
 */
export function columnNames(columns: Column[]): string[] {
  const labels = columns.map((c) => c.label || c.key);
  return labels.map((l, i) => {
    const same = labels.filter((x) => x === l).length;
    return safeText(same > 1 ? `${l}（${labels.slice(0, i + 1).filter((x) => x === l).length}）` : l);
  });
}

function csv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return writeCsv(header, rows.map((r) => r.map(safeText)));
}

export function tableCsv(table: Table): string {
  return csv([...columnNames(table.columns), SOURCE_LINE], table.rows.map((r) => [...table.columns.map((_, i) => r.cells[i] ?? ""), String(r.line)]));
}

export function tableJson(report: Report, table: Table): object {
  const names = columnNames(table.columns);
  return {
    report_id: report.meta.id,
    table_no: table.no,
    label: printedLabel(report.meta, table),
    title: table.title ?? table.standardTitle,
    standard_title: table.standardTitle,
    state: table.state,
    unit: table.unit ?? report.meta.unit,
    ...(table.note ? { note: table.note } : {}),
    ...(table.emptyNote ? { empty_note: table.emptyNote } : {}),
    columns: table.columns.map((c, i) => ({ name: names[i], path: c.path, role: c.role, ...(c.colNo ? { col_no: c.colNo } : {}) })),
    // Each row's cells in the order of `columns` (named once there, not in every row: a third of the bytes).
    rows: table.rows.map((r) => ({
      [SOURCE_LINE]: r.line,
      ...(r.heading ? { heading: true } : {}),
      cells: table.columns.map((_, i) => r.cells[i] ?? ""),
    })),
  };
}

/** The report's line-items.csv; `items` when they are already at hand (the build computes them once a report). */
export function lineItemsCsv(report: Report, items: readonly LineItem[] = lineItems(report)): string {
  return csv(LINE_ITEM_COLUMNS, items.map((i) => LINE_ITEM_COLUMNS.map((c) => i[c])));
}

/** The whole report: metadata, every table with its rows, narrative, glossary, performance, notes. */
export function reportJson(report: Report): object {
  return report;
}

function tableSheet(report: Report, table: Table): Sheet {
  const header = headerRows(table.no, table.columns);
  const depth = header.length;
  const rows: SheetCell[][] = header.map(() => table.columns.map(() => ({ text: "", bold: true })));
  const merges: Merge[] = [];
  header.forEach((hr, r) => {
    for (const h of hr) {
      (rows[r] as SheetCell[])[h.first] = { text: h.text, bold: true };
      if (h.colspan > 1 || h.rowspan > 1) merges.push({ row: r + 1, col: h.first, rows: h.rowspan, cols: h.colspan });
    }
  });
  const title: SheetCell[] = [{ text: `${printedLabel(report.meta, table)} ${table.title ?? table.standardTitle}（单位：${table.unit ?? report.meta.unit}）`, bold: true }];
  const body = table.rows.map((r) => table.columns.map((c, i) => ({ text: r.cells[i] ?? "", number: c.role === "value" && !r.heading })));
  const notes: SheetCell[][] = [
    ...(table.state === "missing" ? [[{ text: table.absent ? `本模板无此表：${table.absent}。` : "原文中缺少此表。" }]] : []),
    ...(table.state === "empty" ? [[{ text: `本表无数据${table.emptyNote ? `（${table.emptyNote}）` : ""}` }]] : []),
    ...(table.note ? [[{ text: table.note }]] : []),
  ];
  const widths = table.columns.map((c, i) => Math.max(c.path.at(-1)?.length ?? 4, ...table.rows.map((r) => (r.cells[i] ?? "").length)) * (c.role === "value" ? 1.2 : 2));
  return {
    name: `${String(table.no).padStart(2, "0")} ${table.standardTitle}`,
    rows: [title, ...rows, ...body, ...notes],
    merges,
    frozenRows: 1 + depth,
    widths,
  };
}

export function reportXlsx(report: Report): Uint8Array {
  const about: Sheet = {
    name: "说明",
    rows: [
      [{ text: `${report.meta.department.name} ${report.meta.year}年${report.meta.kind === "budget" ? "部门预算" : "部门决算"}`, bold: true }],
      [{ text: "来源文件" }, { text: `${report.meta.title}（${report.meta.source.original}，SHA-256 ${report.meta.source.sha256}）` }],
      [{ text: "金额单位" }, { text: report.meta.unit }],
      [{ text: "说明" }, { text: "数字与公开文件一致；空白格表示原文为空（不是零）；“——”表示不适用。" }],
      [{ text: "报告编号" }, { text: report.meta.id }],
    ],
    widths: [12, 80],
  };
  return writeXlsx([about, ...report.tables.map((t) => tableSheet(report, t))]);
}

export function readme(report: Report, siteUrl: string): string {
  const m = report.meta;
  return [
    `${m.department.name} ${m.year}年${m.kind === "budget" ? "部门预算" : "部门决算"} — 数据包`,
    "",
    `报告编号：${m.id}`,
    `地区：${m.province.name}${m.city.name}`,
    `来源：${m.title}（原文件 ${m.source.original}，SHA-256 ${m.source.sha256}）`,
    `金额单位：${m.unit}（公开10表中的车辆、设备数以辆、台（套）计，见 line-items.csv 的 unit 列）`,
    "",
    "文件：",
    "  tables/NN.csv   每张标准表一个文件，列名为原表表头（多级表头以 / 连接），最后一列 source_line 为原文行号",
    "  line-items.csv  整理后的明细：每个非空数字单元格一行",
    "  metadata.json   报告元数据与各表状态（有数据 / 无数据 / 原文缺失）",
    "",
    "说明：数字为公开文件原样的十进制字符串，仅去掉了千分位逗号和 PDF 提取留下的空格；空白不等于零；原文缺失的表没有文件。",
    "CSV 为 UTF-8 编码（不带 BOM），pandas、R、DuckDB 等可直接读取；在 Excel 中请用“数据 → 从文本/CSV”并选 UTF-8 打开，或直接用同一文件夹中的 .xlsx。以 = + - @ 开头的文字前加了 ' 以防被当作公式。",
    "",
    `引用：${m.department.name}. ${m.title}. 透明 touming 整理${siteUrl ? `, ${siteUrl}reports/${m.id}/` : ""}`,
    "许可：原文为政府公开信息；整理代码以 MIT 许可发布。",
    "",
  ].join("\n");
}

export function metadataJson(report: Report): object {
  return {
    meta: report.meta,
    tables: report.tables.map((t) => ({ no: t.no, standard_title: t.standardTitle, title: t.title, label: t.label, state: t.state, rows: t.rowCount, unit: t.unit, note: t.note, empty_note: t.emptyNote })),
  };
}

export function reportZip(report: Report, siteUrl: string, itemsCsv = lineItemsCsv(report)): Uint8Array {
  const files: Record<string, Uint8Array> = {
    "README.txt": strToU8(readme(report, siteUrl)),
    "metadata.json": strToU8(`${JSON.stringify(metadataJson(report), null, 2)}\n`),
    "line-items.csv": strToU8(itemsCsv),
  };
  for (const t of report.tables) if (t.state !== "missing") files[`tables/${String(t.no).padStart(2, "0")}.csv`] = strToU8(tableCsv(t));
  return zipSync(files, { level: 6, mtime: new Date("2000-01-01T00:00:00Z") });
}
