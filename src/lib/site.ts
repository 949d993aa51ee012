/**
 * The validated data for the pages. Reports are loaded one at a time (a page loads its own report), so a build of
 * thousands of reports keeps only the small index in memory. Throws with every problem if the data is bad (the build
 * script has checked everything before Astro starts, so this is a second line of defence).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { loadOneReport, loadReference, readMeta, reportFolders } from "./load.ts";
import type { GlossaryEntry, Report, ReportMeta } from "./model.ts";
import { figureDigest, keyFigures, type FigureDigest } from "./figures.ts";
import { DataError, type Problem } from "./problems.ts";
import type { Reference } from "./reference.ts";
import { dataPaths, fsReader, projectValidators } from "./node-io.ts";
import { comparableKinds, summarize, type ReportSummary } from "./charts/compare.ts";
import { progress, type Progress } from "./progress.ts";
import type { CheckSummary } from "./check-summary.ts";
import type { CheckRow } from "./export/checks.ts";
import { KIND_SHORT, tableName } from "./performance-view.ts";

let reference: Reference | undefined;

/**
 * A file with every report's metadata, as read and checked by the build script (JSON array, in folder order) — in a
 * sharded build, those of the shard's reports only.
 */
export const METAS_ENV = "TOUMING_METAS";

/** Set (to K/N) in a sharded build: the pass makes the reports of reportIndex() only. */
export const SHARD_ENV = "TOUMING_SHARD";
let index: ReportMeta[] | undefined;

/** The reference lists (cities, department kinds, departments), read and checked once. */
export function getReference(): Reference {
  if (!reference) {
    const r = loadReference(fsReader, dataPaths());
    if (r.problems.length > 0) throw new DataError(r.problems);
    reference = r.reference;
  }
  return reference;
}

function loadReport(id: string): Report {
  const r = loadOneReport(fsReader, dataPaths(), id, projectValidators(), getReference());
  if (!r.report) throw new DataError(r.problems);
  return r.report;
}

let pages: Progress | undefined;

let last: { id: string; report: Report; checks?: CheckRow[] } | undefined;

/**
 * Loads one report for its pages. A report's pages are rendered one after another (src/pages/reports/[id]/[...page]
 * .astro), so the last report loaded is kept for the next page: each report is loaded once by the pages. Their
 * progress is counted here, one tick a report.
 */
export function getReport(id: string): Report {
  if (last?.id === id) return last.report;
  pages ??= progress("report pages", reportIndex().length);
  pages.tick();
  last = { id, report: loadReport(id) };
  return last.report;
}

/**
 * The metadata of every report, sorted by id. Reads only each report.json's `meta` (checked against the schema):
 * the pages that show a report load and validate all of it.
 */
export function reportIndex(): ReportMeta[] {
  // The build script has read and checked them already (scripts/build.ts): read once a build, not twice.
  const checked = process.env[METAS_ENV];
  if (!index && checked) index = JSON.parse(readFileSync(checked, "utf8")) as ReportMeta[];
  if (!index) {
    const problems: Problem[] = [];
    const paths = dataPaths();
    const ids = reportFolders(fsReader, paths, problems);
    index = ids.flatMap((id) => {
      const meta = readMeta(fsReader, paths, id, projectValidators(), problems);
      return meta ? [meta] : [];
    });
    if (problems.length > 0) throw new DataError(problems);
  }
  return index;
}

/**
 * What the pages about many reports need of one report — the department page's key figures, the charts across
 * reports, the glossary page — written by the downloads pass, which loads each report once (a few kilobytes each):
 * those pages never load a report.
 */
export interface ReportDigest {
  id: string;
  summary: ReportSummary;
  figures: FigureDigest[];
  glossary: GlossaryEntry[];
  /** The report's 绩效 tables as its department page lists them: number on the 绩效 page (1-based), form, name, score. */
  projects: ProjectDigest[];
}

export interface ProjectDigest {
  no: number;
  form: string;
  name: string;
  score?: string;
}

export function reportDigest(report: Report): ReportDigest {
  return {
    id: report.meta.id,
    summary: summarize(report),
    figures: keyFigures(report).map(figureDigest),
    glossary: report.glossary,
    projects: report.performance.map((t, i) => ({ no: i + 1, form: KIND_SHORT[t.kind], name: tableName(t), ...(t.totalScore ? { score: t.totalScore } : {}) })),
  };
}

/** One line per report, `{ id, key }`: the build-cache key of its pass (only with the cache on). */
export const CACHE_KEYS = "cache-keys.jsonl";

/** One line per report (JSON of a ReportDigest), written by the downloads pass. */
export const DIGEST_INDEX = "digests.jsonl";

