/**
 * Everything the build makes of one report, from one load of it: the report is read, parsed and validated; its download
 * files, chart CSVs and checks file are written (through `write`); its checks run once; and what the site-wide files
 * and the pages about many reports need of it is returned — small, and plain data, so that a worker thread can do this
 * and hand the result to the main thread (src/integrations/report-worker.ts). A report with problems returns them all
 * and writes nothing.
 */
import { join } from "node:path";
import { strToU8 } from "fflate";
import { reportCharts } from "../charts/report.ts";
import { chartCsv, chartSchema } from "../charts/csv.ts";
import type { Chart } from "../charts/model.ts";
import { summarizeChecks } from "../check-summary.ts";
import { runChecks } from "../checks/index.ts";
import type { CheckContext, ReportChecks } from "../checks/types.ts";
import { lineItemRecord, lineItems } from "../line-items.ts";
import { loadOneReport } from "../load.ts";
import type { Problem } from "../problems.ts";
import { routes } from "../paths.ts";
import type { Reference } from "../reference.ts";
import { reportDigest, reportChecksSide, slimResource, type ReportDigest } from "../site.ts";
import type { DataPaths, Reader } from "../load.ts";
import type { Validators } from "../validate.ts";
import { checkRecord, checkRows, checksCsvBody, decimalColumns, reportCheckFiles, type AmountColumn } from "./checks.ts";
import { reportPackage, resourceText, type Resource } from "./datapackage.ts";
import { lineItemsCsv } from "./files.ts";
import { performanceFiles } from "./performance.ts";
import { reportRecords, type SearchRecord } from "../search.ts";
import { statementFiles, statementViews } from "./changes.ts";
import { executionChart, executionItems } from "../execution.ts";
import { classChangesChart } from "../charts/changes.ts";
import { file, reportDownloadFiles, reportSources, resourceOf, sha256, type OutFile } from "./report-files.ts";
import { isAmountUnit } from "../units.ts";

/** A resource of datapackage.json: its text there, and the few fields the pages print (one JSON line). */
export interface PassResource {
  text: string;
  slim: string;
}

export interface ReportPassOutput {
  id: string;
  problems: Problem[];
  /** The rest only when there are no problems. Its files, as the pages print them (slimResource, a JSON line each). */
  resources: string[];
  /** Counts of the checks, with the failed results only (the rest are in `checks`). */
  tally: ReportChecks;
  /** Every check result as the CSV's columns (checkRecord), for data/checks.parquet. */
  checks: string[][];
  /** The failed rows as CSV text (no header), for data/check-failures.csv, and its amount columns that hold decimals. */
  failuresCsv: string;
  decimals: AmountColumn[];
  /** JSON line of the report's CheckSummary (the pages about many reports). */
  checkSummary: string;
  digest: ReportDigest;
  /** The report's line items as CSV text (no header), and as the CSV's columns (lineItemRecord) for the Parquet file. */
  lineItemsCsv: string;
  lineItems: string[][];
  /** The amount units its line items use. */
  units: string[];
  /** Its projects.csv and indicators.csv bodies (no header), for the site-wide files. */
  projectsCsv: string;
  indicatorsCsv: string;
  /** Its changes.csv and execution.csv bodies (no header), for the site-wide files. */
  changesCsv: string;
  executionCsv: string;
  /** Its records of the site search (the report and each 绩效 table). */
  search: SearchRecord[];
}

export interface ReportPassContext {
  reader: Reader;
  paths: DataPaths;
  validators: Validators;
  reference: Reference;
  checks: CheckContext;
  siteUrl: string;
  /** Writes one file of the site (path relative to the site's root). */
  write: (path: string, bytes: Uint8Array) => void;
}

/** The CSV of a chart, described like every other data file; none for a chart drawn as absent. */
export function chartFile(chart: Chart): OutFile | undefined {
  if (chart.absent) return undefined;
  return file(chart.csv, strToU8(chartCsv(chart)), `图表数据：${chart.title}（${chart.period}）`, { schema: chartSchema() });
}

