/**
 * Charts across reports: a department over the years, and like departments across cities. They are built from
 * small per-report summaries (the key figures and the report charts, computed once per report by the same functions
 * the report page uses), so comparing never re-reads a table differently.
 *
 * Like with like: budgets are compared with budgets and final accounts with final accounts; the 功能分类 of several
 * reports is read from the same table for all of them (支出总表 when every report has it, else the 一般公共预算
 * table); years are printed on every series and a note says when they differ.
 */
import { compareReports, compareText, yearSpan } from "../catalog.ts";
import { FIGURE_NAMES, keyFigures, type FigureKey } from "../figures.ts";
import { displayLabel, KIND_NAMES, yearKind } from "../format.ts";
import { tableLabel } from "../templates.ts";
import { oneUnit } from "./units.ts";
import type { Report, ReportKind, ReportMeta } from "../model.ts";
import { routes } from "../paths.ts";
import { figureStatements, statementViews } from "../export/changes.ts";
import { share, type Chart, type ChartRow, type ChartSeries, type ChartValue, type Gap } from "./model.ts";
import { classificationCharts, threePublic as threePublicChart, THREE_PUBLIC_ITEMS } from "./report.ts";

export interface ClassSummary {
  /** The 类 rows (3-digit codes) of the 功能分类 chart. */
  rows: ChartRow[];
  total?: ChartValue;
  basic?: ChartValue;
  project?: ChartValue;
}

export interface ReportSummary {
  meta: ReportMeta;
  figures: Record<FigureKey, ChartValue>;
  /** 功能分类 read from 表3 and from 表5, where present. */
  classes: Partial<Record<3 | 5, ClassSummary>>;
  /** “三公”经费 by item: the budget's 预算数, the final accounts' 决算数. */
  threePublic: { absent?: string; gap?: Gap; total?: ChartValue; items: Record<string, ChartValue | undefined> };
  /** A key figure's previous-year value as the report's 情况说明 states or implies it, with the year it is of. */
  stated: Partial<Record<FigureKey, { year: number; value: ChartValue }>>;
}

/** What the cross-report charts need of a report: a few kilobytes, small enough to keep for every report of a province. */
export function summarize(report: Report): ReportSummary {
  const figures = {} as Record<FigureKey, ChartValue>;
  const keyed = keyFigures(report);
  for (const f of keyed) {
    figures[f.key] =
      f.value !== undefined && f.cell
        ? { value: f.value, unit: f.unit, ref: { report: report.meta.id, table: f.table, line: f.cell.row.line, column: f.cell.column.key } }
        : f.gap === "blank"
          ? { value: "" }
          : { value: "", absent: f.absent ?? "原文缺少", gap: f.gap === "none" || f.gap === "empty" ? f.gap : "missing" };
  }
  const classes: ReportSummary["classes"] = {};
  for (const no of [3, 5] as const) {
    const c = classificationCharts(report, no);
    if (!c) continue;
    const basic = c.basic.rows.find((r) => r.key === "basic")?.values[0];
    const project = c.basic.rows.find((r) => r.key === "project")?.values[0];
    classes[no] = {
      rows: c.func.rows.filter((r) => r.depth === 1),
      ...(c.func.total ? { total: c.func.total.value } : {}),
      ...(basic ? { basic } : {}),
      ...(project ? { project } : {}),
    };
  }
  const tp = threePublicChart(report);
  let threePublic: ReportSummary["threePublic"] = { absent: tp.absent ?? "", ...(tp.gap ? { gap: tp.gap } : {}), items: {} };
  if (!tp.absent) {
    // Final accounts print 预算数 and 决算数; the 决算数 is what was spent.
    const i = report.meta.kind === "final" ? tp.series.findIndex((sr) => sr.key === "actual") : 0;
    const total = report.meta.kind === "final" ? tp.series[i]?.total : tp.total?.value;
    threePublic = { ...(total ? { total } : {}), items: Object.fromEntries(tp.rows.map((r) => [r.key, r.values[i]])) };
  }
  const stated: ReportSummary["stated"] = {};
  for (const [key, v] of figureStatements(keyed, statementViews(report))) {
    const s = v.statement;
    if (!s.baseValue || s.baseValue.unit === "%") continue;
    stated[key] = {
      year: s.base.year ?? report.meta.year - 1,
      value: { value: s.baseValue.value, unit: s.baseValue.unit, stated: { report: report.meta.id, by: yearKind(report.meta), base: s.base.text, implied: s.baseValue.implied, statement: v.no } },
    };
  }
  return { meta: report.meta, figures, classes, threePublic, stated };
}

