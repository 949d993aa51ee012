/**
 * Execution (src/lib/execution.ts): budget against actual from 情况说明, the “三公” table and the 绩效自评表s, each
 * rate with its denominator, in exact decimals, biggest deviation first. Expected values are read from the sources by
 * hand: 阳泉市退役军人事务局 2023 决算 line 498 (社会保障和就业支出年初预算数1816.20万元，支出决算数3331.42万元，完成年初
 * 预算的183.43%) and line 886 (退役军人事务各项工作经费: 项目预算金额 40, 实际到位金额 40, 实际执行金额 13.11 万元);
 * 阳泉市民政局 2024 决算's 智慧养老服务平台运营费 (到位 11.68, 执行 11.532, and in its text “预算执行率98.9%”).
 */
import { describe, expect, it } from "vitest";
import { loadSiteOrThrow } from "../../src/lib/load.ts";
import { dataPaths, fsReader, projectValidators } from "../../src/lib/node-io.ts";
import { statementViews } from "../../src/lib/export/changes.ts";
import { executionChart, executionItems, sameYearPairs } from "../../src/lib/execution.ts";
import { classChangesChart } from "../../src/lib/charts/changes.ts";

const site = loadSiteOrThrow(fsReader, dataPaths(), projectValidators());
const report = (id: string) => site.reports.find((r) => r.meta.id === id) ?? (() => { throw new Error(id); })();
const itemsOf = (id: string) => {
  const r = report(id);
  return executionItems(r, statementViews(r));
};

describe("executionItems", () => {
  it("by 类 from 情况说明: 决算 − 年初预算 and 决算 ÷ 年初预算, biggest deviation first", () => {
    const { classes } = itemsOf("yangquan-veterans-affairs-2023-final");
    expect(classes[0]).toMatchObject({ label: "社会保障和就业支出", code: "208", denominator: "年初预算", difference: "1515.22", rate: "183.43", printedRate: "183.43" });
    expect(classes[0]?.budget).toMatchObject({ value: "1816.20", unit: "万元" });
    expect(classes[0]?.actual).toMatchObject({ value: "3331.42", name: "决算" });
    // Sorted by the size of the difference, whatever its sign.
    const sizes = classes.map((c) => Math.abs(Number(c.difference)));
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    // The “三公” items are read from their table, not from the text's statements about them.
    expect(classes.every((c) => c.code !== undefined || /一般公共预算/u.test(c.label))).toBe(true);
  });

  it("绩效自评表: 执行 ÷ 到位资金 and ÷ 项目预算 (13.11 ÷ 40 = 32.78 %)", () => {
    const { projects } = itemsOf("yangquan-veterans-affairs-2023-final");
    expect(projects[0]).toMatchObject({ label: "退役军人事务各项工作经费", denominator: "到位资金", difference: "-26.89", rate: "32.78" });
    expect(projects[0]?.ofBudget).toMatchObject({ rate: "32.78", budget: { value: "40", name: "项目预算金额" } });
    expect(projects[0]?.anchor).toMatch(/^perf-\d+$/u);
  });

  it("keeps a printed rate that differs from the amounts (98.9 % printed, 11.532 ÷ 11.68 = 98.7 %)", () => {
    const item = itemsOf("yangquan-civil-affairs-2024-final").projects.find((p) => p.label === "智慧养老服务平台运营费");
    expect(item).toMatchObject({ printedRate: "98.9", rate: "98.7", budget: { value: "11.68" }, actual: { value: "11.532" } });
  });

  it("the “三公” table's 预算数 and 决算数, with the cells that print them", () => {
    const [total] = itemsOf("yangquan-veterans-affairs-2023-final")["three-public"];
    expect(total).toMatchObject({ label: "“三公”经费合计", denominator: "预算数", budget: { value: "4.54" }, actual: { value: "4.54" }, difference: "0.00", rate: "100.00" });
    expect(total?.actual?.cell?.table).toBe(9);
  });

  it("a budget has no execution", () => {
    for (const g of Object.values(itemsOf("xinzhou-civil-affairs-2024-budget"))) expect(g).toEqual([]);
  });
});

