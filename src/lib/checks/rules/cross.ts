/**
 * Arithmetic across tables: every figure two tables both print must agree — totals by source, by 类 and by code,
 * 基本/项目, the fund tables against the 财政拨款收支总表, the 基本支出 detail against the 一般公共预算 table. The
 * identities are data (`FIGURES`, `CODE_PAIRS`); a table published empty counts as printing no amount, so it must
 * agree with the tables that would feed it.
 */
import type { Report, ReportKind, Table, TableRow } from "../../model.ts";
import { bareLabel, bodyRows, cellAt, type Cell, codeOf, labelOf, tableName, totalRow, valueColumn } from "../cells.ts";
import { compareCells, type Term } from "../compare.ts";
import { TEMPLATE_BASIS, type CheckResult, type Rule } from "../types.ts";
import { basicDetailTotals, side } from "./within.ts";

/** Where a figure is printed. */
export interface CellSpec {
  table: number;
  /** `total`: the 合计 row; `first`: the first body row; a RegExp: the row whose label (numbering stripped) matches. */
  row: "total" | "first" | RegExp | "personnel-total" | "public-total";
  /** The published header of the column (levels joined with `/`). */
  column?: RegExp;
  /** Side-by-side group of the row label and the column (default 1). */
  group?: number;
  /** Only rows after the row matching this (e.g. the 一般公共预算 row under 上年财政拨款结转). */
  after?: RegExp;
  /** Only rows before the row matching this. */
  before?: RegExp;
  sign?: -1;
}

export interface FigureIdentity {
  id: string;
  kind: ReportKind;
  name: string;
  a: CellSpec;
  b: CellSpec[];
  relation?: "le";
}

type Resolved = { cell: Cell } | { na: string } | { blank: string };

const EMPTY_CELL = (table: number, why: string): Cell => ({ table, line: 0, column: "", columnLabel: why, row: why, value: "" });

/** Finds a figure's cell; a table published empty prints no amount (a blank), a missing table makes the check na. */
export function resolve(report: Report, spec: CellSpec): Resolved {
  const table = report.tables.find((t) => t.no === spec.table);
  const name = tableName(report, spec.table);
  if (!table || table.state === "missing") return { na: `${name}原文缺失` };
  if (table.state === "empty") return { blank: `${name}无数据` };
  if (spec.row === "personnel-total" || spec.row === "public-total") {
    const totals = basicDetailTotals(table);
    const index = spec.row === "personnel-total" ? totals.personnel : totals.public;
    if (!totals.row || index === undefined) return { na: `${name}中没有${spec.row === "personnel-total" ? "人员经费合计" : "公用经费合计"}` };
    return { cell: cellAt(table, totals.row, index) };
  }
  const group = spec.group ?? 1;
  const row = findRow(table, spec, group);
  if (!row) return { na: `${name}中没有“${typeof spec.row === "string" ? "合计" : spec.row.source}”行` };
  const index = spec.column ? valueColumn(table, spec.column, group) : table.columns.findIndex((c) => c.role === "value" && c.group === group);
  if (index < 0) return { na: `${name}中没有“${spec.column?.source ?? "金额"}”列` };
  return { cell: cellAt(table, row, index) };
}

function findRow(table: Table, spec: CellSpec, group: number): TableRow | undefined {
  if (spec.row === "total") return totalRow(table, group);
  let rows = bodyRows(table);
  if (spec.row === "first") return rows[0];
  const label = (r: TableRow) => bareLabel(labelOf(table, r, group));
  if (spec.after) {
    const at = rows.findIndex((r) => spec.after?.test(label(r)));
    rows = at >= 0 ? rows.slice(at + 1) : [];
  }
  if (spec.before) {
    const at = rows.findIndex((r) => spec.before?.test(label(r)));
    if (at >= 0) rows = rows.slice(0, at);
  }
  const re = spec.row as RegExp;
  return rows.find((r) => re.test(label(r)));
}

const I = (no: number, row: CellSpec["row"], column?: RegExp, extra: Partial<CellSpec> = {}): CellSpec => ({ table: no, row, ...(column ? { column } : {}), ...extra });

const SPENDING_SIDE = { group: 2 } as const;
const BEFORE_CURRENT = { before: /^本年收入合计$/u } as const;

