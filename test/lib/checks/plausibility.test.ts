import { describe, expect, it } from "vitest";
import { DIBAO_2024_FINAL, VETERANS_2023_FINAL, YQ_2024_FINAL, YQ_2025_BUDGET, failures, lineOf, resultsOf, rowAt, seed, setCell, table } from "./support.ts";

const RULES = ["plausible.year", "plausible.kind", "plausible.negative", "plausible.code-parent", "plausible.code-unique", "plausible.class-code", "plausible.line-numbers", "plausible.unit", "plausible.decimals"];

describe("plausibility rules on the seeds as published", () => {
  it.each([YQ_2024_FINAL, YQ_2025_BUDGET, VETERANS_2023_FINAL, DIBAO_2024_FINAL])("%s: every rule passes", (id) => {
    for (const rule of RULES) {
      const results = resultsOf(seed(id), rule);
      // Budget tables print no 行次.
      if (!(rule === "plausible.line-numbers" && id === YQ_2025_BUDGET)) expect(results.length, rule).toBeGreaterThan(0);
      expect(results.filter((r) => r.status !== "pass"), rule).toEqual([]);
    }
  });
});

describe("plausibility rules fail on implausible data", () => {
  it("a report for the year 2099", () => {
    const r = seed(YQ_2024_FINAL);
    r.meta.year = 2099;
    expect(failures(r, "plausible.year")).toMatchObject([{ expected: "2010–2026", found: "2099" }]);
  });

  it("a final account titled as a budget", () => {
    const r = seed(YQ_2024_FINAL);
    r.meta.title = "2024年度部门预算公开";
    expect(failures(r, "plausible.kind")).toHaveLength(1);
  });

  it("a negative expenditure", () => {
    const r = seed(YQ_2024_FINAL);
    const line = lineOf(r, 5, "2080201");
    setCell(r, 5, line, "本年支出/基本支出", "-177.97");
    expect(failures(r, "plausible.negative")).toMatchObject([{ found: "-177.97", cells: [{ table: 5, line }] }]);
  });

  it("a code whose 类 does not exist (2999999), named with its missing parent", () => {
    const r = seed(YQ_2024_FINAL);
    const line = lineOf(r, 5, "2080201");
    setCell(r, 5, line, "项目/科目代码", "2999999");
    expect(failures(r, "plausible.code-parent")).toMatchObject([{ expected: "上级科目 29999", cells: [{ line, value: "2999999" }] }]);
  });

  it("a code listed twice", () => {
    const r = seed(YQ_2024_FINAL);
    setCell(r, 5, lineOf(r, 5, "2080202"), "项目/科目代码", "2080201");
    expect(failures(r, "plausible.code-unique")).toHaveLength(1);
  });

  it("a 类 code outside the national classification", () => {
    const r = seed(YQ_2024_FINAL);
    setCell(r, 5, lineOf(r, 5, "201"), "项目/科目代码", "299");
    expect(failures(r, "plausible.class-code")).toMatchObject([{ found: "299" }]);
  });

  it("行次 out of order (a row moved)", () => {
    const r = seed(VETERANS_2023_FINAL);
    const rows = table(r, 1).rows;
    const a = rows[3];
    const b = rows[4];
    if (!a || !b) throw new Error("rows");
    table(r, 1).rows.splice(3, 2, b, a);
    expect(failures(r, "plausible.line-numbers").length).toBeGreaterThan(0);
    expect(rowAt(r, 1, a.line)).toBe(a);
  });

  it("an amount that lost a digit (4411.49 printed as 4411.4)", () => {
    const r = seed(YQ_2025_BUDGET);
    const line = lineOf(r, 3, "合计");
    setCell(r, 3, line, /合计$/u, "4411.4");
    expect(failures(r, "plausible.decimals")).toMatchObject([{ table: 3, found: "4411.4", expected: "2 位小数", cells: [{ line }] }]);
  });

  it("a zero printed `0` in a 万元 table has lost no digit; an integer amount there still has", () => {
    const r = seed(YQ_2025_BUDGET);
    const line = lineOf(r, 3, "合计");
    setCell(r, 3, line, /合计$/u, "0");
    expect(failures(r, "plausible.decimals")).toEqual([]);
    setCell(r, 3, line, /合计$/u, "25");
    expect(failures(r, "plausible.decimals")).toMatchObject([{ table: 3, found: "25", cells: [{ line }] }]);
  });

  it("a table without its unit", () => {
    const r = seed(YQ_2025_BUDGET);
    delete table(r, 3).unit;
    expect(failures(r, "plausible.unit")).toMatchObject([{ table: 3, found: "未注明" }]);
  });
});