describe("executionChart", () => {
  it("draws each 类 with its budget and 决算, the rate in its label, the total above", () => {
    const r = report("yangquan-veterans-affairs-2023-final");
    const chart = executionChart(r, itemsOf(r.meta.id).classes);
    expect(chart?.rows.map((x) => x.label)).toEqual(["社会保障和就业支出（183.43 %）", "卫生健康支出（82.39 %）", "住房保障支出（109.18 %）", "一般公共服务支出（93.22 %）"]);
    expect(chart?.rows[0]?.values.map((v) => v?.value)).toEqual(["1816.20", "3331.42"]);
    expect(chart?.series.map((s) => s.total?.value)).toEqual(["1868.96", "3383.31"]);
    expect(chart?.csv).toBe("reports/yangquan-veterans-affairs-2023-final/data/charts/execution.csv");
    expect(executionChart(report("xinzhou-civil-affairs-2024-budget"), [])).toBeUndefined();
  });
});

describe("classChangesChart", () => {
  it("draws each 类's change as the text states it, decreases left (阳泉市民政局 2024 决算 lines 414–424: 较上年决算减少…)", () => {
    const r = report("yangquan-civil-affairs-2024-final");
    const chart = classChangesChart(r, statementViews(r));
    expect(chart?.rows.map((x) => [x.code, x.values[0]?.value])).toEqual([
      ["201", "-29.85"],
      ["208", "-3146.70"],
      ["210", "-0.11"],
      ["221", "-3.44"],
    ]);
    expect(chart?.rows[1]?.label).toBe("社会保障和就业支出（−55.42 %）");
    expect(chart?.series[0]?.label).toBe("比上年决算增减");
    // The reason, quoted as printed.
    expect(chart?.notes).toContain("社会保障和就业支出：殡仪馆迁建项目基本完工");
    expect(chart?.csv).toBe("reports/yangquan-civil-affairs-2024-final/data/charts/changes.csv");
  });

  it("is not drawn for a report whose text gives no 类 change", () => {
    const r = report("xinzhou-civil-affairs-2024-budget");
    const views = statementViews(r);
    expect(views.some((v) => v.statement.code?.length === 3 && v.statement.change)).toBe(false);
    expect(classChangesChart(r, views)).toBeUndefined();
  });
});

describe("sameYearPairs", () => {
  const v = (value: string) => ({ value, unit: "万元" });
  const summary = (kind: "budget" | "final", title: string, income: string) =>
    ({
      meta: { ...site.reports[0]!.meta, year: 2024, kind, title },
      figures: { income: v(income), expenditure: v(income), basic: { value: "" }, project: v("1.00"), appropriation: v(income), threePublic: v("0") },
    }) as unknown as Parameters<typeof sameYearPairs>[0][number];

  it("compares a 部门预算 with the 部门决算 of its year: 决算 − 预算 and 决算 ÷ 年初预算", () => {
    const [pair] = sameYearPairs([summary("budget", "2024年度部门预算公开", "3000.00"), summary("final", "2024年度部门决算公开", "3119.54")]);
    expect(pair?.why).toBeUndefined();
    expect(pair?.rows.find((r) => r.key === "income")).toMatchObject({ difference: "119.54", rate: "103.98" });
    // A figure one of them lacks (基本支出 blank here) is not compared.
    expect(pair?.rows.map((r) => r.key)).not.toContain("basic");
  });

  it("does not compare a 单位决算 (the bureau alone) with a 部门预算 (bureau and units), and says why", () => {
    const [pair] = sameYearPairs([summary("budget", "2024年度部门预算公开", "3000.00"), summary("final", "2024年度单位决算公开", "3119.54")]);
    expect(pair?.rows).toEqual([]);
    expect(pair?.why).toBe("2024年的预算是部门预算（含所属单位），决算是单位决算（只含本单位），范围不同，不作比较。");
  });

  it("pairs nothing across years (the bundled 阳泉市民政局: a 2024 决算 and a 2025 预算)", () => {
    const own = site.reports.filter((r) => r.meta.department.id === "civil-affairs" && r.meta.city.id === "yangquan");
    expect(own.map((r) => r.meta.year).sort()).toEqual([2024, 2025]);
    expect(sameYearPairs(own.map((r) => ({ meta: r.meta, figures: {} as never })))).toEqual([]);
  });
});
