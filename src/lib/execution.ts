/**
 * How much of the budget was spent (issue 14): execution from three places of a final account, each compared in
 * exact decimals and each rate naming its denominator —
 * - by 类 (and in total), from 情况说明's statements of execution: the 年初预算 or 全年预算 as the text states it,
 *   the 决算 as the text states it (linked to the table cell that prints it, where one does);
 * - the “三公”经费 table's 预算数 and 决算数, item by item (the same values the report's “三公” chart shows);
 * - each 绩效自评表's 项目预算金额, 实际到位金额 and 实际执行金额 (执行 ÷ 到位资金, and ÷ 项目预算).
 * The printed rate, where there is one, is kept beside the computed one. Items are listed by the size of actual −
 * budget, biggest first (what budget-monitoring sites lead with). Nothing is filled in that the source lacks.
 */
import { threePublic } from "./charts/report.ts";
import type { Chart, ChartValue } from "./charts/model.ts";
import { routes } from "./paths.ts";
import { abs, compare, formatDec, parseDec, percent, sub, type Dec } from "./decimal.ts";
import { BASE_NAMES, type StatementView } from "./export/changes.ts";
import { normalizeAmount } from "./text.ts";
import type { PerformanceFunding, Report, ReportMeta } from "./model.ts";
import type { ReportSummary } from "./charts/compare.ts";
import { FIGURE_NAMES, type FigureKey } from "./figures.ts";

const FIGURE_KEYS = Object.keys(FIGURE_NAMES) as FigureKey[];
import { blockId, tableName } from "./performance-view.ts";

export type ExecutionGroup = "classes" | "three-public" | "projects";
export const GROUP_NAMES: Record<ExecutionGroup, string> = { classes: "按支出功能分类（情况说明）", "three-public": "“三公”经费（“三公”经费表）", projects: "绩效项目（绩效自评表）" };

/** An amount as printed, and where: a table cell (table, row line, column key), a text line, or a 绩效 table. */
export interface ExecutionAmount {
  /** As printed (thousands separators kept). */
  printed: string;
  /** The same, a plain decimal. */
  value: string;
  unit: string;
  /** What the source calls it: 年初预算, 决算, 预算数, 项目预算金额, 实际到位金额, 实际执行金额. */
  name: string;
  cell?: { table: number; line: number; column: string };
}

export interface ExecutionItem {
  group: ExecutionGroup;
  label: string;
  code?: string;
  budget?: ExecutionAmount;
  actual?: ExecutionAmount;
  /** What the rate divides by, in words: 年初预算, 全年预算, 预算数, 到位资金. */
  denominator: string;
  /** actual − budget, exact; undefined without both. */
  difference?: string;
  /** actual ÷ budget in per cent, rounded half-up (at the printed rate's decimals, else 2). */
  rate?: string;
  /** The rate as the source prints it. */
  printedRate?: string;
  /** For a 绩效 project: 执行 ÷ 项目预算 as well, and the 到位 amount. */
  ofBudget?: { rate: string; budget: ExecutionAmount };
  /** Where the item is explained: the statement's number on the report page, the 绩效 table's anchor, the text line. */
  statementNo?: number;
  anchor?: string;
  line?: number;
}

/** An amount as a plain decimal (`4,100,000.00` → `4100000.00`); left as printed when it is not one (then no rate). */
const plain = (printed: string) => normalizeAmount(printed) ?? printed;

function compute(item: Omit<ExecutionItem, "difference" | "rate">): ExecutionItem {
  const b = item.budget ? parseDec(item.budget.value) : undefined;
  const a = item.actual ? parseDec(item.actual.value) : undefined;
  if (!a || !b || item.budget?.unit !== item.actual?.unit) return item;
  const decimals = item.printedRate ? (parseDec(item.printedRate)?.scale ?? 2) : 2;
  const rate = b.units > 0n ? percent(a, b, decimals) : undefined;
  return { ...item, difference: formatDec(sub(a, b)), ...(rate ? { rate: formatDec(rate) } : {}) };
}

/** A statement of execution about the 一般公共预算 spending or one of its 类 (the “三公” items are read from their table). */
const ABOUT_CLASSES = /一般公共预算|财政拨款/u;

function fromStatements(views: readonly StatementView[]): ExecutionItem[] {
  return views
    .filter((v) => v.statement.kind === "execution" && (v.statement.code !== undefined || ABOUT_CLASSES.test(v.statement.figure)))
    .map((v) => {
      const s = v.statement;
      const denominator = BASE_NAMES[s.base.kind];
      return compute({
        group: "classes",
        label: s.figure,
        ...(s.code ? { code: s.code } : {}),
        ...(s.baseValue && !s.baseValue.implied ? { budget: { printed: s.baseValue.printed, value: s.baseValue.value, unit: s.baseValue.unit, name: s.base.text || denominator } } : {}),
        ...(s.current ? { actual: { printed: s.current.printed, value: s.current.value, unit: s.current.unit, name: "决算", ...(s.cell ? { cell: { table: s.cell.table, line: s.cell.line, column: s.cell.column } } : {}) } } : {}),
        denominator,
        ...(s.percent ? { printedRate: s.percent.value } : {}),
        statementNo: v.no,
        line: s.line,
      });
    });
}

