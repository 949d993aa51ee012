/**
 * The column identities of the standard tables, as data: in every body row of the table, the `total` column equals
 * the sum of the `parts` columns (minus the `minus` columns). Columns are named by their published headers (levels
 * joined with `/`). The importer uses the same identities to place the cells of a row that lost an empty cell.
 */
import type { ReportKind } from "../model.ts";

export interface ColumnIdentity {
  /** Rule id of the check. */
  id: string;
  kind: ReportKind;
  table: number;
  /** Side-by-side group the columns belong to (two-sided tables: 2 is the expenditure side). */
  group?: number;
  title: string;
  total: RegExp;
  /** The columns added; `rest` = every other value column of the group except `except`. */
  parts: RegExp[] | "rest";
  except?: RegExp;
  minus?: RegExp[];
  /** The template families (src/templates/) whose table this is; every family when absent. */
  templates?: readonly string[];
}

const rest = "rest" as const;

export const COLUMN_IDENTITIES: readonly ColumnIdentity[] = [
  // 决算
  { id: "sum.income-columns", kind: "final", table: 2, title: "本年收入合计 = 各项收入之和", total: /^本年收入合计$/u, parts: rest },
  { id: "sum.expenditure-columns", kind: "final", table: 3, title: "本年支出合计 = 基本支出 + 项目支出 + 上缴上级支出 + 经营支出 + 对附属单位补助支出", total: /^本年支出合计$/u, parts: rest },
  { id: "sum.fund-columns", kind: "final", table: 4, group: 2, title: "财政拨款支出合计 = 一般公共预算 + 政府性基金预算 + 国有资本经营预算", total: /^支出\/合计$/u, parts: rest },
  { id: "sum.basic-project", kind: "final", table: 5, title: "小计 = 基本支出 + 项目支出", total: /小计$/u, parts: [/基本支出$/u, /项目支出$/u] },
  { id: "sum.basic-project", kind: "final", table: 7, title: "本年支出小计 = 基本支出 + 项目支出", total: /本年支出\/小计$/u, parts: [/本年支出\/基本支出$/u, /本年支出\/项目支出$/u] },
  { id: "sum.carryover", kind: "final", table: 7, title: "年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出", total: /^年末结转和结余$/u, parts: [/^年初结转和结余$/u, /^本年收入$/u], minus: [/^本年支出\/小计$/u] },
  { id: "sum.basic-project", kind: "final", table: 8, title: "合计 = 基本支出 + 项目支出", total: /本年支出\/合计$/u, parts: [/基本支出$/u, /项目支出$/u] },
  { id: "sum.three-public", kind: "final", table: 9, templates: ["national"], title: "“三公”经费预算数合计 = 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费", total: /^预算数\/合计$/u, parts: [/^预算数\/因公出国/u, /^预算数\/公务用车购置及运行维护费\/小计$/u, /^预算数\/公务接待费$/u] },
  { id: "sum.three-public", kind: "final", table: 9, templates: ["national"], title: "“三公”经费决算数合计 = 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费", total: /^决算数\/合计$/u, parts: [/^决算数\/因公出国/u, /^决算数\/公务用车购置及运行维护费\/小计$/u, /^决算数\/公务接待费$/u] },
  { id: "sum.three-public", kind: "final", table: 9, templates: ["national"], title: "公务用车购置及运行维护费（预算数）= 购置费 + 运行维护费", total: /^预算数\/公务用车购置及运行维护费\/小计$/u, parts: [/^预算数\/公务用车购置及运行维护费\/公务用车购置费$/u, /^预算数\/公务用车购置及运行维护费\/公务用车运行维护费$/u] },
  { id: "sum.three-public", kind: "final", table: 9, templates: ["national"], title: "公务用车购置及运行维护费（决算数）= 购置费 + 运行维护费", total: /^决算数\/公务用车购置及运行维护费\/小计$/u, parts: [/^决算数\/公务用车购置及运行维护费\/公务用车购置费$/u, /^决算数\/公务用车购置及运行维护费\/公务用车运行维护费$/u] },
  // 预算
  { id: "sum.current-carryover", kind: "budget", table: 1, group: 2, title: "支出合计 = 当年预算安排 + 上年结转安排", total: /合计$/u, parts: [/当年预算安排$/u, /上年结转安排$/u] },
  { id: "sum.income-columns", kind: "budget", table: 2, title: "本年收入合计 = 各项本年收入之和（不含上年结转）", total: /^本年收入\/合计$/u, parts: rest, except: /上年结转/u },
  { id: "sum.basic-project", kind: "budget", table: 3, title: "合计 = 基本支出 + 项目支出", total: /合计$/u, parts: [/基本支出$/u, /项目支出$/u] },
  { id: "sum.fund-columns", kind: "budget", table: 4, group: 2, title: "财政拨款支出小计 = 一般公共预算 + 政府性基金预算 + 国有资本经营预算", total: /(?:小计|合计)$/u, parts: rest },
  { id: "sum.basic-project", kind: "budget", table: 5, title: "合计 = 基本支出 + 项目支出", total: /合计$/u, parts: [/基本支出$/u, /项目支出$/u] },
  { id: "sum.personnel-public", kind: "budget", table: 6, title: "合计 = 人员经费 + 公用经费", total: /合计$/u, parts: [/人员经费$/u, /公用经费$/u] },
  { id: "sum.basic-project", kind: "budget", table: 8, title: "合计 = 基本支出 + 项目支出", total: /合计$/u, parts: [/基本支出$/u, /项目支出$/u] },
  { id: "sum.basic-project", kind: "budget", table: 9, group: 2, title: "国有资本经营预算支出合计 = 基本支出 + 项目支出", total: /合计$/u, parts: [/基本支出$/u, /项目支出$/u] },
  { id: "sum.fund-columns", kind: "budget", table: 10, templates: ["national"], title: "“三公”经费合计 = 一般公共预算 + 政府性基金预算 + 国有资本经营预算", total: /合计$/u, parts: rest },
  { id: "sum.fund-columns", kind: "budget", table: 11, templates: ["national"], title: "机关运行经费合计 = 各资金来源之和", total: /合计$/u, parts: rest },
  // The Shanghai 决算's 三公 table prints 预算数 and 决算数 under each item (`合计/预算数`).
  ...(["预算数", "决算数"] as const).flatMap((v) => [
    { id: "sum.three-public", kind: "final" as const, table: 9, templates: ["shanghai"], title: `“三公”经费${v}合计 = 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费`, total: new RegExp(`/合计/${v}$`, "u"), parts: [new RegExp(`因公出国[（(]境[)）]费/${v}$`, "u"), new RegExp(`公务用车购置及运行维护费/小计/${v}$`, "u"), new RegExp(`公务接待费/${v}$`, "u")] },
    { id: "sum.three-public", kind: "final" as const, table: 9, templates: ["shanghai"], title: `公务用车购置及运行维护费（${v}）= 购置费 + 运行维护费`, total: new RegExp(`公务用车购置及运行维护费/小计/${v}$`, "u"), parts: [new RegExp(`公务用车购置费/${v}$`, "u"), new RegExp(`公务用车运行维护费/${v}$`, "u")] },
  ]),
  // The Shanghai budgets' “三公”经费和机关运行经费预算表 (table 10 there): the 三公 items side by side.
  { id: "sum.three-public", kind: "budget", table: 10, templates: ["shanghai"], title: "“三公”经费合计 = 因公出国(境)费 + 公务接待费 + 公务用车购置及运行费", total: /三公.*\/合计$/u, parts: [/因公出国/u, /公务接待费$/u, /公务用车购置及运行(?:维护)?费\/小计$/u] },
  { id: "sum.three-public", kind: "budget", table: 10, templates: ["shanghai"], title: "公务用车购置及运行费 = 购置费 + 运行费", total: /公务用车购置及运行(?:维护)?费\/小计$/u, parts: [/公务用车购置及运行(?:维护)?费\/购置费$/u, /公务用车购置及运行(?:维护)?费\/运行(?:维护)?费$/u] },
  { id: "sum.fund-columns", kind: "budget", table: 12, title: "项目合计 = 各资金来源之和", total: /^合计$/u, parts: rest },
  { id: "sum.fund-columns", kind: "budget", table: 13, title: "项目合计 = 各资金来源之和", total: /^合计$/u, parts: rest },
];

