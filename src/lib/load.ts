/**
 * Loads and validates every report in the data folder into the model. File access is injected (`Reader`) so tests can
 * load from memory. Every problem in every file is collected; nothing partial is returned when there is one.
 */
import { createHash } from "node:crypto";
import { headerProblem, parseCsv } from "./csv.ts";
import { columnName, PERFORMANCE_FILE, REPORT_FILE, SOURCE_FILE, tableHeader } from "./datasets.ts";
import { decode, type DecodeFailure } from "./decode.ts";
import { type JsonRead, pointerLines, readJsonText } from "./json.ts";
import { EXTRA_FROM, type PerformanceDocument, type Report, type ReportDocument, type ReportMeta, type Table, type TableRow } from "./model.ts";
import { DataError, type Problem } from "./problems.ts";
import { parseReference, REFERENCE_COLUMNS, REFERENCE_FILES, SAFE_ID, type Reference } from "./reference.ts";
import type { Validators } from "./validate.ts";
import { publishedProblem } from "./provenance.ts";

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

/**
 * A file that could not be decoded, located: the line and, in a CSV, the column (by `csvColumn`, from the field the
 * fault is in), else the byte of the line; the value shows the bytes at fault.
 */
export function decodeProblem(file: string, bytes: Uint8Array, d: DecodeFailure, csvColumn?: (index: number) => string): Problem {
  let column: string | undefined;
  if (d.offset !== undefined && d.byte !== undefined) {
    if (csvColumn) {
      let index = 0;
      let quoted = false;
      for (let i = d.offset - d.byte + 1; i < d.offset; i++) {
        if (bytes[i] === 0x22) quoted = !quoted;
        else if (bytes[i] === 0x2c && !quoted) index++;
      }
      column = csvColumn(index);
    } else column = `byte ${d.byte}`;
  }
  return { file, ...(d.line !== undefined ? { line: d.line } : {}), ...(column ? { column } : {}), ...(d.value !== undefined ? { value: d.value } : {}), rule: d.rule };
}

interface TextOptions {
  /** A CSV's column by the index of the field a fault is in. */
  csvColumn?: (index: number) => string;
  /** The field a fault of the whole file (an empty file) is in: `(root)` for JSON. */
  fileColumn?: string;
}

/** Decodes a file's bytes as a data file (UTF-8), or records where and why it cannot be. */
function decodeText(path: string, bytes: Uint8Array, problems: Problem[], opts: TextOptions = {}): string | undefined {
  const d = decode(bytes, false);
  if (d.ok) return d.text;
  const p = decodeProblem(path, bytes, d, opts.csvColumn);
  problems.push(p.column === undefined && opts.fileColumn ? { ...p, column: opts.fileColumn } : p);
  return undefined;
}

function readText(reader: Reader, path: string, problems: Problem[], opts: TextOptions = {}): string | undefined {
  const bytes = reader.read(path);
  if (bytes === undefined) {
    problems.push({ file: path, rule: "file is missing" });
    return undefined;
  }
  return decodeText(path, bytes, problems, opts);
}

/** A JSON file that could not be read, located by line and by the key or the character at fault. */
export function jsonProblem(file: string, read: Extract<JsonRead, { ok: false }>): Problem {
  return { file, ...(read.line ? { line: read.line } : {}), ...(read.key ? { column: read.key } : {}), ...(read.value !== undefined ? { value: read.value } : {}), rule: read.rule };
}

function readJson(reader: Reader, path: string, problems: Problem[]): { value: unknown; text: string } | undefined {
  // An empty JSON file lacks its root value: that is the field named.
  const text = readText(reader, path, problems, { fileColumn: "(root)" });
  if (text === undefined) return undefined;
  const read = readJsonText(text);
  if (read.ok) return { value: read.value, text };
  problems.push(jsonProblem(path, read));
  return undefined;
}

/** Gives problems about a JSON file (their column a JSON pointer, `/meta/year`) the line of that value in its text. */
function withLines(problems: Problem[], file: string, text: string): Problem[] {
  const pointer = (p: Problem) => (p.column === "(root)" ? "" : (p.column ?? ""));
  const mine = problems.filter((p) => p.file === file && p.line === undefined && (p.column === "(root)" || p.column?.startsWith("/")));
  if (mine.length === 0) return problems;
  const lines = pointerLines(text, mine.map(pointer));
  return problems.map((p) => (mine.includes(p) ? { ...p, line: lines.get(pointer(p)) ?? 1 } : p));
}

/** An id that is safe as a folder name and a URL segment. */
export function checkId(id: string, file: string): Problem[] {
  if (SAFE_ID.test(id)) return [];
  return [{ file, value: id, rule: "report id must be lower-case ASCII letters and digits joined by single hyphens (no '..', '/', spaces or upper case)" }];
}

