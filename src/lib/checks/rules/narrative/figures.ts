/**
 * The figures the text names and the cells that print them: 收入总计 is 公开01表's 总计 row on the income side, the
 * “三公”经费 决算数 is 公开09表's 决算数/合计 column, 机关运行经费 is 公开10表's 行政单位 + 参照公务员法管理事业单位 rows…
 * A figure is recognised by the words of the clause that quotes it (and, where words are shared, by the section it
 * is in); its cells are found by their published row and column labels, never by position.
 */
import { rowHeading } from "../../../line-items.ts";
import type { Report, ReportKind, Table } from "../../../model.ts";
import { bareLabel, bodyRows, type Cell, cellAt, memo, tableName } from "../../cells.ts";

export type Family = "total-income" | "total-expenditure" | "appropriation" | "basic-project" | "three-public" | "office-expenses" | "procurement";

/** One cell of a standard table: the row's label as the column sees it (or the first body row), the column's label. */
export interface Locator {
  table: number;
  row: RegExp | "first";
  column: RegExp;
  group?: number;
}

export interface FigureSpec {
  family: Family;
  /** The figure's name, for the place of a result. */
  name: string;
  kinds: readonly ReportKind[];
  /** Tested on the words naming the quoted amount (`Mention.key`). */
  key: RegExp;
  /** When set, one of the section headings (without numbering) must match. */
  heading?: RegExp;
  /** When set, the sentence must match. */
  sentence?: RegExp;
  /** The figure is the sum of these cells (usually one). */
  cells: Locator[];
  /** Other tables that print the same figure. */
  alternatives?: Locator[][];
  /** The budget (预算数) of a final-account figure, for `完成全年预算的…%`. */
  budget?: Locator[];
}

const FINAL = ["final"] as const;
const BUDGET = ["budget"] as const;

const cell = (table: number, row: RegExp | "first", column: RegExp, group?: number): Locator => ({ table, row, column, ...(group === undefined ? {} : { group }) });

/** 公开09表's columns: `决算数/因公出国（境）费`… */
function threePublicFinal(): FigureSpec[] {
  const items: [string, RegExp, RegExp][] = [
    ["“三公”经费", /(?:“三公”|"三公"|三公)经费/u, /合计$/u],
    ["因公出国（境）费", /因公出国[（(]境[)）]/u, /因公出国/u],
    ["公务用车购置及运行维护费", /公务用车购置及运行(?:维护)?费/u, /公务用车购置及运行维护费\/小计$/u],
    ["公务用车购置费", /公务用车购置(?:费|支出)/u, /公务用车购置费$/u],
    ["公务用车运行维护费", /公务车?用车运行(?:维护)?费/u, /公务用车运行维护费$/u],
    ["公务接待费", /公务接待费/u, /公务接待费$/u],
  ];
  const specs: FigureSpec[] = [];
  for (const [name, key, column] of items) {
    const budget = cell(9, "first", new RegExp(`^预算数/.*${column.source}`, "u"));
    const actual = cell(9, "first", new RegExp(`^决算数/.*${column.source}`, "u"));
    specs.push({ family: "three-public", name: `${name}（预算数）`, kinds: FINAL, key: new RegExp(`${key.source}.*预算数?$`, "u"), heading: /三公/u, cells: [budget] });
    specs.push({ family: "three-public", name: `${name}（决算数）`, kinds: FINAL, key, heading: /三公/u, cells: [actual], budget: [budget] });
  }
  // `“三公”经费财政拨款支出全年预算4.54万元，支出决算4.54万元`: the second figure is the 决算数 of the sentence's subject.
  specs.push({ family: "three-public", name: "“三公”经费（决算数）", kinds: FINAL, key: /^支出决算数?$/u, heading: /三公/u, sentence: /三公/u, cells: [cell(9, "first", /^决算数\/合计$/u)], budget: [cell(9, "first", /^预算数\/合计$/u)] });
  return specs;
}

/**
 * 预算表十's rows, column 合计; or, in the Shanghai template's “三公”经费和机关运行经费预算表, its one row's columns
 * (`“三公”经费预算数/合计`, `…/公务用车购置及运行费/小计`, `…/购置费`, `…/运行费`). Two Shanghai samples write
 * `公务车用车运行费`: read as 公务用车运行维护费.
 */
