/**
 * Text against tables: each narrative rule passes on a seed as published (values checked by hand against the source
 * text) and fails when one quoted number, or the cell it quotes, is changed. Real errors of the sources are asserted
 * as failures: 忻州 2024 预算 “下降2.9%” (1.88 ÷ 67.02 = 2.81%), 阳泉 2025 预算 “下降(增长)0.001%” (0.04 ÷ 40.72 =
 * 0.098%) and “占部门（单位）项目支出总额的100%” (2,545.59 ÷ 2,822.97 = 90.17%), 阳泉 2024 决算 “一般行政管理事务支出74.07”
 * (公开05表 2080202: 74.08).
 */
import { startRun } from "../../../src/lib/checks/cells.ts";
import { describe, expect, it } from "vitest";
import { RULES } from "../../../src/lib/checks/index.ts";
import { NARRATIVE_RULES } from "../../../src/lib/checks/rules/narrative.ts";
import { inMentionUnit, states } from "../../../src/lib/checks/rules/narrative/amount.ts";
import { mentions } from "../../../src/lib/checks/rules/narrative/mentions.ts";
import { checkPercent } from "../../../src/lib/checks/rules/narrative/percent.ts";
import { parseDec } from "../../../src/lib/decimal.ts";
import type { CheckResult } from "../../../src/lib/checks/types.ts";
import type { Report } from "../../../src/lib/model.ts";
import { DIBAO_2024_FINAL, VETERANS_2023_FINAL, XZ_2024_BUDGET, YQ_2024_FINAL, YQ_2025_BUDGET, seed, seeds, setCell } from "./support.ts";

/** Results of one narrative rule, run directly (the rule alone, as registered). */
function run(report: Report, id: string): CheckResult[] {
  const rule = NARRATIVE_RULES.find((r) => r.id === id);
  if (!rule) throw new Error(`no rule ${id}`);
  // A run of the checks reads the report afresh (rules keep what they read for the rest of a run).
  startRun();
  return rule.kinds.includes(report.meta.kind) ? rule.run(report, { maxYear: 2026 }) : [];
}

/** The (`nth`) result whose narrative pointer is on `line` and quotes `value`. */
function at(results: CheckResult[], line: number, value: string, nth = 0): CheckResult {
  const r = results.filter((x) => x.cells[0]?.table === 0 && x.cells[0].line === line && x.cells[0].value === value)[nth];
  if (!r) throw new Error(`no result for ${value} on line ${line}: ${results.map((x) => `${x.cells[0]?.line}:${x.cells[0]?.value}`).join(", ")}`);
  return r;
}

/** Replaces text in the narrative paragraph printed on `line`. */
function editText(report: Report, line: number, from: string, to: string): void {
  for (const s of report.narrative) {
    for (const b of s.blocks) {
      if (b.line === line && b.text?.includes(from)) {
        b.text = b.text.replace(from, to);
        return;
      }
    }
  }
  throw new Error(`no “${from}” on line ${line}`);
}

const d = (s: string) => parseDec(s) ?? { units: 0n, scale: 0 };

describe("reading amounts from the text", () => {
  it("normalises thousands separators, classifies changes and shares, skips thresholds", () => {
    const list = mentions(seed(YQ_2024_FINAL)).filter((m) => m.line === 372);
    expect(list.map((m) => [m.value, m.unit, m.role, m.key])).toEqual([
      ["3119.54", "万元", "level", "收入总计"],
      ["3119.54", "万元", "level", "支出总计"],
      ["6961.07", "万元", "change", "收入总计"],
      ["69.05", "%", "change", ""],
      ["6961.07", "万元", "change", "支出总计"],
      ["69.05", "%", "change", ""],
    ]);
    // 退役军人 2023: “单价100万元（含）以上设备” is a threshold, not an amount.
    expect(mentions(seed(VETERANS_2023_FINAL)).some((m) => m.value === "100" && m.unit === "万元")).toBe(false);
  });

  it("reads a budget figure printed without its unit (“年初预算数33.01，”)", () => {
    const m = mentions(seed(VETERANS_2023_FINAL)).find((x) => x.value === "33.01");
    expect(m).toMatchObject({ unit: "万元", role: "level", line: 498 });
  });

  it("reads last year's figure a change is measured from", () => {
    const list = mentions(seed(YQ_2025_BUDGET)).filter((m) => m.line === 589);
    expect(list.map((m) => [m.value, m.role])).toEqual([
      ["40.68", "level"],
      ["40.72", "previous"],
      ["0.04", "change"],
      ["0.001", "change"],
    ]);
  });
});

