/**
 * The data-check downloads of the built site, read back with PapaParse and hyparquet: each report's checks.csv holds
 * its results (the rules' own output, once), data/checks.parquet every report's, data/check-failures.csv every
 * failure; exactly the documented columns; each report's own CSV
 * agrees; every cell a result points to is that cell of the report's published table CSV; datapackage.json describes
 * the files; the data guide and the downloads page list them.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { runChecks } from "../../src/lib/checks/index.ts";
import { AMOUNT_COLUMNS, CHECK_COLUMNS, checkRecords, checkRows, type CheckColumn } from "../../src/lib/export/checks.ts";
import { loadSiteOrThrow } from "../../src/lib/load.ts";
import { dataPaths, fsReader, projectValidators } from "../../src/lib/node-io.ts";
import { routes } from "../../src/lib/paths.ts";
import { readParquet } from "../support/parquet.ts";
import { buildSite } from "../support/site.ts";

const site = loadSiteOrThrow(fsReader, dataPaths(), projectValidators());
let dist = "";
beforeAll(async () => {
  dist = await buildSite();
});
const text = (path: string) => readFileSync(join(dist, path), "utf8");
const csv = (path: string) => {
  const t = text(path);
  expect(t.startsWith("\uFEFF"), `${path} has no BOM`).toBe(false);
  const parsed = Papa.parse<string[]>(t, { delimiter: ",", skipEmptyLines: true });
  expect(parsed.errors, path).toEqual([]);
  return parsed.data;
};
/** Every report's checks.csv, in report order (the build's order), header once. */
const allRows = (): string[][] => {
  const parts = site.reports.map((r) => csv(routes.reportChecks(r.meta.id)));
  return [parts[0]?.[0] as string[], ...parts.flatMap(([, ...rows]) => rows)];
};
/** Every result as objects, `cells` split into its pointers. */
type Published = Record<Exclude<CheckColumn, "cells">, string> & { cells: string[] };
const published = (): Published[] => {
  const [header, ...rows] = allRows();
  return rows.map((r) => {
    const o = Object.fromEntries((header as string[]).map((h, i) => [h, r[i] ?? ""])) as Record<CheckColumn, string>;
    return { ...o, cells: o.cells === "" ? [] : o.cells.split("; ") };
  });
};
const CELL = /^(?:表(\d+) L(\d+) (c\d+)=(.*)|说明 L(\d+)=(.*))$/u;

/** A pointer of the `cells` column read back: `表3 L203 c4=244.27` or `说明 L512=1234.56`. */
function pointer(text: string): { table: number; line: number; column: string; value: string } {
  const m = CELL.exec(text);
  if (!m) throw new Error(`not a cell pointer: ${text}`);
  return m[1] ? { table: Number(m[1]), line: Number(m[2]), column: m[3] as string, value: m[4] as string } : { table: 0, line: Number(m[5]), column: "", value: m[6] as string };
}

