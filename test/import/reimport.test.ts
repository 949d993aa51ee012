import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { reportFiles } from "../../src/lib/datasets.ts";
import { imported, reportIds, REPORTS_DIR, SEEDS } from "./seeds.ts";

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe("the committed seed data", () => {
  it("is exactly the five seed disclosures", () => {
    expect(reportIds()).toEqual(Object.values(SEEDS).sort());
  });

  describe.each(Object.entries(SEEDS))("%s", (seed, id) => {
    it("re-imports without a problem", () => {
      expect(imported(id).problems).toEqual([]);
    });
    it("is reproduced byte for byte by re-importing its source", () => {
      const r = imported(id);
      const dir = join(REPORTS_DIR, id);
      const files = reportFiles(readFileSync(join(dir, "source.txt"), "utf8"), r.document, r.tables, r.performance);
      const onDisk = filesUnder(dir).map((p) => relative(dir, p)).sort();
      expect(onDisk).toEqual([...files.keys()].sort());
      for (const [rel, content] of files) expect(readFileSync(join(dir, rel), "utf8"), rel).toBe(content);
    });
    it("keeps the source text as published", () => {
      const seedPath = join(import.meta.dirname, "../../../shared/seeds", seed);
      let original: string | undefined;
      try {
        original = readFileSync(seedPath, "utf8");
      } catch {
        original = undefined; // a clone without ../shared: the sha256 in report.json still ties data to source
      }
      const r = imported(id);
      if (original !== undefined) expect(readFileSync(join(REPORTS_DIR, id, "source.txt"), "utf8")).toBe(original);
      expect(r.document.meta.source.original).toBe(seed);
    });
  });
});
