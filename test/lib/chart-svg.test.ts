/**
 * The SVG of every chart of the bundled site, compared byte for byte with the snapshot committed under
 * test/snapshots/charts/. On a mismatch the new SVG is written next to it as `<name>-changed.svg` (open both, or
 * diff them) and the test names the first differing line; after an intended change, run
 * `UPDATE_SNAPSHOTS=1 npm test -- test/lib/chart-svg.test.ts` and commit the new snapshots. Beyond the snapshots,
 * properties that hold for any chart: determinism, fixed precision, ids, escaping, empty never drawn as zero.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { comparisonCharts, departmentCharts, summarize, type ReportSummary } from "../../src/lib/charts/compare.ts";
import type { Chart } from "../../src/lib/charts/model.ts";
import { reportCharts } from "../../src/lib/charts/report.ts";
import { barsSvg, classificationTree, drawChart, trendSvg } from "../../src/lib/charts/svg.ts";
import { loadSiteOrThrow } from "../../src/lib/load.ts";
import type { Report } from "../../src/lib/model.ts";
import { dataPaths, fsReader, projectValidators } from "../../src/lib/node-io.ts";

import { statementViews } from "../../src/lib/export/changes.ts";
import { classChangesChart } from "../../src/lib/charts/changes.ts";
import { executionChart, executionItems } from "../../src/lib/execution.ts";

const SNAPSHOTS = join(import.meta.dirname, "../snapshots/charts");
const UPDATE = process.env.UPDATE_SNAPSHOTS === "1";

let reports: Report[] = [];
let summaries: ReportSummary[] = [];
/** Every chart of the site with the page it is on (name of its snapshot). */
let charts: { page: string; chart: Chart }[] = [];

beforeAll(() => {
  reports = loadSiteOrThrow(fsReader, dataPaths(), projectValidators()).reports;
  summaries = reports.map(summarize);
  charts = [
    ...reports.flatMap((r) => reportCharts(r).map((chart) => ({ page: r.meta.id, chart }))),
    // The report page's charts of change and execution (issue 14), where its 情况说明 gives them.
    ...reports.flatMap((r) => {
      const views = statementViews(r);
      return [classChangesChart(r, views), executionChart(r, executionItems(r, views).classes)].flatMap((chart) => (chart ? [{ page: r.meta.id, chart }] : []));
    }),
    ...[...new Set(reports.map((r) => `${r.meta.city.id}/${r.meta.department.id}`))].flatMap((k) => {
      const [city, dept] = k.split("/") as [string, string];
      const own = summaries.filter((s) => s.meta.city.id === city && s.meta.department.id === dept);
      return departmentCharts(city, dept, own).map((chart) => ({ page: `department-${city}-${dept}`, chart }));
    }),
    ...comparisonCharts("civil-affairs", summaries).flatMap((c) => c.charts.map((chart) => ({ page: "compare-civil-affairs", chart }))),
  ];
});

/** All SVG markup drawn for a chart, as the page shows it. */
function svgOf(chart: Chart): string {
  return svgsOf(chart).map((x) => x.svg).join("\n");
}

function firstDifference(a: string, b: string): string {
  const x = a.split(/(?=<)/u);
  const y = b.split(/(?=<)/u);
  const i = x.findIndex((part, k) => part !== y[k]);
  return `first difference at element ${i}:\n  snapshot: ${y[i] ?? "(end)"}\n  now:      ${x[i] ?? "(end)"}`;
}

