/**
 * npm run import -- <disclosure.pdf|.txt> [more …] [--data DIR] [--strict] [--source-url URL] [--published YYYY-MM-DD] [--sources FILE.csv]
 * Imports disclosures as published — the PDF itself, or its text — into src/data/reports/<id>/. Nothing is written if any input has a
 * problem; every problem is listed with its file and line. Re-importing the same source rewrites the same files.
 * A batch is one transaction: every report is written beside its target first, then all are swapped in; if any step
 * fails, everything done so far is undone (see the swap below).
 * Every check runs on what is imported and each failure is printed; with --strict a failure also stops the import.
 * Where the department published a disclosure — its web address and the day — is given with --source-url and
 * --published (one file), or for a batch in a CSV `file,source_url,published` (--sources); a re-import keeps what an
 * earlier import of the same text recorded unless told otherwise.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { reportFiles, REPORT_FILE } from "../src/lib/datasets.ts";
import { decode, ENCODING_NAMES, isPdf } from "../src/lib/decode.ts";
import { importDisclosure, type ImportOptions } from "../src/lib/import/report.ts";
import { pdfToText } from "../src/lib/import/pdf.ts";
import { checkId, decodeProblem, jsonProblem, loadOneReport, loadReference, type Reader } from "../src/lib/load.ts";
import { runChecks } from "../src/lib/checks/index.ts";
import { formatChecks } from "../src/lib/checks/summary.ts";
import type { ReportChecks } from "../src/lib/checks/types.ts";
import { dataPaths, fsReader, projectValidators } from "../src/lib/node-io.ts";
import { formatProblems, type Problem } from "../src/lib/problems.ts";
import { cleanLeftovers, reason, type Swap, swapIn } from "../src/lib/output.ts";
import { readJsonText } from "../src/lib/json.ts";
import type { ReportMeta } from "../src/lib/model.ts";
import { publishedProblem, readSources, sourceUrlProblem, todayInChina, type Provenance } from "../src/lib/provenance.ts";

const USAGE = "usage: npm run import -- <disclosure.pdf|.txt> [more …] [--data DIR] [--strict] [--source-url URL] [--published YYYY-MM-DD] [--sources FILE.csv]";
let parsedArgs;
try {
  parsedArgs = parseArgs({
    allowPositionals: true,
    options: { data: { type: "string" }, strict: { type: "boolean", default: false }, "source-url": { type: "string" }, published: { type: "string" }, sources: { type: "string" } },
  });
} catch (e) {
  console.error(`${reason(e)}\n${USAGE}`);
  process.exit(2);
}
const { values, positionals } = parsedArgs;
if (positionals.length === 0) {
  console.error(USAGE);
  process.exit(2);
}
const paths = dataPaths(values.data);

/** `<id>.tmp-<pid>` (a report being written) and `<id>.old-<pid>` (a replaced report) of an import in progress. */
const LEFTOVER = /^(.+)\.(tmp|old)-(\d+)$/u;

