/**
 * Checks never throw on a valid report whatever its tables hold: every table dropped, published empty, or filled
 * with text, “——” and blanks — each rule still answers with pass, fail or na.
 */
import { describe, expect, it } from "vitest";
import { RULES, runChecks } from "../../../src/lib/checks/index.ts";
import type { Report } from "../../../src/lib/model.ts";
import { seed, seeds } from "./support.ts";

const variants: [string, (r: Report) => void][] = [
  ["every table missing", (r) => r.tables.forEach((t) => Object.assign(t, { state: "missing", rows: [], columns: [] }))],
  ["every table empty", (r) => r.tables.forEach((t) => Object.assign(t, { state: "empty", rows: [] }))],
  ["every amount replaced by text", (r) => r.tables.forEach((t) => t.rows.forEach((row) => row.cells.forEach((_, i) => t.columns[i]?.role === "value" && (row.cells[i] = "不详"))))],
  ["every amount “——”", (r) => r.tables.forEach((t) => t.rows.forEach((row) => row.cells.forEach((_, i) => t.columns[i]?.role === "value" && (row.cells[i] = "——"))))],
  ["every cell blank", (r) => r.tables.forEach((t) => t.rows.forEach((row) => row.cells.fill("")))],
  ["rows without cells", (r) => r.tables.forEach((t) => t.rows.forEach((row) => (row.cells = [])))],
  ["no narrative, overview or glossary", (r) => Object.assign(r, { narrative: [], glossary: [], overview: { duties: [], organization: [] }, performance: [] })],
];

describe.each(seeds().map((r) => r.meta.id))("%s", (id) => {
  it.each(variants)("%s: every rule answers, none throws", (_, change) => {
    const report = seed(id);
    change(report);
    const checks = runChecks(report, { maxYear: 2026 });
    for (const r of checks.results) {
      expect(["pass", "fail", "na"]).toContain(r.status);
      expect(RULES.some((rule) => rule.id === r.check)).toBe(true);
    }
  });
});

describe("the rule catalogue", () => {
  it("has unique ids, each with a title, a basis, what it reads, and a category", () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULES) {
      expect(r.id).toMatch(/^(?:sum|cross|narrative|changes|complete|plausible)\.[a-z-]+$/u);
      expect(r.title.length).toBeGreaterThan(3);
      expect(r.basis.length).toBeGreaterThan(3);
      expect(r.reads.length).toBeGreaterThan(3);
    }
  });
});
