/** The reference lists are checked as a whole: a department's parent is another department of its city, without cycles. */
import { describe, expect, it } from "vitest";
import { parseReference, REFERENCE_FILES } from "../../src/lib/reference.ts";

const CITIES = "name,id,province,province_id\n阳泉市,yangquan,山西省,shanxi\n忻州市,xinzhou,山西省,shanxi\n";
const KINDS = "id,name\ncivil-affairs,民政\n";

function parse(departments: string) {
  const t = (name: string, text: string) => ({ file: name, text });
  return parseReference({
    cities: t(REFERENCE_FILES.cities, CITIES),
    kinds: t(REFERENCE_FILES.kinds, KINDS),
    departments: t(REFERENCE_FILES.departments, `name,city,id,kind,parent\n${departments}`),
  }).problems;
}

describe("departments.csv as a whole", () => {
  it("accepts a unit under a department of its city", () => {
    expect(parse("阳泉市民政局,yangquan,civil-affairs,civil-affairs,\n阳泉市低保中心,yangquan,dibao,civil-affairs,阳泉市民政局\n")).toEqual([]);
  });

  it("refuses a department that is its own parent, naming line, column and value", () => {
    expect(parse("阳泉市民政局,yangquan,civil-affairs,civil-affairs,阳泉市民政局\n")).toMatchObject([
      { file: "departments.csv", line: 2, column: "parent", value: "阳泉市民政局", rule: expect.stringMatching(/cannot be its own parent/u) },
    ]);
  });

  it("refuses a parent in another city", () => {
    const p = parse("忻州市民政局,xinzhou,civil-affairs,civil-affairs,\n阳泉市低保中心,yangquan,dibao,civil-affairs,忻州市民政局\n");
    expect(p).toMatchObject([{ line: 3, column: "parent", value: "忻州市民政局", rule: expect.stringMatching(/same city: 忻州市民政局 is in xinzhou, 阳泉市低保中心 in yangquan/u) }]);
  });

  it("refuses a cycle of parents, on every line of it", () => {
    const p = parse("甲,yangquan,a,civil-affairs,乙\n乙,yangquan,b,civil-affairs,丙\n丙,yangquan,c,civil-affairs,甲\n");
    expect(p.map((x) => x.line)).toEqual([2, 3, 4]);
    expect(p[0]?.rule).toMatch(/parent links form a cycle: 甲 → 乙 → 丙 → 甲/u);
  });

  it("refuses a parent that is not in the file", () => {
    expect(parse("阳泉市低保中心,yangquan,dibao,civil-affairs,不存在的局\n")).toMatchObject([{ line: 2, rule: expect.stringMatching(/another department in this file/u) }]);
  });
});
