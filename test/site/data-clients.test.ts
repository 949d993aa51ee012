/**
 * The built site's data packages read as analysts read them, by their own tools rather than ours: every package (the
 * site's at the root, `data/`'s and each report's) through Frictionless's JavaScript client (`datapackage`), which
 * resolves each resource's path against its descriptor and casts every row by its Table Schema; and the site-wide CSV
 * and Parquet through DuckDB with its default CSV sniffing, as a `SELECT … FROM 'data/line-items.csv'` would.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { Package } from "datapackage";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { lineItems } from "../../src/lib/line-items.ts";
import { loadSiteOrThrow } from "../../src/lib/load.ts";
import { LINE_ITEM_COLUMNS } from "../../src/lib/model.ts";
import { dataPaths, fsReader, projectValidators } from "../../src/lib/node-io.ts";
import { routes } from "../../src/lib/paths.ts";
import { buildSite } from "../support/site.ts";

const site = loadSiteOrThrow(fsReader, dataPaths(), projectValidators());
let dist = "";
beforeAll(async () => {
  dist = await buildSite();
}, 15 * 60_000);

/** Rows of a CSV as PapaParse reads them (header excluded): what the client must give back, one for one. */
const csvRowCount = (file: string) => Papa.parse<string[]>(readFileSync(file, "utf8"), { skipEmptyLines: true }).data.length - 1;

async function readAll(descriptor: string): Promise<{ tables: number; problems: string[] }> {
  const pkg = await Package.load(descriptor);
  const problems = pkg.valid ? [] : pkg.errors.map((e) => `${descriptor}: ${String(e)}`);
  let tables = 0;
  for (const r of pkg.resources) {
    // The client reads CSV only (“Tabular format "xlsx" is not supported”); the workbooks are read back in downloads.test.ts.
    if (!r.tabular || r.descriptor.format === "xlsx") continue;
    tables++;
    try {
      const rows = (await r.read({ keyed: true })) as Record<string, unknown>[];
      const file = join(descriptor, "..", r.descriptor.path);
      if (rows.length !== csvRowCount(file)) problems.push(`${r.descriptor.path}: ${rows.length} rows read, ${csvRowCount(file)} in the file`);
    } catch (e) {
      const detail = (e as { errors?: unknown[] }).errors?.slice(0, 3).map(String).join("; ") ?? "";
      problems.push(`${r.descriptor.path}: ${String(e)} ${detail}`);
    }
  }
  return { tables, problems };
}

describe("Frictionless's JavaScript client (datapackage)", () => {
  it("loads the site's package from the root and reads every CSV it lists, cast by its Table Schema", async () => {
    const { tables, problems } = await readAll(join(dist, routes.datapackage()));
    expect(problems).toEqual([]);
    expect(tables).toBeGreaterThanOrEqual(7);
  });

  it("loads the data/ folder's package and each report's, and reads every CSV of them", async () => {
    const descriptors = [join(dist, routes.dataFolderPackage()), ...site.reports.map((r) => join(dist, routes.reportPackage(r.meta.id)))];
    const results = await Promise.all(descriptors.map(readAll));
    expect(results.flatMap((r) => r.problems)).toEqual([]);
    // Each report's package has its standard tables, line items, checks, 绩效 and chart CSVs.
    for (const r of results.slice(1)) expect(r.tables).toBeGreaterThan(10);
  });

  it("a cast row keeps the published value: line items' value as a number, row_code as text with its leading digits", async () => {
    const pkg = await Package.load(join(dist, routes.dataFolderPackage()));
    const resource = pkg.resources.find((r) => r.descriptor.path === "line-items.csv");
    const rows = (await resource?.read({ keyed: true })) as Record<string, unknown>[];
    const expected = site.reports.flatMap(lineItems);
    expect(rows).toHaveLength(expected.length);
    const first = expected.findIndex((i) => i.row_code !== "");
    expect(rows[first]?.row_code).toBe(expected[first]?.row_code);
    expect(typeof rows[first]?.row_code).toBe("string");
    expect(String(rows[first]?.value)).toBe(String(Number(expected[first]?.value)));
  });
});

