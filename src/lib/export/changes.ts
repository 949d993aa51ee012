/**
 * The statements of change and of execution (src/lib/changes.ts) as data, computed once per report for its page and
 * its downloads: `changes.csv` (what the department says moved since last year) and `execution.csv` (决算 against the
 * budget), per report and site-wide, one row per statement. Every amount is the text's own, as a plain decimal; what
 * the text does not print is marked: a base value implied by the text (this year ∓ the change) says `implied`, the
 * percentage computed from the printed amounts sits beside the printed one, never in its place. Each figure's phase
 * follows the Fiscal Data Package: `approved` (预算), `adjusted` (调整预算), `executed` (决算, 预算执行数).
 */
import { strToU8 } from "fflate";
import type { BaseKind, ChangeStatement } from "../changes.ts";
import { statementsOf } from "../checks/rules/changes.ts";
import { tableName } from "../checks/cells.ts";
import { formatDec, percent } from "../decimal.ts";
import { changeRatio, decOf } from "../changes/amounts.ts";
import type { Report } from "../model.ts";
import type { Figure, FigureKey } from "../figures.ts";
import { formatAmount } from "../format.ts";
import { routes } from "../paths.ts";
import { TABLE_SCHEMA_PROFILE, type TableSchema } from "./datapackage.ts";
import { csvBody, withHeader } from "./performance.ts";
import { file, type OutFile } from "./report-files.ts";

export type Phase = "approved" | "adjusted" | "executed";
export const PHASE_NAMES: Record<Phase, string> = { approved: "预算", adjusted: "调整预算", executed: "决算" };

/** What a base is, in the Fiscal Data Package's phases (undefined: the text does not say — `与上年相比`). */
const BASE_PHASE: Record<BaseKind, Phase | undefined> = {
  "previous-final": "executed",
  "previous-budget": "approved",
  "previous-execution": "executed",
  "previous-year": undefined,
  "initial-budget": "approved",
  "full-year-budget": "adjusted",
  budget: "approved",
};
export const BASE_NAMES: Record<BaseKind, string> = {
  "previous-final": "上年决算",
  "previous-budget": "上年预算",
  "previous-execution": "上年预算执行数",
  "previous-year": "上年（未说明预算或决算）",
  "initial-budget": "年初预算",
  "full-year-budget": "全年预算",
  budget: "预算数",
};

/** A statement with what is derived from it, once: its number on the page, phases and the computed percentage. */
export interface StatementView {
  statement: ChangeStatement;
  /** 1-based, in text order over both kinds; the page's anchor is `#change-N`. */
  no: number;
  phase: Phase;
  basePhase?: Phase;
  /**
   * The percentage from the printed amounts, at the printed percentage's decimals (2 if none is printed): a change ÷
   * the base value (stated or implied), or the 决算 ÷ the budget. Undefined when an amount is missing or the base is 0.
   */
  computed?: string;
}

/** The statement's percentage from its printed amounts, as the checks compute it: the change ÷ the base (changeRatio), 决算 ÷ 预算 for execution. */
function computedPercent(s: ChangeStatement): string | undefined {
  const ratio =
    s.kind === "execution"
      ? s.current && s.baseValue ? { part: decOf(s.current), base: decOf(s.baseValue) } : undefined
      : changeRatio(s);
  if (!ratio || ratio.base.units <= 0n) return undefined;
  const p = percent(ratio.part, ratio.base, s.percent ? decOf(s.percent).scale : 2);
  return p ? formatDec(p) : undefined;
}

/** The report's statements with what is derived from them. */
export function statementViews(report: Report): StatementView[] {
  const phase: Phase = report.meta.kind === "budget" ? "approved" : "executed";
  return statementsOf(report).map((statement, i) => {
    const basePhase = BASE_PHASE[statement.base.kind];
    const computed = computedPercent(statement);
    return { statement, no: i + 1, phase, ...(basePhase ? { basePhase } : {}), ...(computed !== undefined ? { computed } : {}) };
  });
}

export const STATEMENT_COLUMNS = [
  "report_id", "city", "department", "year", "report_kind", "statement_no", "kind", "figure", "code", "phase", "value", "unit",
  "cell_table", "cell_row", "cell_column", "direction", "change", "percent", "percent_computed", "base", "base_phase", "base_text",
  "base_year", "base_value", "base_value_source", "reason", "note", "source_line", "sentence",
] as const;