function threePublicBudget(): FigureSpec[] {
  const items: [string, RegExp, RegExp, RegExp][] = [
    ["“三公”经费", /(?:“三公”|"三公"|三公)经费/u, /^合计$/u, /三公.*\/合计$/u],
    ["因公出国（境）费", /因公出国[（(]境[)）]/u, /因公出国/u, /\/因公出国/u],
    ["公务用车购置及运行维护费", /公务用车购置及运行(?:维护)?费/u, /公务用车购置及运行/u, /\/公务用车购置及运行(?:维护)?费\/小计$/u],
    ["公务用车购置费", /公务用车购置(?:费|支出)/u, /公务用车购置费/u, /\/公务用车购置及运行(?:维护)?费\/购置费$/u],
    ["公务用车运行维护费", /公务车?用车运行(?:维护)?费/u, /公务用车运行维护费/u, /\/公务用车购置及运行(?:维护)?费\/运行(?:维护)?费$/u],
    ["公务接待费", /公务接待费/u, /公务接待费/u, /\/公务接待费$/u],
  ];
  return items.map(([name, key, row, column]) => ({ family: "three-public", name, kinds: BUDGET, key, heading: /三公/u, cells: [cell(10, row, /合计$/u)], alternatives: [[cell(10, "first", column)]] }));
}

