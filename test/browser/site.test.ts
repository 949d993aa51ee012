/**
 * The built site in a real browser (Debian Chromium): the home page and every page it links to, at a phone and a
 * desktop viewport, load cleanly, pass axe (WCAG 2.1 A/AA) and declare zh-CN; no internal link is broken; built for a
 * base path (`/yujuesuan/`), the site still works and never links outside it.
 *
 * The site is built at collection time (once per run, shared with other test files through buildSite()) because the
 * list of pages decides which tests exist. If that fails, a single failing test carries the build error.
 */
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  closeBrowser,
  crawl,
  DESKTOP,
  formatLinkProblems,
  MOBILE,
  newPage,
  runAxe,
  screenshot,
  type CrawlResult,
  type Viewport,
} from "../support/browser.ts";
import { buildSite, serveDir, TEST_BASE, type Served } from "../support/site.ts";

const VIEWPORTS: Viewport[] = [MOBILE, DESKTOP];

/** Same-origin pages under the site root linked from its home page (home first), without fragments, deduplicated. */
async function pagesLinkedFromHome(siteUrl: string): Promise<string[]> {
  const session = await newPage(DESKTOP);
  try {
    await session.page.goto(siteUrl, { waitUntil: "domcontentloaded" });
    const hrefs = await session.page.$$eval("a[href]", (anchors) => anchors.map((a) => (a as HTMLAnchorElement).href));
    const root = new URL(siteUrl);
    const urls = new Set<string>([root.href]);
    for (const href of hrefs) {
      const url = new URL(href);
      if (url.origin !== root.origin || !url.pathname.startsWith(root.pathname)) continue;
      url.hash = "";
      urls.add(url.href);
    }
    const pages: string[] = [];
    for (const url of urls) {
      // Keep HTML pages (and broken links, so that their test fails); skip downloads such as CSV or JSON.
      const response = await fetch(url);
      await response.body?.cancel();
      if (response.status >= 400 || (response.headers.get("content-type") ?? "").startsWith("text/html")) pages.push(url);
    }
    return pages;
  } finally {
    await session.close();
  }
}

function shotName(url: string, viewport: Viewport): string {
  const path = new URL(url).pathname.replace(/^\/+|\/+$/g, "");
  return `${path === "" ? "home" : path.replace(/\//g, "__")}-${viewport.width}x${viewport.height}`;
}

let server: Served | undefined;
let pages: string[] = [];
let setupError: unknown;
try {
  server = await serveDir(await buildSite(), "/");
  pages = await pagesLinkedFromHome(server.url);
} catch (error) {
  setupError = error;
}

afterAll(async () => {
  await closeBrowser();
  await server?.close();
});

if (setupError !== undefined || server === undefined) {
  test("the site builds and its home page can be read", () => {
    throw setupError;
  });
} else {
  const site = server;

  test("the home page links to other pages", () => {
    expect(pages.length, `pages found: ${pages.join(", ")}`).toBeGreaterThan(1);
  });

  for (const viewport of VIEWPORTS) {
    describe(`${viewport.width}×${viewport.height}`, () => {
      for (const url of pages) {
        test(new URL(url).pathname, async () => {
          const session = await newPage(viewport);
          try {
            const response = await session.page.goto(url, { waitUntil: "load" });
            await session.page.evaluate(() => document.fonts.ready.then(() => undefined));
            const shot = await screenshot(session.page, shotName(url, viewport));

            expect.soft(response?.status(), "HTTP status").toBe(200);
            expect.soft(await session.page.getAttribute("html", "lang"), 'html[lang="zh-CN"]').toBe("zh-CN");
            const axe = await runAxe(session.page);
            expect.soft(axe.summary, `axe: ${axe.violations.length} WCAG 2.1 A/AA violation(s)`).toBe("");
            expect.soft(session.problems(), "console errors, page errors, failed requests").toEqual([]);
            expect.soft(existsSync(shot), `screenshot ${shot}`).toBe(true);
          } finally {
            await session.close();
          }
        });
      }
    });
  }

  test("a crawl from the home page finds no broken internal link", async () => {
    const result = await crawl(site.url);
    expect.soft(formatLinkProblems(result.broken), `${result.checked.length} URLs checked`).toBe("");
    expect.soft(result.pages.length, "pages reached").toBeGreaterThan(1);
  });
}

describe(`built for the base path ${TEST_BASE}`, () => {
  let based: Served | undefined;
  let result: CrawlResult | undefined;

  beforeAll(async () => {
    based = await serveDir(await buildSite({ base: TEST_BASE }), TEST_BASE);
    result = await crawl(based.url);
  });

  afterAll(async () => {
    await based?.close();
  });

  test("a crawl finds no broken link", () => {
    if (!result) throw new Error("no crawl result");
    expect.soft(formatLinkProblems(result.broken), `${result.checked.length} URLs checked`).toBe("");
    expect.soft(result.pages.length, "pages reached under the base").toBeGreaterThan(1);
  });

  test("no link leaves the base path", () => {
    if (!result) throw new Error("no crawl result");
    expect(formatLinkProblems(result.escaped, "outside the base:")).toBe("");
  });

  test("the home page loads its assets with no error", async () => {
    if (!based) throw new Error("no server");
    const session = await newPage(DESKTOP);
    try {
      const response = await session.page.goto(based.url, { waitUntil: "load" });
      expect.soft(response?.status()).toBe(200);
      expect.soft(session.problems(), "console errors, page errors, failed requests").toEqual([]);
    } finally {
      await session.close();
    }
  });
});
