/**
 * npm run import -- <disclosure.txt> [more.txt …] [--data DIR] [--strict]
 * Imports disclosures as published in text form into src/data/reports/<id>/. Nothing is written if any input has a
 * problem; every problem is listed with its file and line. Re-importing the same source rewrites the same files.
 * A batch is one transaction: every report is written beside its target first, then all are swapped in; if any step
 * fails, everything done so far is undone (see the swap below).
 * Every check runs on what is imported and each failure is printed; with --strict a failure also stops the import.
 */
import { createHash } from "node:crypto";
import { lstatSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { reportFiles, REPORT_FILE } from "../src/lib/datasets.ts";
import { decode } from "../src/lib/decode.ts";
import { importDisclosure } from "../src/lib/import/report.ts";
import { checkId, loadOneReport, loadReference, type Reader } from "../src/lib/load.ts";
import { runChecks } from "../src/lib/checks/index.ts";
import { formatChecks } from "../src/lib/checks/summary.ts";
import type { ReportChecks } from "../src/lib/checks/types.ts";
import { dataPaths, fsReader, projectValidators } from "../src/lib/node-io.ts";
import { formatProblems, type Problem } from "../src/lib/problems.ts";
import { isAlive, reason } from "../src/lib/output.ts";
import { readJsonText } from "../src/lib/json.ts";

const { values, positionals } = parseArgs({ allowPositionals: true, options: { data: { type: "string" }, strict: { type: "boolean", default: false } } });
if (positionals.length === 0) {
  console.error("usage: npm run import -- <disclosure.txt> [more.txt …] [--data DIR] [--strict]");
  process.exit(2);
}
const paths = dataPaths(values.data);

/** Is anything (file, folder, link) at this path? */
function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** `<id>.tmp-<pid>` (a report being written) and `<id>.old-<pid>` (a replaced report) of an import in progress. */
const LEFTOVER = /^(.+)\.(tmp|old)-(\d+)$/u;

// What an import that was killed left in the reports folder (the loader would take it for a report). A replaced report
// set aside by an import killed mid-swap may be the only copy: it is put back if its report folder is missing.
for (const name of fsReader.list(paths.reports)) {
  const m = LEFTOVER.exec(name);
  if (!m || isAlive(Number(m[3]))) continue;
  const path = join(paths.reports, name);
  const target = join(paths.reports, m[1]!);
  try {
    if (m[2] === "old" && !exists(target)) {
      renameSync(path, target);
      console.log(`restored ${target} from ${path}, left by an import that was stopped`);
    } else {
      rmSync(path, { recursive: true, force: true });
      console.log(`removed ${path}, left by an import that was stopped`);
    }
  } catch (e) {
    console.error(`cannot clean up ${path}, left by an import that was stopped: ${reason(e)}`);
    process.exit(1);
  }
}
const problems: Problem[] = [];
// The reference lists are read as every build reads them (encoding checked: a GBK file is named as such, not misread).
const { reference, problems: refProblems } = loadReference(fsReader, paths);
problems.push(...refProblems);

/**
 * What a stored report.json says of its source; a file that cannot be read as JSON is a problem (listed with its file
 * and line: the data folder must be mended before anything is imported into it), not a crash.
 */
function storedSource(file: string, bytes: Uint8Array): { sha256?: string; original?: string } | undefined {
  const read = readJsonText(new TextDecoder().decode(bytes));
  if (!read.ok) {
    if (!problems.some((p) => p.file === file)) problems.push({ file, ...(read.line ? { line: read.line } : {}), ...(read.key ? { column: read.key } : {}), rule: read.rule });
    return undefined;
  }
  return (read.value as { meta?: { source?: { sha256?: string; original?: string } } } | null)?.meta?.source;
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

/** The original file name recorded by an earlier import of the same text (same sha256), if any. */
function existingOriginal(text: string): string | undefined {
  const sha = createHash("sha256").update(text, "utf8").digest("hex");
  for (const id of fsReader.list(paths.reports)) {
    if (LEFTOVER.test(id)) continue; // another import's folder in progress
    const bytes = fsReader.read(join(paths.reports, id, REPORT_FILE));
    if (!bytes) continue;
    const meta = storedSource(join(paths.reports, id, REPORT_FILE), bytes);
    if (meta?.sha256 === sha) return meta.original;
  }
  return undefined;
}

const outputs: { id: string; files: Map<string, string>; input: string; original: string }[] = [];
const checks: ReportChecks[] = [];
for (const input of positionals) {
  const bytes = fsReader.read(input);
  if (!bytes) {
    problems.push({ file: input, rule: "cannot read the file" });
    continue;
  }
  const decoded = decode(bytes, true);
  if (!decoded.ok) {
    problems.push({ file: input, rule: decoded.rule });
    continue;
  }
  if (decoded.encoding !== "utf-8") console.log(`${input}: decoded from GB18030; stored as UTF-8`);
  // Re-importing a report's own source.txt keeps the name the source had when it was first imported.
  const original = existingOriginal(decoded.text) ?? basename(input);
  const result = importDisclosure(decoded.text, { original, reference });
  problems.push(...result.problems.map((p) => ({ file: input, line: p.line, rule: p.message })));
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
const refusals: string[] = [];
for (const { id, input, original: name } of outputs) {
  const target = join(paths.reports, id);
  const existing = fsReader.read(join(target, REPORT_FILE));
  if (!existing) continue;
  const original = storedSource(join(target, REPORT_FILE), existing)?.original;
  if (original !== undefined && original !== name) refusals.push(`${input}: report ${id} already exists, imported from ${original}. Remove ${target} first to replace it.`);
}
if (refusals.length > 0) {
  console.error(refusals.join("\n"));
  console.error("Nothing was written.");
  process.exit(1);
}

// 2. The batch is one transaction: every report is written beside its target, then all are swapped in; any failure
// puts back everything done so far, and no temporary folder of this process outlives it (on any exit path).
const tmpFolders = new Set<string>();
const swapped: { target: string; old?: string; placed: boolean }[] = [];
let committed = false;

/** Undoes the batch: new reports out, old ones back, temporary folders removed. Returns what could not be undone. */
function rollback(): string[] {
  const failures: string[] = [];
  if (!committed) {
    for (const s of swapped.reverse()) {
      try {
        if (s.placed) rmSync(s.target, { recursive: true, force: true });
        if (s.old) renameSync(s.old, s.target);
      } catch (e) {
        failures.push(`could not restore ${s.target}${s.old ? ` from ${s.old}` : ""}: ${reason(e)}`);
      }
    }
    swapped.length = 0;
  }
  for (const tmp of tmpFolders) {
    try {
      rmSync(tmp, { recursive: true, force: true });
    } catch (e) {
      failures.push(`could not remove ${tmp}: ${reason(e)}`);
    }
  }
  tmpFolders.clear();
  return failures;
}
process.on("exit", () => {
  for (const f of rollback()) console.error(f);
});
// Ctrl-C or a kill: the import writes synchronously, so a signal is handled only between whole steps; if the batch is
// not yet in place, the 'exit' handler undoes it. (A SIGKILL cannot be handled: the next import cleans up after it.)
for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
  process.on(signal, () => {
    if (committed) return;
    console.error(`${signal}: import stopped; nothing was written.`);
    process.exit(code);
  });
}

function fail(input: string, what: string, path: string, e: unknown): never {
  console.error(`${input}: cannot ${what} ${path}: ${reason(e)}`);
  const failures = rollback();
  for (const f of failures) console.error(f);
  console.error(failures.length === 0 ? "Nothing was written." : "The reports folder could not be fully restored (see above).");
  process.exit(1);
}

try {
  mkdirSync(paths.reports, { recursive: true });
} catch (e) {
  fail(positionals.join(", "), "create", paths.reports, e);
}
for (const { id, files, input } of outputs) {
  const tmp = join(paths.reports, `${id}.tmp-${process.pid}`);
  let path = tmp;
  try {
    mkdirSync(tmp); // not recursive: fails if anything is in the way
    tmpFolders.add(tmp);
    for (const [rel, content] of files) {
      path = join(tmp, rel);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
    }
  } catch (e) {
    fail(input, "write", path, e);
  }
}
for (const { id, input } of outputs) {
  const target = join(paths.reports, id);
  const tmp = `${target}.tmp-${process.pid}`;
  const old = `${target}.old-${process.pid}`;
  const step: { target: string; old?: string; placed: boolean } = { target, placed: false };
  swapped.push(step);
  if (exists(target)) {
    try {
      if (exists(old)) throw Object.assign(new Error(`rename '${target}' -> '${old}'`), { code: "EEXIST" });
      renameSync(target, old);
      step.old = old;
    } catch (e) {
      fail(input, "move the existing report aside to", old, e);
    }
  }
  try {
    renameSync(tmp, target);
    tmpFolders.delete(tmp);
    step.placed = true;
  } catch (e) {
    fail(input, "move the new report to", target, e);
  }
}
committed = true;
for (const { id, files, input } of outputs) console.log(`${input} → ${join(paths.reports, id)} (${files.size} files)`);
// 3. Only now are the replaced reports removed.
for (const { old } of swapped) {
  if (!old) continue;
  try {
    rmSync(old, { recursive: true, force: true });
  } catch (e) {
    console.error(`The reports were written, but the replaced copy ${old} could not be removed: ${reason(e)}. Remove it by hand (the next import also removes it).`);
    process.exitCode = 1;
  }
}
