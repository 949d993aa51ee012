/**
 * 数据核对 in a real browser with JavaScript off: every report page has the section with the counts of its checks
 * and links to it from the 目录; failures link to cells that exist on the page, each marked cell links back; the
 * /checks/ pages list every report in each pre-rendered order; department and city pages link there; axe finds no
 * WCAG 2.1 A/AA violation and nothing scrolls sideways at 360 px.
 *
 * Failures are tested on the bundled site and on a fixture built from it with three published numbers changed (a
 * 表三 cell emptied, another changed, an amount in 情况说明 changed), so a failure on an empty cell and on a
 * narrative amount is always there to test, whatever the bundled reports say.
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Papa from "papaparse";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareReports, compareText } from "../../src/lib/catalog.ts";
import { RULES } from "../../src/lib/checks/index.ts";
import { loadSiteOrThrow } from "../../src/lib/load.ts";
import type { ReportMeta } from "../../src/lib/model.ts";
import { dataPaths, fsReader, projectValidators } from "../../src/lib/node-io.ts";
import { routes } from "../../src/lib/paths.ts";
import { closeBrowser, DESKTOP, MOBILE, newPage, runAxe, screenshot, type Viewport } from "../support/browser.ts";
import { ARTIFACTS, buildSite, ROOT, serveDir, type Served } from "../support/site.ts";

const site = loadSiteOrThrow(fsReader, dataPaths(), projectValidators());
const FIXTURE_REPORT = "yangquan-civil-affairs-2025-budget";

/** Sets one cell of a report's table CSV (by source line and column key); throws if it is not there. */
function setCell(dir: string, id: string, no: number, line: number, key: string, value: string): void {
  const path = join(dir, "reports", id, "tables", `${String(no).padStart(2, "0")}.csv`);
  const parsed = Papa.parse<string[]>(readFileSync(path, "utf8"), { skipEmptyLines: true });
  const [header, ...rows] = parsed.data as [string[], ...string[][]];
  const row = rows.find((r) => r[header.indexOf("line")] === String(line));
  const column = header.indexOf(key);
  if (!row || column < 0) throw new Error(`fixture: no cell ${key} on line ${line} of ${path}`);
  row[column] = value;
  writeFileSync(path, `${Papa.unparse([header, ...rows], { newline: "\n" })}\n`);
}

/** The bundled data with three numbers changed: 表三 L180 合计 emptied, L179 基本支出 changed, 情况说明 L539's 收入总计. */
function fixtureData(): string {
  const dir = join(ARTIFACTS, "checks-fixture", "data");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(join(ROOT, "src", "data"), dir, { recursive: true });
  setCell(dir, FIXTURE_REPORT, 3, 180, "c3", "");
  setCell(dir, FIXTURE_REPORT, 3, 179, "c4", "1099.95");
  const path = join(dir, "reports", FIXTURE_REPORT, "report.json");
  const report = JSON.parse(readFileSync(path, "utf8")) as { narrative: { blocks: { line: number; text?: string }[] }[] };
  const block = report.narrative.flatMap((s) => s.blocks).find((b) => b.line === 539 && b.text?.includes("收入总计4,411.49万元"));
  if (!block?.text) throw new Error("fixture: no 收入总计 on line 539");
  block.text = block.text.replace("收入总计4,411.49万元", "收入总计4,411.99万元");
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
  return dir;
}

let real: Served;
let fixture: Served;
let realDir = "";
let fixtureDir = "";

beforeAll(async () => {
  realDir = await buildSite();
  real = await serveDir(realDir);
  fixtureDir = await buildSite({ data: { name: "checks-fixture", dir: fixtureData() } });
  fixture = await serveDir(fixtureDir);
});
afterAll(async () => {
  await closeBrowser();
  await real?.close();
  await fixture?.close();
});

/** Opens a page, with JavaScript off unless `javaScript` (axe-core needs it to run). */
async function open<T>(server: Served, path: string, viewport: Viewport, check: (page: Page) => Promise<T>, javaScript = false): Promise<T> {
  const session = await newPage(viewport, { javaScript });
  try {
    const response = await session.page.goto(new URL(path, server.url).href, { waitUntil: "load" });
    expect(response?.status(), path).toBe(200);
    const result = await check(session.page);
    expect(session.problems(), `${path}: console errors, failed requests`).toEqual([]);
    return result;
  } finally {
    await session.close();
  }
}