/** Reports oldest first, a year's budget before its final accounts. */
const chronological = (a: ReportSummary, b: ReportSummary) => compareReports(b.meta, a.meta);

const reportSeries = (s: ReportSummary, label: string): ChartSeries => ({
  key: s.meta.id,
  label,
  kind: s.meta.kind,
  year: s.meta.year,
  report: s.meta.id,
});


/**
 * Which classification table to read for a set of reports: 3 if all have it, else 5 if all have it, else 3 (the
 * reports without it are shown as missing).
 */
function classificationBasis(summaries: readonly ReportSummary[]): { no: 3 | 5; note?: string } {
  if (summaries.every((s) => s.classes[3])) return { no: 3 };
  if (summaries.every((s) => s.classes[5])) {
    const without = summaries.filter((s) => !s.classes[3]).map((s) => `${s.meta.department.name}${yearKind(s.meta)}`);
    return {
      no: 5,
      note: `${without.join("、")}原文缺少支出总表，为了同口径比较，本图一律采用一般公共预算财政拨款支出表（各报告的表五或公开05表），不是全部资金。`,
    };
  }
  return { no: 3, note: "有的报告缺少支出总表（表三或公开03表），图中标为“缺”；报告本来没有的类标为“无此项”。" };
}

const basisName = (no: 3 | 5) =>
  no === 3 ? "各报告的支出总表（预算表三《预算支出总表》或决算公开03表《支出决算表》）" : `各报告的一般公共预算财政拨款支出表（预算${displayLabel("budget", 5)}或决算${displayLabel("final", 5)}）`;

const missingValue = (s: ReportSummary, no: 3 | 5): ChartValue => ({
  value: "",
  absent: `原文缺少${tableLabel(s.meta, no)}`,
  gap: "missing",
});

/** Rows of 类 (3-digit codes) across several reports, by code; each series' value where that report has the 类. */
function classRows(summaries: readonly ReportSummary[], no: 3 | 5, value: (s: ReportSummary, v: ChartValue | undefined) => ChartValue | undefined): ChartRow[] {
  const labels = new Map<string, string>();
  for (const s of summaries) for (const r of s.classes[no]?.rows ?? []) if (r.depth === 1 && !labels.has(r.code ?? r.key)) labels.set(r.code ?? r.key, r.label);
  return [...labels]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([code, label]) => ({
      key: code,
      code,
      label,
      depth: 1,
      values: summaries.map((s) => {
        const c = s.classes[no];
        if (!c) return missingValue(s, no);
        return value(s, c.rows.find((r) => r.code === code)?.values[0]);
      }),
    }));
}

const TREND_FIGURES: FigureKey[] = ["income", "expenditure", "basic", "project", "appropriation", "threePublic"];

