/**
 * What search engines read besides the pages: `robots.txt` (always) and, when the build knows the site's address
 * (TOUMING_SITE), `sitemap.xml` listing every page — a sitemap index of `sitemap-N.xml` files of at most 50,000 pages
 * each when there are more (the sitemap protocol's limit; a country has about 1.4 million pages). Written after the
 * pages, from the pages actually built, in sorted order: the same site gives the same bytes.
 */
import { writeFileSync } from "node:fs";
import { basename, dirname, join, relative, sep } from "node:path";
import { filesUnder } from "../lib/node-io.ts";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";

/** The sitemap protocol's limit of URLs in one file. */
export const SITEMAP_LIMIT = 50_000;

const escapeXml = (s: string) => s.replace(/&/gu, "&amp;").replace(/</gu, "&lt;").replace(/>/gu, "&gt;").replace(/"/gu, "&quot;");

/** Paths (relative to the site, `/`-separated, ending in `/`) of every `index.html` page under `dir`. */
export function builtPages(dir: string): string[] {
  return [...filesUnder(dir)]
    .filter((f) => basename(f) === "index.html")
    .map((f) => relative(dir, dirname(f)).split(sep).filter(Boolean).map((p) => `${p}/`).join(""))
    .sort();
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
      "astro:build:done": ({ dir }) => {
        const out = fileURLToPath(dir);
        writeFileSync(join(out, "robots.txt"), robots(siteUrl));
        if (siteUrl) for (const [name, text] of sitemaps(siteUrl, builtPages(out))) writeFileSync(join(out, name), text);
      },
    },
  };
}

