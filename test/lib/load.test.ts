/**
 * Validation scenarios: the real committed data, loaded from memory, with one fault put in per scenario. Each must
 * stop the load with a located problem (file, line, column, value, rule) — and the clean data must load.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSite, type Reader } from "../../src/lib/load.ts";
import { projectValidators } from "../../src/lib/node-io.ts";
import type { Problem } from "../../src/lib/problems.ts";

const DATA = join(import.meta.dirname, "../../src/data");

function snapshot(dir: string, into = new Map<string, Uint8Array>()): Map<string, Uint8Array> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) snapshot(p, into);
    else into.set(relative(DATA, p), readFileSync(p));
  }
  return into;
}
const original = snapshot(DATA);
const REPORTS = [...new Set([...original.keys()].filter((k) => k.startsWith("reports/")).map((k) => k.split("/")[1] as string))].sort();

function memoryReader(files: Map<string, Uint8Array>): Reader {
  return {
    list(dir) {
      const prefix = dir === "" ? "" : `${dir}/`;
      return [...new Set([...files.keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length).split("/")[0] as string))].sort();
    },
    isDir: (path) => [...files.keys()].some((k) => k.startsWith(`${path}/`)),
    read: (path) => files.get(path),
  };
}

const text = (files: Map<string, Uint8Array>, path: string) => new TextDecoder().decode(files.get(path));
const put = (files: Map<string, Uint8Array>, path: string, value: string) => files.set(path, new TextEncoder().encode(value));

function load(mutate: (files: Map<string, Uint8Array>) => void): Problem[] {
  const files = new Map(original);
  mutate(files);
  return loadSite(memoryReader(files), { reference: "reference", reports: "reports" }, projectValidators()).problems;
}

const first = "yangquan-civil-affairs-2024-final";
const table = (id: string, no: number) => `reports/${id}/tables/${String(no).padStart(2, "0")}.csv`;

describe("loading the committed data", () => {
  it("has the five seed reports and loads them without a problem", () => {
    expect(REPORTS).toHaveLength(5);
    const { site, problems } = loadSite(memoryReader(new Map(original)), { reference: "reference", reports: "reports" }, projectValidators());
    expect(problems).toEqual([]);
    expect(site.reports.map((r) => r.meta.id)).toEqual(REPORTS);
  });
});

describe("bad data stops the load with every problem located", () => {
  it("a wrong column in a table CSV", () => {
    const problems = load((f) => put(f, table(first, 2), text(f, table(first, 2)).replace(/^line,type,c1,c2/u, "line,type,code,c2")));
    expect(problems).toContainEqual(expect.objectContaining({ file: `reports/${first}/tables/02.csv`, line: 1, column: expect.stringMatching(/\(c1\), field 3 of the header$/u), value: "code", rule: expect.stringMatching(/must be "c1": the header must be exactly line,type,c1,c2/u) }));
  });

  it("a non-number amount", () => {
    const problems = load((f) => put(f, table(first, 2), text(f, table(first, 2)).replace(/,3119\.54,/u, ",3119.5x,")));
    expect(problems).toContainEqual(expect.objectContaining({ file: `reports/${first}/tables/02.csv`, line: 2, column: "本年收入合计 (c3)", value: "3119.5x", rule: expect.stringMatching(/^must be amount exactly as published .*\(pattern \^/u) }));
  });

  it("every problem at once, not only the first", () => {
    const problems = load((f) => {
      put(f, table(first, 2), text(f, table(first, 2)).replace(/,3119\.54,/gu, ",3119.5x,"));
      put(f, table(first, 4), text(f, table(first, 4)).replace(/,2560\.16/u, ",abc"));
    });
    expect(problems).toContainEqual(expect.objectContaining({ file: `reports/${first}/tables/02.csv`, value: "3119.5x" }));
    expect(problems).toContainEqual(expect.objectContaining({ file: `reports/${first}/tables/04.csv`, value: "abc" }));
  });

  it("an unknown table", () => {
    const problems = load((f) => {
      const doc = JSON.parse(text(f, `reports/${first}/report.json`));
      doc.tables.push({ no: 14, standardTitle: "不存在的表", state: "missing", headerRows: [], columns: [], rowCount: 0 });
      put(f, `reports/${first}/report.json`, JSON.stringify(doc));
    });
    expect(problems).toContainEqual(expect.objectContaining({ file: `reports/${first}/report.json`, column: "/tables/10/no", value: "14" }));
  });

  it("an extra table numbered among the standard ones, and a table numbered 21 that does not say it is extra", () => {
    const problems = load((f) => {
      const doc = JSON.parse(text(f, `reports/${first}/report.json`));
      doc.tables.push({ no: 11, extra: true, standardTitle: "政府采购预算表", state: "missing", headerRows: [], columns: [], rowCount: 0 });
      doc.tables.push({ no: 21, standardTitle: "政府采购预算表", state: "missing", headerRows: [], columns: [], rowCount: 0 });
      put(f, `reports/${first}/report.json`, JSON.stringify(doc));
    });
    expect(problems).toContainEqual(expect.objectContaining({ file: `reports/${first}/report.json`, column: "/tables/10/no", value: "11", rule: expect.stringContaining("numbered from 21") }));
    expect(problems).toContainEqual(expect.objectContaining({ file: `reports/${first}/report.json`, column: "/tables/11/extra", rule: expect.stringContaining('"extra": true') }));
  });

  it("an extra table, numbered from 21, loads", () => {
    const problems = load((f) => {
      const doc = JSON.parse(text(f, `reports/${first}/report.json`));
      doc.tables.push({ no: 21, extra: true, standardTitle: "政府采购预算表", state: "missing", headerRows: [], columns: [], rowCount: 0 });
      put(f, `reports/${first}/report.json`, JSON.stringify(doc));
    });
    expect(problems).toEqual([]);
  });

  // Two folders can never hold the same department, year and kind: the folder name must be
  // <city>-<department>-<year>-<kind>. A copy under another name is refused for that; two sources of the same report
  // are refused by the importer (test/scripts/import-cli.test.ts).
  it("a duplicate report", () => {
    const copy = "yangquan-civil-affairs-2024-final-copy";
    const problems = load((f) => {
      for (const [k, v] of [...f]) if (k.startsWith(`reports/${first}/`)) f.set(k.replace(`reports/${first}/`, `reports/${copy}/`), v);
    });
    expect(problems).toContainEqual(expect.objectContaining({ file: `reports/${copy}/report.json`, column: "/meta/id", rule: expect.stringMatching(/folder name/u) }));
  });

  it("an unsafe id", () => {
    const bad = "../evil";
    const problems = load((f) => {
      for (const [k, v] of [...f]) if (k.startsWith(`reports/${first}/`)) f.set(k.replace(`reports/${first}/`, "reports/Evil Report/"), v);
      const doc = JSON.parse(text(f, "reports/Evil Report/report.json"));
      doc.meta.id = bad;
      put(f, "reports/Evil Report/report.json", JSON.stringify(doc));
    });
    expect(problems).toContainEqual(expect.objectContaining({ file: "reports/Evil Report", value: "Evil Report", rule: expect.stringMatching(/report id must be/u) }));
    expect(problems).toContainEqual(expect.objectContaining({ column: "/meta/id", value: bad, rule: expect.stringMatching(/^must be a safe id: lower-case .*\(pattern /u) }));
  });

  it("a GBK-encoded file", () => {
    const gbk = Uint8Array.from([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0xc3, 0xf1, 0xd5, 0xfe, 0xbe, 0xd6, 0x0a]);
    const problems = load((f) => f.set("reference/cities.csv", gbk));
    expect(problems).toContainEqual(expect.objectContaining({ file: "reference/cities.csv", rule: expect.stringMatching(/UTF-8.*GBK\/GB18030/u) }));
  });

  it("a truncated CSV", () => {
    const problems = load((f) => {
      const t = text(f, table(first, 5));
      put(f, table(first, 5), t.slice(0, Math.floor(t.length / 2)));
    });
    expect(problems.some((p) => p.file === `reports/${first}/tables/05.csv` && /truncated|fields|newline/u.test(p.rule))).toBe(true);
  });

  it("a source text that no longer matches its datasets", () => {
    const problems = load((f) => put(f, `reports/${first}/source.txt`, `${text(f, `reports/${first}/source.txt`)}x`));
    expect(problems).toContainEqual(
      expect.objectContaining({ file: `reports/${first}/report.json`, line: expect.any(Number), column: "/meta/source/sha256", rule: expect.stringMatching(new RegExp(`must be the SHA-256 of reports/${first}/source\\.txt, which is [0-9a-f]{64}`, "u")) }),
    );
  });

  it("malformed JSON", () => {
    const problems = load((f) => put(f, `reports/${first}/report.json`, '{\n  "meta": {\n    "id": x\n}'));
    expect(problems).toContainEqual(expect.objectContaining({ file: `reports/${first}/report.json`, rule: expect.stringMatching(/malformed JSON/u) }));
  });
});