/** Which figure a quoted amount names, in order: the first spec that matches wins. */
export const FIGURE_SPECS: readonly FigureSpec[] = [
  ...threePublicFinal(),
  ...threePublicBudget(),
  // 机关运行经费
  { family: "office-expenses", name: "机关运行经费", kinds: FINAL, key: /机关运行经费/u, cells: [cell(10, /^行政单位$/u, /统计数|金额/u), cell(10, /^参照公务员法管理事业单位$/u, /统计数|金额/u)] },
  // The Shanghai template prints it in the “三公” table (表10), as its last column.
  { family: "office-expenses", name: "机关运行经费", kinds: BUDGET, key: /机关运行经费/u, cells: [cell(11, /^(?:部门)?合计$/u, /合计$/u)], alternatives: [[cell(10, "first", /^机关运行经费/u)]] },
  // 政府采购 (公开10表)
  { family: "procurement", name: "政府采购支出总额", kinds: FINAL, key: /^(?!.*(?:授予|中小企业|小微)).*政府采购.*(?:总额|合计)$/u, cells: [cell(10, /^合计$/u, /统计数|金额/u)] },
  { family: "procurement", name: "政府采购货物支出", kinds: FINAL, key: /政府采购货物/u, cells: [cell(10, /^货物$/u, /统计数|金额/u)] },
  { family: "procurement", name: "政府采购工程支出", kinds: FINAL, key: /政府采购工程/u, cells: [cell(10, /^工程$/u, /统计数|金额/u)] },
  { family: "procurement", name: "政府采购服务支出", kinds: FINAL, key: /政府采购服务/u, cells: [cell(10, /^服务$/u, /统计数|金额/u)] },
  // 财政拨款 (决算)
  { family: "appropriation", name: "政府性基金预算财政拨款收入总计", kinds: FINAL, key: /政府性基金.*收入总计$/u, cells: [cell(7, /^合计$/u, /^年初结转和结余$/u), cell(7, /^合计$/u, /^本年收入$/u)] },
  { family: "appropriation", name: "政府性基金预算财政拨款支出总计", kinds: FINAL, key: /(?:政府性基金.*|^)支出总计$/u, heading: /政府性基金/u, cells: [cell(7, /^合计$/u, /^本年支出\/小计$/u), cell(7, /^合计$/u, /^年末结转和结余$/u)] },
  { family: "appropriation", name: "财政拨款收入总计", kinds: FINAL, key: /(?:财政拨款|^)收入总计$/u, heading: /财政拨款收支/u, cells: [cell(4, /^总计$/u, /^收入\//u)] },
  { family: "appropriation", name: "财政拨款支出总计", kinds: FINAL, key: /(?:财政拨款|^)支出总计$/u, heading: /财政拨款收支/u, cells: [cell(4, /^总计$/u, /^支出\/合计$/u)] },
  { family: "appropriation", name: "一般公共预算财政拨款支出", kinds: FINAL, key: /一般公共预算财政拨款(?:决算)?支出$/u, cells: [cell(5, /^合计$/u, /小计$/u)], alternatives: [[cell(4, /^本年支出合计$/u, /^支出\/一般公共预算/u)]] },
  // 财政拨款 (预算)
  { family: "appropriation", name: "财政拨款收入总计", kinds: BUDGET, key: /财政拨款(?:收支总预算|收入总计)$/u, cells: [cell(4, /^收入总计$/u, /^收入\//u)] },
  { family: "appropriation", name: "一般公共预算当年支出", kinds: BUDGET, key: /一般公共预算当年(?:支出|拨款)$/u, cells: [cell(5, /^合计$/u, /合计$/u)] },
  // 基本支出、项目支出、人员经费、公用经费
  { family: "basic-project", name: "财政拨款基本支出", kinds: FINAL, key: /基本支出$/u, heading: /基本支出/u, cells: [cell(5, /^合计$/u, /基本支出$/u)], alternatives: [[cell(6, /^人员经费合计$/u, /决算数$/u, 1), cell(6, /^公用经费合计$/u, /决算数$/u, 4)]] },
  { family: "basic-project", name: "人员经费", kinds: FINAL, key: /^人员经费$/u, heading: /基本支出/u, cells: [cell(6, /^人员经费合计$/u, /决算数$/u, 1)] },
  { family: "basic-project", name: "公用经费", kinds: FINAL, key: /^公用经费$/u, heading: /基本支出/u, cells: [cell(6, /^公用经费合计$/u, /决算数$/u, 4)] },
  { family: "basic-project", name: "基本支出", kinds: FINAL, key: /^基本支出$/u, heading: /^支出决算情况说明$/u, cells: [cell(3, /^合计$/u, /^基本支出$/u)] },
  { family: "basic-project", name: "项目支出", kinds: FINAL, key: /^项目支出$/u, heading: /^支出决算情况说明$/u, cells: [cell(3, /^合计$/u, /^项目支出$/u)] },
  { family: "basic-project", name: "一般公共预算基本支出", kinds: BUDGET, key: /基本支出$/u, heading: /基本支出/u, cells: [cell(5, /^合计$/u, /基本支出$/u)], alternatives: [[cell(6, /^合计$/u, /合计$/u)]] },
  { family: "basic-project", name: "人员经费", kinds: BUDGET, key: /^人员经费$/u, heading: /基本支出/u, cells: [cell(6, /^合计$/u, /人员经费$/u)] },
  { family: "basic-project", name: "公用经费", kinds: BUDGET, key: /^公用经费$/u, heading: /基本支出/u, cells: [cell(6, /^合计$/u, /公用经费$/u)] },
  { family: "basic-project", name: "基本支出", kinds: BUDGET, key: /^基本支出$/u, heading: /^支出预算情况说明$/u, cells: [cell(3, /^合计$/u, /基本支出$/u)] },
  { family: "basic-project", name: "项目支出", kinds: BUDGET, key: /^项目支出$/u, heading: /^支出预算情况说明$/u, cells: [cell(3, /^合计$/u, /项目支出$/u)] },
  // 收入、支出总计与合计
  { family: "total-income", name: "收入总计", kinds: FINAL, key: /收入总计$/u, cells: [cell(1, /^总计$/u, /^收入\//u)] },
  { family: "total-income", name: "本年收入合计", kinds: FINAL, key: /^(?:本年)?收入合计$/u, cells: [cell(1, /^本年收入合计$/u, /^收入\//u)], alternatives: [[cell(2, /^合计$/u, /^本年收入合计$/u)]] },
  { family: "total-expenditure", name: "支出总计", kinds: FINAL, key: /支出总计$/u, cells: [cell(1, /^总计$/u, /^支出\//u)] },
  { family: "total-expenditure", name: "本年支出合计", kinds: FINAL, key: /^(?:本年)?支出合计$/u, cells: [cell(1, /^本年支出合计$/u, /^支出\//u)], alternatives: [[cell(3, /^合计$/u, /^本年支出合计$/u)]] },
  { family: "total-income", name: "收入总计", kinds: BUDGET, key: /收入总计$/u, cells: [cell(1, /^收入总计$/u, /^收入\//u)] },
  { family: "total-income", name: "收入总计", kinds: BUDGET, key: /预算收入$/u, heading: /^收入预算情况说明$/u, cells: [cell(1, /^收入总计$/u, /^收入\//u)] },
  { family: "total-income", name: "本年收入合计", kinds: BUDGET, key: /^本年收入(?:合计)?$/u, cells: [cell(1, /^本年收入合计$/u, /^收入\//u)] },
  { family: "total-expenditure", name: "支出总计", kinds: BUDGET, key: /支出总计$/u, cells: [cell(1, /^支出总计$/u, /^支出\/.*合计$/u)] },
  { family: "total-expenditure", name: "支出总计", kinds: BUDGET, key: /支出预算$/u, heading: /^支出预算情况说明$/u, cells: [cell(3, /^合计$/u, /合计$/u)], alternatives: [[cell(1, /^支出总计$/u, /^支出\/.*合计$/u)]] },
  // The Shanghai template's 预算编制说明: `收入预算…万元，其中：财政拨款收入…万元`, `支出预算…万元，其中：财政拨款支出预算…
  // 万元。财政拨款支出预算中，一般公共预算拨款支出预算…万元；政府性基金拨款支出预算…万元；国有资本经营预算拨款支出预算…`
  // — from its 财务收支预算总表 (表1) and 财政拨款收支预算总表 (表4). Its 编制说明 prints no heading of its own (a line of
  // text), so these go by their exact words, after every national figure.
  { family: "total-income", name: "收入总计", kinds: BUDGET, key: /^收入预算$/u, cells: [cell(1, /^收入总计$/u, /^本年收入\/预算数$/u)] },
  { family: "total-expenditure", name: "支出总计", kinds: BUDGET, key: /^支出预算$/u, cells: [cell(1, /^支出总计$/u, /^本年支出\/预算数$/u)] },
  { family: "appropriation", name: "财政拨款收入总计", kinds: BUDGET, key: /^财政拨款收入$/u, cells: [cell(4, /^收入总计$/u, /^财政拨款收入\/预算数$/u)] },
  { family: "appropriation", name: "财政拨款支出总计", kinds: BUDGET, key: /^财政拨款支出预算$/u, cells: [cell(4, /^支出总计$/u, /^财政拨款支出\/合计$/u)] },
  { family: "appropriation", name: "一般公共预算拨款支出", kinds: BUDGET, key: /^一般公共预算拨款支出预算$/u, cells: [cell(4, /^支出总计$/u, /^财政拨款支出\/一般公共预算$/u)] },
  { family: "appropriation", name: "政府性基金拨款支出", kinds: BUDGET, key: /^政府性基金拨款支出预算$/u, cells: [cell(4, /^支出总计$/u, /^财政拨款支出\/政府性基金预算$/u)] },
  { family: "appropriation", name: "国有资本经营预算拨款支出", kinds: BUDGET, key: /^国有资本经营预算拨款支出预算$/u, cells: [cell(4, /^支出总计$/u, /^财政拨款支出\/国有资本经营预算$/u)] },
];

/** What a figure is recognised by: the words naming it, its section headings, its sentence. */
export interface Named {
  key: string;
  headings: readonly string[];
  sentenceText: string;
}

/** The figure a quoted amount names, if it is one of the key figures of the report's kind. */
export function figureOf(kind: ReportKind, named: Named): FigureSpec | undefined {
  return memo(named, `figureOf|${kind}`, () => findFigure(kind, named));
}

function findFigure(kind: ReportKind, named: Named): FigureSpec | undefined {
  const headings = named.headings.map(bareLabel);
  return FIGURE_SPECS.find(
    (s) =>
      s.kinds.includes(kind) &&
      s.key.test(named.key) &&
      (s.heading === undefined || headings.some((h) => (s.heading as RegExp).test(h))) &&
      (s.sentence === undefined || s.sentence.test(named.sentenceText)),
  );
}

export type Located =
  | { state: "present"; cells: Cell[]; unit: string }
  | { state: "missing" | "empty" | "absent"; table: number; reason: string; unit: string };

function locateOne(table: Table, loc: Locator): Cell | undefined {
  const index = table.columns.findIndex((c) => c.role === "value" && (loc.group === undefined || c.group === loc.group) && loc.column.test(c.label));
  if (index < 0) return undefined;
  const column = table.columns[index];
  if (!column) return undefined;
  const rows = bodyRows(table);
  const row = loc.row === "first" ? rows[0] : rows.find((r) => (loc.row as RegExp).test(bareLabel(rowHeading(table, r, column).label)));
  return row ? cellAt(table, row, index) : undefined;
}

/** The cells of a figure, or why they cannot be read (table missing, published empty, row or column not printed). */
export function locate(report: Report, locators: readonly Locator[]): Located {
  const cells: Cell[] = [];
  let unit = report.meta.unit;
  for (const loc of locators) {
    const table = report.tables.find((t) => t.no === loc.table);
    const name = tableName(report, loc.table);
    unit = table?.unit ?? report.meta.unit;
    // A table the report's template does not have is not one the department left out: say which.
    if (!table || table.state === "missing") return { state: "missing", table: loc.table, reason: table?.absent ?? `原文缺少${name}`, unit };
    if (table.state === "empty") return { state: "empty", table: loc.table, reason: `${name}为空表${table.emptyNote ? `（${table.emptyNote.replace(/^(?:说明|注)[：:]/u, "")}）` : ""}`, unit };
    const found = locateOne(table, loc);
    if (!found) return { state: "absent", table: loc.table, reason: `${name}中找不到此项`, unit };
    cells.push(found);
  }
  return { state: "present", cells, unit };
}
