/** The rules for where a report was published, shared by the importer's options, its sources CSV and the loader. */
import { describe, expect, it } from "vitest";
import { publishedProblem, readSources, sourceUrlProblem, todayInChina } from "../../src/lib/provenance.ts";

describe("sourceUrlProblem", () => {
  it.each(["https://www.yq.gov.cn/zwgk/2025/0530.html", "http://czj.xinzhou.gov.cn/yjsgk/2024/a.pdf", "https://example.gov.cn/预算公开?id=7"])("accepts %s", (url) => {
    expect(sourceUrlProblem(url)).toBeUndefined();
  });
  it.each([
    ["www.yq.gov.cn/a.html", /absolute web address/u],
    ["ftp://yq.gov.cn/a.pdf", /https:\/\/ or http:\/\//u],
    ["javascript:alert(1)", /https:\/\/ or http:\/\//u],
    ["https://yq.gov.cn/a b.html", /without spaces/u],
    [`https://yq.gov.cn/${"a".repeat(2000)}`, /2,000 characters/u],
  ])("refuses %s", (url, rule) => {
    expect(sourceUrlProblem(url)).toMatch(rule);
  });
});

describe("publishedProblem", () => {
  it("accepts a real day up to today", () => {
    expect(publishedProblem("2024-02-29")).toBeUndefined();
    expect(publishedProblem("2026-12-01", "2026-12-01")).toBeUndefined();
  });
  it.each([
    ["2024-2-8", /YYYY-MM-DD/u],
    ["2024/02/08", /YYYY-MM-DD/u],
    ["2023-02-29", /does not exist/u],
    ["2024-13-01", /does not exist/u],
    ["1999-12-31", /from 2000 on/u],
  ])("refuses %s", (value, rule) => {
    expect(publishedProblem(value)).toMatch(rule);
  });
  it("refuses a day after today", () => {
    expect(publishedProblem("2026-12-02", "2026-12-01")).toMatch(/has passed \(today is 2026-12-01\)/u);
  });
  it("today is the date in China (UTC+8)", () => {
    expect(todayInChina(new Date("2026-12-01T16:30:00Z"))).toBe("2026-12-02");
    expect(todayInChina(new Date("2026-12-01T15:59:00Z"))).toBe("2026-12-01");
  });
});

describe("readSources", () => {
  it("maps each file to its address and date; either may be empty", () => {
    const { sources, problems } = readSources("\uFEFFfile,source_url,published\na.txt,https://x.gov.cn/a.html,2024-02-08\nb.pdf,,2024-03-01\nc.txt,https://x.gov.cn/c.html,\n", "s.csv", "2026-12-01");
    expect(problems).toEqual([]);
    expect([...sources]).toEqual([
      ["a.txt", { url: "https://x.gov.cn/a.html", published: "2024-02-08" }],
      ["b.pdf", { published: "2024-03-01" }],
      ["c.txt", { url: "https://x.gov.cn/c.html" }],
    ]);
  });
  it("lists every problem at once with its line, column and value", () => {
    const { problems } = readSources("file,source_url,published\na.txt,x.gov.cn,2024-02-30\na.txt,,\n,https://x.gov.cn/,\nd.txt,https://x.gov.cn/,2024-01-01,extra\n", "s.csv", "2026-12-01");
    expect(problems).toEqual([
      { file: "s.csv", line: 2, column: "source_url", value: "x.gov.cn", rule: expect.stringMatching(/absolute web address/u) },
      { file: "s.csv", line: 2, column: "published", value: "2024-02-30", rule: expect.stringMatching(/does not exist/u) },
      { file: "s.csv", line: 3, column: "file", value: "a.txt", rule: "each file is listed once" },
      { file: "s.csv", line: 4, column: "file", value: "", rule: "the disclosure's file name is required" },
      { file: "s.csv", line: 5, value: "d.txt,https://x.gov.cn/,2024-01-01,extra", rule: "a row has 3 values (file,source_url,published)" },
    ]);
  });
  it("refuses a header other than file,source_url,published", () => {
    expect(readSources("文件,网址,日期\n", "s.csv", "2026-12-01").problems).toEqual([{ file: "s.csv", line: 1, value: "文件,网址,日期", rule: "the header must be exactly file,source_url,published" }]);
  });
});