/** A written file's resource: its datapackage.json text and its slim line. */
export function passResource(r: Resource): PassResource {
  return { text: resourceText(r), slim: JSON.stringify(slimResource(r)) };
}

export function reportPass(id: string, ctx: ReportPassContext): ReportPassOutput | { id: string; problems: Problem[] } {
  const loaded = loadOneReport(ctx.reader, ctx.paths, id, ctx.validators, ctx.reference);
  const report = loaded.report;
  if (!report || loaded.problems.length > 0) return { id, problems: loaded.problems };
  const resources: string[] = [];
  const described: Resource[] = [];
  const put = (f: OutFile, sources?: Resource["sources"]) => {
    ctx.write(f.path, f.bytes);
    const r = resourceOf(f, f.bytes.length, sha256(f.bytes), sources);
    described.push(r);
    resources.push(JSON.stringify(slimResource(r)));
  };
  // As published, byte for byte (a byte-order mark kept).
  const source = new TextDecoder("utf-8", { ignoreBOM: true }).decode(ctx.reader.read(join(ctx.paths.reports, id, "source.txt")));
  const sources = reportSources(report, `${routes.reportData(id)}source.txt`);
  // The line items once: the report's CSV and ZIP, and (without its header) its rows of the site-wide CSV.
  const items = lineItems(report);
  const itemsCsv = lineItemsCsv(report, items);
  for (const f of reportDownloadFiles(report, source, ctx.siteUrl, itemsCsv)) put(f, f.format === "txt" ? undefined : sources);
  const perf = performanceFiles(report);
  for (const f of perf.files) put(f, sources);
  const views = statementViews(report);
  const statements = statementFiles(report, views);
  for (const f of statements.files) put(f, sources);
  const execChart = executionChart(report, executionItems(report, views).classes);
  for (const c of [execChart, classChangesChart(report, views)]) {
    const f = c ? chartFile(c) : undefined;
    if (f) put(f);
  }
  for (const chart of reportCharts(report)) {
    const f = chartFile(chart);
    if (f) put(f);
  }
  const checks = runChecks(report, ctx.checks);
  const rows = checkRows(checks);
  for (const f of reportCheckFiles(id, rows, checksCsvBody(rows))) put(f);
  // The report's own data package describes every file above (paths relative to its folder); listed, not described.
  const pkg = strToU8(reportPackage(report, described, ctx.siteUrl));
  ctx.write(routes.reportPackage(id), pkg);
  resources.push(JSON.stringify(slimResource(resourceOf(file(routes.reportPackage(id), pkg, "本报告全部文件的说明：每个文件的字段、单位、来源、大小和 SHA-256（Frictionless Data Package v2）"), pkg.length, sha256(pkg)))));
  // The report page's copy, with every cell's row and column names: build-only (the side folder is not published).
  ctx.write(reportChecksSide(id), strToU8(JSON.stringify(rows)));
  const failed = rows.filter((r) => r.status === "fail");
  return {
    id,
    problems: [],
    resources,
    tally: { ...checks, results: checks.results.filter((r) => r.status === "fail") },
    checks: rows.map(checkRecord),
    failuresCsv: checksCsvBody(failed),
    decimals: decimalColumns(failed),
    checkSummary: JSON.stringify(summarizeChecks(report, checks)),
    digest: reportDigest(report),
    lineItemsCsv: itemsCsv.slice(itemsCsv.indexOf("\n") + 1),
    lineItems: items.map(lineItemRecord),
    units: [...new Set(items.map((i) => i.unit).filter(isAmountUnit))],
    projectsCsv: perf.projects,
    indicatorsCsv: perf.indicators,
    changesCsv: statements.changes,
    executionCsv: statements.execution,
    search: reportRecords(report),
  };
}
