/**
 * Typesets a disclosure in text form (tab-separated table rows, one paragraph per line) as a PDF the way published
 * ones are: paragraphs wrapped to the page width with their first line indented, tables drawn as ruled grids with
 * numbers right-aligned, long cell text wrapped inside its cell, a table that does not fit continued on the next page
 * under its repeated header, page numbers in the footer. Options reproduce the quirks of real PDFs (amounts set off
 * their row, rules drawn as thin rectangles or as strokes). For tests only: it lets every clone test the PDF reader on
 * documents whose content is known exactly.
 */
import { makePdf, type PdfLine, type PdfPageSpec, type PdfText, textWidth } from "./pdf-writer.ts";

export interface RenderOptions {
  /** Move amounts up by this many points (one producer sets them half a line above their row). */
  shiftAmounts?: number;
  /** Widest a table column may be before its text wraps. */
  maxColumn?: number;
  /** Draw rules as thin filled rectangles (true) or stroked lines (false). */
  rectRules?: boolean;
  /** Draw a page number in the footer. */
  pageNumbers?: boolean;
  /** Draw no ruling lines at all: tables set by alignment only (some producers' borderless tables). */
  borderless?: boolean;
}

const W = 842;
const H = 595;
const MARGIN = 50;
const SIZE = 10;
const LEAD = 16;
const AMOUNT_FORM = /^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$/u;
/** An amount as printed (some sources print `4411. 49`): set right-aligned and never wrapped. */
const AMOUNT = { test: (cell: string) => AMOUNT_FORM.test(cell.replace(/\s/gu, "")) && cell.trim() !== "" };

/** Splits text into lines no wider than `width`, never breaking next to a space (a reader could not tell it was there). */
export function wrap(text: string, width: number, size = SIZE): string[] {
  const out: string[] = [];
  let line = "";
  for (const ch of Array.from(text)) {
    if (line !== "" && textWidth(line + ch, size) > width) {
      let cut = line.length;
      while (cut > 1 && (line[cut - 1] === " " || ch === " " || line[cut] === " ")) cut--;
      if (line.slice(0, cut).trim() === "") cut = line.length;
      out.push(line.slice(0, cut));
      line = line.slice(cut);
    }
    line += ch;
  }
  if (line !== "" || out.length === 0) out.push(line);
  return out;
}

