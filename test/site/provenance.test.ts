/**
 * Where each report was published, as the built site shows it: on a copy of the bundled data where two reports record
 * their department's address and publication day, the report header links 原文, a 来源与核验 block holds the file name
 * and SHA-256, the JSON-LD names the publication, data/reports.csv lists both, the sitemap gives those reports' pages
 * a lastmod, and feed.xml is a well-formed Atom feed (parsed by Python) of the dated reports, newest first. The bundled
 * data records no publication day: its site has no feed and no lastmod — nothing is invented.
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { routes } from "../../src/lib/paths.ts";
import { ARTIFACTS, buildSite, ROOT } from "../support/site.ts";

const SITE = "https://yusuan.example.gov.cn";
const DATED = {
  "yangquan-civil-affairs-2024-final": { url: "https://www.yq.gov.cn/zwgk/czzj/2025/0530.html?from=公开&x=1", published: "2025-05-30" },
  "xinzhou-civil-affairs-2024-budget": { published: "2024-02-07" },
} as Record<string, { url?: string; published: string }>;

function fixtureData(): string {
  const dir = join(ARTIFACTS, "provenance-fixture", "data");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(join(ROOT, "src", "data"), dir, { recursive: true });
  for (const [id, p] of Object.entries(DATED)) {
    const file = join(dir, "reports", id, "report.json");
    const report = JSON.parse(readFileSync(file, "utf8")) as { meta: { source: Record<string, unknown> } };
    Object.assign(report.meta.source, p);
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  }
  return dir;
}

let dated = "";
let bundled = "";
beforeAll(async () => {
  dated = await buildSite({ site: SITE, data: { name: "provenance", dir: fixtureData() } });
  bundled = await buildSite({ site: SITE });
}, 20 * 60_000);
/** A built page, without Astro's scoping attributes. */
const html = (dir: string, page: string) => readFileSync(join(dir, page, "index.html"), "utf8").replace(/ data-astro-cid-\w+/gu, "");
const escaped = (s: string) => s.replace(/&/gu, "&amp;");

describe("a report with its publication recorded", () => {
  const id = "yangquan-civil-affairs-2024-final";
  const { url, published } = DATED[id] as { url: string; published: string };

  it("links 原文 in the header with its date, and keeps the file name and SHA-256 in 来源与核验 lower down", () => {
    const page = html(dated, routes.report(id));
    const header = page.slice(page.indexOf('<dl class="report-meta"'), page.indexOf("</dl>", page.indexOf('<dl class="report-meta"')));
    expect(header).toContain(`<a href="${escaped(url)}" rel="external noopener">《2024年度单位决算公开》</a>`);
    expect(header).toContain(`<time datetime="2025-05-30">2025年5月30日</time>发布`);
    expect(header).not.toMatch(/[0-9a-f]{64}/u);
    const report = JSON.parse(readFileSync(join(ROOT, "src/data/reports", id, "report.json"), "utf8")) as { meta: { source: { sha256: string; original: string } } };
    const block = page.slice(page.indexOf('id="provenance"'));
    expect(block.indexOf(report.meta.source.sha256)).toBeGreaterThan(0);
    expect(block).toContain(report.meta.source.original);
    expect(page.indexOf('id="provenance"')).toBeGreaterThan(page.indexOf('id="import-notes"'));
  });

  it("names the publication in the JSON-LD (isBasedOn: its address and date)", () => {
    const ld = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/u.exec(html(dated, routes.report(id)))?.[1] ?? "{}") as { isBasedOn?: Record<string, unknown> };
    expect(ld.isBasedOn).toMatchObject({ "@type": "CreativeWork", name: "2024年度单位决算公开", url, datePublished: published });
  });

  it("data/reports.csv lists each report's address and day, empty where not recorded", () => {
    const rows = Papa.parse<Record<string, string>>(readFileSync(join(dated, routes.reportCatalog()), "utf8"), { header: true, skipEmptyLines: true }).data;
    expect(rows.map((r) => [r.report_id, r.source_url, r.published])).toEqual([
      ["xinzhou-civil-affairs-2024-budget", "", "2024-02-07"],
      ["yangquan-civil-affairs-2024-final", url, "2025-05-30"],
      ["yangquan-civil-affairs-2025-budget", "", ""],
      ["yangquan-civil-affairs-dibao-center-2024-final", "", ""],
      ["yangquan-veterans-affairs-2023-final", "", ""],
    ]);
  });
});

