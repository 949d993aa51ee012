/**
 * The 绩效 tables as tidy CSVs, read back from the real build: each report's projects.csv has a row per 绩效 table and
 * indicators.csv a row per indicator, with the values of the dataset (performance.json) as published; the site-wide
 * files are the reports' rows in order; one row is checked by hand against the source (忻州市民政局 2024 预算, source
 * lines 675–707: 民政事业工作经费, 忻州市民政局, 年度资金总额 80,000 元, 11 indicators, the first 水费 ≤5000吨 on line 696).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { INDICATOR_COLUMNS, PROJECT_COLUMNS } from "../../src/lib/export/performance.ts";
import { loadSiteOrThrow } from "../../src/lib/load.ts";
import { dataPaths, fsReader, projectValidators } from "../../src/lib/node-io.ts";
import { routes } from "../../src/lib/paths.ts";
import { buildSite } from "../support/site.ts";

const site = loadSiteOrThrow(fsReader, dataPaths(), projectValidators());
let dist = "";
beforeAll(async () => {
  dist = await buildSite();
});
/** Rows as objects by header, read as an analyst's CSV reader would (plain UTF-8, every value a string). */
function records(path: string): Record<string, string>[] {
  const text = readFileSync(join(dist, path), "utf8");
  expect(text.startsWith("\uFEFF"), path).toBe(false);
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

describe("projects.csv and indicators.csv", () => {
  it("a row per 绩效 table and per indicator, with the dataset's values as published", () => {
    for (const report of site.reports) {
      const id = report.meta.id;
      const projects = records(routes.reportProjects(id));
      expect(Object.keys(projects[0] ?? Object.fromEntries(PROJECT_COLUMNS.map((c) => [c, ""])))).toEqual([...PROJECT_COLUMNS]);
      expect(projects.map((p) => p.source_line)).toEqual(report.performance.map((t) => String(t.line)));
      expect(projects.map((p) => p.project_no)).toEqual(report.performance.map((_, i) => String(i + 1)));
      projects.forEach((p, i) => {
        const t = report.performance[i];
        expect(p.report_id).toBe(id);
        expect(p.total_score).toBe(t?.totalScore ?? "");
        expect(p.implementing_unit).toBe(t?.implementingUnit ?? "");
        // The amount is one of the table's 合计 amounts, exactly as published, with its unit; the decimal drops commas only.
        const total = t?.funding.find((f) => f.source === "合计" && f.label === p.funding_label);
        if (p.funding_label !== "") expect([total?.amount, total?.unit]).toEqual([p.funding, p.funding_unit]);
        if (p.funding_decimal !== "") expect(p.funding_decimal).toBe(p.funding?.replace(/,/gu, ""));
        expect(readFileSync(join(dist, routes.reportPerformance(id), "index.html"), "utf8")).toContain(`id="${p.page?.split("#")[1]}"`);
      });
      const indicators = records(routes.reportIndicators(id));
      expect(indicators.map((x) => [x.project_no, x.level1, x.level2, x.level3, x.target, x.year_target, x.actual, x.score, x.source_line])).toEqual(
        report.performance.flatMap((t, i) => t.indicators.map((x) => [String(i + 1), x.level1, x.level2, x.level3, x.target ?? "", x.yearTarget ?? "", x.actual ?? "", x.score ?? "", String(x.line)])),
      );
    }
  });

  it("one project checked by hand against the source", () => {
    const projects = records(routes.reportProjects("xinzhou-civil-affairs-2024-budget"));
    const p = projects.find((x) => x.source_line === "675");
    expect(p).toMatchObject({ project_no: "2", form: "绩效目标表", project: "民政事业工作经费", implementing_unit: "忻州市民政局", funding_label: "年度资金总额", funding: "80,000", funding_decimal: "80000", funding_unit: "元", total_score: "", page: "reports/xinzhou-civil-affairs-2024-budget/performance/#perf-2" });
    const indicators = records(routes.reportIndicators("xinzhou-civil-affairs-2024-budget")).filter((x) => x.project_no === "2");
    expect(indicators).toHaveLength(11);
    expect(indicators[0]).toMatchObject({ level1: "产出指标", level2: "数量指标", level3: "水费", target: "≤5000吨", year_target: "≤5000吨", source_line: "696" });
  });

  it("the site-wide files are every report's rows, in report order, under one header", () => {
    const all = records(routes.projects());
    expect(all.map((p) => `${p.report_id}#${p.project_no}`)).toEqual(site.reports.flatMap((r) => r.performance.map((_, i) => `${r.meta.id}#${i + 1}`)));
    const indicators = records(routes.indicators());
    expect(indicators).toEqual(site.reports.flatMap((r) => records(routes.reportIndicators(r.meta.id))));
    expect(Object.keys(indicators[0] ?? {})).toEqual([...INDICATOR_COLUMNS]);
  });
});
