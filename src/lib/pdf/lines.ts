/**
 * Text on a PDF page as lines: items on one baseline, joined as a reader would read them (a space where there is a
 * gap, CJK letter-spacing removed), and cell or paragraph text wrapped over lines joined again.
 */
import type { PdfItem } from "./extract.ts";

export const CJK = "\\u2e80-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef";
const CJK_GAP = new RegExp(`(?<=[${CJK}])\\s+(?=[${CJK}])`, "gu");
/** A printed amount or count (with separators, a sign, a percent). */
export const AMOUNT = /^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$/u;

/** The text of items on one baseline: a space where there is a gap between them, letter-spacing in CJK removed. */
export function joinLine(items: PdfItem[]): string {
  let out = "";
  items.forEach((it, i) => {
    const prev = items[i - 1];
    const size = it.bottom - it.top;
    out += prev && it.x0 - prev.x1 > size * 0.2 ? ` ${it.text}` : it.text;
  });
  return out.replace(CJK_GAP, "").replace(/\s+/gu, " ").trim();
}

/** Lines of one paragraph or one cell, as one text: Chinese wraps anywhere, so only words of Latin letters get a space. */
export function joinWrapped(lines: string[]): string {
  let out = "";
  for (const l of lines.map((x) => x.trim()).filter(Boolean)) out += out && /[A-Za-z]$/u.test(out) && /^[A-Za-z]/u.test(l) ? ` ${l}` : l;
  return out;
}

/** Items grouped into lines by baseline (sorted top to bottom, each left to right). */
export function linesOf(items: PdfItem[]): PdfItem[][] {
  const sorted = [...items].sort((a, b) => a.y - b.y || a.x0 - b.x0);
  const lines: PdfItem[][] = [];
  for (const it of sorted) {
    const line = lines.at(-1);
    const first = line?.[0];
    const size = first ? first.bottom - first.top : 0;
    if (line && first && Math.abs(it.y - first.y) <= Math.max(2, size * 0.35)) line.push(it);
    else lines.push([it]);
  }
  return lines.map((l) => l.sort((a, b) => a.x0 - b.x0));
}
