/** Reference lists: cities, department kinds and departments, with their stable ASCII ids. */
import { parseCsv } from "./csv.ts";
import type { Problem } from "./problems.ts";

export interface City {
  name: string;
  id: string;
  province: string;
  province_id: string;
}
export interface DepartmentKind {
  id: string;
  name: string;
}
export interface Department {
  name: string;
  city: string;
  id: string;
  kind: string;
  parent: string;
}
export interface Reference {
  cities: City[];
  kinds: DepartmentKind[];
  departments: Department[];
}

export const SAFE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/u;

const COLUMNS = {
  cities: ["name", "id", "province", "province_id"],
  kinds: ["id", "name"],
  departments: ["name", "city", "id", "kind", "parent"],
} as const;

export const REFERENCE_FILES = {
  cities: "cities.csv",
  kinds: "department-kinds.csv",
  departments: "departments.csv",
} as const;

/** Parses and checks the three reference lists (texts keyed like REFERENCE_FILES). */
export function parseReference(texts: Record<keyof Reference, { file: string; text: string }>): {
  reference: Reference;
  problems: Problem[];
} {
  const problems: Problem[] = [];
  const read = <K extends keyof Reference>(key: K): Reference[K] => {
    const { file, text } = texts[key];
    const { table, problems: p } = parseCsv(text, file);
    problems.push(...p);
    const expected = COLUMNS[key];
    if (table.header.join(",") !== expected.join(",")) {
      problems.push({ file, line: 1, value: table.header.join(","), rule: `header must be exactly ${expected.join(",")}` });
      return [] as unknown as Reference[K];
    }
    for (const { line, record } of table.rows) {
      for (const col of expected) {
        const v = record[col] ?? "";
        const isId = col === "id" || col === "province_id" || (key === "departments" && (col === "city" || col === "kind"));
        if (isId && !SAFE_ID.test(v)) problems.push({ file, line, column: col, value: v, rule: "must be a safe id: lower-case ASCII letters and digits joined by single hyphens" });
        if (!isId && col !== "parent" && v.trim() === "") problems.push({ file, line, column: col, value: v, rule: "must not be empty" });
      }
    }
    return table.rows.map((r) => r.record) as unknown as Reference[K];
  };
  const reference: Reference = { cities: read("cities"), kinds: read("kinds"), departments: read("departments") };
  const unique = (file: string, values: string[], what: string) => {
    const seen = new Set<string>();
    values.forEach((v, i) => {
      if (seen.has(v)) problems.push({ file, line: i + 2, value: v, rule: `duplicate ${what}` });
      seen.add(v);
    });
  };
  unique(texts.cities.file, reference.cities.map((c) => c.id), "city id");
  unique(texts.cities.file, reference.cities.map((c) => c.name), "city name");
  unique(texts.kinds.file, reference.kinds.map((k) => k.id), "kind id");
  unique(texts.departments.file, reference.departments.map((d) => d.name), "department name");
  unique(texts.departments.file, reference.departments.map((d) => `${d.city}-${d.id}`), "department id within its city");
  reference.departments.forEach((d, i) => {
    const file = texts.departments.file;
    if (!reference.cities.some((c) => c.id === d.city)) problems.push({ file, line: i + 2, column: "city", value: d.city, rule: `no such city id in ${REFERENCE_FILES.cities}` });
    if (!reference.kinds.some((k) => k.id === d.kind)) problems.push({ file, line: i + 2, column: "kind", value: d.kind, rule: `no such kind id in ${REFERENCE_FILES.kinds}` });
    if (d.parent === "") return;
    const parent = reference.departments.find((p) => p.name === d.parent);
    const at = { file, line: i + 2, column: "parent", value: d.parent };
    if (d.parent === d.name) problems.push({ ...at, rule: "a department cannot be its own parent (leave parent empty for a department; a unit names the department it belongs to)" });
    else if (!parent) problems.push({ ...at, rule: "parent must be the name of another department in this file" });
    else if (parent.city !== d.city) problems.push({ ...at, rule: `parent must be a department of the same city: ${d.parent} is in ${parent.city}, ${d.name} in ${d.city}` });
    else {
      const chain = [d.name];
      for (let p: Department | undefined = parent; p && p.parent !== ""; p = reference.departments.find((x) => x.name === p?.parent)) {
        chain.push(p.name);
        if (p.parent === d.name) {
          problems.push({ ...at, rule: `parent links form a cycle: ${[...chain, d.name].join(" → ")} (a unit's parent must lead to a department without a parent)` });
          break;
        }
        if (chain.includes(p.parent)) break; // a cycle that does not pass through d: reported on its own members' lines
      }
    }
  });
  return { reference, problems };
}