function fromThreePublic(report: Report): ExecutionItem[] {
  if (report.meta.kind !== "final") return [];
  const chart = threePublic(report);
  if (chart.absent || chart.series.length !== 2) return [];
  const amountOf = (v: (typeof chart.rows)[number]["values"][number], name: string): ExecutionAmount | undefined =>
    v && v.value !== "" ? { printed: v.value, value: plain(v.value), unit: v.unit ?? chart.unit, name, ...(v.ref ? { cell: { table: v.ref.table, line: v.ref.line, column: v.ref.column } } : {}) } : undefined;
  const [plan, actual] = chart.series;
  const total = plan?.total && actual?.total ? [{ label: "“三公”经费合计", values: [plan.total, actual.total] }] : [];
  return [...total, ...chart.rows].flatMap((r) => {
    const budget = amountOf(r.values[0], "预算数");
    const spent = amountOf(r.values[1], "决算数");
    return budget || spent ? [compute({ group: "three-public", label: r.label, ...(budget ? { budget } : {}), ...(spent ? { actual: spent } : {}), denominator: "预算数" })] : [];
  });
}

/** A rate the 绩效自评表 prints: `预算执行率98.9%` (not a bound such as `99%以上`). */
const PRINTED_RATE = /预算执行率(?:为|达到?)?\s*(\d+(?:\.\d+)?)\s*[%％](?!\s*(?:以上|以下|左右))/u;

function fromProjects(report: Report): ExecutionItem[] {
  return report.performance.flatMap((t, i) => {
    if (t.kind !== "project-self-evaluation") return [];
    const total = (label: RegExp): PerformanceFunding | undefined => t.funding.find((f) => f.source === "合计" && label.test(f.label));
    const budgetF = total(/全年预算|项目预算金额|年初预算|计划拨款/u);
    const arrivedF = total(/到位/u);
    const spentF = total(/执行金额|执行数/u);
    if (!spentF || (!budgetF && !arrivedF)) return [];
    const amount = (f: PerformanceFunding, name: string): ExecutionAmount => ({ printed: f.amount, value: plain(f.amount), unit: f.unit, name });
    const printedRate = t.rows.map((r) => PRINTED_RATE.exec(r.cells.join(" "))?.[1]).find((x) => x !== undefined);
    const actual = amount(spentF, spentF.label);
    const base = arrivedF ? amount(arrivedF, arrivedF.label) : amount(budgetF as PerformanceFunding, (budgetF as PerformanceFunding).label);
    const item = compute({
      group: "projects",
      label: tableName(t),
      budget: base,
      actual,
      denominator: arrivedF ? "到位资金" : (budgetF as PerformanceFunding).label,
      ...(printedRate ? { printedRate } : {}),
      anchor: blockId(i),
      line: t.line,
    });
    if (arrivedF && budgetF) {
      const ofBudget = compute({ group: "projects", label: item.label, budget: amount(budgetF, budgetF.label), actual, denominator: budgetF.label, ...(printedRate ? { printedRate } : {}) });
      if (ofBudget.rate) return [{ ...item, ofBudget: { rate: ofBudget.rate, budget: amount(budgetF, budgetF.label) } }];
    }
    return [item];
  });
}

/** Biggest |actual − budget| first; items without both amounts last, in source order. */
function byDeviation(a: ExecutionItem, b: ExecutionItem): number {
  const da = a.difference ? parseDec(a.difference) : undefined;
  const db = b.difference ? parseDec(b.difference) : undefined;
  if (!da || !db) return Number(!da) - Number(!db);
  return compare(abs(db as Dec), abs(da as Dec));
}

/** The report's execution, by group, each biggest deviation first. */
export function executionItems(report: Report, views: readonly StatementView[]): Record<ExecutionGroup, ExecutionItem[]> {
  return {
    classes: fromStatements(views).sort(byDeviation),
    "three-public": fromThreePublic(report).sort(byDeviation),
    projects: fromProjects(report).sort(byDeviation),
  };
}

/**
 * The chart of execution by 类: each 类's budget (as 情况说明 states it) and 决算 side by side, its rate in its
 * label, the total above — drawn only where the text gives both for at least one 类.
 */
