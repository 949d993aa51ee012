/**
 * Units where figures of different units meet: the exact shift of the decimal point, the unit a chart across reports
 * is drawn in, what a report says its unit is, and the checks across tables printed in 元 and 万元. Expected values are
 * worked out by hand from the decimal strings (moving the point), not produced by the code under test.
 */
import { describe, expect, it } from "vitest";
import type { Cell } from "../../src/lib/checks/cells.ts";
import { compareCells } from "../../src/lib/checks/compare.ts";
import { chartCsv } from "../../src/lib/charts/csv.ts";
import type { Chart } from "../../src/lib/charts/model.ts";
import { inUnit, oneUnit } from "../../src/lib/charts/units.ts";
import { tableLabel } from "../../src/lib/templates.ts";
import { convertAmount, displayUnit, mainUnit, shiftWords, unitStatement } from "../../src/lib/units.ts";
import Papa from "papaparse";

describe("convertAmount", () => {
  it("moves the decimal point and keeps every digit", () => {
    expect(convertAmount("371514655.00", "元", "万元")).toBe("37151.4655");
    expect(convertAmount("127886849", "元", "万元")).toBe("12788.6849");
    expect(convertAmount("100", "元", "万元")).toBe("0.01");
    expect(convertAmount("1", "元", "万元")).toBe("0.0001");
    expect(convertAmount("100000", "元", "万元")).toBe("10.00");
    expect(convertAmount("-2500.50", "元", "万元")).toBe("-0.25005");
    expect(convertAmount("4.54", "万元", "元")).toBe("45400");
    expect(convertAmount("0.0001", "万元", "元")).toBe("1");
    expect(convertAmount("12.345678", "万元", "元")).toBe("123456.78");
    expect(convertAmount("1.5", "亿元", "万元")).toBe("15000"); // zeros are dropped by a shift, never added
    expect(convertAmount("3119.54", "万元", "万元")).toBe("3119.54");
  });

  it("never converts what is not a plain decimal or not an amount unit", () => {
    expect(convertAmount("——", "元", "万元")).toBeUndefined();
    expect(convertAmount("", "元", "万元")).toBeUndefined();
    expect(convertAmount("1e3", "元", "万元")).toBeUndefined();
    expect(convertAmount("12", "辆", "万元")).toBeUndefined();
    expect(convertAmount("12", "万元", "%")).toBeUndefined();
  });

  it("says how it converts", () => {
    expect(shiftWords("元", "万元")).toBe("小数点左移四位");
    expect(shiftWords("万元", "元")).toBe("小数点右移四位");
    expect(shiftWords("亿元", "万元")).toBe("小数点右移四位");
  });
});

describe("the unit of a report and of a chart", () => {
  it("a report's unit is what most of its tables print", () => {
    expect(mainUnit(["元", "元", "万元", undefined, "元"])).toBe("元");
    expect(mainUnit(["万元", "元"])).toBe("万元");
    expect(mainUnit([undefined])).toBeUndefined();
  });

  it("a chart of mixed units is drawn in the largest", () => {
    expect(displayUnit(["元", "万元", "元"])).toBe("万元");
    expect(displayUnit(["元"])).toBe("元");
    expect(displayUnit(["%"])).toBeUndefined();
  });

  it("names the tables printed in another unit", () => {
    const table = (no: number, unit?: string, state = "present") => ({ no, unit, state, columns: [], rows: [], standardTitle: "" }) as never;
    const meta = { kind: "budget", unit: "元", template: { id: "shanghai", name: "上海市模板" } } as never;
    expect(unitStatement({ meta, tables: [table(1, "元"), table(3, "元"), table(10, "万元"), table(7, undefined, "missing")] })).toBe("元（《“三公”经费和机关运行经费预算表》为万元）");
    expect(unitStatement({ meta: { kind: "final", unit: "万元" } as never, tables: [table(1, "万元"), table(9, "万元")] })).toBe("万元");
  });

  it("calls a table what its template calls it", () => {
    expect(tableLabel({ kind: "final" }, 3)).toBe("公开03表");
    expect(tableLabel({ kind: "budget", template: { id: "national", name: "" } }, 10)).toBe("表十");
    expect(tableLabel({ kind: "budget", template: { id: "shanghai", name: "" } }, 3)).toBe("《支出预算总表》");
    // A national table the Shanghai template does not have keeps its national label.
    expect(tableLabel({ kind: "budget", template: { id: "shanghai", name: "" } }, 12)).toBe("表十二");
  });
});

