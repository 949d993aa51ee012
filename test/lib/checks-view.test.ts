/**
 * The report page's 数据核对 view: failures numbered with a link to each cell they read (table cells by cell id, a
 * narrative amount by its paragraph), the marks the tables and paragraphs print, passes grouped by category.
 */
import { describe, expect, it } from "vitest";
import { checksView, FAILURES_SHOWN, textAnchorId } from "../../src/components/checks/view.ts";
import type { CheckCell, CheckRow } from "../../src/lib/export/checks.ts";
import { seed, YQ_2025_BUDGET } from "./checks/support.ts";

const report = seed(YQ_2025_BUDGET);
const cell = (table: number, line: number, column: string, value: string): CheckCell => ({ table, line, column, column_label: column === "" ? "情况说明" : `列${column}`, row: `行${line}`, value });
const row = (over: Partial<CheckRow>): CheckRow => ({
  report_id: YQ_2025_BUDGET,
  check_id: "sum.basic-project",
  category: "within",
  title: "合计 = 基本支出 + 项目支出",
  status: "pass",
  place: "表三 · 合计",
  table_no: "3",
  expected: "1.47",
  found: "1.47",
  difference: "0.00",
  tolerance: "0.010",
  note: "",
  cells: [],
  ...over,
});

describe("checksView", () => {
  const rows = [
    row({ cells: [cell(3, 180, "c3", "1.47")] }),
    row({ status: "fail", found: "空", expected: "1.47", difference: "-1.47", cells: [cell(3, 180, "c3", ""), cell(3, 180, "c4", "1.47"), cell(1, 121, "c2", "4411.49")] }),
    row({ check_id: "narrative.total-income", category: "narrative", title: "文中的收入总计与收支总表一致", status: "fail", table_no: "0", place: "情况说明 · 收入总计", cells: [cell(0, 539, "", "4411.99"), cell(1, 121, "c2", "4411.49")] }),
    row({ check_id: "narrative.amounts", category: "narrative", title: "文中其他金额能在表格中找到", status: "fail", table_no: "0", cells: [cell(0, 52, "", "5.00")] }),
    row({ check_id: "plausible.unit", category: "plausibility", title: "单位已注明", status: "na", note: "本表无数据", cells: [] }),
    row({ difference: "0.01", expected: "1.46", found: "1.47" }),
  ];
  const view = checksView(rows, report);

  it("counts and numbers the failures in order, each with an id", () => {
    expect(view.counts).toEqual({ pass: 2, fail: 3, na: 1 });
    expect(view.total).toBe(6);
    expect(view.failures.map((f) => [f.n, f.id, f.check])).toEqual([
      [1, "check-1", "sum.basic-project"],
      [2, "check-2", "narrative.total-income"],
      [3, "check-3", "narrative.amounts"],
    ]);
    expect(view.failures[0]).toMatchObject({ category: "表内勾稽", expected: "1.47", found: "空", difference: "-1.47", tolerance: "0.010" });
  });

  it("links each cell of a failure to its table cell (an empty one too) and names other tables", () => {
    expect(view.failures[0]?.cells).toEqual([
      { label: "行180 · 列c3", value: "", href: "#t3-l180-c3" },
      { label: "行180 · 列c4", value: "1.47", href: "#t3-l180-c4" },
      { label: "预算公开表1 · 行121 · 列c2", value: "4411.49", href: "#t1-l121-c2" }, // the label the source prints
    ]);
    expect(view.cellMarks.get("t3-l180-c3")).toEqual([{ n: 1, href: "#check-1" }]);
    expect(view.cellMarks.get("t1-l121-c2")).toEqual([
      { n: 1, href: "#check-1" },
      { n: 2, href: "#check-2" },
    ]);
    // A passing result marks nothing.
    expect([...view.cellMarks.keys()].sort()).toEqual(["t1-l121-c2", "t3-l180-c3", "t3-l180-c4"]);
  });

  it("links a narrative amount to the paragraph it is printed in (情况说明 or 概况)", () => {
    expect(view.failures[1]?.cells[0]).toEqual({ label: "情况说明第 539 行", value: "4411.99", href: `#${textAnchorId(539)}` });
    expect(view.failures[2]?.cells[0]?.href).toBe(`#${textAnchorId(52)}`);
    expect([...view.textMarks]).toEqual([
      [539, [{ n: 2, href: "#check-2" }]],
      [52, [{ n: 3, href: "#check-3" }]],
    ]);
  });

  it("a cell of a table the source lacks, or a line before any paragraph, gets no link", () => {
    const v = checksView([row({ status: "fail", cells: [cell(9, 10, "c1", "1"), cell(0, 1, "", "2")] })], { ...report, tables: report.tables.map((t) => (t.no === 9 ? { ...t, state: "missing" as const } : t)) });
    expect(v.failures[0]?.cells.map((c) => c.href)).toEqual([undefined, undefined]);
    expect(v.cellMarks.size + v.textMarks.size).toBe(0);
  });

  it("groups passes and not-applicables by category and rule, saying the printed figure or why not", () => {
    expect(view.categories.map((c) => [c.category, c.counts])).toEqual([
      ["within", { pass: 2, fail: 1, na: 0 }],
      ["narrative", { pass: 0, fail: 2, na: 0 }],
      ["plausibility", { pass: 0, fail: 0, na: 1 }],
    ]);
    expect(view.categories[0]?.rules[0]?.items.map((i) => i.detail)).toEqual(["1.47", "1.47（应为 1.46，差额 0.01，在容差 0.010 内）"]);
    expect(view.categories[1]?.rules).toEqual([]);
    expect(view.categories[2]?.rules[0]?.items).toEqual([{ place: "表三 · 合计", status: "na", detail: "不适用，本表无数据" }]);
  });

  it(`shows the first ${FAILURES_SHOWN} failures unfolded and numbers every one`, () => {
    const many = checksView(Array.from({ length: FAILURES_SHOWN + 5 }, () => row({ status: "fail" })), report);
    expect(many.failures).toHaveLength(FAILURES_SHOWN + 5);
    expect(many.failures.at(-1)?.id).toBe(`check-${FAILURES_SHOWN + 5}`);
  });
});
