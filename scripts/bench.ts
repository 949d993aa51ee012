/**
 * npm run bench [-- --sizes 100,1000] [--keep] [--data-only] [--measure DIR]
 * Builds the site from N synthetic reports (the five seed reports copied under new department names and ids) and
 * reports the build's wall time, time per report, peak memory (max RSS of the build process), output size, and the
 * output bytes per report by kind of file. `--measure DIR` prints that last table for a site already built.
 * Numbers, not assertions: quote them in notes.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join, relative, sep } from "node:path";
import { parseArgs } from "node:util";
import { writeCsv } from "../src/lib/csv.ts";
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
const seeds = readdirSync(join(data, "reports")).sort();
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
  ["datapackage.json", /^data\/datapackage\.json$/u],
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

/** Synthetic cities of the benchmark province (a province like 山西 has 11 cities). */
const CITIES = 11;

/**
 * N reports shaped like a province's: report i is seed i mod 5, published in synthetic city (i / 5) mod 11 by that
 * city's copy number (i / 55) of the seed's department, so each department has the seed's years and kinds, a unit
 * stays under its department, and each department kind (one per copy number) spans every city — the comparison pages
 * compare at most 2 departments × 11 cities, as a real province's would.
 */
function makeData(n: number): string {
  const dir = join(work, `data-${n}`);
  rmSync(dir, { recursive: true, force: true });
  cpSync(join(data, "reference"), join(dir, "reference"), { recursive: true });
  const cities = new Map<string, string[]>();
  const kinds = new Map<string, string[]>();
  const departments = new Map<string, string[]>();
  for (let i = 0; i < n; i++) {
    const seed = seeds[i % seeds.length] as string;
    const doc = JSON.parse(readFileSync(join(data, "reports", seed, "report.json"), "utf8"));
    const meta = doc.meta;
    const c = Math.floor(i / seeds.length) % CITIES;
    const copy = Math.floor(i / (seeds.length * CITIES));
    const city = { id: `bench${c}`, name: `样例${c}市` };
    cities.set(city.id, [city.name, city.id, meta.province.name, meta.province.id]);
    const rename = (name: string, id: string) => ({ name: `${city.name}${name}（样例${copy}）`, id: `${meta.city.id}-${id}-${copy}` });
    const department = rename(meta.department.name, meta.department.id);
    const kind = { id: `${meta.department.kind}-${copy}`, name: `${meta.department.kindName}${copy}` };
    kinds.set(kind.id, [kind.id, kind.name]);
    const parent = meta.parent ? rename(meta.parent.name, meta.parent.id) : undefined;
    departments.set(`${city.id}/${department.id}`, [department.name, city.id, department.id, kind.id, parent?.name ?? ""]);
    const id = `${city.id}-${department.id}-${meta.year}-${meta.kind}`;
    const target = join(dir, "reports", id);
    cpSync(join(data, "reports", seed), target, { recursive: true });
    doc.meta = { ...meta, id, city, department: { ...meta.department, ...department, kind: kind.id, kindName: kind.name }, ...(parent ? { parent } : {}) };
    writeFileSync(join(target, "report.json"), `${JSON.stringify(doc, null, 2)}\n`);
    const perf = JSON.parse(readFileSync(join(target, "performance.json"), "utf8"));
    perf.reportId = id;
    writeFileSync(join(target, "performance.json"), `${JSON.stringify(perf, null, 2)}\n`);
  }
  const append = (file: string, header: string[], rows: string[][]) => {
    const path = join(dir, "reference", file);
    writeFileSync(path, `${readFileSync(path, "utf8").trimEnd()}\n${writeCsv(header, rows).split("\n").slice(1).join("\n")}`);
  };
  append("cities.csv", ["name", "id", "province", "province_id"], [...cities.values()]);
  append("department-kinds.csv", ["id", "name"], [...kinds.values()]);
  // Units after the departments they belong to.
  append("departments.csv", ["name", "city", "id", "kind", "parent"], [...departments.values()].sort((a, b) => Number(a[4] !== "") - Number(b[4] !== "")));
  return dir;
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
  const dir = makeData(n);
  if (values["data-only"]) {
    console.log(`N=${n}: data in ${dir} (build it with TOUMING_DATA=${dir} npm run build -- --out DIR)`);
    continue;
  }
  const out = join(work, `dist-${n}`);
  const started = performance.now();
  // The same heap limit as `npm run build` (package.json).
  const r = spawnSync(process.execPath, ["--max-old-space-size=1536", join(root, "scripts/build.ts"), "--out", out], {
    cwd: root,
    env: { ...process.env, TOUMING_DATA: dir },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = (performance.now() - started) / 1000;
  if (r.status !== 0) {
    console.error(r.stdout, r.stderr);
    throw new Error(`build of ${n} reports failed`);
  }
  const rss = Number(/peak RSS (\d+) KiB/u.exec(r.stdout)?.[1] ?? Number.NaN) / 1024;
  const size = duSize(out);
  const line = `N=${n}: wall ${seconds.toFixed(1)} s, ${((seconds * 1000) / n).toFixed(0)} ms/report, peak RSS ${rss.toFixed(0)} MiB, output ${size.files} files ${(size.bytes / 2 ** 20).toFixed(1)} MiB`;
  console.log(line);
  console.log(breakdown(out, n));
  rows.push(line);
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
  if (!values.keep) rmSync(out, { recursive: true, force: true });
}
mkdirSync(work, { recursive: true });
writeFileSync(join(work, "results.txt"), `${rows.join("\n")}\n`);