describe("oneUnit: a chart across reports in one unit", () => {
  const chart: Chart = {
    id: "figures",
    type: "trend",
    title: "主要数字历年变化",
    period: "2024–2025年",
    unit: "元",
    basis: "",
    series: [
      { key: "a", label: "2024年预算", report: "a" },
      { key: "b", label: "2025年预算", report: "b" },
    ],
    rows: [
      { key: "income", label: "收入总计", depth: 1, values: [{ value: "156211123", unit: "元" }, { value: "8261.00", unit: "万元" }] },
      { key: "threePublic", label: "“三公”经费", depth: 1, values: [{ value: "47.91", unit: "万元" }, { value: "", unit: "元" }] },
      { key: "mark", label: "x", depth: 1, values: [{ value: "——", unit: "元" }, undefined] },
    ],
    notes: [],
    csv: "x.csv",
  };

  it("converts the 元 figures to 万元, keeps what was published and says so", () => {
    const c = oneUnit(chart);
    expect(c.unit).toBe("万元");
    expect(c.rows[0]?.values[0]).toMatchObject({ value: "15621.1123", unit: "万元", published: { value: "156211123", unit: "元" } });
    expect(c.rows[0]?.values[1]).toEqual({ value: "8261.00", unit: "万元" });
    expect(c.rows[1]?.values[1]).toEqual({ value: "", unit: "万元" });
    expect(c.rows[2]?.values[0]?.value).toBe("——");
    expect(c.notes.join("")).toContain("部分金额原文以元为单位（2024年预算），图中换算为万元：小数点左移四位");
    const csv = Papa.parse<Record<string, string>>(chartCsv(c), { header: true, skipEmptyLines: true });
    const income = csv.data.find((r) => r.row_key === "income" && r.series === "2024年预算");
    expect(income).toMatchObject({ value: "15621.1123", unit: "万元", published_value: "156211123", published_unit: "元" });
  });

  it("leaves a chart of one unit as it is, and converts the amounts behind shares", () => {
    const same: Chart = { ...chart, rows: [{ key: "x", label: "x", depth: 1, values: [{ value: "1.00", unit: "万元" }, { value: "2.00", unit: "万元" }] }] };
    expect(oneUnit({ ...same, unit: "万元" })).toEqual({ ...same, unit: "万元" });
    const share = inUnit({ value: "50.0", amount: { value: "5000", unit: "元" }, of: { value: "10000", unit: "元" } }, "万元");
    expect(share).toMatchObject({ value: "50.0", amount: { value: "0.50", published: { value: "5000", unit: "元" } }, of: { value: "1.00" } });
  });
});

describe("checks across tables of different units", () => {
  const cell = (table: number, value: string, unit: string, line = 1): Cell => ({ table, line, column: "c1", columnLabel: "合计", row: "合计", value, unit });

  it("compares a 万元 total with 元 parts exactly, each with its own rounding", () => {
    // 4.54 万元 = 45,400 元 = 30,000 + 15,400.00
    const pass = compareCells({ check: "t", place: "p", table: 0, total: cell(10, "4.54", "万元"), parts: [cell(6, "30000", "元", 2), cell(6, "15400.00", "元", 3)] });
    expect(pass).toMatchObject({ status: "pass", expected: "4.54", found: "4.54", difference: "0.00" });
    expect(pass?.note).toContain("金额单位不同（万元、元），按小数点移位精确换算后比较，以万元列出");
    // 0.005 万元 (the total's rounding) + 0.5 元 + 0.005 元 = 50.505 元 = 0.0050505 万元
    expect(pass?.tolerance).toBe("0.0050505");
    // 4.54 万元 against 45,500 元: 100 元 apart, beyond the 50.505 元 the printed digits allow
    const fail = compareCells({ check: "t", place: "p", table: 0, total: cell(10, "4.54", "万元"), parts: [cell(6, "45500", "元", 2)] });
    expect(fail).toMatchObject({ status: "fail", expected: "4.55", difference: "-0.01" });
    // 4.54 万元 against 45,440 元: within the total's own rounding
    expect(compareCells({ check: "t", place: "p", table: 0, total: cell(10, "4.54", "万元"), parts: [cell(6, "45440", "元", 2)] })).toMatchObject({ status: "pass", expected: "4.544" });
  });

  it("states a 元 figure against 万元 parts in 元", () => {
    const r = compareCells({ check: "t", place: "p", table: 0, total: cell(6, "45400.00", "元"), parts: [cell(10, "4.54", "万元", 2)], relation: "le" });
    expect(r).toMatchObject({ status: "pass", expected: "45400.00", difference: "0.00" });
  });
});
