/** The data-check download format: rows from runChecks, the compact cells string, CSV safety and the Table Schema. */
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import type { ReportChecks } from "../../src/lib/checks/types.ts";
import { CHECK_COLUMNS, cellsText, checkRows, checksCsv, checksCsvBody, checksSchema, decimalColumns, CHECK_PARQUET, checkRecord, type CheckRow, reportCheckFiles } from "../../src/lib/export/checks.ts";

const checks: ReportChecks = {
  reportId: "x-2024-budget",
  counts: { pass: 1, fail: 1, na: 1 },
  results: [
    {
      check: "sum.basic-project",
      category: "within",
      title: "合计 = 基本支出 + 项目支出",
      status: "fail",
      place: "表三 · 合计",
      table: 3,
      expected: "10.00",
      found: "空",
      difference: "-10.00",
      tolerance: "0.010",
      cells: [
        { table: 3, line: 179, column: "c3", columnLabel: "合计", row: "合计", value: "" },
        { table: 3, line: 179, column: "c4", columnLabel: "基本支出", row: "合计", value: "10.00" },
      ],
    },
    {
      check: "narrative.total-income",
      category: "narrative",
      title: "文中的收入总计与收支总表一致",
      status: "pass",
      place: "情况说明 · 收入总计",
      table: 0,
      expected: "4411.49",
      found: "4411.49",
      difference: "0.00",
      tolerance: "0.00",
      cells: [
        { table: 0, line: 539, column: "", columnLabel: "情况说明", row: "收入总计4,411.49万元", value: "4411.49" },
        { table: 1, line: 121, column: "c2", columnLabel: "收入/2025年", row: "收入总计", value: "4411.49" },
      ],
    },
    { check: "plausible.unit", category: "plausibility", title: "=1+1 单位已注明", status: "na", place: "-表十", table: 10, note: "@本表无数据", cells: [] },
  ],
};

describe("checkRows", () => {
  const rows = checkRows(checks);
  it("keeps every result in order with its category, title and a string for every column", () => {
    expect(rows.map((r) => [r.check_id, r.status, r.category, r.table_no])).toEqual([
      ["sum.basic-project", "fail", "within", "3"],
      ["narrative.total-income", "pass", "narrative", "0"],
      ["plausible.unit", "na", "plausibility", "10"],
    ]);
    expect(rows[2]).toMatchObject({ expected: "", found: "", difference: "", tolerance: "", note: "@本表无数据", cells: [] });
    expect(rows[0]?.cells[0]).toEqual({ table: 3, line: 179, column: "c3", column_label: "合计", row: "合计", value: "" });
  });

  it("writes cells as `表N L行 cK=值`, a narrative amount as `说明 L行=值`, joined by `; `", () => {
    expect(cellsText(rows[0]?.cells ?? [])).toBe("表3 L179 c3=; 表3 L179 c4=10.00");
    expect(cellsText(rows[1]?.cells ?? [])).toBe("说明 L539=4411.49; 表1 L121 c2=4411.49");
  });

  it("CSV: plain UTF-8 (no BOM), exactly the documented columns, text that starts like a formula neutralised, numbers untouched", () => {
    const text = checksCsv(rows);
    expect(text.startsWith("\uFEFF")).toBe(false);
    const [header, ...data] = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
    expect(header).toEqual([...CHECK_COLUMNS]);
    expect(data).toHaveLength(3);
    expect(data[0]?.slice(7, 11)).toEqual(["10.00", "空", "-10.00", "0.010"]);
    expect(data[2]?.[3]).toBe("'=1+1 单位已注明");
    expect(data[2]?.[5]).toBe("'-表十");
    expect(data[2]?.[11]).toBe("'@本表无数据");
    expect(checksCsvBody(rows)).toBe(text.slice(text.indexOf("\n") + 1));
    expect(checksCsvBody([])).toBe("");
  });

  it("Parquet columns: the CSV's text as is (cells as its pointers), table_no an integer, each amount again as a decimal", () => {
    expect(CHECK_PARQUET.map((c) => c.name)).toEqual([...CHECK_COLUMNS, "expected_decimal", "found_decimal", "difference_decimal", "tolerance_decimal"]);
    expect(CHECK_PARQUET.filter((c) => c.type === "int32").map((c) => c.name)).toEqual(["table_no"]);
    const row = rows[0] as CheckRow;
    const value = (name: string) => CHECK_PARQUET.find((c) => c.name === name)?.value(checkRecord(row));
    expect(value("cells")).toBe(cellsText(row.cells));
    expect(value("found")).toBe("空");
    expect(value("found_decimal")).toBe("空");
    expect(value("expected_decimal")).toBe("10.00");
  });

  it("types an amount column `number` only while every value in it is a decimal", () => {
    expect(decimalColumns(rows)).toEqual(["expected", "difference", "tolerance"]); // found holds 空
    expect(decimalColumns(rows.slice(1), ["expected"])).toEqual(["expected"]);
    const fields = checksSchema(decimalColumns(rows)).fields;
    expect(fields.map((f) => f.name)).toEqual([...CHECK_COLUMNS]);
    expect(Object.fromEntries(fields.map((f) => [f.name, f.type]))).toMatchObject({ table_no: "integer", expected: "number", found: "string", cells: "string" });
    expect(fields.every((f) => (f.description ?? "") !== "")).toBe(true);
  });

  it("a report's own file is its CSV under reports/<id>/data/, with its schema", () => {
    const files = reportCheckFiles("x-2024-budget", rows);
    expect(files.map((f) => f.path)).toEqual(["reports/x-2024-budget/data/checks.csv"]);
    expect(files[0]?.schema?.fields).toHaveLength(CHECK_COLUMNS.length);
  });
});