const DESCRIPTIONS: Record<(typeof STATEMENT_COLUMNS)[number], string> = {
  report_id: "报告编号",
  city: "城市",
  department: "部门（单位）",
  year: "报告年度",
  report_kind: "budget（预算）或 final（决算）",
  statement_no: "报告页“变化与原因”中的序号（#change-序号）",
  kind: "change（与上年比）或 execution（决算与预算比）",
  figure: "所说的数字：关键数字名称（收入总计、机关运行经费…）或功能分类类名",
  code: "功能分类科目编码（所说的是表格中的编码行时）",
  phase: "该数字的阶段：approved（预算）、adjusted（调整预算）、executed（决算）",
  value: "本年数（execution 为决算数），照录文中金额，去掉千分位逗号",
  unit: "金额单位（万元或元，文中所注）",
  cell_table: "印有同一数字的公开表（表号），文中数字与表格单元格确定对应时才填",
  cell_row: "该单元格的行（科目编码，无编码时为行名）",
  cell_column: "该单元格的列（表头各级以 / 连接）",
  direction: "increase（增加）、decrease（减少）、unchanged（持平）；execution 为决算高于、低于或等于预算",
  change: "文中的增减额（正数，方向见 direction）",
  percent: "文中的百分比，照录：增减幅度，或 execution 的预算完成率",
  percent_computed: "由文中金额算出的同一百分比（增减额 ÷ 比较基数；未写增减额时 |本年数 − 文中所列比较基数| ÷ 比较基数；或决算 ÷ 预算），按文中百分比的小数位四舍五入；缺金额时为空",
  base: "比较基数：previous-final（上年决算）、previous-budget（上年预算）、previous-execution（上年预算执行数）、previous-year（上年，未说明）、initial-budget（年初预算）、full-year-budget（全年预算）、budget（预算数）",
  base_phase: "比较基数的阶段（approved / adjusted / executed）；文中未说明时为空",
  base_text: "文中对比较基数的说法，照录",
  base_year: "比较基数的年度",
  base_value: "比较基数的金额：文中写出的，或由本年数和增减额推出的（见 base_value_source）",
  base_value_source: "stated（文中写出）或 implied（本年数 ∓ 增减额推出，文中未写）；无金额时为空",
  reason: "文中给出的原因，照录（不含“主要原因是”等引语）",
  note: "解析说明：文中未能完全读懂之处，或找不到对应单元格的原因",
  source_line: "所在段落在原文文本中的行号",
  sentence: "原文句子",
};

export const statementsSchema = (): TableSchema => ({
  $schema: TABLE_SCHEMA_PROFILE,
  fields: STATEMENT_COLUMNS.map((name) => ({
    name,
    type: ({ year: "integer", statement_no: "integer", value: "number", change: "number", percent: "number", percent_computed: "number", base_year: "integer", base_value: "number", source_line: "integer" } as Record<string, string>)[name] ?? "string",
    description: DESCRIPTIONS[name],
  })) as TableSchema["fields"],
  missingValues: [""],
});

/** One row per statement (the CSV's columns, not yet neutralised). */
export function statementRows(report: Report, views: readonly StatementView[]): string[][] {
  const m = report.meta;
  return views.map(({ statement: s, no, phase, basePhase, computed }) => [
    m.id, m.city.name, m.department.name, String(m.year), m.kind, String(no), s.kind, s.figure, s.code ?? "", phase, s.current?.value ?? "", s.current?.unit === "%" ? "" : (s.current?.unit ?? ""),
    s.cell ? String(s.cell.table) : "", s.cell?.row ?? "", s.cell?.columnLabel ?? "", s.direction ?? "", s.change?.value ?? "", s.percent?.value ?? "", computed ?? "",
    s.base.kind, basePhase ?? "", s.base.text, s.base.year !== undefined ? String(s.base.year) : "", s.baseValue?.value ?? "", s.baseValue ? (s.baseValue.implied ? "implied" : "stated") : "",
    s.reason ?? "", [s.note, s.cellNote].filter(Boolean).join("；"), String(s.line), s.sentence,
  ]);
}

/** `+` for an increase, `−` for a decrease, nothing else. */
export const directionSign = (s: Pick<ChangeStatement, "direction">): string => (s.direction === "decrease" ? "−" : s.direction === "increase" ? "+" : "");

/** A statement's change as the text prints it, signed: `−6,961.07 万元，−69.05 %`; `持平`; `增加` when it prints no amount. */
export function changeWords(s: ChangeStatement): string {
  if (s.direction === "unchanged") return "持平";
  const sign = directionSign(s);
  const parts = [s.change ? `${sign}${formatAmount(s.change.value, s.change.unit)}` : "", s.percent ? `${sign}${s.percent.value} %` : ""].filter(Boolean);
  return parts.length > 0 ? parts.join("，") : s.direction === "decrease" ? "减少" : "增加";
}

/** Where a statement's cell is, in words (`决算公开01表 · 总计 · 收入/决算数`). */
export const cellPlace = (report: Report, s: ChangeStatement): string | undefined => (s.cell ? [tableName(report, s.cell.table), s.cell.row, s.cell.columnLabel].filter(Boolean).join(" · ") : undefined);

/** The report's changes.csv and execution.csv, and their bodies for the site-wide files. */
export function statementFiles(report: Report, views: readonly StatementView[]): { files: OutFile[]; changes: string; execution: string } {
  const of = (kind: ChangeStatement["kind"]) => csvBody(STATEMENT_COLUMNS, statementRows(report, views.filter((v) => v.statement.kind === kind)));
  const changes = of("change");
  const execution = of("execution");
  const id = report.meta.id;
  return {
    changes,
    execution,
    files: [
      file(routes.reportChanges(id), strToU8(withHeader(STATEMENT_COLUMNS, changes)), "情况说明中的增减变化及原因（每句一行：与上年比的增减额、幅度、比较基数、原因）", { schema: statementsSchema() }),
      file(routes.reportExecution(id), strToU8(withHeader(STATEMENT_COLUMNS, execution)), "情况说明中的预算执行（每句一行：决算与年初/全年预算之比、完成率、原因）", { schema: statementsSchema() }),
    ],
  };
}

/**
 * A key figure's statement of change: the statement whose figure is printed in the very cell of the key figure (not
 * one that merely has the same name) — for the figure's change on the report page and its stated previous value on
 * the department page.
 */
export function figureStatements(figures: readonly Figure[], views: readonly StatementView[]): Map<FigureKey, StatementView> {
  return new Map(
    figures.flatMap((f) => {
      const v = f.cell && views.find((x) => x.statement.kind === "change" && x.statement.cell?.table === f.table && x.statement.cell.line === f.cell?.row.line && x.statement.cell.column === f.cell?.column.key);
      return v ? [[f.key, v] as const] : [];
    }),
  );
}
