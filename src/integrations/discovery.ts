/**
 * What search engines read besides the pages: `robots.txt` (always) and, when the build knows the site's address
 * (TOUMING_SITE), `sitemap.xml` listing every page — a sitemap index of `sitemap-N.xml` files of at most 50,000 pages
 * each when there are more (the sitemap protocol's limit; a country has about 1.4 million pages). Written after the
 * pages, from the pages actually built, in sorted order: the same site gives the same bytes. A report's pages carry
 * `lastmod`, the day its department published it, where the importer was told it; and then `feed.xml` (src/lib/feed.ts)
 * lists the newest reports. Both read the report catalogue the downloads wrote (`data/reports.csv`), not the reports.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import Papa from "papaparse";
import { atomFeed, FEED_PATH, hasFeed, type FeedReport } from "../lib/feed.ts";
import { routes } from "../lib/paths.ts";
import { escapeXml } from "../lib/text.ts";
import { unsafeText } from "../lib/export/safe.ts";
import { basename, dirname, join, relative, sep } from "node:path";
import { filesUnder } from "../lib/node-io.ts";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";

/** The sitemap protocol's limit of URLs in one file. */
export const SITEMAP_LIMIT = 50_000;


/** Paths (relative to the site, `/`-separated, ending in `/`) of every `index.html` page under `dir`. */
export function builtPages(dir: string): string[] {
  return [...filesUnder(dir)]
    .filter((f) => basename(f) === "index.html")
    .map((f) => relative(dir, dirname(f)).split(sep).filter(Boolean).map((p) => `${p}/`).join(""))
    .sort();
}

/**
 * The sitemap files: name → text. `siteUrl` is the site's address with its base path, ending in `/`; `lastmod` the
 * publication day of the pages under a report's page (`reports/<id>/` → YYYY-MM-DD), where known.
 */
export function sitemaps(siteUrl: string, pages: readonly string[], lastmod: ReadonlyMap<string, string> = new Map()): Map<string, string> {
  const dayOf = (p: string) => {
    const m = /^reports\/[^/]+\//u.exec(p);
    return m ? lastmod.get(m[0]) : undefined;
  };
  const url = (p: string) => {
    const day = dayOf(p);
    return `<url><loc>${escapeXml(new URL(encodeURI(p), siteUrl).href)}</loc>${day ? `<lastmod>${day}</lastmod>` : ""}</url>\n`;
  };
  const urlset = (list: readonly string[]) => `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${list.map(url).join("")}</urlset>\n`;
  if (pages.length <= SITEMAP_LIMIT) return new Map([["sitemap.xml", urlset(pages)]]);
  const files = new Map<string, string>();
  for (let k = 0; k * SITEMAP_LIMIT < pages.length; k++) files.set(`sitemap-${k + 1}.xml`, urlset(pages.slice(k * SITEMAP_LIMIT, (k + 1) * SITEMAP_LIMIT)));
  const index = `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${[...files.keys()].map((f) => `<sitemap><loc>${escapeXml(new URL(f, siteUrl).href)}</loc></sitemap>\n`).join("")}</sitemapindex>\n`;
  return new Map([["sitemap.xml", index], ...files]);
}

export function robots(siteUrl: string): string {
  return `User-agent: *\nAllow: /\n${siteUrl ? `Sitemap: ${new URL("sitemap.xml", siteUrl).href}\n` : ""}`;
}

/** The reports of the catalogue the downloads wrote (data/reports.csv), as the feed and the sitemap need them. */
export function catalogReports(out: string): FeedReport[] {
  const file = join(out, routes.reportCatalog());
  if (!existsSync(file)) return [];
  const rows = Papa.parse<Record<string, string>>(readFileSync(file, "utf8"), { header: true, skipEmptyLines: true, transform: unsafeText }).data;
  return rows.map((r) => ({
    id: r.report_id ?? "",
    city: r.city ?? "",
    department: r.department ?? "",
    year: Number(r.year),
    kind: r.kind === "final" ? "final" : "budget",
    title: r.title ?? "",
    page: r.page ?? "",
    published: r.published ?? "",
    ...(r.source_url ? { sourceUrl: r.source_url } : {}),
  }));
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
        if (!siteUrl) return;
        const reports = catalogReports(out);
        const lastmod = new Map(reports.filter((r) => r.published).map((r) => [r.page, r.published]));
        for (const [name, text] of sitemaps(siteUrl, builtPages(out), lastmod)) writeFileSync(join(out, name), text);
        const dated = reports.filter((r) => r.published);
        if (hasFeed(siteUrl, dated.length > 0)) writeFileSync(join(out, FEED_PATH), atomFeed(siteUrl, dated));
      },
    },
  };
}