export function renderPdf(text: string, opts: RenderOptions = {}): Uint8Array {
  const pages: PdfPageSpec[] = [];
  let page: PdfPageSpec = { texts: [], lines: [] };
  let y = MARGIN;
  const newPage = () => {
    pages.push(page);
    page = { texts: [], lines: [] };
    y = MARGIN;
  };
  const lines = text.split("\n").map((l) => l.replace(/\r$/u, ""));
  for (let i = 0; i < lines.length; ) {
    const line = lines[i] as string;
    if (!line.includes("\t")) {
      i++;
      if (line.trim() === "") continue;
      const indent = line.length > 40 ? SIZE * 2 : 0;
      const parts = wrap(line.trim(), W - 2 * MARGIN - indent);
      // The first line is indented; the rest wrap to the full width.
      const rest = parts.length > 1 ? wrap(line.trim().slice((parts[0] as string).length), W - 2 * MARGIN) : [];
      const all = [parts[0] as string, ...rest];
      all.forEach((p, k) => {
        if (y + LEAD > H - MARGIN) newPage();
        page.texts.push({ x: MARGIN + (k === 0 ? indent : 0), y: y + SIZE, text: p, size: SIZE });
        y += LEAD;
      });
      continue;
    }
    // A table: the run of tab-separated lines.
    const rows: string[][] = [];
    // Without rules, a blank line inside the run (left by the text's own extraction) does not start a table of other
    // column widths when the rows after it have as many cells: the page shows one table, as a producer sets it.
    for (;;) {
      while (i < lines.length && (lines[i] as string).includes("\t")) rows.push((lines[i++] as string).split("\t"));
      let j = i;
      while (j < lines.length && (lines[j] as string).trim() === "") j++;
      const next = (lines[j] ?? "").split("\t");
      if (!opts.borderless || j === i || !(lines[j] ?? "").includes("\t") || next.length !== (rows.at(-1) as string[]).length) break;
      i = j;
    }
    const n = Math.max(...rows.map((r) => r.length));
    const max = opts.maxColumn ?? 400;
    const widths = Array.from({ length: n }, (_, c) => Math.min(max, Math.max(30, ...rows.map((r) => textWidth(r[c] ?? "", SIZE) + 8))));
    const total = widths.reduce((a, b) => a + b, 0);
    const scale = total > W - 2 * MARGIN ? (W - 2 * MARGIN) / total : 1;
    // A table wider than the page: ruled, its columns are narrowed (amounts may then run into the rule, as in some
    // published PDFs); without rules, its type is set smaller, as a producer must, so no two cells touch.
    const size = opts.borderless ? Math.floor(SIZE * scale * 10) / 10 : SIZE;
    const cols = [MARGIN];
    for (const w of widths) cols.push((cols.at(-1) as number) + w * scale);
    const firstData = rows.findIndex((r) => r.some((c) => AMOUNT.test(c) && !/^\d{1,2}$/u.test(c)));
    const header = rows.slice(0, Math.max(0, firstData));
    let top = y;
    const rule = (x0: number, y0: number, x1: number, y1: number): PdfLine => ({ x0, y0, x1, y1, asRect: opts.rectRules ?? true });
    const ruleList = () => (opts.borderless ? [] : (page.lines ??= []));
    const closeGrid = (bottom: number) => {
      for (const x of cols) ruleList().push(rule(x, top, x, bottom));
    };
    const drawRow = (cells: string[], breakable = true) => {
      const wrapped = Array.from({ length: n }, (_, c) => {
        const cell = cells[c] ?? "";
        const w = (cols[c + 1] as number) - (cols[c] as number) - 8;
        return AMOUNT.test(cell) ? [cell] : wrap(cell, w, size);
      });
      const height = LEAD * Math.max(1, ...wrapped.map((w) => w.length));
      if (breakable && y > MARGIN && y + height > H - MARGIN) {
        closeGrid(y);
        newPage();
        top = y;
        ruleList().push(rule(cols[0] as number, y, cols.at(-1) as number, y));
        for (const h of header) drawRow(h, false);
      }
      wrapped.forEach((parts, c) => {
        const amount = parts.length === 1 && AMOUNT.test(parts[0] as string);
        // Text lines of a cell are centred vertically in the row, as spreadsheets export them.
        const first = y + (height - parts.length * LEAD) / 2;
        parts.forEach((p, k) => {
          if (p === "") return;
          const t: PdfText = amount
            ? { x: (cols[c + 1] as number) - 4 * (size / SIZE), y: first + k * LEAD + SIZE + 1 - (opts.shiftAmounts ?? 0), text: p, size, right: true }
            : { x: (cols[c] as number) + 4 * (size / SIZE), y: first + k * LEAD + SIZE + 1, text: p, size };
          page.texts.push(t);
        });
      });
      y += height;
      ruleList().push(rule(cols[0] as number, y, cols.at(-1) as number, y));
    };
    // A table starts where its header and its first row fit (no header alone at the foot of a page).
    if (y + LEAD * (header.length + 2) > H - MARGIN) {
      newPage();
      top = y;
    }
    ruleList().push(rule(cols[0] as number, y, cols.at(-1) as number, y));
    for (const r of rows) drawRow(r);
    closeGrid(y);
    y += LEAD / 2;
  }
  pages.push(page);
  if (opts.pageNumbers ?? true) pages.forEach((p, k) => p.texts.push({ x: W / 2 - 10, y: H - 20, text: `- ${k + 1} -`, size: 9 }));
  return makePdf(pages.map((p) => ({ ...p, width: W, height: H })));
}