describe("amounts in 元 and 万元", () => {
  it("compares a 元 cell with a 万元 amount rounded as the text prints it", () => {
    expect(states({ value: "1.32", unit: "万元" }, "13249", "元")).toBe(true);
    expect(states({ value: "1.32", unit: "万元" }, "13250", "元")).toBe(false);
    expect(states({ value: "13200", unit: "元" }, "1.32", "万元")).toBe(true);
    expect(inMentionUnit("——", "万元", { value: "1", unit: "万元" })).toBeUndefined();
  });

  it("accepts fewer printed decimals only for a cell the words name, and never for 0", () => {
    expect(states({ value: "8261", unit: "万元" }, "8261.00", "万元")).toBe(true);
    expect(states({ value: "3608", unit: "万元" }, "3608.15", "万元")).toBe(false);
    expect(states({ value: "3608", unit: "万元" }, "3608.15", "万元", true)).toBe(true);
    expect(states({ value: "0", unit: "万元" }, "0.03", "万元", true)).toBe(false);
  });
});

describe("checking a percentage", () => {
  it("passes the exact rounding, and a value only the rounding of the amounts explains", () => {
    expect(checkPercent(d("1.88"), d("67.02"), d("2.81")).status).toBe("exact");
    expect(checkPercent(d("1.88"), d("67.02"), d("2.9")).status).toBe("wrong");
    // 0.05 ÷ 0.15 = 33.33%, but 0.055 ÷ 0.145 = 37.9%: 34% is possible from the unrounded amounts.
    expect(checkPercent(d("0.05"), d("0.15"), d("34")).status).toBe("rounding");
    expect(checkPercent(d("0.05"), d("0.15"), d("40")).status).toBe("wrong");
    expect(checkPercent(d("0"), d("8261.00"), d("0")).status).toBe("zero");
  });
});

describe("narrative.total-income", () => {
  it("阳泉市民政局 2024 决算: 收入总计 3,119.54 is 公开01表's 总计", () => {
    const r = at(run(seed(YQ_2024_FINAL), "narrative.total-income"), 372, "3119.54");
    expect(r).toMatchObject({ status: "pass", expected: "3119.54", found: "3119.54", tolerance: "0.00" });
    expect(r.cells[0]).toEqual({ table: 0, line: 372, column: "", columnLabel: "情况说明", row: "2024年度收入总计3,119.54万元", value: "3119.54" });
    expect(r.cells[1]).toMatchObject({ table: 1, line: 129, column: "c3", row: "总计", value: "3119.54" });
  });

  it("fails when the text quotes another number", () => {
    const report = seed(YQ_2024_FINAL);
    editText(report, 372, "收入总计3,119.54万元", "收入总计3,119.45万元");
    expect(at(run(report, "narrative.total-income"), 372, "3119.45")).toMatchObject({ status: "fail", expected: "3119.54", found: "3119.45", difference: "-0.09" });
  });
});

