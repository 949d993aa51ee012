/**
 * npm run build [-- --out DIR] [--strict] [--release] [--compress] [--quiet] [--shard K/N]
 * Builds the site with Astro into a temporary folder — every report validated once, in worker threads, with its
 * downloads (every problem listed, nothing written to DIR if there is one) — and moves it to DIR (default dist/) only
 * when the whole build succeeded: never a half-written dist/, and the
 * old DIR survives every failure (also across file systems, and when the build is interrupted). Temporary folders are
 * removed on every exit path; those of a build that was killed are removed by the next one.
 */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { checkSite, loadReference, readMeta, reportFolders } from "../src/lib/load.ts";
import { finishedPhases } from "../src/lib/progress.ts";
import { dataPaths, fsReader, projectValidators, root } from "../src/lib/node-io.ts";
import { formatProblems, type Problem } from "../src/lib/problems.ts";
import { cleanStale, publish, siblings } from "../src/lib/output.ts";
import { cacheDir, lock, unlock } from "../src/lib/build-cache.ts";
import { METAS_ENV, SHARD_ENV } from "../src/lib/site.ts";
import { parseShard, shardCities, type Shard } from "../src/lib/shard.ts";
import { checkSiteUrl } from "../src/lib/paths.ts";
import { compressSite } from "../src/lib/compress.ts";
import type { ReportMeta } from "../src/lib/model.ts";

// Astro lets an inherited BASE_URL override its `base` setting; the base path comes from TOUMING_BASE only.
delete process.env.BASE_URL;

const { values } = parseArgs({
  options: { out: { type: "string" }, strict: { type: "boolean", default: false }, release: { type: "boolean", default: false }, compress: { type: "boolean", default: false }, quiet: { type: "boolean", default: false }, shard: { type: "string" } },
});
// The public address of the site (TOUMING_SITE): canonical links, the sitemap, citations and the data packages name
// it. Without it the site still works wherever it is put (every link is relative to the host), but names no address —
// never a made-up one; a release build must have it.
const siteProblem = checkSiteUrl(process.env.TOUMING_SITE);
if (siteProblem) {
  if (values.release || process.env.TOUMING_SITE) {
    console.error(`${values.release ? "--release: " : ""}${siteProblem}\nBuild stopped: nothing was written.`);
    process.exit(1);
  }
  console.warn(`warning: ${siteProblem}`);
}
// Progress of the long phases goes to stderr (src/lib/progress.ts) unless --quiet.
if (values.quiet) process.env.TOUMING_QUIET = "1";
const out = resolve(values.out ?? join(root, "dist"));
const started = performance.now();

// Each report is validated, once, by the downloads pass (src/integrations/downloads.ts), in worker threads, with its
// downloads and checks: a report with problems stops the build there, after every report's problems are listed, with
// nothing written to DIR. What every report depends on — the reference lists, the report folders and their metadata —
// is checked here first; if any of it is wrong, every report is validated here, one by one, so that the list of
// problems is still complete.
const paths = dataPaths();
const early: Problem[] = [];
const { problems: referenceProblems } = loadReference(fsReader, paths);
early.push(...referenceProblems);
const metas: ReportMeta[] = [];
for (const id of reportFolders(fsReader, paths, early)) {
  const meta = readMeta(fsReader, paths, id, projectValidators(), early);
  if (meta) metas.push(meta);
}
if (early.length > 0) stop(checkSite(fsReader, paths, projectValidators()).problems);