describe("DuckDB, as an analyst would query the files", () => {
  it("sniffs data/line-items.csv's header and rows exactly, with no stray byte in the first column's name", async () => {
    const db = await DuckDBInstance.create(":memory:");
    const c = await db.connect();
    try {
      const file = join(dist, routes.lineItems()).replaceAll("'", "''");
      const all = await c.runAndReadAll(`SELECT * FROM read_csv('${file}', all_varchar = true)`);
      expect(all.columnNames()).toEqual([...LINE_ITEM_COLUMNS]);
      const expected = site.reports.flatMap(lineItems);
      expect(all.getRowObjectsJS()).toEqual(expected.map((i) => Object.fromEntries(LINE_ITEM_COLUMNS.map((k) => [k, i[k] === "" ? null : i[k]]))));
      // With its default type sniffing the first column is still called report_id and every report is there.
      const sniffed = await c.runAndReadAll(`SELECT report_id, count(*)::INTEGER AS n FROM '${file}' GROUP BY report_id ORDER BY report_id`);
      expect(sniffed.getRowObjectsJS()).toEqual(site.reports.map((r) => ({ report_id: r.meta.id, n: lineItems(r).length })).sort((a, b) => a.report_id.localeCompare(b.report_id)));
    } finally {
      c.closeSync();
    }
  });

  it("the /data/ page's department × year total, run as printed, gives each report's own 合计 of 公开03表", async () => {
    const html = readFileSync(join(dist, routes.dataGuide(), "index.html"), "utf8");
    const code = /<pre[^>]*id="example-total-sql"[^>]*><code>([\s\S]*?)<\/code><\/pre>/u.exec(html)?.[1] ?? "";
    const sql = code.replace(/&lt;/gu, "<").replace(/&gt;/gu, ">").replace(/&#39;/gu, "'").replace(/&quot;/gu, '"').replace(/&amp;/gu, "&");
    expect(sql).toMatch(/FROM '[^']*data\/line-items\.parquet'/u);
    const local = sql.replace(/'[^']*data\/line-items\.parquet'/u, `'${join(dist, routes.lineItemsParquet()).replaceAll("'", "''")}'`).replace(/;\s*$/u, "");
    const db = await DuckDBInstance.create(":memory:");
    const c = await db.connect();
    let rows: Record<string, unknown>[];
    try {
      rows = (await c.runAndReadAll(`SELECT department, year::INTEGER AS year, kind, total::DECIMAL(18,2)::VARCHAR AS total FROM (${local})`)).getRowObjectsJS();
    } finally {
      c.closeSync();
    }
    // Read from the sources by hand: each 公开03表's 合计 row in its total column, and the sum of its 类 rows.
    expect(rows).toEqual([
      { department: "忻州市民政局", year: 2024, kind: "budget", total: "8261.00" }, // 004 line 198: 合计 8261.00
      // 003 lines 162–178: 0.04 + 107.10 + 4.38 + 8.98 = 120.50 against the printed 合计 120.49 (line 161).
      { department: "阳泉市城乡居民最低生活保障管理中心", year: 2024, kind: "final", total: "120.50" },
      // 阳泉市民政局 2024 final: the source has no 公开03表, so no row (not zero).
      { department: "阳泉市民政局", year: 2025, kind: "budget", total: "4411.49" }, // 001 表三: 合计 4411. 49
      { department: "阳泉市退役军人事务局", year: 2023, kind: "final", total: "3442.07" }, // 002 line 173: 合计 3,442.07
    ]);
    // Where the sum differs from the printed 合计, the checks say so: 合计 = 各类之和 within its rounding tolerance.
    const checks = Papa.parse<Record<string, string>>(readFileSync(join(dist, routes.reportChecks("yangquan-civil-affairs-dibao-center-2024-final")), "utf8"), { header: true, skipEmptyLines: true }).data;
    expect(checks.find((r) => r.check_id === "sum.total-of-classes" && r.place === "公开03表 · 合计 · 本年支出合计")).toMatchObject({ expected: "120.50", found: "120.49", difference: "-0.01" });
  });

  it("reads the Parquet twin with the same rows, value_decimal equal to the published decimal", async () => {
    const db = await DuckDBInstance.create(":memory:");
    const c = await db.connect();
    try {
      const file = join(dist, routes.lineItemsParquet()).replaceAll("'", "''");
      const r = await c.runAndReadAll(`SELECT count(*)::INTEGER AS n, count(*) FILTER (WHERE value_decimal::VARCHAR <> value::DECIMAL(18,4)::VARCHAR)::INTEGER AS differ FROM '${file}'`);
      expect(r.getRowObjectsJS()).toEqual([{ n: site.reports.flatMap(lineItems).length, differ: 0 }]);
    } finally {
      c.closeSync();
    }
  });
});