// What an import that was killed left in the reports folder (the loader would take it for a report). A replaced report
// set aside by an import killed mid-swap may be the only copy: it is put back if its report folder is missing.
try {
  const cleaned = cleanLeftovers(paths.reports, (name) => {
    const m = LEFTOVER.exec(name);
    return m ? { target: join(paths.reports, m[1] as string), kind: m[2] === "old" ? "old" : "new", pid: Number(m[3]) } : undefined;
  });
  for (const line of cleaned) console.log(`${line}, left by an import that was stopped`);
} catch (e) {
  console.error(`cannot clean up what an import that was stopped left in ${paths.reports}: ${reason(e)}`);
  process.exit(1);
}
const problems: Problem[] = [];
// Where each disclosure was published: from the options for one file, from a sources CSV for a batch.
const today = todayInChina();
const given: Provenance = {};
const optionsFile = "(command line)";
if (values["source-url"] !== undefined) {
  const rule = sourceUrlProblem(values["source-url"]);
  if (rule) problems.push({ file: optionsFile, column: "--source-url", value: values["source-url"], rule: `must be ${rule}` });
  else given.url = values["source-url"];
}
if (values.published !== undefined) {
  const rule = publishedProblem(values.published, today);
  if (rule) problems.push({ file: optionsFile, column: "--published", value: values.published, rule: `must be ${rule}` });
  else given.published = values.published;
}
if ((values["source-url"] !== undefined || values.published !== undefined) && (positionals.length > 1 || values.sources !== undefined)) {
  problems.push({ file: optionsFile, column: values.sources !== undefined ? "--sources" : "--source-url / --published", rule: "--source-url and --published describe one file; for a batch list each file's in a CSV given with --sources (columns file,source_url,published)" });
}
let sources = new Map<string, Provenance>();
if (values.sources !== undefined) {
  let text: string | undefined;
  try {
    const bytes = readFileSync(values.sources);
    const d = decode(bytes, true);
    if (d.ok) text = d.text;
    else problems.push(decodeProblem(values.sources, bytes, d));
  } catch (e) {
    problems.push({ file: values.sources, rule: (e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file (check the path)" : `cannot be read: ${reason(e)}` });
  }
  if (text !== undefined) {
    const read = readSources(text, values.sources, today);
    problems.push(...read.problems);
    sources = read.sources;
  }
}
// The reference lists are read as every build reads them (encoding checked: a GBK file is named as such, not misread).
const { reference, problems: refProblems } = loadReference(fsReader, paths);
problems.push(...refProblems);

/**
 * What a stored report.json says of its source; a file that cannot be read as JSON is a problem (listed with its file
 * and line: the data folder must be mended before anything is imported into it), not a crash.
 */
function storedSource(file: string, bytes: Uint8Array): Partial<ReportMeta["source"]> | undefined {
  const read = readJsonText(new TextDecoder().decode(bytes));
  if (!read.ok) {
    if (!problems.some((p) => p.file === file)) problems.push(jsonProblem(file, read));
    return undefined;
  }
  return (read.value as { meta?: { source?: Partial<ReportMeta["source"]> } } | null)?.meta?.source;
}

/** The files of a report about to be written, served as if they were in its folder (for the loader's checks). */
function memoryReader(id: string, files: Map<string, string>): Reader {
  const dir = `${paths.reports}/${id}`.replace(/\/+/gu, "/");
  const encoder = new TextEncoder();
  return {
    list: (d) => (d === paths.reports ? [id] : []),
    isDir: (p) => p === dir,
    read: (p) => {
      const text = p.startsWith(`${dir}/`) ? files.get(p.slice(dir.length + 1)) : undefined;
      return text === undefined ? undefined : encoder.encode(text);
    },
  };
}

/** What an earlier import of the same text (same sha256) recorded of its source, if any. */
function existingSource(text: string): Partial<ReportMeta["source"]> | undefined {
  const sha = createHash("sha256").update(text, "utf8").digest("hex");
  for (const id of fsReader.list(paths.reports)) {
    if (LEFTOVER.test(id)) continue; // another import's folder in progress
    const bytes = fsReader.read(join(paths.reports, id, REPORT_FILE));
    if (!bytes) continue;
    const meta = storedSource(join(paths.reports, id, REPORT_FILE), bytes);
    if (meta?.sha256 === sha) return meta;
  }
  return undefined;
}

const outputs: { id: string; files: Map<string, string>; input: string; original: string }[] = [];
const checks: ReportChecks[] = [];
for (const input of positionals) {
  let bytes: Uint8Array;
  try {
    if (statSync(input).isDirectory()) {
      problems.push({ file: input, rule: "is a folder: give the disclosure files themselves (e.g. folder/*.txt)" });
      continue;
    }
    bytes = readFileSync(input);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    problems.push({ file: input, rule: code === "ENOENT" ? "no such file (check the path)" : code === "EACCES" ? "cannot be read: permission denied" : `cannot be read: ${reason(e)}` });
    continue;
  }
  // A PDF is read for its text and tables' geometry (src/lib/pdf/); anything else is text in some encoding.
  let pdf: ImportOptions["pdf"];
  let decoded: { text: string };
  if (isPdf(bytes)) {
    const read = await pdfToText(bytes);
    if (!read.ok) {
      problems.push({ file: input, line: 1, column: "PDF", ...(read.value !== undefined ? { value: read.value } : {}), rule: read.rule });
      continue;
    }
    pdf = { origin: read.origin, notes: read.notes };
    decoded = read;
    console.log(`${input}: read from a PDF of ${read.origin.pages} pages; its text (tables from their grid) is stored as source.txt`);
  } else {
    const d = decode(bytes, true);
    if (!d.ok) {
      problems.push(decodeProblem(input, bytes, d));
      continue;
    }
    if (d.encoding !== "utf-8") console.log(`${input}: decoded from ${ENCODING_NAMES[d.encoding]}; stored as UTF-8`);
    decoded = d;
  }
  if (decoded.text.trim() === "") {
    problems.push({ file: input, line: 1, value: "", rule: `file has no text (${decoded.text.split("\n").length} blank lines)` });
    continue;
  }
  // Re-importing a report's own source.txt keeps the name the source had when it was first imported, and where it was
  // published unless this import says otherwise.
  const earlier = existingSource(decoded.text);
  const original = earlier?.original ?? basename(input);
  const told = positionals.length === 1 && values.sources === undefined ? given : (sources.get(basename(input)) ?? {});
  const provenance: Provenance = { ...(earlier?.url ? { url: earlier.url } : {}), ...(earlier?.published ? { published: earlier.published } : {}), ...told };
  const result = importDisclosure(decoded.text, { original, reference, provenance, ...(pdf ? { pdf } : {}) });
  problems.push(...result.problems.map((p) => ({ file: input, line: p.line, ...(p.column ? { column: p.column } : {}), ...(p.value !== undefined ? { value: p.value } : {}), rule: p.message })));
  const id = result.document.meta.id;
  problems.push(...checkId(id, input));
  const twin = outputs.find((o) => o.id === id);
  if (twin) problems.push({ file: input, value: id, rule: `duplicate report: ${twin.input} imports to the same id` });
  const files = reportFiles(decoded.text, result.document, result.tables, result.performance);
  outputs.push({ id, files, input, original });
  // One gate: what is about to be written is read back by the loader with the same validators as every build.
  if (result.problems.length === 0 && checkId(id, input).length === 0) {
    for (const p of loadOneReport(memoryReader(id, files), paths, id, projectValidators(), reference).problems) problems.push({ ...p, file: `${input} (would be ${p.file})` });
  }
  for (const n of result.document.notes) console.log(`${input}:${n.line}: note: ${n.message}`);
  if (result.problems.length === 0) checks.push(runChecks({ ...result.document, tables: result.tables, performance: result.performance.tables }));
}
if (checks.length > 0) console.log(formatChecks(checks));
const failedChecks = checks.reduce((n, c) => n + c.counts.fail, 0);
if (values.strict && failedChecks > 0) problems.push({ file: positionals.join(", "), rule: `--strict: ${failedChecks} check${failedChecks === 1 ? "" : "s"} failed (listed above)` });
if (problems.length > 0) {
  console.error(formatProblems(problems));
  console.error("Nothing was written.");
  process.exit(1);
}
// 1. Every refusal is decided for the whole batch before anything is written.
const refusals: Problem[] = [];
for (const { id, input, original: name } of outputs) {
  const target = join(paths.reports, id);
  const existing = fsReader.read(join(target, REPORT_FILE));
  if (!existing) continue;
  const original = storedSource(join(target, REPORT_FILE), existing)?.original;
  if (original !== undefined && original !== name) refusals.push({ file: input, value: id, rule: `report already exists, imported from another source (${original}): remove ${target} first to replace it` });
}
if (refusals.length > 0) {
  console.error(formatProblems(refusals));
  console.error("Nothing was written.");
  process.exit(1);
}

// 2. The batch is one transaction: every report is written beside its target, then all are swapped in together
// (src/lib/output.ts, the mechanism the build uses for dist/); a failure undoes everything, and no temporary folder
// of this process outlives it on any exit path.
const swaps: Swap[] = outputs.map(({ id }) => {
  const target = join(paths.reports, id);
  return { fresh: `${target}.tmp-${process.pid}`, target, old: `${target}.old-${process.pid}` };
});
/** The temporary folders this import made (never what it found in the way). */
const made = new Set<string>();
const removeFresh = () => {
  for (const fresh of made) rmSync(fresh, { recursive: true, force: true });
  made.clear();
};
process.on("exit", removeFresh);
// Ctrl-C or a kill: the import writes synchronously, so a signal is handled only between whole steps, never inside the
// swap. (A SIGKILL cannot be handled: the next import cleans up after it.)
for (const [signal, status] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
  process.on(signal, () => {
    console.error(`${signal}: import stopped; nothing was written.`);
    process.exit(status);
  });
}

function fail(message: string): never {
  removeFresh();
  console.error(message);
  console.error("Nothing was written.");
  process.exit(1);
}

try {
  mkdirSync(paths.reports, { recursive: true });
} catch (e) {
  fail(`cannot create ${paths.reports}: ${reason(e)}`);
}
outputs.forEach(({ files, input }, k) => {
  const tmp = (swaps[k] as Swap).fresh;
  let path = tmp;
  try {
    mkdirSync(tmp); // not recursive: fails if anything is in the way
    made.add(tmp);
    for (const [rel, content] of files) {
      path = join(tmp, rel);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
    }
  } catch (e) {
    fail(`${input}: cannot write ${path}: ${reason(e)}`);
  }
});
let kept: string[] = [];
try {
  kept = swapIn(swaps, "report");
  made.clear(); // in place: no longer temporary
} catch (e) {
  fail(e instanceof Error ? e.message : String(e));
}
for (const { id, files, input } of outputs) console.log(`${input} → ${join(paths.reports, id)} (${files.size} files)`);
for (const old of kept) {
  console.error(`The reports were written, but the replaced copy ${old} could not be removed. Remove it by hand (the next import also removes it).`);
  process.exitCode = 1;
}
