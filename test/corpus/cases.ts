/**
 * The bad-input corpus: each case is one thing a clerk, a script or a disk can get wrong, with the outcome it must
 * have. `corpus.test.ts` runs every case against a fresh copy of the bundled data and asserts the outcome, that a
 * refusal leaves the data folder and an earlier site untouched, and how well each refusal locates the problem.
 *
 * A case's `fields` lists what its message must name beyond the rule (file is always required). Where a field
 * cannot apply (an empty file has no line; a missing file has no value), `na` says why — the share quoted in the
 * issue's note counts such a case as not fully located.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export type Field = "line" | "column" | "value";

export interface Ctx {
  /** The data folder (a copy of src/data: reference lists and the five reports). */
  data: string;
  /** A scratch folder for inputs to import. */
  scratch: string;
  /** The bundled source of a report, by id. */
  source(id: string): string;
}

export interface Case {
  id: string;
  area: "dataset" | "reference" | "encoding" | "path" | "import" | "injection";
  what: string;
  /**
   * `build`: npm run build --out <an earlier site> on the data folder (refusals must leave both untouched);
   * `validate`: npm run validate (for inputs that must be accepted); `import`: npm run import -- --data <data> <inputs>.
   */
  run: "build" | "validate" | "import";
  /** Prepares the data folder; returns the import's inputs for `import`. */
  setup(ctx: Ctx): string[] | void;
  /** `accept`: exit 0. `refuse`: exit 1 and a problem line matching `message`. */
  outcome: "accept" | "refuse";
  message?: RegExp;
  /** The file the problem line must name (a fragment of its path). */
  file?: string | ((ctx: Ctx) => string);
  fields?: Field[];
  na?: Partial<Record<Field, string>>;
  /** More assertions on an accepted case (what was stored, say). */
  after?(ctx: Ctx, out: { stdout: string; stderr: string }): void;
}

export const Y24F = "yangquan-civil-affairs-2024-final";
export const Y25B = "yangquan-civil-affairs-2025-budget";
export const X24B = "xinzhou-civil-affairs-2024-budget";
const ALL: Field[] = ["line", "column", "value"];

const report = (ctx: Ctx, id: string, ...rel: string[]) => join(ctx.data, "reports", id, ...rel);
const ref = (ctx: Ctx, name: string) => join(ctx.data, "reference", name);

/** Rewrites one file of the data folder as text. */
function edit(path: string, change: (text: string) => string): void {
  const before = readFileSync(path, "utf8");
  const after = change(before);
  if (after === before) throw new Error(`corpus setup changed nothing in ${path}`);
  writeFileSync(path, after);
}

/** Sets the cell of a table CSV at (data row `row`, 0-based after the header; column index `col` in the CSV). */
function setCell(path: string, row: number, col: number, value: string): void {
  edit(path, (text) => {
    const lines = text.split("\n");
    const cells = (lines[row + 1] as string).split(",");
    cells[col] = value;
    lines[row + 1] = cells.join(",");
    return lines.join("\n");
  });
}

/** `tables/05.csv` of the 2024 final account: line,type,c1 (code),c2 (name),c3 小计,c4 基本支出,c5 项目支出. */
const T05 = (ctx: Ctx) => report(ctx, Y24F, "tables/05.csv");
const amount = (id: string, value: string, what: string, message: RegExp): Case => ({
  id,
  area: "dataset",
  what,
  run: "build",
  setup: (ctx) => setCell(T05(ctx), 1, 5, value),
  outcome: "refuse",
  message,
  file: "tables/05.csv",
  fields: ALL,
});

/** A reference list edited (`change`), refused by the build with a message naming all five. */
const listCase = (id: string, area: Case["area"], what: string, name: string, change: (text: string) => string, message: RegExp): Case => ({
  id,
  area,
  what,
  run: "build",
  setup: (ctx) => edit(ref(ctx, name), change),
  outcome: "refuse",
  message,
  file: name,
  fields: ALL,
});

function editJson(path: string, change: (json: Record<string, unknown>) => void): void {
  const json = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
  change(json);
  writeFileSync(path, `${JSON.stringify(json, null, 2)}\n`);
}
const meta = (json: Record<string, unknown>) => json.meta as Record<string, unknown>;

/** A source with one change to its text (for import cases). */
function source(ctx: Ctx, id: string, name: string, change: (text: string) => string): string {
  const file = join(ctx.scratch, name);
  const text = readFileSync(ctx.source(id), "utf8");
  const changed = change(text);
  if (changed === text) throw new Error(`corpus setup changed nothing in ${name}`);
  writeFileSync(file, changed);
  return file;
}
/** The 2024 final account's source with one change, refused by the importer with a message naming all five. */
const sourceCase = (id: string, what: string, name: string, change: (text: string) => string, message: RegExp): Case => ({
  id,
  area: "import",
  what,
  run: "import",
  setup: (ctx) => [source(ctx, Y24F, name, change)],
  outcome: "refuse",
  message,
  file: name,
  fields: ALL,
});

/** Replaces the first line that `match` finds (a whole line, without its newline). */
const replaceLine = (match: RegExp, by: (line: string) => string) => (text: string) => {
  const lines = text.split("\n");
  const k = lines.findIndex((l) => match.test(l));
  if (k < 0) throw new Error(`no line matches ${match}`);
  lines[k] = by(lines[k] as string);
  return lines.join("\n");
};
const ROW_2080201 = /^2080201\t行政运行\t177\.97\t177\.97/u;

