/**
 * Finding the pages. The site search: a Pagefind index of the pages marked `data-pagefind-body` (Base's `search`
 * prop: reports, 绩效 tables, departments, cities, glossary), written to `pagefind/` after every page is built;
 * Pagefind segments the Chinese text at build time and the browser loads only the index chunks a query needs. What
 * search engines read besides the pages: `robots.txt` (always) and, when the build knows the site's address
 * (TOUMING_SITE), `sitemap.xml` listing every page — a sitemap index of `sitemap-N.xml` files of at most 50,000 pages
 * each when there are more (the sitemap protocol's limit; a country has about 1.4 million pages). Written after the
 * pages, from the pages actually built, in sorted order: the same site gives the same bytes.
 */
import { readdirSync, rmSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import * as pagefind from "pagefind";
import { finishedPhases } from "../lib/progress.ts";

/** The sitemap protocol's limit of URLs in one file. */
export const SITEMAP_LIMIT = 50_000;

const escapeXml = (s: string) => s.replace(/&/gu, "&amp;").replace(/</gu, "&lt;").replace(/>/gu, "&gt;").replace(/"/gu, "&quot;");

/** Paths (relative to the site, `/`-separated, ending in `/`) of every `index.html` page under `dir`. */
export function builtPages(dir: string): string[] {
  const pages: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(folder, entry.name));
      else if (entry.name === "index.html") pages.push(relative(dir, folder).split(sep).filter(Boolean).map((p) => `${p}/`).join(""));
    }
  };
  walk(dir);
  return pages.sort();
}

/** The sitemap files: name → text. `siteUrl` is the site's address with its base path, ending in `/`. */
export function sitemaps(siteUrl: string, pages: readonly string[]): Map<string, string> {
  const urlset = (list: readonly string[]) =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${list.map((p) => `<url><loc>${escapeXml(new URL(encodeURI(p), siteUrl).href)}</loc></url>\n`).join("")}</urlset>\n`;
  if (pages.length <= SITEMAP_LIMIT) return new Map([["sitemap.xml", urlset(pages)]]);
  const files = new Map<string, string>();
  for (let k = 0; k * SITEMAP_LIMIT < pages.length; k++) files.set(`sitemap-${k + 1}.xml`, urlset(pages.slice(k * SITEMAP_LIMIT, (k + 1) * SITEMAP_LIMIT)));
  const index = `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${[...files.keys()].map((f) => `<sitemap><loc>${escapeXml(new URL(f, siteUrl).href)}</loc></sitemap>\n`).join("")}</sitemapindex>\n`;
  return new Map([["sitemap.xml", index], ...files]);
}

export function robots(siteUrl: string): string {
  return `User-agent: *\nAllow: /\n${siteUrl ? `Sitemap: ${new URL("sitemap.xml", siteUrl).href}\n` : ""}`;
}

export default function discovery(): AstroIntegration {
  let siteUrl = "";
  return {
    name: "touming-discovery",
    hooks: {
      "astro:config:done": ({ config }) => {
        siteUrl = config.site ? new URL(config.base, config.site).href : "";
      },
      "astro:build:done": async ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        writeFileSync(join(out, "robots.txt"), robots(siteUrl));
        if (siteUrl) for (const [name, text] of sitemaps(siteUrl, builtPages(out))) writeFileSync(join(out, name), text);
        const started = performance.now();
        const pages = await searchIndex(out);
        finishedPhases().push({ phase: "search index", count: pages, ms: performance.now() - started });
        logger.info(`search index: ${pages} pages`);
      },
    },
  };
}

/** Builds the Pagefind index of the site in `out` into `out/pagefind/`; returns the number of pages indexed. */
export async function searchIndex(out: string): Promise<number> {
  const fail = (what: string, errors: string[]) => {
    throw new Error(`search index: ${what} failed: ${errors.join("; ")}`);
  };
  const { index, errors } = await pagefind.createIndex({});
  if (!index) fail("starting Pagefind", errors);
  try {
    const added = await index!.addDirectory({ path: out });
    if (added.errors.length > 0) fail("reading the pages", added.errors);
    const written = await index!.writeFiles({ outputPath: join(out, "pagefind") });
    if (written.errors.length > 0) fail("writing the index", written.errors);
    // The pre-built search interfaces Pagefind ships are not used (src/pages/search/ has its own, readable without them).
    for (const name of readdirSync(join(out, "pagefind"))) if (/-ui\.(?:js|css)$/u.test(name)) rmSync(join(out, "pagefind", name));
    return added.page_count;
  } finally {
    await pagefind.close();
  }
}