describe("the checks' downloads: each report's checks.csv, data/checks.parquet, data/check-failures.csv", () => {
  it("have exactly the documented columns, rows for every report, and equal the rules' results", () => {
    const [header, ...rows] = allRows();
    expect(header).toEqual([...CHECK_COLUMNS]);
    expect(header).toEqual(["report_id", "check_id", "category", "title", "status", "place", "table_no", "expected", "found", "difference", "tolerance", "note", "cells"]);
    for (const report of site.reports) {
      const id = report.meta.id;
      const mine = rows.filter((r) => r[0] === id);
      expect(mine.length, `${id} has rows`).toBeGreaterThan(0);
      // The build ran the same rules on the same data (the context only bounds the year).
      expect(mine, id).toEqual(checkRecords(checkRows(runChecks(report))));
    }
    expect(new Set(rows.map((r) => r[0]))).toEqual(new Set(site.reports.map((r) => r.meta.id)));
    for (const r of rows) expect(["pass", "fail", "na"]).toContain(r[4]);
  });

  it("write each result's cells as `表N L行 cK=值; …`", () => {
    const rows = published();
    expect(rows.some((r) => r.cells.length > 1)).toBe(true);
    for (const r of rows) for (const w of r.cells) expect(CELL.exec(w), w).not.toBeNull();
  });

  it("the Parquet file holds every report's CSV rows, text as in the CSV, table_no an integer, the amounts also typed DECIMAL", async () => {
    const [header, ...rows] = allRows();
    const { rows: typed, columns } = await readParquet(join(dist, routes.checksParquet()));
    expect(columns.map((c) => c.name)).toEqual([...CHECK_COLUMNS, ...AMOUNT_COLUMNS.map((c) => `${c}_decimal`)]);
    expect(columns.find((c) => c.name === "table_no")?.type).toBe("INT32");
    for (const c of AMOUNT_COLUMNS) expect(columns.find((x) => x.name === `${c}_decimal`)).toMatchObject({ type: "INT64", converted: "DECIMAL", scale: 4 });
    expect(typed).toHaveLength(rows.length);
    let decimals = 0;
    rows.forEach((r, k) => {
      const t = typed[k] as Record<string, unknown>;
      (header as string[]).forEach((h, i) => {
        const v = r[i] ?? "";
        // The CSV neutralises text against formula injection (a leading ' ); Parquet cells are never evaluated.
        const want = h === "table_no" ? Number(v) : v === "" ? null : v.replace(/^'(?=[=+\-@])/u, "");
        expect(t[h], `row ${k} ${h}`).toBe(want);
      });
      for (const c of AMOUNT_COLUMNS) {
        const v = r[(header as string[]).indexOf(c)] ?? "";
        if (/^-?\d+(?:\.\d{1,4})?$/u.test(v)) {
          expect(Math.abs((t[`${c}_decimal`] as number) - Number(v)), `row ${k} ${c}_decimal`).toBeLessThan(1e-6);
          decimals++;
        } else expect(t[`${c}_decimal`], `row ${k} ${c}_decimal of ${v}`).toBeNull();
      }
    });
    expect(decimals).toBeGreaterThan(1000);
  });

  it("every cell a result reads is that cell of the report's published table CSV (source_line, column, value)", () => {
    const results = published();
    let checked = 0;
    let empty = 0;
    for (const report of site.reports) {
      const id = report.meta.id;
      const columns = new Map<number, string[]>((JSON.parse(text(routes.reportJson(id))).tables as { no: number; columns: { key: string }[] }[]).map((t) => [t.no, t.columns.map((c) => c.key)]));
      const tables = new Map<number, string[][]>();
      const tableRows = (no: number) => {
        if (!tables.has(no)) tables.set(no, csv(routes.table(id, no, "csv")));
        return tables.get(no) as string[][];
      };
      for (const r of results.filter((x) => x.report_id === id)) {
        for (const c of r.cells.map(pointer)) {
          if (c.table === 0) continue;
          const [header, ...body] = tableRows(c.table);
          const index = columns.get(c.table)?.indexOf(c.column) ?? -1;
          expect(index, `${id} ${r.check_id} table ${c.table} has column ${c.column}`).toBeGreaterThanOrEqual(0);
          const line = (header as string[]).indexOf("source_line");
          const printed = body.find((b) => b[line] === String(c.line));
          expect(printed, `${id} ${r.check_id}: table ${c.table} has a row on line ${c.line}`).toBeDefined();
          expect(printed?.[index], `${id} ${r.check_id} ${r.place}: table ${c.table} L${c.line} ${c.column}`).toBe(c.value);
          checked++;
          if (c.value === "") empty++;
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
    expect(empty, "results that read an empty cell").toBeGreaterThan(0);
  });

  it("a narrative amount points to the paragraph of 情况说明 or 概况 that prints it", () => {
    const results = published();
    let checked = 0;
    for (const report of site.reports) {
      const paragraphs = [
        ...report.overview.duties,
        ...report.overview.organization,
        ...report.narrative.flatMap((s) => s.blocks.map((b) => ({ line: b.line, text: b.text ?? (b.cells ?? []).join(" ") }))),
      ].sort((a, b) => a.line - b.line);
      for (const r of results.filter((x) => x.report_id === report.meta.id)) {
        for (const c of r.cells.map(pointer).filter((x) => x.table === 0)) {
          const paragraph = paragraphs.filter((p) => p.line <= c.line).at(-1);
          expect(paragraph, `${report.meta.id} ${r.check_id} line ${c.line}`).toBeDefined();
          expect((paragraph?.text ?? "").replace(/[,，\s]/gu, ""), `${report.meta.id} ${r.check_id} line ${c.line}`).toContain(c.value.replace(/^-/u, ""));
          checked++;
        }
      }
    }
    expect(checked, "narrative amounts checked").toBeGreaterThan(0);
  });

  it("data/check-failures.csv holds exactly the failed rows of every report (and the page's copy is not published)", () => {
    const [header, ...failures] = csv(routes.checkFailuresCsv());
    const [, ...all] = allRows();
    expect(header).toEqual([...CHECK_COLUMNS]);
    expect(failures).toEqual(all.filter((r) => r[4] === "fail"));
    expect(failures.length, "the bundled reports have failures").toBeGreaterThan(0);
    for (const report of site.reports) expect(existsSync(join(dist, `reports/${report.meta.id}/data/checks.json`))).toBe(false);
    expect(existsSync(join(dist, "data/checks.csv")), "no site-wide CSV of every result: the Parquet holds them").toBe(false);
    expect(existsSync(join(dist, ".touming"))).toBe(false);
  });

  it("the data packages describe them with a Table Schema of exactly these columns", () => {
    type Pkg = { resources: { path: string; schema?: { fields: { name: string; type: string }[] } }[] };
    const pkg = JSON.parse(text(routes.datapackage())) as Pkg;
    const described = (path: string) => {
      const report = site.reports.find((r) => path.startsWith(routes.reportData(r.meta.id)));
      if (!report) return pkg.resources.find((x) => x.path === path);
      const own = JSON.parse(text(routes.reportPackage(report.meta.id))) as Pkg;
      return own.resources.find((x) => `${routes.reportData(report.meta.id)}${x.path}` === path);
    };
    const paths = [routes.checkFailuresCsv(), ...site.reports.map((r) => routes.reportChecks(r.meta.id))];
    for (const path of paths) {
      const r = described(path);
      expect(r?.schema?.fields.map((f) => f.name), path).toEqual([...CHECK_COLUMNS]);
      expect(r?.schema?.fields.find((f) => f.name === "table_no")?.type).toBe("integer");
    }
    expect(pkg.resources.some((x) => x.path === routes.checksParquet())).toBe(true);
  });

  it("the data guide documents them and the downloads page lists them", () => {
    const guide = text(`${routes.dataGuide()}index.html`);
    for (const s of [routes.checkFailuresCsv(), routes.checksParquet(), "reports/&lt;报告编号&gt;/data/checks.csv", ...CHECK_COLUMNS.map((c) => `<code>${c}</code>`), "表N L行 c列=值"]) expect(guide, s).toContain(s);
    const downloads = text(`${routes.downloads()}index.html`);
    expect(downloads).toContain(`href="/${routes.checkFailuresCsv()}"`);
    expect(downloads).toContain(`href="/${routes.checksParquet()}"`);
    for (const r of site.reports) expect(text(`${routes.downloadsCity(r.meta.city.id)}index.html`)).toContain(`href="/${routes.reportChecks(r.meta.id)}"`);
  });
});
