/**
 * Importing the PDF itself. Every clone tests it on PDFs it makes: each bundled disclosure typeset as a published PDF
 * (test/support/render-pdf.ts: paragraphs wrapped, tables ruled with blank cells, long labels wrapped in their cells,
 * tables continued across pages under a repeated header, page numbers) must import to exactly the datasets its text
 * gives — every standard table, row, column and amount, the cover, 概况, 情况说明 and 名词解释 — also when the amounts are
 * set half a line above their rows.
 */
import { describe, expect, it } from "vitest";
import { importDisclosure } from "../../src/lib/import/report.ts";
import { isPdf } from "../../src/lib/decode.ts";
import { pdfToText } from "../../src/lib/import/pdf.ts";
import { makePdf } from "../support/pdf-writer.ts";
import { renderPdf } from "../support/render-pdf.ts";
import { imported, reference, reportIds, source } from "./seeds.ts";

/** The datasets without what depends on the form of the source (line numbers, the source's own description, notes). */
function content(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(content);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !/^(?:line|lines|source|notes|pageStarts)$|Lines?$/u.test(k))
        .map(([k, v]) => [k, content(v)]),
    );
  }
  return value;
}

/** The text of prose, section by section: its string leaves, concatenated, without the kinds of its blocks. */
function prose(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.map(prose).join("");
  if (value && typeof value === "object") return Object.entries(value).filter(([k]) => !/^(?:line|type)$|Lines?$/u.test(k)).map(([, v]) => prose(v)).join("");
  return "";
}

async function importPdf(pdf: Uint8Array) {
  const read = await pdfToText(pdf);
  if (!read.ok) throw new Error(read.rule);
  return { read, result: importDisclosure(read.text, { original: "x.pdf", reference, pdf: { origin: read.origin, notes: read.notes } }) };
}

describe("a bundled disclosure typeset as a PDF imports to the same datasets as its text", () => {
  for (const id of reportIds()) {
    for (const shiftAmounts of [0, 6]) {
      it(`${id}${shiftAmounts ? ", amounts set half a line above their rows" : ""}`, async () => {
        const pdf = renderPdf(source(id), { shiftAmounts, rectRules: shiftAmounts === 0 });
        expect(isPdf(pdf)).toBe(true);
        const { read, result } = await importPdf(pdf);
        const text = imported(id);
        expect(result.problems).toEqual([]);
        expect(read.origin.pages).toBeGreaterThan(1);
        expect(content(result.tables)).toEqual(content(text.tables));
        // Prose: every character, in order, in the same sections. (Where a paragraph breaks may differ: the bundled
        // texts keep some breaks of their own extraction — a line ending in “万”, a blank line, then “元等。” — that a
        // page set from them does not show.)
        const { narrative, overview, ...rest } = result.document;
        const { narrative: narrativeT, overview: overviewT, ...restT } = text.document;
        expect(content(rest)).toEqual(content(restT));
        expect(prose(narrative)).toEqual(prose(narrativeT));
        expect(prose(overview)).toEqual(prose(overviewT));
        // 绩效 tables: the same tables found, of the same kinds and titles. (Their cells are not compared: the bundled
        // texts break long cells over lines without tabs, which a page set from them prints outside the grid.)
        const perf = (r: typeof result) => r.performance.tables.map((t) => `${t.kind} ${t.title}`);
        expect(perf(result)).toEqual(perf(text));
        // Where each page begins in the text read from it, for every page.
        expect(read.origin.pageStarts.every((s, k, all) => s > 0 && (k === 0 || s >= (all[k - 1] as number)))).toBe(true);
        expect(result.document.meta.source.pdf?.sha256).toMatch(/^[0-9a-f]{64}$/u);
      }, 30_000);
    }
  }
});

describe("a bundled disclosure typeset without ruling lines (columns by alignment only) imports to the same tables", () => {
  for (const id of reportIds()) {
    it(id, async () => {
      const { result } = await importPdf(renderPdf(source(id), { borderless: true }));
      const text = imported(id);
      expect(result.problems).toEqual([]);
      // Rows whose text lost a cell in the source's own extraction (placed by the importer, with a note) are set short
      // on the page made from that text; without rules nothing shows where the lost cell was. Every other row, cell
      // and column is compared.
      const damaged = new Set(
        text.document.notes
          .filter((n) => /比合计行少 \d+ 个单元格/u.test(n.message))
          .flatMap((n) => {
            const span = /第 (\d+)–(\d+) 行这一段/u.exec(n.message);
            return span ? Array.from({ length: Number(span[2]) - Number(span[1]) + 1 }, (_, k) => Number(span[1]) + k) : [n.line];
          }),
      );
      const keep = (tables: typeof text.tables, reference: typeof text.tables) =>
        tables.map((t, k) => ({ ...t, rows: t.rows.filter((_, r) => !damaged.has(reference[k]?.rows[r]?.line ?? -1)) }));
      expect(content(keep(result.tables, text.tables))).toEqual(content(keep(text.tables, text.tables)));
      expect(result.tables.map((t) => t.rows.length)).toEqual(text.tables.map((t) => t.rows.length));
    }, 30_000);
  }
});

describe("PDFs that cannot be read are refused with the reason", () => {
  it("a scan (no text layer): no OCR", async () => {
    const pdf = makePdf([{ texts: [{ x: 50, y: 50, text: "2024年度部门决算" }] }, { texts: [{ x: 50, y: 50, text: "收入支出决算总表" }] }], { textLayer: false });
    expect(await pdfToText(pdf)).toEqual({ ok: false, value: "2 pages, no text", rule: expect.stringMatching(/no text layer.*no OCR/u) });
  });

  it("a damaged file", async () => {
    const pdf = makePdf([{ texts: [{ x: 50, y: 50, text: "决算" }] }]).slice(0, 300);
    const read = await pdfToText(pdf);
    expect(read).toMatchObject({ ok: false, rule: expect.stringMatching(/cannot be read/u) });
  });

  it("a page without text among pages with text is a note, not silence", async () => {
    const pages = [{ texts: [{ x: 50, y: 50, text: "第一页" }] }, { texts: [] }, { texts: [{ x: 50, y: 50, text: "第三页" }] }];
    const read = await pdfToText(makePdf(pages));
    expect(read.ok).toBe(true);
    if (read.ok) {
      expect(read.text).toBe("第一页\n第三页\n");
      expect(read.origin.pageStarts).toEqual([1, 0, 2]);
      expect(read.notes).toEqual([{ line: 2, message: expect.stringContaining("PDF 第 2 页没有可读的文字") }]);
    }
  });
});
