import { describe, expect, it } from "vitest";
import type { Cell } from "../../../src/lib/checks/cells.ts";
import { compareCells } from "../../../src/lib/checks/compare.ts";

const cell = (value: string, line = 1): Cell => ({ table: 5, line, column: "c3", columnLabel: "小计", row: "x", value });
const cmp = (total: string, parts: string[], relation?: "le", counts = false) =>
  compareCells({ check: "t", place: "p", table: 5, total: cell(total), parts: parts.map((p, i) => cell(p, i + 2)), ...(relation ? { relation } : {}), ...(counts ? { counts } : {}) });

describe("compareCells", () => {
  it("passes within the rounding tolerance and says how much it is", () => {
    // 20802 民政管理事务 252.04 against 177.97 + 74.08 = 252.05 (阳泉 2024 决算 公开05表): a rounding tail
    expect(cmp("252.04", ["177.97", "74.08"])).toMatchObject({ status: "pass", expected: "252.05", found: "252.04", difference: "-0.01", tolerance: "0.015" });
  });

  it("fails beyond it, with expected, found and difference", () => {
    expect(cmp("252.04", ["178.97", "74.08"])).toMatchObject({ status: "fail", expected: "253.05", difference: "-1.01" });
  });

  it("treats a blank cell as no amount, and a blank total with printed parts as a failure", () => {
    expect(cmp("", ["30.52"])).toMatchObject({ status: "fail", found: "空", expected: "30.52" });
    expect(cmp("30.52", ["", "30.52"])).toMatchObject({ status: "pass" });
  });

  it("has nothing to say when every cell is blank", () => {
    expect(cmp("", ["", ""])).toBeUndefined();
  });

  it("leaves “——” parts out and says so; a “——” total is not applicable", () => {
    expect(cmp("29.03", ["29.03", "——"])).toMatchObject({ status: "pass", note: "1 项印作“——”（不适用），不计入" });
    expect(cmp("——", ["1.00"])).toMatchObject({ status: "na" });
  });

  it("checks ≤ relations (机关运行经费 ≤ 公用经费)", () => {
    expect(cmp("22.33", ["43.51"], "le")).toMatchObject({ status: "pass" });
    expect(cmp("50.00", ["43.51"], "le")).toMatchObject({ status: "fail" });
  });

  it("compares integer counts exactly (no rounding tolerance)", () => {
    expect(cmp("4", ["3", "1"], undefined, true)).toMatchObject({ status: "pass", tolerance: "0" });
    expect(cmp("5", ["3", "1"], undefined, true)).toMatchObject({ status: "fail", difference: "1" });
  });

  it("gives amounts printed in whole 元 half a 元 of rounding each (Shanghai budgets print 元 without decimals)", () => {
    // Each figure rounded to the 元 where it was printed: a 类 may be 1 元 off the sum of its 款.
    expect(cmp("154369326", ["94995790", "59373537"])).toMatchObject({ status: "pass", difference: "-1", tolerance: "1.5" });
    expect(cmp("154369324", ["94995790", "59373537"])).toMatchObject({ status: "fail", difference: "-3" });
  });
});
