/**
 * The site search in a real browser against the real built site and its Pagefind index: the words a citizen would
 * type (低保, 养老, 彩票公益金, a department's name) find the pages that hold them — checked against facts of the bundled
 * sources (阳泉市低保中心's 2024 绩效 project “市低保中心单位运转办公、核对工作经费”; 阳泉市民政局's 2024 决算 绩效
 * project “智慧养老服务平台运营费”; 忻州市民政局's 2024 预算 income from 彩票公益金) — each hit says what it is and
 * whose; the results pass axe; the header's search box leads there; without JavaScript the page leads to the A–Z list.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { join } from "node:path";
import type { Page } from "playwright-core";
import Papa from "papaparse";
import { closeBrowser, DESKTOP, MOBILE, newPage, runAxe, screenshot } from "../support/browser.ts";
import { buildSite, serveDir, type Served } from "../support/site.ts";

let server: Served | undefined;
let dist = "";

beforeAll(async () => {
  dist = await buildSite();
  server = await serveDir(dist, "/");
});

afterAll(async () => {
  await closeBrowser();
  await server?.close();
});

interface Hit {
  /** Path and anchor. */
  href: string;
  title: string;
  meta: string;
}

/** Opens /search/?q=… and returns the status line and every hit once the query has run (`all`: pressing “再显示” to the end). */
async function search(page: Page, q: string, all = true): Promise<{ status: string; hits: Hit[]; pages: number }> {
  if (!server) throw new Error("the site is not served");
  await page.goto(new URL(`search/?q=${encodeURIComponent(q)}`, server.url).href, { waitUntil: "load" });
  await page.waitForFunction(() => !(document.getElementById("search-status")?.textContent ?? "").startsWith("正在") && (document.getElementById("search-status")?.textContent ?? "") !== "");
  while (all && (await page.isVisible("button.more"))) {
    const before = await page.$$eval("#search-results > li", (lis) => lis.length);
    await page.click("button.more");
    await page.waitForFunction((n) => document.querySelectorAll("#search-results > li").length > n, before);
  }
  const status = (await page.textContent("#search-status")) ?? "";
  // Each hit, and each project listed under a 绩效 page's hit (with that page's facts).
  const hits = await page.$$eval("#search-results > li", (lis) =>
    lis.flatMap((li) => {
      const path = (a: Element | null) => {
        const url = new URL(a?.getAttribute("href") ?? "", location.href);
        return url.pathname + url.hash;
      };
      const meta = li.querySelector(".hit-meta")?.textContent ?? "";
      return [
        { href: path(li.querySelector("h2 a")), title: li.querySelector("h2")?.textContent ?? "", meta },
        ...[...li.querySelectorAll(".subhits a")].map((a) => ({ href: path(a), title: a.textContent ?? "", meta })),
      ];
    }),
  );
  return { status, hits, pages: await page.$$eval("#search-results > li", (lis) => lis.length) };
}

/** The part of the search index (src/lib/search-index.ts) each indexed page is in, read from the parts' fragments. */
function indexParts(dist: string): Map<string, string> {
  const { parts } = JSON.parse(readFileSync(join(dist, "pagefind/parts.json"), "utf8")) as { parts: string[] };
  const partOf = new Map<string, string>();
  for (const part of ["", ...parts]) {
    const dir = join(dist, "pagefind", part, "fragment");
    for (const name of readdirSync(dir)) {
      const { url } = JSON.parse(gunzipSync(readFileSync(join(dir, name))).toString("utf8").replace(/^pagefind_dcd/u, "")) as { url: string };
      expect(partOf.has(url), `${url} in two parts`).toBe(false);
      partOf.set(url, part);
    }
  }
  return partOf;
}

