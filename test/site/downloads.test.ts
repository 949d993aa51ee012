/**
 * The downloads of the real built site, read back the way analysts read them: every CSV (PapaParse and Python's csv
 * module), JSON, XLSX, ZIP and Parquet (hyparquet) file gives back exactly the dataset's values; the data packages (the
 * site's, data/'s and each report's) are valid Data Packages v2 that together describe every file; every download linked from any page exists; the same data builds the same files.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { checkDataPackage } from "../../src/lib/export/check-datapackage.ts";
import { columnNames, SOURCE_LINE } from "../../src/lib/export/files.ts";
import { lineItems } from "../../src/lib/line-items.ts";
import { loadSiteOrThrow } from "../../src/lib/load.ts";
import { LINE_ITEM_COLUMNS } from "../../src/lib/model.ts";
import { dataPaths, fsReader, projectValidators } from "../../src/lib/node-io.ts";
import { routes } from "../../src/lib/paths.ts";
import { readParquet } from "../support/parquet.ts";
import { buildSite } from "../support/site.ts";

const site = loadSiteOrThrow(fsReader, dataPaths(), projectValidators());
let dist = "";
beforeAll(async () => {
  dist = await buildSite();
});
const read = (path: string) => readFileSync(join(dist, path));
const text = (path: string) => read(path).toString("utf8");
interface Pkg {
  resources: { path: string; bytes: number; hash: string; schema?: { fields: { name: string; type: string }[] }; sources?: { path?: string }[] }[];
}
const sitePackage = () => JSON.parse(text(routes.datapackage())) as Pkg;
const reportPackage = (id: string) => JSON.parse(text(routes.reportPackage(id))) as Pkg;
/** Every data package of the site, with the folder its paths are relative to. */
const packages = (): { folder: string; pkg: Pkg }[] => [
  { folder: "", pkg: sitePackage() },
  { folder: "data/", pkg: JSON.parse(text(routes.dataFolderPackage())) as Pkg },
  ...site.reports.map((r) => ({ folder: routes.reportData(r.meta.id), pkg: reportPackage(r.meta.id) })),
];
const csvRows = (path: string) => {
  const t = text(path);
  expect(t.startsWith("\uFEFF"), `${path} has no BOM`).toBe(false);
  return Papa.parse<string[]>(t, { delimiter: ",", skipEmptyLines: true }).data;
};

describe.each(site.reports.map((r) => [r.meta.id, r] as const))("%s", (id, report) => {
  const tables = report.tables.filter((t) => t.state !== "missing");

  it("per-table CSV and JSON give back every cell", () => {
    for (const t of tables) {
      const [header, ...rows] = csvRows(routes.table(id, t.no, "csv"));
      expect(header).toEqual([...columnNames(t.columns), SOURCE_LINE]);
      expect(rows).toEqual(t.rows.map((r) => [...t.columns.map((_, i) => r.cells[i] ?? ""), String(r.line)]));
      const json = JSON.parse(text(routes.table(id, t.no, "json")));
      expect(json.columns.map((c: { name: string }) => c.name)).toEqual(columnNames(t.columns));
      expect(json.rows.map((r: { cells: string[] }) => r.cells)).toEqual(t.rows.map((r) => t.columns.map((_, i) => r.cells[i] ?? "")));
      expect(json.rows.map((r: { source_line: number }) => r.source_line)).toEqual(t.rows.map((r) => r.line));
      expect(json.state).toBe(t.state);
    }
    for (const t of report.tables.filter((x) => x.state === "missing")) expect(existsSync(join(dist, routes.table(id, t.no, "csv")))).toBe(false);
  });

  it("line items as CSV (only: a JSON twin repeated every number), and the whole report as JSON", () => {
    const expected = lineItems(report).map((i) => LINE_ITEM_COLUMNS.map((c) => i[c]));
    const [header, ...rows] = csvRows(routes.reportLineItems(id));
    expect(header).toEqual([...LINE_ITEM_COLUMNS]);
    expect(rows).toEqual(expected);
    expect(existsSync(join(dist, `${routes.reportData(id)}line-items.json`))).toBe(false);
    const whole = JSON.parse(text(routes.reportJson(id)));
    expect(whole.meta).toEqual(report.meta);
    expect(whole.tables.map((t: { rows: { cells: string[] }[] }) => t.rows.map((r) => r.cells))).toEqual(report.tables.map((t) => t.rows.map((r) => r.cells)));
    expect(whole.performance).toHaveLength(report.performance.length);
  });

  it("the XLSX workbook holds every table cell with the published digits", () => {
    const files = unzipSync(read(routes.reportXlsx(id)));
    report.tables.forEach((t, k) => {
      const xml = strFromU8(files[`xl/worksheets/sheet${k + 2}.xml`] as Uint8Array);
      const values = [...xml.matchAll(/<c r="([A-Z]+)(\d+)"[^>]*>(?:<v>([^<]*)<\/v>|<is><t[^>]*>([^<]*)<\/t><\/is>)<\/c>/gu)].map((m) => ({ col: m[1], row: Number(m[2]), v: m[3] ?? m[4] ?? "" }));
      const unescape = (s: string) => s.replace(/&lt;/gu, "<").replace(/&gt;/gu, ">").replace(/&quot;/gu, '"').replace(/&amp;/gu, "&");
      for (const r of t.rows) {
        t.columns.forEach((c, i) => {
          const v = r.cells[i] ?? "";
          if (v === "") return;
          const col = String.fromCharCode(65 + (i % 26));
          const found = values.filter((x) => unescape(x.v) === v && (i >= 26 || x.col === col));
          expect(found.length, `${id} table ${t.no} line ${r.line} ${c.key} = ${v}`).toBeGreaterThan(0);
        });
      }
    });
  });

  it("the ZIP bundle holds the CSVs, a README with citation and licence, and metadata", () => {
    const files = unzipSync(read(routes.reportZip(id)));
    const utf8 = (name: string) => Buffer.from(files[name] as Uint8Array).toString("utf8");
    for (const t of tables) expect(utf8(`tables/${String(t.no).padStart(2, "0")}.csv`)).toBe(text(routes.table(id, t.no, "csv")));
    expect(utf8("line-items.csv")).toBe(text(routes.reportLineItems(id)));
    const readme = strFromU8(files["README.txt"] as Uint8Array);
    for (const word of ["引用", "许可", report.meta.source.sha256, "万元"]) expect(readme).toContain(word);
    expect(JSON.parse(strFromU8(files["metadata.json"] as Uint8Array)).meta).toEqual(report.meta);
  });

  it("publishes the source text unchanged", () => {
    expect(text(`${routes.reportData(id)}source.txt`)).toBe(readFileSync(join(dataPaths().reports, id, "source.txt"), "utf8"));
  });
});

