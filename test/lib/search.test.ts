/**
 * The site search's records and index (src/lib/search.ts, src/lib/search-index.ts): a report's 绩效 tables are one
 * record with a section per table (Pagefind's sub-results, by anchor), what a reader searches for is in it and personal
 * data is not; a record's page escapes what it carries; and when Pagefind's process dies mid-way the build says so and
 * fails instead of ending silently with Node's exit code 13.
 */
import { describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { loadSiteOrThrow } from "../../src/lib/load.ts";
import { dataPaths, fsReader, projectValidators, root } from "../../src/lib/node-io.ts";
import { reportRecords } from "../../src/lib/search.ts";
import { recordHtml } from "../../src/lib/search-index.ts";

const site = loadSiteOrThrow(fsReader, dataPaths(), projectValidators());
const report = (id: string) => site.reports.find((r) => r.meta.id === id) ?? (() => { throw new Error(id); })();

describe("reportRecords", () => {
  it("gives the report and its 绩效 page, each 绩效 table a section with its anchor", () => {
    const r = report("yangquan-civil-affairs-2024-final");
    const records = reportRecords(r);
    expect(records.map((x) => x.url)).toEqual(["reports/yangquan-civil-affairs-2024-final/", "reports/yangquan-civil-affairs-2024-final/performance/"]);
    const perf = records[1];
    expect(perf?.meta).toEqual({ title: "阳泉市民政局 2024年决算 · 项目绩效", type: "绩效项目", department: "阳泉市民政局", year: "2024" });
    expect(perf?.sections?.map((s) => s.id)).toEqual(r.performance.map((_, i) => `perf-${i + 1}`));
    // A project of the source (its 绩效自评表), with what it is for.
    const project = perf?.sections?.find((s) => s.title.startsWith("智慧养老服务平台运营费"));
    expect(project?.title).toBe("智慧养老服务平台运营费（绩效自评表）");
    // 填报人 冯子航 is on that report's forms and in no record.
    expect(JSON.stringify(r.performance)).toContain("冯子航");
    expect(JSON.stringify(records)).not.toContain("冯子航");
  });

  it("gives a report without 绩效 tables one record", () => {
    const without = site.reports.find((r) => r.performance.length === 0);
    if (without) expect(reportRecords(without)).toHaveLength(1);
    const all = site.reports.flatMap(reportRecords);
    // One record per report and one per report with 绩效 tables, however many tables (100 in the five bundled reports).
    expect(all).toHaveLength(site.reports.length + site.reports.filter((r) => r.performance.length > 0).length);
    expect(all.flatMap((x) => x.sections ?? [])).toHaveLength(100);
  });
});

describe("recordHtml", () => {
  it("escapes text and attributes, keeps commas in meta values, one filter element per value", () => {
    const html = recordHtml({
      url: "r/x/performance/",
      content: "第一行\n<b>第二行</b> & 更多",
      sections: [{ id: "perf-1", title: "项目\"甲\"<1>", content: "目标：保障, 低保" }],
      meta: { title: "标题, 含逗号", type: "绩效项目" },
      filters: { 城市: ["甲市", "乙市"] },
    });
    expect(html).toContain('<meta data-pagefind-meta="title[content]" content="标题, 含逗号">');
    expect(html).toContain('<meta data-pagefind-filter="城市[content]" content="甲市"><meta data-pagefind-filter="城市[content]" content="乙市">');
    expect(html).toContain("<body><h1>标题, 含逗号</h1><p>第一行</p><p>&lt;b&gt;第二行&lt;/b&gt; &amp; 更多</p>");
    expect(html).toContain('<h2 id="perf-1">项目&quot;甲&quot;&lt;1&gt;</h2><p>目标：保障, 低保</p>');
    expect(html).not.toMatch(/<b>/u);
  });
});

/** The processes whose parent is `pid` (from /proc). */
function children(pid: number): number[] {
  return readdirSync("/proc")
    .filter((n) => /^\d+$/u.test(n))
    .filter((n) => {
      try {
        return Number(readFileSync(`/proc/${n}/stat`, "utf8").replace(/^.*\) /su, "").split(" ")[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe("writeSearchIndex", () => {
  it("fails with a message when Pagefind's process is killed mid-way", async () => {
    const child = spawn(process.execPath, [join(root, "test/fixtures/scripts/index-forever.ts")], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (d: Buffer) => d.toString().includes("indexing") && resolve());
      child.on("exit", () => reject(new Error(`ended before indexing: ${stderr}`)));
    });
    const pagefind = children(child.pid ?? 0);
    expect(pagefind.length).toBeGreaterThan(0);
    for (const pid of pagefind) process.kill(pid, "SIGKILL");
    expect(await exited).toBe(1);
    expect(stderr).toMatch(/search index: Pagefind stopped answering while adding r\/\d+\/ \(after \d+ records\)/u);
    expect(stderr).toContain("Nothing was written");
  }, 60_000);
});
