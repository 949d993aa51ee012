/**
 * Facts read by hand from the seed documents (../shared/seeds), checked against what the importer makes of them.
 * Each expectation names the source line it was read from.
 */
import { describe, expect, it } from "vitest";
import { lineItems } from "../../src/lib/line-items.ts";
import type { LineItem } from "../../src/lib/model.ts";
import { asReport, imported } from "./seeds.ts";

const Y24F = "yangquan-civil-affairs-2024-final";
const Y25B = "yangquan-civil-affairs-2025-budget";
const V23F = "yangquan-veterans-affairs-2023-final";
const D24F = "yangquan-civil-affairs-dibao-center-2024-final";
const X24B = "xinzhou-civil-affairs-2024-budget";

const items = (id: string) => lineItems(asReport(imported(id)));
const find = (id: string, q: Partial<LineItem>) => items(id).filter((i) => Object.entries(q).every(([k, v]) => i[k as keyof LineItem] === v));
const table = (id: string, no: number) => imported(id).tables.find((t) => t.no === no);

describe("metadata", () => {
  it.each([
    [Y24F, "阳泉市民政局", 2024, "final", "department", undefined],
    [Y25B, "阳泉市民政局", 2025, "budget", "department", undefined],
    [V23F, "阳泉市退役军人事务局", 2023, "final", "department", undefined],
    [D24F, "阳泉市城乡居民最低生活保障管理中心", 2024, "final", "unit", "阳泉市民政局"],
    [X24B, "忻州市民政局", 2024, "budget", "department", undefined],
  ])("%s", (id, name, year, kind, level, parent) => {
    const { meta } = imported(id).document;
    expect([meta.department.name, meta.year, meta.kind, meta.level, meta.parent?.name]).toEqual([name, year, kind, level, parent]);
    expect(meta.province.name).toBe("山西省");
    expect(meta.unit).toBe("万元");
  });
  it("groups like departments of both cities under one kind", () => {
    expect(imported(Y24F).document.meta.department.kind).toBe(imported(X24B).document.meta.department.kind);
  });
});

describe("table states", () => {
  it.each([
    // 000: 公开03表 has only its note (line 181), 公开10表 is absent; 08 and 09 say 本表无数据.
    [Y24F, ["present", "present", "missing", "present", "present", "present", "present", "empty", "empty", "missing"]],
    // 002: 07 and 08 say 本表无数据 (lines 363, 382).
    [V23F, ["present", "present", "present", "present", "present", "present", "empty", "empty", "present", "present"]],
    // 003: no 公开10表; 07, 08, 09 say 本表无数据.
    [D24F, ["present", "present", "present", "present", "present", "present", "empty", "empty", "empty", "missing"]],
    // 001 and 004: 表九 注：本表无数据.
    [Y25B, ["present", "present", "present", "present", "present", "present", "present", "present", "empty", "present", "present", "present", "present"]],
    [X24B, ["present", "present", "present", "present", "present", "present", "present", "present", "empty", "present", "present", "present", "present"]],
  ])("%s", (id, states) => {
    expect(imported(id).tables.map((t) => t.state)).toEqual(states);
  });
  it("keeps the 本表无数据 note of an empty table and labels split over lines", () => {
    expect(table(Y24F, 8)?.emptyNote).toBe("说明：本表无数据");
    expect(table(Y25B, 9)?.emptyNote).toBe("注：本表无数据");
    expect(table(Y25B, 9)?.label).toBe("部门公开表9");
    expect(table(Y24F, 2)?.label).toBe("公开02表"); // `公开02` / blank / `表`
    expect(table(D24F, 2)?.label).toBe("公开02表"); // `公开02  ` / `表`
    expect(table(Y24F, 1)?.label).toBeUndefined(); // printed without a label
  });
  it("records the orphaned note of the missing 公开03表", () => {
    expect(imported(Y24F).document.notes).toContainEqual(expect.objectContaining({ line: 181, message: expect.stringContaining("本表反映部门本年度各项支出情况") }));
  });
});

