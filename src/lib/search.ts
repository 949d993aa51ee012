/**
 * The site search's records (Pagefind, src/lib/search-index.ts): one per report, one per report's 绩效 page — each of
 * its tables a section of that record, so that a project is found as a sub-result linked to its table (#perf-N), while
 * the index holds one page per report instead of one per table (a province has 200,000 绩效 tables: with a record
 * each the index did not build, and every query loaded their list) — and one per department, city and glossary term.
 * Each holds the
 * words a reader would search for — names, 科目, 情况说明, a project's purpose and indicators — not the numbers of
 * the tables, which are many and searched for by nobody: the index stays small and quick to build, and a report's
 * records are made once, in its pass, and cached with it. Personal data on the 绩效 forms (names, phones) is left out.
 */
import type { ReportMeta, Report } from "./model.ts";
import type { CityNode, DepartmentNode, GlossaryTerm } from "./catalog.ts";
import { reportTitle } from "./format.ts";
import { routes } from "./paths.ts";
import { isPersonalField, KIND_SHORT, tableName, blockId } from "./performance-view.ts";

export interface SearchRecord {
  /** Path relative to the site's base, with its anchor. */
  url: string;
  content: string;
  /** Parts of the page found on their own (Pagefind's sub-results): each has its anchor on the page, a title and words. */
  sections?: { id: string; title: string; content: string }[];
  meta: { title: string; type: string; department?: string; year?: string };
  filters: Record<string, string[]>;
}

/** The fields of a 绩效 form that say what the project is (its first ABOUT_CHARS characters each). */
const ABOUT = /项目概况|项目内容|主要内容|总体目标|年度目标|绩效目标|用途/u;
const ABOUT_CHARS = 200;

const kindName = (meta: ReportMeta) => (meta.kind === "budget" ? "部门预算" : "部门决算");
const unique = (list: Iterable<string>) => [...new Set([...list].map((s) => s.trim()).filter(Boolean))];

function reportFacets(meta: ReportMeta, type: string): Pick<SearchRecord, "filters"> & { meta: Omit<SearchRecord["meta"], "title"> } {
  return {
    meta: { type, department: meta.department.name, year: String(meta.year) },
    filters: { 类型: [type], 城市: [meta.city.name], 年度: [String(meta.year)] },
  };
}

/** A report's records: the report (its 概况, 科目 and row names, 情况说明) and each of its 绩效 tables. */
export function reportRecords(report: Report): SearchRecord[] {
  const { meta } = report;
  const rowNames = unique(
    report.tables.flatMap((t) => t.rows.flatMap((r) => r.cells.filter((_, i) => t.columns[i]?.role === "label" || t.columns[i]?.role === "code").filter((c) => !/^[\d.\s-]*$/u.test(c)))),
  );
  const narrative = report.narrative.flatMap((s) => [s.heading, ...s.blocks.map((b) => b.text ?? (b.cells ?? []).join(" "))]);
  const records: SearchRecord[] = [
    {
      url: routes.report(meta.id),
      content: unique([
        `${meta.department.name} ${meta.year}年${kindName(meta)} ${meta.title}`,
        meta.city.name,
        meta.department.kindName,
        ...report.overview.duties.map((l) => l.text),
        ...report.overview.organization.map((l) => l.text),
        ...report.tables.map((t) => t.title ?? t.standardTitle),
        rowNames.join(" "),
        ...narrative,
      ]).join("\n"),
      meta: { title: reportTitle(meta), ...reportFacets(meta, kindName(meta)).meta },
      filters: reportFacets(meta, kindName(meta)).filters,
    },
  ];
  // The 绩效 page's record: per table what the project is and what it is for, not every paragraph of the form (the
  // index's build time and size grow with its text).
  const about = (f: { label: string; value: string }) => ABOUT.test(f.label) && !isPersonalField(f.label);
  if (report.performance.length > 0) {
    const facets = reportFacets(meta, "绩效项目");
    records.push({
      url: routes.reportPerformance(meta.id),
      content: `${meta.department.name} ${meta.year}年${kindName(meta)} 项目绩效`,
      sections: report.performance.map((t, i) => ({
        id: blockId(i),
        title: `${tableName(t)}（${KIND_SHORT[t.kind]}）`,
        content: unique([
          t.implementingUnit ?? "",
          ...[...t.fields, ...t.conclusions].filter(about).map((f) => `${f.label}：${[...f.value].slice(0, ABOUT_CHARS).join("")}`),
          unique(t.indicators.map((x) => x.level3)).join(" "),
        ]).join("\n"),
      })),
      meta: { title: `${reportTitle(meta)} · 项目绩效`, ...facets.meta },
      filters: facets.filters,
    });
  }
  return records;
}

/** A department's or unit's record. */
export function departmentRecord(d: DepartmentNode): SearchRecord {
  const type = d.parent ? "单位" : "部门";
  return {
    url: routes.department(d.city.id, d.id),
    content: unique([d.name, d.city.name, d.kind.name, d.parent?.name ?? "", ...d.units.map((u) => u.name), ...d.reports.map((m) => `${m.year}年${kindName(m)}`)]).join("\n"),
    meta: { title: d.name, type, department: d.name },
    filters: { 类型: [type], 城市: [d.city.name] },
  };
}

export function cityRecord(c: CityNode): SearchRecord {
  return {
    url: routes.city(c.id),
    content: unique([c.name, c.province, ...c.departments.map((d) => d.name)]).join("\n"),
    meta: { title: c.name, type: "城市" },
    filters: { 类型: ["城市"], 城市: [c.name] },
  };
}

export function glossaryRecord(t: GlossaryTerm): SearchRecord {
  return {
    url: `${routes.glossary()}#${t.slug}`,
    content: [t.term, ...t.definitions.map((d) => d.text)].join("\n"),
    meta: { title: `${t.term}（名词解释）`, type: "名词解释" },
    filters: { 类型: ["名词解释"] },
  };
}
