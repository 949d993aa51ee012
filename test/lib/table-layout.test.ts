import { describe, expect, it } from "vitest";
import type { Column, ColumnRole } from "../../src/lib/model.ts";
import { bodyCells, columnHeaderIds, groupViews, headerRows, isGroupedLayout } from "../../src/lib/table-layout.ts";

const col = (i: number, path: string[], role: ColumnRole = "value", group = 1): Column => ({ key: `c${i + 1}`, path, label: path.join("/"), role, group });

describe("headerRows", () => {
  it("merges shared parents into colspans and gives leaves that end early a rowspan", () => {
    const columns = [
      col(0, ["项目", "科目代码"], "code"),
      col(1, ["项目", "科目名称"], "label"),
      col(2, ["年初结转和结余"]),
      col(3, ["本年支出", "小计"]),
      col(4, ["本年支出", "基本支出"]),
    ];
    const rows = headerRows(7, columns);
    expect(rows.map((r) => r.map((h) => [h.text, h.colspan, h.rowspan]))).toEqual([
      [["项目", 2, 1], ["年初结转和结余", 1, 2], ["本年支出", 2, 1]],
      [["科目代码", 1, 1], ["科目名称", 1, 1], ["小计", 1, 1], ["基本支出", 1, 1]],
    ]);
    expect(columnHeaderIds(7, columns)[4]).toEqual(["t7-h0-4", "t7-h1-5"]);
  });

  it("does not merge equal parents that another column separates", () => {
    const rows = headerRows(1, [col(0, ["A", "x"]), col(1, ["B"]), col(2, ["A", "x"])]);
    expect(rows[0]?.map((h) => [h.text, h.colspan])).toEqual([["A", 1], ["B", 1], ["A", 1]]);
  });
});

describe("bodyCells", () => {
  const columns = [col(0, ["科目代码"], "code"), col(1, ["科目名称"], "label"), col(2, ["合计"])];
  it("makes the name the row header and indents by code length; a table of one group needs no headers list (scope says it)", () => {
    const cells = bodyCells({ no: 5, columns }, { line: 40, cells: ["2080201", "行政运行", "177.97"] });
    expect(cells.map((c) => c.kind)).toEqual(["code", "rowheader", "value"]);
    expect(cells[1]?.depth).toBe(2);
    expect(cells[2]).toEqual({ index: 2, kind: "value", text: "177.97", id: "t5-l40-c3" });
  });
  it("in a table of groups side by side (收支总表), a value names its column headers and its own group's row header, not the other's", () => {
    const sides = [col(0, ["收入", "项目"], "label", 1), col(1, ["收入", "金额"], "value", 1), col(2, ["支出", "项目"], "label", 2), col(3, ["支出", "金额"], "value", 2)];
    const cells = bodyCells({ no: 1, columns: sides }, { line: 7, cells: ["一、一般公共预算", "4,000.70", "一、一般公共服务支出", "15.55"] });
    expect(cells.map((c) => c.kind)).toEqual(["rowheader", "value", "rowheader", "value"]);
    expect(cells[1]?.headers).toBe("t1-h0-1 t1-h1-2 t1-l7-c1");
    expect(cells[3]?.headers).toBe("t1-h0-3 t1-h1-4 t1-l7-c3");
  });
  it("uses a total printed in the code column as the row header; empty cells get no id", () => {
    const cells = bodyCells({ no: 5, columns }, { line: 30, cells: ["合计", "", ""] });
    expect(cells.map((c) => c.kind)).toEqual(["rowheader", "label", "value"]);
    expect(cells[2]?.id).toBeUndefined();
  });
});

describe("grouped layout (公开06表)", () => {
  const columns = [0, 1, 2, 3].flatMap((g) => [
    col(g * 3, [g === 0 ? "人员经费" : "公用经费", "科目代码"], "code", g + 1),
    col(g * 3 + 1, [g === 0 ? "人员经费" : "公用经费", "科目名称"], "label", g + 1),
    col(g * 3 + 2, [g === 0 ? "人员经费" : "公用经费", "决算数"], "value", g + 1),
  ]);
  it("is recognised only for groups of (code, label, value)", () => {
    expect(isGroupedLayout(columns)).toBe(true);
    expect(isGroupedLayout([col(0, ["收入", "项目"], "label", 1), col(1, ["收入", "金额"], "value", 1), col(2, ["支出", "项目"], "label", 2), col(3, ["支出", "行次"], "lineno", 2), col(4, ["支出", "金额"], "value", 2)])).toBe(false);
  });
  it("splits rows by group and keeps the totals printed across groups apart", () => {
    const rows = [
      { line: 1, cells: ["301", "工资福利支出", "215.73", "302", "商品和服务支出", "29.03", "307", "债务利息及费用支出", "", "31011", "地上附着物和青苗补偿", ""] },
      { line: 2, cells: ["", "", "", "", "", "", "", "", "", "", "", ""].map((c, i) => (i === 4 ? "其他商品和服务支出" : i === 3 ? "30299" : i === 5 ? "1.59" : c)) },
      { line: 3, cells: ["人员经费合计", "", "252.78", "公用经费合计", "", "", "", "", "", "", "", "29.03"] },
    ];
    const { groups, totals } = groupViews({ columns, rows });
    expect(groups.map((g) => [g.heading, g.rows.map((r) => r.line)])).toEqual([
      ["人员经费", [1]],
      ["公用经费", [1, 2]],
      ["公用经费", [1]],
      ["公用经费", [1]],
    ]);
    expect(totals.map((r) => r.line)).toEqual([3]);
  });
});

describe("cells that something links to", () => {
  const columns = [col(0, ["科目代码"], "code"), col(1, ["科目名称"], "label"), col(2, ["合计"]), col(3, ["基本支出"])];
  it("an empty cell gets its id only when linked (a failed data check reads it)", () => {
    const row = { line: 30, cells: ["合计", "", "", "5.00"] };
    expect(bodyCells({ no: 5, columns }, row).map((c) => c.id)).toEqual(["t5-l30-c1", undefined, undefined, "t5-l30-c4"]);
    expect(bodyCells({ no: 5, columns }, row, new Set(["t5-l30-c3"])).map((c) => c.id)).toEqual(["t5-l30-c1", undefined, "t5-l30-c3", "t5-l30-c4"]);
  });
  it("a grouped table keeps a row whose only cell in a group is an empty linked one", () => {
    const grouped = [col(0, ["人员经费", "科目代码"], "code", 1), col(1, ["人员经费", "科目名称"], "label", 1), col(2, ["人员经费", "决算数"], "value", 1), col(3, ["公用经费", "科目代码"], "code", 2), col(4, ["公用经费", "科目名称"], "label", 2), col(5, ["公用经费", "决算数"], "value", 2)];
    const rows = [{ line: 7, cells: ["301", "工资福利支出", "1.00", "", "", ""] }];
    expect(groupViews({ no: 6, columns: grouped, rows }).groups.map((g) => g.rows.length)).toEqual([1, 0]);
    expect(groupViews({ no: 6, columns: grouped, rows }, new Set(["t6-l7-c6"])).groups.map((g) => g.rows.length)).toEqual([1, 1]);
  });
});
