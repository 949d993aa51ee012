import { createHash } from "node:crypto";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { checkDataPackage } from "../../src/lib/export/check-datapackage.ts";
import { reportDownloadFiles } from "../../src/lib/export/report-files.ts";
import { loadSiteOrThrow } from "../../src/lib/load.ts";
import { dataPaths, fsReader, projectValidators } from "../../src/lib/node-io.ts";
import { DATA_PACKAGE_PROFILE, dataPackage, dataPackageChunks, resourceText, type Resource } from "../../src/lib/export/datapackage.ts";
import { safeText } from "../../src/lib/export/safe.ts";
import { columnName, sheetNames, writeXlsx } from "../../src/lib/export/xlsx.ts";

describe("safeText (formula injection)", () => {
  it.each([
    ["=SUM(A1:A9)", "'=SUM(A1:A9)"],
    ["+86 0353", "'+86 0353"],
    ["-减少", "'-减少"],
    ["@cmd", "'@cmd"],
    ["\t=1", "'\t=1"],
    ["-12.50", "-12.50"],
    ["——", "——"],
    ["--", "--"],
    ["3119.54", "3119.54"],
    ["合计", "合计"],
    ["", ""],
  ])("%j → %j", (input, expected) => {
    expect(safeText(input)).toBe(expected);
  });
});

describe("xlsx", () => {
  it("names columns like a spreadsheet", () => {
    expect([0, 25, 26, 27, 701, 702].map(columnName)).toEqual(["A", "Z", "AA", "AB", "ZZ", "AAA"]);
  });
  it("makes sheet names legal and unique", () => {
    expect(sheetNames(["a/b", "x".repeat(40), "x".repeat(40)])).toEqual(["a b", "x".repeat(31), `${"x".repeat(29)}-2`]);
  });
  it("stores amounts as numbers with their published digits and text as inline strings", () => {
    const bytes = writeXlsx([{ name: "表", rows: [[{ text: "=危险" }, { text: "17.00", number: true }, { text: "" }, { text: "——", number: true }]], merges: [{ row: 0, col: 0, rows: 1, cols: 2 }], frozenRows: 1 }]);
    const files = unzipSync(bytes);
    const sheet = strFromU8(files["xl/worksheets/sheet1.xml"] as Uint8Array);
    expect(sheet).toContain('<c r="A1" s="0" t="inlineStr"><is><t xml:space="preserve">=危险</t></is></c>');
    expect(sheet).toMatch(/<c r="B1" s="\d+"><v>17\.00<\/v><\/c>/u);
    expect(sheet).not.toContain('r="C1"');
    expect(sheet).toContain('<t xml:space="preserve">——</t>');
    expect(sheet).toContain('<mergeCell ref="A1:B1"/>');
    expect(strFromU8(files["xl/styles.xml"] as Uint8Array)).toContain('formatCode="0.00"');
    expect(writeXlsx([{ name: "表", rows: [[{ text: "1" }]] }])).toEqual(writeXlsx([{ name: "表", rows: [[{ text: "1" }]] }]));
  });
});

describe("checkDataPackage", () => {
  const csv = new TextEncoder().encode("a,b\n1,x\n——,y\n");
  const sha = `sha256:${createHash("sha256").update(csv).digest("hex")}`;
  const good = {
    $schema: DATA_PACKAGE_PROFILE,
    resources: [{ name: "t.csv", path: "t.csv", format: "csv", mediatype: "text/csv", bytes: csv.length, hash: sha, type: "table", schema: { fields: [{ name: "a", type: "number" }, { name: "b", type: "string" }], missingValues: ["", "——"] } }],
  };
  const read = (p: string) => (p === "t.csv" ? csv : undefined);
  it("accepts a correct package", () => {
    expect(checkDataPackage(good, read)).toEqual([]);
  });
  it.each([
    ["a wrong profile", (d: typeof good) => ({ ...d, $schema: "x" }), /\$schema/u],
    ["a missing file", (d: typeof good) => ({ ...d, resources: [{ ...d.resources[0], path: "u.csv" }] }), /does not exist/u],
    ["a path outside the package", (d: typeof good) => ({ ...d, resources: [{ ...d.resources[0], path: "../t.csv" }] }), /relative POSIX path/u],
    ["a wrong hash", (d: typeof good) => ({ ...d, resources: [{ ...d.resources[0], hash: "sha256:00" }] }), /hash/u],
    ["an undeclared field", (d: typeof good) => ({ ...d, resources: [{ ...d.resources[0], schema: { ...d.resources[0]!.schema, fields: [{ name: "a", type: "number" }] } }] }), /header/u],
    ["a value of the wrong type", (d: typeof good) => ({ ...d, resources: [{ ...d.resources[0], schema: { ...d.resources[0]!.schema, fields: [{ name: "a", type: "number" }, { name: "b", type: "integer" }] } }] }), /"x" is not a integer/u],
  ])("refuses %s", (_name, mutate, rule) => {
    const problems = checkDataPackage(mutate(good), read);
    expect(problems.map((p) => p.rule).join("\n")).toMatch(rule);
  });
  it("refuses a CSV that starts with a byte-order mark (a Frictionless client would name its first column \\ufeffa)", () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...csv]);
    const d = { ...good, resources: [{ ...good.resources[0], bytes: bom.length, hash: `sha256:${createHash("sha256").update(bom).digest("hex")}` }] };
    expect(checkDataPackage(d, (p) => (p === "t.csv" ? bom : undefined)).map((p) => p.rule)).toEqual([expect.stringMatching(/byte-order mark/u)]);
  });
});

