/**
 * The navigation pages (home, city, department, glossary, about, a report's 绩效 and check-details pages) in a real browser at a phone and a desktop width:
 * they load cleanly, pass axe (WCAG 2.1 A/AA), keep their headings in order and do not overflow sideways; and they show
 * facts checked by hand against the bundled sources (e.g. 阳泉市民政局's 2025 预算 收入总计 4,411.49 万元 is printed on
 * source line 121, 表一, second column: report cell `t1-l121-c2`).
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { closeBrowser, DESKTOP, MOBILE, newPage, runAxe, screenshot, type Viewport } from "../support/browser.ts";
import { buildSite, serveDir, type Served } from "../support/site.ts";

const PAGES = [
  { name: "home", path: "" },
  { name: "city-yangquan", path: "cities/yangquan/" },
  { name: "department-yangquan-civil-affairs", path: "departments/yangquan-civil-affairs/" },
  { name: "glossary", path: "glossary/" },
  { name: "about", path: "about/" },
  // A report's own pages beside the report page (tested in report-tables, checks and performance tests).
  { name: "report-performance", path: "reports/yangquan-civil-affairs-2025-budget/performance/" },
  { name: "report-checks", path: "reports/yangquan-civil-affairs-2025-budget/checks/" },
  // The downloads list, paged by city.
  { name: "downloads", path: "downloads/" },
  { name: "downloads-yangquan", path: "downloads/yangquan/" },
  // Finding pages: the A–Z list of departments, and the search page with a query's results.
  { name: "departments-az", path: "departments/" },
  { name: "projects", path: "projects/" },
  { name: "search-dibao", path: "search/?q=%E4%BD%8E%E4%BF%9D" },
];

let server: Served | undefined;

beforeAll(async () => {
  server = await serveDir(await buildSite(), "/");
});

afterAll(async () => {
  await closeBrowser();
  await server?.close();
});

function url(path: string): string {
  if (!server) throw new Error("the site is not served");
  return new URL(path, server.url).href;
}

/** Opens a page at a viewport, runs `check` on it, closes it. */
async function withPage<T>(path: string, viewport: Viewport, check: (page: Page) => Promise<T>): Promise<T> {
  const session = await newPage(viewport);
  try {
    const response = await session.page.goto(url(path), { waitUntil: "load" });
    expect(response?.status(), `HTTP status of /${path}`).toBe(200);
    return await check(session.page);
  } finally {
    await session.close();
  }
}

/** Heading levels in document order. */
const headingLevels = (page: Page) => page.$$eval("h1, h2, h3, h4, h5, h6", (hs) => hs.map((h) => Number(h.tagName.slice(1))));

/** A table as `{ [row header]: { [column header]: { text, href } } }`, found by its caption. */
async function tableByCaption(page: Page, caption: RegExp) {
  return page.$$eval(
    "table",
    (tables, source) => {
      const re = new RegExp(source);
      const table = tables.find((t) => re.test(t.querySelector("caption")?.textContent ?? ""));
      if (!table) return undefined;
      const heads = Array.from(table.querySelectorAll("thead th")).map((th) => th.textContent?.trim() ?? "");
      const out: Record<string, Record<string, { text: string; href?: string }>> = {};
      for (const tr of Array.from(table.querySelectorAll("tbody tr"))) {
        const cells = Array.from(tr.children);
        const name = cells[0]?.textContent?.trim() ?? "";
        out[name] = {};
        cells.slice(1).forEach((cell, i) => {
          const a = cell.querySelector("a");
          (out[name] as Record<string, { text: string; href?: string }>)[heads[i + 1] ?? ""] = {
            text: cell.textContent?.trim() ?? "",
            ...(a ? { href: a.href } : {}),
          };
        });
      }
      return out;
    },
    caption.source,
  );
}

for (const viewport of [MOBILE, DESKTOP]) {
  describe(`${viewport.width}×${viewport.height}`, () => {
    test.each(PAGES)("$name", async ({ name, path }) => {
      const session = await newPage(viewport);
      try {
        const response = await session.page.goto(url(path), { waitUntil: "load" });
        await session.page.evaluate(() => document.fonts.ready.then(() => undefined));
        await screenshot(session.page, `${name}-${viewport.width}x${viewport.height}`);
        expect.soft(response?.status(), "HTTP status").toBe(200);
        expect.soft(await session.page.getAttribute("html", "lang")).toBe("zh-CN");
        const axe = await runAxe(session.page);
        expect.soft(axe.summary, `axe: ${axe.violations.length} WCAG 2.1 A/AA violation(s)`).toBe("");
        const problems = session.problems();
        expect.soft(problems, "console errors, page errors, failed requests").toEqual([]);

        const levels = await headingLevels(session.page);
        expect.soft(levels.filter((l) => l === 1), "exactly one h1").toHaveLength(1);
        expect.soft(levels[0], "the first heading is the h1").toBe(1);
        const skips = levels.filter((l, i) => i > 0 && l > (levels[i - 1] as number) + 1);
        expect.soft(skips, `heading levels skip: ${levels.join(" ")}`).toEqual([]);

        const width = await session.page.evaluate(() => document.documentElement.scrollWidth);
        expect.soft(width, "no sideways scrolling of the page (wide tables scroll in their own region)").toBeLessThanOrEqual(viewport.width);
      } finally {
        await session.close();
      }
    });
  });
}

