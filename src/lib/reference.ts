/** Reference lists: cities, department kinds and departments, with their stable ASCII ids. */
import { headerProblem, parseCsv } from "./csv.ts";
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
/** The longest id in a reference list: a report id (<city>-<department>-<year>-<kind>) stays within 120 characters. */
export const MAX_ID = 50;

export const REFERENCE_COLUMNS = {
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
export function parseReference(texts: Record<keyof Reference, { file: string; text: string | undefined }>): {
  reference: Reference;
  problems: Problem[];
} {
  const problems: Problem[] = [];
  /** Lists that could not be read: what refers to them is not checked against them (it would only repeat that). */
  const broken = new Set<keyof Reference>();
  const read = <K extends keyof Reference>(key: K): Reference[K] => {
    const { file, text } = texts[key];
    if (text === undefined) {
      broken.add(key);
      return [] as unknown as Reference[K];
    }
    const { table, problems: p } = parseCsv(text, file);
    problems.push(...p);
    const expected = REFERENCE_COLUMNS[key];
    const header = headerProblem(file, table.header, expected, (k) => k, "the reference list's columns");
    if (header) {
      problems.push(header);
      broken.add(key);
      return [] as unknown as Reference[K];
    }
    for (const { line, record } of table.rows) {
      for (const col of expected) {
        const v = record[col] ?? "";
        const isId = col === "id" || col === "province_id" || (key === "departments" && (col === "city" || col === "kind"));
        if (isId && !SAFE_ID.test(v)) problems.push({ file, line, column: col, value: v, rule: "must be a safe id: lower-case ASCII letters and digits joined by single hyphens" });
        else if (isId && v.length > MAX_ID) problems.push({ file, line, column: col, value: v, rule: `must be at most ${MAX_ID} characters (ids make up folder names and URLs; a report id joins four of them)` });
        if (!isId && col !== "parent" && v.trim() === "") problems.push({ file, line, column: col, value: v, rule: "must not be empty" });
      }
    }
    return table.rows.map((r) => r.record) as unknown as Reference[K];
  };
  const reference: Reference = { cities: read("cities"), kinds: read("kinds"), departments: read("departments") };
  /** `values[i]` is what line i + 2 shows in `column`; `keys[i]` what must be unique. */
  const unique = (file: string, column: string, values: string[], keys: string[], what: string) => {
    const seen = new Map<string, number>();
    keys.forEach((k, i) => {
      const first = seen.get(k);
      if (first !== undefined) problems.push({ file, line: i + 2, column, value: values[i] as string, rule: `duplicate ${what} (first on line ${first})` });
      else seen.set(k, i + 2);
    });
  };
  const { cities, kinds, departments } = reference;
  unique(texts.cities.file, "id", cities.map((c) => c.id), cities.map((c) => c.id), "city id");
  unique(texts.cities.file, "name", cities.map((c) => c.name), cities.map((c) => c.name), "city name");
  unique(texts.kinds.file, "id", kinds.map((k) => k.id), kinds.map((k) => k.id), "kind id");
  unique(texts.departments.file, "name", departments.map((d) => d.name), departments.map((d) => d.name), "department name");
  unique(texts.departments.file, "id", departments.map((d) => d.id), departments.map((d) => `${d.city}-${d.id}`), "department id within its city");
  reference.departments.forEach((d, i) => {
    const file = texts.departments.file;
    if (!broken.has("cities") && !reference.cities.some((c) => c.id === d.city)) problems.push({ file, line: i + 2, column: "city", value: d.city, rule: `no such city id in ${REFERENCE_FILES.cities}` });
    if (!broken.has("kinds") && !reference.kinds.some((k) => k.id === d.kind)) problems.push({ file, line: i + 2, column: "kind", value: d.kind, rule: `no such kind id in ${REFERENCE_FILES.kinds}` });
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