describe("narrative.total-expenditure", () => {
  it("退役军人 2023 决算: 支出合计 3,442.07 is 公开01表's 本年支出合计", () => {
    expect(at(run(seed(VETERANS_2023_FINAL), "narrative.total-expenditure"), 460, "3442.07")).toMatchObject({ status: "pass", expected: "3442.07" });
  });

  it("fails when the table's 总计 is changed", () => {
    const report = seed(VETERANS_2023_FINAL);
    setCell(report, 1, 109, /^支出\//u, "3598.63");
    expect(at(run(report, "narrative.total-expenditure"), 440, "3598.36")).toMatchObject({ status: "fail", expected: "3598.63", found: "3598.36" });
  });
});

describe("narrative.appropriation", () => {
  it("忻州 2024 预算: 财政拨款收支总预算 5,021.00 is 表四's 收入总计", () => {
    const r = at(run(seed(XZ_2024_BUDGET), "narrative.appropriation"), 564, "5021.00");
    expect(r).toMatchObject({ status: "pass", expected: "5021.00" });
    expect(r.cells[1]).toMatchObject({ table: 4, line: 288, value: "5021.00" });
  });

  it("阳泉 2024 决算: 政府性基金 收入总计 559.38 = 公开07表 年初结转和结余 (blank) + 本年收入", () => {
    const r = at(run(seed(YQ_2024_FINAL), "narrative.appropriation"), 436, "559.38");
    expect(r.status).toBe("pass");
    expect(r.cells.slice(1).map((c) => [c.table, c.value])).toEqual([
      [7, ""],
      [7, "559.38"],
    ]);
  });

  it("fails when 表四's 收入总计 is changed", () => {
    const report = seed(XZ_2024_BUDGET);
    setCell(report, 4, 288, /^收入\//u, "5012.00");
    expect(at(run(report, "narrative.appropriation"), 564, "5021.00")).toMatchObject({ status: "fail", expected: "5012.00", difference: "9.00" });
  });
});

describe("narrative.basic-project", () => {
  it("阳泉 2024 决算 (公开03表 missing): 项目支出 2,837.74 = 公开05表 2,278.36 + 公开07表 559.38", () => {
    const r = at(run(seed(YQ_2024_FINAL), "narrative.basic-project"), 386, "2837.74");
    expect(r.status).toBe("pass");
    expect(r.note).toMatch(/^原文缺少公开03表/u);
    expect(r.cells.slice(1).map((c) => [c.table, c.value])).toEqual([
      [5, "2278.36"],
      [7, "559.38"],
    ]);
  });

  it("退役军人 2023 决算: 基本支出 455.01 is 公开03表's 合计; fails when that cell changes", () => {
    expect(at(run(seed(VETERANS_2023_FINAL), "narrative.basic-project"), 462, "455.01")).toMatchObject({ status: "pass", expected: "455.01" });
    const report = seed(VETERANS_2023_FINAL);
    setCell(report, 3, 173, "基本支出", "456.01");
    expect(at(run(report, "narrative.basic-project"), 462, "455.01")).toMatchObject({ status: "fail", expected: "456.01", difference: "-1.00" });
  });
});

describe("narrative.three-public", () => {
  it("退役军人 2023 决算: “三公”经费 4.54 and 公务用车运行维护费 4.54 are 公开09表's 决算数", () => {
    const results = run(seed(VETERANS_2023_FINAL), "narrative.three-public");
    expect(results.every((r) => r.status === "pass")).toBe(true);
    expect(at(results, 536, "4.54").cells[1]).toMatchObject({ table: 9, line: 398, columnLabel: "决算数/公务用车购置及运行维护费/公务用车运行维护费" });
  });

  it("fails when 公开09表's 决算数 is changed", () => {
    const report = seed(VETERANS_2023_FINAL);
    setCell(report, 9, 398, "决算数/合计", "4.45");
    // “全年预算4.54万元，支出决算4.54万元”: the second is the 决算数.
    const results = run(report, "narrative.three-public");
    expect(at(results, 520, "4.54", 0)).toMatchObject({ status: "pass", place: expect.stringContaining("（预算数）") });
    expect(at(results, 520, "4.54", 1)).toMatchObject({ status: "fail", expected: "4.45", place: expect.stringContaining("（决算数）") });
  });

  it("阳泉 2024 决算: 0万元 agrees with 公开09表 published empty; a non-zero amount does not", () => {
    expect(at(run(seed(YQ_2024_FINAL), "narrative.three-public"), 452, "0")).toMatchObject({ status: "pass", note: "公开09表为空表（本表无数据），文中为0" });
    const report = seed(YQ_2024_FINAL);
    editText(report, 452, "运行维护费支出0万元", "运行维护费支出3.20万元");
    expect(at(run(report, "narrative.three-public"), 452, "3.20").status).toBe("fail");
  });
});

describe("narrative.office-expenses", () => {
  it("忻州 2024 预算: 65.14 is 表十一's 部门合计; fails when it changes", () => {
    expect(at(run(seed(XZ_2024_BUDGET), "narrative.office-expenses"), 602, "65.14")).toMatchObject({ status: "pass", expected: "65.14" });
    const report = seed(XZ_2024_BUDGET);
    setCell(report, 11, 466, /预算数\/合计$/u, "66.14");
    expect(at(run(report, "narrative.office-expenses"), 602, "65.14")).toMatchObject({ status: "fail", expected: "66.14" });
  });

  it("退役军人 2023 决算: 22.33 = 公开10表 行政单位 22.33 + 参照公务员法管理事业单位 (blank)", () => {
    const r = at(run(seed(VETERANS_2023_FINAL), "narrative.office-expenses"), 544, "22.33");
    expect(r.status).toBe("pass");
    expect(r.cells.slice(1).map((c) => c.value)).toEqual(["22.33", ""]);
  });

  it("阳泉 2024 决算: not verifiable without 公开10表", () => {
    expect(at(run(seed(YQ_2024_FINAL), "narrative.office-expenses"), 470, "29.03")).toMatchObject({ status: "na", note: "原文缺少公开10表，无法核对" });
  });
});

describe("narrative.procurement", () => {
  it("退役军人 2023 决算: 92.75 / 4.96 / 78.50 / 9.29 are 公开10表's 政府采购 rows; fails when one changes", () => {
    const results = run(seed(VETERANS_2023_FINAL), "narrative.procurement");
    expect(results.map((r) => [r.status, r.found])).toEqual([
      ["pass", "92.75"],
      ["pass", "4.96"],
      ["pass", "78.50"],
      ["pass", "9.29"],
    ]);
    const report = seed(VETERANS_2023_FINAL);
    setCell(report, 10, 417, "统计数", "9.92");
    expect(at(run(report, "narrative.procurement"), 548, "9.29")).toMatchObject({ status: "fail", expected: "9.92" });
  });
});

describe("narrative.amounts", () => {
  it("退役军人 2023 决算: 其他收入 190.10 is 公开02表's 合计 row, 其他收入 column", () => {
    const r = at(run(seed(VETERANS_2023_FINAL), "narrative.amounts"), 456, "190.10");
    expect(r.status).toBe("pass");
    expect(r.cells[1]).toMatchObject({ table: 2, line: 126, columnLabel: "其他收入", value: "190.10" });
  });

  it("阳泉 2024 决算: 一般行政管理事务支出 74.07 is printed 74.08 in 公开05表 (2080202)", () => {
    const r = at(run(seed(YQ_2024_FINAL), "narrative.amounts"), 416, "74.07");
    expect(r).toMatchObject({ status: "fail", expected: "74.08", found: "74.07", difference: "-0.01" });
    expect(r.cells[1]).toMatchObject({ table: 5, line: 246, row: "2080202 一般行政管理事务" });
  });

  it("fails when a classified amount of the text is changed", () => {
    const report = seed(DIBAO_2024_FINAL);
    expect(at(run(report, "narrative.amounts"), 401, "107.10").status).toBe("pass");
    editText(report, 401, "107.10万元", "107.01万元");
    expect(at(run(report, "narrative.amounts"), 401, "107.01")).toMatchObject({ status: "fail", expected: "107.10" });
  });

  it("lists what no table prints, without calling it wrong", () => {
    const xz = run(seed(XZ_2024_BUDGET), "narrative.amounts");
    // 政府采购 is in no budget table; 45.92 equals an unrelated 表六 cell, which is no evidence.
    expect(at(xz, 606, "45.92")).toMatchObject({ status: "na", note: "未能与表格核对" });
    expect(at(run(seed(YQ_2024_FINAL), "narrative.amounts"), 412, "1127.65")).toMatchObject({ status: "na", note: "未能与表格核对：年初预算数不在本报告的表格中" });
  });
});

describe("narrative.changes", () => {
  it("recomputes the percentage of a change: 阳泉 2024 决算 6,961.07 ÷ (3,119.54 + 6,961.07) = 69.05%", () => {
    const results = run(seed(YQ_2024_FINAL), "narrative.changes");
    expect(at(results, 372, "69.05%")).toMatchObject({ status: "pass", expected: "69.05%" });
    expect(at(results, 372, "6961.07")).toMatchObject({ status: "na", note: "上年数不在本报告中，无法核对增减额" });
  });

  it("忻州 2024 预算: 机关运行经费 下降2.9% should be 2.81% (1.88 ÷ 67.02)", () => {
    const r = at(run(seed(XZ_2024_BUDGET), "narrative.changes"), 602, "2.9%");
    expect(r).toMatchObject({ status: "fail", expected: "2.8%", found: "2.9%" });
    expect(r.note).toContain("= 2.81%");
  });

  it("阳泉 2025 预算: 40.68 − 40.72 = −0.04 agrees; 下降0.001% should be 0.098%", () => {
    const results = run(seed(YQ_2025_BUDGET), "narrative.changes");
    expect(at(results, 589, "0.04")).toMatchObject({ status: "pass", expected: "0.04" });
    expect(at(results, 589, "0.001%")).toMatchObject({ status: "fail", expected: "0.098%" });
  });

  it("fails when a correct percentage is changed", () => {
    const report = seed(DIBAO_2024_FINAL);
    expect(at(run(report, "narrative.changes"), 463, "90.86%").status).toBe("pass");
    editText(report, 463, "增长90.86%", "增长98.06%");
    expect(at(run(report, "narrative.changes"), 463, "98.06%")).toMatchObject({ status: "fail", expected: "90.86%" });
  });
});

describe("narrative.percentages", () => {
  it("阳泉 2024 决算: 2,560.16 占本年支出合计的82.07% (公开01表 3,119.54); 基本支出 占比9.03%", () => {
    const results = run(seed(YQ_2024_FINAL), "narrative.percentages");
    const share = at(results, 396, "82.07%");
    expect(share.status).toBe("pass");
    expect(share.cells.at(-1)).toMatchObject({ table: 1, row: "本年支出合计", value: "3119.54" });
    expect(at(results, 384, "9.03%")).toMatchObject({ status: "pass", expected: "9.03%" });
  });

  it("退役军人 2023 决算: 完成年初预算的109.18% = 36.04 ÷ 33.01; 完成全年预算的100.00% from 公开09表's 预算数", () => {
    const results = run(seed(VETERANS_2023_FINAL), "narrative.percentages");
    expect(at(results, 498, "109.18%").status).toBe("pass");
    expect(at(results, 526, "100.00%").cells.at(-1)).toMatchObject({ table: 9, columnLabel: "预算数/公务用车购置及运行维护费/公务用车运行维护费" });
  });

  it("阳泉 2025 预算: 2,545.59 is not 100% of 项目支出 2,822.97", () => {
    expect(at(run(seed(YQ_2025_BUDGET), "narrative.percentages"), 603, "100%")).toMatchObject({ status: "fail", expected: "90%" });
  });

  it("fails when a share is changed", () => {
    const report = seed(YQ_2024_FINAL);
    editText(report, 384, "占比9.03%", "占比9.30%");
    expect(at(run(report, "narrative.percentages"), 384, "9.30%")).toMatchObject({ status: "fail", expected: "9.03%" });
  });
});

describe("amounts in 概况", () => {
  it("are read too, and point at 概况", () => {
    const report = seed(YQ_2024_FINAL);
    const line = report.overview.organization[0]?.line ?? 0;
    report.overview.organization = [{ line, text: "本单位2024年度收入总计3,119.54万元。" }];
    const r = at(run(report, "narrative.total-income"), line, "3119.54");
    expect(r).toMatchObject({ status: "pass", place: "概况 · 收入总计" });
    expect(r.cells[0]).toMatchObject({ table: 0, line, columnLabel: "概况" });
    expect(r.cells[1]).toMatchObject({ table: 1, line: 129 });
  });
});

describe("all narrative rules", () => {
  it("are registered, and every result points at the text first", () => {
    for (const rule of NARRATIVE_RULES) expect(RULES).toContain(rule);
    for (const report of seeds()) {
      for (const rule of NARRATIVE_RULES) {
        for (const r of run(report, rule.id)) {
          expect(r.cells[0]).toMatchObject({ table: 0, column: "", columnLabel: "情况说明" });
          if (r.status === "na" && rule.id === "narrative.amounts") expect(r.note).toMatch(/^未能与表格核对/u);
        }
      }
    }
  });

  it("on the five seeds fail only where the source is wrong", () => {
    const fails = seeds().flatMap((report) => NARRATIVE_RULES.flatMap((rule) => run(report, rule.id).filter((r) => r.status === "fail").map((r) => `${report.meta.id} ${r.cells[0]?.line} ${r.found}`)));
    expect(fails.sort()).toEqual(
      [
        `${XZ_2024_BUDGET} 602 2.9%`,
        `${YQ_2024_FINAL} 416 74.07`,
        `${YQ_2025_BUDGET} 589 0.001%`,
        `${YQ_2025_BUDGET} 603 100%`,
      ].sort(),
    );
  });
});