/** A report's rows of the published data/checks.json. */
/** A report's built checks.csv, as objects. */
function checksOf(dir: string, id: string): Record<string, string>[] {
  const [header, ...rows] = Papa.parse<string[]>(readFileSync(join(dir, routes.reportChecks(id)), "utf8"), { skipEmptyLines: true }).data;
  return rows.map((r) => Object.fromEntries((header as string[]).map((h, i) => [h, r[i] ?? ""])));
}
const count = (rows: Record<string, string>[], status: string) => rows.filter((r) => r.status === status).length;

/**
 * On a report page: every link of a finding to `#…` reaches an element; every marked element carries links back to
 * findings that link to it. Returns what it saw.
 */
async function linksBothWays(page: Page) {
  return page.evaluate(() => {
    const problems: string[] = [];
    const findings = Array.from(document.querySelectorAll<HTMLElement>("section.checks .finding"));
    const targets = new Set<string>();
    for (const f of findings) {
      for (const a of Array.from(f.querySelectorAll<HTMLAnchorElement>(".finding-cells a[href^='#']"))) {
        const id = decodeURIComponent(a.getAttribute("href")?.slice(1) ?? "");
        const target = document.getElementById(id);
        if (!target) problems.push(`${f.id} links to #${id}, which is not on the page`);
        else if (!target.classList.contains("check-fail")) problems.push(`#${id} (linked from ${f.id}) is not marked`);
        else if (!target.querySelector(`a.check-flag[href="#${f.id}"]`)) problems.push(`#${id} does not link back to ${f.id}`);
        targets.add(id);
      }
    }
    const marked = Array.from(document.querySelectorAll<HTMLElement>(".check-fail")).filter((e) => e.closest("section.checks") === null);
    for (const m of marked) {
      const flags = Array.from(m.querySelectorAll<HTMLAnchorElement>("a.check-flag"));
      if (flags.length === 0) problems.push(`#${m.id} is marked without a link to a finding`);
      for (const a of flags) {
        const finding = document.getElementById(a.getAttribute("href")?.slice(1) ?? "");
        if (!finding?.classList.contains("finding")) problems.push(`#${m.id} links to ${a.getAttribute("href")}, not a finding`);
        else if (!finding.querySelector(`a[href="#${m.id}"]`)) problems.push(`${finding.id} does not link to the marked #${m.id}`);
      }
    }
    const empty = marked.filter((m) => m.tagName === "TD" && m.classList.contains("empty")).map((m) => m.id);
    return { problems, findings: findings.length, links: targets.size, marked: marked.map((m) => m.id), empty };
  });
}

describe.each(site.reports.map((r) => [r.meta.id] as const))("report page %s", (id) => {
  it("has 数据核对 after the key figures, in the 目录, with the counts of its checks; passes folded by category", async () => {
    const rows = checksOf(realDir, id);
    await open(real, routes.report(id), DESKTOP, async (page) => {
      const order = await page.$$eval("main h2", (hs) => hs.map((h) => h.id));
      expect(order.slice(0, 4)).toEqual(["key-figures", "toc", "checks", "charts"]);
      expect(await page.locator("nav.toc a[href='#checks']").count()).toBe(1);
      const counts = await page.locator("section.checks .checks-counts").innerText();
      expect(counts).toContain(`共 ${rows.length} 项：不符 ${count(rows, "fail")} 项，通过 ${count(rows, "pass")} 项，不适用 ${count(rows, "na")} 项`);
      expect(await page.locator("section.checks li.finding").count()).toBe(count(rows, "fail"));
      // The passes are not on the report page: its 数据核对 links to the check-details page.
      expect(await page.locator("section.checks details.check-group").count()).toBe(0);
      const details = await page.$$eval("section.checks a", (as) => as.map((a) => a.getAttribute("href")));
      expect(details).toContain(`/${routes.reportCheckDetails(id)}`);
      const seen = await linksBothWays(page);
      expect(seen.problems).toEqual([]);
      expect(seen.findings).toBe(count(rows, "fail"));
    });
  });

  it("has a check-details page listing every pass and not-applicable, folded by category", async () => {
    const rows = checksOf(realDir, id);
    await open(real, routes.reportCheckDetails(id), DESKTOP, async (page) => {
      const groups = await page.$$eval("section.checks details.check-group", (ds) => ds.map((d) => [(d as HTMLDetailsElement).open, d.querySelector("summary")?.textContent ?? ""] as const));
      expect(groups.length).toBeGreaterThan(0);
      expect(groups.every(([isOpen]) => !isOpen), "passes are folded").toBe(true);
      const listed = await page.$$eval("section.checks details.check-group .check-rule li", (ls) => ls.length);
      expect(listed).toBe(count(rows, "pass") + count(rows, "na"));
      // The categories' counts add up to the CSV's.
      const sums = { pass: 0, na: 0 };
      for (const [, summary] of groups) {
        const m = /^.+：通过 (\d+) 项(?:，不适用 (\d+) 项)?$/u.exec(summary);
        expect(m, summary).not.toBeNull();
        sums.pass += Number(m?.[1] ?? 0);
        sums.na += Number(m?.[2] ?? 0);
      }
      expect(sums).toEqual({ pass: count(rows, "pass"), na: count(rows, "na") });
      expect(await page.locator(`a[href="/${routes.report(id)}#checks"]`).count()).toBe(1);
    });
  });
});

