/**
 * row_level and is_total of the line items: where a row sits (类 / 款 / 项 / 合计 / other) and whether a number is a
 * total the source printed — the two columns an analyst filters on so as not to count money twice.
 */
import { describe, expect, it } from "vitest";
import { isTotalColumn, lineItems, rowLevel } from "../../src/lib/line-items.ts";
import { loadSiteOrThrow } from "../../src/lib/load.ts";
import type { Column } from "../../src/lib/model.ts";
import { dataPaths, fsReader, projectValidators } from "../../src/lib/node-io.ts";

const column = (label: string): Column => ({ key: "c3", label, path: label.split("/"), role: "value" }) as Column;

describe("rowLevel", () => {
  it.each([
    ["208", "社会保障和就业支出", "类"],
    ["20802", "民政管理事务", "款"],
    ["2080201", "行政运行", "项"],
    ["301", "工资福利支出", "类"],
    ["30101", "基本工资", "款"],
    ["", "合计", "合计"],
    ["", "合  计", "合计"],
    ["", "总计", "合计"],
    ["", "收入总计", "合计"],
    ["", "本年支出合计", "合计"],
    ["", "人员经费合计", "合计"],
    ["", "部门合计", "合计"],
    ["", "一、一般公共预算", "other"],
    ["", "八、社会保障和就业支出", "other"],
    ["", "年末结转和结余", "other"],
    ["", "合计数说明", "other"],
  ] as const)("%s %s → %s", (code, label, level) => {
    expect(rowLevel(code, label)).toBe(level);
  });
});

describe("isTotalColumn", () => {
  it.each([
    ["2024年预算数/合计", true],
    ["本年支出合计", true],
    ["支出/金额/小计", true],
    ["预算数/公务用车购置及运行维护费/小计", true],
    ["支出/2024年合计", true],
    ["2024年预算数/基本支出", false],
    ["上年结转", false],
    ["收入/2024年", false],
    ["合计/预算数", false],
  ] as const)("%s → %s", (label, total) => {
    expect(isTotalColumn(column(label))).toBe(total);
  });
});

describe("line items of the bundled reports", () => {
  const site = loadSiteOrThrow(fsReader, dataPaths(), projectValidators());
  const items = site.reports.flatMap(lineItems);
  const find = (q: Partial<Record<keyof (typeof items)[number], string>>) => items.filter((i) => Object.entries(q).every(([k, v]) => i[k as keyof typeof i] === v));

  it("mark the rows and columns read from the sources by hand", () => {
    // 004 line 198: 合计 8261.00 6644.08 1616.92 — a total row; every number in it is a total.
    expect(find({ report_id: "xinzhou-civil-affairs-2024-budget", table_no: "3", row_label: "合计" }).map((i) => [i.row_level, i.column_label, i.is_total, i.value])).toEqual([
      ["合计", "2024年预算数/合计", "true", "8261.00"],
      ["合计", "2024年预算数/基本支出", "true", "6644.08"],
      ["合计", "2024年预算数/项目支出", "true", "1616.92"],
    ]);
    // 003 line 165: 208 社会保障和就业支出 107.10 100.66 6.43 — a 类 row; only its 本年支出合计 is a total.
    expect(find({ report_id: "yangquan-civil-affairs-dibao-center-2024-final", table_no: "3", row_code: "208" }).map((i) => [i.row_level, i.column_label, i.is_total, i.value])).toEqual([
      ["类", "本年支出合计", "true", "107.10"],
      ["类", "基本支出", "false", "100.66"],
      ["类", "项目支出", "false", "6.43"],
    ]);
    expect(find({ report_id: "yangquan-civil-affairs-dibao-center-2024-final", table_no: "3", row_code: "2080299", column_label: "基本支出" }).map((i) => [i.row_level, i.is_total, i.value])).toEqual([["项", "false", "76.94"]]);
  });

  it("every item has a level and a boolean is_total; a 合计 row is a total in every column", () => {
    for (const i of items) {
      expect(["类", "款", "项", "合计", "other"]).toContain(i.row_level);
      expect(["true", "false"]).toContain(i.is_total);
      if (i.row_level === "合计") expect(i.is_total).toBe("true");
      if (i.row_code !== "") expect(i.row_level).not.toBe("other");
    }
  });
});
