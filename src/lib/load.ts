/**
 * Loads and validates every report in the data folder into the model. File access is injected (`Reader`) so tests can
 * load from memory. Every problem in every file is collected; nothing partial is returned when there is one.
 */
import { createHash } from "node:crypto";
import { parseCsv } from "./csv.ts";
import { PERFORMANCE_FILE, REPORT_FILE, SOURCE_FILE, tableHeader } from "./datasets.ts";
import { decode } from "./decode.ts";
import { readJsonText } from "./json.ts";
import type { PerformanceDocument, Report, ReportDocument, ReportMeta, Table, TableRow } from "./model.ts";
import { DataError, type Problem } from "./problems.ts";
import { parseReference, REFERENCE_FILES, SAFE_ID, type Reference } from "./reference.ts";
import type { Validators } from "./validate.ts";

export interface Reader {
  /** Names of the entries of a folder (files and folders), sorted; [] if it does not exist. */
  list(dir: string): string[];
  isDir(path: string): boolean;
  /** Bytes of a file, undefined if there is none. */
  read(path: string): Uint8Array | undefined;
}

export interface Site {
  reference: Reference;
  reports: Report[];
}

export interface DataPaths {
  /** Folder holding the reference lists. */
  reference: string;
  /** Folder holding one folder per report. */
  reports: string;
}

const join = (...parts: string[]) => parts.join("/").replace(/\/+/gu, "/");

function readText(reader: Reader, path: string, problems: Problem[]): string | undefined {
  const bytes = reader.read(path);
  if (bytes === undefined) {
    problems.push({ file: path, rule: "file is missing" });
    return undefined;
  }
  const d = decode(bytes, false);
  if (!d.ok) {
    problems.push({ file: path, rule: d.rule });
    return undefined;
  }
  return d.text;
}

function readJson(reader: Reader, path: string, problems: Problem[]): unknown {
  const text = readText(reader, path, problems);
  if (text === undefined) return undefined;
  const read = readJsonText(text);
  if (read.ok) return read.value;
  problems.push({ file: path, ...(read.line ? { line: read.line } : {}), ...(read.key ? { column: read.key } : {}), rule: read.rule });
  return undefined;
}

/** An id that is safe as a folder name and a URL segment. */
export function checkId(id: string, file: string): Problem[] {
  if (SAFE_ID.test(id)) return [];
  return [{ file, value: id, rule: "report id must be lower-case ASCII letters and digits joined by single hyphens (no '..', '/', spaces or upper case)" }];
}

function loadTable(reader: Reader, dir: string, entry: ReportDocument["tables"][number], validators: Validators, problems: Problem[]): Table {
  if (entry.state === "missing" || entry.file === undefined) return { ...entry, rows: [] };
  const file = join(dir, entry.file);
  const text = readText(reader, file, problems);
  if (text === undefined) return { ...entry, rows: [] };
  const { table, problems: csvProblems } = parseCsv(text, file);
  problems.push(...csvProblems);
  const expected = tableHeader(entry);
  if (table.header.join(",") !== expected.join(",")) {
    problems.push({
      file,
      line: 1,
      value: table.header.join(","),
      rule: `header must be ${expected.join(",")} (the columns declared for table ${entry.no} in ${REPORT_FILE})`,
    });
    return { ...entry, rows: [] };
  }
  const rows: TableRow[] = [];
  for (const { line, record } of table.rows) {
    const p = validators.tableRow(entry.columns, record, file, line);
    problems.push(...p);
    if (p.length > 0) continue;
    rows.push({
      line: Number(record.line),
      cells: entry.columns.map((c) => record[c.key] ?? ""),
      ...(record.type === "heading" ? { heading: true } : {}),
    });
  }
  if (csvProblems.length === 0 && table.rows.length !== entry.rowCount) {
    problems.push({ file, value: String(table.rows.length), rule: `table ${entry.no} must have ${entry.rowCount} rows (rowCount in ${REPORT_FILE})` });
  }
  return { ...entry, rows };
}

