/**
 * What pages about many reports show of the data checks: a per-report summary of a few hundred bytes (counts by
 * category and status, table states, failures by rule), computed once per report in the downloads pass and read
 * back by the /checks/ pages, department and city pages (src/lib/site.ts) — never by running the rules again.
 */
import { compareReports, compareText } from "./catalog.ts";
import { CATEGORY_NAMES, type CheckCategory, type CheckStatus, type ReportChecks, type Rule } from "./checks/types.ts";
import type { Report, ReportMeta, TableState } from "./model.ts";

export type StatusCounts = Record<CheckStatus, number>;

export interface CheckSummary {
  reportId: string;
  counts: StatusCounts;
  /** Counts by category, for the categories with results. */
  categories: Partial<Record<CheckCategory, StatusCounts>>;
  /** How many of the template's standard tables are present, published empty, missing. */
  tables: Record<TableState, number>;
  /** Failing rules with how many places fail, in rule order. */
  failures: { check: string; title: string; count: number }[];
}

export const CATEGORY_ORDER = Object.keys(CATEGORY_NAMES) as CheckCategory[];

const zero = (): StatusCounts => ({ pass: 0, fail: 0, na: 0 });

export function summarizeChecks(report: Pick<Report, "tables">, checks: ReportChecks): CheckSummary {
  const categories: CheckSummary["categories"] = {};
  const failures = new Map<string, { check: string; title: string; count: number }>();
  for (const r of checks.results) {
    const c = (categories[r.category] ??= zero());
    c[r.status]++;
    if (r.status !== "fail") continue;
    const f = failures.get(r.check) ?? { check: r.check, title: r.title, count: 0 };
    f.count++;
    failures.set(r.check, f);
  }
  const tables: Record<TableState, number> = { present: 0, empty: 0, missing: 0 };
  for (const t of report.tables) tables[t.state]++;
  return { reportId: checks.reportId, counts: { ...checks.counts }, categories, tables, failures: [...failures.values()] };
}

/** The counts of some categories added up. */
export function addCounts(summary: CheckSummary, keep: (c: CheckCategory) => boolean): StatusCounts {
  const out = zero();
  for (const [category, counts] of Object.entries(summary.categories) as [CheckCategory, StatusCounts][]) {
    if (!keep(category)) continue;
    for (const s of ["pass", "fail", "na"] as const) out[s] += counts[s];
  }
  return out;
}

// ---- The /checks/ overview ----

export type CheckOrder = "failures" | "by-name" | "by-year";

export const CHECK_ORDERS: { order: CheckOrder; path?: string; name: string }[] = [
  { order: "failures", name: "不符项最多的在前" },
  { order: "by-name", path: "by-name", name: "按部门名称" },
  { order: "by-year", path: "by-year", name: "按年度（新的在前）" },
];

export interface OverviewRow {
  meta: ReportMeta;
  summary: CheckSummary;
  /** 完整性 rules. */
  completeness: StatusCounts;
  /** Every other category (勾稽, 文字与表格, 合理性). */
  consistency: StatusCounts;
}

const byFailures = (a: OverviewRow, b: OverviewRow) => b.summary.counts.fail - a.summary.counts.fail || compareReports(a.meta, b.meta);
const byName = (a: OverviewRow, b: OverviewRow) =>
  compareText(a.meta.department.name, b.meta.department.name) || compareText(a.meta.city.name, b.meta.city.name) || compareReports(a.meta, b.meta);
const byYear = (a: OverviewRow, b: OverviewRow) => compareReports(a.meta, b.meta);
const ORDERS: Record<CheckOrder, (a: OverviewRow, b: OverviewRow) => number> = { failures: byFailures, "by-name": byName, "by-year": byYear };

/** Every report with its summary, in one of the overview's orders. Throws when a report has no summary. */
export function overviewRows(metas: readonly ReportMeta[], summaryOf: (id: string) => CheckSummary, order: CheckOrder): OverviewRow[] {
  return metas
    .map((meta) => {
      const summary = summaryOf(meta.id);
      return { meta, summary, completeness: addCounts(summary, (c) => c === "completeness"), consistency: addCounts(summary, (c) => c !== "completeness") };
    })
    .sort(ORDERS[order]);
}

/** All reports' counts added up. */
export function totalCounts(rows: readonly { summary: CheckSummary }[]): StatusCounts & { reports: number; failing: number } {
  const out = { ...zero(), reports: rows.length, failing: 0 };
  for (const { summary } of rows) {
    for (const s of ["pass", "fail", "na"] as const) out[s] += summary.counts[s];
    if (summary.counts.fail > 0) out.failing++;
  }
  return out;
}

/** The rules by category (the site's category order), each in rule order. */
export function rulesByCategory(rules: readonly Rule[]): { category: CheckCategory; name: string; rules: Rule[] }[] {
  return CATEGORY_ORDER.map((category) => ({ category, name: CATEGORY_NAMES[category], rules: rules.filter((r) => r.category === category) })).filter((g) => g.rules.length > 0);
}
