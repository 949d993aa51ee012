/**
 * Chart data of the five bundled reports. Every value a chart draws is checked against the table CSV it points to,
 * read here straight from src/data with PapaParse (not through the loader); shares are recomputed from the two cells
 * they come from; and facts read by hand from the sources pin the choice of cells.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { comparableKinds, comparisonCharts, departmentCharts, summarize, type ReportSummary } from "../../src/lib/charts/compare.ts";
import { chartCsv, CHART_CSV_COLUMNS } from "../../src/lib/charts/csv.ts";
import type { Chart, ChartValue } from "../../src/lib/charts/model.ts";
import { share } from "../../src/lib/charts/model.ts";
import { reportCharts } from "../../src/lib/charts/report.ts";
import { keyFigures } from "../../src/lib/figures.ts";
import { printed } from "../../src/lib/charts/svg.ts";
import { loadSiteOrThrow } from "../../src/lib/load.ts";
import type { Report } from "../../src/lib/model.ts";
import { dataPaths, fsReader, projectValidators } from "../../src/lib/node-io.ts";
import { REPORTS_DIR } from "../import/seeds.ts";

let reports: Report[] = [];
let summaries: ReportSummary[] = [];
const byId = (id: string) => reports.find((r) => r.meta.id === id) as Report;
const chartOf = (id: string, key: string) => reportCharts(byId(id)).find((c) => c.id === key) as Chart;

beforeAll(() => {
  reports = loadSiteOrThrow(fsReader, dataPaths(), projectValidators()).reports;
  summaries = reports.map(summarize);
});

/** The raw text of a table cell, from the dataset CSV on disk. */
const csvCache = new Map<string, Record<string, string>[]>();
function cell(report: string, table: number, line: number, column: string): string | undefined {
  const path = join(REPORTS_DIR, report, "tables", `${String(table).padStart(2, "0")}.csv`);
  let rows = csvCache.get(path);
  if (!rows) {
    rows = Papa.parse<Record<string, string>>(readFileSync(path, "utf8"), { header: true, skipEmptyLines: true }).data;
    csvCache.set(path, rows);
  }
  return rows.find((r) => r.line === String(line))?.[column];
}

/** Every value a chart shows (rows, series totals, the total), with where it is. */
function values(chart: Chart): { where: string; v: ChartValue }[] {
  const out: { where: string; v: ChartValue }[] = [];
  chart.rows.forEach((r) => r.values.forEach((v, i) => v && out.push({ where: `${chart.id}/${r.key}/${chart.series[i]?.label}`, v })));
  chart.series.forEach((s) => s.total && out.push({ where: `${chart.id}/total/${s.label}`, v: s.total }));
  if (chart.total) out.push({ where: `${chart.id}/total`, v: chart.total.value });
  return out;
}

function expectFromCells(chart: Chart): number {
  let checked = 0;
  for (const { where, v } of values(chart)) {
    if (v.amount && v.of) {
      // A share: both amounts are cells, and the share is their ratio to one decimal (or one significant digit).
      for (const part of [v.amount, v.of]) {
        expect(part.ref, where).toBeDefined();
        const r = part.ref!;
        expect(cell(r.report, r.table, r.line, r.column), where).toBe(part.value);
      }
      if (v.value !== "") expect(Math.abs(Number(v.value) - (Number(v.amount.value) / Number(v.of.value)) * 100), where).toBeLessThan(0.051);
      checked++;
    } else if (v.ref) {
      expect(cell(v.ref.report, v.ref.table, v.ref.line, v.ref.column), where).toBe(v.value);
      checked++;
    } else if (v.stated) {
      // A previous year's value from a report's text: printed in its source, or this year's figure (the table cell)
      // plus or minus a change its source prints (“增加934.33万元”).
      const source = readFileSync(join(REPORTS_DIR, v.stated.report, "source.txt"), "utf8");
      const key = where.split("/")[1] as string;
      const current = keyFigures(byId(v.stated.report)).find((f) => f.key === key)?.value;
      const cents = (x: string) => Math.round(Number(x.replace(/,/gu, "")) * 100);
      const changes = [...source.matchAll(/(?:增加|减少)\s*([\d,]+\.\d+)\s*万元/gu)].map((m) => cents(m[1] as string));
      if (v.stated.implied) expect(current !== undefined && changes.some((c) => Math.abs(cents(current) - c) === cents(v.value) || cents(current) + c === cents(v.value)), where).toBe(true);
      else expect(source.replace(/,/gu, ""), where).toContain(v.value);
      checked++;
    } else {
      // No cell at all: the reason is given, and nothing is drawn for it.
      expect(v.value, where).toBe("");
      expect(v.absent, where).toBeTruthy();
    }
  }
  return checked;
}

