/**
 * npm run bench [-- --sizes 100,1000] [--keep] [--data-only] [--measure DIR]
 * Builds the site from N synthetic reports (the five seed reports copied under new department names and ids) and
 * reports the build's wall time, time per report, peak memory (max RSS of the build process, worker threads
 * included), output size, the time of each phase, the ratio to a bare pass (read + parse + validate the same data, and
 * write the same files: scripts/bare-pass.ts), and the output bytes per report by kind of file; then changes one number
 * of one report and builds again with the first build's cache (incremental), as a share of the cold build.
 * `--measure DIR` prints the bytes table for a site already built.
 * Numbers, not assertions: quote them in notes.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join, relative, sep } from "node:path";
import { parseArgs } from "node:util";
import { makeBenchData } from "./bench-data.ts";
import { root } from "../src/lib/node-io.ts";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "100,1000" },
    keep: { type: "boolean", default: false },
    "data-only": { type: "boolean", default: false },
    measure: { type: "string" },
  },
});
const sizes = values.sizes.split(",").map(Number);
const data = join(root, "src/data");
const work = join(root, "bench-out");

function duSize(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    if (s.isDirectory()) {
      const d = duSize(p);
      files += d.files;
      bytes += d.bytes;
    } else {
      files++;
      bytes += s.size;
    }
  }
  return { files, bytes };
}

/** What a file of the built site is, by its path: the rows of the bytes table. */
const KINDS: [string, RegExp][] = [
  ["report page", /^reports\/[^/]+\/index\.html$/u],
  ["绩效 page", /^reports\/[^/]+\/performance\/index\.html$/u],
  ["check-details page", /^reports\/[^/]+\/checks\/index\.html$/u],
  ["report.json", /^reports\/[^/]+\/data\/report\.json$/u],
  ["source.txt", /^reports\/[^/]+\/data\/source\.txt$/u],
  ["report checks.csv", /^reports\/[^/]+\/data\/checks\.csv$/u],
  ["report line-items.csv", /^reports\/[^/]+\/data\/line-items\.csv$/u],
  ["table CSVs", /^reports\/[^/]+\/data\/tables\/\d+\.csv$/u],
  ["table JSONs", /^reports\/[^/]+\/data\/tables\/\d+\.json$/u],
  ["XLSX", /\.xlsx$/u],
  ["ZIP", /\.zip$/u],
  ["report chart CSVs", /^reports\/[^/]+\/data\/charts\//u],
  ["site line-items.csv", /^data\/line-items\.csv$/u],
  ["site line-items.parquet", /^data\/line-items\.parquet$/u],
  ["site checks.csv", /^data\/checks\.csv$/u],
  ["site checks.parquet", /^data\/checks\.parquet$/u],
  ["site check-failures.csv", /^data\/check-failures\.csv$/u],
  ["report datapackage.json", /^reports\/[^/]+\/data\/datapackage\.json$/u],
  ["site datapackages", /^(?:data\/)?datapackage\.json$/u],
  ["other pages", /\.html$/u],
  ["other files", /./u],
];

/** Bytes of a built site by kind of file, per report, with the share of the whole. */
function breakdown(dir: string, reports: number): string {
  const totals = new Map<string, { files: number; bytes: number }>(KINDS.map(([k]) => [k, { files: 0, bytes: 0 }]));
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const s = statSync(p);
      if (s.isDirectory()) walk(p);
      else {
        const path = relative(dir, p).split(sep).join("/");
        const kind = KINDS.find(([, re]) => re.test(path))?.[0] as string;
        const t = totals.get(kind) as { files: number; bytes: number };
        t.files++;
        t.bytes += s.size;
      }
    }
  };
  walk(dir);
  const all = [...totals.values()].reduce((n, t) => n + t.bytes, 0);
  const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
  const rows = [...totals].filter(([, t]) => t.files > 0).map(([k, t]) => `  ${k.padEnd(24)} ${String(t.files).padStart(8)} files ${kb(t.bytes / reports).padStart(10)}/report ${((100 * t.bytes) / all).toFixed(1).padStart(5)} %`);
  return [`output by kind (${reports} reports, ${kb(all / reports)} a report):`, ...rows].join("\n");
}