// --shard K/N: this build makes the reports of its cities only (src/lib/shard.ts) — their downloads, checks and pages,
// kept in the build cache for `npm run merge`; the rest of the site it builds is of those cities alone.
let shardMetas = metas;
if (values.shard) {
  let shard: Shard;
  try {
    shard = parseShard(values.shard);
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
  if (!cacheDir(root)) {
    console.error("--shard: a shard's work is kept in the build cache for npm run merge, so TOUMING_CACHE must not be off.");
    process.exit(1);
  }
  const cities = shardCities(metas.map((m) => m.city.id), shard);
  shardMetas = metas.filter((m) => cities.has(m.city.id));
  process.env[SHARD_ENV] = values.shard;
  console.log(`shard ${shard.index}/${shard.count}: ${shardMetas.length} of ${metas.length} reports (${[...cities].join(", ") || "no city"}).`);
}
if (values.strict) process.env.TOUMING_STRICT = "1";

/** Prints the problems and stops: nothing was written. */
function stop(problems: Problem[]): never {
  console.error(formatProblems(problems));
  console.error(`Build stopped: nothing was written to ${out}.`);
  process.exit(1);
}

// The build cache (incremental builds, src/lib/build-cache.ts) is this build's alone, or not used.
const cache = cacheDir(root);
if (cache && !lock(cache)) {
  console.log(`Another build is using the cache in ${cache}: this one builds without it.`);
  process.env.TOUMING_CACHE = "off";
}

const tmpRoot = join(root, ".build-tmp");
const tmp = join(tmpRoot, `${process.pid}`);
// The downloads integration stages its files here (src/integrations/downloads.ts).
const stage = join(tmpRoot, `stage-${process.pid}`);
const metaFile = join(tmpRoot, `metas-${process.pid}.json`);
for (const line of cleanStale(tmpRoot, out)) console.log(`Left by an earlier build that did not finish: ${line}`);

/** This build's temporary folders go on every exit path: success, failure, Ctrl-C, kill. */
function cleanup(): void {
  if (cache) unlock(cache); // only if this build holds it
  rmSync(tmp, { recursive: true, force: true });
  rmSync(stage, { recursive: true, force: true });
  rmSync(metaFile, { force: true });
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
// The pages read the metadata checked above instead of reading every report.json again (src/lib/site.ts reportIndex).
writeFileSync(metaFile, JSON.stringify(shardMetas));
process.env[METAS_ENV] = metaFile;
process.env.TOUMING_OUT = tmp;
try {
  const { build } = await import("astro");
  await build({ root, outDir: tmp, logLevel: process.env.TOUMING_LOG === "debug" ? "debug" : "warn" });
  if (!existsSync(join(tmp, "index.html"))) throw new Error("Astro finished without writing index.html");
  if (values.compress) {
    const compressing = performance.now();
    const c = await compressSite(tmp);
    finishedPhases().push({ phase: "compression (.gz, .br)", count: c.files, ms: performance.now() - compressing });
    const mib = (n: number) => `${(n / 1024 ** 2).toFixed(1)} MiB`;
    console.log(`--compress: ${c.files} text files, ${mib(c.bytes)} → ${mib(c.gzip)} gzip, ${mib(c.brotli)} brotli, written beside them.`);
  }
} catch (e) {
  // The downloads pass found problems in the data (DataError, its message the formatted list) or, with --strict,
  // failed checks (StrictError): listed as they are, without a stack trace.
  const name = e instanceof Error ? e.name : "";
  if (name === "DataError") {
    console.error((e as Error).message);
    console.error(`Build stopped: nothing was written to ${out}.`);
  } else if (name === "StrictError") {
    console.error((e as Error).message);
    console.error(`--strict: build stopped: nothing was written to ${out}.`);
  } else {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    console.error(`Build failed: ${out} was left as it was.`);
  }
  process.exit(1);
}
try {
  publish(tmp, out);
} catch (e) {
  console.error(`Build failed at the last step: ${e instanceof Error ? e.message : String(e)}`);
  console.error(`${out} was left as it was.`);
  process.exit(1);
}
const total = performance.now() - started;
// Where the time went (read by npm run bench): each phase, and the rest (loading Astro, publishing).
const phases = finishedPhases();
const rest = total - phases.reduce((n, p) => n + p.ms, 0);
console.log(`Phases: ${[...phases.map((p) => `${p.phase} ${(p.ms / 1000).toFixed(1)} s`), `other ${(rest / 1000).toFixed(1)} s`].join(", ")}.`);
console.log(`Built ${out} in ${(total / 1000).toFixed(1)} s (peak RSS ${process.resourceUsage().maxRSS} KiB).`);