describe("numbers, exactly as published", () => {
  it("two-sided tables give each side its own row label", () => {
    expect(find(Y24F, { table_no: "1", row_label: "一、一般公共预算财政拨款收入", column_label: "收入/金额" }).map((i) => i.value)).toEqual(["2560.16"]);
    expect(find(Y24F, { table_no: "1", row_label: "八、社会保障和就业支出", column_label: "支出/金额" }).map((i) => i.value)).toEqual(["2530.96"]);
    expect(find(Y24F, { table_no: "1", row_label: "总计" }).map((i) => i.value)).toEqual(["3119.54", "3119.54"]);
  });
  it("keeps codes, trailing zeros and removes only thousands separators and inner spaces", () => {
    expect(find(Y24F, { table_no: "2", row_code: "2080506", column_label: "本年收入合计" })[0]).toMatchObject({ row_label: "机关事业单位职业年金缴费支出", value: "17.00" });
    expect(find(V23F, { table_no: "1", row_label: "一、一般公共预算财政拨款收入" })[0]?.value).toBe("3383.31"); // `3,383.31`
    expect(find(Y25B, { table_no: "3", row_label: "合计", column_label: "2025年预算数/合计" })[0]?.value).toBe("4411.49"); // `4411. 49`
    expect(find(Y25B, { table_no: "3", row_code: "2080299", column_label: "2025年预算数/项目支出" })[0]?.value).toBe("24.38");
  });
  it("reads 公开06表's four column groups and the merged 公用经费合计 cell", () => {
    expect(find(Y24F, { table_no: "6", row_code: "30239" })[0]).toMatchObject({ row_label: "其他交通费用", column_label: "公用经费/决算数", value: "12.23" });
    expect(find(Y24F, { table_no: "6", row_label: "人员经费合计" })[0]?.value).toBe("252.78");
    expect(find(Y24F, { table_no: "6", row_label: "公用经费合计" })[0]?.value).toBe("29.03");
    // `——` (not applicable) is not a number and is not emitted; the cell keeps it.
    expect(find(Y24F, { table_no: "6", row_code: "309" })).toEqual([]);
    expect(table(Y24F, 6)?.rows.find((r) => r.cells.includes("309"))?.cells).toContain("——");
  });
  it("joins multi-level headers and mends words a PDF cell wrapped", () => {
    expect(table(Y24F, 7)?.columns.map((c) => c.label)).toEqual([
      "项目/科目代码", "项目/科目名称", "年初结转和结余", "本年收入", "本年支出/小计", "本年支出/基本支出", "本年支出/项目支出", "年末结转和结余",
    ]);
    expect(find(Y24F, { table_no: "7", row_code: "22904", column_label: "本年收入" })[0]?.row_label).toBe("其他政府性基金及对应专项债务收入安排的支出");
    expect(table(V23F, 9)?.columns.map((c) => c.label).slice(0, 3)).toEqual(["预算数/合计", "预算数/因公出国（境）费", "预算数/公务用车购置及运行维护费/小计"]);
  });
  it("reads budget table 6 with both economic-classification names", () => {
    expect(find(Y25B, { table_no: "6", row_label: "基本工资/工资奖金津补贴" })).toEqual([
      expect.objectContaining({ column_label: "2025年预算数/合计", value: "106.17" }),
      expect.objectContaining({ column_label: "2025年预算数/人员经费", value: "106.17" }),
    ]);
  });
  it("puts 忻州 表二's 单位资金 and 上年结转 where the numbers are (the header text is shifted)", () => {
    expect(find(X24B, { table_no: "2", row_label: "合计", column_label: "本年收入/单位资金" })[0]?.value).toBe("3240.00");
    expect(find(X24B, { table_no: "2", row_label: "合计", column_label: "上年结转" })[0]?.value).toBe("498.73");
    expect(imported(X24B).document.notes.some((n) => n.line === 137)).toBe(true);
  });
  it("gives counts in 公开10表 their own unit", () => {
    expect(find(V23F, { table_no: "10", row_label: "(一)车辆数合计(辆)" })[0]).toMatchObject({ value: "4", unit: "辆" });
    expect(find(V23F, { table_no: "10", row_label: "7. 离退休干部服务用车" })[0]).toMatchObject({ value: "3", unit: "辆" });
    expect(find(V23F, { table_no: "10", row_label: "货物" })[0]).toMatchObject({ value: "4.96", unit: "万元" });
  });
  it("does not emit 行次 or 栏次 as values", () => {
    expect(items(Y24F).some((i) => i.value === "27" && i.table_no === "1")).toBe(false);
    expect(table(Y24F, 2)?.columns.map((c) => c.colNo ?? "")).toEqual(["", "", "1", "2", "3", "4", "5", "6", "7"]);
  });
  it("three-公 final table: one row of twelve columns", () => {
    expect(find(V23F, { table_no: "9" }).map((i) => [i.column_label, i.value])).toEqual([
      ["预算数/合计", "4.54"],
      ["预算数/公务用车购置及运行维护费/小计", "4.54"],
      ["预算数/公务用车购置及运行维护费/公务用车运行维护费", "4.54"],
      ["决算数/合计", "4.54"],
      ["决算数/公务用车购置及运行维护费/小计", "4.54"],
      ["决算数/公务用车购置及运行维护费/公务用车运行维护费", "4.54"],
    ]);
  });
});

describe("text sections", () => {
  it("reads 概况, 情况说明 and 名词解释", () => {
    const d = imported(Y24F).document;
    expect(d.overview.duties[0]?.text).toMatch(/^（一）组织实施民政事业的法律/u);
    expect(d.overview.organization[0]?.text).toMatch(/^本单位内设科室6个/u);
    expect(d.glossary.map((g) => g.term)).toContain("“三公”经费");
    const general = d.narrative.find((s) => s.heading === "一、收入支出决算总体情况说明");
    expect(general?.blocks[0]?.text).toMatch(/^2024年度收入总计3,119.54万元/u);
  });
  it("joins a paragraph cut by a page break", () => {
    const d = imported(Y24F).document;
    const para = d.narrative.flatMap((s) => s.blocks).find((b) => b.text?.includes("一般行政管理事务"));
    expect(para?.text).toContain("一般行政管理事务支出74.07万元");
  });
  it("reads a glossary entry without a colon", () => {
    expect(imported(X24B).document.glossary.find((g) => g.term === "一般公共预算")?.definition).toMatch(/^是指以税收为主体/u);
  });
});