if (values.measure) {
  const dir = values.measure;
  const reports = readdirSync(join(dir, "reports")).length;
  console.log(breakdown(dir, reports));
  process.exit(0);
}

console.log(`machine: ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
const rows: string[] = [];
for (const n of sizes) {
  const dir = join(work, `data-${n}`);
  makeBenchData(n, data, dir);
  if (values["data-only"]) {
    console.log(`N=${n}: data in ${dir} (build it with TOUMING_DATA=${dir} npm run build -- --out DIR)`);
    continue;
  }
  const out = join(work, `dist-${n}`);
  // A cache of its own, empty: the first build is cold; the second, after one number changed, is incremental.
  const cache = join(work, `cache-${n}`);
  rmSync(cache, { recursive: true, force: true });
  const build = () => {
    const started = performance.now();
    // The same heap limit as `npm run build` (package.json).
    const r = spawnSync(process.execPath, ["--max-old-space-size=1536", join(root, "scripts/build.ts"), "--out", out], {
      cwd: root,
      env: { ...process.env, TOUMING_DATA: dir, TOUMING_CACHE: cache },
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    if (r.status !== 0) {
      console.error(r.stdout, r.stderr);
      throw new Error(`build of ${n} reports failed`);
    }
    return { r, seconds: (performance.now() - started) / 1000 };
  };
  const { r, seconds } = build();
  const rss = Number(/peak RSS (\d+) KiB/u.exec(r.stdout)?.[1] ?? Number.NaN) / 1024;
  const size = duSize(out);
  // The floor: read + parse + validate the same data, and write the same files (scripts/bare-pass.ts).
  const b = spawnSync(process.execPath, [join(root, "scripts/bare-pass.ts"), out], { cwd: root, env: { ...process.env, TOUMING_DATA: dir }, encoding: "utf8" });
  if (b.status !== 0) throw new Error(`bare pass failed: ${b.stderr}`);
  const bare = JSON.parse(b.stdout) as { validateMs: number; writeMs: number };
  const bareSeconds = (bare.validateMs + bare.writeMs) / 1000;
  const line =
    `N=${n}: wall ${seconds.toFixed(1)} s, ${((seconds * 1000) / n).toFixed(0)} ms/report, peak RSS ${rss.toFixed(0)} MiB, output ${size.files} files ${(size.bytes / 2 ** 20).toFixed(1)} MiB; ` +
    `bare pass ${(bare.validateMs / 1000).toFixed(1)} s read+parse+validate, ${bareSeconds.toFixed(1)} s with the writes: build = ${(seconds / (bare.validateMs / 1000)).toFixed(1)}× the first, ${(seconds / bareSeconds).toFixed(1)}× the second`;
  console.log(line);
  console.log(`  ${/^Phases: .*$/mu.exec(r.stdout)?.[0] ?? "(no phases printed)"}`);
  console.log(breakdown(out, n));
  rows.push(line);
  // One number of one report changed (its first 2-decimal amount of 公开02表/表二 plus 0.01), then built again.
  const first = readdirSync(join(dir, "reports")).sort()[0] as string;
  const table = join(dir, "reports", first, "tables", "02.csv");
  const before = readFileSync(table, "utf8");
  const after = before.replace(/,(\d+)\.(\d)(\d),/u, (_, a: string, b: string, c: string) => `,${a}.${b}${(Number(c) + 1) % 10},`);
  if (after === before) throw new Error(`${table}: no amount to change for the incremental build`);
  writeFileSync(table, after);
  const again = build();
  const incremental = `N=${n}: one report changed, rebuilt with the cache in ${again.seconds.toFixed(1)} s = ${((100 * again.seconds) / seconds).toFixed(0)} % of the cold build`;
  console.log(incremental);
  console.log(`  ${/^Phases: .*$/mu.exec(again.r.stdout)?.[0] ?? "(no phases printed)"}`);
  rows.push(incremental);
  if (!values.keep) rmSync(cache, { recursive: true, force: true });
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
  if (!values.keep) rmSync(out, { recursive: true, force: true });
}
mkdirSync(work, { recursive: true });
writeFileSync(join(work, "results.txt"), `${rows.join("\n")}\n`);
