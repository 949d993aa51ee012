/**
 * The charts of the built site in Chromium: present on every report page, department page and comparison page, and
 * complete with JavaScript turned off (SVG drawn at build time); every number a chart prints is the table cell it
 * points to on the report page; the chart's CSV holds the same numbers; axe finds nothing at 360 and 1280 px; the
 * script only adds tooltips; screenshots go to test-artifacts/screenshots/.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import Papa from "papaparse";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeBrowser, DESKTOP, MOBILE, newPage, runAxe, SCREENSHOT_DIR, summarizeViolations, type Viewport } from "../support/browser.ts";
import { buildSite, serveDir, type Served } from "../support/site.ts";

/** The chart pages of the bundled site and how many charts each has (5 per report, 2 per department, 4 per comparison kind). */
// A final account whose 情况说明 gives each 类's 年初预算 and 决算, and its change from last year, has two more charts:
// 预算执行 by 类 and the change by 类 (all three here; the budgets' texts give no 类 change).
const PAGES = [
  { path: "reports/yangquan-civil-affairs-2025-budget/", charts: 5 },
  { path: "reports/yangquan-civil-affairs-2024-final/", charts: 7 },
  { path: "reports/xinzhou-civil-affairs-2024-budget/", charts: 5 },
  { path: "reports/yangquan-civil-affairs-dibao-center-2024-final/", charts: 7 },
  { path: "reports/yangquan-veterans-affairs-2023-final/", charts: 7 },
  { path: "departments/yangquan-civil-affairs/", charts: 2 },
  { path: "departments/xinzhou-civil-affairs/", charts: 2 },
  { path: "departments/yangquan-civil-affairs-dibao-center/", charts: 2 },
  { path: "departments/yangquan-veterans-affairs/", charts: 2 },
  { path: "compare/civil-affairs/", charts: 8 },
];

let server: Served;
beforeAll(async () => {
  server = await serveDir(await buildSite());
});
afterAll(async () => {
  await server?.close();
  await closeBrowser();
});

const url = (path: string) => new URL(path, server.url).href;

async function open<T>(path: string, viewport: Viewport, javaScript: boolean, check: (page: Page) => Promise<T>): Promise<T> {
  const session = await newPage(viewport, { javaScript });
  try {
    const response = await session.page.goto(url(path), { waitUntil: "load" });
    expect(response?.status(), path).toBe(200);
    const result = await check(session.page);
    expect(session.problems(), path).toEqual([]);
    return result;
  } finally {
    await session.close();
  }
}

/** What each chart on a page shows: heading, meta line, drawn SVGs (size, title, description), notices, printed values. */
const chartsOn = (page: Page) =>
  page.$$eval("figure.chart", (figures) =>
    figures.map((f) => ({
      id: f.id,
      heading: f.querySelector(".chart-title")?.textContent?.trim() ?? "",
      meta: f.querySelector(".chart-meta")?.textContent?.replace(/\s+/gu, " ").trim() ?? "",
      notice: f.querySelector(".notice")?.textContent?.trim() ?? "",
      csv: f.querySelector<HTMLAnchorElement>(".chart-download a")?.href ?? "",
      svgs: Array.from(f.querySelectorAll(":scope > svg, .trend-grid svg")).map((s) => {
        const box = s.getBoundingClientRect();
        const labelled = (s.getAttribute("aria-labelledby") ?? "").split(" ").map((id) => document.getElementById(id)?.textContent ?? "");
        return { width: box.width, height: box.height, role: s.getAttribute("role"), title: labelled[0] ?? "", desc: labelled[1] ?? "", marks: s.querySelectorAll("rect, circle").length };
      }),
      values: Array.from(f.querySelectorAll("svg text.v")).map((t) => ({ text: t.textContent ?? "", ref: t.getAttribute("data-ref") ?? "" })),
    })),
  );

describe("charts without JavaScript", () => {
  for (const viewport of [MOBILE, DESKTOP]) {
    for (const { path, charts } of PAGES) {
      it(`${path} at ${viewport.width}px: every chart is drawn (or says why not), titled, with period, unit and data`, async () => {
        await open(path, viewport, false, async (page) => {
          const found = await chartsOn(page);
          expect(found).toHaveLength(charts);
          for (const c of found) {
            expect(c.heading, c.id).not.toBe("");
            expect(c.meta, c.id).toMatch(/\d{4}年.*单位：/u);
            if (c.notice) {
              expect(c.svgs, c.id).toEqual([]);
              expect(c.notice).toMatch(/原文|无数据|缺少/u);
              continue;
            }
            expect(c.svgs.length, c.id).toBeGreaterThan(0);
            for (const s of c.svgs) {
              expect(s.role).toBe("img");
              expect(s.title, c.id).not.toBe("");
              expect(s.desc, c.id).toMatch(/单位/u);
              expect(s.width, `${c.id} fits the phone`).toBeLessThanOrEqual(viewport.width);
              expect(s.width, `${c.id} is readable`).toBeGreaterThan(Math.min(300, viewport.width - 60));
              expect(s.height).toBeGreaterThan(40);
            }
            expect(c.values.length, c.id).toBeGreaterThan(0);
            expect(c.csv, c.id).toMatch(/\.csv$/u);
          }
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          expect(overflow, "no sideways scrolling").toBeLessThanOrEqual(0);
        });
      });
    }
  }
});

