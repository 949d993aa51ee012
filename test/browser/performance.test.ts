/**
 * 项目绩效 in a real browser: each report's 绩效 page (/reports/<id>/performance/) has one block per table of
 * performance.json (ids perf-1… in source order), and the report page lists them with links to those blocks; structured cells equal the data (checked by hand against source.txt for a few tables, and generically for
 * every indicator and funding entry); every row and number of the source table is in its raw-rows view; personal data
 * (联系电话, 填报人, 负责人) appears only there; axe finds nothing with every <details> open; print shows closed
 * details; 360 px keeps wide tables inside their own scrolling box. Screenshots in test-artifacts/screenshots/perf-*.
 */
import { readdirSync, readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { AxeResults } from "axe-core";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { PerformanceDocument, PerformanceTable } from "../../src/lib/model.ts";
import {
  fundingLayout,
  indicatorGroups,
  isPersonalField,
  lineRange,
  publicFields,
  tableName,
} from "../../src/lib/performance-view.ts";
import {
  AXE_TAGS,
  closeBrowser,
  DESKTOP,
  MOBILE,
  newPage,
  SCREENSHOT_DIR,
  summarizeViolations,
  type Viewport,
} from "../support/browser.ts";
import { buildSite, ROOT, serveDir, type Served } from "../support/site.ts";

const REPORTS = join(ROOT, "src", "data", "reports");
const REPORT_IDS = readdirSync(REPORTS, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

function performance(id: string): PerformanceTable[] {
  return (JSON.parse(readFileSync(join(REPORTS, id, "performance.json"), "utf8")) as PerformanceDocument).tables;
}

function sourceLine(id: string, line: number): string {
  return readFileSync(join(REPORTS, id, "source.txt"), "utf8").split(/\r?\n/u)[line - 1] ?? "";
}

const FINAL = "yangquan-civil-affairs-2024-final";
const BUDGET = "yangquan-civil-affairs-2025-budget";
const XINZHOU = "xinzhou-civil-affairs-2024-budget";

// ---------------------------------------------------------------------------------------------------------------
// What the page shows, read in the browser

interface RawRowView {
  line: string;
  cells: string[];
}
interface IndicatorView {
  line: string;
  level1: string;
  level2: string;
  level3: string;
  values: Record<string, string>;
}
interface FundingView {
  /** Column header (grid) or caption without its unit (one table per label). */
  label: string;
  source: string;
  text: string;
}
interface BlockView {
  id: string;
  heading: string;
  kind: string;
  facts: Record<string, string>;
  total: string | null;
  /** 原表标题 and source lines, first line inside the disclosure. */
  source: string;
  funding: FundingView[];
  indicators: IndicatorView[];
  texts: Record<string, string>;
  fields: [string, string][];
  rawSummary: string;
  raw: RawRowView[];
  /** The block's text without its raw-rows view. */
  textOutsideRaw: string;
  /** The raw-rows view's text. */
  rawText: string;
}

/** Reads every block of the 项目绩效 section. Cell text ignores visually hidden markers (`空`). */
async function readBlocks(page: Page): Promise<BlockView[]> {
  return page.evaluate(() => {
    const text = (el: Element | null | undefined): string => {
      if (!el) return "";
      const copy = el.cloneNode(true) as Element;
      copy.querySelectorAll(".vh").forEach((n) => n.remove());
      return (copy.textContent ?? "").trim();
    };
    return Array.from(document.querySelectorAll("#performance section.perf-block")).map((block) => {
      const facts: Record<string, string> = {};
      block.querySelectorAll(".perf-facts > div").forEach((d) => {
        facts[text(d.querySelector("dt"))] = text(d.querySelector("dd"));
      });
      const funding: { label: string; source: string; text: string }[] = [];
      block.querySelectorAll("table.perf-funding").forEach((table) => {
        const heads = Array.from(table.querySelectorAll("thead th")).map((th) => text(th));
        const caption = text(table.querySelector("caption")).replace(/（单位：.*）$/u, "");
        const grid = heads[0] === "资金来源";
        table.querySelectorAll("tbody tr").forEach((tr) => {
          const source = tr.getAttribute("data-source") ?? "";
          Array.from(tr.querySelectorAll("td")).forEach((td, i) => {
            funding.push({ label: grid ? (heads[i + 1] ?? "") : caption, source, text: text(td) });
          });
        });
      });
      const indicators: {
        line: string;
        level1: string;
        level2: string;
        level3: string;
        values: Record<string, string>;
      }[] = [];
      block.querySelectorAll("table.perf-indicators tbody").forEach((tbody) => {
        const level1 = text(tbody.querySelector(".l1"));
        let level2 = "";
        const scoreAbove: { text: string; left: number }[] = [];
        tbody.querySelectorAll("tr").forEach((tr) => {
          const l2 = tr.querySelector(".l2");
          if (l2) level2 = text(l2);
          const values: Record<string, string> = {};
          tr.querySelectorAll("td[data-col]").forEach((td) => {
            values[td.getAttribute("data-col") ?? ""] = text(td);
          });
          const score = tr.querySelector("td[data-col=score]");
          if (score) {
            scoreAbove.length = 0;
            scoreAbove.push({ text: text(score), left: Number(score.getAttribute("rowspan") ?? "1") });
          } else if (scoreAbove[0] && scoreAbove[0].left > 0) {
            values.score = `(spanned:${scoreAbove[0].text})`;
          }
          if (scoreAbove[0]) scoreAbove[0].left--;
          indicators.push({ line: tr.getAttribute("data-line") ?? "", level1, level2, level3: text(tr.querySelector(".l3")), values });
        });
      });
      const texts: Record<string, string> = {};
      block.querySelectorAll(".perf-text > div").forEach((d) => {
        texts[text(d.querySelector("dt"))] = text(d.querySelector("dd"));
      });
      const fields = Array.from(block.querySelectorAll(".perf-fields dl > div")).map(
        (d) => [text(d.querySelector("dt")), text(d.querySelector("dd"))] as [string, string],
      );
      const rawDetails = block.querySelector("details.perf-raw");
      const raw = Array.from(block.querySelectorAll("table.perf-rawgrid tbody tr")).map((tr) => ({
        line: text(tr.querySelector("th")),
        cells: Array.from(tr.querySelectorAll("td")).map((td) => text(td)),
      }));
      const outside = block.cloneNode(true) as Element;
      outside.querySelector("details.perf-raw")?.remove();
      return {
        id: block.id,
        heading: text(block.querySelector("h3")),
        kind: block.getAttribute("data-kind") ?? "",
        facts,
        total: block.querySelector(".perf-total strong")?.textContent ?? null,
        source: text(block.querySelector(".perf-source")),
        funding,
        indicators,
        texts,
        fields,
        rawSummary: text(rawDetails?.querySelector("summary")),
        raw,
        textOutsideRaw: outside.textContent ?? "",
        rawText: rawDetails?.textContent ?? "",
      };
    });
  });
}

/** Cells as the raw view shows them: the last cell of a short row spans the rest, trailing empties are kept. */
function expectedRaw(table: PerformanceTable): RawRowView[] {
  return table.rows.map((r) => ({ line: String(r.line), cells: r.cells.length === 0 ? [""] : r.cells.map((c) => c.trim()) }));
}

/** The numbers in a string as written (digits with their thousands separators and decimal point), e.g. `500,000`, `34.84`. */
function numbersIn(value: string): string[] {
  return value.match(/\d[\d,.]*\d|\d/gu) ?? [];
}

async function axeOn(page: Page, selector: string): Promise<string> {
  if (!(await page.evaluate(() => typeof window.axe !== "undefined"))) {
    await page.addScriptTag({ path: join(ROOT, "node_modules", "axe-core", "axe.min.js") });
  }
  const results = await page.evaluate(
    async ([sel, tags]): Promise<AxeResults> => {
      const axe = window.axe;
      if (!axe) throw new Error("axe-core was not injected");
      return axe.run({ include: [[sel]] } as never, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    },
    [selector, AXE_TAGS] as [string, string[]],
  );
  return summarizeViolations(results.violations);
}

async function openAll(page: Page): Promise<void> {
  await page.evaluate(() => document.querySelectorAll("#performance details").forEach((d) => ((d as HTMLDetailsElement).open = true)));
}

async function shoot(page: Page, name: string, selector = "#performance"): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await page.locator(selector).first().screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}

// ---------------------------------------------------------------------------------------------------------------
// Pure helpers (no browser)

describe("view helpers", () => {
  test("scores span down to the next score in their 一级指标 group; equal 二级指标 merge", () => {
    const base = { level3: "x", line: 1 };
    const groups = indicatorGroups([
      { ...base, level1: "产出", level2: "数量", score: "49" },
      { ...base, level1: "产出", level2: "数量" },
      { ...base, level1: "产出", level2: "质量" },
      { ...base, level1: "效益", level2: "社会" },
      { ...base, level1: "效益", level2: "社会", score: "30" },
      { ...base, level1: "效益", level2: "生态" },
    ]);
    expect(groups.map((g) => g.level1)).toEqual(["产出", "效益"]);
    expect(groups[0]?.rows.map((r) => [r.level2Span, r.scoreSpan])).toEqual([[2, 3], [0, 0], [1, 0]]);
    expect(groups[1]?.rows.map((r) => [r.level2Span, r.scoreSpan])).toEqual([[2, 1], [0, 2], [1, 0]]);
  });

  test("funding: a repeated source keeps every amount; labels without common sources become lists", () => {
    const f = (label: string, source: string, amount: string) => ({ label, source, amount, unit: "元", line: 1 });
    const grid = fundingLayout([f("实施期", "合计", "1"), f("年度", "合计", "2"), f("实施期", "金", "3"), f("实施期", "金", "4"), f("年度", "金", "5")]);
    expect(grid.mode).toBe("grid");
    if (grid.mode === "grid") {
      expect(grid.rows.map((r) => [r.source, ...r.cells.map((c) => c?.amount ?? "")])).toEqual([
        ["合计", "1", "2"],
        ["金", "3", "5"],
        ["金", "4", ""],
      ]);
    }
    const lists = fundingLayout([f("按资金来源划分", "合计", "9"), f("按资金方向划分", "合计", "9"), f("按资金来源划分", "单位资金", "1"), f("按资金方向划分", "基本支出", "2")]);
    expect(lists.mode).toBe("lists");
  });

  test("personal fields are recognised", () => {
    for (const label of ["评价人员", "填报人", "联系电话", "项目负责人", "单位负责人", "负责人", "经办人"]) expect(isPersonalField(label), label).toBe(true);
    for (const label of ["填报日期", "单位(盖章)", "项目起止时间", "评分说明", "项目执行情况(10分)"]) expect(isPersonalField(label), label).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The built site

let server: Served | undefined;

beforeAll(async () => {
  server = await serveDir(await buildSite(), "/");
});

afterAll(async () => {
  await closeBrowser();
  await server?.close();
});

/** The 绩效 page of a report (or, with `report`, the report page). */
function url(id: string, report = false): string {
  if (!server) throw new Error("no server");
  return `${server.url}reports/${id}/${report ? "" : "performance/"}`;
}

const blocksCache = new Map<string, BlockView[]>();
async function blocksOf(id: string): Promise<BlockView[]> {
  let blocks = blocksCache.get(id);
  if (!blocks) {
    const session = await newPage(DESKTOP);
    try {
      await session.page.goto(url(id), { waitUntil: "load" });
      blocks = await readBlocks(session.page);
      expect(session.problems(), "console errors, page errors, failed requests").toEqual([]);
    } finally {
      await session.close();
    }
    blocksCache.set(id, blocks);
  }
  return blocks;
}

describe.each(REPORT_IDS)("%s", (id) => {
  const tables = performance(id);

  test("one block per performance table, ids perf-1… in source order, headings in order", async () => {
    const blocks = await blocksOf(id);
    expect(blocks.length).toBe(tables.length);
    expect(blocks.map((b) => b.id)).toEqual(tables.map((_, i) => `perf-${i + 1}`));
    expect(blocks.map((b) => b.kind)).toEqual(tables.map((t) => t.kind));
    blocks.forEach((b, i) => expect(b.heading).toBe(`${i + 1} ${tableName(tables[i] as PerformanceTable)}`));
  });

  test("the report page lists every table (一览) with a link to its block on the 绩效 page, and holds no block itself", async () => {
    const session = await newPage(DESKTOP);
    try {
      await session.page.goto(url(id, true), { waitUntil: "load" });
      const section = await session.page.$eval("#performance", (s) => ({
        text: s.textContent ?? "",
        blocks: s.querySelectorAll("section.perf-block").length,
        links: Array.from(s.querySelectorAll("a")).map((a) => a.href),
      }));
      expect(section.blocks).toBe(0);
      if (tables.length === 0) {
        expect(section.text).toContain("本报告没有附绩效目标表或绩效自评表");
        return;
      }
      expect(section.links[0]).toBe(url(id));
      const blockLinks = section.links.filter((h) => h.includes("#perf-"));
      // One link per table when there are several (the 一览), in order, each to its block.
      if (tables.length > 1) expect(blockLinks).toEqual(tables.map((_, i) => `${url(id)}#perf-${i + 1}`));
      const blocks = await blocksOf(id);
      for (const link of blockLinks) expect(blocks.map((b) => `${url(id)}#${b.id}`)).toContain(link);
      expect(session.problems(), "console errors, page errors, failed requests").toEqual([]);
    } finally {
      await session.close();
    }
  });

  test("structured cells equal the data: facts, funding, indicators, text, fields", async () => {
    const blocks = await blocksOf(id);
    tables.forEach((t, i) => {
      const b = blocks[i] as BlockView;
      const where = `${b.id} ${tableName(t)}`;
      if (t.department !== undefined) expect.soft(b.facts["主管部门"], where).toBe(t.department);
      if (t.implementingUnit !== undefined) expect.soft(b.facts["实施单位"], where).toBe(t.implementingUnit);
      expect.soft(b.source, where).toBe(`原表标题：${t.title}（公开文件第 ${lineRange(t).join("–")} 行）`);
      expect.soft(b.total, where).toBe(t.totalScore ?? null);
      // Every funding entry, in its row and column, amount as published.
      for (const f of t.funding) {
        const hit = b.funding.some((v) => v.label === f.label && v.source === f.source && (v.text === f.amount || v.text === `${f.amount} ${f.unit}`));
        expect.soft(hit, `${where}: ${f.label} / ${f.source} = ${f.amount}`).toBe(true);
      }
      expect.soft(b.funding.filter((v) => v.text !== "").length, `${where}: no extra amounts`).toBe(t.funding.length);
      // Every indicator row, in order.
      expect.soft(b.indicators.map((r) => r.line), where).toEqual(t.indicators.map((x) => String(x.line)));
      t.indicators.forEach((x, k) => {
        const r = b.indicators[k];
        if (!r) return;
        const at = `${where} line ${x.line}`;
        expect.soft([r.level1, r.level2, r.level3], at).toEqual([x.level1, x.level2, x.level3]);
        for (const key of ["target", "yearTarget", "actual", "deviation"] as const) {
          if (key in r.values) expect.soft(r.values[key], `${at} ${key}`).toBe(x[key] ?? "");
          else expect.soft(x[key], `${at} ${key} has no column`).toBeUndefined();
        }
        if (t.kind === "project-self-evaluation") {
          const shown = r.values.score ?? "";
          if (shown.startsWith("(spanned:")) expect.soft(x.score ?? "", `${at} score under a merged cell`).toBe("");
          else expect.soft(shown, `${at} score`).toBe(x.score ?? "");
        }
      });
      // Text parts and the non-personal fields, values exactly.
      for (const c of t.conclusions) expect.soft(b.texts[c.label.split("/").join(" · ")], `${where} ${c.label}`).toBe(c.value);
      expect.soft(b.fields, where).toEqual(publicFields(t.fields).shown.map((f) => [f.label, f.value]));
    });
  });

  test("the raw-rows view holds every row and every number as published", async () => {
    const blocks = await blocksOf(id);
    tables.forEach((t, i) => {
      const b = blocks[i] as BlockView;
      const first = Math.min(t.line, t.rows[0]?.line ?? t.line);
      const last = Math.max(t.endLine, t.rows.at(-1)?.line ?? t.endLine);
      expect.soft(b.rawSummary, b.id).toBe(`原表全部内容（第 ${first}–${last} 行）`);
      expect.soft(b.raw, `${b.id} rows`).toEqual(expectedRaw(t));
      for (const row of t.rows) {
        for (const n of row.cells.flatMap(numbersIn)) expect.soft(b.rawText.includes(n), `${b.id} line ${row.line}: ${n}`).toBe(true);
      }
    });
  });

  test("personal data (联系电话, 填报人, 负责人, 评价人员) appears only in the raw-rows view", async () => {
    const blocks = await blocksOf(id);
    tables.forEach((t, i) => {
      const b = blocks[i] as BlockView;
      for (const f of t.fields.filter((x) => isPersonalField(x.label) && x.value.trim() !== "")) {
        const values = /评价人员/u.test(f.label) ? [] : [f.value.trim()];
        // A 评价人员 row names people among titles and units: check the phone and name fields strictly.
        for (const v of values) {
          expect.soft(b.textOutsideRaw.includes(v), `${b.id}: ${f.label} ${v} outside the raw rows`).toBe(false);
          expect.soft(b.rawText.includes(v), `${b.id}: ${f.label} ${v} kept in the raw rows`).toBe(true);
        }
      }
      expect.soft(b.fields.some(([label]) => isPersonalField(label)), b.id).toBe(false);
    });
  });
});

describe("checked by hand against source.txt", () => {
  test(`${FINAL}: first self-evaluation 各项工作经费`, async () => {
    // source.txt 528–565: 项目名称 各项工作经费; 项目预算金额 35, 实际执行金额 34.84; 网站维护 依据合同约定支付 完成 (49); 总分 99.
    expect(sourceLine(FINAL, 528)).toContain("各项工作经费");
    expect(sourceLine(FINAL, 542)).toMatch(/网站维护\t依据合同约定支付\t完成\t\t49/u);
    expect(sourceLine(FINAL, 565)).toMatch(/99$/u);
    const b = (await blocksOf(FINAL))[0] as BlockView;
    expect(b.heading).toBe("1 各项工作经费");
    expect(b.facts["类型"]).toBe("绩效自评表");
    expect(b.facts["主管部门"]).toBe("阳泉市民政局");
    expect(b.facts["实施单位"]).toBe("阳泉市民政局");
    expect(b.facts["项目预算金额（合计）"]).toBe("35 万元");
    expect(b.facts["实际执行金额（合计）"]).toBe("34.84 万元");
    expect(b.facts["自评总分"]).toBe("99");
    expect(b.total).toBe("99");
    const site = b.indicators.find((r) => r.level3 === "网站维护");
    expect(site).toMatchObject({ level1: "产出指标(50分)", level2: "数量指标", values: { target: "依据合同约定支付", actual: "完成", deviation: "", score: "49" } });
    const mail = b.indicators.find((r) => r.level3 === "每年邮寄量");
    expect(mail?.values).toMatchObject({ target: "≥400件", actual: "35件", deviation: "指标设置不合理,建议修改" });
    expect(b.funding).toContainEqual({ label: "实际执行金额", source: "市财政", text: "34.84" });
    expect(b.texts["自评结论及结果分析"]).toBe("本年度有效保障民政各项工作顺利开展，项目自评得分99分，自评等级优秀。");
    // 填报人 冯子航 and the phones 2283777 / 2293777 only in the raw rows.
    for (const v of ["冯子航", "2283777", "2293777", "李世旺"]) {
      expect(b.textOutsideRaw).not.toContain(v);
      expect(b.rawText).toContain(v);
    }
  });

  test(`${BUDGET}: first target table, 年度资金总额 300000 and 实施期资金总额 500,000 as published`, async () => {
    expect(sourceLine(BUDGET, 614)).toMatch(/实施期资金总额：\t500,000\t年度资金总额：\t300000/u);
    const b = (await blocksOf(BUDGET))[0] as BlockView;
    expect(b.heading).toBe("1 救助站未成年人保护、流浪乞讨人员救助服务保障及机构运转经费");
    expect(b.facts["主管部门"]).toBe("064-阳泉市民政局");
    expect(b.facts["实施单位"]).toBe("阳泉市救助管理站");
    expect(b.facts["年度资金总额（合计）"]).toBe("300000 元");
    expect(b.facts["实施期资金总额（合计）"]).toBe("500,000 元");
    expect(b.funding).toContainEqual({ label: "年度资金总额", source: "合计", text: "300000" });
    expect(b.funding).toContainEqual({ label: "实施期资金总额", source: "市县（区）财政资金", text: "500,000" });
    expect(b.funding).toContainEqual({ label: "年度资金总额", source: "中央财政资金", text: "0" });
    const first = b.indicators[0];
    expect(first).toMatchObject({ level1: "产出指标", level2: "数量指标", level3: "保洁、厨师、护工人数", values: { target: "≥9人", yearTarget: "≥9人" } });
    expect(b.texts["总体目标 · 年度目标"]).toMatch(/^维持救助站基本运转/u);
    expect(b.fields).toContainEqual(["项目期", "1年"]);
    // 其他资金 (empty in the source) is not made into 0: it stays an empty raw cell.
    expect(b.raw.find((r) => r.line === "619")?.cells).toEqual(["", "", "", "其他资金", "", "其他资金"]);
  });

  test(`${XINZHOU}: the 整体支出绩效目标申报表 keeps 按资金来源划分 and 按资金方向划分 apart, zeros as 0.00`, async () => {
    expect(sourceLine(XINZHOU, 638)).toBe("单位资金\t3240.00\t\t\t");
    const b = (await blocksOf(XINZHOU))[0] as BlockView;
    expect(b.kind).toBe("department-target");
    expect(b.facts["类型"]).toBe("整体支出绩效目标");
    expect(b.facts["主管部门"]).toBe("305-忻州市民政局");
    expect(b.funding).toContainEqual({ label: "按资金来源划分", source: "单位资金", text: "3240.00" });
    expect(b.funding).toContainEqual({ label: "按资金来源划分", source: "国有资本经营预算资金", text: "0.00" });
    expect(b.funding).toContainEqual({ label: "按资金方向划分", source: "基本支出", text: "6644.08" });
    expect(b.funding.some((v) => v.label === "按资金方向划分" && v.source === "单位资金")).toBe(false);
  });
});

describe.each([MOBILE, DESKTOP] as Viewport[])("%j", (viewport) => {
  test.each(REPORT_IDS)("%s: axe with every <details> open, layout, print, screenshots", async (id) => {
    const session = await newPage(viewport);
    const { page } = session;
    try {
      await page.goto(url(id), { waitUntil: "load" });
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      const tag = `perf-${id}-${viewport.width}`;
      await shoot(page, `${tag}-closed`);

      // Only the first block starts open.
      const open = await page.$$eval("#performance details.perf-body", (ds) => ds.map((d) => (d as HTMLDetailsElement).open));
      expect.soft(open, "first block open, the others closed").toEqual(open.map((_, i) => i === 0));

      // Print: closed blocks and raw rows are laid out.
      await page.emulateMedia({ media: "print" });
      const printed = await page.$$eval("#performance table.perf-rawgrid", (ts) =>
        ts.map((t) => (t as HTMLElement).getBoundingClientRect().height > 0),
      );
      expect.soft(printed.length, "raw tables").toBeGreaterThan(0);
      expect.soft(printed.every(Boolean), "every raw table is laid out for print").toBe(true);
      await page.emulateMedia({ media: "screen" });

      // Blocks 1 and 2 opened (with their raw rows), for looking at.
      for (const n of tableCount(id) > 1 ? [1, 2] : [1]) {
        await page.evaluate((sel) => document.querySelectorAll(`${sel} details`).forEach((d) => ((d as HTMLDetailsElement).open = true)), `#perf-${n}`);
        await shoot(page, `${tag}-block${n}-open`, `#perf-${n}`);
      }

      await openAll(page);
      // Nothing of the section is wider than the viewport: wide tables scroll inside their own box.
      const tooWide = await page.evaluate((width) => {
        const out: string[] = [];
        const section = document.querySelector("#performance") as HTMLElement;
        if (section.getBoundingClientRect().right > width + 1) out.push(`#performance ${section.getBoundingClientRect().right}`);
        section.querySelectorAll(".perf-scroll, .perf-facts, .perf-text, .perf-fields, summary, h3").forEach((el) => {
          const r = el.getBoundingClientRect();
          if (r.right > width + 1) out.push(`${el.className || el.tagName} in ${el.closest("section")?.id}: right ${Math.round(r.right)}`);
        });
        return out.slice(0, 10);
      }, viewport.width);
      expect.soft(tooWide, "elements overflowing the viewport").toEqual([]);

      // Ids unique on the page.
      const dupes = await page.evaluate(() => {
        const seen = new Map<string, number>();
        document.querySelectorAll("[id]").forEach((el) => seen.set(el.id, (seen.get(el.id) ?? 0) + 1));
        return [...seen].filter(([, n]) => n > 1).map(([k]) => k);
      });
      expect.soft(dupes, "duplicate ids").toEqual([]);

      const axe = await axeOn(page, "#performance");
      expect.soft(axe, "axe WCAG 2.1 A/AA violations in #performance (all details open)").toBe("");

      expect.soft(session.problems(), "console errors, page errors, failed requests").toEqual([]);
    } finally {
      await session.close();
    }
  });
});

function tableCount(id: string): number {
  return performance(id).length;
}
