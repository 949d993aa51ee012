/**
 * The site's catalogue: reports grouped by city → department → unit, the site's counts, key figures side by side and
 * the glossary gathered across reports. Pure functions of the reference lists and report metadata; every list comes
 * out sorted, so pages built from it are deterministic.
 */
import type { FigureDigest, FigureKey } from "./figures.ts";
import type { GlossaryEntry, NamedId, ReportKind, ReportMeta } from "./model.ts";
import type { Reference } from "./reference.ts";

const collator = new Intl.Collator("zh-CN", { ignorePunctuation: true });

/** Chinese text in pinyin order (punctuation such as “” ignored), ties broken by code points so the order is total. */
export function compareText(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** The first character of each pinyin initial in the zh-CN collation order (no I, U, V: no syllable starts with them). */
const INITIALS: [string, string][] = [
  ["A", "阿"], ["B", "芭"], ["C", "擦"], ["D", "搭"], ["E", "蛾"], ["F", "发"], ["G", "噶"], ["H", "哈"], ["J", "击"], ["K", "喀"], ["L", "垃"], ["M", "妈"],
  ["N", "拿"], ["O", "哦"], ["P", "啪"], ["Q", "期"], ["R", "然"], ["S", "撒"], ["T", "塌"], ["W", "挖"], ["X", "昔"], ["Y", "压"], ["Z", "匝"],
];

/**
 * The letter a name is filed under in an A–Z index: the pinyin initial of its first Chinese character (read from the
 * zh-CN collation, no dictionary), the letter itself for a Latin one, `#` otherwise. A polyphonic first character is
 * filed under the reading the collation sorts it by (长治 under Z, as 长 zhǎng): where the list puts it.
 */
export function indexLetter(name: string): string {
  const first = [...name.trim()][0] ?? "";
  if (/^[a-z]$/iu.test(first)) return first.toUpperCase();
  if (!/^\p{Script=Han}$/u.test(first)) return "#";
  let letter = "#";
  for (const [l, bound] of INITIALS) if (collator.compare(first, bound) >= 0) letter = l;
  return letter;
}

const KIND_ORDER: Record<ReportKind, number> = { budget: 0, final: 1 };

/** Newest year first; within a year the budget (the plan) before the final accounts (the outcome); then by name. */
export function compareReports(a: ReportMeta, b: ReportMeta): number {
  return (
    b.year - a.year ||
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
    compareText(a.city.name, b.city.name) ||
    compareText(a.department.name, b.department.name) ||
    compareText(a.id, b.id)
  );
}

export interface DepartmentNode {
  name: string;
  id: string;
  city: NamedId;
  kind: NamedId;
  /** The department a unit belongs to (with its city, for its page); absent for a department. */
  parent?: NamedId & { city: NamedId };
  /** Its own reports, newest first. */
  reports: ReportMeta[];
  /** Its units (单位), by name. */
  units: DepartmentNode[];
  /** It or one of its units has a report: it has a page. */
  hasReports: boolean;
}

export interface CityNode extends NamedId {
  province: string;
  /** Its departments (units are under them), by name. */
  departments: DepartmentNode[];
  /** Reports of the city's departments and units, newest first. */
  reports: ReportMeta[];
}

/**
 * Cities → departments → units (by the `parent` column of departments.csv), each with its reports. Every city and
 * department of the reference lists is included, with or without reports. Throws when a report names a department
 * that is not in the lists, or when `parent` links form a cycle.
 */
export function buildCatalog(reference: Reference, metas: readonly ReportMeta[]): CityNode[] {
  const key = (city: string, id: string) => `${city}\n${id}`;
  const reportsOf = new Map<string, ReportMeta[]>();
  for (const meta of metas) {
    const k = key(meta.city.id, meta.department.id);
    const list = reportsOf.get(k) ?? [];
    list.push(meta);
    reportsOf.set(k, list);
  }
  const known = new Set(reference.departments.map((d) => key(d.city, d.id)));
  const unknown = metas.filter((m) => !known.has(key(m.city.id, m.department.id))).map((m) => m.id);
  if (unknown.length > 0) throw new Error(`reports of departments missing from the reference lists: ${unknown.join(", ")}`);

  const cityName = new Map(reference.cities.map((c) => [c.id, c.name]));
  const kindName = new Map(reference.kinds.map((k) => [k.id, k.name]));
  const byName = new Map(reference.departments.map((d) => [d.name, d]));
  let placed = 0;
  const node = (name: string): DepartmentNode => {
    const d = byName.get(name);
    if (!d) throw new Error(`no department named ${name}`);
    placed++;
    const parent = d.parent === "" ? undefined : byName.get(d.parent);
    const units = reference.departments
      .filter((u) => u.parent === d.name)
      .map((u) => node(u.name))
      .sort((a, b) => compareText(a.name, b.name));
    const reports = [...(reportsOf.get(key(d.city, d.id)) ?? [])].sort(compareReports);
    return {
      name: d.name,
      id: d.id,
      city: { id: d.city, name: cityName.get(d.city) ?? d.city },
      kind: { id: d.kind, name: kindName.get(d.kind) ?? d.kind },
      ...(parent ? { parent: { id: parent.id, name: parent.name, city: { id: parent.city, name: cityName.get(parent.city) ?? parent.city } } } : {}),
      reports,
      units,
      hasReports: reports.length > 0 || units.some((u) => u.hasReports),
    };
  };
  const cities = reference.cities.map((c) => ({
    id: c.id,
    name: c.name,
    province: c.province,
    departments: reference.departments
      .filter((d) => d.city === c.id && d.parent === "")
      .map((d) => node(d.name))
      .sort((a, b) => compareText(a.name, b.name)),
    reports: metas.filter((m) => m.city.id === c.id).sort(compareReports),
  }));
  if (placed !== reference.departments.length) throw new Error("departments.csv: the parent links form a cycle");
  return cities.sort((a, b) => compareText(a.name, b.name));
}

/** Every department and unit of the catalogue, depth first (a department, then its units). */
export function allDepartments(cities: readonly CityNode[]): DepartmentNode[] {
  const walk = (d: DepartmentNode): DepartmentNode[] => [d, ...d.units.flatMap(walk)];
  return cities.flatMap((c) => c.departments.flatMap(walk));
}

/** A city's departments, each followed by its units (depth 0 for a department, 1 for its unit…). */
export function departmentRows(city: CityNode): { department: DepartmentNode; depth: number }[] {
  const walk = (d: DepartmentNode, depth: number): { department: DepartmentNode; depth: number }[] => [
    { department: d, depth },
    ...d.units.flatMap((u) => walk(u, depth + 1)),
  ];
  return city.departments.flatMap((d) => walk(d, 0));
}

/**
 * The departments that have a page (their own reports or a unit's), grouped by department kind so like departments
 * of different cities stand together; their units stay under them.
 */
export function byDepartmentKind(cities: readonly CityNode[]): { kind: NamedId; departments: DepartmentNode[] }[] {
  const groups = new Map<string, { kind: NamedId; departments: DepartmentNode[] }>();
  for (const d of cities.flatMap((c) => c.departments)) {
    if (!d.hasReports) continue;
    const group = groups.get(d.kind.id) ?? { kind: d.kind, departments: [] };
    group.departments.push(d);
    groups.set(d.kind.id, group);
  }
  const order = (a: DepartmentNode, b: DepartmentNode) => compareText(a.city.name, b.city.name) || compareText(a.name, b.name);
  return [...groups.values()].map((g) => ({ ...g, departments: g.departments.sort(order) })).sort((a, b) => compareText(a.kind.name, b.kind.name));
}

export interface SiteStats {
  reports: number;
  cities: number;
  departments: number;
  units: number;
  /** Years covered, oldest first. */
  years: number[];
  kinds: Record<ReportKind, number>;
}

export function siteStats(metas: readonly ReportMeta[]): SiteStats {
  const distinct = (level: ReportMeta["level"]) => new Set(metas.filter((m) => m.level === level).map((m) => `${m.city.id}-${m.department.id}`)).size;
  return {
    reports: metas.length,
    cities: new Set(metas.map((m) => m.city.id)).size,
    departments: distinct("department"),
    units: distinct("unit"),
    years: [...new Set(metas.map((m) => m.year))].sort((a, b) => a - b),
    kinds: { budget: metas.filter((m) => m.kind === "budget").length, final: metas.filter((m) => m.kind === "final").length },
  };
}

/** `2023–2025年`, `2024年`, or `—` for no year (years sorted oldest first). */
export function yearSpan(years: readonly number[]): string {
  if (years.length === 0) return "—";
  const first = years[0] as number;
  const last = years.at(-1) as number;
  return first === last ? `${first}年` : `${first}–${last}年`;
}

/** The first `count` reports, newest first. */
export function latestReports(metas: readonly ReportMeta[], count: number): ReportMeta[] {
  return [...metas].sort(compareReports).slice(0, count);
}

/** Years with at least one report, newest first. */
export function yearsOf(metas: readonly ReportMeta[]): number[] {
  return [...new Set(metas.map((m) => m.year))].sort((a, b) => b - a);
}

/** The reports of one year, budget before final. */
export function reportsOfYear(metas: readonly ReportMeta[], year: number): ReportMeta[] {
  return metas.filter((m) => m.year === year).sort(compareReports);
}

// ---- Key figures side by side ----

export interface FigureColumn {
  meta: ReportMeta;
  figures: FigureDigest[];
}

export interface FigureRow {
  key: FigureKey;
  name: string;
  /** One cell per column, in the columns' order; `figure` absent when that report has no such figure at all. */
  cells: { meta: ReportMeta; figure?: FigureDigest }[];
}

/** Key figures of several reports turned into rows (one per figure) with a cell per report. */
export function figureRows(columns: readonly FigureColumn[]): FigureRow[] {
  const names = new Map<FigureKey, string>();
  for (const c of columns) for (const f of c.figures) if (!names.has(f.key)) names.set(f.key, f.name);
  return [...names].map(([key, name]) => ({
    key,
    name,
    cells: columns.map((c) => {
      const figure = c.figures.find((f) => f.key === key);
      return figure ? { meta: c.meta, figure } : { meta: c.meta };
    }),
  }));
}

// ---- Glossary ----

export interface GlossaryDefinition {
  text: string;
  /** The reports that print this definition, newest first. */
  sources: ReportMeta[];
}

export interface GlossaryTerm {
  term: string;
  /** HTML id of the term on the glossary page. */
  slug: string;
  /** Distinct definitions, the most widely used first. */
  definitions: GlossaryDefinition[];
}

const tidy = (s: string) => s.replace(/\s+/gu, " ").trim();

/** 名词解释 of many reports, grouped by term (pinyin order); identical definitions are merged with all their sources. */
export function collectGlossary(reports: Iterable<{ meta: ReportMeta; glossary: readonly GlossaryEntry[] }>): GlossaryTerm[] {
  const terms = new Map<string, Map<string, ReportMeta[]>>();
  for (const { meta, glossary } of reports) {
    for (const entry of glossary) {
      const term = tidy(entry.term);
      const text = tidy(entry.definition);
      if (term === "") continue;
      const definitions = terms.get(term) ?? new Map<string, ReportMeta[]>();
      const sources = definitions.get(text) ?? [];
      if (!sources.some((m) => m.id === meta.id)) sources.push(meta);
      definitions.set(text, sources);
      terms.set(term, definitions);
    }
  }
  return [...terms]
    .map(([term, definitions]) => ({
      term,
      slug: `term-${term.replace(/\s+/gu, "")}`,
      definitions: [...definitions]
        .map(([text, sources]) => ({ text, sources: sources.sort(compareReports) }))
        .sort((a, b) => b.sources.length - a.sources.length || compareReports(a.sources[0] as ReportMeta, b.sources[0] as ReportMeta) || compareText(a.text, b.text)),
    }))
    .sort((a, b) => compareText(a.term, b.term));
}
