/**
 * Cross-table rules: each passes on the seeds as published and fails, naming the changed cell, when one amount of a
 * seed is changed. Expected values are read from the other table by hand (cited in each case).
 */
import { describe, expect, it } from "vitest";
import { DIBAO_2024_FINAL, VETERANS_2023_FINAL, YQ_2024_FINAL, YQ_2025_BUDGET, failures, lineOf, resultsOf, seed, setCell, statuses } from "./support.ts";

interface Case {
  rule: string;
  report: string;
  change: [number, string | RegExp, RegExp | string, string];
  expected?: string;
  found?: string;
  note?: RegExp;
}

const CASES: Case[] = [
  // 公开01表 本年收入合计 3119.54 = 公开02表 合计 3119.54
  { rule: "cross.total-income", report: YQ_2024_FINAL, change: [1, /^本年收入合计$/u, "收入/金额", "3119.64"], expected: "3119.54", found: "3119.64" },
  // 公开01表 本年支出合计 3442.07 = 公开03表 合计 3442.07 (退役军人 2023)
  { rule: "cross.total-expenditure", report: VETERANS_2023_FINAL, change: [3, "合计", "本年支出合计", "3442.17"], expected: "3442.17", found: "3442.07" },
  // 公开02表 其他收入 190.10 = 公开01表 八、其他收入 190.10
  { rule: "cross.income-sources", report: VETERANS_2023_FINAL, change: [2, "合计", "其他收入", "191.10"], expected: "190.10", found: "191.10" },
  // 公开04表 一般公共预算财政拨款 2560.16 = 公开01表 一般公共预算财政拨款收入 2560.16
  { rule: "cross.appropriation-income", report: YQ_2024_FINAL, change: [4, /^一、一般公共预算财政拨款$/u, "收入/金额", "2561.16"], expected: "2560.16", found: "2561.16" },
  // 公开04表 本年支出合计/一般公共 2560.16 = 公开05表 合计 小计 2560.16
  { rule: "cross.general-budget", report: YQ_2024_FINAL, change: [5, "合计", "本年支出/小计", "2561.16"], expected: "2561.16", found: "2560.16" },
  // 公开04表 政府性基金 559.38 = 公开07表 合计 本年支出 小计 559.38
  { rule: "cross.gov-fund", report: YQ_2024_FINAL, change: [7, "合计", "本年支出/小计", "560.38"], expected: "560.38", found: "559.38" },
  // 公开08表 is published empty (本表无数据): 国有资本经营预算财政拨款收入 must be blank in 公开01表
  { rule: "cross.state-capital", report: YQ_2024_FINAL, change: [1, /国有资本经营预算财政拨款收入/u, "收入/金额", "5.00"], found: "5.00", note: /公开08表无数据/u },
  // 公开05表 基本支出 281.81 = 人员经费合计 252.78 + 公用经费合计 29.03
  { rule: "cross.basic-detail", report: YQ_2024_FINAL, change: [5, "合计", "本年支出/基本支出", "291.81"], expected: "281.81", found: "291.81" },
  // 机关运行经费 22.33 ≤ 公用经费合计 43.51 (公开10表, 公开06表)
  { rule: "cross.office-expenses", report: VETERANS_2023_FINAL, change: [10, /行政单位/u, "统计数", "50.00"], found: "50.00" },
  // 表一 上年结转 489.07 = 表二 合计 上年结转 489.07 = 表十三 首行 489.07
  { rule: "cross.carryover", report: YQ_2025_BUDGET, change: [1, /^上年结转$/u, /^收入\//u, "490.07"], found: "490.07" },
  // 表三 项目支出 3312.04 = 表十二 2822.97 + 表十三 489.07
  { rule: "cross.project-tables", report: YQ_2025_BUDGET, change: [3, "合计", /项目支出$/u, "3313.04"], expected: "3312.04", found: "3313.04" },
  // 表三 201 合计 1.47 = 表二 201 本年收入合计 1.47 + 上年结转 (blank)
  { rule: "cross.codes", report: YQ_2025_BUDGET, change: [3, "201", /合计$/u, "2.47"], expected: "1.47", found: "2.47" },
  // 公开05表 201 小计 0.55 ≤ 公开03表 201 本年支出合计 0.55
  { rule: "cross.codes-within", report: VETERANS_2023_FINAL, change: [5, "201", "本年支出/小计", "1.55"], found: "1.55" },
  // 公开01表 九、卫生健康支出 15.30 = 公开03表 210 15.30
  { rule: "cross.classes", report: VETERANS_2023_FINAL, change: [1, /卫生健康支出/u, "支出/金额", "16.30"], expected: "15.30", found: "16.30" },
];

describe("cross-table rules on the seeds as published", () => {
  it.each([YQ_2024_FINAL, YQ_2025_BUDGET, VETERANS_2023_FINAL, DIBAO_2024_FINAL])("%s: no cross-table failure", (id) => {
    const all = [...new Set(CASES.map((c) => c.rule))].flatMap((rule) => resultsOf(seed(id), rule));
    expect(all.filter((r) => r.status === "fail")).toEqual([]);
    expect(statuses(all).pass).toBeGreaterThan(20);
  });

  it("says why a rule does not apply: 阳泉 2024 决算 has no 公开03表", () => {
    const [r] = resultsOf(seed(YQ_2024_FINAL), "cross.total-expenditure");
    expect(r).toMatchObject({ status: "na", note: "公开03表原文缺失" });
  });

  it("adds back 上年结转 for budgets: 表四 一般公共预算支出 = 表五 合计 + 一般公共预算上年结转", () => {
    const [r] = resultsOf(seed(YQ_2025_BUDGET), "cross.general-budget");
    expect(r?.status).toBe("pass");
    expect(r?.cells.map((c) => c.table).sort()).toEqual([4, 4, 5]);
  });

  it("an empty table agrees with the tables that would feed it: 公开08表 无数据 ↔ blank 国有资本 cells", () => {
    const results = resultsOf(seed(YQ_2024_FINAL), "cross.state-capital");
    expect(results.length).toBe(2);
    expect(results.every((r) => r.status === "pass" && /公开08表无数据/u.test(r.note ?? ""))).toBe(true);
  });
});

describe.each(CASES)("$rule fails when $report changes $change", (c) => {
  it("names the changed cell", () => {
    const report = seed(c.report);
    const [no, row, column, value] = c.change;
    const line = lineOf(report, no, row);
    setCell(report, no, line, column, value);
    const found = failures(report, c.rule);
    const naming = found.filter((f) => f.cells.some((x) => x.table === no && x.line === line && x.value === value));
    expect(naming.length).toBeGreaterThan(0);
    if (c.expected) expect(naming.map((f) => f.expected)).toContain(c.expected);
    if (c.found) expect(naming.map((f) => f.found)).toContain(c.found);
    if (c.note) expect(naming.some((f) => c.note?.test(f.note ?? ""))).toBe(true);
  });
});