export function executionChart(report: Report, items: readonly ExecutionItem[]): Chart | undefined {
  const rows = items.filter((i) => i.code && i.budget && i.actual);
  if (rows.length === 0) return undefined;
  const total = items.find((i) => !i.code && i.budget && i.actual);
  const value = (a: ExecutionAmount): ChartValue => ({ value: a.value, unit: a.unit, ...(a.cell ? { ref: { report: report.meta.id, table: a.cell.table, line: a.cell.line, column: a.cell.column } } : {}) });
  const denominators = [...new Set(rows.map((r) => r.denominator))];
  const lines = [...new Set(rows.map((r) => r.line).filter((l): l is number => l !== undefined))].sort((a, b) => a - b);
  return {
    id: "execution",
    type: "bars",
    title: "预算执行：按支出功能分类",
    period: `${report.meta.year}年决算`,
    unit: rows[0]?.actual?.unit ?? report.meta.unit,
    basis: `情况说明（原文第 ${lines.join("、")} 行）所说的${denominators.join("、")}与支出决算`,
    series: [
      { key: "plan", label: denominators.join("、"), kind: "budget", ...(total?.budget ? { total: value(total.budget) } : {}) },
      { key: "actual", label: "决算", kind: "final", ...(total?.actual ? { total: value(total.actual) } : {}) },
    ],
    rows: rows.map((r) => ({
      key: r.code ?? r.label,
      label: `${r.label}${r.rate ? `（${r.rate} %）` : ""}`,
      ...(r.code ? { code: r.code } : {}),
      depth: 1,
      values: [value(r.budget as ExecutionAmount), value(r.actual as ExecutionAmount)],
    })),
    notes: [`括号中是完成率：决算 ÷ ${denominators.join("、")}，按文中金额算出${rows.some((r) => r.printedRate && r.rate !== r.printedRate) ? "（与文中所印不同处见下表）" : "，与文中所印一致"}。`],
    csv: routes.reportChart(report.meta.id, "execution"),
  };
}

/** Whose spending a report covers: the department with its units (部门预算/决算), or one unit alone (单位预算/决算). */
export type Scope = "部门" | "单位";
export const scopeOf = (meta: Pick<ReportMeta, "title">): Scope => (/单位(?:预算|决算)/u.test(meta.title) ? "单位" : "部门");

export interface YearPair {
  year: number;
  budget: ReportMeta;
  final: ReportMeta;
  /** Why the two cannot be compared (their scopes differ), in words; undefined when they can. */
  why?: string;
  /** When comparable: each key figure in both, 决算 − 预算 and 决算 ÷ 预算 (年初预算: a 部门预算 is the year's initial budget). */
  rows: { key: FigureKey; name: string; budget: ChartValue; final: ChartValue; difference?: string; rate?: string }[];
}

/**
 * A department's budget and final accounts of the same year, side by side — only where they cover the same scope: a
 * 单位决算 of the bureau alone is not its 部门预算 of the bureau and its units, and is not compared with it (the pair is
 * listed with the reason). Amounts in different units are not compared either.
 */
export function sameYearPairs(summaries: readonly Pick<ReportSummary, "meta" | "figures">[]): YearPair[] {
  const pairs: YearPair[] = [];
  const years = [...new Set(summaries.map((s) => s.meta.year))].sort((a, b) => a - b);
  for (const year of years) {
    const budget = summaries.find((s) => s.meta.year === year && s.meta.kind === "budget");
    const final = summaries.find((s) => s.meta.year === year && s.meta.kind === "final");
    if (!budget || !final) continue;
    const [sb, sf] = [scopeOf(budget.meta), scopeOf(final.meta)];
    if (sb !== sf) {
      const words = (s: Scope, kind: string) => (s === "单位" ? `单位${kind}（只含本单位）` : `部门${kind}（含所属单位）`);
      pairs.push({ year, budget: budget.meta, final: final.meta, why: `${year}年的预算是${words(sb, "预算")}，决算是${words(sf, "决算")}，范围不同，不作比较。`, rows: [] });
      continue;
    }
    const rows = FIGURE_KEYS.flatMap((key) => {
      const b = budget.figures[key];
      const f = final.figures[key];
      if (!b || !f || b.value === "" || f.value === "") return [];
      const [db, df] = [parseDec(b.value), parseDec(f.value)];
      if (!db || !df || b.unit !== f.unit) return [{ key, name: FIGURE_NAMES[key], budget: b, final: f }];
      const rate = db.units > 0n ? percent(df, db, 2) : undefined;
      return [{ key, name: FIGURE_NAMES[key], budget: b, final: f, difference: formatDec(sub(df, db)), ...(rate ? { rate: formatDec(rate) } : {}) }];
    });
    pairs.push({ year, budget: budget.meta, final: final.meta, rows });
  }
  return pairs;
}