/** A department's charts: its key figures over the years, and its spending by 类 in every report. */
export function departmentCharts(cityId: string, departmentId: string, summaries: readonly ReportSummary[]): Chart[] {
  const list = [...summaries].sort(chronological);
  if (list.length === 0) return [];
  const years = [...new Set(list.map((s) => s.meta.year))].sort((a, b) => a - b);
  const period = yearSpan(years);
  const series = list.map((s) => reportSeries(s, yearKind(s.meta)));
  // What each report's 情况说明 says of the year before (a series per report and year), drawn apart from the tables.
  const stated = list.flatMap((s) =>
    [...new Set(Object.values(s.stated).map((x) => x.year))].map((year) => ({
      summary: s,
      year,
      series: { key: `${s.meta.id}-stated-${year}`, label: `${year}年（${yearKind(s.meta)}文中所述）`, year, report: s.meta.id, stated: true } as ChartSeries,
    })),
  );
  const figures: Chart = {
    id: "figures",
    type: "trend",
    title: "主要数字历年变化",
    period,
    unit: list[0]?.meta.unit ?? "万元",
    basis: "各报告的主要数字（见各报告页），预算与决算分开画线",
    series: [...series, ...stated.map((x) => x.series)],
    rows: TREND_FIGURES.map((key) => ({
      key,
      label: FIGURE_NAMES[key],
      depth: 1,
      values: [...list.map((s) => s.figures[key]), ...stated.map((x) => (x.summary.stated[key]?.year === x.year ? x.summary.stated[key]?.value : undefined))],
    })),
    notes: [
      "预算是年初的安排，决算是年度实际的收支，两者分开画，不连成一条线。",
      ...(stated.length > 0 ? ["空心菱形是报告情况说明里所说的上年数（原文写出的，或由本年数和增减额推出的，表中注明），不是表格里的数，不与表格数连线；其比较基数（上年预算、上年决算或未说明）见表中注明。"] : []),
    ],
    csv: routes.departmentChart(cityId, departmentId, "figures"),
  };
  const basis = classificationBasis(list);
  const classes: Chart = {
    id: "classes",
    type: "bars",
    title: "各年支出按功能分类（类）",
    period,
    unit: list[0]?.meta.unit ?? "万元",
    basis: `${basisName(basis.no)}的“类”级科目与合计`,
    series: withTotals(series, list, (s) => s.classes[basis.no]?.total),
    rows: classRows(list, basis.no, (_, v) => v ?? { value: "", absent: "该报告没有这一类", gap: "none" }),
    notes: basis.note ? [basis.note] : [],
    csv: routes.departmentChart(cityId, departmentId, "classes"),
  };
  return [oneUnit(figures), oneUnit(classes)];
}

export interface Comparison {
  kind: ReportKind;
  /** The latest report of this kind of each department compared, by city. */
  reports: ReportSummary[];
  charts: Chart[];
  notes: string[];
}

/**
 * Departments of one kind (e.g. 民政) across cities. For budgets and for final accounts separately, each
 * department's latest report of that kind is compared: totals, 类 as shares of the total, 基本/项目 as shares, and
 * “三公”经费 by item.
 */
