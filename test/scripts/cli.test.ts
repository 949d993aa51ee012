/** The command-line tools as a clerk runs them: they stop with every problem listed and write nothing partial. */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { renderPdf } from "../support/render-pdf.ts";

const ROOT = join(import.meta.dirname, "../..");
const DATA = join(ROOT, "src/data");
const Y24F = join(DATA, "reports/yangquan-civil-affairs-2024-final/source.txt");

function freshData(withReports = false): string {
  const dir = mkdtempSync(join(tmpdir(), "touming-cli-"));
  cpSync(join(DATA, "reference"), join(dir, "reference"), { recursive: true });
  if (withReports) cpSync(join(DATA, "reports"), join(dir, "reports"), { recursive: true });
  return dir;
}

function run(script: string, args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [join(ROOT, "scripts", script), ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, ...env } });
}

describe("npm run import", () => {
  it("imports a source into a report folder", () => {
    const data = freshData();
    const r = run("import.ts", ["--data", data, Y24F]);
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(join(data, "reports"))).toEqual(["yangquan-civil-affairs-2024-final"]);
  });

  it("records where a report was published (--source-url, --published; a --sources CSV for a batch) and keeps it on re-import", () => {
    const data = freshData();
    const meta = (id: string) => (JSON.parse(readFileSync(join(data, "reports", id, "report.json"), "utf8")) as { meta: { source: { url?: string; published?: string } } }).meta.source;
    const url = "https://www.yq.gov.cn/zwgk/czzj/2025/0530.html";
    let r = run("import.ts", ["--data", data, Y24F, "--source-url", url, "--published", "2025-05-30"]);
    expect(r.status, r.stderr).toBe(0);
    expect(meta("yangquan-civil-affairs-2024-final")).toMatchObject({ url, published: "2025-05-30" });
    // Re-importing the same text without the options keeps them; a batch takes each file's from the CSV by file name.
    const budget = join(DATA, "reports/yangquan-civil-affairs-2025-budget/source.txt");
    const sources = join(data, "sources.csv");
    writeFileSync(sources, "file,source_url,published\nsource.txt,,2025-02-28\n");
    r = run("import.ts", ["--data", data, Y24F, budget, "--sources", sources]);
    expect(r.status, r.stderr).toBe(0);
    expect(meta("yangquan-civil-affairs-2025-budget")).toEqual(expect.objectContaining({ published: "2025-02-28" }));
    expect(meta("yangquan-civil-affairs-2025-budget").url).toBeUndefined();
    // The CSV names both files source.txt: its one row applies to each, and overrides the stored date.
    expect(meta("yangquan-civil-affairs-2024-final")).toMatchObject({ url, published: "2025-02-28" });
    // Options for one file are refused for a batch, with every other problem at once; nothing is written.
    r = run("import.ts", ["--data", data, Y24F, budget, "--published", "2999-01-01", "--source-url", "javascript:alert(1)"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/column --source-url: value "javascript:alert\(1\)": must be a web address starting with https:\/\/ or http:\/\//u);
    expect(r.stderr).toMatch(/column --published: value "2999-01-01": must be a date that has passed/u);
    expect(r.stderr).toMatch(/describe one file; for a batch list each file's in a CSV given with --sources/u);
    expect(r.stderr).toMatch(/Nothing was written/u);
  });

  it("refuses two sources of the same report and writes nothing", () => {
    const data = freshData();
    const copy = join(data, "copy.txt");
    writeFileSync(copy, readFileSync(Y24F));
    const r = run("import.ts", ["--data", data, Y24F, copy]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/copy\.txt: value "yangquan-civil-affairs-2024-final": duplicate report/u);
    expect(r.stderr).toMatch(/Nothing was written/u);
    expect(existsSync(join(data, "reports"))).toBe(false);
  });

  it("imports the PDF itself: the same tables as from the text, the PDF recorded, and again the same files", () => {
    const fromText = freshData();
    const fromPdf = freshData();
    const pdf = join(fromPdf, "阳泉市民政局2024年度决算.pdf");
    writeFileSync(pdf, renderPdf(readFileSync(Y24F, "utf8")));
    expect(run("import.ts", ["--data", fromText, Y24F]).status).toBe(0);
    const r = run("import.ts", ["--data", fromPdf, pdf]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/read from a PDF of \d+ pages/u);
    const dir = join(fromPdf, "reports/yangquan-civil-affairs-2024-final");
    const meta = (JSON.parse(readFileSync(join(dir, "report.json"), "utf8")) as { meta: { source: { original: string; pdf: { pages: number; sha256: string } } } }).meta;
    expect(meta.source.original).toBe("阳泉市民政局2024年度决算.pdf");
    expect(meta.source.pdf.sha256).toBe(createHash("sha256").update(readFileSync(pdf)).digest("hex"));
    // Every table file holds the same cells (its line column refers to its own source.txt).
    const cells = (root: string, f: string) => readFileSync(join(root, "reports/yangquan-civil-affairs-2024-final/tables", f), "utf8").split("\n").map((l) => l.replace(/^\d+,/u, ""));
    const files = readdirSync(join(dir, "tables"));
    expect(files).toEqual(readdirSync(join(fromText, "reports/yangquan-civil-affairs-2024-final/tables")));
    for (const f of files) expect(cells(fromPdf, f), f).toEqual(cells(fromText, f));
    // Importing the same PDF again rewrites the same files.
    const before = readFileSync(join(dir, "report.json"), "utf8");
    expect(run("import.ts", ["--data", fromPdf, pdf]).status).toBe(0);
    expect(readFileSync(join(dir, "report.json"), "utf8")).toBe(before);
  }, 60_000);

  it("decodes a GBK/GB18030 source and stores the same data as from UTF-8", () => {
    const utf8 = freshData();
    const gbk = freshData();
    const gbkFile = join(gbk, "source-gbk.txt");
    writeFileSync(gbkFile, execFileSync("iconv", ["-f", "UTF-8", "-t", "GB18030", Y24F]));
    expect(run("import.ts", ["--data", utf8, Y24F]).status).toBe(0);
    const r = run("import.ts", ["--data", gbk, gbkFile]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/decoded from GB18030/u);
    const read = (d: string, f: string) => readFileSync(join(d, "reports/yangquan-civil-affairs-2024-final", f), "utf8");
    expect(read(gbk, "tables/02.csv")).toBe(read(utf8, "tables/02.csv"));
    expect(read(gbk, "source.txt")).toBe(read(utf8, "source.txt"));
  });

  it("lists every number it cannot place, with its line, and writes nothing", () => {
    const data = freshData();
    const lines = readFileSync(Y24F, "utf8").split("\n");
    // After 公开08表's notes: a stray row of numbers that belongs to no table (source line 300 and 301 in the file).
    const at = lines.findIndex((l) => l.startsWith("说明：本表无数据"));
    lines.splice(at + 1, 0, "甲\t12.34\t56.78", "乙\t9.99");
    const file = join(data, "bad.txt");
    writeFileSync(file, lines.join("\n"));
    const r = run("import.ts", ["--data", data, file]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`bad.txt, line ${at + 2}, column 第二部分（不在任何表格内）: value "甲\\t12.34\\t56.78":`);
    expect(r.stderr).toContain(`bad.txt, line ${at + 3}, column 第二部分（不在任何表格内）: value "乙\\t9.99":`);
    expect(r.stderr).toMatch(/12\.34/u);
    expect(existsSync(join(data, "reports"))).toBe(false);
  });

  it("refuses a department that is not in the reference list", () => {
    const data = freshData();
    const file = join(data, "other.txt");
    writeFileSync(file, readFileSync(Y24F, "utf8").replace("# 阳泉市民政局", "# 阳泉市教育局"));
    const r = run("import.ts", ["--data", data, file]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/other\.txt, line 11, column 封面部门名称: value "阳泉市教育局": .*departments\.csv/u);
  });
});

describe("npm run build", () => {
  it("stops on bad data with every problem listed and leaves the output folder as it was", () => {
    const data = freshData(true);
    const t = join(data, "reports/yangquan-civil-affairs-2024-final/tables/02.csv");
    writeFileSync(t, readFileSync(t, "utf8").replace(",3119.54,", ",3119.5x,").replace("2080201", "20802O1"));
    const out = join(data, "dist");
    mkdirSync(out);
    writeFileSync(join(out, "index.html"), "previous build");
    const r = run("build.ts", ["--out", out], { TOUMING_DATA: data });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/2 problems in the data/u);
    // Columns by their published header (CSV key after it), the rule in words before the pattern.
    expect(r.stderr).toMatch(/tables\/02\.csv, line 2, column 本年收入合计 \(c3\): value "3119\.5x": must be amount exactly as published/u);
    expect(r.stderr).toMatch(/column 项目\/科目代码 \(c1\): value "20802O1": must be 功能分类/u);
    expect(r.stderr).not.toMatch(/^\s+at /mu); // a list of problems, not a stack trace
    expect(readFileSync(join(out, "index.html"), "utf8")).toBe("previous build");
  });

  it("without TOUMING_SITE warns (the site names no address); --release refuses, and so does an address that is not one", () => {
    const out = join(freshData(false), "dist-release");
    mkdirSync(out);
    writeFileSync(join(out, "index.html"), "previous build");
    const env = { TOUMING_SITE: "" };
    const release = run("build.ts", ["--out", out, "--release"], env);
    expect(release.status).toBe(1);
    expect(release.stderr).toMatch(/--release: TOUMING_SITE is not set: .*Set it to the site's public address/u);
    expect(release.stderr).toMatch(/Build stopped: nothing was written/u);
    const bad = run("build.ts", ["--out", out], { TOUMING_SITE: "yusuan.example.gov.cn" });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/TOUMING_SITE="yusuan\.example\.gov\.cn" is not a web address/u);
    expect(readFileSync(join(out, "index.html"), "utf8")).toBe("previous build");
  });

  it("lists the problems of every report, found by different worker threads, at once", () => {
    const data = freshData(true);
    const first = join(data, "reports/yangquan-civil-affairs-2024-final/tables/02.csv");
    writeFileSync(first, readFileSync(first, "utf8").replace(",3119.54,", ",3119.5x,"));
    // Not in report.json's metadata (checked before the pass): in a table, found by the worker that loads the report.
    const last = join(data, "reports/yangquan-veterans-affairs-2023-final/tables/02.csv");
    writeFileSync(last, readFileSync(last, "utf8").replace(/^(\d+,data,[^,]*,[^,]*,)(\d+\.\d\d)/mu, "$1$2万"));
    const out = join(data, "dist");
    const r = run("build.ts", ["--out", out], { TOUMING_DATA: data, TOUMING_THREADS: "2" });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/yangquan-civil-affairs-2024-final\/tables\/02\.csv, line 2, column 本年收入合计 \(c3\): value "3119\.5x"/u);
    expect(r.stderr).toMatch(/yangquan-veterans-affairs-2023-final\/tables\/02\.csv, line \d+, column .*: value "\d+\.\d\d万": must be amount/u);
    expect(r.stderr).toMatch(/2 problems in the data/u);
    expect(r.stderr).toMatch(/Build stopped: nothing was written/u);
    expect(r.stderr).not.toMatch(/^\s+at /mu);
    expect(existsSync(out)).toBe(false);
  });
});
