import { describe, expect, it } from "vitest";
import { normalizeAmount, normalizeText } from "../../src/lib/text.ts";
import { groupDigits, signedDigits } from "../../src/lib/format.ts";

describe("normalizeAmount", () => {
  it.each([
    ["4411. 49", "4411.49"],
    ["3,119.54", "3119.54"],
    ["17.00", "17.00"],
    ["0.28", "0.28"],
    ["-12.5", "-12.5"],
    ["4", "4"],
  ])("%s → %s", (input, expected) => {
    expect(normalizeAmount(input)).toBe(expected);
  });
  it.each(["", "——", "合计", "1,2", "12.3.4", "2024年", "≥90%"])("%s is not an amount", (input) => {
    expect(normalizeAmount(input)).toBeUndefined();
  });
});

describe("normalizeText", () => {
  it.each([
    ["年初结转和 结余", "年初结转和结余"],
    ["因公出国 (境) 费", "因公出国(境)费"],
    ["经济效益 <td></td> <td></td>", "经济效益"],
    ["  社会组织 and 区划地名科 ", "社会组织 and 区划地名科"],
    ["**六、一般公共预算**", "六、一般公共预算"],
  ])("%s → %s", (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });
});

describe("groupDigits", () => {
  it.each([
    ["3119.54", "3,119.54"],
    ["1234567", "1,234,567"],
    ["17.00", "17.00"],
    ["-1234.5", "-1,234.5"],
    ["——", "——"],
    ["", ""],
  ])("%s → %s", (input, expected) => {
    expect(groupDigits(input)).toBe(expected);
  });
});

describe("signedDigits", () => {
  it.each([
    ["-6961.07", "−6,961.07"],
    ["1234", "+1,234"],
    ["0.5", "+0.5"],
    ["0", "0"],
    ["0.00", "0.00"],
  ])("%s → %s", (input, expected) => {
    expect(signedDigits(input)).toBe(expected);
  });
});
