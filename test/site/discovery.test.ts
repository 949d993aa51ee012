/**
 * What the built site tells search engines and citers, read from the real build: with TOUMING_SITE, a sitemap of every
 * page (valid against sitemaps.org's sitemap.xsd, and parsed by Python), robots.txt naming it, a canonical link and
 * OpenGraph on every page, a schema.org Dataset (JSON-LD) on every report page listing its downloads, a 404 page; and
 * without TOUMING_SITE, no address at all — never a placeholder domain in any file.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { loadSiteOrThrow } from "../../src/lib/load.ts";
import { dataPaths, fsReader, projectValidators } from "../../src/lib/node-io.ts";
import { routes } from "../../src/lib/paths.ts";
import { buildSite } from "../support/site.ts";
import { sitemapProblems } from "../support/xsd.ts";

const SITE = "https://yusuan.example.gov.cn";
const site = loadSiteOrThrow(fsReader, dataPaths(), projectValidators());
let withSite = "";
let without = "";
beforeAll(async () => {
  without = await buildSite();
  withSite = await buildSite({ site: SITE });
});
const walk = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
const pagesOf = (dir: string) => walk(dir).filter((p) => p.endsWith("/index.html")).map((p) => relative(dir, p).replace(/index\.html$/u, "")).sort();
const headOf = (html: string) => html.slice(0, html.indexOf("</head>"));

describe("with TOUMING_SITE", () => {
  it("sitemap.xml is a valid sitemap of every page, robots.txt names it", async () => {
    // Valid against the protocol's own schema (sitemaps.org's sitemap.xsd, by libxml2).
    expect(await sitemapProblems(readFileSync(join(withSite, "sitemap.xml"), "utf8"))).toEqual([]);
    const out = execFileSync("python3", ["-c", "import sys,json,xml.etree.ElementTree as ET; r=ET.parse(sys.argv[1]).getroot(); ns='{http://www.sitemaps.org/schemas/sitemap/0.9}'; print(json.dumps([r.tag]+[u.find(ns+'loc').text for u in r.findall(ns+'url')]))", join(withSite, "sitemap.xml")], { encoding: "utf8" });
    const [root, ...locs] = JSON.parse(out) as string[];
    expect(root).toBe("{http://www.sitemaps.org/schemas/sitemap/0.9}urlset");
    expect(locs).toEqual(pagesOf(withSite).map((p) => `${SITE}/${p}`));
    expect(locs).toContain(`${SITE}/reports/yangquan-civil-affairs-2024-final/performance/`);
    // What sitemap.xsd (0.9) constrains of a <loc>: an absolute URL of at most 2,048 characters, at most 50,000 a file.
    expect(locs.length).toBeLessThanOrEqual(50_000);
    for (const loc of locs) {
      expect(loc.length, loc).toBeLessThanOrEqual(2048);
      expect(new URL(loc).href, loc).toBe(loc);
    }
    expect(readFileSync(join(withSite, "robots.txt"), "utf8")).toBe(`User-agent: *\nAllow: /\nSitemap: ${SITE}/sitemap.xml\n`);
  });

  it("every page names its own address (canonical, og:url) and has OpenGraph title and description", () => {
    for (const page of pagesOf(withSite)) {
      const head = headOf(readFileSync(join(withSite, page, "index.html"), "utf8"));
      expect(head, page).toContain(`<link rel="canonical" href="${SITE}/${page}">`);
      expect(head, page).toContain(`<meta property="og:url" content="${SITE}/${page}">`);
      expect(head, page).toMatch(/<meta property="og:title" content="[^"]+">/u);
      expect(head, page).toMatch(/<meta property="og:description" content="[^"]+">/u);
    }
  });

  it("every report page carries a schema.org Dataset listing each of its downloads", () => {
    for (const report of site.reports) {
      const { id } = report.meta;
      const html = readFileSync(join(withSite, routes.report(id), "index.html"), "utf8");
      const blocks = [...headOf(html).matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/gu)].map((m) => JSON.parse(m[1] as string));
      expect(blocks).toHaveLength(1);
      const ld = blocks[0];
      expect(ld).toMatchObject({ "@context": "https://schema.org", "@type": "Dataset", url: `${SITE}/${routes.report(id)}`, inLanguage: "zh-CN", temporalCoverage: String(report.meta.year) });
      expect(ld.creator).toEqual({ "@type": "GovernmentOrganization", name: report.meta.department.name });
      expect((ld.description as string).length).toBeGreaterThanOrEqual(50);
      const own = JSON.parse(readFileSync(join(withSite, routes.reportPackage(id)), "utf8")) as { resources: { path: string; bytes: number }[] };
      const listed = new Map((ld.distribution as { contentUrl: string; contentSize: string; "@type": string }[]).map((d) => [d.contentUrl, d]));
      for (const r of own.resources) {
        const d = listed.get(`${SITE}/${routes.reportData(id)}${r.path}`);
        expect(d, r.path).toMatchObject({ "@type": "DataDownload", contentSize: `${r.bytes} B` });
      }
      for (const url of listed.keys()) expect(existsSync(join(withSite, url.slice(SITE.length + 1))), url).toBe(true);
    }
  });

  it("the data packages, a report's ZIP and the citations name the site's address", () => {
    const about = readFileSync(join(withSite, routes.about(), "index.html"), "utf8");
    expect(about).toContain(`>透明：部门预算与决算公开数据[DB/OL]. ${SITE}/（访问日期：YYYY年MM月DD日）.</p>`);
    expect(JSON.parse(readFileSync(join(withSite, routes.datapackage()), "utf8")).homepage).toBe(`${SITE}/`);
    const id = site.reports[0]?.meta.id ?? "";
    expect(JSON.parse(readFileSync(join(withSite, routes.reportPackage(id)), "utf8")).homepage).toBe(`${SITE}/${routes.report(id)}`);
    const readme = strFromU8(unzipSync(readFileSync(join(withSite, routes.reportZip(id))))["README.txt"] as Uint8Array);
    expect(readme).toContain(`${SITE}/${routes.report(id)}`);
  });
});

describe("without TOUMING_SITE", () => {
  it("no file names a made-up address; no canonical link, sitemap or homepage; robots.txt has no Sitemap line", () => {
    const texts = walk(without).filter((p) => /\.(html|json|xml|txt|csv|js|css)$/u.test(p) && !p.includes("/pagefind/"));
    for (const p of texts) expect(readFileSync(p, "utf8").includes("touming.example"), relative(without, p)).toBe(false);
    const id = site.reports[0]?.meta.id ?? "";
    const readme = strFromU8(unzipSync(readFileSync(join(without, routes.reportZip(id))))["README.txt"] as Uint8Array);
    expect(readme).toMatch(/引用：.*透明 touming 整理\n/u);
    expect(existsSync(join(without, "sitemap.xml"))).toBe(false);
    expect(readFileSync(join(without, "robots.txt"), "utf8")).toBe("User-agent: *\nAllow: /\n");
    expect(readFileSync(join(without, "index.html"), "utf8")).not.toContain('rel="canonical"');
    expect(JSON.parse(readFileSync(join(without, routes.datapackage()), "utf8")).homepage).toBeUndefined();
    expect(JSON.parse(readFileSync(join(without, routes.reportPackage(id)), "utf8")).homepage).toBeUndefined();
    // The data guide's examples say where the address goes, and its citation is one report's own.
    const guide = readFileSync(join(without, routes.dataGuide(), "index.html"), "utf8");
    expect(guide).toContain("https://&lt;本站网址&gt;/data/line-items.csv");
    const example = site.reports.map((r) => r.meta).find((m) => guide.includes(`https://&lt;本站网址&gt;/${routes.report(m.id)}`));
    expect(example).toBeDefined();
    expect(guide).toContain(`“${example?.department.name}. ${example?.title}. 透明 touming 整理，`);
  });

  it("has a 404 page in Chinese that leads back", () => {
    const html = readFileSync(join(without, "404.html"), "utf8");
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain("找不到这个页面");
    expect(html).toContain('href="/"');
    expect(html).toContain(`href="/${routes.downloads()}"`);
  });
});