describe("search", () => {
  test("低保, 养老, 彩票公益金 and a department's name find the pages that hold them", async () => {
    const session = await newPage(MOBILE);
    try {
      const dibao = await search(session.page, "低保");
      expect(dibao.status).toMatch(/^“低保”：找到 \d+ 个页面/u);
      // A project is found under its report's 绩效 page, with a link of its own to the project's table there.
      // (阳泉市民政局's 2025 预算 budgets a project of the same name: the centre's own 2024 自评 is among the hits too.)
      const centre = dibao.hits.find((h) => h.title.startsWith("市低保中心单位运转办公、核对工作经费") && h.href.startsWith("/reports/yangquan-civil-affairs-dibao-center-2024-final/"));
      expect(centre, dibao.hits.map((h) => `${h.href} ${h.title}`).join("\n")).toBeDefined();
      expect(centre?.href).toMatch(/^\/reports\/yangquan-civil-affairs-dibao-center-2024-final\/performance\/#perf-\d+$/u);
      expect(centre?.meta).toBe("绩效项目 · 阳泉市城乡居民最低生活保障管理中心 · 2024年");

      const elderly = await search(session.page, "养老");
      const project = elderly.hits.find((h) => h.title.startsWith("智慧养老服务平台运营费") && h.href.startsWith("/reports/yangquan-civil-affairs-2024-final/"));
      expect(project?.href, elderly.hits.map((h) => `${h.href} ${h.title}`).join("\n")).toMatch(/^\/reports\/yangquan-civil-affairs-2024-final\/performance\/#perf-\d+$/u);
      // The anchor is that project's table.
      const [page, anchor] = (project?.href ?? "").split("#");
      const html = readFileSync(join(dist, page ?? "", "index.html"), "utf8");
      expect(html.slice(html.indexOf(`<section id="${anchor}"`), html.indexOf(`<section id="${anchor}"`) + 600)).toContain("智慧养老服务平台运营费");

      const lottery = await search(session.page, "彩票公益金");
      expect(lottery.hits.map((h) => h.href)).toContain("/reports/xinzhou-civil-affairs-2024-budget/");
      expect(lottery.hits.find((h) => h.href === "/reports/xinzhou-civil-affairs-2024-budget/")?.meta).toBe("部门预算 · 忻州市民政局 · 2024年");

      const veterans = await search(session.page, "阳泉市退役军人事务局");
      expect(veterans.hits.map((h) => h.href)).toContain("/departments/yangquan-veterans-affairs/");
      expect(veterans.hits[0]?.meta).toMatch(/ · 阳泉市退役军人事务局( · |$)/u);

      // Every hit is a page of the site, and says what it is.
      for (const { hits } of [dibao, elderly, lottery, veterans]) {
        for (const h of hits) {
          const [page, anchor] = h.href.split("#");
          expect(existsSync(join(dist, page ?? "", "index.html")), h.href).toBe(true);
          if (anchor) expect(readFileSync(join(dist, page ?? "", "index.html"), "utf8"), h.href).toContain(`id="${anchor}"`);
          expect(h.meta.split(" · ")[0], h.href).toMatch(/^(部门预算|部门决算|绩效项目|部门|单位|城市|名词解释)$/u);
        }
      }
      // Personal data on the 绩效 forms (here 填报人 冯子航, in 阳泉市民政局's 2024 决算) is not searchable.
      expect(readFileSync(join(dist, "reports/yangquan-civil-affairs-2024-final/performance/index.html"), "utf8")).toContain("冯子航");
      expect((await search(session.page, "冯子航")).hits).toEqual([]);

      // The test build's index is in parts (64 KB of text each: test/support/site.ts); the hits above come from more
      // than one, so the page searched the merged parts — and every record is in exactly one part.
      const partOf = indexParts(dist);
      const found = new Set([dibao, elderly, lottery, veterans].flatMap((r) => r.hits.map((h) => partOf.get(h.href.split("#")[0] ?? ""))));
      expect(found.size, [...partOf].join("\n")).toBeGreaterThan(1);

      const none = await search(session.page, "火星殖民");
      expect(none.status).toMatch(/^没有找到“火星殖民”/u);
    } finally {
      await session.close();
    }
  });

  test("results pass axe and fit a phone; more results load on request", async () => {
    for (const viewport of [MOBILE, DESKTOP]) {
      const session = await newPage(viewport);
      try {
        const { pages, status } = await search(session.page, "民政", false);
        const total = Number(/找到 (\d+) 个页面/u.exec(status)?.[1]);
        expect(pages).toBe(Math.min(10, total));
        if (total > 10) {
          await session.page.click("button.more");
          await session.page.waitForFunction((n) => document.querySelectorAll("#search-results > li").length > n, 10);
        }
        await screenshot(session.page, `search-results-${viewport.width}x${viewport.height}`);
        const axe = await runAxe(session.page);
        expect.soft(axe.summary).toBe("");
        expect.soft(session.problems()).toEqual([]);
        expect.soft(await session.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
      } finally {
        await session.close();
      }
    }
  });

  test("the header's search box on every page leads to the results", async () => {
    const session = await newPage(MOBILE);
    try {
      await session.page.goto(new URL("reports/yangquan-veterans-affairs-2023-final/", server?.url).href);
      await session.page.fill("#site-search-q", "烈士");
      await Promise.all([session.page.waitForURL(/\/search\/\?q=/u), session.page.press("#site-search-q", "Enter")]);
      await session.page.waitForFunction(() => (document.getElementById("search-status")?.textContent ?? "").includes("找到"));
      expect(await session.page.inputValue("#search-q")).toBe("烈士");
      const hrefs = await session.page.$$eval("#search-results h2 a, #search-results .subhits a", (as) => as.map((a) => a.getAttribute("href") ?? ""));
      expect(hrefs.some((h) => h.startsWith("/reports/yangquan-veterans-affairs-2023-final/performance/#perf-"))).toBe(true);
    } finally {
      await session.close();
    }
  });

  test("without JavaScript the search page leads to the A–Z list of departments, which links every department", async () => {
    const session = await newPage(MOBILE, { javaScript: false });
    try {
      await session.page.goto(new URL("search/?q=%E4%BD%8E%E4%BF%9D", server?.url).href);
      expect(await session.page.textContent("#search-nojs")).toContain("需要 JavaScript");
      await session.page.click('a[href="/departments/"]');
      const departments = await session.page.$$eval("ul.departments a", (as) => as.map((a) => a.getAttribute("href")));
      expect(departments.sort()).toEqual(["/departments/xinzhou-civil-affairs/", "/departments/yangquan-civil-affairs-dibao-center/", "/departments/yangquan-civil-affairs/", "/departments/yangquan-veterans-affairs/"]);
      expect(await session.page.$$eval("section h2", (hs) => hs.map((h) => h.textContent))).toEqual(["X", "Y"]);
    } finally {
      await session.close();
    }
  });
  test("without JavaScript the search page leads to the index of 绩效 projects: every project of data/projects.csv two links away", async () => {
    const rows = Papa.parse<Record<string, string>>(readFileSync(join(dist, "data/projects.csv"), "utf8"), { header: true, skipEmptyLines: true }).data;
    expect(rows).toHaveLength(100); // the 100 绩效 tables of the five bundled reports
    const session = await newPage(MOBILE, { javaScript: false });
    try {
      await session.page.goto(new URL("search/?q=%E5%85%BB%E8%80%81", server?.url).href);
      await session.page.click('a[href="/projects/"]');
      // Each department with 绩效 tables, with its count per report: together every row of projects.csv.
      const counts = await session.page.$$eval("ul.departments li", (lis) => lis.map((li) => li.textContent ?? ""));
      const stated = counts.flatMap((t) => [...t.matchAll(/(\d+) 张/gu)].map((m) => Number(m[1])));
      expect(stated.reduce((a, b) => a + b, 0)).toBe(rows.length);
      const departments = await session.page.$$eval("ul.departments a", (as) => as.map((a) => a.getAttribute("href") ?? ""));
      const linked = new Set<string>();
      for (const d of departments) {
        expect(d).toMatch(/#projects$/u);
        await session.page.goto(new URL(d, server?.url).href);
        for (const h of await session.page.$$eval("#projects ~ section ol.projects a, section:has(> #projects) ol.projects a", (as) => as.map((a) => a.getAttribute("href") ?? ""))) linked.add(h);
      }
      expect([...linked].sort()).toEqual(rows.map((r) => `/${r.page}`).sort());
    } finally {
      await session.close();
    }
  });
});
