/**
 * Synthetic data for the benchmark and the sharding test: N reports made from the bundled ones (scripts/bench.ts).
 */
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { writeCsv } from "../src/lib/csv.ts";

/** Synthetic cities of the benchmark province (a province like 山西 has 11 cities). */
const CITIES = 11;

/**
 * N reports shaped like a province's: report i is seed i mod 5, published in synthetic city (i / 5) mod 11 by that
 * city's copy number (i / 55) of the seed's department, so each department has the seed's years and kinds, a unit
 * stays under its department, and each department kind (one per copy number) spans every city — the comparison pages
 * compare at most 2 departments × 11 cities, as a real province's would.
 */
export function makeBenchData(n: number, data: string, dir: string): string {
  const seeds = readdirSync(join(data, "reports")).sort();
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

