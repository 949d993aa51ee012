import { describe, expect, it } from "vitest";
import Papa from "papaparse";
import { parseCsv, writeCsv } from "../../src/lib/csv.ts";

describe("csv", () => {
  it("round-trips text with commas, quotes and leading zeros exactly", () => {
    const rows = [["007", "a,b", 'say "hi"', "", "3119.54"]];
    const text = writeCsv(["a", "b", "c", "d", "e"], rows);
    const { table, problems } = parseCsv(text, "x.csv");
    expect(problems).toEqual([]);
    expect(table.rows[0]?.record).toEqual({ a: "007", b: "a,b", c: 'say "hi"', d: "", e: "3119.54" });
    expect(Papa.parse(text, { header: true }).data[0]).toMatchObject({ a: "007" });
  });
  it("reports a truncated file: unclosed quote, short row, missing final newline", () => {
    const { problems } = parseCsv('a,b,c\n1,2,3\n4,"5', "t.csv");
    const rules = problems.map((p) => p.rule).join("\n");
    expect(rules).toMatch(/malformed CSV/u);
    expect(rules).toMatch(/does not end with a newline/u);
    expect(problems.every((p) => p.file === "t.csv")).toBe(true);
  });
  it("names the row of a row with too few fields", () => {
    const { problems } = parseCsv("a,b,c\n1,2,3\n4,5\n", "t.csv");
    expect(problems).toContainEqual(expect.objectContaining({ file: "t.csv", line: 3, rule: expect.stringMatching(/2 fields, the header has 3/u) }));
  });
});
