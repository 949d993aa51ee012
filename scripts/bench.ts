/**
 * npm run bench [-- --sizes 100,1000]
 * Builds the site from N synthetic reports (the five seed reports copied under new department names and ids) and
 * reports the build's wall time, time per report, peak memory (max RSS of the build process) and output size.
 * Numbers, not assertions: quote them in notes.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { writeCsv } from "../src/lib/csv.ts";
import { root } from "../src/lib/node-io.ts";

const { values } = parseArgs({ options: { sizes: { type: "string", default: "100,1000" }, keep: { type: "boolean", default: false } } });
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

/** N reports: report i is seed i mod 5 published by a synthetic department `<name>（样例i）` with id `<id>-si`. */
function makeData(n: number): string {
  const dir = join(work, `data-${n}`);
  rmSync(dir, { recursive: true, force: true });
  cpSync(join(data, "reference"), join(dir, "reference"), { recursive: true });
  const departments = readFileSync(join(dir, "reference/departments.csv"), "utf8").trimEnd().split("\n");
  const extra: string[][] = [];
  for (let i = 0; i < n; i++) {
    const seed = seeds[i % seeds.length] as string;
    const doc = JSON.parse(readFileSync(join(data, "reports", seed, "report.json"), "utf8"));
    const meta = doc.meta;
    const name = `${meta.department.name}（样例${i}）`;
    const deptId = `${meta.department.id}-s${i}`;
    const id = `${meta.city.id}-${deptId}-${meta.year}-${meta.kind}`;
    extra.push([name, meta.city.id, deptId, meta.department.kind, meta.parent ? (meta.parent.name as string) : ""]);
    const target = join(dir, "reports", id);
    cpSync(join(data, "reports", seed), target, { recursive: true });
    doc.meta = { ...meta, id, department: { ...meta.department, name, id: deptId } };
    writeFileSync(join(target, "report.json"), `${JSON.stringify(doc, null, 2)}\n`);
    const perf = JSON.parse(readFileSync(join(target, "performance.json"), "utf8"));
    perf.reportId = id;
    writeFileSync(join(target, "performance.json"), `${JSON.stringify(perf, null, 2)}\n`);
  }
  writeFileSync(join(dir, "reference/departments.csv"), `${departments.join("\n")}\n${writeCsv(["name", "city", "id", "kind", "parent"], extra).split("\n").slice(1).join("\n")}`);
  return dir;
}

console.log(`machine: ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
const rows: string[] = [];
for (const n of sizes) {
  const dir = makeData(n);
  const out = join(work, `dist-${n}`);
  const started = performance.now();
  const r = spawnSync(process.execPath, [join(root, "scripts/build.ts"), "--out", out], {
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
  rows.push(line);
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
  if (!values.keep) rmSync(out, { recursive: true, force: true });
}
mkdirSync(work, { recursive: true });
writeFileSync(join(work, "results.txt"), `${rows.join("\n")}\n`);