describe("report charts", () => {
  it("every value is the table cell it points to, as printed (empty stays empty)", () => {
    let checked = 0;
    for (const r of reports) for (const c of reportCharts(r)) checked += expectFromCells(c);
    expect(checked).toBeGreaterThan(200);
  });

  it("阳泉市民政局 2025 预算: 功能分类 from 表三, 类 208 = 2895.74, 合计 4411.49 (source lines 183 and 179)", () => {
    const c = chartOf("yangquan-civil-affairs-2025-budget", "func");
    expect(c.total?.value).toMatchObject({ value: "4411.49", ref: { table: 3, line: 179, column: "c3" } });
    expect(c.rows.filter((r) => r.depth === 1).map((r) => r.code)).toEqual(["201", "208", "210", "221", "229"]);
    expect(c.rows.find((r) => r.code === "208")?.values[0]).toMatchObject({ value: "2895.74", ref: { line: 183 } });
    // 款 and 项 under 208 are kept for the drill-down, in source order.
    expect(c.rows.filter((r) => r.code?.startsWith("20810")).map((r) => r.code)).toEqual(["20810", "2081001", "2081004", "2081005", "2081006"]);
  });

  it("阳泉市民政局 2024 决算 has no 公开03表: 功能分类 falls back to 公开05表 and says so", () => {
    const c = chartOf("yangquan-civil-affairs-2024-final", "func");
    expect(c.absent).toBeUndefined();
    expect(c.basis).toContain("公开05表");
    expect(c.notes.join("")).toMatch(/原文缺少公开03表.*只含一般公共预算财政拨款/u);
    expect(c.total?.value.value).toBe("2560.16");
  });

  it("a table published without data gives no chart but the reason (阳泉 2024 决算 公开09表)", () => {
    const c = chartOf("yangquan-civil-affairs-2024-final", "three-public");
    expect(c.absent).toMatch(/公开09表.*无数据/u);
    expect(c.rows).toEqual([]);
  });

  it("“三公”经费: budget items from 表十's rows, final accounts' 预算数 and 决算数 from 公开09表's columns", () => {
    const budget = chartOf("xinzhou-civil-affairs-2024-budget", "three-public");
    expect(budget.rows.map((r) => [r.key, r.values[0]?.value])).toEqual([
      ["abroad", ""],
      ["car-purchase", ""],
      ["car-ops", "13.20"],
      ["reception", ""],
    ]);
    expect(budget.total?.value.value).toBe("13.20");
    const final = chartOf("yangquan-veterans-affairs-2023-final", "three-public");
    expect(final.series.map((s) => [s.label, s.total?.value])).toEqual([
      ["预算数", "4.54"],
      ["决算数", "4.54"],
    ]);
    expect(final.rows.find((r) => r.key === "car-ops")?.values.map((v) => v?.value)).toEqual(["4.54", "4.54"]);
  });

  it("人员经费 and 公用经费: 决算 rows of 公开06表 with the 基本支出 of 公开05表 as total (退役军人事务局 2023: 411.50 + 43.51 = 455.01)", () => {
    const c = chartOf("yangquan-veterans-affairs-2023-final", "personnel");
    expect(c.rows.map((r) => r.values[0]?.value)).toEqual(["411.50", "43.51"]);
    expect(c.total?.value).toMatchObject({ value: "455.01", ref: { table: 5 } });
  });

  it("income by source lists every 收入 line of the 收支总表, empty ones as empty, with 收入总计 as total", () => {
    const c = chartOf("yangquan-veterans-affairs-2023-final", "income");
    expect(c.rows).toHaveLength(10);
    expect(c.rows.filter((r) => r.values[0]?.value !== "").map((r) => [r.label, r.values[0]?.value])).toEqual([
      ["一、一般公共预算财政拨款收入", "3383.31"],
      ["八、其他收入", "190.10"],
      ["年初结转和结余", "24.95"],
    ]);
    expect(c.total?.value.value).toBe("3598.36");
  });
});

