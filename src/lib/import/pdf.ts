/**
 * A published PDF → the text form the importer reads (src/lib/pdf/layout.ts), with where it came from: the PDF's
 * SHA-256, its page count and the first text line of each page, and notes of what the reading had to interpret. A PDF
 * without a text layer (a scan) is refused: no OCR.
 */
import { createHash } from "node:crypto";
import type { ImportNote } from "../model.ts";
import { readPdf } from "../pdf/extract.ts";
import { pdfText } from "../pdf/layout.ts";

export interface PdfOrigin {
  sha256: string;
  pages: number;
  /** The 1-based line of source.txt where each page's text begins (0 for a page with no text). */
  pageStarts: number[];
}

export type PdfRead = { ok: true; text: string; origin: PdfOrigin; notes: ImportNote[] } | { ok: false; rule: string; value?: string };

export async function pdfToText(bytes: Uint8Array): Promise<PdfRead> {
  let doc: Awaited<ReturnType<typeof readPdf>>;
  try {
    doc = await readPdf(bytes);
  } catch (e) {
    const name = e instanceof Error ? e.name : "";
    const message = e instanceof Error ? e.message : String(e);
    if (name === "PasswordException") return { ok: false, rule: "the PDF is encrypted (it asks for a password): save an unprotected copy and import that" };
    return { ok: false, value: message, rule: "the PDF cannot be read (damaged or incomplete?)" };
  }
  const withText = doc.pages.filter((p) => p.items.length > 0).length;
  if (withText === 0) {
    return {
      ok: false,
      value: `${doc.pages.length} pages, no text`,
      rule: "the PDF has no text layer (a scan or images of pages): touming reads the text a PDF holds and does no OCR — ask the publisher for the original PDF, or run OCR first",
    };
  }
  const { text, pages, notes } = pdfText(doc);
  const pageStarts = doc.pages.map((p) => pages.indexOf(p.no) + 1);
  const out: ImportNote[] = notes.map((n) => ({ line: Math.max(1, pageStarts[n.page - 1] ?? 1), message: n.message }));
  for (const p of doc.pages) {
    if (p.items.length === 0) out.push({ line: Math.max(1, pageStarts.slice(p.no).find((s) => s > 0) ?? pages.length), message: `PDF 第 ${p.no} 页没有可读的文字（扫描页、图片或空白页），其内容未能读取。` });
  }
  return { ok: true, text, origin: { sha256: createHash("sha256").update(bytes).digest("hex"), pages: doc.pages.length, pageStarts }, notes: out.sort((a, b) => a.line - b.line) };
}