function iconv(to: string, text: string): Buffer {
  return execFileSync("iconv", ["-f", "UTF-8", "-t", to], { input: text });
}

/** A deterministic pseudo-random byte string. */
function randomBytes(n: number, seed: number): Buffer {
  const b = Buffer.alloc(n);
  let x = seed >>> 0;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}

const INJECTIONS = ["<script>alert(1)</script>", "=HYPERLINK(\"http://x\")", "\"><img src=x onerror=alert(1)>", "+cmd|'/C calc'!A0", "{{7*7}}", "${7*7}", "@SUM(1)"];

export const CASES: Case[] = [
  // ——— table CSVs: values ———
  amount("value-letters", "12.3O", "an amount with a letter O for a zero", /line 3, column 本年支出\/基本支出 \(c4\): value "12\.3O"/u),
  amount("value-exponent", "1e5", "an amount in exponent notation", /value "1e5"/u),
  amount("value-fullwidth", "１２.００", "an amount in full-width digits", /value "１２\.００"/u),
  amount("value-separator", "\"1,234.00\"", "an amount with a thousands separator", /value "1,234\.00"/u),
  amount("value-minus-sign", "−5.00", "an amount with a typographic minus sign (U+2212)", /value "−5\.00"/u),
  amount("value-space", " 5.00", "an amount with a leading space", /value " 5\.00"/u),
  amount("value-percent", "5%", "an amount with a percent sign", /value "5%"/u),
  {
    id: "value-three-decimals",
    area: "dataset",
    what: "an amount in 万元 with three decimals: published as printed, flagged by the plausibility check",
    run: "validate",
    setup: (ctx) => setCell(T05(ctx), 1, 5, "5.001"),
    outcome: "accept",
    after: (_ctx, out) => {
      if (!/plausible\.decimals.*5\.001/u.test(out.stdout)) throw new Error("the three-decimal amount is not flagged");
    },
  },
  amount("value-nan", "NaN", "NaN as an amount", /value "NaN"/u),
  amount("value-infinity", "Infinity", "Infinity as an amount", /value "Infinity"/u),
  {
    id: "value-dash",
    area: "dataset",
    what: "a dash in an amount cell (printed for “not applicable”): accepted as published",
    run: "validate",
    setup: (ctx) => setCell(T05(ctx), 1, 5, "-"),
    outcome: "accept",
  },
  {
    id: "value-huge",
    area: "dataset",
    what: "a 40-digit amount (exact decimal arithmetic must not overflow or crash)",
    run: "validate",
    setup: (ctx) => setCell(T05(ctx), 1, 5, "1234567890123456789012345678901234567890.00"),
    outcome: "accept",
    after: (_ctx, out) => {
      if (!/1234567890123456789012345678901234567890/u.test(out.stdout)) throw new Error("the check findings do not quote the exact 40-digit amount");
    },
  },
  {
    id: "code-letters",
    area: "dataset",
    what: "a 功能分类 code with a letter",
    run: "build",
    setup: (ctx) => setCell(T05(ctx), 2, 2, "20l32"),
    outcome: "refuse",
    message: /column 项目\/科目代码 \(c1\).*value "20l32"/u,
    file: "tables/05.csv",
    fields: ALL,
  },
  {
    id: "row-type",
    area: "dataset",
    what: "an unknown row type",
    run: "build",
    setup: (ctx) => setCell(T05(ctx), 1, 1, "total"),
    outcome: "refuse",
    message: /column type.*value "total"/u,
    file: "tables/05.csv",
    fields: ALL,
  },
  {
    id: "line-not-number",
    area: "dataset",
    what: "a source line number that is not a number",
    run: "build",
    setup: (ctx) => setCell(T05(ctx), 1, 0, "x240"),
    outcome: "refuse",
    message: /column line.*value "x240"/u,
    file: "tables/05.csv",
    fields: ALL,
  },
  // ——— table CSVs: structure ———
  {
    id: "csv-extra-cell",
    area: "dataset",
    what: "a row with one cell too many",
    run: "build",
    setup: (ctx) => edit(T05(ctx), (t) => t.replace("246,data,2080202,一般行政管理事务,74.08,,74.08", "246,data,2080202,一般行政管理事务,74.08,,74.08,9.99")),
    outcome: "refuse",
    message: /line 9, column field 8 \(beyond the last column, 本年支出\/项目支出 \(c5\)\): value "9\.99"/u,
    file: "tables/05.csv",
    fields: ALL,
  },
  {
    id: "csv-missing-cell",
    area: "dataset",
    what: "a row with one cell too few",
    run: "build",
    setup: (ctx) => edit(T05(ctx), (t) => t.replace("246,data,2080202,一般行政管理事务,74.08,,74.08", "246,data,2080202,一般行政管理事务,74.08,74.08")),
    outcome: "refuse",
    message: /line 9, column 本年支出\/项目支出 \(c5\): value "246,data,2080202,一般行政管理事务,74\.08,74\.08"/u,
    file: "tables/05.csv",
    fields: ALL,
  },
  {
    id: "csv-unclosed-quote",
    area: "dataset",
    what: "a quote that is never closed",
    run: "build",
    setup: (ctx) => edit(T05(ctx), (t) => t.replace("246,data,2080202,一般行政管理事务", "246,data,2080202,\"一般行政管理事务")),
    outcome: "refuse",
    message: /line 9, column 项目\/科目名称 \(c2\): value "\\"一般行政管理事务.*quoted field is not closed/u,
    file: "tables/05.csv",
    fields: ALL,
  },
  {
    id: "csv-header-renamed",
    area: "dataset",
    what: "a header cell renamed",
    run: "build",
    setup: (ctx) => edit(T05(ctx), (t) => t.replace("line,type,c1,c2,c3,c4,c5", "line,type,c1,c2,c3,c4,项目支出")),
    outcome: "refuse",
    message: /line 1, column 本年支出\/项目支出 \(c5\), field 7 of the header: value "项目支出": must be "c5"/u,
    file: "tables/05.csv",
    fields: ALL,
  },
  {
    id: "csv-empty",
    area: "dataset",
    what: "an empty (0-byte) table file",
    run: "build",
    setup: (ctx) => writeFileSync(T05(ctx), ""),
    outcome: "refuse",
    message: /tables\/05\.csv, line 1: value "": file is empty \(0 bytes\)/u,
    file: "tables/05.csv",
    fields: ["line", "column", "value"],
    na: { column: "an empty file has no columns" },
  },
  {
    id: "csv-header-only",
    area: "dataset",
    what: "a table file with its header and no rows, for a table declared with 23 rows",
    run: "build",
    setup: (ctx) => writeFileSync(T05(ctx), "line,type,c1,c2,c3,c4,c5\n"),
    outcome: "refuse",
    message: /tables\/05\.csv, line 2: value "": table 5 must have 23 rows \(its rowCount in report\.json\); the file has 0/u,
    file: "tables/05.csv",
    fields: ["line", "column", "value"],
    na: { column: "the problem is the number of rows, not a column" },
  },
  {
    id: "csv-binary",
    area: "encoding",
    what: "random bytes in place of a table file",
    run: "build",
    setup: (ctx) => writeFileSync(T05(ctx), randomBytes(4096, 5)),
    outcome: "refuse",
    message: /tables\/05\.csv, line \d+, column .*: value ".*⟨[0-9A-F]{2}⟩/u,
    file: "tables/05.csv",
    fields: ALL,
  },
  {
    id: "csv-nul-bytes",
    area: "encoding",
    what: "NUL bytes inside a table file (a truncated copy, a disk error)",
    run: "build",
    setup: (ctx) => edit(T05(ctx), (t) => t.replace("2080202,一般行政管理事务", "2080202,一般\u0000\u0000管理事务")),
    outcome: "refuse",
    message: /line 9, column 项目\/科目名称 \(c2\): value "246,data,2080202,一般⟨00⟩⟨00⟩管理事务,74\.08,,74\.08": file holds binary data/u,
    file: "tables/05.csv",
    fields: ALL,
  },
  {
    id: "csv-bom",
    area: "encoding",
    what: "a table file saved with a UTF-8 BOM (Excel does this)",
    run: "validate",
    setup: (ctx) => writeFileSync(T05(ctx), `\uFEFF${readFileSync(T05(ctx), "utf8")}`),
    outcome: "accept",
  },
  {
    id: "csv-crlf",
    area: "encoding",
    what: "a table file with Windows line ends",
    run: "validate",
    setup: (ctx) => edit(T05(ctx), (t) => t.replace(/\n/gu, "\r\n")),
    outcome: "accept",
  },
  {
    id: "csv-gbk",
    area: "encoding",
    what: "a table file saved as GBK",
    run: "build",
    setup: (ctx) => writeFileSync(T05(ctx), iconv("GB18030", readFileSync(T05(ctx), "utf8"))),
    outcome: "refuse",
    message: /tables\/05\.csv, line 2, column 项目\/科目代码 \(c1\): value "239,data,合计,,2560\.16,281\.81,2278\.36".*GBK/u,
    file: "tables/05.csv",
    fields: ALL,
  },
  {
    id: "csv-utf16",
    area: "encoding",
    what: "a table file saved as UTF-16 with BOM (Excel's “Unicode text”)",
    run: "build",
    setup: (ctx) => writeFileSync(T05(ctx), Buffer.concat([Buffer.from([0xff, 0xfe]), iconv("UTF-16LE", readFileSync(T05(ctx), "utf8"))])),
    outcome: "refuse",
    message: /tables\/05\.csv, line 1, column line: value "⟨FF⟩⟨FE⟩": file is UTF-16 \(little-endian\)/u,
    file: "tables/05.csv",
    fields: ALL,
  },
  {
    id: "csv-invalid-utf8",
    area: "encoding",
    what: "a table file with a stray invalid byte",
    run: "build",
    setup: (ctx) => {
      const b = readFileSync(T05(ctx));
      const at = b.indexOf("74.08,,74.08");
      writeFileSync(T05(ctx), Buffer.concat([b.subarray(0, at), Buffer.from([0xff]), b.subarray(at)]));
    },
    outcome: "refuse",
    message: /line 9, column 本年支出\/小计 \(c3\): value "246,data,2080202,一般行政管理事务,⟨FF⟩74\.08,,74\.08": file must be UTF-8/u,
    file: "tables/05.csv",
    fields: ALL,
  },
  {
    id: "table-file-missing",
    area: "dataset",
    what: "a table file that report.json lists is gone",
    run: "build",
    setup: (ctx) => rmSync(T05(ctx)),
    outcome: "refuse",
    message: /report\.json, line \d+, column \/tables\/4\/file: value "tables\/05\.csv": names a table file that is missing/u,
    file: "report.json",
    fields: ALL,
  },
  // ——— report.json ———
  {
    id: "json-truncated",
    area: "dataset",
    what: "report.json cut off in the middle",
    run: "build",
    setup: (ctx) => edit(report(ctx, Y24F, "report.json"), (t) => t.slice(0, Math.floor(t.length / 2))),
    outcome: "refuse",
    message: /report\.json, line \d+, column character \d+: value ".*⟨end of file⟩": malformed JSON.*cut short/u,
    file: "report.json",
    fields: ALL,
  },
  {
    id: "json-empty",
    area: "dataset",
    what: "an empty report.json",
    run: "build",
    setup: (ctx) => writeFileSync(report(ctx, Y24F, "report.json"), ""),
    outcome: "refuse",
    message: /report\.json, line 1, column \(root\): value "": file is empty/u,
    file: "report.json",
    fields: ALL,
  },
  {
    id: "json-duplicate-key",
    area: "dataset",
    what: "report.json with a key twice in one object (the last would win silently)",
    run: "build",
    setup: (ctx) => edit(report(ctx, Y24F, "report.json"), (t) => t.replace('"kind": "final",', '"kind": "final",\n    "kind": "budget",')),
    outcome: "refuse",
    message: /report\.json, line \d+, column \/meta\/kind: value "kind": the key "kind" appears twice/u,
    file: "report.json",
    fields: ALL,
  },
  {
    id: "json-year-string",
    area: "dataset",
    what: "meta.year as a string",
    run: "build",
    setup: (ctx) => editJson(report(ctx, Y24F, "report.json"), (j) => (meta(j).year = "2024")),
    outcome: "refuse",
    message: /report\.json, line \d+, column \/meta\/year: value "2024": must be integer/u,
    file: "report.json",
    fields: ALL,
  },
  {
    id: "json-year-implausible",
    area: "dataset",
    what: "meta.year 20240",
    run: "build",
    setup: (ctx) => editJson(report(ctx, Y24F, "report.json"), (j) => (meta(j).year = 20240)),
    outcome: "refuse",
    message: /line \d+, column \/meta\/year: value "20240"/u,
    file: "report.json",
    fields: ALL,
  },
  {
    id: "json-kind-unknown",
    area: "dataset",
    what: "meta.kind neither final nor budget",
    run: "build",
    setup: (ctx) => editJson(report(ctx, Y24F, "report.json"), (j) => (meta(j).kind = "draft")),
    outcome: "refuse",
    message: /line \d+, column \/meta\/kind: value "draft"/u,
    file: "report.json",
    fields: ALL,
  },
  {
    id: "json-id-folder-mismatch",
    area: "path",
    what: "meta.id differs from the folder name",
    run: "build",
    setup: (ctx) => editJson(report(ctx, Y24F, "report.json"), (j) => (meta(j).id = "yangquan-civil-affairs-2023-final")),
    outcome: "refuse",
    message: /line \d+, column \/meta\/id: value "yangquan-civil-affairs-2023-final": must equal the folder name/u,
    file: "report.json",
    fields: ALL,
  },
  {
    id: "json-published-not-a-day",
    area: "dataset",
    what: "meta.source.published 2024-02-30 (the pattern admits it, the calendar does not)",
    run: "build",
    setup: (ctx) => editJson(report(ctx, Y24F, "report.json"), (j) => ((meta(j).source as Record<string, unknown>).published = "2024-02-30")),
    outcome: "refuse",
    message: /report\.json, line \d+, column \/meta\/source\/published: value "2024-02-30": must be a day of the calendar/u,
    file: "report.json",
    fields: ALL,
  },
  {
    id: "json-source-url-not-web",
    area: "dataset",
    what: "meta.source.url that is not a web address",
    run: "build",
    setup: (ctx) => editJson(report(ctx, Y24F, "report.json"), (j) => ((meta(j).source as Record<string, unknown>).url = "file:///C:/预算.pdf")),
    outcome: "refuse",
    message: /report\.json, line \d+, column \/meta\/source\/url: value "file:\/\/\/C:\/预算\.pdf"/u,
    file: "report.json",
    fields: ALL,
  },
  {
    id: "import-published-option",
    area: "import",
    what: "--published 2024-2-8 and --source-url without a scheme on the command line",
    run: "import",
    setup: (ctx) => [ctx.source(Y24F), "--published", "2024-2-8", "--source-url", "www.yq.gov.cn/a.html"],
    outcome: "refuse",
    message: /\(command line\), column --published: value "2024-2-8": must be a date written YYYY-MM-DD/u,
    file: "(command line)",
    fields: ["line", "column", "value"],
    na: { line: "a command-line option has no line" },
  },
  {
    id: "import-sources-csv",
    area: "import",
    what: "a --sources CSV with a date that does not exist and a relative address",
    run: "import",
    setup: (ctx) => {
      const sources = join(ctx.scratch, "sources.csv");
      writeFileSync(sources, `file,source_url,published\n000_a4d381fa23e6aad0.txt,yjs/2024/a.html,2025-06-31\n`);
      return [ctx.source(Y24F), "--sources", sources];
    },
    outcome: "refuse",
    message: /sources\.csv, line 2, column published: value "2025-06-31": must be a day of the calendar/u,
    file: "sources.csv",
    fields: ALL,
  },
  {
    id: "json-array",
    area: "dataset",
    what: "report.json that is a JSON array",
    run: "build",
    setup: (ctx) => writeFileSync(report(ctx, Y24F, "report.json"), "[]\n"),
    outcome: "refuse",
    message: /report\.json, line 1, column \(root\): value "\[\]": must be object/u,
    file: "report.json",
    fields: ALL,
  },
  {
    id: "json-unknown-table-file",
    area: "path",
    what: "a table entry pointing outside the report folder",
    run: "build",
    setup: (ctx) =>
      editJson(report(ctx, Y24F, "report.json"), (j) => {
        ((j.tables as Record<string, unknown>[])[4] as Record<string, unknown>).file = "../../reference/cities.csv";
      }),
    outcome: "refuse",
    message: /line \d+, column \/tables\/4\/file: value "\.\.\/\.\.\/reference\/cities\.csv"/u,
    file: "report.json",
    fields: ALL,
  },
  {
    id: "json-sha-mismatch",
    area: "dataset",
    what: "source.txt changed after import (sha256 no longer matches)",
    run: "build",
    setup: (ctx) => edit(report(ctx, Y24F, "source.txt"), (t) => `${t}\n`),
    outcome: "refuse",
    message: /report\.json, line \d+, column \/meta\/source\/sha256: value "[0-9a-f]{64}": must be the SHA-256 of .*source\.txt/u,
    file: "report.json",
    fields: ALL,
  },
  {
    id: "performance-duplicate-key",
    area: "dataset",
    what: "performance.json with a key twice",
    run: "build",
    setup: (ctx) => edit(report(ctx, Y24F, "performance.json"), (t) => t.replace(/"reportId": "([^"]+)",/u, '"reportId": "$1",\n  "reportId": "other",')),
    outcome: "refuse",
    message: /performance\.json, line \d+, column \/reportId: value "reportId"/u,
    file: "performance.json",
    fields: ALL,
  },
  // ——— ids and paths ———
  {
    id: "folder-uppercase",
    area: "path",
    what: "a report folder with capitals in its name",
    run: "build",
    setup: (ctx) => renameSync(report(ctx, Y24F), report(ctx, "Yangquan-Civil-Affairs-2024-Final")),
    outcome: "refuse",
    message: /Yangquan-Civil-Affairs-2024-Final, column folder name: value "Yangquan-Civil-Affairs-2024-Final": report id must be lower-case/u,
    file: "Yangquan-Civil-Affairs-2024-Final",
    fields: ["line", "column", "value"],
    na: { line: "a folder name has no line" },
  },
  {
    id: "folder-unicode",
    area: "path",
    what: "a report folder named in Chinese",
    run: "build",
    setup: (ctx) => renameSync(report(ctx, Y24F), report(ctx, "阳泉民政2024决算")),
    outcome: "refuse",
    message: /阳泉民政2024决算, column folder name: value "阳泉民政2024决算"/u,
    file: "阳泉民政2024决算",
    fields: ["line", "column", "value"],
    na: { line: "a folder name has no line" },
  },
  {
    id: "folder-stray-file",
    area: "path",
    what: "a stray file (notes.txt) in the reports folder",
    run: "validate",
    setup: (ctx) => writeFileSync(join(ctx.data, "reports", "notes.txt"), "to do"),
    outcome: "refuse",
    message: /notes\.txt: value "notes\.txt": is a file; only report folders/u,
    file: "notes.txt",
    fields: ["line", "column", "value"],
    na: { line: "a file that should not be there has no line at fault", column: "nor a column" },
  },
  // ——— reference lists ———
  listCase("ref-own-parent", "reference", "a department that is its own parent", "departments.csv", (t) => t.replace("阳泉市退役军人事务局,yangquan,veterans-affairs,veterans-affairs,", "阳泉市退役军人事务局,yangquan,veterans-affairs,veterans-affairs,阳泉市退役军人事务局"), /departments\.csv, line 3, column parent.*own parent|departments\.csv, line 3, column parent.*itself/u),
  listCase("ref-cycle", "reference", "two departments each the other's parent", "departments.csv", (t) => t.replace("阳泉市民政局,yangquan,civil-affairs,civil-affairs,", "阳泉市民政局,yangquan,civil-affairs,civil-affairs,阳泉市城乡居民最低生活保障管理中心"), /departments\.csv, line \d, column parent.*cycle/u),
  listCase("ref-parent-other-city", "reference", "a unit whose parent is in another city", "departments.csv", (t) => t.replace("civil-affairs-dibao-center,civil-affairs,阳泉市民政局", "civil-affairs-dibao-center,civil-affairs,忻州市民政局"), /departments\.csv, line 4, column parent.*value "忻州市民政局"/u),
  listCase("ref-unknown-parent", "reference", "a parent that is not in the list", "departments.csv", (t) => t.replace("civil-affairs-dibao-center,civil-affairs,阳泉市民政局", "civil-affairs-dibao-center,civil-affairs,阳泉市民正局"), /departments\.csv, line 4, column parent.*value "阳泉市民正局"/u),
  listCase("ref-unknown-city", "reference", "a department in a city that is not in cities.csv", "departments.csv", (t) => t.replace("阳泉市退役军人事务局,yangquan,", "阳泉市退役军人事务局,yangqaun,"), /departments\.csv, line 3, column city.*value "yangqaun"/u),
  listCase("ref-duplicate-id", "reference", "two departments of one city with the same id", "departments.csv", (t) => `${t.trimEnd()}\n阳泉市民政局（重复）,yangquan,civil-affairs,civil-affairs,\n`, /departments\.csv, line 6, column id: value "civil-affairs": duplicate department id within its city \(first on line 2\)/u),
  listCase("ref-id-dotdot", "path", "a department id `..`", "department-kinds.csv", (t) => `${t.trimEnd()}\n..,上级\n`, /department-kinds\.csv, line 4, column id: value "\.\.": must be a safe id/u),
  listCase("ref-id-slash", "path", "a city id with a slash", "cities.csv", (t) => `${t.trimEnd()}\n太原市,tai/yuan,山西省,shanxi\n`, /cities\.csv, line 4, column id.*value "tai\/yuan"/u),
  listCase("ref-id-long", "path", "a 300-character department id", "department-kinds.csv", (t) => `${t.trimEnd()}\n${"a".repeat(300)},很长\n`, /department-kinds\.csv, line 4, column id: value "a{77}…": must be at most 50 characters/u),
  {
    id: "ref-gbk",
    area: "encoding",
    what: "departments.csv saved as GBK",
    run: "build",
    setup: (ctx) => writeFileSync(ref(ctx, "departments.csv"), iconv("GB18030", readFileSync(ref(ctx, "departments.csv"), "utf8"))),
    outcome: "refuse",
    message: /departments\.csv, line 2, column name: value "阳泉市民政局,yangquan,civil-affairs,civil-affairs,".*GBK/u,
    file: "departments.csv",
    fields: ALL,
  },
  listCase("ref-missing-column", "reference", "departments.csv without its parent column", "departments.csv", (t) => t.split("\n").map((l) => l.split(",").slice(0, 4).join(",")).join("\n"), /departments\.csv, line 1, column parent, field 5 of the header: value "": must be "parent"/u),
  {
    id: "ref-empty",
    area: "reference",
    what: "an empty cities.csv",
    run: "build",
    setup: (ctx) => writeFileSync(ref(ctx, "cities.csv"), ""),
    outcome: "refuse",
    message: /cities\.csv, line 1: value "": file is empty/u,
    file: "cities.csv",
    fields: ["line", "column", "value"],
    na: { column: "an empty file has no columns" },
  },
  // ——— the importer ———
  {
    id: "import-empty",
    area: "import",
    what: "an empty file",
    run: "import",
    setup: (ctx) => {
      writeFileSync(join(ctx.scratch, "empty.txt"), "");
      return [join(ctx.scratch, "empty.txt")];
    },
    outcome: "refuse",
    message: /empty\.txt, line 1: value "": file is empty/u,
    file: "empty.txt",
    fields: ["line", "column", "value"],
    na: { column: "an empty file has no columns" },
  },
  {
    id: "import-whitespace",
    area: "import",
    what: "a file of blank lines",
    run: "import",
    setup: (ctx) => {
      writeFileSync(join(ctx.scratch, "blank.txt"), "\n\n   \n\t\n");
      return [join(ctx.scratch, "blank.txt")];
    },
    outcome: "refuse",
    message: /blank\.txt, line 1: value "": file has no text/u,
    file: "blank.txt",
    fields: ["line", "column", "value"],
    na: { column: "a file of blank lines has no columns" },
  },
  {
    id: "import-random-bytes",
    area: "import",
    what: "64 KiB of random bytes",
    run: "import",
    setup: (ctx) => {
      writeFileSync(join(ctx.scratch, "random.txt"), randomBytes(65536, 42));
      return [join(ctx.scratch, "random.txt")];
    },
    outcome: "refuse",
    message: /random\.txt, line \d+, column byte \d+: value ".*⟨[0-9A-F]{2}⟩.*": file (holds binary data|must be UTF-8)/u,
    file: "random.txt",
    fields: ALL,
  },
  {
    id: "import-pdf",
    area: "import",
    what: "a damaged PDF (a PDF header, then garbage)",
    run: "import",
    setup: (ctx) => {
      writeFileSync(join(ctx.scratch, "report.txt"), Buffer.concat([Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "latin1"), randomBytes(2000, 7)]));
      return [join(ctx.scratch, "report.txt")];
    },
    outcome: "refuse",
    message: /report\.txt, line 1, column PDF: value ".+": the PDF cannot be read \(damaged or incomplete\?\)/u,
    file: "report.txt",
    fields: ALL,
  },
  {
    id: "import-utf16",
    area: "encoding",
    what: "a source saved as UTF-16 with BOM (Notepad's “Unicode”): decoded, the same report as from UTF-8",
    run: "import",
    setup: (ctx) => {
      rmSync(report(ctx, Y24F), { recursive: true });
      const file = join(ctx.scratch, "utf16.txt");
      writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), iconv("UTF-16LE", readFileSync(ctx.source(Y24F), "utf8"))]));
      return [file];
    },
    outcome: "accept",
    after: (ctx, out) => {
      if (!/decoded from UTF-16/u.test(out.stdout)) throw new Error(`the import does not say it decoded UTF-16: ${out.stdout}`);
      const stored = readFileSync(report(ctx, Y24F, "source.txt"), "utf8");
      if (stored !== readFileSync(ctx.source(Y24F), "utf8")) throw new Error("the stored source differs from the UTF-8 original");
    },
  },
  {
    id: "import-invalid-utf8",
    area: "encoding",
    what: "a source with bytes that are neither UTF-8 nor GB18030",
    run: "import",
    setup: (ctx) => {
      const file = join(ctx.scratch, "broken.txt");
      const b = readFileSync(ctx.source(Y24F));
      const at = b.indexOf("2080201\t");
      writeFileSync(file, Buffer.concat([b.subarray(0, at), Buffer.from([0xff, 0xff]), b.subarray(at)]));
      return [file];
    },
    outcome: "refuse",
    message: /broken\.txt, line \d+, column byte 1: value "⟨FF⟩⟨FF⟩2080201\\t行政运行.*": file must be UTF-8 text/u,
    file: "broken.txt",
    fields: ALL,
  },
  {
    id: "import-crlf-bom",
    area: "encoding",
    what: "a source with a BOM and Windows line ends: the same report as from the plain file",
    run: "import",
    setup: (ctx) => {
      rmSync(report(ctx, Y24F), { recursive: true });
      const file = join(ctx.scratch, "windows.txt");
      writeFileSync(file, `\uFEFF${readFileSync(ctx.source(Y24F), "utf8").replace(/\n/gu, "\r\n")}`);
      return [file];
    },
    outcome: "accept",
    after: (ctx) => {
      const t05 = readFileSync(T05(ctx), "utf8");
      if (!t05.includes("246,data,2080202,一般行政管理事务,74.08,,74.08")) throw new Error("the table read from CRLF text differs");
    },
  },
  {
    id: "import-no-tables",
    area: "import",
    what: "a cover with no tables",
    run: "import",
    setup: (ctx) => {
      writeFileSync(join(ctx.scratch, "cover.txt"), "# 阳泉市民政局\n\n## 2024年度单位决算公开\n");
      return [join(ctx.scratch, "cover.txt")];
    },
    outcome: "refuse",
    message: /cover\.txt, line 1, column 第二部分（表格）: 找不到第二部分的表格/u,
    file: "cover.txt",
    fields: ["line", "column", "value"],
    na: { value: "nothing to quote: no table was found" },
  },
  sourceCase("import-no-title", "a source whose cover lost its title", "untitled.txt", replaceLine(/^## 2024年度单位决算公开$/u, () => ""), /untitled\.txt, line \d+, column 封面标题: value ".*": 封面上找不到/u),
  sourceCase("import-unknown-department", "a department not in the reference list", "unknown.txt", replaceLine(/^# 阳泉市民政局$/u, () => "# 阳泉市民政厅"), /unknown\.txt, line 11, column 封面部门名称: value "阳泉市民政厅": 该部门不在 src\/data\/reference\/departments\.csv 中/u),
  sourceCase("import-cell-letters", "a table amount with a letter", "letters.txt", replaceLine(ROW_2080201, (l) => l.replace("177.97\t177.97", "177.97\t177.9T")), /letters\.txt, line \d+, column .*value "177\.9T"/u),
  sourceCase("import-cell-fullwidth", "a table amount in full-width digits", "fullwidth.txt", replaceLine(ROW_2080201, (l) => l.replace("177.97\t177.97", "177.97\t１７７.９７")), /fullwidth\.txt, line \d+, column .*value "１７７\.９７"/u),
  sourceCase("import-cell-exponent", "a table amount in exponent notation", "exponent.txt", replaceLine(ROW_2080201, (l) => l.replace("177.97\t177.97", "177.97\t1.7797e2")), /exponent\.txt, line \d+, column .*value "1\.7797e2"/u),
  sourceCase("import-cell-lost", "a table row that lost a cell in extraction and cannot be placed", "lost.txt", replaceLine(/^2080202\t一般行政管理事务\t74\.08\t/u, () => "2080202\t一般行政管理事务\t70.00"), /lost\.txt, line \d+, column .*value ".*70\.00/u),
  {
    id: "import-table-twice",
    area: "import",
    what: "a standard table printed twice",
    run: "import",
    setup: (ctx) =>
      [
        source(ctx, Y24F, "twice.txt", (t) => {
          const lines = t.split("\n");
          const start = lines.findIndex((l) => l === "公开05表");
          const end = lines.findIndex((l, k) => k > start && l === "公开06表");
          return [...lines.slice(0, end), ...lines.slice(start, end), ...lines.slice(end)].join("\n");
        }),
      ],
    outcome: "refuse",
    message: /twice\.txt, line \d+, column (\S+): value "\1": \1出现了不止一次（第一次在第 \d+ 行）/u,
    file: "twice.txt",
    fields: ALL,
  },
  sourceCase("import-stray-numbers", "a line with numbers between tables that belongs to none", "stray.txt", replaceLine(/^公开06表$/u, (l) => `合计 12.34 56.78\n${l}`), /stray\.txt, line \d+.*value "合计 12\.34 56\.78"/u),
  {
    id: "import-10000-line-table",
    area: "import",
    what: "a table with one row printed 10,000 times: imported as published (in bounded time), the repeated codes flagged by the checks",
    run: "import",
    setup: (ctx) => {
      rmSync(report(ctx, Y24F), { recursive: true });
      return [source(ctx, Y24F, "long-table.txt", replaceLine(ROW_2080201, (l) => Array.from({ length: 10_000 }, () => l).join("\n")))];
    },
    outcome: "accept",
    after: (ctx, out) => {
      const rows = readdirSync(report(ctx, Y24F, "tables")).map((f) => readFileSync(report(ctx, Y24F, "tables", f), "utf8").split("\n").filter((l) => l.includes(",2080201,行政运行,")).length);
      if (Math.max(...rows) !== 10_000) throw new Error(`the 10,000 rows were not all kept: ${rows.join(",")}`);
      if (!/plausible\.code-unique.*第 154 行和第 10153 行/u.test(out.stdout)) throw new Error("the repeated codes are not flagged");
    },
  },
  {
    id: "import-5mb-line",
    area: "import",
    what: "a 5 MB line of text in 情况说明: imported, kept whole",
    run: "import",
    setup: (ctx) => {
      rmSync(report(ctx, Y24F), { recursive: true });
      const long = "说明".repeat(Math.ceil((5 * 1024 * 1024) / 6));
      return [source(ctx, Y24F, "long-line.txt", replaceLine(/^（一）组织实施民政事业/u, (l) => `${l}${long}`))];
    },
    outcome: "accept",
  },
  {
    id: "import-missing-file",
    area: "path",
    what: "an input that does not exist",
    run: "import",
    setup: (ctx) => [join(ctx.scratch, "nope.txt")],
    outcome: "refuse",
    message: /nope\.txt: no such file/u,
    file: "nope.txt",
    fields: ["line", "column", "value"],
    na: { line: "a missing file has no lines", column: "a missing file has no columns", value: "a missing file has no value" },
  },
  {
    id: "import-directory",
    area: "path",
    what: "a folder given as input",
    run: "import",
    setup: (ctx) => [ctx.scratch],
    outcome: "refuse",
    message: /is a folder/u,
    file: (ctx) => ctx.scratch,
    fields: ["line", "column", "value"],
    na: { line: "a folder has no lines", column: "a folder has no columns", value: "a folder has no value" },
  },
  {
    id: "import-duplicate-inputs",
    area: "import",
    what: "two copies of one source in one batch",
    run: "import",
    setup: (ctx) => {
      const copy = join(ctx.scratch, "copy.txt");
      writeFileSync(copy, readFileSync(ctx.source(Y24F)));
      return [ctx.source(Y24F), copy];
    },
    outcome: "refuse",
    message: /copy\.txt: value "yangquan-civil-affairs-2024-final": duplicate report/u,
    file: "copy.txt",
    fields: ["line", "column", "value"],
    na: { line: "the whole file imports to an id already taken", column: "nor a column" },
  },
  {
    id: "import-overwrite-other-source",
    area: "import",
    what: "a different source for a report that already exists",
    run: "import",
    setup: (ctx) => [source(ctx, Y24F, "edited.txt", replaceLine(/^（一）组织实施民政事业/u, (l) => `${l}（修订）`))],
    outcome: "refuse",
    message: /edited\.txt: value "yangquan-civil-affairs-2024-final": report already exists, imported from another source/u,
    file: "edited.txt",
    fields: ["line", "column", "value"],
    na: { line: "the whole file would replace another import", column: "nor a column" },
  },
  {
    id: "import-one-bad-of-two",
    area: "import",
    what: "a batch of a good and a bad source: nothing written",
    run: "import",
    setup: (ctx) => {
      rmSync(report(ctx, Y25B), { recursive: true });
      return [ctx.source(Y25B), source(ctx, Y24F, "bad.txt", replaceLine(ROW_2080201, (l) => l.replace("177.97\t177.97", "177.97\t17x.97")))];
    },
    outcome: "refuse",
    message: /bad\.txt, line \d+, column .*value "17x\.97"/u,
    file: "bad.txt",
    fields: ALL,
  },
  // ——— injection ———
  ...INJECTIONS.map(
    (text, k): Case => ({
      id: `injection-${k + 1}`,
      area: "injection",
      what: `${JSON.stringify(text)} in 概况 and in a table's row name: imported and stored exactly as published`,
      run: "import",
      setup: (ctx) => {
        rmSync(report(ctx, Y24F), { recursive: true });
        return [
          source(ctx, Y24F, `inject-${k + 1}.txt`, (t) =>
            replaceLine(/^（一）组织实施民政事业/u, (l) => `${l}${text}`)(t).replace("2080202\t一般行政管理事务\t", `2080202\t一般行政管理事务${text}\t`),
          ),
        ];
      },
      outcome: "accept",
      after: (ctx) => {
        const stored = readFileSync(report(ctx, Y24F, "report.json"), "utf8");
        if (!JSON.stringify((JSON.parse(stored) as { overview: unknown }).overview).includes(JSON.stringify(`组织实施民政事业`).slice(1, -1) && JSON.stringify(text).slice(1, -1)))
          throw new Error("the injected text is not stored as published in 概况");
        const cell = text.includes(",") || text.includes('"') ? `"一般行政管理事务${text.replace(/"/gu, '""')}"` : `一般行政管理事务${text}`;
        const tables = readdirSync(report(ctx, Y24F, "tables")).map((f) => readFileSync(report(ctx, Y24F, "tables", f), "utf8"));
        if (!tables.some((t) => t.includes(`,2080202,${cell},`))) throw new Error("the injected row name is not stored as published");
      },
    }),
  ),
];
