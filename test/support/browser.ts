/**
 * Browser helpers for tests against the built site: Debian's Chromium driven by playwright-core (`npx playwright
 * install` cannot download browsers here), axe-core for accessibility, full-page screenshots, and a link crawler.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { AxeResults, NodeResult, Result } from "axe-core";
import { chromium } from "playwright-core";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { ARTIFACTS, ROOT } from "./site.ts";

export const CHROMIUM = process.env.TOUMING_CHROMIUM ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
export const SCREENSHOT_DIR = join(ARTIFACTS, "screenshots");
const AXE_SCRIPT = join(ROOT, "node_modules", "axe-core", "axe.min.js");
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

export interface Viewport {
  width: number;
  height: number;
}

export const MOBILE: Viewport = { width: 360, height: 740 };
export const DESKTOP: Viewport = { width: 1280, height: 900 };

let browserPromise: Promise<Browser> | undefined;

/** One Chromium per worker, launched on first use; close it with closeBrowser() in afterAll. */
export function launchBrowser(): Promise<Browser> {
  browserPromise ??= chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  return browserPromise;
}

export async function closeBrowser(): Promise<void> {
  const pending = browserPromise;
  browserPromise = undefined;
  if (pending) await (await pending).close();
}

export interface PageSession {
  page: Page;
  context: BrowserContext;
  /** `console.error` messages (including the browser's own, e.g. a failed resource load). */
  consoleErrors: string[];
  /** Uncaught exceptions in the page. */
  pageErrors: string[];
  /** Requests that failed at the network level or were answered with a status ≥ 400. */
  failedRequests: string[];
  /** Everything above, one line each. */
  problems(): string[];
  close(): Promise<void>;
}

/**
 * A fresh context and page (zh-CN locale) that records console errors, page errors and failed requests;
 * `javaScript: false` browses as a reader with scripts turned off.
 */
export async function newPage(viewport: Viewport = DESKTOP, options: { javaScript?: boolean } = {}): Promise<PageSession> {
  const browser = await launchBrowser();
  const context = await browser.newContext({ viewport, locale: "zh-CN", serviceWorkers: "block", javaScriptEnabled: options.javaScript ?? true });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];
  const failedRequests: string[] = [];
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const { url, lineNumber } = message.location();
    consoleErrors.push(url ? `${message.text()} (${url}:${lineNumber})` : message.text());
  });
  page.on("pageerror", (error) => pageErrors.push(error.stack ?? error.message));
  page.on("requestfailed", (request) =>
    failedRequests.push(`${request.method()} ${request.url()}: ${request.failure()?.errorText ?? "failed"}`),
  );
  page.on("response", (response) => {
    if (response.status() >= 400) failedRequests.push(`${response.request().method()} ${response.url()}: ${response.status()}`);
  });
  return {
    page,
    context,
    consoleErrors,
    pageErrors,
    failedRequests,
    problems: () => [
      ...consoleErrors.map((e) => `console error: ${e}`),
      ...pageErrors.map((e) => `page error: ${e}`),
      ...failedRequests.map((e) => `request failed: ${e}`),
    ],
    close: () => context.close(),
  };
}

export interface AxeReport {
  violations: Result[];
  /** One block per violation: rule, impact, help, and every offending node's selector with axe's failure summary. */
  summary: string;
}

declare global {
  interface Window {
    axe?: typeof import("axe-core");
  }
}

/** Injects axe-core into the page and runs the WCAG 2.0/2.1 A and AA rules on the whole document. */
export async function runAxe(page: Page): Promise<AxeReport> {
  if (!(await page.evaluate(() => typeof window.axe !== "undefined"))) {
    await page.addScriptTag({ path: AXE_SCRIPT });
  }
  const results = await page.evaluate(async (tags: string[]): Promise<AxeResults> => {
    const axe = window.axe;
    if (!axe) throw new Error("axe-core was not injected");
    return axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
  }, AXE_TAGS);
  return { violations: results.violations, summary: summarizeViolations(results.violations) };
}

export function summarizeViolations(violations: ReadonlyArray<Result>): string {
  return violations
    .map((violation) => {
      const head = `[${violation.impact ?? "?"}] ${violation.id}: ${violation.help} (${violation.helpUrl})`;
      const nodes = violation.nodes.map((node: NodeResult) => {
        const selector = node.target.map((t) => (Array.isArray(t) ? t.join(" >>> ") : String(t))).join(" | ");
        const why = (node.failureSummary ?? "").replace(/\s*\n\s*/g, " / ");
        return `  - ${selector}\n    ${node.html.slice(0, 200)}\n    ${why}`;
      });
      return [head, ...nodes].join("\n");
    })
    .join("\n");
}

/** A full-page PNG at `test-artifacts/screenshots/<name>.png` (name sanitised); returns the path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const safe = name.replace(/[^\p{L}\p{N}._-]+/gu, "_").replace(/^_+|_+$/g, "") || "page";
  const path = join(SCREENSHOT_DIR, `${safe}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

// ---------------------------------------------------------------------------------------------------------------
// Crawler

export interface LinkProblem {
  url: string;
  /** HTTP status, or 0 when the request failed outright. */
  status: number;
  /** Page the link was found on (the first one, in crawl order). */
  foundOn: string;
  /** The element and attribute it came from, e.g. `a[href]`. */
  via: string;
}

