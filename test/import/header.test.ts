import { describe, expect, it } from "vitest";
import { buildColumns } from "../../src/lib/import/header.ts";

const labels = (rows: string[][], width: number) => buildColumns(rows, undefined, width, () => [], 1).columns.map((c) => c.label);

describe("buildColumns", () => {
  it("continues a merged cell to the right under the same parent only", () => {
    expect(
      labels(
        [
          ["项目", "", "年初结转和结余", "本年收入", "本年支出", "", "", "年末结转和结余"],
          ["科目代码", "科目名称", "", "", "小计", "基本支出", "项目支出", ""],
        ],
        8,
      ),
    ).toEqual(["项目/科目代码", "项目/科目名称", "年初结转和结余", "本年收入", "本年支出/小计", "本年支出/基本支出", "本年支出/项目支出", "年末结转和结余"]);
  });

  it("reads three levels (公开09表)", () => {
    const l = labels(
      [
        ["预算数", "", "", "", "", "", "决算数"],
        ["合计", "因公出国（境）费", "公务用车购置及运行维护费", "", "", "公务接待费", "合计"],
        ["", "", "小计", "公务用车购置费", "公务用车运行维护费", "", ""],
      ],
      7,
    );
    expect(l).toEqual([
      "预算数/合计",
      "预算数/因公出国（境）费",
      "预算数/公务用车购置及运行维护费/小计",
      "预算数/公务用车购置及运行维护费/公务用车购置费",
      "预算数/公务用车购置及运行维护费/公务用车运行维护费",
      "预算数/公务接待费",
      "决算数/合计",
    ]);
  });

  it("gives roles and groups to side-by-side tables", () => {
    const { columns } = buildColumns([["收入", "", "", "支出", "", ""], ["项目", "行次", "金额", "项目", "行次", "金额"]], undefined, 6, () => [], 1);
    expect(columns.map((c) => `${c.role}${c.group}`)).toEqual(["label1", "lineno1", "value1", "label2", "lineno2", "value2"]);
  });

  it("swaps a leaf header that extraction printed above its neighbour's sub-header, and says so", () => {
    // 忻州 预算表二 as extracted: 上年结转 printed above an empty cell, 单位资金 one column further right.
    const shifted = buildColumns(
      [
        ["项目", "", "本年收入", "", "", "上年结转", ""],
        ["科目编码", "科目名称", "合计", "一般公共预算", "财政专户管理资金", "", "单位资金"],
      ],
      undefined,
      7,
      () => [],
      137,
    );
    expect(shifted.columns.map((c) => c.label).slice(5)).toEqual(["本年收入/单位资金", "上年结转"]);
    expect(shifted.notes).toEqual([{ line: 137, message: expect.stringContaining("单位资金") }]);
  });
});