describe("download files are deterministic", () => {
  it("the same report gives the same bytes every time (stable URLs and stable content)", () => {
    const report = loadSiteOrThrow(fsReader, dataPaths(), projectValidators()).reports[0];
    if (!report) throw new Error("no report");
    const once = [...reportDownloadFiles(report, "source", "https://example.org/")];
    const twice = [...reportDownloadFiles(report, "source", "https://example.org/")];
    expect(once.map((f) => f.path)).toEqual(twice.map((f) => f.path));
    once.forEach((f, i) => expect(Buffer.from(f.bytes).equals(Buffer.from(twice[i]?.bytes ?? [])), f.path).toBe(true));
    expect(once.every((f) => f.path.startsWith(`reports/${report.meta.id}/data/`) && !/[0-9a-f]{8,}/u.test(f.path))).toBe(true);
  });
});

describe("datapackage.json written in pieces", () => {
  it("is byte for byte the JSON.stringify of the whole package, for no, one and several resources", () => {
    const r = (i: number): Resource => ({
      name: `r${i}`,
      path: `reports/x/data/tables/0${i}.csv`,
      title: "表“一”\n",
      format: "csv",
      mediatype: "text/csv",
      bytes: i,
      hash: `sha256:${i}`,
      type: "table",
      schema: { $schema: "s", fields: [{ name: "项目", type: "string" }], missingValues: ["", "——"] },
    });
    for (const list of [[], [r(1)], [r(1), r(2), r(3)]]) {
      const pieces = [...dataPackageChunks(list.map(resourceText), "https://example.org/")].join("");
      expect(pieces).toBe(`${JSON.stringify(dataPackage(list, "https://example.org/"), null, 2)}\n`);
    }
  });
});

describe("CSV headers are neutralised like every other cell", () => {
  it("a published header `=SUM(A1:A9)` is named `'=SUM(A1:A9)` in the table's CSV, its JSON and its Table Schema; the exact header stays in `path`", () => {
    const report = structuredClone(loadSiteOrThrow(fsReader, dataPaths(), projectValidators()).reports.find((r) => r.meta.id === "yangquan-civil-affairs-2024-final"));
    if (!report) throw new Error("seed missing");
    const table = report.tables.find((t) => t.no === 5);
    if (!table?.columns[2]) throw new Error("table 5 missing");
    table.columns[2] = { ...table.columns[2], path: ["=SUM(A1:A9)"], label: "=SUM(A1:A9)" };
    const files = [...reportDownloadFiles(report, "source", "https://example.org/")];
    const text = (path: string) => strFromU8(files.find((f) => f.path.endsWith(path))?.bytes ?? new Uint8Array());
    const header = text("tables/05.csv").split("\n")[0] ?? "";
    expect(header.split(",")).toContain("'=SUM(A1:A9)");
    expect(header.split(",")).not.toContain("=SUM(A1:A9)");
    const json = JSON.parse(text("tables/05.json")) as { columns: { name: string; path: string[] }[] };
    expect(json.columns[2]).toMatchObject({ name: "'=SUM(A1:A9)", path: ["=SUM(A1:A9)"] });
    const schema = files.find((f) => f.path.endsWith("tables/05.csv"))?.schema;
    expect(schema?.fields.map((f) => f.name)).toContain("'=SUM(A1:A9)");
  });
});

describe("units in the downloads", () => {
  it("a report's line items state one unit only where every table does; each row says its own", () => {
    const report = structuredClone(loadSiteOrThrow(fsReader, dataPaths(), projectValidators()).reports.find((r) => r.meta.id === "yangquan-civil-affairs-2025-budget"));
    if (!report) throw new Error("seed missing");
    const lineItemsUnit = () => [...reportDownloadFiles(report, "source", "https://example.org/")].find((f) => f.path.endsWith("line-items.csv"))?.unit;
    expect(lineItemsUnit()).toBe("万元");
    // A table printed in 元 (as a Shanghai budget prints most of its tables): the file states no single unit.
    const t2 = report.tables.find((t) => t.no === 2);
    if (!t2) throw new Error("table 2 missing");
    t2.unit = "元";
    expect(lineItemsUnit()).toBeUndefined();
    const files = [...reportDownloadFiles(report, "source", "https://example.org/")];
    expect(files.find((f) => f.path.endsWith("tables/02.csv"))?.unit).toBe("元");
    const csv = strFromU8(files.find((f) => f.path.endsWith("line-items.csv"))?.bytes ?? new Uint8Array());
    const rows = csv.trim().split("\n").slice(1).map((r) => r.split(","));
    const units = (no: string) => new Set(rows.filter((r) => r[5] === no).map((r) => r.at(-1)));
    expect(units("2")).toEqual(new Set(["元"]));
    expect(units("1")).toEqual(new Set(["万元"]));
  });
});
