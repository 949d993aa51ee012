/**
 * Every table cell on every report page of the built site is the dataset's cell: same text (amounts grouped with
 * commas only), exactly once, and nothing on the page that the dataset does not have. Missing and empty tables say so,
 * and every key figure links to the cell it comes from.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keyFigures, cellId } from "../../src/lib/figures.ts";
import { loadSiteOrThrow } from "../../src/lib/load.ts";
import { dataPaths, fsReader, projectValidators } from "../../src/lib/node-io.ts";
import { closeBrowser, newPage, DESKTOP } from "../support/browser.ts";
import { buildSite, serveDir, type Served } from "../support/site.ts";

const site = loadSiteOrThrow(fsReader, dataPaths(), projectValidators());
let server: Served;

beforeAll(async () => {
  server = await serveDir(await buildSite());
});
afterAll(async () => {
  await server?.close();
  await closeBrowser();
});

const shown = (text: string) => text.replace(/,/gu, "");

describe.each(site.reports.map((r) => [r.meta.id, r] as const))("%s", (id, report) => {
  it("prints every cell of every table exactly as the dataset holds it", async () => {
    const session = await newPage(DESKTOP);
    try {
      await session.page.goto(`${server.url}reports/${id}/`);
      // A cell's text without the [n] links a failed data check adds; an empty cell (its hidden “空”) reads "".
      const cells = await session.page.$$eval("table.official [id]", (els) =>
        els
          .filter((e) => /^t\d+-l\d+-c\d+$/u.test(e.id))
          .map((e) => {
            const copy = e.cloneNode(true) as HTMLElement;
            for (const flag of Array.from(copy.querySelectorAll(".check-flags"))) flag.remove();
            const text = copy.classList.contains("empty") ? "" : (copy.textContent ?? "").trim();
            return [e.id, text, e.classList.contains("check-fail")] as const;
          }),
      );
      const onPage = new Map<string, string[]>();
      const marked = new Set<string>();
      for (const [cid, text, isMarked] of cells) {
        onPage.set(cid, [...(onPage.get(cid) ?? []), text]);
        if (isMarked) marked.add(cid);
      }
      const expected = new Map<string, string>();
      const all = new Map<string, string>();
      for (const t of report.tables) {
        for (const row of t.rows) {
          t.columns.forEach((c, i) => {
            const v = row.cells[i] ?? "";
            all.set(cellId(t.no, row.line, c.key), v);
            if (v !== "") expected.set(cellId(t.no, row.line, c.key), v);
          });
        }
      }
      expect(expected.size).toBeGreaterThan(200);
      for (const [cid, value] of expected) {
        const texts = onPage.get(cid);
        expect(texts, `${cid} is printed once`).toHaveLength(1);
        expect(shown(texts?.[0] ?? ""), cid).toBe(value);
      }
      // Beyond the non-empty cells, only empty cells that a failed data check reads have an id (printed blank, once).
      const extra = [...onPage.keys()].filter((k) => !expected.has(k));
      expect(extra.filter((k) => all.get(k) !== "" || !marked.has(k) || onPage.get(k)?.join("|") !== ""), "cells that are not in the dataset").toEqual([]);
    } finally {
      await session.close();
    }
  });

  it("says which tables are missing or empty, with the source's 说明", async () => {
    const session = await newPage(DESKTOP);
    try {
      await session.page.goto(`${server.url}reports/${id}/`);
      for (const t of report.tables) {
        const section = session.page.locator(`section[data-state]:has(#t${t.no})`);
        expect(await section.getAttribute("data-state")).toBe(t.state);
        const text = await section.innerText();
        if (t.state === "missing") expect(text).toContain("原文中缺少此表");
        if (t.state === "empty") expect(text).toContain(`本表无数据${t.emptyNote ? `。原文说明：“${t.emptyNote}”` : ""}`);
        // 公开06表 (final accounts) prints four (code, name, amount) groups plus a totals row: 4 + 1 tables; others one.
        if (t.state !== "missing") expect(await section.locator("table").count()).toBe(t.rows.length > 0 ? (t.no === 6 && report.meta.kind === "final" ? 5 : 1) : 0);
      }
    } finally {
      await session.close();
    }
  });

  it("links each key figure to the cell it comes from", async () => {
    const session = await newPage(DESKTOP);
    try {
      await session.page.goto(`${server.url}reports/${id}/`);
      for (const f of keyFigures(report)) {
        if (!f.cell) continue;
        const target = cellId(f.table, f.cell.row.line, f.cell.column.key);
        const link = session.page.locator(`section[aria-labelledby="key-figures"] a[href="#${target}"]`);
        expect(await link.count(), f.name).toBe(1);
        expect(shown(await session.page.locator(`[id="${target}"]`).innerText())).toBe(f.value);
        expect(shown(await link.innerText())).toBe(`${f.value} ${f.unit}`);
      }
    } finally {
      await session.close();
    }
  });
});
