/**
 * The download files. Before the pages are rendered (`astro:build:start`) every file is generated into a staging
 * folder, one report at a time so memory stays bounded, and described in a data package (size and SHA-256 included):
 * a report's files in its own `reports/<id>/data/datapackage.json`, the site-wide files in `/datapackage.json` — the
 * downloads page and the report pages read a slim list of them. After the pages (`astro:build:done`)
 * the staged files are moved into the output by renames (written once, never copied).
 */
import { appendFileSync, createWriteStream, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { once } from "node:events";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import { Piscina } from "piscina";
import { writeCsv } from "../lib/csv.ts";
import { dataFolderPackage, dataPackageChunks, lineItemsSchema, REPORT_CATALOG_COLUMNS, reportCatalogRow, reportCatalogSchema, type Resource } from "../lib/export/datapackage.ts";
import { safeText } from "../lib/export/safe.ts";
import { INDICATOR_COLUMNS, indicatorsSchema, PROJECT_COLUMNS, projectsSchema, withHeader } from "../lib/export/performance.ts";
import { STATEMENT_COLUMNS, statementsSchema } from "../lib/export/changes.ts";
import { strToU8 } from "fflate";
import { file, resourceOf, sha256 } from "../lib/export/report-files.ts";
import { chartFile, passResource, type reportPass } from "../lib/export/report-pass.ts";
import { LINE_ITEM_PARQUET } from "../lib/line-items.ts";
import { finishedPhases, progress } from "../lib/progress.ts";
import { moveInto } from "../lib/output.ts";
import { LINE_ITEM_COLUMNS } from "../lib/model.ts";
import { dataPaths, fsReader, piecesOf, root } from "../lib/node-io.ts";
import { routes } from "../lib/paths.ts";
import { DataError, type Problem } from "../lib/problems.ts";
import { reportFolders } from "../lib/load.ts";
import { CACHE_KEYS, CHECK_INDEX, DIGEST_INDEX, getReference, reportIndex, RESOURCE_INDEX, SEARCH_RECORDS, SHARD_ENV, SIDE_DIR, STAGE_ENV } from "../lib/site.ts";
import { allDepartments, buildCatalog, collectGlossary } from "../lib/catalog.ts";
import { cityRecord, departmentRecord, glossaryRecord } from "../lib/search.ts";
import { searchIndex } from "../lib/search-index.ts";
import type { GlossaryEntry, ReportMeta } from "../lib/model.ts";
import { comparableKinds, comparisonCharts, departmentCharts, type ReportSummary } from "../lib/charts/compare.ts";
import type { Chart } from "../lib/charts/model.ts";
import { defaultContext } from "../lib/checks/index.ts";
import { formatFinding, formatTally, tally, type ChecksTally } from "../lib/checks/summary.ts";
import type { ReportChecks } from "../lib/checks/types.ts";
import { AMOUNT_COLUMNS, checksSchema, CHECK_PARQUET, CHECK_COLUMNS, type AmountColumn } from "../lib/export/checks.ts";
import { parquetFile } from "../lib/export/parquet.ts";
import type { ReportResult, ReportTask } from "./report-worker.ts";
import { cacheBase, cacheDir, prune } from "../lib/build-cache.ts";

/** `npm run build -- --strict` found failed checks: the build stops, its message lists them. */
export class StrictError extends Error {
  constructor(findings: string[]) {
    super(findings.map((f) => `  ✗ ${f}`).join("\n"));
    this.name = "StrictError";
  }
}

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

/** The worker threads of the downloads pass: one a core, or TOUMING_THREADS. */
function workerThreads(): number {
  const asked = Number(process.env.TOUMING_THREADS);
  return Number.isInteger(asked) && asked > 0 ? asked : availableParallelism();
}

/**
 * Runs each report's pass in worker threads (piscina), a few tasks ahead per thread, and yields the results in task
 * order. Memory stays bounded: a worker holds one report at a time, and at most 4 results a thread wait to be taken.
 */
async function* inOrder(tasks: readonly ReportTask[]): AsyncGenerator<ReportResult> {
  const threads = workerThreads();
  const pool = new Piscina<ReportTask, ReportResult>({
    filename: new URL("./report-worker.ts", import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
    resourceLimits: { maxOldGenerationSizeMb: 384 },
  });
  const queue: Promise<ReportResult>[] = [];
  let next = 0;
  const submit = () => {
    const task = tasks[next++];
    if (!task) return;
    const result = pool.run(task);
    result.catch(() => undefined); // awaited in its turn; a failure ahead of it must not be "unhandled"
    queue.push(result);
  };
  try {
    for (let i = 0; i < threads * 4; i++) submit();
    for (let result = queue.shift(); result; result = queue.shift()) {
      const r = await result;
      submit();
      yield r;
    }
  } finally {
    await pool.destroy();
  }
}

/**
 * Stages every download file. One pass over the reports, each loaded once, in worker threads: it is validated, its own
 * files are written and its data checks run — once in the build (src/lib/export/report-pass.ts); here, in report
 * order, its line items are appended to the site-wide CSV and Parquet files, its checks to the site-wide ones, and a
 * small summary and digest kept for the pages about many reports (src/lib/site.ts getCheckSummary, getDigest). A
 * report with problems stops the build after every report's problems are listed (DataError).
 */
export async function stageDownloads(stage: string, siteUrl: string, strict = false): Promise<{ files: number; checks: ChecksTally }> {
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
    /** A file of a report: its own package describes it; the pages list it. */
    listed(slimLine: string) {
      count++;
      pending.push(slim.write(`${slimLine}\n`));
    },
    /** A site-wide file: described in the site's package, and listed. */
    push(r: Resource) {
      const p = passResource(r);
      count++;
      pending.push(parts.write(`${p.text}\u0000`), slim.write(`${p.slim}\n`));
    },
  };
  const csv = stream(join(stage, routes.lineItems()));
  mkdirSync(join(stage, dirname(routes.lineItemsParquet())), { recursive: true });
  const parquet = parquetFile(join(stage, routes.lineItemsParquet()), LINE_ITEM_PARQUET);
  await csv.write(writeCsv(LINE_ITEM_COLUMNS, []));
  const projectsCsv = stream(join(stage, routes.projects()));
  const indicatorsCsv = stream(join(stage, routes.indicators()));
  await projectsCsv.write(withHeader(PROJECT_COLUMNS, ""));
  await indicatorsCsv.write(withHeader(INDICATOR_COLUMNS, ""));
  const changesCsv = stream(join(stage, routes.changes()));
  const executionCsv = stream(join(stage, routes.execution()));
  await changesCsv.write(withHeader(STATEMENT_COLUMNS, ""));
  await executionCsv.write(withHeader(STATEMENT_COLUMNS, ""));
  const failuresCsv = stream(join(stage, routes.checkFailuresCsv()));
  const checksParquet = parquetFile(join(stage, routes.checksParquet()), CHECK_PARQUET);
  const checkIndex = stream(join(side, CHECK_INDEX));
  const digestIndex = stream(join(side, DIGEST_INDEX));
  const searchRecords = stream(join(side, SEARCH_RECORDS));
  const glossaries: { meta: ReportMeta; glossary: GlossaryEntry[] }[] = [];
  const metaOf = new Map(reportIndex().map((m) => [m.id, m]));
  await failuresCsv.write(writeCsv(CHECK_COLUMNS, []));
  // The amount columns of data/check-failures.csv that hold only decimals so far (typed `number` in its Table Schema).
  let decimals: AmountColumn[] = [...AMOUNT_COLUMNS];
  const context = defaultContext();
  const checksTally: ReportChecks[] = [];
  // The CSV of every department and comparison chart, described like every other data file.
  const chartOut = (chart: Chart) => {
    const f = chartFile(chart);
    if (!f) return;
    writeFile(stage, f.path, f.bytes);
    resources.push(resourceOf(f, f.bytes.length, sha256(f.bytes)));
  };
  const summaries = new Map<string, ReportSummary>();
  /** The amount units of the site-wide line items: the file states one only where every report uses the same. */
  const amountUnits = new Set<string>();
  const problems: Problem[] = [];
  let fromCache = 0;
  // The report folders, as named (a folder whose name is not its report's id is a problem the pass reports).
  // A shard makes its reports only (reportIndex() holds those).
  const shardIds = process.env[SHARD_ENV] ? new Set(reportIndex().map((m) => m.id)) : undefined;
  const ids = reportFolders(fsReader, dataPaths(), []).filter((id) => !shardIds || shardIds.has(id));
  const shown = progress("validation, downloads and checks", ids.length);
  const passStarted = performance.now();
  const cache = cacheDir(root);
  const base = cache ? cacheBase(root, dataPaths().reference, { siteUrl, maxYear: context.maxYear }) : undefined;
  const task = (id: string): ReportTask => ({ id, stage, siteUrl, maxYear: context.maxYear, ...(cache && base ? { cache: { dir: cache, base } } : {}) });
  // The key of each report's pages (their cacheKey for Astro's incremental build): the key of its pass.
  const keys = cache ? stream(join(side, CACHE_KEYS)) : undefined;
  // Each report once, in worker threads; its results are taken in report order, so the output does not depend on
  // which worker finished first.
  for await (const r of inOrder(ids.map(task))) {
    shown.tick();
    if (r.problems.length > 0 || !("digest" in r)) {
      problems.push(...r.problems);
      continue;
    }
    // After the first problem nothing more is written: only the problems of every report are still gathered.
    if (problems.length > 0) continue;
    for (const res of r.resources) resources.listed(res);
    checksTally.push(r.tally);
    if (r.fromCache) fromCache++;
    decimals = decimals.filter((c) => r.decimals.includes(c));
    await failuresCsv.write(r.failuresCsv);
    for (const row of r.checks) checksParquet.add(row);
    await checkIndex.write(`${r.checkSummary}\n`);
    await Promise.all(pending.splice(0));
    summaries.set(r.id, r.digest.summary);
    if (r.key && keys) await keys.write(`${JSON.stringify({ id: r.id, key: r.key })}\n`);
    await digestIndex.write(`${JSON.stringify(r.digest)}\n`);
    for (const rec of r.search) await searchRecords.write(`${JSON.stringify(rec)}\n`);
    const meta = metaOf.get(r.id);
    if (meta) glossaries.push({ meta, glossary: r.digest.glossary });
    for (const u of r.units) amountUnits.add(u);
    await csv.write(r.lineItemsCsv);
    await projectsCsv.write(r.projectsCsv);
    await indicatorsCsv.write(r.indicatorsCsv);
    await changesCsv.write(r.changesCsv);
    await executionCsv.write(r.executionCsv);
    for (const item of r.lineItems) parquet.add(item);
  }
  shown.done();
  parquet.close();
  checksParquet.close();
  await keys?.close();
  if (cache) prune(cache, new Set(ids));
  // Each report's tally holds its failed results only (for --strict).
  const failing = checksTally.filter((c) => c.counts.fail > 0);
  if (problems.length > 0 || (strict && failing.length > 0)) {
    await Promise.all([csv.close(), projectsCsv.close(), indicatorsCsv.close(), changesCsv.close(), executionCsv.close(), failuresCsv.close(), checkIndex.close(), digestIndex.close(), searchRecords.close(), parts.close(), slim.close()]);
    if (problems.length > 0) throw new DataError(problems);
    throw new StrictError(failing.flatMap((c) => c.results.map((r) => formatFinding(c.reportId, r))));
  }
  console.log(`${ids.length} reports valid (${Math.round(performance.now() - passStarted)} ms, with their downloads and checks).`);
  if (cache) console.log(`${fromCache} of ${ids.length} reports unchanged: taken from the build cache (${cache}).`);
  const byDepartment = new Map<string, ReportSummary[]>();
  for (const s of summaries.values()) {
    const k = `${s.meta.city.id}\n${s.meta.department.id}`;
    byDepartment.set(k, [...(byDepartment.get(k) ?? []), s]);
  }
  for (const [k, list] of byDepartment) {
    const [city, department] = k.split("\n") as [string, string];
    for (const chart of departmentCharts(city, department, list)) chartOut(chart);
  }
  for (const kind of comparableKinds(reportIndex())) {
    for (const c of comparisonCharts(kind.id, [...summaries.values()])) for (const chart of c.charts) chartOut(chart);
  }
  // The search's records of the pages about many reports: departments, cities, glossary terms.
  const catalog = buildCatalog(getReference(), reportIndex());
  for (const d of allDepartments(catalog).filter((x) => x.hasReports)) await searchRecords.write(`${JSON.stringify(departmentRecord(d))}\n`);
  for (const c of catalog.filter((x) => x.reports.length > 0)) await searchRecords.write(`${JSON.stringify(cityRecord(c))}\n`);
  for (const t of collectGlossary(glossaries)) await searchRecords.write(`${JSON.stringify(glossaryRecord(t))}\n`);
  await Promise.all([csv.close(), projectsCsv.close(), indicatorsCsv.close(), changesCsv.close(), executionCsv.close(), failuresCsv.close(), checkIndex.close(), digestIndex.close(), searchRecords.close()]);
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
  // The catalogue of the reports, each with its own data package (in the order they were built).
  const metas = new Map(reportIndex().map((m) => [m.id, m]));
  writeFile(stage, routes.reportCatalog(), strToU8(writeCsv(REPORT_CATALOG_COLUMNS, ids.flatMap((id) => { const m = metas.get(id); return m ? [reportCatalogRow(m).map(safeText)] : []; }))));
  // The site-wide files first, then the schemas, then the department and comparison charts' data.
  const siteData = [
    described(routes.lineItems(), "全部报告的明细数据", lineItemsSchema(), amountUnits.size === 1 ? [...amountUnits][0] : undefined),
    described(routes.lineItemsParquet(), "全部报告的明细数据（Parquet：有类型、压缩，DuckDB、pandas、R arrow 可直接读取）"),
    described(routes.projects(), "全部报告的绩效项目（每张绩效表一行）", projectsSchema()),
    described(routes.indicators(), "全部报告的绩效指标（每个指标一行）", indicatorsSchema()),
    described(routes.changes(), "全部报告情况说明中的增减变化及原因（每句一行）", statementsSchema()),
    described(routes.execution(), "全部报告情况说明中的预算执行（决算与年初/全年预算之比，每句一行）", statementsSchema()),
    described(routes.checksParquet(), "全部报告的数据核对结果（每条规则每个位置一行；Parquet）"),
    described(routes.checkFailuresCsv(), "全部报告的不符项（数据核对结果中 status 为 fail 的行）", checksSchema(decimals)),
    described(routes.reportCatalog(), "全部报告的目录：每份报告一行，附其数据包（datapackage.json）的路径", reportCatalogSchema()),
  ];
  const head = [...siteData, ...schemas];
  writeFile(stage, routes.dataFolderPackage(), strToU8(dataFolderPackage(siteData, siteUrl)));
  const index = join(side, RESOURCE_INDEX);
  const headResources = head.map(passResource);
  writeFileSync(`${index}.tmp`, headResources.map((r) => `${r.slim}\n`).join(""));
  appendFileSync(`${index}.tmp`, readFileSync(index));
  renameSync(`${index}.tmp`, index);
  const out = stream(join(stage, routes.datapackage()));
  const later = function* () {
    for (const r of headResources) yield r.text;
    // The staged resource texts, NUL-separated (they hold newlines).
    yield* piecesOf(join(side, "resources.part"), 0);
  };
  for (const chunk of dataPackageChunks(later(), siteUrl)) await out.write(chunk);
  await out.close();
  rmSync(join(side, "resources.part"));
  return { files: count + head.length, checks: tally(checksTally) };
}

export default function downloads(): AstroIntegration {
  let stage = "";
  let siteUrl = "";
  let started = 0;
  return {
    name: "touming-downloads",
    hooks: {
      "astro:config:done": ({ config }) => {
        // The site's public address with its base path; empty when TOUMING_SITE is not set (nothing names an address).
        siteUrl = config.site ? new URL(config.base, config.site).href : "";
      },
      "astro:build:start": async ({ logger }) => {
        stage = join(root, ".build-tmp", `stage-${process.pid}`);
        process.env[STAGE_ENV] = stage;
        const { files, checks } = await stageDownloads(stage, siteUrl, process.env.TOUMING_STRICT === "1");
        logger.info(`${files} download files staged`);
        // The build's one run of the checks: its tally is printed whatever the log level (findings: data/checks.parquet, each report's checks.csv).
        console.log(formatTally(checks));
        started = performance.now();
      },
      "astro:build:generated": () => {
        // From the end of the downloads to here: Astro bundles the pages and renders every one of them.
        finishedPhases().push({ phase: "pages", count: reportIndex().length, ms: performance.now() - started });
        started = performance.now();
      },
      "astro:build:done": async ({ dir, logger }) => {
        // The site search, from the records the pass wrote (src/lib/search.ts): after the pages, before the side files go.
        const indexing = performance.now();
        const cached = await searchIndex(fileURLToPath(dir), join(stage, SIDE_DIR, SEARCH_RECORDS), cacheDir(root));
        finishedPhases().push({ phase: "search index", count: 0, ms: performance.now() - indexing });
        logger.info(`search index ${cached ? "unchanged: taken from the build cache" : "built"}`);
        started = performance.now();
        rmSync(join(stage, SIDE_DIR), { recursive: true, force: true });
        // Renamed into place, not copied: each download file is written once.
        moveInto(stage, fileURLToPath(dir));
        finishedPhases().push({ phase: "assets and moving the downloads in", count: 0, ms: performance.now() - started });
        logger.info("download files moved into the site");
      },
    },
  };
}