export function comparisonCharts(kindId: string, summaries: readonly ReportSummary[]): Comparison[] {
  const departments = summaries.filter((s) => s.meta.level === "department" && s.meta.department.kind === kindId);
  return (["budget", "final"] as const).flatMap((kind) => {
    const latest = new Map<string, ReportSummary>();
    for (const s of departments.filter((d) => d.meta.kind === kind).sort(chronological)) latest.set(`${s.meta.city.id}-${s.meta.department.id}`, s);
    const reports = [...latest.values()].sort((a, b) => compareText(a.meta.city.name, b.meta.city.name) || compareText(a.meta.department.name, b.meta.department.name));
    if (reports.length === 0) return [];
    const years = [...new Set(reports.map((s) => s.meta.year))].sort((a, b) => a - b);
    const notes: string[] = [];
    if (years.length > 1) {
      notes.push(`比较的${KIND_NAMES[kind]}年份不同：${reports.map((s) => `${s.meta.department.name}为${s.meta.year}年`).join("，")}。`);
    }
    if (reports.length === 1) notes.push(`目前只有一个城市的${KIND_NAMES[kind]}，无从比较，先列出它的数字。`);
    const series = reports.map((s) => reportSeries(s, `${s.meta.department.name} ${yearKind(s.meta)}`));
    const period = `${yearSpan(years)}${KIND_NAMES[kind]}`;
    const unit = reports[0]?.meta.unit ?? "万元";
    /** A bar chart of this comparison: the same kind of report, period and CSV place for all four. */
    const bars = (key: string, c: Pick<Chart, "title" | "unit" | "basis" | "series" | "rows" | "notes">): Chart => ({
      id: `${kind}-${key}`,
      type: "bars",
      period,
      csv: routes.compareChart(kindId, `${kind}-${key}`),
      ...c,
    });
    const totals = bars("totals", {
      title: "收支总额",
      unit,
      basis: "各报告的收入总计、支出总计和财政拨款收入总计（收支总表、财政拨款收支总表）",
      series,
      rows: (["income", "expenditure", "appropriation"] as const).map((key) => ({ key, label: FIGURE_NAMES[key], depth: 1, values: reports.map((s) => s.figures[key]) })),
      notes: [],
    });
    const basis = classificationBasis(reports);
    const totalOf = (s: ReportSummary) => s.classes[basis.no]?.total;
    const shareNote = "占比 = 该项金额 ÷ 同一张表的合计，由本站计算，保留一位小数；金额本身见数据表。";
    const shareNotes = [shareNote, ...(basis.note ? [basis.note] : [])];
    const shares = bars("shares", {
      title: "支出结构：各类支出占比",
      unit: "%",
      basis: `${basisName(basis.no)}的“类”级科目与合计`,
      series: withTotals(series, reports, totalOf),
      rows: classRows(reports, basis.no, (s, v) => (v ? share(v, totalOf(s)) : { value: "", absent: "该报告没有这一类", gap: "none" })),
      notes: shareNotes,
    });
    const basicShares = bars("basic", {
      title: "基本支出与项目支出占比",
      unit: "%",
      basis: `${basisName(basis.no)}的合计行`,
      series: shares.series,
      rows: (["basic", "project"] as const).map((key) => ({
        key,
        label: key === "basic" ? "基本支出" : "项目支出",
        depth: 1,
        values: reports.map((s) => {
          const c = s.classes[basis.no];
          if (!c) return missingValue(s, basis.no);
          const v = c[key];
          return v ? share(v, totalOf(s)) : { value: "", absent: "表中没有此栏", gap: "none" };
        }),
      })),
      notes: shareNotes,
    });
    const threePublic = bars("three-public", {
      title: "“三公”经费",
      unit,
      basis: kind === "budget" ? "各报告的《财政拨款安排“三公”经费支出预算表》合计栏" : "各报告的公开09表《财政拨款“三公”经费支出决算表》决算数",
      series: withTotals(series, reports, (s) => s.threePublic.total),
      rows: THREE_PUBLIC_ITEMS.map((item) => ({
        key: item.key,
        label: item.name,
        depth: 1,
        values: reports.map((s) =>
          s.threePublic.absent ? { value: "", absent: s.threePublic.absent, gap: s.threePublic.gap ?? "missing" } : (s.threePublic.items[item.key] ?? { value: "", absent: "表中没有此项", gap: "none" }),
        ),
      })),
      notes: [],
    });
    return [{ kind, reports, charts: [totals, shares, basicShares, threePublic].map(oneUnit), notes }];
  });
}

/** Each report's series with the total `of` gives it, where there is one. */
function withTotals(series: ChartSeries[], reports: readonly ReportSummary[], of: (s: ReportSummary) => ChartValue | undefined): ChartSeries[] {
  return series.map((sr, i) => {
    const total = of(reports[i] as ReportSummary);
    return total ? { ...sr, total } : sr;
  });
}

/** Department kinds with departments in at least two cities: each has a comparison page. */
export function comparableKinds(metas: readonly ReportMeta[]): { id: string; name: string; cities: string[] }[] {
  const kinds = new Map<string, { id: string; name: string; cities: Set<string> }>();
  for (const m of metas) {
    if (m.level !== "department") continue;
    const k = kinds.get(m.department.kind) ?? { id: m.department.kind, name: m.department.kindName, cities: new Set<string>() };
    k.cities.add(m.city.name);
    kinds.set(m.department.kind, k);
  }
  return [...kinds.values()]
    .filter((k) => k.cities.size >= 2)
    .map((k) => ({ id: k.id, name: k.name, cities: [...k.cities].sort(compareText) }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}
