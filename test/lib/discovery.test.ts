import { describe, expect, it } from "vitest";
import { robots, SITEMAP_LIMIT, sitemaps } from "../../src/integrations/discovery.ts";
import { indexLetter } from "../../src/lib/catalog.ts";
import { checkSiteUrl } from "../../src/lib/paths.ts";
import { sitemapProblems } from "../support/xsd.ts";

const SITE = "https://yusuan.example.gov.cn/yujuesuan/";

describe("sitemap", () => {
  it("lists each page once under the site's address, escaped", () => {
    const files = sitemaps(SITE, ["", "reports/a-b-2024-budget/", "search/"]);
    expect([...files.keys()]).toEqual(["sitemap.xml"]);
    const xml = files.get("sitemap.xml") ?? "";
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">')).toBe(true);
    expect([...xml.matchAll(/<loc>([^<]*)<\/loc>/gu)].map((m) => m[1])).toEqual([
      "https://yusuan.example.gov.cn/yujuesuan/",
      "https://yusuan.example.gov.cn/yujuesuan/reports/a-b-2024-budget/",
      "https://yusuan.example.gov.cn/yujuesuan/search/",
    ]);
    expect(sitemaps(SITE, ["a&b/"]).get("sitemap.xml")).toContain(`<loc>${SITE}a&amp;b/</loc>`);
  });

  it("is valid against the protocol's sitemap.xsd (and the validator rejects what the schema forbids)", async () => {
    expect(await sitemapProblems(sitemaps(SITE, ["", "reports/a-b-2024-budget/", "a&b/", "搜索/"]).get("sitemap.xml") ?? "")).toEqual([]);
    const bad = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://x.cn/</loc><lastmod>2024-02-30</lastmod></url></urlset>\n';
    expect((await sitemapProblems(bad)).join("\n")).toMatch(/lastmod/u);
    const short = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>a/</loc></url></urlset>\n';
    expect((await sitemapProblems(short)).join("\n")).toMatch(/loc/u);
  });

  it("beyond the protocol's 50,000 URLs a file, becomes an index of sitemap-N.xml files", async () => {
    const pages = Array.from({ length: SITEMAP_LIMIT + 1 }, (_, i) => `reports/r${i}/`);
    const files = sitemaps(SITE, pages);
    expect([...files.keys()]).toEqual(["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml"]);
    expect(files.get("sitemap.xml")).toContain("<sitemapindex");
    expect([...(files.get("sitemap.xml") ?? "").matchAll(/<loc>([^<]*)<\/loc>/gu)].map((m) => m[1])).toEqual([`${SITE}sitemap-1.xml`, `${SITE}sitemap-2.xml`]);
    expect((files.get("sitemap-1.xml") ?? "").match(/<url>/gu)).toHaveLength(SITEMAP_LIMIT);
    expect(files.get("sitemap-2.xml")).toContain(`<loc>${SITE}reports/r${SITEMAP_LIMIT}/</loc>`);
    // Each file valid against its schema: the index against siteindex.xsd, the parts against sitemap.xsd.
    expect(await sitemapProblems(files.get("sitemap.xml") ?? "", "siteindex")).toEqual([]);
    expect(await sitemapProblems(files.get("sitemap-1.xml") ?? "")).toEqual([]);
    expect(await sitemapProblems(files.get("sitemap-2.xml") ?? "")).toEqual([]);
  });

  it("robots.txt names the sitemap only when the site's address is known", () => {
    expect(robots(SITE)).toBe(`User-agent: *\nAllow: /\nSitemap: ${SITE}sitemap.xml\n`);
    expect(robots("")).toBe("User-agent: *\nAllow: /\n");
  });
});

describe("TOUMING_SITE", () => {
  it("must be an absolute http(s) address without query or fragment; unset is reported, not replaced", () => {
    expect(checkSiteUrl("https://yusuan.example.gov.cn")).toBeUndefined();
    expect(checkSiteUrl("http://10.0.0.5:8080/")).toBeUndefined();
    expect(checkSiteUrl(undefined)).toMatch(/TOUMING_SITE is not set/u);
    expect(checkSiteUrl("  ")).toMatch(/TOUMING_SITE is not set/u);
    expect(checkSiteUrl("yusuan.example.gov.cn")).toMatch(/not a web address/u);
    expect(checkSiteUrl("ftp://yusuan.example.gov.cn")).toMatch(/https:\/\/ or http:\/\//u);
    expect(checkSiteUrl("https://yusuan.example.gov.cn/?x=1")).toMatch(/no \?query/u);
  });
});

describe("the A–Z index letter", () => {
  it("is the pinyin initial of the first character", () => {
    const cases: [string, string][] = [
      ["阳泉市民政局", "Y"], ["忻州市民政局", "X"], ["北京市财政局", "B"], ["上海市教育委员会", "S"], ["太原市民政局", "T"],
      ["大同市民政局", "D"], ["晋城市民政局", "J"], ["临汾市民政局", "L"], ["朔州市民政局", "S"], ["吕梁市民政局", "L"],
      ["安徽省财政厅", "A"], ["广州市民政局", "G"], ["哈尔滨市民政局", "H"], ["昆明市民政局", "K"], ["南京市民政局", "N"],
      ["青岛市民政局", "Q"], ["日照市民政局", "R"], ["武汉市民政局", "W"], ["郑州市民政局", "Z"], ["鄂尔多斯市民政局", "E"],
      ["福州市民政局", "F"], ["盘锦市民政局", "P"], ["常州市民政局", "C"], ["马鞍山市民政局", "M"], ["欧阳", "O"],
    ];
    expect(cases.map(([name]) => [name, indexLetter(name)])).toEqual(cases);
    expect(indexLetter("CBD管委会")).toBe("C");
    // A polyphonic first character is filed where the collation sorts it (长治 by zhǎng): the list and its letters agree.
    expect(indexLetter("长治市民政局")).toBe("Z");
    expect(indexLetter("（筹）办公室")).toBe("#");
  });
});
