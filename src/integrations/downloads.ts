/**
 * The download files. Before the pages are rendered (`astro:build:start`) every file is generated into a staging
 * folder, one report at a time so memory stays bounded, and described in `data/datapackage.json` (size and SHA-256
 * included) — the downloads page and the report pages read that description. After the pages (`astro:build:done`)
 * the staged files are moved into the output by renames (written once, never copied).
 */
import { appendFileSync, closeSync, createWriteStream, mkdirSync, openSync, readFileSync, readdirSync, readSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { once } from "node:events";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import { strToU8 } from "fflate";
import { writeCsv } from "../lib/csv.ts";
import { dataPackageChunks, lineItemsSchema, resourceText, type Resource } from "../lib/export/datapackage.ts";
import { BOM } from "../lib/export/files.ts";
import { file, reportDownloadFiles, reportSources, resourceOf, sha256 } from "../lib/export/report-files.ts";
import { safeText } from "../lib/export/safe.ts";
import { lineItems, LINE_ITEM_PARQUET } from "../lib/line-items.ts";
import { progress } from "../lib/progress.ts";
import { moveInto } from "../lib/output.ts";
import { isAmountUnit } from "../lib/units.ts";
import { LINE_ITEM_COLUMNS } from "../lib/model.ts";
import { dataPaths, root } from "../lib/node-io.ts";
import { routes } from "../lib/paths.ts";
import { CHECK_INDEX, DIGEST_INDEX, eachReport, reportChecksSide, reportDigest, reportIndex, RESOURCE_INDEX, SIDE_DIR, slimResource, STAGE_ENV } from "../lib/site.ts";
import { chartCsv, chartSchema } from "../lib/charts/csv.ts";
import { comparableKinds, comparisonCharts, departmentCharts, type ReportSummary } from "../lib/charts/compare.ts";
import type { Chart } from "../lib/charts/model.ts";
import { reportCharts } from "../lib/charts/report.ts";
import { defaultContext, runChecks } from "../lib/checks/index.ts";
import { formatTally, tally, type ChecksTally } from "../lib/checks/summary.ts";
import type { ReportChecks } from "../lib/checks/types.ts";
import { summarizeChecks } from "../lib/check-summary.ts";
import { AMOUNT_COLUMNS, checkRows, checksCsvBody, checksSchema, CHECK_PARQUET, decimalColumns, reportCheckFiles, CHECK_COLUMNS, type AmountColumn } from "../lib/export/checks.ts";
import { parquetFile } from "../lib/export/parquet.ts";

function writeFile(stage: string, path: string, bytes: Uint8Array): void {
  mkdirSync(dirname(join(stage, path)), { recursive: true });
  writeFileSync(join(stage, path), bytes);
}

/**
 * A streamed file: chunks are written as they come, with back-pressure. Writes queue behind each other, so however
 * many are pending only one waits for "drain" (a listener each would pile up on the stream).
 */
function stream(path: string) {
  mkdirSync(dirname(path), { recursive: true });
  const out = createWriteStream(path, { encoding: "utf8" });
  let queue: Promise<void> = Promise.resolve();
  return {
    write(chunk: string): Promise<void> {
      queue = queue.then(async () => {
        if (!out.write(chunk)) await once(out, "drain");
      });
      return queue;
    },
    async close() {
      await queue;
      out.end();
      await once(out, "finish");
    },
  };
}

/**
 * Stages every download file. One pass over the reports, one report in memory at a time: its own files are written,
 * its line items appended to the site-wide CSV and JSON, and its data checks run — once in the build — into its own
 * checks files, the site-wide ones and a small summary for the pages (src/lib/site.ts getCheckSummary).
 */
export async function stageDownloads(stage: string, siteUrl: string): Promise<{ files: number; checks: ChecksTally }> {
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  // Resources are streamed to side files as they come (a province's package does not fit in one string): their
  // datapackage.json text, and the few fields the pages print (read by downloadResources()).
  const side = join(stage, SIDE_DIR);
  const parts = stream(join(side, "resources.part"));
  const slim = stream(join(side, RESOURCE_INDEX));
  let count = 0;
  const pending: Promise<void>[] = [];
  const resources = {
    push(r: Resource) {
      count++;
      pending.push(parts.write(`${resourceText(r)}\u0000`), slim.write(`${JSON.stringify(slimResource(r))}\n`));
    },
  };
  const csv = stream(join(stage, routes.lineItems()));
  mkdirSync(join(stage, dirname(routes.lineItemsParquet())), { recursive: true });
  const parquet = parquetFile(join(stage, routes.lineItemsParquet()), LINE_ITEM_PARQUET);
  await csv.write(`${BOM}${writeCsv(LINE_ITEM_COLUMNS, [])}`);
  const failuresCsv = stream(join(stage, routes.checkFailuresCsv()));
  const checksParquet = parquetFile(join(stage, routes.checksParquet()), CHECK_PARQUET);
  const checkIndex = stream(join(side, CHECK_INDEX));
  const digestIndex = stream(join(side, DIGEST_INDEX));
  await failuresCsv.write(`${BOM}${writeCsv(CHECK_COLUMNS, [])}`);
  // The amount columns of data/check-failures.csv that hold only decimals so far (typed `number` in its Table Schema).
  let decimals: AmountColumn[] = [...AMOUNT_COLUMNS];
  const context = defaultContext();
  const checksTally: ReportChecks[] = [];
  const reports = dataPaths().reports;
  // The CSV of every chart, described like every other data file.
  const chartFile = (chart: Chart) => {
    if (chart.absent) return;
    const f = file(chart.csv, strToU8(chartCsv(chart)), `图表数据：${chart.title}（${chart.period}）`, { schema: chartSchema() });
    writeFile(stage, f.path, f.bytes);
    resources.push(resourceOf(f, f.bytes.length, sha256(f.bytes)));
  };
  const summaries = new Map<string, ReportSummary>();
  /** The amount units of the site-wide line items: the file states one only where every report uses the same. */
  const amountUnits = new Set<string>();
  const shown = progress("downloads and checks", reportIndex().length);
  for (const report of eachReport()) {
    shown.tick();
    const source = readFileSync(join(reports, report.meta.id, "source.txt"), "utf8");
    const sources = reportSources(report, `${routes.reportData(report.meta.id)}source.txt`);
    for (const f of reportDownloadFiles(report, source, siteUrl)) {
      writeFile(stage, f.path, f.bytes);
      resources.push(resourceOf(f, f.bytes.length, sha256(f.bytes), f.format === "txt" ? undefined : sources));
    }
    for (const chart of reportCharts(report)) chartFile(chart);
    const checks = runChecks(report, context);
    checksTally.push({ ...checks, results: [] });
    const checkList = checkRows(checks);
    const body = checksCsvBody(checkList);
    for (const f of reportCheckFiles(report.meta.id, checkList, body)) {
      writeFile(stage, f.path, f.bytes);
      resources.push(resourceOf(f, f.bytes.length, sha256(f.bytes)));
    }
    const failed = checkList.filter((r) => r.status === "fail");
    decimals = decimalColumns(failed, decimals);
    await failuresCsv.write(checksCsvBody(failed));
    for (const row of checkList) checksParquet.add(row);
    // The report page's copy, with every cell's row and column names: build-only (the side folder is not published).
    writeFile(stage, reportChecksSide(report.meta.id), strToU8(JSON.stringify(checkList)));
    await checkIndex.write(`${JSON.stringify(summarizeChecks(report, checks))}\n`);
    await Promise.all(pending.splice(0));
    const digest = reportDigest(report);
    summaries.set(report.meta.id, digest.summary);
    await digestIndex.write(`${JSON.stringify(digest)}\n`);
    const items = lineItems(report);
    for (const i of items) if (isAmountUnit(i.unit)) amountUnits.add(i.unit);
    if (items.length === 0) continue;
    const rows = writeCsv(LINE_ITEM_COLUMNS, items.map((i) => LINE_ITEM_COLUMNS.map((c) => safeText(i[c]))));
    await csv.write(rows.slice(rows.indexOf("\n") + 1));
    for (const item of items) parquet.add(item);
  }
  shown.done();
  parquet.close();
  checksParquet.close();
  const byDepartment = new Map<string, ReportSummary[]>();
  for (const s of summaries.values()) {
    const k = `${s.meta.city.id}\n${s.meta.department.id}`;
    byDepartment.set(k, [...(byDepartment.get(k) ?? []), s]);
  }
  for (const [k, list] of byDepartment) {
    const [city, department] = k.split("\n") as [string, string];
    for (const chart of departmentCharts(city, department, list)) chartFile(chart);
  }
  for (const kind of comparableKinds(reportIndex())) {
    for (const c of comparisonCharts(kind.id, [...summaries.values()])) for (const chart of c.charts) chartFile(chart);
  }
  await Promise.all([csv.close(), failuresCsv.close(), checkIndex.close(), digestIndex.close()]);
  await Promise.all(pending.splice(0));
  await Promise.all([parts.close(), slim.close()]);
  const described = (path: string, title: string, schema?: ReturnType<typeof lineItemsSchema>, unit?: string) => {
    const bytes = readFileSync(join(stage, path));
    return resourceOf(file(path, bytes, title, { ...(schema ? { schema } : {}), ...(unit ? { unit } : {}) }), bytes.length, sha256(bytes));
  };
  const schemas = readdirSync(join(root, "schemas"))
    .sort()
    .map((name) => {
      const bytes = readFileSync(join(root, "schemas", name));
      const f = file(routes.schema(name), bytes, `JSON Schema：${name}`);
      writeFile(stage, f.path, bytes);
      return resourceOf(f, bytes.length, sha256(bytes));
    });
  // The site-wide files first, then the schemas, then every report's files in the order they were written.
  const head = [
    described(routes.lineItems(), "全部报告的明细数据", lineItemsSchema(), amountUnits.size === 1 ? [...amountUnits][0] : undefined),
    described(routes.lineItemsParquet(), "全部报告的明细数据（Parquet：有类型、压缩，DuckDB、pandas、R arrow 可直接读取）"),
    described(routes.checksParquet(), "全部报告的数据核对结果（每条规则每个位置一行；Parquet）"),
    described(routes.checkFailuresCsv(), "全部报告的不符项（数据核对结果中 status 为 fail 的行）", checksSchema(decimals)),
    ...schemas,
  ];
  const index = join(side, RESOURCE_INDEX);
  writeFileSync(`${index}.tmp`, head.map((r) => `${JSON.stringify(slimResource(r))}\n`).join(""));
  appendFileSync(`${index}.tmp`, readFileSync(index));
  renameSync(`${index}.tmp`, index);
  const out = stream(join(stage, routes.datapackage()));
  const later = function* () {
    for (const r of head) yield resourceText(r);
    // The staged resource texts, NUL-separated, read in slices so no string holds them all.
    const fd = openSync(join(side, "resources.part"), "r");
    const buffer = Buffer.alloc(1 << 20);
    let rest = Buffer.alloc(0);
    try {
      for (let n; (n = readSync(fd, buffer, 0, buffer.length, null)) > 0; ) {
        let chunk = Buffer.concat([rest, buffer.subarray(0, n)]);
        for (let at; (at = chunk.indexOf(0)) !== -1; chunk = chunk.subarray(at + 1)) yield chunk.subarray(0, at).toString("utf8");
        rest = Buffer.from(chunk);
      }
    } finally {
      closeSync(fd);
    }
  };
  for (const chunk of dataPackageChunks(later(), siteUrl)) await out.write(chunk);
  await out.close();
  rmSync(join(side, "resources.part"));
  return { files: count + head.length, checks: tally(checksTally) };
}

export default function downloads(): AstroIntegration {
  let stage = "";
  let siteUrl = "";
  return {
    name: "touming-downloads",
    hooks: {
      "astro:config:done": ({ config }) => {
        siteUrl = new URL(config.base, config.site ?? "https://touming.example").href;
      },
      "astro:build:start": async ({ logger }) => {
        stage = join(root, ".build-tmp", `stage-${process.pid}`);
        process.env[STAGE_ENV] = stage;
        const { files, checks } = await stageDownloads(stage, siteUrl);
        logger.info(`${files} download files staged`);
        // The build's one run of the checks: its tally is printed whatever the log level (findings: data/checks.parquet, each report's checks.csv).
        console.log(formatTally(checks));
      },
      "astro:build:done": ({ dir, logger }) => {
        rmSync(join(stage, SIDE_DIR), { recursive: true, force: true });
        // Renamed into place, not copied: each download file is written once.
        moveInto(stage, fileURLToPath(dir));
        logger.info("download files moved into the site");
      },
    },
  };
}