describe(`a report with failures (fixture: ${FIXTURE_REPORT} with three numbers changed)`, () => {
  const path = routes.report(FIXTURE_REPORT);

  it("lists each failure with 应为, 实为, 差额, 容差 and links to its cells, an empty one and a narrative paragraph included", async () => {
    const rows = checksOf(fixtureDir, FIXTURE_REPORT);
    const failures = rows.filter((r) => r.status === "fail");
    expect(failures.length).toBeGreaterThanOrEqual(3);
    await open(fixture, path, DESKTOP, async (page) => {
      const seen = await linksBothWays(page);
      expect(seen.problems).toEqual([]);
      expect(seen.findings).toBe(failures.length);
      expect(seen.empty, "the emptied 合计 cell is marked and has an id").toContain("t3-l180-c3");
      expect(seen.marked).toContain("t3-l179-c4");
      expect(seen.marked, "the changed 收入总计 in 情况说明").toContain("src-l539");
      expect(await page.locator("#t3-l180-c3 .sr-only").first().innerText()).toBe("空");
      const first = page.locator("section.checks li.finding").first();
      const text = await first.innerText();
      for (const word of ["应为", "实为", "差额", "容差", failures[0]?.title ?? "", failures[0]?.place ?? ""]) expect(text).toContain(word);
      // Following a mark reaches its finding.
      await page.locator("#t3-l180-c3 a.check-flag").first().click();
      expect(await page.evaluate(() => document.querySelector(":target")?.className)).toBe("finding");
    });
  });

  for (const viewport of [MOBILE, DESKTOP]) {
    it(`passes axe with every <details> open, no sideways scroll (${viewport.width} px)`, async () => {
      await open(fixture, path, viewport, async (page) => {
        await page.$$eval("details", (ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
        await page.evaluate(() => document.fonts.ready.then(() => undefined));
        if (viewport === MOBILE) {
          mkdirSync(join(ARTIFACTS, "screenshots"), { recursive: true });
          await page.locator("section.checks").screenshot({ path: join(ARTIFACTS, "screenshots", "checks-report-section-360.png") });
        }
        const axe = await runAxe(page);
        expect(axe.summary, `axe: ${axe.violations.length} violation(s)`).toBe("");
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      }, true);
    });
  }
});

describe("/checks/", () => {
  const orders = [
    { path: routes.checks(), name: "不符项最多的在前" },
    { path: routes.checks("by-name"), name: "按部门名称" },
    { path: routes.checks("by-year"), name: "按年度（新的在前）" },
  ];
  const metas = new Map(site.reports.map((r) => [r.meta.id, r.meta] as const));

  /** The table rows: report id (from its link), link, fail count of 勾稽与合理性 and the whole row's text. */
  const tableRows = (page: Page) =>
    page.$$eval("table.checks-table tbody tr", (trs) =>
      trs.map((tr) => {
        const a = tr.querySelector("th a") as HTMLAnchorElement;
        return { href: a.getAttribute("href") ?? "", cells: Array.from(tr.querySelectorAll("td")).map((td) => td.textContent?.trim() ?? "") };
      }),
    );

  for (const o of orders) {
    it(`${o.path} lists every report linked to its 数据核对, in its order, and marks itself current`, async () => {
      await open(real, o.path, DESKTOP, async (page) => {
        const rows = await tableRows(page);
        const ids = rows.map((r) => /^\/reports\/([^/]+)\/#checks$/u.exec(r.href)?.[1] ?? r.href);
        expect([...ids].sort()).toEqual([...metas.keys()].sort());
        for (const [k, id] of ids.entries()) {
          const checks = checksOf(realDir, id);
          const report = site.reports.find((r) => r.meta.id === id);
          const consistency = checks.filter((c) => c.category !== "completeness");
          const cells = rows[k]?.cells ?? [];
          expect(cells.slice(0, 3), `${id}: tables present, empty, missing`).toEqual(["present", "empty", "missing"].map((s) => String(report?.tables.filter((t) => t.state === s).length)));
          expect(cells.slice(5, 8), `${id}: 勾稽与合理性`).toEqual([count(consistency, "pass"), count(consistency, "fail"), count(consistency, "na")].map(String));
        }
        const fails = ids.map((id) => count(checksOf(realDir, id), "fail"));
        const m = ids.map((id) => metas.get(id) as ReportMeta);
        if (o.path === routes.checks()) for (let i = 1; i < ids.length; i++) expect(fails[i - 1], "most failures first").toBeGreaterThanOrEqual(fails[i] as number);
        if (o.path === routes.checks("by-name")) for (let i = 1; i < m.length; i++) expect(compareText((m[i - 1] as ReportMeta).department.name, (m[i] as ReportMeta).department.name)).toBeLessThanOrEqual(0);
        if (o.path === routes.checks("by-year")) for (let i = 1; i < m.length; i++) expect(compareReports(m[i - 1] as ReportMeta, m[i] as ReportMeta)).toBeLessThan(0);
        const nav = await page.$$eval("nav.sort-orders a", (as) => as.map((a) => [a.textContent, a.getAttribute("href"), a.getAttribute("aria-current")]));
        expect(nav).toEqual(orders.map((x) => [x.name, `/${x.path}`, x.path === o.path ? "page" : null]));
      });
    });
  }

  it("explains every rule", async () => {
    await open(real, routes.checks(), DESKTOP, async (page) => {
      const ids = await page.$$eval("section[aria-labelledby=rules] dl.rules dt code", (cs) => cs.map((c) => c.textContent));
      expect([...new Set(ids)].sort()).toEqual([...new Set(RULES.map((r) => r.id))].sort());
    });
  });

  for (const viewport of [MOBILE, DESKTOP]) {
    it(`passes axe and does not scroll sideways (${viewport.width} px)`, async () => {
      await open(real, routes.checks(), viewport, async (page) => {
        await page.evaluate(() => document.fonts.ready.then(() => undefined));
        await screenshot(page, `checks-${viewport.width}x${viewport.height}`);
        const axe = await runAxe(page);
        expect(axe.summary, `axe: ${axe.violations.length} violation(s)`).toBe("");
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      }, true);
    });
  }
});

describe("links to the checks", () => {
  it("every page's navigation and footer link to /checks/", async () => {
    await open(real, "", DESKTOP, async (page) => {
      expect(await page.locator("header nav a[href='/checks/']").count()).toBe(1);
      expect(await page.locator("footer a[href='/checks/']").count()).toBe(1);
    });
  });

  it("a city page sums its reports' checks and links to /checks/", async () => {
    const ids = site.reports.filter((r) => r.meta.city.id === "yangquan").map((r) => r.meta.id);
    const fails = ids.reduce((n, id) => n + count(checksOf(realDir, id), "fail"), 0);
    await open(real, routes.city("yangquan"), DESKTOP, async (page) => {
      const text = await page.locator("section[aria-labelledby=checks]").innerText();
      expect(text).toContain(`本市 ${ids.length} 份报告`);
      expect(text).toContain(`不符 ${fails} 项`);
      expect(await page.locator("section[aria-labelledby=checks] a[href='/checks/']").count()).toBe(1);
    });
  });

  it("a department page shows its results report by report, each linking to the report's 数据核对", async () => {
    const reports = site.reports.filter((r) => r.meta.department.id === "civil-affairs" && r.meta.city.id === "yangquan").map((r) => r.meta).sort(compareReports);
    expect(reports.length).toBeGreaterThan(1);
    await open(real, routes.department("yangquan", "civil-affairs"), DESKTOP, async (page) => {
      const rows = await page.$$eval("table.check-history tbody tr", (trs) => trs.map((tr) => [...Array.from(tr.children).slice(0, 5).map((c) => c.textContent?.trim()), tr.querySelector("a")?.getAttribute("href")]));
      expect(rows).toEqual(
        reports.map((m) => {
          const checks = checksOf(realDir, m.id);
          return [`${m.year}年`, m.kind === "budget" ? "预算" : "决算", ...[count(checks, "fail"), count(checks, "pass"), count(checks, "na")].map(String), `/reports/${m.id}/#checks`];
        }),
      );
    });
  });
});
