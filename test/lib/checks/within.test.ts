/**
 * Within-table rules: each passes on the seeds as published (hand-checked) and fails, naming the changed cell, when
 * one amount of a seed is changed.
 */
import { describe, expect, it } from "vitest";
import { DIBAO_2024_FINAL, VETERANS_2023_FINAL, YQ_2024_FINAL, YQ_2025_BUDGET, failures, lineOf, resultsOf, seed, setCell, statuses } from "./support.ts";

const SEED_IDS = [YQ_2024_FINAL, YQ_2025_BUDGET, VETERANS_2023_FINAL, DIBAO_2024_FINAL];

interface Case {
  rule: string;
  report: string;
  /** table, row (code or label), column header, new value */
  change: [number, string | RegExp | number, RegExp | string, string];
  expected?: string;
  found?: string;
}

const CASES: Case[] = [
  // 20802 = 2080201 177.97 + 2080202 74.08 in 公开02表; 177.97 → 178.97 breaks it
  { rule: "sum.code-hierarchy", report: YQ_2024_FINAL, change: [2, "2080201", "本年收入合计", "178.97"], expected: "253.05", found: "252.04" },
  // 合计 3119.54 = 201 0.28 + 208 2530.96 + 210 9.45 + 221 19.47 + 229 559.38
  { rule: "sum.total-of-classes", report: YQ_2024_FINAL, change: [2, "合计", "本年收入合计", "3119.64"], expected: "3119.54", found: "3119.64" },
  { rule: "sum.income-columns", report: YQ_2024_FINAL, change: [2, "201", "财政拨款收入", "0.38"], expected: "0.38", found: "0.28" },
  { rule: "sum.basic-project", report: YQ_2024_FINAL, change: [5, "2080201", "本年支出/基本支出", "170.00"], expected: "170.00", found: "177.97" },
  // 229: 年初 0 + 本年收入 559.38 − 本年支出 559.38 = 0, printed blank
  { rule: "sum.carryover", report: YQ_2024_FINAL, change: [7, "229", "年末结转和结余", "1.00"], expected: "0.00", found: "1.00" },
  { rule: "sum.fund-columns", report: YQ_2024_FINAL, change: [4, /社会保障和就业支出/u, "支出/一般公共预算财政拨款", "2530.00"], expected: "2530.00", found: "2530.96" },
  { rule: "sum.three-public", report: VETERANS_2023_FINAL, change: [9, 398, "决算数/合计", "5.54"], expected: "4.54", found: "5.54" },
  { rule: "sum.side-totals", report: YQ_2024_FINAL, change: [1, /一般公共预算财政拨款收入/u, "收入/金额", "2560.26"], expected: "3119.64", found: "3119.54" },
  { rule: "sum.two-sided-balance", report: YQ_2024_FINAL, change: [1, /^总计$/u, "支出/金额", "3120.54"], expected: "3119.54", found: "3120.54" },
  { rule: "sum.basic-detail-totals", report: YQ_2024_FINAL, change: [6, "人员经费合计", "人员经费/决算数", "250.00"], expected: "252.78", found: "250.00" },
  // 301 = Σ its 301xx = 215.72 (printed 215.73, a rounding tail); 30101 67.36 → 60.00 makes the sum 208.36
  { rule: "sum.economic-hierarchy", report: YQ_2024_FINAL, change: [6, "30101", "人员经费/决算数", "60.00"], expected: "208.36", found: "215.73" },
  { rule: "sum.expenditure-columns", report: VETERANS_2023_FINAL, change: [3, "合计", "基本支出", "456.01"], expected: "3443.07", found: "3442.07" },
  { rule: "sum.current-carryover", report: YQ_2025_BUDGET, change: [1, /其他支出/u, /当年预算安排$/u, "900.00"], expected: "1389.07", found: "1402.82" },
  { rule: "sum.personnel-public", report: YQ_2025_BUDGET, change: [6, "合计", /人员经费$/u, "900.00"], expected: "1060.64", found: "1099.45" },
  { rule: "sum.item-rows", report: YQ_2025_BUDGET, change: [10, "公务接待费", /合计$/u, "1.80"] },
  { rule: "sum.income-columns", report: YQ_2025_BUDGET, change: [2, "合计", /本年收入\/政府性基金/u, "900.00"] },
  { rule: "sum.economic-hierarchy", report: YQ_2025_BUDGET, change: [6, "工资福利支出", /合计$/u, "820.00"], found: "820.00" },
];

describe("within-table rules on the seeds as published", () => {
  it.each(SEED_IDS)("%s: every within-table result passes or is not applicable", (id) => {
    const results = CASES.map((c) => c.rule).flatMap((rule) => resultsOf(seed(id), rule));
    expect(results.filter((r) => r.status === "fail")).toEqual([]);
  });

  it("checks many places: every 类/款 of 阳泉 2024 决算's coded tables in every value column", () => {
    const s = statuses(resultsOf(seed(YQ_2024_FINAL), "sum.code-hierarchy"));
    expect(s.fail).toBe(0);
    expect(s.pass).toBeGreaterThan(50);
  });

  it("states rounding as rounding: 20802 民政管理事务 252.04 against 177.97 + 74.08 = 252.05 passes with its difference shown", () => {
    const r = resultsOf(seed(YQ_2024_FINAL), "sum.code-hierarchy").find((x) => x.place === "公开02表 · 20802 民政管理事务 · 本年收入合计");
    expect(r).toMatchObject({ status: "pass", expected: "252.05", found: "252.04", difference: "-0.01", tolerance: "0.015" });
  });
});

describe.each(CASES)("$rule fails when $report changes $change", (c) => {
  it("names the changed cell, with expected and found", () => {
    const report = seed(c.report);
    const [no, row, column, value] = c.change;
    const line = typeof row === "number" ? row : lineOf(report, no, row);
    setCell(report, no, line, column, value);
    const found = failures(report, c.rule);
    expect(found.length).toBeGreaterThan(0);
    const naming = found.filter((f) => f.cells.some((x) => x.table === no && x.line === line && x.value === value));
    expect(naming.length).toBeGreaterThan(0);
    if (c.expected) expect(naming.map((f) => f.expected)).toContain(c.expected);
    if (c.found) expect(naming.map((f) => f.found)).toContain(c.found);
  });
});

describe("a row shifted one column", () => {
  it("is caught: 2080202 一般行政管理事务's 74.08 moved from 小计/项目支出 one column left", () => {
    const report = seed(YQ_2024_FINAL);
    const line = lineOf(report, 5, "2080202");
    // printed: 74.08 | (blank) | 74.08 → shifted: (blank) | 74.08 | (blank)… as if a cell had been lost
    setCell(report, 5, line, "本年支出/小计", "");
    setCell(report, 5, line, "本年支出/基本支出", "74.08");
    setCell(report, 5, line, "本年支出/项目支出", "");
    const ids = new Set([...failures(report, "sum.basic-project"), ...failures(report, "sum.code-hierarchy")].map((f) => f.check));
    expect(ids).toEqual(new Set(["sum.basic-project", "sum.code-hierarchy"]));
  });
});
