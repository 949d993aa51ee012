/** The per-report check summary the pages about many reports read, and the /checks/ overview's orders. */
import { describe, expect, it } from "vitest";
import { addCounts, overviewRows, rulesByCategory, summarizeChecks, totalCounts, type CheckSummary } from "../../src/lib/check-summary.ts";
import { RULES } from "../../src/lib/checks/index.ts";
import type { ReportChecks } from "../../src/lib/checks/types.ts";
import type { ReportMeta, Table } from "../../src/lib/model.ts";

const result = (check: string, category: ReportChecks["results"][number]["category"], status: "pass" | "fail" | "na") => ({ check, category, status, title: `规则 ${check}`, place: "表一", table: 1, cells: [] });

describe("summarizeChecks", () => {
  it("counts by status and category, tables by state, failures by rule", () => {
    const checks: ReportChecks = {
      reportId: "r",
      counts: { pass: 2, fail: 3, na: 1 },
      results: [result("a", "within", "pass"), result("a", "within", "fail"), result("a", "within", "fail"), result("b", "completeness", "fail"), result("b", "completeness", "pass"), result("c", "cross", "na")],
    };
    const tables = [{ state: "present" }, { state: "present" }, { state: "empty" }, { state: "missing" }] as Table[];
    const s = summarizeChecks({ tables }, checks);
    expect(s).toEqual({
      reportId: "r",
      counts: { pass: 2, fail: 3, na: 1 },
      categories: { within: { pass: 1, fail: 2, na: 0 }, completeness: { pass: 1, fail: 1, na: 0 }, cross: { pass: 0, fail: 0, na: 1 } },
      tables: { present: 2, empty: 1, missing: 1 },
      failures: [
        { check: "a", title: "规则 a", count: 2 },
        { check: "b", title: "规则 b", count: 1 },
      ],
    });
    expect(addCounts(s, (c) => c === "completeness")).toEqual({ pass: 1, fail: 1, na: 0 });
    expect(addCounts(s, (c) => c !== "completeness")).toEqual({ pass: 1, fail: 2, na: 1 });
    expect(JSON.stringify(s).length).toBeLessThan(600);
  });
});

describe("overviewRows", () => {
  const meta = (id: string, department: string, year: number, kind: "budget" | "final") =>
    ({ id, year, kind, city: { id: "c", name: "阳泉市" }, department: { id, name: department } }) as unknown as ReportMeta;
  const metas = [meta("a", "阳泉市民政局", 2024, "final"), meta("b", "阳泉市民政局", 2025, "budget"), meta("c", "阳泉市城乡居民最低生活保障管理中心", 2024, "final"), meta("d", "忻州市民政局", 2024, "budget")];
  const fails: Record<string, number> = { a: 0, b: 2, c: 5, d: 2 };
  const summaryOf = (id: string): CheckSummary => ({ reportId: id, counts: { pass: 1, fail: fails[id] ?? 0, na: 0 }, categories: { within: { pass: 1, fail: fails[id] ?? 0, na: 0 } }, tables: { present: 1, empty: 0, missing: 0 }, failures: [] });

  it("most failures first (ties newest first), by name (pinyin), by year (newest, budget before final)", () => {
    expect(overviewRows(metas, summaryOf, "failures").map((r) => r.meta.id)).toEqual(["c", "b", "d", "a"]);
    expect(overviewRows(metas, summaryOf, "by-name").map((r) => r.meta.id)).toEqual(["d", "c", "b", "a"]);
    expect(overviewRows(metas, summaryOf, "by-year").map((r) => r.meta.id)).toEqual(["b", "d", "c", "a"]);
    expect(overviewRows(metas, summaryOf, "failures")[0]?.consistency).toEqual({ pass: 1, fail: 5, na: 0 });
    expect(totalCounts(overviewRows(metas, summaryOf, "failures"))).toEqual({ pass: 4, fail: 9, na: 0, reports: 4, failing: 3 });
  });

  it("throws when a report has no summary (the integration did not check it)", () => {
    expect(() =>
      overviewRows(metas, (id) => {
        throw new Error(`no check summary for report ${id}`);
      }, "by-year"),
    ).toThrow(/no check summary/u);
  });
});

describe("rulesByCategory", () => {
  it("lists every rule once, grouped by category", () => {
    const groups = rulesByCategory(RULES);
    expect(groups.flatMap((g) => g.rules)).toHaveLength(RULES.length);
    for (const g of groups) expect(g.rules.every((r) => r.category === g.category)).toBe(true);
  });
});