export interface CrawlResult {
  /** Every HTML page visited (under the base path). */
  pages: string[];
  /** Every internal URL checked (pages and other resources). */
  checked: string[];
  /** Internal URLs answered with a status ≥ 400 (or not answered). */
  broken: LinkProblem[];
  /** Same-origin URLs outside the base path (not fetched): they would leave the site on a shared host. */
  escaped: LinkProblem[];
}

const LINK_SELECTORS = [
  ["a[href]", "href"],
  ["area[href]", "href"],
  ["link[href]", "href"],
  ["img[src]", "src"],
  ["script[src]", "src"],
  ["source[src]", "src"],
  ["iframe[src]", "src"],
  ["img[srcset]", "srcset"],
  ["source[srcset]", "srcset"],
] as const;

interface FoundLink {
  url: string;
  via: string;
}

/**
 * From `baseUrl` (the home page, e.g. `http://127.0.0.1:1234/yujuesuan/`) follows every same-origin link under it:
 * `a/area/link[href]`, `img/script/source/iframe[src]`, `img/source[srcset]`. HTML pages are opened in the browser to
 * collect their links; everything is checked by status. Other origins, `mailto:`, `data:` etc. are ignored.
 */
export async function crawl(baseUrl: string): Promise<CrawlResult> {
  const root = new URL(baseUrl);
  const under = (u: URL): boolean =>
    u.origin === root.origin && (u.pathname.startsWith(root.pathname) || `${u.pathname}/` === root.pathname);
  const session = await newPage(DESKTOP);
  // Only the HTML is needed to read links: do not fetch subresources while crawling (they are checked separately).
  await session.page.route("**/*", (route) =>
    route.request().resourceType() === "document" ? route.continue() : route.abort("blockedbyclient"),
  );

  const seen = new Map<string, { foundOn: string; via: string }>();
  const queue: string[] = [];
  const result: CrawlResult = { pages: [], checked: [], broken: [], escaped: [] };
  const enqueue = (raw: string, foundOn: string, via: string): void => {
    let url: URL;
    try {
      url = new URL(raw, foundOn);
    } catch {
      result.broken.push({ url: raw, status: 0, foundOn, via: `${via} (unparsable)` });
      return;
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") return;
    if (url.origin !== root.origin) return;
    url.hash = "";
    const key = url.href;
    if (seen.has(key)) return;
    seen.set(key, { foundOn, via });
    if (!under(url)) {
      result.escaped.push({ url: key, status: 0, foundOn, via });
      return;
    }
    queue.push(key);
  };

  try {
    enqueue(root.href, root.href, "start");
    while (queue.length > 0) {
      const url = queue.shift() as string;
      const origin = seen.get(url) as { foundOn: string; via: string };
      result.checked.push(url);
      let status = 0;
      let type = "";
      try {
        const response = await fetch(url, { redirect: "follow" });
        status = response.status;
        type = response.headers.get("content-type") ?? "";
        await response.body?.cancel();
      } catch {
        status = 0;
      }
      if (status === 0 || status >= 400) {
        result.broken.push({ url, status, ...origin });
        continue;
      }
      if (!type.startsWith("text/html")) continue;
      result.pages.push(url);
      for (const link of await linksOn(session.page, url)) enqueue(link.url, url, link.via);
    }
  } finally {
    await session.close();
  }
  return result;
}

async function linksOn(page: Page, url: string): Promise<FoundLink[]> {
  const response = await page.goto(url, { waitUntil: "domcontentloaded" });
  if (!response) return [];
  const pageUrl = page.url(); // after redirects: relative links resolve against it
  const raw = await page.evaluate((selectors: ReadonlyArray<readonly [string, string]>) => {
    const found: { value: string; via: string }[] = [];
    for (const [selector, attribute] of selectors) {
      for (const element of Array.from(document.querySelectorAll(selector))) {
        const value = element.getAttribute(attribute);
        if (value === null) continue;
        if (attribute === "srcset") {
          for (const candidate of value.split(",")) {
            const first = candidate.trim().split(/\s+/)[0];
            if (first) found.push({ value: first, via: selector });
          }
        } else found.push({ value, via: selector });
      }
    }
    return { found, baseHref: document.baseURI };
  }, LINK_SELECTORS);
  const resolveAgainst = raw.baseHref || pageUrl;
  const links: FoundLink[] = [];
  for (const { value, via } of raw.found) {
    const trimmed = value.trim();
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    try {
      links.push({ url: new URL(trimmed, resolveAgainst).href, via });
    } catch {
      links.push({ url: trimmed, via: `${via} (unparsable)` });
    }
  }
  return links;
}

/** Readable list of crawl problems for an assertion message; `label` replaces the status (e.g. for escaped links). */
export function formatLinkProblems(problems: ReadonlyArray<LinkProblem>, label?: string): string {
  return problems
    .map((p) => `${label ?? (p.status || "no response")} ${p.url}\n    via ${p.via} on ${p.foundOn}`)
    .join("\n");
}