describe("feed.xml and the sitemap's lastmod", () => {
  const python = (script: string, file: string) => JSON.parse(execFileSync("python3", ["-c", script, file], { encoding: "utf8" })) as unknown;

  it("feed.xml is a well-formed Atom feed of the dated reports, newest first, each linking its page", () => {
    const script = `import sys,json,xml.etree.ElementTree as ET
A='{http://www.w3.org/2005/Atom}'
r=ET.parse(sys.argv[1]).getroot()
def links(e): return [(l.get('rel'), l.get('href')) for l in e.findall(A+'link')]
print(json.dumps({'tag': r.tag, 'id': r.findtext(A+'id'), 'title': r.findtext(A+'title'), 'updated': r.findtext(A+'updated'), 'links': links(r),
 'entries': [{'id': e.findtext(A+'id'), 'title': e.findtext(A+'title'), 'updated': e.findtext(A+'updated'), 'author': e.findtext(A+'author/'+A+'name'), 'links': links(e)} for e in r.findall(A+'entry')]}, ensure_ascii=False))`;
    const feed = python(script, join(dated, "feed.xml")) as { tag: string; id: string; title: string; updated: string; links: [string, string][]; entries: { id: string; title: string; updated: string; author: string; links: [string, string][] }[] };
    expect(feed).toMatchObject({ tag: "{http://www.w3.org/2005/Atom}feed", id: `${SITE}/feed.xml`, updated: "2025-05-30T00:00:00+08:00" });
    expect(feed.title.length).toBeGreaterThan(0);
    expect(feed.links).toContainEqual(["self", `${SITE}/feed.xml`]);
    expect(feed.entries).toEqual([
      { id: `${SITE}/reports/yangquan-civil-affairs-2024-final/`, title: "阳泉市民政局 2024年决算", updated: "2025-05-30T00:00:00+08:00", author: "阳泉市民政局", links: [["alternate", `${SITE}/reports/yangquan-civil-affairs-2024-final/`], ["related", DATED["yangquan-civil-affairs-2024-final"]?.url]] },
      { id: `${SITE}/reports/xinzhou-civil-affairs-2024-budget/`, title: "忻州市民政局 2024年预算", updated: "2024-02-07T00:00:00+08:00", author: "忻州市民政局", links: [["alternate", `${SITE}/reports/xinzhou-civil-affairs-2024-budget/`]] },
    ]);
    for (const e of feed.entries) expect(existsSync(join(dated, e.id.slice(SITE.length), "index.html")), e.id).toBe(true);
    expect(html(dated, "")).toContain(`<link rel="alternate" type="application/atom+xml" title="透明：新公开的部门预算与决算" href="${SITE}/feed.xml">`);
  });

  it("the sitemap gives a dated report's pages its publication day, and no other page a lastmod", () => {
    const script = `import sys,json,xml.etree.ElementTree as ET
S='{http://www.sitemaps.org/schemas/sitemap/0.9}'
r=ET.parse(sys.argv[1]).getroot()
print(json.dumps([[u.findtext(S+'loc'), u.findtext(S+'lastmod')] for u in r.findall(S+'url')]))`;
    const urls = python(script, join(dated, "sitemap.xml")) as [string, string | null][];
    const withDay = urls.filter(([, d]) => d !== null);
    expect(withDay.length).toBe(6);
    for (const [loc, day] of withDay) {
      const id = /\/reports\/([^/]+)\//u.exec(loc)?.[1] ?? "";
      expect(day, loc).toBe(DATED[id]?.published);
    }
  });

  it("the bundled data records no publication day: no feed, no feed link, no lastmod", () => {
    expect(existsSync(join(bundled, "feed.xml"))).toBe(false);
    expect(html(bundled, "")).not.toContain("application/atom+xml");
    expect(readFileSync(join(bundled, "sitemap.xml"), "utf8")).not.toContain("<lastmod>");
    expect(html(bundled, routes.report("yangquan-civil-affairs-2024-final"))).toContain("本站未记录原文的网址");
  });
});
