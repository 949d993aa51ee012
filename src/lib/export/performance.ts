/**
 * The 绩效 tables as two tidy CSVs, per report and site-wide: `projects.csv` (one row per 绩效 table: the project, its
 * form, implementing unit, the amount that stands for it — as on the 绩效 page's list — and the self-evaluation score
 * where there is one) and `indicators.csv` (one row per indicator: its three levels and its values as published). Every
 * value is the published text; `funding_decimal` is the same amount without thousands separators, where it is a plain
 * decimal. A project's `project_no` is its number on the report's 绩效 page (`#perf-N`).
 */
import { strToU8 } from "fflate";
import { writeCsv } from "../csv.ts";
import type { Report } from "../model.ts";
import { routes } from "../paths.ts";
import { isDecimal } from "../text.ts";
import { blockId, headlineAmount, KIND_SHORT, tableName } from "../performance-view.ts";
import { TABLE_SCHEMA_PROFILE, type TableSchema } from "./datapackage.ts";
import { file, type OutFile } from "./report-files.ts";
import { safeText } from "./safe.ts";

export const PROJECT_COLUMNS = ["report_id", "city", "department", "year", "kind", "project_no", "form", "project", "implementing_unit", "funding_label", "funding", "funding_decimal", "funding_unit", "total_score", "page", "source_line"] as const;
export const INDICATOR_COLUMNS = ["report_id", "project_no", "project", "level1", "level2", "level3", "target", "year_target", "actual", "deviation", "score", "source_line"] as const;

const PROJECT_DESCRIPTIONS: Record<(typeof PROJECT_COLUMNS)[number], string> = {
  report_id: "报告编号",
  city: "城市",
  department: "部门（单位）",
  year: "年度",
  kind: "budget（预算）或 final（决算）",
  project_no: "报告绩效页上的序号（#perf-序号）",
  form: "表的种类：整体支出绩效目标、绩效目标表、绩效自评表",
  project: "项目名称（没有项目名称的表为原表标题）",
  implementing_unit: "实施单位，原表为空则空",
  funding_label: "代表本表的金额是哪一项（如 年度资金总额、项目预算金额），取其合计行",
  funding: "该金额，照录原文（可能带千分位逗号）",
  funding_decimal: "同一金额去掉千分位逗号；原文不是数字时为空",
  funding_unit: "金额单位（元或万元，原表所注）",
  total_score: "自评总分，照录原文；目标表为空",
  page: "该表在网站上的位置，相对网站根目录",
  source_line: "表在原文文本中的起始行号",
};
const INDICATOR_DESCRIPTIONS: Record<(typeof INDICATOR_COLUMNS)[number], string> = {
  report_id: "报告编号",
  project_no: "所属绩效表在报告绩效页上的序号",
  project: "所属项目名称",
  level1: "一级指标（合并单元格的值已向下填充）",
  level2: "二级指标",
  level3: "三级指标",
  target: "指标值（目标表：实施期指标值）",
  year_target: "年度指标值",
  actual: "全年完成值（自评表）",
  deviation: "未完成原因和改进措施（自评表）",
  score: "得分（自评表），照录原文",
  source_line: "该指标在原文文本中的行号",
};

const schema = (names: readonly string[], descriptions: Record<string, string>, types: Record<string, "integer" | "number">): TableSchema => ({
  $schema: TABLE_SCHEMA_PROFILE,
  fields: names.map((name) => ({ name, type: types[name] ?? "string", description: descriptions[name] })),
  missingValues: [""],
});

export const projectsSchema = () => schema(PROJECT_COLUMNS, PROJECT_DESCRIPTIONS, { year: "integer", project_no: "integer", funding_decimal: "number", source_line: "integer" });
export const indicatorsSchema = () => schema(INDICATOR_COLUMNS, INDICATOR_DESCRIPTIONS, { project_no: "integer", source_line: "integer" });

/** The report's projects, a row each (the CSV's columns, not yet neutralised). */
export function projectRows(report: Report): string[][] {
  const m = report.meta;
  return report.performance.map((t, i) => {
    const amount = headlineAmount(t);
    const plain = amount?.amount.replace(/,/gu, "") ?? "";
    return [
      m.id, m.city.name, m.department.name, String(m.year), m.kind, String(i + 1), KIND_SHORT[t.kind], tableName(t), t.implementingUnit ?? "",
      amount?.label ?? "", amount?.amount ?? "", isDecimal(plain) ? plain : "", amount?.unit ?? "", t.totalScore ?? "",
      `${routes.reportPerformance(m.id)}#${blockId(i)}`, String(t.line),
    ];
  });
}

/** The report's indicators, a row each. */
export function indicatorRows(report: Report): string[][] {
  return report.performance.flatMap((t, i) =>
    t.indicators.map((x) => [report.meta.id, String(i + 1), tableName(t), x.level1, x.level2, x.level3, x.target ?? "", x.yearTarget ?? "", x.actual ?? "", x.deviation ?? "", x.score ?? "", String(x.line)]),
  );
}

/** CSV body (no header), every cell neutralised against formula injection like every CSV of the site. */
export function csvBody(columns: readonly string[], rows: readonly string[][]): string {
  if (rows.length === 0) return "";
  const text = writeCsv(columns, rows.map((r) => r.map(safeText)));
  return text.slice(text.indexOf("\n") + 1);
}

export function withHeader(columns: readonly string[], body: string): string {
  return `${writeCsv(columns, [])}${body}`;
}

/** The report's projects.csv and indicators.csv, and their bodies for the site-wide files. */
export function performanceFiles(report: Report): { files: OutFile[]; projects: string; indicators: string } {
  const projects = csvBody(PROJECT_COLUMNS, projectRows(report));
  const indicators = csvBody(INDICATOR_COLUMNS, indicatorRows(report));
  return {
    projects,
    indicators,
    files: [
      file(routes.reportProjects(report.meta.id), strToU8(withHeader(PROJECT_COLUMNS, projects)), "绩效项目（每张绩效表一行）", { schema: projectsSchema() }),
      file(routes.reportIndicators(report.meta.id), strToU8(withHeader(INDICATOR_COLUMNS, indicators)), "绩效指标（每个指标一行）", { schema: indicatorsSchema() }),
    ],
  };
}
