/**
 * npm run bench:checks [-- --mutations N --seed S]
 * The mutation benchmark of the checks: changes one published amount of a seed report at a time (by more than any
 * rounding tolerance), runs every check on the changed report, and counts the changes that at least one check catches
 * and names (a new failure whose cells include the changed cell). Prints the share caught, overall, for tables with
 * codes, and per table, and the changes no check caught.
 */
import { parseArgs } from "node:util";
import { runChecks } from "../src/lib/checks/index.ts";
import type { CheckResult } from "../src/lib/checks/types.ts";
import { loadSiteOrThrow } from "../src/lib/load.ts";
import type { Report } from "../src/lib/model.ts";
import { dataPaths, fsReader, projectValidators } from "../src/lib/node-io.ts";
import { displayLabel } from "../src/lib/format.ts";
import { isDecimal } from "../src/lib/text.ts";
import { add, formatDec, parseDec } from "../src/lib/decimal.ts";

const { values } = parseArgs({ options: { mutations: { type: "string", default: "2000" }, seed: { type: "string", default: "20261201" } } });
const count = Number(values.mutations);
let state = Number(values.seed) >>> 0;
/** mulberry32: a small deterministic generator, so a run can be repeated. */
function random(): number {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

interface Target {
  report: number;
  table: number;
  row: number;
  col: number;
  coded: boolean;
}

const context = { maxYear: new Date().getUTCFullYear() + 1 };
const reports = loadSiteOrThrow(fsReader, dataPaths(), projectValidators()).reports;
const key = (r: CheckResult) => `${r.check}|${r.place}|${r.expected}|${r.found}`;
const baseline = reports.map((r) => new Set(runChecks(r, context).results.filter((x) => x.status === "fail").map(key)));
const targets: Target[] = [];
reports.forEach((report, ri) =>
  report.tables.forEach((table, ti) => {
    if (table.state !== "present") return;
    const coded = table.columns.some((c) => c.role === "code");
    table.rows.forEach((row, rw) => {
      if (row.heading) return;
      table.columns.forEach((c, ci) => {
        if (c.role === "value" && isDecimal(row.cells[ci] ?? "")) targets.push({ report: ri, table: ti, row: rw, col: ci, coded });
      });
    });
  }),
);

/** A change bigger than any tolerance: ±(1 … 500) units of the cell's last printed decimal, at least 0.1 万元. */
function mutate(value: string): string {
  const d = parseDec(value) as NonNullable<ReturnType<typeof parseDec>>;
  const magnitude = BigInt(Math.max(10 ** Math.max(0, d.scale - 1), Math.ceil(random() * 500 * 10 ** d.scale) / 10 ** 0));
  const sign = random() < 0.5 && d.units - magnitude >= 0n ? -1n : 1n;
  return formatDec(add(d, { units: sign * magnitude, scale: d.scale }), d.scale);
}

const tally = new Map<string, { n: number; caught: number }>();
const misses: string[] = [];
let caught = 0;
let codedN = 0;
let codedCaught = 0;
const started = performance.now();
for (let k = 0; k < count; k++) {
  const t = targets[Math.floor(random() * targets.length)] as Target;
  const original = reports[t.report] as Report;
  const report = structuredClone(original);
  const table = report.tables[t.table] as Report["tables"][number];
  const row = table.rows[t.row] as Report["tables"][number]["rows"][number];
  const before = row.cells[t.col] as string;
  const after = mutate(before);
  row.cells[t.col] = after;
  const column = table.columns[t.col]?.key;
  const hit = runChecks(report, context).results.some(
    (r) => r.status === "fail" && !(baseline[t.report] as Set<string>).has(key(r)) && r.cells.some((c) => c.table === table.no && c.line === row.line && c.column === column),
  );
  const label = `${report.meta.kind === "final" ? "决算" : "预算"} ${displayLabel(report.meta.kind, table.no)}`;
  const entry = tally.get(label) ?? { n: 0, caught: 0 };
  entry.n++;
  if (hit) {
    entry.caught++;
    caught++;
  } else misses.push(`${report.meta.id} ${label} line ${row.line} “${table.columns[t.col]?.label}”: ${before} → ${after}`);
  if (t.coded) {
    codedN++;
    if (hit) codedCaught++;
  }
  tally.set(label, entry);
}
const pct = (a: number, b: number) => (b === 0 ? "—" : `${((100 * a) / b).toFixed(1)} %`);
console.log(`${count} single-cell changes over ${targets.length} amounts of ${reports.length} reports (seed ${values.seed}), ${((performance.now() - started) / 1000).toFixed(1)} s`);
console.log(`caught and named: ${caught} of ${count} = ${pct(caught, count)}`);
console.log(`in tables with codes: ${codedCaught} of ${codedN} = ${pct(codedCaught, codedN)}`);
for (const [label, e] of [...tally].sort()) console.log(`  ${label.padEnd(14)} ${String(e.caught).padStart(5)} / ${String(e.n).padEnd(5)} ${pct(e.caught, e.n)}`);
if (misses.length > 0) {
  console.log(`not caught (${misses.length}${misses.length > 40 ? ", first 40" : ""}):`);
  for (const m of misses.slice(0, 40)) console.log(`  ${m}`);
}
