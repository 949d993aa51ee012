/**
 * Changes and execution in the built site (issue 14): the site-wide changes.csv and execution.csv hold every
 * statement of the five bundled reports (65 against last year, 22 of execution); a report page's key figures carry
 * their change linked to its statement in 变化与原因, whose reasons link to their paragraphs; 预算执行 lists the
 * execution with named denominators. On a copy of the data where 阳泉市民政局's 预算 is of 2024 — the year of its
 * 单位决算 — the department page sets the two side by side only to say why they are not compared.
 */
import { cpSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { routes } from "../../src/lib/paths.ts";
import { ARTIFACTS, buildSite, ROOT } from "../support/site.ts";

/** The bundled data with 阳泉市民政局's 2025 预算 moved to 2024 (folder, id and year). */
function fixtureData(): string {
  const dir = join(ARTIFACTS, "same-year-fixture", "data");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(join(ROOT, "src", "data"), dir, { recursive: true });
  const [from, to] = ["yangquan-civil-affairs-2025-budget", "yangquan-civil-affairs-2024-budget"];
  renameSync(join(dir, "reports", from), join(dir, "reports", to));
  const file = join(dir, "reports", to, "report.json");
  const report = JSON.parse(readFileSync(file, "utf8")) as { meta: { id: string; year: number } };
  Object.assign(report.meta, { id: to, year: 2024 });
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  const perfFile = join(dir, "reports", to, "performance.json");
  const perf = JSON.parse(readFileSync(perfFile, "utf8")) as { reportId: string };
  perf.reportId = to;
  writeFileSync(perfFile, `${JSON.stringify(perf, null, 2)}\n`);
  return dir;
}

let dist = "";
let moved = "";
beforeAll(async () => {
  dist = await buildSite();
  moved = await buildSite({ data: { name: "same-year", dir: fixtureData() } });
}, 20 * 60_000);
const html = (dir: string, page: string) => readFileSync(join(dir, page, "index.html"), "utf8").replace(/ data-astro-cid-\w+/gu, "");
const rows = (file: string) => Papa.parse<Record<string, string>>(readFileSync(join(dist, file), "utf8"), { header: true, skipEmptyLines: true }).data;

describe("the site-wide downloads", () => {
  it("changes.csv and execution.csv hold every statement of the bundled reports", () => {
    const changes = rows(routes.changes());
    const execution = rows(routes.execution());
    expect(changes).toHaveLength(65);
    expect(execution).toHaveLength(22);
    // 阳泉市民政局 2024 决算 line 372: 收入总计 3,119.54, 减少6,961.07万元, 下降69.05%, 殡仪馆迁建项目完工.
    expect(changes.find((r) => r.report_id === "yangquan-civil-affairs-2024-final" && r.figure === "收入总计")).toMatchObject({ value: "3119.54", change: "6961.07", direction: "decrease", percent: "69.05", reason: "殡仪馆迁建项目完工", source_line: "372" });
    // Both are in the site's data package with their Table Schema.
    const pkg = JSON.parse(readFileSync(join(dist, "data/datapackage.json"), "utf8")) as { resources: { path: string; schema?: { fields: { name: string }[] } }[] };
    for (const path of ["changes.csv", "execution.csv"]) expect(pkg.resources.find((r) => r.path === path)?.schema?.fields.map((f) => f.name)).toEqual(Object.keys(changes[0] ?? {}));
  });
});

describe("a report page", () => {
  const id = "yangquan-civil-affairs-2024-final";

  it("shows a key figure's change with a link to its statement, whose reason links to its paragraph", () => {
    const page = html(dist, routes.report(id));
    const figures = page.slice(page.indexOf('id="key-figures"'), page.indexOf("</section>", page.indexOf('id="key-figures"')));
    expect(figures).toMatch(/比上年 −6,961\.07 万元，−69\.05 %<a href="#change-(\d+)">原因<\/a>/u);
    const no = /比上年 −6,961\.07 万元，−69\.05 %<a href="#change-(\d+)">/u.exec(figures)?.[1];
    const start = page.indexOf(`<li id="change-${no}">`);
    const item = page.slice(start, page.indexOf('<li id="change-', start + 10));
    expect(item).toContain("收入总计");
    expect(item).toContain("<q>殡仪馆迁建项目完工</q>");
    expect(item).toContain('href="#src-l372"');
    expect(page).toMatch(/<p id="src-l372">/u);
    // Every link to a statement or a paragraph lands on the page.
    for (const [, target] of page.matchAll(/href="#((?:change|src-l)[\w-]+)"/gu)) expect(page, target).toContain(`id="${target}"`);
  });

  it("lists the execution by 类 with its denominator, biggest deviation first", () => {
    const page = html(dist, routes.report("yangquan-veterans-affairs-2023-final"));
    // The table of 类 (the chart above it has a table of its own).
    const section = page.slice(page.indexOf('id="execution-classes"'), page.indexOf("</table>", page.indexOf('id="execution-classes"')));
    const first = section.slice(section.indexOf("<tbody>"), section.indexOf("</tr>", section.indexOf("<tbody>")));
    // 社会保障和就业支出: 年初预算 1,816.20, 决算 3,331.42, 完成年初预算的 183.43 % (line 498).
    expect(first).toContain("208 社会保障和就业支出");
    expect(first).toContain("183.43 %");
    expect(first).toContain("÷ 年初预算");
    expect(first).toContain("+1,515.22 万元");
  });
});

describe("a department's 预算 and 决算 of the same year", () => {
  it("are not compared when one is a 单位决算 and the other a 部门预算, and the page says why", () => {
    const page = html(moved, routes.department("yangquan", "civil-affairs"));
    const section = page.slice(page.indexOf('id="same-year"'), page.indexOf("</section>", page.indexOf('id="same-year"')));
    expect(section).toContain("2024年的预算是部门预算（含所属单位），决算是单位决算（只含本单位），范围不同，不作比较。");
    expect(section).not.toContain("<table");
    // The bundled site has no such pair: no section.
    expect(html(dist, routes.department("yangquan", "civil-affairs"))).not.toContain('id="same-year"');
  });
});