describe("site-wide files", () => {
  it("line items read the same in Python's csv module (plain utf-8) as in the dataset", () => {
    const out = execFileSync("python3", ["-c", "import csv,json,sys; r=list(csv.reader(open(sys.argv[1], encoding='utf-8', newline=''))); print(json.dumps(r, ensure_ascii=False))", join(dist, routes.lineItems())], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
    const rows = JSON.parse(out) as string[][];
    expect(rows[0]).toEqual([...LINE_ITEM_COLUMNS]);
    expect(rows.slice(1)).toEqual(site.reports.flatMap((r) => lineItems(r).map((i) => LINE_ITEM_COLUMNS.map((c) => i[c]))));
    expect(existsSync(join(dist, "data/line-items.json")), "no site-wide JSON twin").toBe(false);
  });

  it("line items as Parquet: the CSV's rows and columns, year and table_no integers, value exact, value_decimal typed", async () => {
    const { rows, columns } = await readParquet(join(dist, routes.lineItemsParquet()));
    expect(columns.map((c) => c.name)).toEqual(["report_id", "city", "department", "year", "kind", "table_no", "table_title", "row_code", "row_level", "row_label", "column_label", "is_total", "value", "value_decimal", "unit"]);
    expect(columns.find((c) => c.name === "year")?.type).toBe("INT32");
    expect(columns.find((c) => c.name === "table_no")?.type).toBe("INT32");
    expect(columns.find((c) => c.name === "value")).toMatchObject({ type: "BYTE_ARRAY", converted: "UTF8" });
    expect(columns.find((c) => c.name === "is_total")?.type).toBe("BOOLEAN");
    expect(columns.find((c) => c.name === "value_decimal")).toMatchObject({ type: "INT64", converted: "DECIMAL", scale: 4 });
    const items = site.reports.flatMap((r) => lineItems(r));
    expect(rows).toHaveLength(items.length);
    items.forEach((item, k) => {
      const row = rows[k] as Record<string, unknown>;
      for (const c of LINE_ITEM_COLUMNS) {
        const want = c === "year" || c === "table_no" ? Number(item[c]) : c === "is_total" ? item[c] === "true" : item[c] === "" ? null : item[c];
        expect(row[c], `row ${k} ${c}`).toBe(want);
      }
      expect(Math.abs((row.value_decimal as number) - Number(item.value)), `row ${k} value_decimal`).toBeLessThan(1e-6);
    });
    expect(items.some((i) => i.row_code === ""), "empty codes occur (written as null)").toBe(true);
  });

  it("the data packages are valid Data Packages v2, each at the top of its files, together describing every data file", () => {
    const described = new Set<string>();
    for (const { folder, pkg } of packages()) {
      expect(checkDataPackage(pkg, (p) => (existsSync(join(dist, folder, p)) ? read(`${folder}${p}`) : undefined)), folder || "/").toEqual([]);
      for (const r of pkg.resources) described.add(`${folder}${r.path}`);
    }
    const walk = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [relative(dist, join(dir, n))]));
    // Not data: the search index and robots.txt are the site's machinery.
    const dataFiles = walk(dist).filter((p) => /\.(csv|json|xlsx|zip|txt|parquet)$/u.test(p) && !p.endsWith("datapackage.json") && !p.startsWith("pagefind/") && p !== "robots.txt");
    expect(dataFiles.filter((p) => !described.has(p))).toEqual([]);
    // A report's files are in its own package, with paths relative to its folder — not in the site's.
    const report = "yangquan-civil-affairs-2024-final";
    const own = reportPackage(report);
    const table = own.resources.find((r) => r.path === "tables/02.csv");
    expect(table?.schema?.fields.find((f) => f.name === "本年收入合计")).toMatchObject({ type: "number", unit: "万元" });
    expect(table?.sources?.[0]?.path).toBe("source.txt");
    const root = sitePackage();
    expect(root.resources.some((r) => r.path.startsWith("reports/")), "the site's package lists no report's file").toBe(false);
    // data/reports.csv: one row per report, naming its package.
    const [header, ...rows] = csvRows(routes.reportCatalog());
    expect(rows.map((r) => r[0])).toEqual(site.reports.map((r) => r.meta.id));
    expect(rows.map((r) => r[header?.indexOf("datapackage") ?? -1])).toEqual(site.reports.map((r) => routes.reportPackage(r.meta.id)));
    expect(rows.map((r) => r[header?.indexOf("year") ?? -1])).toEqual(site.reports.map((r) => String(r.meta.year)));
  });

  it("publishes the JSON Schemas at a stable URL", () => {
    for (const name of ["report.schema.json", "table-row.schema.json", "performance.schema.json"]) {
      expect(text(routes.schema(name))).toBe(readFileSync(join(import.meta.dirname, "../../schemas", name), "utf8"));
    }
  });

  it("every download linked from any page exists", () => {
    const walk = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
    let checked = 0;
    for (const page of walk(dist).filter((p) => p.endsWith(".html"))) {
      for (const m of readFileSync(page, "utf8").matchAll(/href="\/([^"#?]+\.(?:csv|json|xlsx|zip|txt))"/gu)) {
        expect(existsSync(join(dist, decodeURI(m[1] as string))), `${relative(dist, page)} → ${m[1]}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it("every file is listed: site-wide files on /downloads/ with SHA-256, a report's on its report page, a chart's data beside its chart", () => {
    const downloads = text(`${routes.downloads()}index.html`);
    for (const r of sitePackage().resources) {
      const department = /^((?:departments|compare)\/[^/]+\/)/u.exec(r.path)?.[1];
      const page = department ? text(`${department}index.html`) : downloads;
      expect(page, r.path).toContain(`href="/${r.path}"`);
      if (!department) expect(page, r.path).toContain(r.hash.replace("sha256:", ""));
    }
    for (const report of site.reports) {
      const id = report.meta.id;
      const page = text(`${routes.report(id)}index.html`);
      for (const r of reportPackage(id).resources) expect(page, r.path).toContain(`href="/${routes.reportData(id)}${r.path}"`);
      expect(page).toContain(`href="/${routes.reportPackage(id)}"`);
    }
  });

  it("/downloads/ links a page per city; each lists its reports' main files with their sizes", () => {
    const bytes = new Map(site.reports.flatMap((r) => reportPackage(r.meta.id).resources.map((x) => [`${routes.reportData(r.meta.id)}${x.path}`, x.bytes] as const)));
    const downloads = text(`${routes.downloads()}index.html`);
    const cities = [...new Set(site.reports.map((r) => r.meta.city.id))];
    expect(cities.length).toBeGreaterThan(1);
    for (const city of cities) {
      expect(downloads).toContain(`href="/${routes.downloadsCity(city)}"`);
      const page = text(`${routes.downloadsCity(city)}index.html`);
      for (const report of site.reports) {
        const id = report.meta.id;
        const main = [routes.reportXlsx(id), routes.reportZip(id), routes.reportLineItems(id), routes.reportJson(id), routes.reportChecks(id)];
        for (const path of main) {
          if (report.meta.city.id !== city) {
            expect(page, `${city} lists only its own reports`).not.toContain(`href="/${path}"`);
            continue;
          }
          // The link and its size, as the page prints it (a size of 1 KB or more in KB or MB with one decimal).
          const size = bytes.get(path) as number;
          const shown = size < 1024 ? `${size} B` : size < 1024 ** 2 ? `${(size / 1024).toFixed(1)} KB` : `${(size / 1024 ** 2).toFixed(1)} MB`;
          expect(page, path).toContain(`href="/${path}">${shown}<`);
        }
      }
    }
  });
});
