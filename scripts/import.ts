/**
 * npm run import -- <disclosure.txt> [more.txt …] [--data DIR] [--strict]
 * Imports disclosures as published in text form into src/data/reports/<id>/. Nothing is written if any input has a
 * problem; every problem is listed with its file and line. Re-importing the same source rewrites the same files.
 * Every check runs on what is imported and each failure is printed; with --strict a failure also stops the import.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { reportFiles, REPORT_FILE } from "../src/lib/datasets.ts";
import { decode } from "../src/lib/decode.ts";
import { importDisclosure } from "../src/lib/import/report.ts";
import { checkId } from "../src/lib/load.ts";
import { runChecks } from "../src/lib/checks/index.ts";
import { formatChecks } from "../src/lib/checks/summary.ts";
import type { ReportChecks } from "../src/lib/checks/types.ts";
import { dataPaths, fsReader } from "../src/lib/node-io.ts";
import { formatProblems, type Problem } from "../src/lib/problems.ts";
import { parseReference, REFERENCE_FILES } from "../src/lib/reference.ts";

const { values, positionals } = parseArgs({ allowPositionals: true, options: { data: { type: "string" }, strict: { type: "boolean", default: false } } });
if (positionals.length === 0) {
  console.error("usage: npm run import -- <disclosure.txt> [more.txt …] [--data DIR]");
  process.exit(2);
}
const paths = dataPaths(values.data);
const problems: Problem[] = [];
const refTexts = Object.fromEntries(
  Object.entries(REFERENCE_FILES).map(([k, name]) => {
    const file = join(paths.reference, name);
    return [k, { file, text: existsSync(file) ? readFileSync(file, "utf8") : "" }];
  }),
) as Parameters<typeof parseReference>[0];
const { reference, problems: refProblems } = parseReference(refTexts);
problems.push(...refProblems);

/** The original file name recorded by an earlier import of the same text (same sha256), if any. */
function existingOriginal(text: string): string | undefined {
  const sha = createHash("sha256").update(text, "utf8").digest("hex");
  for (const id of fsReader.list(paths.reports)) {
    const bytes = fsReader.read(join(paths.reports, id, REPORT_FILE));
    if (!bytes) continue;
    const meta = (JSON.parse(new TextDecoder().decode(bytes)) as { meta?: { source?: { sha256?: string; original?: string } } }).meta;
    if (meta?.source?.sha256 === sha) return meta.source.original;
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
  outputs.push({ id, files: reportFiles(decoded.text, result.document, result.tables, result.performance), input, original });
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
for (const { id, files, input, original: name } of outputs) {
  const target = join(paths.reports, id);
  const existing = fsReader.read(join(target, REPORT_FILE));
  if (existing) {
    const original = (JSON.parse(new TextDecoder().decode(existing)) as { meta?: { source?: { original?: string } } }).meta?.source?.original;
    if (original !== undefined && original !== name) {
      console.error(`${input}: report ${id} already exists, imported from ${original}. Remove ${target} first to replace it.`);
      process.exit(1);
    }
  }
  const tmp = `${target}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  for (const [rel, content] of files) {
    mkdirSync(dirname(join(tmp, rel)), { recursive: true });
    writeFileSync(join(tmp, rel), content);
  }
  rmSync(target, { recursive: true, force: true });
  renameSync(tmp, target);
  console.log(`${input} → ${target} (${files.size} files)`);
}