describe("on a phone", () => {
  test("a report's table of contents: entries at least 24 px apart; a wide table shows a shadow where it scrolls on", async () => {
    await withPage("reports/xinzhou-civil-affairs-2024-budget/", MOBILE, async (page) => {
      const tops = await page.$$eval("nav.toc a", (as) => as.map((a) => a.getClientRects()[0]?.top ?? 0));
      const gaps = tops.slice(1).map((t, i) => t - (tops[i] as number));
      expect(gaps.length).toBeGreaterThan(10);
      expect(Math.min(...gaps), `gaps: ${gaps.join(" ")}`).toBeGreaterThanOrEqual(24);
      const wide = await page.$eval('section[aria-labelledby="t2"] .table-scroll', (el) => ({ scrolls: el.scrollWidth > el.clientWidth, background: getComputedStyle(el).backgroundImage, attachment: getComputedStyle(el).backgroundAttachment }));
      expect(wide.scrolls).toBe(true);
      expect(wide.background).toContain("radial-gradient");
      expect(wide.attachment).toBe("local, local, scroll, scroll");
    });
  });
});

describe("content", () => {
  test("home: counts, a way in by city and by department, the latest reports", async () => {
    await withPage("", DESKTOP, async (page) => {
      const stats = await page.$$eval("dl div", (ds) => ds.map((d) => `${d.querySelector("dt")?.textContent}=${d.querySelector("dd")?.textContent}`));
      expect(stats).toEqual(["城市=2 个", "部门=3 个", "下属单位=1 个", "年度=2023–2025年", "预算报告=2 份", "决算报告=3 份"]);
      const byCity = await page.$$eval("#by-city ~ ul a", (as) => as.map((a) => [a.textContent, a.getAttribute("href")]));
      expect(byCity).toEqual([
        ["忻州市", "/cities/xinzhou/"],
        ["阳泉市", "/cities/yangquan/"],
      ]);
      const byDepartment = await page.$$eval("section[aria-labelledby=by-department] a", (as) => as.map((a) => a.getAttribute("href")));
      // Like departments of different cities together; the unit under its department.
      expect(byDepartment).toEqual([
        "/departments/xinzhou-civil-affairs/",
        "/departments/yangquan-civil-affairs/",
        "/departments/yangquan-civil-affairs-dibao-center/",
        "/departments/yangquan-veterans-affairs/",
      ]);
      const latest = await page.$$eval("section[aria-labelledby=latest] a", (as) => as.map((a) => a.textContent));
      expect(latest[0]).toBe("阳泉市民政局 2025年预算");
      expect(latest).toHaveLength(5);
    });
  });

  test("阳泉市: its departments and units against the years, linking to their reports", async () => {
    await withPage("cities/yangquan/", DESKTOP, async (page) => {
      const table = await tableByCaption(page, /阳泉市各部门/u);
      expect(Object.keys(table ?? {})).toEqual(["阳泉市民政局", "单位阳泉市城乡居民最低生活保障管理中心", "阳泉市退役军人事务局"]);
      expect(table?.["阳泉市民政局"]?.["2025年"]).toEqual({ text: "预算", href: url("reports/yangquan-civil-affairs-2025-budget/") });
      expect(table?.["阳泉市民政局"]?.["2024年"]).toEqual({ text: "决算", href: url("reports/yangquan-civil-affairs-2024-final/") });
      expect(table?.["阳泉市民政局"]?.["2023年"]?.href).toBeUndefined();
      expect(table?.["阳泉市退役军人事务局"]?.["2023年"]?.href).toBe(url("reports/yangquan-veterans-affairs-2023-final/"));
      expect(await page.getAttribute("a[href='/departments/yangquan-civil-affairs/']", "href")).toBe("/departments/yangquan-civil-affairs/");
    });
  });

  describe("阳泉市民政局", () => {
    const path = "departments/yangquan-civil-affairs/";

    test("2025 预算 and 2024 决算 side by side, each key figure formatted or its absence explained", async () => {
      await withPage(path, DESKTOP, async (page) => {
        const table = await tableByCaption(page, /阳泉市民政局.*主要数字/u);
        const column = (name: string) => Object.fromEntries(Object.entries(table ?? {}).map(([row, cells]) => [row, cells[name]?.text]));
        expect(Object.keys(table?.["收入总计"] ?? {})).toEqual(["2025年预算", "2024年决算"]);
        expect(column("2025年预算")).toEqual({
          收入总计: "4,411.49 万元",
          支出总计: "4,411.49 万元",
          基本支出: "1,099.45 万元",
          项目支出: "3,312.04 万元",
          财政拨款收入总计: "4,411.49 万元",
          "“三公”经费": "19.30 万元",
        });
        // 公开03表 is missing from source 000 and 公开09表 is published empty: shown as such, never 0.
        expect(column("2024年决算")).toEqual({
          收入总计: "3,119.54 万元",
          支出总计: "3,119.54 万元",
          基本支出: "原文缺少此表",
          项目支出: "原文缺少此表",
          财政拨款收入总计: "3,119.54 万元",
          "“三公”经费": "此表无数据",
        });
        expect(table?.["收入总计"]?.["2025年预算"]?.href).toBe(url("reports/yangquan-civil-affairs-2025-budget/#t1-l121-c2"));
        expect(table?.["收入总计"]?.["2024年决算"]?.href).toBe(url("reports/yangquan-civil-affairs-2024-final/#t1-l129-c3"));
      });
    });

    test("every figure links to a cell that exists on its report page", async () => {
      const links = await withPage(path, DESKTOP, (page) => page.$$eval("table:has(> caption#figures-table) td a[href*='#']", (as) => as.map((a) => (a as HTMLAnchorElement).href)));
      expect(links).toHaveLength(9); // 6 of the 2025 预算, 3 of the 2024 决算 (the other 3 are absent)
      const missing: string[] = [];
      for (const link of links) {
        const target = new URL(link);
        const found = await withPage(target.pathname.slice(1), DESKTOP, (page) =>
          page.evaluate((id) => document.getElementById(id) !== null, decodeURIComponent(target.hash.slice(1))),
        );
        if (!found) missing.push(link);
      }
      expect(missing, "links to cell ids the report page does not have").toEqual([]);
    });

    test("lists its unit 阳泉市城乡居民最低生活保障管理中心 and the unit's report", async () => {
      await withPage(path, DESKTOP, async (page) => {
        const unit = page.locator("section[aria-labelledby=units] section");
        expect(await unit.locator("h3").textContent()).toBe("阳泉市城乡居民最低生活保障管理中心");
        expect(await unit.locator("h3 a").getAttribute("href")).toBe("/departments/yangquan-civil-affairs-dibao-center/");
        expect(await unit.locator("li a").evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute("href")]))).toEqual([
          ["2024年决算", "/reports/yangquan-civil-affairs-dibao-center-2024-final/"],
        ]);
      });
    });
  });

  test("the unit's page names its department", async () => {
    await withPage("departments/yangquan-civil-affairs-dibao-center/", DESKTOP, async (page) => {
      expect(await page.textContent("h1")).toBe("阳泉市城乡居民最低生活保障管理中心");
      expect(await page.getAttribute("main p a", "href")).toBe("/departments/yangquan-civil-affairs/");
      const table = await tableByCaption(page, /主要数字/u);
      expect(table?.["收入总计"]?.["2024年决算"]?.text).toBe("120.49 万元");
    });
  });

  test("glossary: terms grouped, differing definitions each with their sources", async () => {
    await withPage("glossary/", DESKTOP, async (page) => {
      const terms = await page.$$eval("main section h2", (hs) => hs.map((h) => h.textContent));
      expect(terms).toContain("基本支出");
      expect(new Set(terms).size).toBe(terms.length);
      // Final accounts (3 reports) say 公用经费支出, budgets (2 reports) say 公用支出.
      const basic = await page.$$eval("section[aria-labelledby='term-基本支出'] .definition", (ds) =>
        ds.map((d) => [d.querySelector("p")?.textContent, Array.from(d.querySelectorAll("a")).map((a) => a.getAttribute("href"))]),
      );
      expect(basic).toEqual([
        [
          "指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用经费支出。",
          [
            "/reports/yangquan-civil-affairs-dibao-center-2024-final/",
            "/reports/yangquan-civil-affairs-2024-final/",
            "/reports/yangquan-veterans-affairs-2023-final/",
          ],
        ],
        ["指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。", ["/reports/yangquan-civil-affairs-2025-budget/", "/reports/xinzhou-civil-affairs-2024-budget/"]],
      ]);
      const index = await page.$$eval("nav[aria-label='术语索引'] a", (as) => as.map((a) => a.getAttribute("href")));
      expect(index).toContain("#term-基本支出");
    });
  });

  test("about: what the data is, where it comes from, licence, citation (no address: this build has no TOUMING_SITE), the CSV", async () => {
    await withPage("about/", DESKTOP, async (page) => {
      const text = (await page.textContent("main")) ?? "";
      for (const fact of ["财预〔2016〕143号", "万元", "空白不等于零", "SHA-256", "MIT"]) expect(text).toContain(fact);
      const citation = (await page.textContent(".citation")) ?? "";
      expect(citation).toBe("透明：部门预算与决算公开数据[DB/OL].（访问日期：YYYY年MM月DD日）.");
      const csv = await page.getAttribute("a[href$='line-items.csv']", "href");
      expect(csv).toBe("/data/line-items.csv");
      const response = await fetch(url("data/line-items.csv"));
      await response.body?.cancel();
      expect(response.status).toBe(200);
    });
  });
});
