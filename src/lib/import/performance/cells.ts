/**
 * The cells of a source line as the parser sees them (tokens), and the small text helpers shared by its modules:
 * label keys, amounts, quoting cells in notes.
 */
import { normalizeAmount, normalizeText } from "../../text.ts";

/** A non-empty cell of a source line. */
export interface Token {
  /** The cell as published, normalised (normalizeText). */
  text: string;
  /**
   * The cell with white space collapsed but kept between CJK characters: `实施单位 阳泉市民政局` — where a label and its
   * value share a cell, that space is the only separator (normalizeText joins them).
   */
  raw: string;
  /** 0-based cell index in the source line. */
  col: number;
}

const HTML_TAG = /<\/?(?:td|tr|th|div|p|span|br|table|tbody|thead)\b[^>]*>/giu;

/** White space collapsed, HTML and markdown emphasis removed; unlike normalizeText, spaces between CJK stay. */
function collapse(text: string): string {
  return text.replace(HTML_TAG, " ").replace(/\*\*/gu, "").replace(/[ \t\u00a0\u3000]+/gu, " ").trim();
}

/**
 * The non-empty cells of a line, normalised. A cell that packs several cells of the PDF into HTML (`<div>…</div>
 * <div>…</div>`, `社会效益 <td>养老服务信息化</td> <td>不断提升</td>`) is split at those tags; paragraphs (`<p>`) stay
 * together.
 */
export function tokenize(cells: string[]): Token[] {
  const out: Token[] = [];
  cells.forEach((cell, col) => {
    const parts = /<\/div>|<td\b/iu.test(cell) ? cell.split(/<\/div>|<\/?td\b[^>]*>/iu) : [cell];
    for (const part of parts) {
      const text = normalizeText(part);
      if (text !== "") out.push({ text, raw: collapse(part), col });
    }
  });
  return out;
}

/** Comparison key of a label: no white space, ASCII brackets and colons, no trailing colon. */
export function key(text: string): string {
  return text.replace(/\s+/gu, "").replace(/（/gu, "(").replace(/）/gu, ")").replace(/：/gu, ":").replace(/:+$/u, "");
}

export function isAmount(text: string): boolean {
  return normalizeAmount(text) !== undefined;
}

/** The cells as a list for a note: `“a”、“b”`. */
export function quote(tokens: readonly Token[]): string {
  return tokens.map((t) => `“${t.text}”`).join("、");
}

/** The cells of a line without its trailing empty cells. */
export function trimCells(cells: string[]): string[] {
  let n = cells.length;
  while (n > 0 && cells[n - 1] === "") n--;
  return cells.slice(0, n);
}