/** Each SVG drawn for a chart, named by its id (`chart-func-svg`, `chart-func-208-svg`, `chart-figures-income`…). */
function svgsOf(chart: Chart): { id: string; svg: string }[] {
  const d = drawChart(chart, `chart-${chart.id}`);
  return [...d.main, ...d.drill].map((x) => ({ id: /<svg [^>]*\sid="([^"]+)"/u.exec(x.html)?.[1] ?? "", svg: x.html }));
}

describe("chart SVG snapshots", () => {
  it("every chart of the bundled site draws exactly its committed snapshots", () => {
    mkdirSync(SNAPSHOTS, { recursive: true });
    const failures: string[] = [];
    let compared = 0;
    for (const { page, chart } of charts) {
      for (const { id, svg } of svgsOf(chart)) {
        const name = `${page}--${id}`;
        const file = join(SNAPSHOTS, `${name}.svg`);
        const changed = join(SNAPSHOTS, `${name}-changed.svg`);
        const now = `${svg}\n`;
        if (UPDATE) {
          writeFileSync(file, now);
          rmSync(changed, { force: true });
          continue;
        }
        if (!existsSync(file)) {
          writeFileSync(changed, now);
          failures.push(`${name}: no snapshot (a new chart?) — written to ${name}-changed.svg; run with UPDATE_SNAPSHOTS=1 to accept`);
          continue;
        }
        compared++;
        const expected = readFileSync(file, "utf8");
        if (expected === now) {
          rmSync(changed, { force: true });
          continue;
        }
        writeFileSync(changed, now);
        failures.push(`${name}: differs — the new SVG is in ${name}-changed.svg\n${firstDifference(now, expected)}`);
      }
    }
    expect(failures.join("\n\n")).toBe("");
    if (!UPDATE) expect(compared).toBeGreaterThanOrEqual(60);
  });
});

describe("chart SVG properties", () => {
  it("is deterministic and uses at most one decimal in every coordinate", () => {
    for (const { chart } of charts) {
      const a = svgOf(chart);
      expect(svgOf(structuredClone(chart))).toBe(a);
      for (const m of a.matchAll(/\s(?:x|y|x1|x2|y1|y2|cx|cy|width|height)="([^"]+)"/gu)) expect(m[1]).toMatch(/^-?\d+(?:\.\d)?$/u);
      for (const m of a.matchAll(/\sd="([^"]+)"/gu)) for (const n of (m[1] as string).match(/-?\d+(?:\.\d+)?/gu) ?? []) expect(n).toMatch(/^-?\d+(?:\.\d)?$/u);
    }
  });

  it("every id is unique on its page and built from the chart id; every SVG has a title and a description", () => {
    const byPage = new Map<string, string[]>();
    for (const { page, chart } of charts) {
      const svg = svgOf(chart);
      const ids = [...svg.matchAll(/\sid="([^"]+)"/gu)].map((m) => m[1] as string);
      for (const id of ids) expect(id.startsWith(`chart-${chart.id}`)).toBe(true);
      byPage.set(page, [...(byPage.get(page) ?? []), ...ids]);
      for (const open of svg.matchAll(/<svg [^>]*aria-labelledby="([^"]+)"[^>]*>/gu)) {
        const [t, d] = (open[1] as string).split(" ");
        expect(svg).toMatch(new RegExp(`<title id="${t}">[^<]+</title><desc id="${d}">[^<]+</desc>`, "u"));
      }
    }
    for (const [page, ids] of byPage) expect(new Set(ids).size, page).toBe(ids.length);
  });

  const synthetic = (values: string[]): Chart => ({
    id: "t",
    type: "bars",
    title: "测试 <&>",
    period: "2025年预算",
    unit: "万元",
    basis: "",
    series: [{ key: "v", label: "金额" }],
    rows: values.map((value, i) => ({ key: `r${i}`, label: `项目${i} "引号" & <尖括号>`, depth: 1, values: [{ value }] })),
    notes: [],
    csv: "x.csv",
  });

  it("draws an empty cell as 空 and “——” as printed, with no bar; negatives go left of zero", () => {
    const chart = synthetic(["10.00", "", "——", "-5.00"]);
    const svg = barsSvg(chart, chart.rows, { id: "t", title: "t", desc: "d" });
    const rows = svg.split('<g class="row"').slice(1);
    expect(rows[0]).toContain("<rect");
    expect(rows[1]).not.toContain("<rect");
    expect(rows[1]).toContain(">空</text>");
    expect(rows[2]).not.toContain("<rect");
    expect(rows[2]).toContain(">——</text>");
    expect(rows[3]).toContain(">-5.00</text>");
    const x = (row: string) => Number(/<rect x="([^"]+)"/u.exec(row)?.[1]);
    const w = (row: string) => Number(/<rect [^>]*\swidth="([^"]+)"/u.exec(row)?.[1]);
    // 10 and -5 share one scale: the negative bar ends where the positive one starts, and is half as long.
    expect(x(rows[3] as string) + w(rows[3] as string)).toBeCloseTo(x(rows[0] as string), 1);
    expect(w(rows[3] as string) * 2).toBeCloseTo(w(rows[0] as string), 0);
    expect(svg).not.toMatch(/NaN|undefined|Infinity/u);
  });

  it("escapes text and survives a chart with nothing but empty cells", () => {
    const chart = synthetic(["", ""]);
    const svg = barsSvg(chart, chart.rows, { id: "t", title: "a<b", desc: "c&d" });
    expect(svg).toContain("<title id=\"t-t\">a&lt;b</title>");
    expect(svg).toContain("&quot;引号&quot; &amp; &lt;尖括号&gt;");
    expect(svg).not.toMatch(/NaN|undefined|Infinity|<rect/u);
  });

  it("a trend marks 预算 and 决算 apart and says 缺 where a report has no value", () => {
    const chart: Chart = {
      ...synthetic([]),
      type: "trend",
      series: [
        { key: "a", label: "2024年决算", kind: "final", year: 2024 },
        { key: "b", label: "2025年预算", kind: "budget", year: 2025 },
        { key: "c", label: "2025年决算", kind: "final", year: 2025 },
      ],
      rows: [{ key: "x", label: "支出总计", depth: 1, values: [{ value: "100.00" }, { value: "120.00" }, { value: "", absent: "原文缺少此表" }] }],
    };
    const svg = trendSvg(chart, chart.rows[0]!, { id: "t", title: "t", desc: "d" });
    expect(svg.match(/<circle [^>]*r="4"/gu)).toHaveLength(2); // one 决算 point drawn + the legend's
    expect(svg).toContain('stroke-dasharray="5 3"');
    expect(svg).toContain(">决算缺</text>");
    // A table published empty and a report without the item are said apart from a missing table.
    const empty = trendSvg({ ...chart, rows: [{ ...chart.rows[0]!, values: [{ value: "100.00" }, { value: "120.00" }, { value: "", absent: "此表无数据", gap: "empty" }] }] }, { ...chart.rows[0]!, values: [{ value: "100.00" }, { value: "120.00" }, { value: "", absent: "此表无数据", gap: "empty" }] }, { id: "t", title: "t", desc: "d" });
    expect(empty).toContain(">决算无数据</text>");
    const none = trendSvg(chart, { ...chart.rows[0]!, values: [{ value: "100.00" }, { value: "120.00" }, { value: "", absent: "表中没有此项", gap: "none" }] }, { id: "t", title: "t", desc: "d" });
    expect(none).toContain(">决算无此项</text>");
    expect(svg).toContain(">100.00</text>");
    expect(svg).toContain(">120.00</text>");
  });

  it("drills down by code: a 项 whose 款 is not printed sits under its 类; a 款 without its 类 is a top row", () => {
    const row = (code: string) => ({ key: code, code, label: code, depth: (code.length - 1) / 2, values: [{ value: "1.00" }] });
    const tree = classificationTree([row("208"), row("20802"), row("2080201"), row("2081001"), row("21011"), row("2101101")]);
    expect(tree.map((t) => [t.row.code, t.below.map((b) => b.code)])).toEqual([
      ["208", ["20802", "2080201", "2081001"]],
      ["21011", ["2101101"]],
    ]);
  });

  it("with more series than styles, names the series above each bar instead of a legend", () => {
    const series = Array.from({ length: 6 }, (_, i) => ({ key: `s${i}`, label: `城市${i}民政局 2025年预算` }));
    const chart: Chart = { ...synthetic([]), series, rows: [{ key: "r", label: "支出总计", depth: 1, values: series.map((_, i) => ({ value: `${i + 1}.00` })) }] };
    const svg = barsSvg(chart, chart.rows, { id: "t", title: "t", desc: "d" });
    expect(svg).not.toContain('class="legend"');
    for (const s of series) expect(svg).toContain(`>${s.label}</text>`);
    expect(svg.match(/<rect /gu)).toHaveLength(6);
  });
});