export const FIGURES: readonly FigureIdentity[] = [
  // 决算
  { id: "cross.total-income", kind: "final", name: "收支总表的本年收入合计 = 收入决算表合计", a: I(1, /^本年收入合计$/u, /^收入\//u), b: [I(2, "total", /^本年收入合计$/u)] },
  { id: "cross.total-expenditure", kind: "final", name: "收支总表的本年支出合计 = 支出决算表合计", a: I(1, /^本年支出合计$/u, /^支出\//u, SPENDING_SIDE), b: [I(3, "total", /^本年支出合计$/u)] },
  { id: "cross.income-sources", kind: "final", name: "收入决算表的财政拨款收入 = 收支总表三项财政拨款收入之和", a: I(2, "total", /^财政拨款收入$/u), b: [I(1, /^一般公共预算财政拨款收入$/u, /^收入\//u), I(1, /^政府性基金预算财政拨款收入$/u, /^收入\//u), I(1, /^国有资本经营预算财政拨款收入$/u, /^收入\//u)] },
  ...(["上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"] as const).map(
    (source): FigureIdentity => ({ id: "cross.income-sources", kind: "final", name: `收入决算表的${source} = 收支总表的${source}`, a: I(2, "total", new RegExp(`^${source}$`, "u")), b: [I(1, new RegExp(`^${source}$`, "u"), /^收入\//u)] }),
  ),
  { id: "cross.appropriation-income", kind: "final", name: "财政拨款收支总表的一般公共预算财政拨款 = 收支总表的同项收入", a: I(4, /^一般公共预算财政拨款$/u, /^收入\//u, BEFORE_CURRENT), b: [I(1, /^一般公共预算财政拨款收入$/u, /^收入\//u)] },
  { id: "cross.appropriation-income", kind: "final", name: "财政拨款收支总表的政府性基金预算财政拨款 = 收支总表的同项收入", a: I(4, /^政府性基金预算财政拨款$/u, /^收入\//u, BEFORE_CURRENT), b: [I(1, /^政府性基金预算财政拨款收入$/u, /^收入\//u)] },
  { id: "cross.appropriation-income", kind: "final", name: "财政拨款收支总表的国有资本经营预算财政拨款 = 收支总表的同项收入", a: I(4, /^国有资本经营预算财政拨款$/u, /^收入\//u, BEFORE_CURRENT), b: [I(1, /^国有资本经营预算财政拨款收入$/u, /^收入\//u)] },
  { id: "cross.appropriation-income", kind: "final", name: "财政拨款收支总表的本年收入合计 = 收入决算表的财政拨款收入", a: I(4, /^本年收入合计$/u, /^收入\//u), b: [I(2, "total", /^财政拨款收入$/u)] },
  { id: "cross.general-budget", kind: "final", name: "财政拨款收支总表的一般公共预算财政拨款支出 = 一般公共预算财政拨款支出决算表合计", a: I(4, /^本年支出合计$/u, /一般公共预算/u, SPENDING_SIDE), b: [I(5, "total", /小计$/u)] },
  { id: "cross.gov-fund", kind: "final", name: "财政拨款收支总表的政府性基金预算财政拨款支出 = 政府性基金预算财政拨款收入支出决算表的本年支出", a: I(4, /^本年支出合计$/u, /政府性基金/u, SPENDING_SIDE), b: [I(7, "total", /^本年支出\/小计$/u)] },
  { id: "cross.gov-fund", kind: "final", name: "财政拨款收支总表的政府性基金预算财政拨款收入 = 政府性基金决算表的本年收入", a: I(4, /^政府性基金预算财政拨款$/u, /^收入\//u, BEFORE_CURRENT), b: [I(7, "total", /^本年收入$/u)] },
  { id: "cross.state-capital", kind: "final", name: "财政拨款收支总表的国有资本经营预算财政拨款支出 = 国有资本经营预算财政拨款支出决算表合计", a: I(4, /^本年支出合计$/u, /国有资本/u, SPENDING_SIDE), b: [I(8, "total", /合计$/u)] },
  { id: "cross.state-capital", kind: "final", name: "收支总表的国有资本经营预算财政拨款收入 = 国有资本经营预算财政拨款支出决算表合计", a: I(1, /^国有资本经营预算财政拨款收入$/u, /^收入\//u), b: [I(8, "total", /合计$/u)] },
  { id: "cross.basic-detail", kind: "final", name: "一般公共预算财政拨款基本支出 = 人员经费合计 + 公用经费合计", a: I(5, "total", /基本支出$/u), b: [I(6, "personnel-total"), I(6, "public-total")] },
  { id: "cross.office-expenses", kind: "final", name: "机关运行经费 ≤ 公用经费合计（有事业单位的部门，公用经费大于机关运行经费）", a: I(10, /^行政单位$/u, /统计数/u), b: [I(6, "public-total"), I(10, /^参照公务员法管理事业单位$/u, /统计数/u, { sign: -1 })], relation: "le" },
  // 预算
  { id: "cross.total-income", kind: "budget", name: "预算收支总表的本年收入合计 = 预算收入总表合计", a: I(1, /^本年收入合计$/u, /^收入\//u), b: [I(2, "total", /^本年收入\/合计$/u)] },
  { id: "cross.carryover", kind: "budget", name: "预算收支总表的上年结转 = 预算收入总表的上年结转", a: I(1, /^上年结转$/u, /^收入\//u), b: [I(2, "total", /上年结转$/u)] },
  { id: "cross.total-expenditure", kind: "budget", name: "预算收支总表的本年支出合计 = 预算支出总表合计", a: I(1, /^本年支出合计$/u, /合计$/u, SPENDING_SIDE), b: [I(3, "total", /合计$/u)] },
  ...(
    [
      ["一般公共预算", "一般公共预算"],
      ["政府性基金预算", "政府性基金"],
      ["国有资本经营预算", "国有资本经营"],
      ["财政专户管理资金", "财政专户管理资金"],
      ["单位资金", "单位资金"],
    ] as const
  ).map(
    ([row, column]): FigureIdentity => ({ id: "cross.income-sources", kind: "budget", name: `预算收入总表的${column} = 预算收支总表的${row}`, a: I(2, "total", new RegExp(`^本年收入/${column}`, "u")), b: [I(1, new RegExp(`^${row}$`, "u"), /^收入\//u)] }),
  ),
  { id: "cross.appropriation-income", kind: "budget", name: "财政拨款收支总表的一般公共预算收入 = 预算收支总表的一般公共预算", a: I(4, /^一般公共预算$/u, /^收入\//u, BEFORE_CURRENT), b: [I(1, /^一般公共预算$/u, /^收入\//u)] },
  { id: "cross.appropriation-income", kind: "budget", name: "财政拨款收支总表的政府性基金预算收入 = 预算收支总表的政府性基金预算", a: I(4, /^政府性基金预算$/u, /^收入\//u, BEFORE_CURRENT), b: [I(1, /^政府性基金预算$/u, /^收入\//u)] },
  { id: "cross.general-budget", kind: "budget", name: "财政拨款收支总表的一般公共预算支出 = 一般公共预算支出表合计（不含上年结转）+ 一般公共预算上年结转", a: I(4, /^本年支出合计$/u, /一般公共预算$/u, SPENDING_SIDE), b: [I(5, "total", /合计$/u), I(4, /^一般公共预算$/u, /^收入\//u, { after: /上年财政拨款结转|上年结转/u })] },
  { id: "cross.gov-fund", kind: "budget", name: "财政拨款收支总表的政府性基金预算支出 = 政府性基金预算支出表合计（不含上年结转）+ 政府性基金上年结转", a: I(4, /^本年支出合计$/u, /政府性基金预算$/u, SPENDING_SIDE), b: [I(8, "total", /^合计$/u), I(4, /^政府性基金预算$/u, /^收入\//u, { after: /上年财政拨款结转|上年结转/u })] },
  { id: "cross.gov-fund", kind: "budget", name: "政府性基金预算收入表合计 = 财政拨款收支总表的政府性基金预算收入", a: I(7, "total"), b: [I(4, /^政府性基金预算$/u, /^收入\//u, BEFORE_CURRENT)] },
  { id: "cross.state-capital", kind: "budget", name: "国有资本经营预算收支预算表的收入 = 预算收支总表的国有资本经营预算", a: I(9, "total", /国有资本经营收入预算$/u), b: [I(1, /^国有资本经营预算$/u, /^收入\//u)] },
  { id: "cross.state-capital", kind: "budget", name: "国有资本经营预算收支预算表的支出合计 = 财政拨款收支总表的国有资本经营预算支出", a: I(9, "total", /合计$/u, SPENDING_SIDE), b: [I(4, /^本年支出合计$/u, /国有资本经营预算$/u, SPENDING_SIDE)] },
  { id: "cross.basic-detail", kind: "budget", name: "一般公共预算支出表的基本支出 = 一般公共预算基本支出表合计", a: I(5, "total", /基本支出$/u), b: [I(6, /^合计$/u, /合计$/u)] },
  { id: "cross.office-expenses", kind: "budget", name: "机关运行经费 ≤ 一般公共预算基本支出表的公用经费（有事业单位的部门，公用经费大于机关运行经费）", a: I(11, /^(?:部门)?合计$/u, /合计$/u), b: [I(6, /^合计$/u, /公用经费$/u)], relation: "le" },
  { id: "cross.project-tables", kind: "budget", name: "预算支出总表的项目支出 = 项目支出预算表（本年预算）合计 + 项目支出预算表（上年结转）合计", a: I(3, "total", /项目支出$/u), b: [I(12, "first", /^合计$/u), I(13, "first", /^合计$/u)] },
  { id: "cross.carryover", kind: "budget", name: "项目支出预算表（上年结转）合计 = 预算收支总表的上年结转", a: I(13, "first", /^合计$/u), b: [I(1, /^上年结转$/u, /^收入\//u)] },
];

function figureRule(id: string, title: string, reads: string): Rule {
  return {
    id,
    title,
    basis: TEMPLATE_BASIS,
    category: "cross",
    kinds: [...new Set(FIGURES.filter((f) => f.id === id).map((f) => f.kind))],
    reads,
    run(report) {
      const out: CheckResult[] = [];
      for (const f of FIGURES.filter((x) => x.id === id && x.kind === report.meta.kind)) {
        const specs = [f.a, ...f.b];
        const resolved = specs.map((s) => resolve(report, s));
        const na = resolved.find((r): r is { na: string } => "na" in r);
        const tables = [...new Set(specs.map((s) => s.table))];
        const place = `${tables.map((t) => tableName(report, t)).join("、")} · ${f.name}`;
        if (na) {
          out.push({ check: id, status: "na", table: 0, place, note: na.na, cells: [] });
          continue;
        }
        const cell = (r: Resolved, s: CellSpec): Cell => ("cell" in r ? r.cell : EMPTY_CELL(s.table, (r as { blank: string }).blank));
        const blanks = resolved.filter((r): r is { blank: string } => "blank" in r).map((r) => r.blank);
        const total = cell(resolved[0] as Resolved, f.a);
        const parts: Term[] = f.b.map((s, k) => ({ cell: cell(resolved[k + 1] as Resolved, s), ...(s.sign ? { sign: s.sign } : {}) }));
        const result = compareCells({ check: id, table: 0, place, total, parts, ...(f.relation ? { relation: f.relation } : {}), ...(blanks.length > 0 ? { note: blanks.join("；") } : {}) });
        const real = (c: Cell) => c.line > 0;
        if (result) out.push({ ...result, cells: result.cells.filter(real) });
        else if (blanks.length > 0) out.push({ check: id, status: "pass", table: 0, place, expected: "空", found: "空", note: `${blanks.join("；")}，对应各格也为空`, cells: [total, ...parts.map((p) => p.cell)].filter(real) });
      }
      return out;
    },
  };
}

const FIGURE_RULES: Rule[] = [
  figureRule("cross.total-income", "收支总表与收入表的本年收入合计一致", "收支总表本年收入合计，收入表合计行"),
  figureRule("cross.total-expenditure", "收支总表与支出表的本年支出合计一致", "收支总表本年支出合计，支出表合计行"),
  figureRule("cross.income-sources", "各项收入在收支总表与收入表中一致", "收支总表收入方各项，收入表合计行各列"),
  figureRule("cross.appropriation-income", "财政拨款收入在财政拨款收支总表与收支总表中一致", "财政拨款收支总表收入方，收支总表收入方"),
  figureRule("cross.general-budget", "一般公共预算支出在财政拨款收支总表与一般公共预算支出表中一致", "财政拨款收支总表支出方一般公共预算列，一般公共预算支出表合计行（预算：加上年结转）"),
  figureRule("cross.gov-fund", "政府性基金在财政拨款收支总表与政府性基金表中一致（表无数据时对应各格也应为空）", "财政拨款收支总表政府性基金各格，政府性基金收支表合计行"),
  figureRule("cross.state-capital", "国有资本经营预算在各表中一致（表无数据时对应各格也应为空）", "财政拨款收支总表、收支总表国有资本经营预算各格，国有资本经营预算表合计行"),
  figureRule("cross.basic-detail", "一般公共预算基本支出与基本支出明细表合计一致", "一般公共预算支出表的基本支出合计，基本支出明细表的人员经费与公用经费合计"),
  figureRule("cross.office-expenses", "机关运行经费不超过公用经费", "机关运行经费（公开10表 / 预算表十一），基本支出表的公用经费合计"),
  figureRule("cross.carryover", "上年结转在各表中一致", "预算收支总表、预算收入总表、项目支出预算表（上年结转）"),
  figureRule("cross.project-tables", "项目支出与项目支出预算表一致", "预算支出总表项目支出合计，项目支出预算表（本年预算、上年结转）首行合计"),
];

// ---- the same code in two tables ----

export interface CodePair {
  id: string;
  kind: ReportKind;
  name: string;
  a: { table: number; columns: RegExp[] };
  b: { table: number; columns: RegExp[] };
  relation?: "le";
}

export const CODE_PAIRS: readonly CodePair[] = [
  { id: "cross.codes", kind: "budget", name: "各科目：本年收入合计 + 上年结转 = 支出合计", a: { table: 3, columns: [/合计$/u] }, b: { table: 2, columns: [/^本年收入\/合计$/u, /上年结转$/u] } },
  { id: "cross.codes", kind: "budget", name: "各科目：收入表的一般公共预算 = 一般公共预算支出表合计（均不含上年结转）", a: { table: 5, columns: [/合计$/u] }, b: { table: 2, columns: [/^本年收入\/一般公共预算$/u] } },
  { id: "cross.codes", kind: "budget", name: "各科目：收入表的政府性基金 = 政府性基金预算支出表合计（均不含上年结转）", a: { table: 8, columns: [/^合计$/u] }, b: { table: 2, columns: [/^本年收入\/政府性基金/u] } },
  { id: "cross.codes-within", kind: "budget", name: "各科目：一般公共预算支出 ≤ 全部支出", a: { table: 5, columns: [/合计$/u] }, b: { table: 3, columns: [/合计$/u] }, relation: "le" },
  { id: "cross.codes-within", kind: "budget", name: "各科目：一般公共预算基本支出 ≤ 全部基本支出", a: { table: 5, columns: [/基本支出$/u] }, b: { table: 3, columns: [/基本支出$/u] }, relation: "le" },
  { id: "cross.codes-within", kind: "budget", name: "各科目：一般公共预算项目支出 ≤ 全部项目支出", a: { table: 5, columns: [/项目支出$/u] }, b: { table: 3, columns: [/项目支出$/u] }, relation: "le" },
  { id: "cross.codes-within", kind: "budget", name: "各科目：政府性基金预算支出 ≤ 全部支出", a: { table: 8, columns: [/^合计$/u] }, b: { table: 3, columns: [/合计$/u] }, relation: "le" },
  { id: "cross.codes-within", kind: "final", name: "各科目：一般公共预算财政拨款支出 ≤ 本年支出合计", a: { table: 5, columns: [/小计$/u] }, b: { table: 3, columns: [/^本年支出合计$/u] }, relation: "le" },
  { id: "cross.codes-within", kind: "final", name: "各科目：一般公共预算财政拨款基本支出 ≤ 全部基本支出", a: { table: 5, columns: [/基本支出$/u] }, b: { table: 3, columns: [/^基本支出$/u] }, relation: "le" },
  { id: "cross.codes-within", kind: "final", name: "各科目：一般公共预算财政拨款项目支出 ≤ 全部项目支出", a: { table: 5, columns: [/项目支出$/u] }, b: { table: 3, columns: [/^项目支出$/u] }, relation: "le" },
  { id: "cross.codes-within", kind: "final", name: "各科目：政府性基金预算财政拨款支出 ≤ 本年支出合计", a: { table: 7, columns: [/^本年支出\/小计$/u] }, b: { table: 3, columns: [/^本年支出合计$/u] }, relation: "le" },
  { id: "cross.codes-within", kind: "final", name: "各科目：财政拨款收入 ≤ 本年收入合计", a: { table: 2, columns: [/^财政拨款收入$/u] }, b: { table: 2, columns: [/^本年收入合计$/u] }, relation: "le" },
];

function codedRows(table: Table): Map<string, TableRow> {
  const map = new Map<string, TableRow>();
  for (const r of bodyRows(table)) {
    const code = codeOf(table, r);
    if (code !== "" && !map.has(code)) map.set(code, r);
  }
  const total = totalRow(table);
  if (total) map.set("合计", total);
  return map;
}

function codePairRule(id: string, title: string, reads: string): Rule {
  return {
    id,
    title,
    basis: TEMPLATE_BASIS,
    category: "cross",
    kinds: [...new Set(CODE_PAIRS.filter((p) => p.id === id).map((p) => p.kind))],
    reads,
    run(report) {
      const out: CheckResult[] = [];
      for (const pair of CODE_PAIRS.filter((p) => p.id === id && p.kind === report.meta.kind)) {
        const ta = report.tables.find((t) => t.no === pair.a.table);
        const tb = report.tables.find((t) => t.no === pair.b.table);
        const place = (code: string) => `${tableName(report, pair.a.table)}、${tableName(report, pair.b.table)} · ${code} · ${pair.name}`;
        if (!ta || !tb || ta.state === "missing" || tb.state === "missing") {
          out.push({ check: id, status: "na", table: 0, place: place("全部科目"), note: `${[ta, tb].filter((t) => !t || t.state === "missing").map((t) => (t ? tableName(report, t.no) : "")).join("、")}原文缺失`, cells: [] });
          continue;
        }
        const ca = pair.a.columns.map((re) => valueColumn(ta, re));
        const cb = pair.b.columns.map((re) => valueColumn(tb, re));
        if ((ta.state === "present" && ca.some((i) => i < 0)) || (tb.state === "present" && cb.some((i) => i < 0))) {
          out.push({ check: id, status: "na", table: 0, place: place("全部科目"), note: "表中没有相应的列", cells: [] });
          continue;
        }
        const ra = ta.state === "present" ? codedRows(ta) : new Map<string, TableRow>();
        const rb = tb.state === "present" ? codedRows(tb) : new Map<string, TableRow>();
        const codes = [...new Set([...ra.keys(), ...rb.keys()])];
        for (const code of codes) {
          const rowA = ra.get(code);
          const rowB = rb.get(code);
          const name = rowA ? labelOf(ta, rowA) : rowB ? labelOf(tb, rowB) : "";
          const cellsOf = (t: Table, row: TableRow | undefined, cols: number[], why: string): Cell[] =>
            row ? cols.map((i) => cellAt(t, row, i)) : [EMPTY_CELL(t.no, why)];
          const a = cellsOf(ta, rowA, ca, `${tableName(report, ta.no)}${ta.state === "empty" ? "无数据" : "没有此科目"}`);
          const b = cellsOf(tb, rowB, cb, `${tableName(report, tb.no)}${tb.state === "empty" ? "无数据" : "没有此科目"}`);
          // Both tables must print the code for an equality to be checked; a 合计 is compared like a code.
          const total = a.length === 1 ? (a[0] as Cell) : undefined;
          if (!total) continue;
          const result = compareCells({ check: id, table: 0, place: place(code === "合计" ? "合计" : `${code} ${name}`.trim()), total, parts: b, ...(pair.relation ? { relation: pair.relation } : {}) });
          if (!result) continue;
          const missing = [rowA ? undefined : a[0]?.row, rowB ? undefined : b[0]?.row].filter(Boolean);
          out.push({ ...result, cells: result.cells.filter((c) => c.line > 0), ...(missing.length > 0 ? { note: [result.note, ...missing].filter(Boolean).join("；") } : {}) });
        }
      }
      return out;
    },
  };
}

// ---- 类 by name: the 收支总表 lists 类 by name, the coded tables by code and name ----

interface ClassPair {
  kind: ReportKind;
  name: string;
  side: { table: number; column: RegExp };
  coded: { table: number; column: RegExp };
  relation?: "le";
}

const CLASS_PAIRS: readonly ClassPair[] = [
  { kind: "final", name: "收支总表各类支出 = 支出决算表各类", side: { table: 1, column: /^支出\//u }, coded: { table: 3, column: /^本年支出合计$/u } },
  { kind: "final", name: "财政拨款收支总表各类的一般公共预算 = 一般公共预算财政拨款支出决算表各类", side: { table: 4, column: /一般公共预算/u }, coded: { table: 5, column: /小计$/u } },
  { kind: "final", name: "财政拨款收支总表各类的政府性基金 = 政府性基金决算表各类", side: { table: 4, column: /政府性基金/u }, coded: { table: 7, column: /^本年支出\/小计$/u } },
  // The Shanghai 财务收支预算总表 heads its one amount column 预算数 (or splits it under 预算数/合计).
  { kind: "budget", name: "预算收支总表各类支出 = 预算支出总表各类", side: { table: 1, column: /(?:合计|预算数)$/u }, coded: { table: 3, column: /合计$/u } },
];

const classesRule: Rule = {
  id: "cross.classes",
  title: "收支总表所列各类支出与按科目列示的支出表一致",
  basis: TEMPLATE_BASIS,
  category: "cross",
  kinds: ["final", "budget"],
  reads: "收支总表、财政拨款收支总表支出方的各类，支出表、一般公共预算支出表、政府性基金表的类（3位编码）行",
  run(report) {
    const out: CheckResult[] = [];
    for (const pair of CLASS_PAIRS.filter((p) => p.kind === report.meta.kind)) {
      const st = report.tables.find((t) => t.no === pair.side.table);
      const ct = report.tables.find((t) => t.no === pair.coded.table);
      const place = (name: string) => `${tableName(report, pair.side.table)}、${tableName(report, pair.coded.table)} · ${name} · ${pair.name}`;
      if (!st || !ct || st.state !== "present" || ct.state === "missing") {
        out.push({ check: this.id, status: "na", table: 0, place: place("各类"), note: `${[st, ct].filter((t) => !t || t.state !== "present").map((t) => (t ? `${tableName(report, t.no)}${t.state === "empty" ? "无数据" : "原文缺失"}` : "")).join("、")}`, cells: [] });
        continue;
      }
      const si = valueColumn(st, pair.side.column, 2);
      const ci = ct.state === "present" ? valueColumn(ct, pair.coded.column) : -1;
      if (si < 0 || (ct.state === "present" && ci < 0)) {
        out.push({ check: this.id, status: "na", table: 0, place: place("各类"), note: `${si < 0 ? tableName(report, st.no) : tableName(report, ct.no)}没有可比较的金额列`, cells: [] });
        continue;
      }
      const classRows = ct.state === "present" ? bodyRows(ct).filter((r) => codeOf(ct, r).length === 3) : [];
      const byName = new Map(classRows.map((r) => [bareLabel(labelOf(ct, r)), r]));
      for (const item of side(st, 2).items) {
        const name = bareLabel(labelOf(st, item, 2));
        const coded = byName.get(name);
        const sideCell = cellAt(st, item, si);
        const codedCell = coded ? cellAt(ct, coded, ci) : EMPTY_CELL(ct.no, `${tableName(report, ct.no)}${ct.state === "empty" ? "无数据" : "没有此类"}`);
        byName.delete(name);
        const r = compareCells({ check: this.id, table: 0, place: place(name), total: sideCell, parts: [codedCell] });
        if (r) out.push({ ...r, cells: r.cells.filter((c) => c.line > 0) });
      }
      // A 类 printed in the coded table but not in the 收支总表.
      for (const [name, row] of byName) {
        const r = compareCells({ check: this.id, table: 0, place: place(name), total: EMPTY_CELL(st.no, `${tableName(report, st.no)}没有此类`), parts: [cellAt(ct, row, ci)] });
        if (r) out.push({ ...r, cells: r.cells.filter((c) => c.line > 0), note: `${tableName(report, st.no)}没有此类` });
      }
    }
    return out;
  },
};

export const CROSS_RULES: readonly Rule[] = [
  ...FIGURE_RULES,
  codePairRule("cross.codes", "同一科目在收入表与支出表中一致", "预算收入总表、预算支出总表、一般公共预算支出表、政府性基金预算支出表的各科目行"),
  codePairRule("cross.codes-within", "同一科目的财政拨款部分不超过全部", "一般公共预算、政府性基金支出表与支出总表的各科目行"),
  classesRule,
];
