/**
 * npm run build [-- --out DIR] [--strict] [--quiet]
 * Validates all data first (every problem listed, nothing written), then builds the site with Astro into a temporary
 * folder and moves it to DIR (default dist/) only when the whole build succeeded: never a half-written dist/, and the
 * old DIR survives every failure (also across file systems, and when the build is interrupted). Temporary folders are
 * removed on every exit path; those of a build that was killed are removed by the next one.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { checkSite, reportFolders } from "../src/lib/load.ts";
import { progress } from "../src/lib/progress.ts";
import { dataPaths, fsReader, projectValidators, root } from "../src/lib/node-io.ts";
import { formatProblems } from "../src/lib/problems.ts";
import { cleanStale, publish, siblings } from "../src/lib/output.ts";
import { runChecks } from "../src/lib/checks/index.ts";
import { formatFinding } from "../src/lib/checks/summary.ts";
import type { ReportChecks } from "../src/lib/checks/types.ts";

// Astro lets an inherited BASE_URL override its `base` setting; the base path comes from TOUMING_BASE only.
delete process.env.BASE_URL;

const { values } = parseArgs({ options: { out: { type: "string" }, strict: { type: "boolean", default: false }, quiet: { type: "boolean", default: false } } });
// Progress of the long phases goes to stderr (src/lib/progress.ts) unless --quiet.
if (values.quiet) process.env.TOUMING_QUIET = "1";
const out = resolve(values.out ?? join(root, "dist"));
const started = performance.now();

// The checks run once in a build, with the downloads (which print their tally); --strict runs them here first, so
// that a failure stops the build before anything is written.
const failures: ReportChecks[] = [];
const validation = progress("validation", reportFolders(fsReader, dataPaths(), []).length);
const { reports, problems } = checkSite(fsReader, dataPaths(), projectValidators(), (report) => {
  validation.tick();
  if (!values.strict) return;
  const c = runChecks(report);
  if (c.counts.fail > 0) failures.push({ ...c, results: c.results.filter((r) => r.status === "fail") });
});
validation.done();
if (problems.length > 0) {
  console.error(formatProblems(problems));
  console.error(`Build stopped: nothing was written to ${out}.`);
  process.exit(1);
}
console.log(`${reports} reports valid (${Math.round(performance.now() - started)} ms).`);
if (failures.length > 0) {
  for (const c of failures) for (const r of c.results) console.error(`  ✗ ${formatFinding(c.reportId, r)}`);
  console.error(`--strict: build stopped: nothing was written to ${out}.`);
  process.exit(1);
}

const tmpRoot = join(root, ".build-tmp");
const tmp = join(tmpRoot, `${process.pid}`);
// The downloads integration stages its files here (src/integrations/downloads.ts).
const stage = join(tmpRoot, `stage-${process.pid}`);
for (const line of cleanStale(tmpRoot, out)) console.log(`Left by an earlier build that did not finish: ${line}`);

/** This build's temporary folders go on every exit path: success, failure, Ctrl-C, kill. */
function cleanup(): void {
  rmSync(tmp, { recursive: true, force: true });
  rmSync(stage, { recursive: true, force: true });
  const { fresh, old } = siblings(out);
  rmSync(fresh, { recursive: true, force: true });
  if (existsSync(old)) {
    if (existsSync(out)) rmSync(old, { recursive: true, force: true });
    else renameSync(old, out);
  }
}
process.on("exit", cleanup);
for (const [signal, status] of [["SIGINT", 130], ["SIGTERM", 143], ["SIGHUP", 129]] as const) {
  process.on(signal, () => {
    console.error(`Build interrupted (${signal}): ${out} was left as it was.`);
    process.exit(status);
  });
}

rmSync(tmp, { recursive: true, force: true });
mkdirSync(tmpRoot, { recursive: true });
process.env.TOUMING_OUT = tmp;
try {
  const { build } = await import("astro");
  await build({ root, outDir: tmp, logLevel: process.env.TOUMING_LOG === "debug" ? "debug" : "warn" });
  if (!existsSync(join(tmp, "index.html"))) throw new Error("Astro finished without writing index.html");
} catch (e) {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  console.error(`Build failed: ${out} was left as it was.`);
  process.exit(1);
}
try {
  publish(tmp, out);
} catch (e) {
  console.error(`Build failed at the last step: ${e instanceof Error ? e.message : String(e)}`);
  console.error(`${out} was left as it was.`);
  process.exit(1);
}
console.log(`Built ${out} in ${((performance.now() - started) / 1000).toFixed(1)} s (peak RSS ${process.resourceUsage().maxRSS} KiB).`);