/** A table's body; a problem of report.json itself (the file it names is missing) goes to `inReport`. */
function loadTable(reader: Reader, dir: string, entry: ReportDocument["tables"][number], index: number, validators: Validators, problems: Problem[], inReport: Problem[]): Table {
  if (entry.state === "missing" || entry.file === undefined) return { ...entry, rows: [] };
  const file = join(dir, entry.file);
  const expected = tableHeader(entry);
  const name = (key: string) => columnName(entry, key);
  const bytes = reader.read(file);
  if (bytes === undefined) {
    inReport.push({ file: join(dir, REPORT_FILE), column: `/tables/${index}/file`, value: entry.file, rule: `names a table file that is missing: ${file}` });
    return { ...entry, rows: [] };
  }
  const text = decodeText(file, bytes, problems, { csvColumn: (k) => name(expected[k] ?? `field ${k + 1}`) });
  if (text === undefined) return { ...entry, rows: [] };
  const { table, problems: csvProblems } = parseCsv(text, file, name);
  problems.push(...csvProblems);
  const header = headerProblem(file, table.header, expected, name, `the columns declared for table ${entry.no} in ${REPORT_FILE}`);
  if (header) {
    problems.push(header);
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
    const last = table.rows.at(-1);
    problems.push({
      file,
      line: (last?.line ?? 1) + (table.rows.length < entry.rowCount ? 1 : 0),
      ...(last && table.rows.length > entry.rowCount ? { value: Object.values(last.record).join(",") } : { value: "" }),
      rule: `table ${entry.no} must have ${entry.rowCount} rows (its rowCount in ${REPORT_FILE}); the file has ${table.rows.length}${table.rows.length < entry.rowCount ? ": rows are missing from here on (a truncated file?)" : ""}`,
    });
  }
  return { ...entry, rows };
}

function loadReport(reader: Reader, paths: DataPaths, id: string, validators: Validators, reference: Reference | undefined, problems: Problem[]): Report | undefined {
  const dir = join(paths.reports, id);
  const before = problems.length;
  problems.push(...checkId(id, dir).map((p) => ({ ...p, column: "folder name" })));
  const reportFile = join(dir, REPORT_FILE);
  const doc = readJson(reader, reportFile, problems);
  if (doc !== undefined) problems.push(...withLines(validators.report(doc.value, reportFile), reportFile, doc.text));
  const perfFile = join(dir, PERFORMANCE_FILE);
  const perf = readJson(reader, perfFile, problems);
  if (perf !== undefined) problems.push(...withLines(validators.performance(perf.value, perfFile), perfFile, perf.text));
  if (problems.length > before || !doc || !perf) return undefined;
  const document = doc.value as ReportDocument & { $schema?: string };
  const performance = perf.value as PerformanceDocument;
  const { meta } = document;
  // Problems of report.json's values: located by line together, at the end (one pass over its text).
  const inReport: Problem[] = [];
  const bad = (column: string, value: string, rule: string) => inReport.push({ file: reportFile, column, value, rule });
  if (meta.id !== id) bad("/meta/id", meta.id, `must equal the folder name "${id}"`);
  if (performance.reportId !== id) problems.push(...withLines([{ file: perfFile, column: "/reportId", value: performance.reportId, rule: `must equal the folder name "${id}"` }], perfFile, perf.text));
  // Against the reference lists only when they could be read (else every report would repeat their problem).
  if (reference) {
    const city = reference.cities.find((c) => c.id === meta.city.id);
    if (!city || city.name !== meta.city.name) bad("/meta/city", JSON.stringify(meta.city), `must be a city of ${REFERENCE_FILES.cities}`);
    const dept = reference.departments.find((d) => d.name === meta.department.name);
    if (!dept || dept.id !== meta.department.id || dept.city !== meta.city.id || dept.kind !== meta.department.kind) {
      bad("/meta/department", JSON.stringify(meta.department), `must match a row of ${REFERENCE_FILES.departments}`);
    }
  }
  // The schema's pattern admits 2024-02-30; the calendar does not.
  const dateRule = meta.source.published === undefined ? undefined : publishedProblem(meta.source.published);
  if (dateRule) bad("/meta/source/published", meta.source.published ?? "", `must be ${dateRule}`);
  const expectedId = `${meta.city.id}-${meta.department.id}-${meta.year}-${meta.kind}`;
  if (meta.id !== expectedId) bad("/meta/id", meta.id, `must be <city>-<department>-<year>-<kind>: "${expectedId}"`);
  const numbers = new Set<number>();
  document.tables.forEach((t, k) => {
    if (numbers.has(t.no)) bad(`/tables/${k}/no`, String(t.no), "each table number appears once");
    numbers.add(t.no);
    if (t.extra === true && t.no < EXTRA_FROM) bad(`/tables/${k}/no`, String(t.no), `an extra table is numbered from ${EXTRA_FROM}`);
    else if (t.extra !== true && t.no >= EXTRA_FROM) bad(`/tables/${k}/extra`, "", `a table numbered ${EXTRA_FROM} or more is an extra table ("extra": true)`);
    else if (t.extra !== true && meta.kind === "final" && t.no > 10) bad(`/tables/${k}/no`, String(t.no), "unknown table: final accounts have tables 1–10");
    else if (t.extra !== true && t.no > 13) bad(`/tables/${k}/no`, String(t.no), "unknown table: budgets have tables 1–13");
  });
  const expectedCount = meta.kind === "final" ? 10 : 13;
  const standard = document.tables.filter((t) => t.extra !== true).length;
  if (standard !== expectedCount || numbers.size !== document.tables.length) bad("/tables", String(standard), `a ${meta.kind} report lists all ${expectedCount} standard tables (missing ones with state "missing")`);
  const tables = document.tables.map((t, k) => loadTable(reader, dir, t, k, validators, problems, inReport));
  const sourceFile = join(dir, SOURCE_FILE);
  const source = readText(reader, sourceFile, problems);
  if (source !== undefined) {
    const sha = createHash("sha256").update(source, "utf8").digest("hex");
    if (sha !== meta.source.sha256) {
      bad("/meta/source/sha256", meta.source.sha256, `must be the SHA-256 of ${sourceFile}, which is ${sha}: the source was changed after it was imported — re-import it (npm run import)`);
    }
  }
  problems.push(...withLines(inReport, reportFile, doc.text));
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
      const columns = REFERENCE_COLUMNS[key as keyof typeof REFERENCE_COLUMNS];
      return [key, { file, text: readText(reader, file, problems, { csvColumn: (k) => columns[k] ?? `field ${k + 1}` }) }];
    }),
  ) as Parameters<typeof parseReference>[0];
  const parsed = parseReference(texts);
  return { reference: parsed.reference, problems: [...problems, ...parsed.problems] };
}