export interface ResolvedIdentity {
  identity: ColumnIdentity;
  total: number;
  parts: number[];
  minus: number[];
}

interface ColumnLike {
  label: string;
  role: string;
  group: number;
}

/**
 * Resolves an identity against a table's columns: the column indices of its total and parts, or the reason it
 * cannot (a column the table does not print).
 */
export function resolveIdentity(identity: ColumnIdentity, columns: readonly ColumnLike[]): ResolvedIdentity | { missing: string } {
  const inGroup = columns.flatMap((c, i) => (c.role === "value" && (identity.group === undefined || c.group === identity.group) ? [i] : []));
  const find = (re: RegExp) => inGroup.find((i) => re.test((columns[i] as ColumnLike).label));
  const total = find(identity.total);
  if (total === undefined) return { missing: `表中没有与“${identity.total.source}”相符的列` };
  const minus: number[] = [];
  for (const re of identity.minus ?? []) {
    const i = find(re);
    if (i === undefined) return { missing: `表中没有与“${re.source}”相符的列` };
    minus.push(i);
  }
  let parts: number[];
  if (identity.parts === "rest") {
    parts = inGroup.filter((i) => i !== total && !minus.includes(i) && !(identity.except?.test((columns[i] as ColumnLike).label) ?? false));
  } else {
    parts = [];
    for (const re of identity.parts) {
      const i = find(re);
      if (i === undefined) return { missing: `表中没有与“${re.source}”相符的列` };
      parts.push(i);
    }
  }
  if (parts.length === 0) return { missing: "表中没有可相加的列" };
  return { identity, total, parts, minus };
}

export function identitiesFor(kind: ReportKind, table: number, template = "national"): ColumnIdentity[] {
  return COLUMN_IDENTITIES.filter((x) => x.kind === kind && x.table === table && (!x.templates || x.templates.includes(template)));
}
