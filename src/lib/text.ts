/** Pure text helpers shared by the importer and the loaders. */

export interface SourceLine {
  /** 1-based line number in the source file. */
  line: number;
  text: string;
}

const CJK = "\\u3000-\\u303f\\u3400-\\u4dbf\\u4e00-\\u9fff\\uff00-\\uffef“”‘’()";
const SPACE_BETWEEN_CJK = new RegExp(`(?<=[${CJK}])[ \\u00a0\\u3000]+(?=[${CJK}])`, "gu");
const HTML_TAG = /<\/?(?:td|tr|th|div|p|span|br|table|tbody|thead)\b[^>]*>/giu;

/** Splits a source line into tab-separated cells (no trimming). */
/** Text for XML and HTML attributes and content: & < > " escaped (SVG, the sitemap, the Atom feed). */
export function escapeXml(text: string): string {
  return text.replace(/&/gu, "&amp;").replace(/</gu, "&lt;").replace(/>/gu, "&gt;").replace(/"/gu, "&quot;");
}

export function splitCells(text: string): string[] {
  return text.split("\t");
}

/**
 * Normalises the whitespace of a text cell as extracted from a PDF: HTML fragments (`<td></td>`) and markdown
 * emphasis are removed, runs of white space become one space, and a space between two CJK characters (a line wrap
 * inside a PDF cell, as in `年初结转和 结余`) is removed. Nothing else changes.
 */
export function normalizeText(text: string): string {
  return text
    .replace(HTML_TAG, " ")
    .replace(/\*\*/gu, "")
    .replace(/[ \t\u00a0\u3000]+/gu, " ")
    .trim()
    .replace(SPACE_BETWEEN_CJK, "");
}

const AMOUNT_LIKE = /^-?[\d ,]*\d[\d ,]*(?:\. *\d+)?$/u;
const DECIMAL = /^-?\d+(?:\.\d+)?$/u;

/**
 * If `text` is a published number, returns it as a plain decimal string: inner spaces (`4411. 49`) and thousands
 * separators (`3,119.54`) removed, every digit kept (`17.00` stays `17.00`). Otherwise returns undefined.
 */
export function normalizeAmount(text: string): string | undefined {
  const t = text.trim();
  if (t === "" || !AMOUNT_LIKE.test(t)) return undefined;
  const compact = t.replace(/[ ,]/gu, "");
  if (!DECIMAL.test(compact)) return undefined;
  // Commas must be thousands separators, not list separators ("1,2" is not a number).
  if (t.includes(",") && !/^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/u.test(t.replace(/ /gu, ""))) return undefined;
  return compact;
}

/** A plain published decimal: `3119.54`, `-12.5`, `4`. */
export function isDecimal(text: string): boolean {
  return DECIMAL.test(text);
}

const DASH_MARK = /^[—－–-]+$/u;

/** `——` and its variants: the tables' mark for "not applicable" (not a number, not empty). */
export function isDashMark(text: string): boolean {
  return DASH_MARK.test(text);
}

/** Watermarks and page furniture that PDF extraction leaves between the lines of a document. */
export function isNoise(text: string): boolean {
  const t = text.trim();
  return t === "" || t === "仅供内部审核" || /^-?\s*\d{1,3}\s*-?$/u.test(t);
}

/** Removes markdown heading marks and list bullets (`## `, `- `) that some extractions add. */
export function stripMarkdown(text: string): string {
  return text.replace(/^\s*(?:#{1,6}\s+|[-*]\s+)/u, "").replace(/\*\*/gu, "").trim();
}