/** The report folders, sorted; anything else in the reports folder is a problem. */
export function reportFolders(reader: Reader, paths: DataPaths, problems: Problem[]): string[] {
  return reader.list(paths.reports).filter((name) => {
    if (reader.isDir(join(paths.reports, name))) return true;
    problems.push({ file: join(paths.reports, name), value: name, rule: "is a file; only report folders (<city>-<department>-<year>-<kind>) belong in the reports folder — move it elsewhere" });
    return false;
  });
}

/**
 * Loads and checks one report. Reports are independent, so a build can load them one at a time and keep memory
 * bounded however many there are.
 */
export function loadOneReport(reader: Reader, paths: DataPaths, id: string, validators: Validators, reference: Reference | undefined): { report?: Report; problems: Problem[] } {
  const problems: Problem[] = [];
  const report = loadReport(reader, paths, id, validators, reference, problems);
  return { ...(report && problems.length === 0 ? { report } : {}), problems };
}

/** Reads the metadata of one report (its report.json, validated), without its tables. */
export function readMeta(reader: Reader, paths: DataPaths, id: string, validators: Validators, problems: Problem[]): ReportMeta | undefined {
  const file = join(paths.reports, id, REPORT_FILE);
  const doc = readJson(reader, file, problems);
  if (doc === undefined) return undefined;
  const p = withLines(validators.report(doc.value, file), file, doc.text);
  problems.push(...p);
  return p.length === 0 ? (doc.value as ReportDocument).meta : undefined;
}

/** Checks all data without keeping it: every problem of every file; `visit` sees each valid report (then it is dropped). */
export function checkSite(reader: Reader, paths: DataPaths, validators: Validators, visit?: (report: Report) => void): { problems: Problem[]; reports: number } {
  const { reference, problems } = loadReference(reader, paths);
  const usable = problems.length === 0 ? reference : undefined;
  const ids = reportFolders(reader, paths, problems);
  for (const id of ids) {
    const r = loadOneReport(reader, paths, id, validators, usable);
    problems.push(...r.problems);
    if (r.report && visit) visit(r.report);
  }
  return { problems, reports: ids.length };
}

/** Loads everything into memory (tests, small sites); returns the site and every problem found. */
export function loadSite(reader: Reader, paths: DataPaths, validators: Validators): { site: Site; problems: Problem[] } {
  const { reference, problems } = loadReference(reader, paths);
  const usable = problems.length === 0 ? reference : undefined;
  const reports: Report[] = [];
  for (const id of reportFolders(reader, paths, problems)) {
    const r = loadOneReport(reader, paths, id, validators, usable);
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