describe("chart numbers are the table cells", () => {
  it("every number printed in a chart equals the report table cell it points to", async () => {
    // Gather every printed value with its reference, from every chart page.
    const wanted = new Map<string, { text: string; where: string }[]>();
    for (const { path } of PAGES) {
      const charts = await open(path, DESKTOP, false, chartsOn);
      for (const c of charts) {
        for (const v of c.values) {
          if (!v.ref) continue;
          const [report, cell] = v.ref.split("#") as [string, string];
          wanted.set(report, [...(wanted.get(report) ?? []), { text: `${cell}\t${v.text}`, where: `${path} ${c.id}` }]);
        }
      }
    }
    let checked = 0;
    for (const [report, refs] of wanted) {
      await open(`reports/${report}/`, DESKTOP, false, async (page) => {
        // A cell's printed text, without the [n] links a failed data check adds; an empty cell reads "".
        const cells = await page.$$eval("table.official td[id]", (tds) =>
          Object.fromEntries(
            tds.map((td) => {
              const copy = td.cloneNode(true) as HTMLElement;
              for (const flag of Array.from(copy.querySelectorAll(".check-flags"))) flag.remove();
              return [td.id, copy.classList.contains("empty") ? "" : (copy.textContent?.trim() ?? "")];
            }),
          ),
        );
        for (const { text, where } of refs) {
          const [cell, shown] = text.split("\t") as [string, string];
          if (shown === "空" || /(?:缺|无数据|无此项)$/u.test(shown)) {
            // Empty in the source: the table prints nothing there either (an empty cell has no id, or — when a failed
            // data check reads it — an id and no text).
            expect(cells[cell] ?? "", `${where}: ${cell} is empty`).toBe("");
          } else {
            expect(cells[cell], `${where}: ${cell}`).toBeDefined();
            expect(shown.replace(/[,%]/gu, ""), `${where}: ${cell}`).toBe((cells[cell] as string).replace(/,/gu, ""));
          }
          checked++;
        }
      });
    }
    expect(checked).toBeGreaterThan(250);
  });

  it("each chart's CSV holds the numbers its SVG prints, and its data table shows them too", async () => {
    for (const { path } of PAGES) {
      await open(path, DESKTOP, false, async (page) => {
        const charts = await chartsOn(page);
        for (const c of charts.filter((x) => !x.notice)) {
          const response = await page.request.get(c.csv);
          expect(response.status(), c.csv).toBe(200);
          const rows = Papa.parse<Record<string, string>>(await response.text(), { header: true, skipEmptyLines: true }).data;
          const csvValues = rows.filter((r) => r.row_key !== "total").map((r) => r.value ?? "");
          // Trend points and bars print every row's value (an empty one as 空, 缺, 无数据 or 无此项); drill-down SVGs print them again.
          // A value a report's text states (the department trend's hollow diamonds) is printed with 述 before it.
          const printed = new Set(c.values.map((v) => v.text.replace(/[,%]/gu, "").replace(/^述/u, "").replace(/^(预算|决算)?(空|缺|无数据|无此项)$/u, "")));
          for (const v of csvValues) expect(printed.has(v), `${path} ${c.id}: CSV value ${v} is drawn`).toBe(true);
          const table = await page.$eval(`#${c.id} .chart-table`, (t) => t.textContent ?? "");
          for (const v of csvValues.filter((x) => x !== "")) expect(table.replace(/,/gu, ""), `${c.id} table has ${v}`).toContain(v);
        }
      });
    }
  });
});

describe("accessibility and screenshots", () => {
  for (const viewport of [MOBILE, DESKTOP]) {
    for (const path of ["reports/yangquan-civil-affairs-2025-budget/", "departments/yangquan-civil-affairs/", "compare/civil-affairs/", "compare/"]) {
      it(`${path} at ${viewport.width}px: axe finds no violation (drill-downs and data tables open); charts screenshot`, async () => {
        await open(path, viewport, true, async (page) => {
          await page.$$eval("figure.chart details", (ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
          const axe = await runAxe(page);
          expect(summarizeViolations(axe.violations), path).toBe("");
          await page.$$eval("figure.chart details", (ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = false)));
          const section = page.locator("section:has(figure.chart)").first();
          if ((await section.count()) > 0) {
            await mkdir(SCREENSHOT_DIR, { recursive: true });
            await section.screenshot({ path: join(SCREENSHOT_DIR, `charts-${path.replace(/[^a-z0-9]+/gu, "_")}${viewport.width}.png`) });
          }
        });
      });
    }
  }
});

describe("scripts only enhance", () => {
  it("hovering a bar shows its label and value and highlights it; the drill-down opens by click without scripts", async () => {
    await open("reports/yangquan-civil-affairs-2025-budget/", DESKTOP, true, async (page) => {
      const row = page.locator("#chart-func-svg g.row").nth(1);
      await row.locator("rect").hover();
      const tip = page.locator("t-chart:has(#chart-func) .chart-tip");
      await expect.poll(() => tip.isVisible()).toBe(true);
      expect(await tip.textContent()).toBe("208 社会保障和就业支出：2,895.74");
      expect(await row.getAttribute("class")).toContain("on");
      await page.mouse.move(0, 0);
      await expect.poll(() => tip.isVisible()).toBe(false);
    });
    await open("reports/yangquan-civil-affairs-2025-budget/", MOBILE, false, async (page) => {
      const sub = page.locator("#chart-func-208-svg");
      expect(await sub.isVisible()).toBe(false);
      await page.locator("#chart-func-208 > summary").click();
      expect(await sub.isVisible()).toBe(true);
      const labels = await sub.locator("g.row > text:first-child").allTextContents();
      expect(labels).toContain("20810 社会福利");
      expect(labels).toContain("2081006 养老服务");
    });
  });
});
