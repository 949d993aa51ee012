import { describe, expect, it } from "vitest";
import { add, compare, decimalsOf, formatDec, parseDec, percent, sub, sum, tolerance } from "../../src/lib/decimal.ts";

const d = (s: string) => {
  const v = parseDec(s);
  if (!v) throw new Error(s);
  return v;
};

describe("exact decimals", () => {
  it.each([
    ["3119.54", 311954n, 2],
    ["-12.5", -125n, 1],
    ["17.00", 1700n, 2],
    ["4", 4n, 0],
  ])("parses %s", (text, units, scale) => {
    expect(parseDec(text)).toEqual({ units, scale });
  });

  it.each(["", "——", "3,119.54", "1e3", "12.", ".5"])("refuses %j", (text) => {
    expect(parseDec(text)).toBeUndefined();
  });

  it("adds without binary rounding: 0.1 + 0.2 = 0.3 exactly, and 2560.16 + 559.38 = 3119.54", () => {
    expect(formatDec(add(d("0.1"), d("0.2")))).toBe("0.3");
    expect(formatDec(add(d("2560.16"), d("559.38")))).toBe("3119.54");
    expect(formatDec(sum(["177.97", "74.08"].map(d)))).toBe("252.05");
  });

  it("subtracts and compares across scales", () => {
    expect(formatDec(sub(d("252.04"), d("252.05")))).toBe("-0.01");
    expect(compare(d("1.10"), d("1.1"))).toBe(0);
    expect(compare(d("-0.01"), d("0"))).toBe(-1);
    expect(formatDec(d("5"), 2)).toBe("5.00");
    expect(formatDec(d("-0.5"), 2)).toBe("-0.50");
  });

  it("states the rounding tolerance: half a unit of the last decimal per printed value", () => {
    expect(formatDec(tolerance(3, 2))).toBe("0.015");
    expect(formatDec(tolerance(2, 2))).toBe("0.010");
    expect(decimalsOf("17.00")).toBe(2);
  });

  it("computes a percentage rounded half up, exactly", () => {
    // 1.88 / (65.14 + 1.88) = 2.8051…% → 2.81 (忻州 2024 预算 机关运行经费)
    expect(formatDec(percent(d("1.88"), d("67.02"), 2) as NonNullable<ReturnType<typeof percent>>)).toBe("2.81");
    expect(formatDec(percent(d("1"), d("8"), 1) as NonNullable<ReturnType<typeof percent>>)).toBe("12.5");
    expect(percent(d("1"), d("0"), 2)).toBeUndefined();
  });
});