function loadReport(reader: Reader, paths: DataPaths, id: string, validators: Validators, reference: Reference, problems: Problem[]): Report | undefined {
  const dir = join(paths.reports, id);
  const before = problems.length;
  problems.push(...checkId(id, dir));
  const reportFile = join(dir, REPORT_FILE);
  const doc = readJson(reader, reportFile, problems);
  if (doc !== undefined) problems.push(...validators.report(doc, reportFile));
  const perfFile = join(dir, PERFORMANCE_FILE);
  const perf = readJson(reader, perfFile, problems);
  if (perf !== undefined) problems.push(...validators.performance(perf, perfFile));
  if (problems.length > before) return undefined;
  const document = doc as ReportDocument & { $schema?: string };
  const performance = perf as PerformanceDocument;
  const { meta } = document;
  if (meta.id !== id) problems.push({ file: reportFile, column: "/meta/id", value: meta.id, rule: `must equal the folder name "${id}"` });
  if (performance.reportId !== id) problems.push({ file: perfFile, column: "/reportId", value: performance.reportId, rule: `must equal the folder name "${id}"` });
  const city = reference.cities.find((c) => c.id === meta.city.id);
  if (!city || city.name !== meta.city.name) problems.push({ file: reportFile, column: "/meta/city", value: JSON.stringify(meta.city), rule: `must be a city of ${REFERENCE_FILES.cities}` });
  const dept = reference.departments.find((d) => d.name === meta.department.name);
  if (!dept || dept.id !== meta.department.id || dept.city !== meta.city.id || dept.kind !== meta.department.kind) {
    problems.push({ file: reportFile, column: "/meta/department", value: JSON.stringify(meta.department), rule: `must match a row of ${REFERENCE_FILES.departments}` });
  }
  const expectedId = `${meta.city.id}-${meta.department.id}-${meta.year}-${meta.kind}`;
  if (meta.id !== expectedId) problems.push({ file: reportFile, column: "/meta/id", value: meta.id, rule: `must be <city>-<department>-<year>-<kind>: "${expectedId}"` });
  const numbers = new Set<number>();
  for (const t of document.tables) {
    if (numbers.has(t.no)) problems.push({ file: reportFile, column: "/tables", value: String(t.no), rule: "each table number appears once" });
    numbers.add(t.no);
    if (meta.kind === "final" && t.no > 10) problems.push({ file: reportFile, column: "/tables", value: String(t.no), rule: "unknown table: final accounts have tables 1–10" });
  }
  const expectedCount = meta.kind === "final" ? 10 : 13;
  if (numbers.size !== expectedCount) problems.push({ file: reportFile, column: "/tables", value: String(numbers.size), rule: `a ${meta.kind} report lists all ${expectedCount} standard tables (missing ones with state "missing")` });
  const tables = document.tables.map((t) => loadTable(reader, dir, t, validators, problems));
  const sourceFile = join(dir, SOURCE_FILE);
  const source = readText(reader, sourceFile, problems);
  if (source !== undefined && createHash("sha256").update(source, "utf8").digest("hex") !== meta.source.sha256) {
    problems.push({ file: sourceFile, rule: `sha256 differs from meta.source.sha256 in ${REPORT_FILE}: re-import the source (npm run import)` });
  }
  if (problems.length > before) return undefined;
  const { $schema: _s, ...rest } = document;
  return { ...rest, tables, performance: performance.tables };
}

/** Reads and checks the reference lists. */
export function loadReference(reader: Reader, paths: DataPaths): { reference: Reference; problems: Problem[] } {
  const problems: Problem[] = [];
  const texts = Object.fromEntries(
    Object.entries(REFERENCE_FILES).map(([key, name]) => {
      const file = join(paths.reference, name);
      return [key, { file, text: readText(reader, file, problems) ?? "" }];
    }),
  ) as Parameters<typeof parseReference>[0];
  const parsed = parseReference(texts);
  return { reference: parsed.reference, problems: [...problems, ...parsed.problems] };
}

/** The report folders, sorted; anything else in the reports folder is a problem. */
export function reportFolders(reader: Reader, paths: DataPaths, problems: Problem[]): string[] {
  return reader.list(paths.reports).filter((name) => {
    if (reader.isDir(join(paths.reports, name))) return true;
    problems.push({ file: join(paths.reports, name), rule: "only report folders belong here" });
    return false;
  });
}

/**
 * Loads and checks one report. Reports are independent, so a build can load them one at a time and keep memory
 * bounded however many there are.
 */
export function loadOneReport(reader: Reader, paths: DataPaths, id: string, validators: Validators, reference: Reference): { report?: Report; problems: Problem[] } {
  const problems: Problem[] = [];
  const report = loadReport(reader, paths, id, validators, reference, problems);
  return { ...(report && problems.length === 0 ? { report } : {}), problems };
}

/** Reads the metadata of one report (its report.json, validated), without its tables. */
export function readMeta(reader: Reader, paths: DataPaths, id: string, validators: Validators, problems: Problem[]): ReportMeta | undefined {
  const file = join(paths.reports, id, REPORT_FILE);
  const doc = readJson(reader, file, problems);
  if (doc === undefined) return undefined;
  const p = validators.report(doc, file);
  problems.push(...p);
  return p.length === 0 ? (doc as ReportDocument).meta : undefined;
}

/** Checks all data without keeping it: every problem of every file; `visit` sees each valid report (then it is dropped). */
export function checkSite(reader: Reader, paths: DataPaths, validators: Validators, visit?: (report: Report) => void): { problems: Problem[]; reports: number } {
  const { reference, problems } = loadReference(reader, paths);
  const ids = reportFolders(reader, paths, problems);
  for (const id of ids) {
    const r = loadOneReport(reader, paths, id, validators, reference);
    problems.push(...r.problems);
    if (r.report && visit) visit(r.report);
  }
  return { problems, reports: ids.length };
}

/** Loads everything into memory (tests, small sites); returns the site and every problem found. */
export function loadSite(reader: Reader, paths: DataPaths, validators: Validators): { site: Site; problems: Problem[] } {
  const { reference, problems } = loadReference(reader, paths);
  const reports: Report[] = [];
  for (const id of reportFolders(reader, paths, problems)) {
    const r = loadOneReport(reader, paths, id, validators, reference);
    problems.push(...r.problems);
    if (r.report) reports.push(r.report);
  }
  return { site: { reference, reports }, problems };
}

export function loadSiteOrThrow(reader: Reader, paths: DataPaths, validators: Validators): Site {
  const { site, problems } = loadSite(reader, paths, validators);
  if (problems.length > 0) throw new DataError(problems);
  return site;
}