/** A side file of the downloads pass with one JSON line per report, read once into a map by report id. */
function sideIndex<T>(name: string, idOf: (value: T) => string, what: string): (id: string) => T {
  let byId: Map<string, T> | undefined;
  return (id) => {
    if (!byId) {
      byId = new Map();
      for (const line of readFileSync(join(stageDir(), SIDE_DIR, name), "utf8").split("\n")) {
        if (line === "") continue;
        const value = JSON.parse(line) as T;
        byId.set(idOf(value), value);
      }
    }
    const value = byId.get(id);
    if (!value) throw new Error(`no ${what} for report ${id}: the downloads integration did not read it`);
    return value;
  };
}

/** The digest of a report, as the downloads pass wrote it. */
export const getDigest = sideIndex<ReportDigest>(DIGEST_INDEX, (d) => d.id, "digest");

/** The summary of a report the cross-report charts need (department and comparison pages). */
export function getSummary(id: string): ReportSummary {
  return getDigest(id).summary;
}

let kinds: ReturnType<typeof comparableKinds> | undefined;

/** The department kinds that have a comparison page, computed once (every department page asks). */
export function comparisonKinds(): ReturnType<typeof comparableKinds> {
  kinds ??= comparableKinds(reportIndex());
  return kinds;
}

/** Set by the downloads integration: the folder where the download files are staged before the pages render. */
export const STAGE_ENV = "TOUMING_STAGE";

export interface StagedResource {
  name: string;
  path: string;
  title?: string;
  format: string;
  bytes: number;
  hash: string;
}

/** Files the downloads integration stages beside the downloads for the pages, removed before the output is written. */
export const SIDE_DIR = ".touming";
/** One line per download file (JSON of a StagedResource), in datapackage.json's order. */
export const RESOURCE_INDEX = "resources.jsonl";

/** A report's check results for its page (cells with their row and column names), in the staging side folder. */
export function reportChecksSide(id: string): string {
  return join(SIDE_DIR, "checks", `${id}.json`);
}

/** One line per search record (src/lib/search.ts), indexed by Pagefind after the pages. */
export const SEARCH_RECORDS = "search.jsonl";

/** One line per report (JSON of a CheckSummary), written by the downloads integration as it runs the checks. */
export const CHECK_INDEX = "check-summaries.jsonl";

/** The staging folder of the downloads (set by the downloads integration before the pages render). */
function stageDir(): string {
  const dir = process.env[STAGE_ENV];
  if (!dir) throw new Error(`${STAGE_ENV} is not set: the downloads integration must run before the pages`);
  return dir;
}

/** The fields of a datapackage.json resource that the pages print. */
export function slimResource({ name, path, title, format, bytes, hash }: StagedResource): StagedResource {
  return { name, path, ...(title !== undefined ? { title } : {}), format, bytes, hash };
}

let staged: StagedResource[] | undefined;

/** Every download file with its size and hash, as staged by the downloads integration. */
export function downloadResources(): StagedResource[] {
  if (!staged) {
    staged = readFileSync(join(stageDir(), SIDE_DIR, RESOURCE_INDEX), "utf8")
      .split("\n")
      .filter((line) => line !== "")
      .map((line) => JSON.parse(line) as StagedResource);
  }
  return staged;
}

let byReport: Map<string, StagedResource[]> | undefined;

/** The download files of one report (those under its `reports/<id>/` folder). */
export function reportResources(id: string): StagedResource[] {
  if (!byReport) {
    byReport = new Map();
    for (const r of downloadResources()) {
      const m = /^reports\/([^/]+)\//u.exec(r.path);
      if (m?.[1]) byReport.set(m[1], [...(byReport.get(m[1]) ?? []), r]);
    }
  }
  return byReport.get(id) ?? [];
}

/**
 * The data-check summary of a report, as the downloads integration computed it while running the checks (once per
 * report in the build): pages about many reports read these few hundred bytes, never the reports.
 */
export const getCheckSummary = sideIndex<CheckSummary>(CHECK_INDEX, (s) => s.reportId, "check summary");

/** Every check result of one report, as the downloads pass wrote them for its page (the report page's 数据核对). */
export function getReportChecks(id: string): CheckRow[] {
  if (last?.id === id && last.checks) return last.checks;
  const checks = JSON.parse(readFileSync(join(stageDir(), reportChecksSide(id)), "utf8")) as CheckRow[];
  if (last?.id === id) last.checks = checks;
  return checks;
}

const cacheKeyOf = sideIndex<{ id: string; key: string }>(CACHE_KEYS, (k) => k.id, "cache key");

/**
 * The cacheKey of a report's pages for Astro's incremental build: the key its downloads pass was cached under (its
 * inputs, the reference lists, the settings and the code). None when the cache is off: the pages are rendered.
 */
let cacheOn: boolean | undefined;
export function pageCacheKey(id: string): string | undefined {
  cacheOn ??= existsSync(join(stageDir(), SIDE_DIR, CACHE_KEYS));
  return cacheOn ? cacheKeyOf(id).key : undefined;
}

let anyPublished: boolean | undefined;
/** Whether some report has a publication date (once a build: every page's head asks). */
export function somePublished(): boolean {
  anyPublished ??= reportIndex().some((m) => m.source.published !== undefined);
  return anyPublished;
}
