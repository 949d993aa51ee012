/**
 * The CSV of exactly what a chart displays: one line per drawn value (row × series), then the totals printed with
 * the chart — values as published (shares with the amount and total they are computed from), and the table cell
 * each value is read from. Plain UTF-8 (no BOM), like every CSV of the site.
 */
import { writeCsv } from "../csv.ts";
import { MISSING_VALUES, TABLE_SCHEMA_PROFILE, type Field, type TableSchema } from "../export/datapackage.ts";
import { safeText } from "../export/safe.ts";
import type { Chart, ChartValue } from "./model.ts";

export const CHART_CSV_COLUMNS = [
  "chart",
  "row_key",
  "row_code",
  "row_label",
  "depth",
  "series",
  "series_report",
  "value",
  "unit",
  "published_value",
  "published_unit",
  "amount",
  "total",
  "absent",
  "source_report",
  "source_table",
  "source_line",
  "source_column",
  "stated_by",
  "stated_base",
  "stated_implied",
] as const;

function line(chart: Chart, row: { key: string; code?: string; label: string; depth: number }, series: { label: string; report?: string }, v: ChartValue | undefined): string[] {
  const value = v ?? { value: "", absent: "无此项", gap: "none" };
  return [
    chart.id,
    row.key,
    row.code ?? "",
    row.label,
    String(row.depth),
    series.label,
    series.report ?? "",
    value.value,
    // In a chart of shares only the shares are in %: the totals beside them are amounts, in their own unit.
    chart.unit === "%" && !value.amount && value.unit ? value.unit : chart.unit,
    value.published?.value ?? value.amount?.published?.value ?? "",
    value.published?.unit ?? value.amount?.published?.unit ?? "",
    value.amount?.value ?? "",
    value.of?.value ?? "",
    value.absent ?? "",
    value.ref?.report ?? value.amount?.ref?.report ?? "",
    String(value.ref?.table ?? value.amount?.ref?.table ?? ""),
    String(value.ref?.line ?? value.amount?.ref?.line ?? ""),
    value.ref?.column ?? value.amount?.ref?.column ?? "",
    value.stated?.report ?? "",
    value.stated?.base ?? "",
    value.stated ? String(value.stated.implied) : "",
  ];
}

export function chartCsv(chart: Chart): string {
  const rows: string[][] = [];
  if (!chart.absent) {
    // A series of stated values has a line only where the text states one (nothing is drawn elsewhere).
    for (const row of chart.rows) chart.series.forEach((s, i) => (s.stated && row.values[i] === undefined ? undefined : rows.push(line(chart, row, s, row.values[i]))));
    for (const s of chart.series) if (s.total) rows.push(line(chart, { key: "total", label: "合计", depth: 0 }, s, s.total));
    if (chart.total) rows.push(line(chart, { key: "total", label: chart.total.label, depth: 0 }, { label: "" }, chart.total.value));
  }
  return writeCsv([...CHART_CSV_COLUMNS], rows.map((r) => r.map(safeText)));
}

const DESCRIPTIONS: Record<(typeof CHART_CSV_COLUMNS)[number], [Field["type"], string]> = {
  chart: ["string", "图表编号"],
  row_key: ["string", "行（图中一项）的编号；total 为合计"],
  row_code: ["string", "功能分类科目代码，没有则为空"],
  row_label: ["string", "行名称（原文）"],
  depth: ["integer", "科目层级：1 类、2 款、3 项；0 为合计"],
  series: ["string", "系列（报告、部门、预算数/决算数）"],
  series_report: ["string", "该系列对应的报告编号"],
  value: ["number", "图中的数：原文金额；单位为 % 时是本站计算的占比（一位小数）；空表示原文为空或缺"],
  unit: ["string", "单位（% 为本站计算的占比）"],
  published_value: ["number", "原文以另一单位公布、为同图比较而换算时：原文数字（value 为小数点移位后的数，不舍入）；否则为空"],
  published_unit: ["string", "原文数字的单位（元、万元），仅在换算时填写"],
  amount: ["number", "占比所依据的原文金额"],
  total: ["number", "占比所依据的原文合计"],
  absent: ["string", "没有数的原因（原文缺表等）"],
  source_report: ["string", "数字所在的报告编号"],
  source_table: ["integer", "数字所在的表号"],
  source_line: ["integer", "数字所在行在原文文本中的行号"],
  source_column: ["string", "数字所在的列（c1…cN）"],
  stated_by: ["string", "不是表格里的数、而是某报告情况说明里所说的上年数时：该报告编号；否则为空"],
  stated_base: ["string", "该上年数的比较基数，照录原文（上年、上年预算、2023年决算…）"],
  stated_implied: ["boolean", "true：原文未写出上年数，由本年数和增减额推出；false：原文写出"],
};

export function chartSchema(): TableSchema {
  return {
    $schema: TABLE_SCHEMA_PROFILE,
    fields: CHART_CSV_COLUMNS.map((name) => ({ name, type: DESCRIPTIONS[name][0], description: DESCRIPTIONS[name][1] })),
    missingValues: MISSING_VALUES,
  };
}