describe("key figures", () => {
  it("without the 支出总表, 基本/项目支出 are missing — and the 一般公共预算 part is given as such, from 公开05表 (000 line 239)", () => {
    const figures = keyFigures(byId("yangquan-civil-affairs-2024-final"));
    const basic = figures.find((f) => f.key === "basic");
    expect(basic).toMatchObject({ absent: "原文缺少此表", gap: "missing", table: 3, partial: { value: "281.81", unit: "万元", table: 5, scope: "一般公共预算财政拨款" } });
    expect(basic?.value).toBeUndefined();
    expect(basic?.partial?.cell.row.line).toBe(239);
    expect(figures.find((f) => f.key === "project")?.partial?.value).toBe("2278.36");
    // A report with its 支出总表 has the figure itself and no partial one.
    expect(keyFigures(byId("yangquan-civil-affairs-2025-budget")).find((f) => f.key === "basic")).toMatchObject({ value: "1099.45" });
    expect(keyFigures(byId("yangquan-civil-affairs-2025-budget")).find((f) => f.key === "basic")?.partial).toBeUndefined();
    // A table published empty is not a missing one.
    expect(figures.find((f) => f.key === "threePublic")).toMatchObject({ absent: "此表无数据", gap: "empty" });
  });
});

describe("department and comparison charts", () => {
  it("阳泉市民政局 over the years: both reports, budget and final apart, 类 read from the same table (公开05表/表五)", () => {
    const own = summaries.filter((s) => s.meta.city.id === "yangquan" && s.meta.department.id === "civil-affairs");
    const [figures, classes] = departmentCharts("yangquan", "civil-affairs", own) as [Chart, Chart];
    // The two reports, then what each report's text says of the year before (a series each, drawn apart).
    expect(figures.series.map((s) => [s.year, s.kind, s.stated ?? false])).toEqual([
      [2024, "final", false],
      [2025, "budget", false],
      [2023, undefined, true],
      [2024, undefined, true],
    ]);
    expect(figures.rows.find((r) => r.key === "expenditure")?.values.slice(0, 2).map((v) => v?.value)).toEqual(["3119.54", "4411.49"]);
    // 2024 决算: 收入总计 3,119.54, “与上年相比…减少6,961.07万元” → 2023 was 10,080.61 (implied); 2025 预算: 4,411.49,
    // “比上年增加934.33万元” → 2024 was 3,477.16 (implied, against 上年 — neither 预算 nor 决算 said).
    const income = figures.rows.find((r) => r.key === "income")?.values ?? [];
    expect(income[2]).toMatchObject({ value: "10080.61", stated: { report: "yangquan-civil-affairs-2024-final", base: "上年", implied: true } });
    expect(income[3]).toMatchObject({ value: "3477.16", stated: { report: "yangquan-civil-affairs-2025-budget", implied: true } });
    expect(income[2]?.ref).toBeUndefined();
    // A figure no statement speaks of has no stated value.
    expect(figures.rows.find((r) => r.key === "basic")?.values.slice(2)).toEqual([undefined, undefined]);
    // 2024 决算 has no 公开03表, so 基本支出 is absent there — said, not zeroed.
    expect(figures.rows.find((r) => r.key === "basic")?.values[0]).toMatchObject({ value: "", absent: expect.any(String), gap: "missing" });
    // 公开09表 is published empty in 000 (“本表无数据”): drawn as 无数据, not as a missing table.
    expect(figures.rows.find((r) => r.key === "threePublic")?.values[0]).toMatchObject({ value: "", gap: "empty" });
    expect(printed(figures.rows.find((r) => r.key === "threePublic")?.values[0], "万元")).toBe("无数据");
    expect(printed(figures.rows.find((r) => r.key === "basic")?.values[0], "万元")).toBe("缺");
    expect(classes.basis).toContain("一般公共预算");
    expect(classes.rows.find((r) => r.code === "208")?.values.map((v) => v?.value)).toEqual(["2530.96", "2895.74"]);
    expect(expectFromCells(figures) + expectFromCells(classes)).toBeGreaterThan(10);
  });

  it("民政 across cities: budgets with budgets (years named and the difference noted), finals with finals, no units", () => {
    expect(comparableKinds(reports.map((r) => r.meta)).map((k) => k.id)).toEqual(["civil-affairs"]);
    const [budget, final] = comparisonCharts("civil-affairs", summaries);
    expect(budget?.kind).toBe("budget");
    expect(budget?.reports.map((s) => s.meta.id)).toEqual(["xinzhou-civil-affairs-2024-budget", "yangquan-civil-affairs-2025-budget"]);
    expect(budget?.notes.join("")).toMatch(/年份不同/u);
    expect(final?.reports.map((s) => s.meta.id)).toEqual(["yangquan-civil-affairs-2024-final"]);
    const shares = budget?.charts.find((c) => c.id === "budget-shares") as Chart;
    // 208 社会保障和就业支出: 7247.20 / 8261.00 = 87.7 %, 2895.74 / 4411.49 = 65.6 %.
    expect(shares.rows.find((r) => r.code === "208")?.values.map((v) => v?.value)).toEqual(["87.7", "65.6"]);
    // 201 in 阳泉 is 1.47 / 4411.49 = 0.033 %: not rounded to a false 0.0.
    expect(shares.rows.find((r) => r.code === "201")?.values[1]?.value).toBe("0.03");
    // 213 农林水支出 only exists in 忻州.
    expect(shares.rows.find((r) => r.code === "213")?.values[1]).toMatchObject({ value: "", absent: "该报告没有这一类", gap: "none" });
    expect(printed(shares.rows.find((r) => r.code === "213")?.values[1], "%")).toBe("无此项");
    // The shares' totals are amounts: in the CSV with their own unit (004 line 198: 合计 8261.00 万元), not %.
    const csv = Papa.parse<Record<string, string>>(chartCsv(shares), { header: true, skipEmptyLines: true }).data;
    expect(csv.filter((r) => r.row_key === "total").map((r) => [r.value, r.unit])).toEqual([
      ["8261.00", "万元"],
      ["4411.49", "万元"],
    ]);
    expect(csv.filter((r) => r.row_key !== "total" && r.value !== "").every((r) => r.unit === "%")).toBe(true);
    const basic = budget?.charts.find((c) => c.id === "budget-basic") as Chart;
    expect(Papa.parse<Record<string, string>>(chartCsv(basic), { header: true, skipEmptyLines: true }).data.filter((r) => r.row_key === "total").map((r) => r.unit)).toEqual(["万元", "万元"]);
    let checked = 0;
    for (const c of [...(budget?.charts ?? []), ...(final?.charts ?? [])]) checked += expectFromCells(c);
    expect(checked).toBeGreaterThan(30);
  });

  it("share() never divides by an empty or zero total", () => {
    const a = { value: "5.00" };
    expect(share(a, { value: "" })?.value).toBe("");
    expect(share(a, { value: "0.00" })?.value).toBe("");
    expect(share({ value: "" }, { value: "10" })?.value).toBe("");
    expect(share({ value: "-1.00" }, { value: "4.00" })?.value).toBe("-25.0");
  });
});

describe("chart CSV", () => {
  it("holds exactly the drawn values, one line per row and series, then the totals", () => {
    for (const r of reports) {
      for (const c of reportCharts(r)) {
        if (c.absent) continue;
        const text = chartCsv(c);
        expect(text.charCodeAt(0)).not.toBe(0xfeff);
        const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
        expect(parsed.meta.fields).toEqual([...CHART_CSV_COLUMNS]);
        const expected = values(c);
        expect(parsed.data.map((x) => x.value)).toEqual(expected.map((e) => e.v.value));
        for (const row of parsed.data) {
          if (row.source_table) expect(cell(row.source_report as string, Number(row.source_table), Number(row.source_line), row.source_column as string)).toBe(row.published_value || row.amount || row.value);
        }
      }
    }
  });
});
