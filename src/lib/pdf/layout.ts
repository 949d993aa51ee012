/**
 * From a PDF's positioned text and ruling lines to the text form the importer reads: one line per table row with its
 * cells separated by tabs — a blank cell kept as an empty cell in its column — and one line per paragraph elsewhere.
 * Pure: geometry in, lines out (each with its page), so it is tested on pages built by hand.
 *
 * Tables are read from their grid: the ruling lines give the columns and the rows; a cell spanning columns or rows
 * (where a rule is absent) puts its text in its first column and row, as a table converted to text shows it; text
 * wrapped inside a cell joins its cell; an amount set off its row's baseline still falls inside its row's band. A
 * table that continues on the next page continues the same table (a header the page repeats is dropped). Page headers,
 * footers and page numbers are not content.
 */
import type { PdfDocument, PdfItem, PdfPage, Rule } from "./extract.ts";
import { alignedTables } from "./aligned.ts";
import { AMOUNT, CJK, joinLine, joinWrapped, linesOf } from "./lines.ts";

export interface LaidLine {
  text: string;
  page: number;
  /** Top of the line on its page (points from the top). */
  y: number;
}

export interface LayoutNote {
  page: number;
  message: string;
}

/** A page number alone: `3`, `- 3 -`, `—3—`, `第3页`, `第 3 页 共 20 页`, `3/20`. */
const PAGE_NUMBER = /^(?:[-—–\s]*\d+[-—–\s]*|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?|\d+\s*\/\s*\d+)$/u;

/** Distinct values, merged within `tol`, sorted. */
function distinct(values: number[], tol: number): number[] {
  const out: number[] = [];
  for (const v of [...values].sort((a, b) => a - b)) if (out.length === 0 || v - (out.at(-1) as number) > tol) out.push(v);
  return out;
}

interface Grid {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  cols: number[];
  rows: number[];
  rules: Rule[];
  /** Which grid columns are table columns: a column no cell of the table starts in is a drawing artefact (a producer
   * that rules a fine grid and merges its cells), left out. */
  keep?: boolean[];
}

const TOL = 1.5;

/** Groups the rules that touch each other into grids (a table is a connected set of rules). */
function grids(rules: Rule[]): Grid[] {
  const parent = rules.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i] as number)));
  const touch = (a: Rule, b: Rule) => {
    if (a.dir === b.dir) return Math.abs(a.at - b.at) <= TOL && a.from <= b.to + TOL && b.from <= a.to + TOL;
    const [h, v] = a.dir === "h" ? [a, b] : [b, a];
    return v.at >= h.from - TOL && v.at <= h.to + TOL && h.at >= v.from - TOL && h.at <= v.to + TOL;
  };
  for (let i = 0; i < rules.length; i++) for (let j = i + 1; j < rules.length; j++) if (touch(rules[i] as Rule, rules[j] as Rule)) parent[find(i)] = find(j);
  const groups = new Map<number, Rule[]>();
  rules.forEach((r, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), r]));
  const out: Grid[] = [];
  for (const g of groups.values()) {
    const h = g.filter((r) => r.dir === "h");
    const v = g.filter((r) => r.dir === "v");
    if (h.length < 2 || v.length < 2) continue;
    const x0 = Math.min(...h.map((r) => r.from));
    const x1 = Math.max(...h.map((r) => r.to));
    const y0 = Math.min(...v.map((r) => r.from));
    const y1 = Math.max(...v.map((r) => r.to));
    const cols = distinct([x0, x1, ...v.map((r) => r.at)], TOL);
    const rows = distinct([y0, y1, ...h.map((r) => r.at)], TOL);
    if (cols.length < 2 || rows.length < 2) continue;
    out.push({ x0, x1, y0, y1, cols, rows, rules: g });
  }
  return out.sort((a, b) => a.y0 - b.y0);
}

const center = (it: PdfItem) => ({ x: (it.x0 + it.x1) / 2, y: (it.top + it.bottom) / 2 });
const inside = (it: PdfItem, g: Grid) => {
  const c = center(it);
  return c.x >= g.x0 - TOL && c.x <= g.x1 + TOL && c.y >= g.y0 - TOL && c.y <= g.y1 + TOL;
};

/** Whether a rule of `dir` at `at` covers the point `along` (within tolerance). */
function ruled(g: Grid, dir: "h" | "v", at: number, along: number): boolean {
  return g.rules.some((r) => r.dir === dir && Math.abs(r.at - at) <= TOL && along >= r.from - TOL && along <= r.to + TOL);
}

/** Width of a character in ems: CJK and full-width forms are square, the rest about half as wide. */
const CJK_CHAR = new RegExp(`[${CJK}]`, "u");
const ems = (ch: string) => (CJK_CHAR.test(ch) ? 1 : 0.5);

/**
 * PDF.js joins text runs that are close on one line into one item, with a space where the gap was; where such an item
 * crosses a column's rule (a 行次 and an amount in neighbouring cells), it is split at its spaces, each piece placed
 * by the width of its characters.
 */
function splitAcross(it: PdfItem, edges: number[]): PdfItem[] {
  const inner = edges.filter((x) => x > it.x0 + 1 && x < it.x1 - 1);
  if (inner.length === 0 || !/\S\s+\S/u.test(it.text)) return [it];
  const chars = Array.from(it.text);
  const total = chars.reduce((n, ch) => n + ems(ch), 0);
  const unit = (it.x1 - it.x0) / total;
  const out: PdfItem[] = [];
  let x = it.x0;
  for (const piece of it.text.split(/(\s+)/u)) {
    const w = Array.from(piece).reduce((n, ch) => n + ems(ch), 0) * unit;
    if (piece.trim() !== "") out.push({ ...it, x0: x, x1: x + w, text: piece });
    x += w;
  }
  return out;
}

/** The rows of a grid as cells (spanning cells' text in their first column and row); empty rows left out. */
function gridRows(g: Grid, items: PdfItem[]): { rows: { cells: string[]; y: number }[]; starts: boolean[] } {
  const nr = g.rows.length - 1;
  const nc = g.cols.length - 1;
  // Merge cells where the rule between them is missing (union-find over the cells).
  const id = (r: number, c: number) => r * nc + c;
  const parent = Array.from({ length: nr * nc }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i] as number)));
  for (let r = 0; r < nr; r++) {
    const midY = ((g.rows[r] as number) + (g.rows[r + 1] as number)) / 2;
    for (let c = 1; c < nc; c++) if (!ruled(g, "v", g.cols[c] as number, midY)) parent[find(id(r, c))] = find(id(r, c - 1));
  }
  for (let c = 0; c < nc; c++) {
    const midX = ((g.cols[c] as number) + (g.cols[c + 1] as number)) / 2;
    for (let r = 1; r < nr; r++) if (!ruled(g, "h", g.rows[r] as number, midX)) parent[find(id(r, c))] = find(id(r - 1, c));
  }
  // Each merged cell is anchored at its top-left grid cell.
  const anchor = new Map<number, number>();
  for (let r = 0; r < nr; r++) for (let c = 0; c < nc; c++) if (!anchor.has(find(id(r, c)))) anchor.set(find(id(r, c)), id(r, c));
  const pieces = new Map<number, PdfItem[]>();
  for (const it of items.flatMap((i) => splitAcross(i, g.cols))) {
    const { x, y } = center(it);
    let c = g.cols.findIndex((v, k) => k < nc && x >= v && x < (g.cols[k + 1] as number));
    let r = g.rows.findIndex((v, k) => k < nr && y >= v && y < (g.rows[k + 1] as number));
    if (c < 0) c = x < (g.cols[0] as number) ? 0 : nc - 1;
    if (r < 0) r = y < (g.rows[0] as number) ? 0 : nr - 1;
    const a = anchor.get(find(id(r, c))) as number;
    pieces.set(a, [...(pieces.get(a) ?? []), it]);
  }
  const out: { cells: string[]; y: number }[] = [];
  // Whether any cell of the grid starts in a column (is the top-left of a merged cell, or a cell of its own).
  const starts = Array.from({ length: nc }, (_, c) => Array.from({ length: nr }, (_, r) => anchor.get(find(id(r, c))) === id(r, c)).some(Boolean));
  for (let r = 0; r < nr; r++) {
    const cells = Array.from({ length: nc }, (_, c) => joinWrapped(linesOf(pieces.get(id(r, c)) ?? []).map(joinLine)));
    if (cells.some((x) => x !== "")) out.push({ cells, y: g.rows[r] as number });
  }
  return { rows: out, starts };
}

/** Whether a table row holds data (an amount or a code), as opposed to a header row. */
const isDataRow = (cells: string[]) => cells.some((c) => AMOUNT.test(c.replace(/\s/gu, "")) && !/^\d{1,2}$/u.test(c));

/** Running headers and footers: a page number alone in the top or bottom margin, or a text that repeats in a margin. */
function furniture(pages: PdfPage[]): (page: PdfPage, it: PdfItem) => boolean {
  const margin = (p: PdfPage, it: PdfItem) => it.bottom < p.height * 0.08 || it.top > p.height * 0.92;
  const seen = new Map<string, number>();
  for (const p of pages) for (const key of new Set(p.items.filter((it) => margin(p, it)).map((it) => `${Math.round(it.y)}|${it.text.trim()}`))) seen.set(key, (seen.get(key) ?? 0) + 1);
  const repeated = (key: string) => pages.length >= 3 && (seen.get(key) ?? 0) >= Math.max(3, pages.length / 2);
  return (p, it) => margin(p, it) && (PAGE_NUMBER.test(it.text.trim()) || repeated(`${Math.round(it.y)}|${it.text.trim()}`));
}

/** A 目录 entry's dot leader and page number: `一、部门主要职能……………3` → `一、部门主要职能\t3`. */
function leaders(text: string): string {
  return text.replace(/\s*[.…·．。]{4,}\s*(\d*)\s*$/u, (_, n: string) => (n ? `\t${n}` : ""));
}

export function layoutPdf(doc: PdfDocument): { lines: LaidLine[]; notes: LayoutNote[] } {
  const isFurniture = furniture(doc.pages);
  const lines: LaidLine[] = [];
  const notes: LayoutNote[] = [];
  /** The header rows of the table that ended the previous page (to drop them where the next page repeats them). */
  let openHeader: string[] | undefined;
  /** The grid the previous page ended with, while its table may continue. */
  let openGrid: Grid | undefined;
  // Paragraph joining: a line that runs to the right edge of the text continues on the next line unless that one is
  // indented (a new paragraph) or is itself a heading.
  let paragraph: { line: LaidLine; full: boolean } | undefined;
  const flush = () => {
    if (paragraph) lines.push(paragraph.line);
    paragraph = undefined;
  };
  // The text column: its left edge (where a paragraph's continuation lines start) and right edge (where a line that
  // continues on the next one ends), the same on every page of a document.
  // Each page once: its content (furniture left out), its grids, and the lines of text outside them.
  // The columns of a table set without rules that ends its page (it may continue on the next).
  let continued: [number, number][] | undefined;
  const laid = doc.pages.map((page) => {
    const items = page.items.filter((it) => !isFurniture(page, it));
    const pageGrids = grids(page.rules);
    const free = items.filter((it) => !pageGrids.some((g) => inside(it, g)));
    const textLines = linesOf(free);
    // Tables printed without rules, found by the alignment of their columns among the lines outside the grids.
    const firstGrid = pageGrids[0];
    const startsPage = continued && !(firstGrid && textLines[0] && firstGrid.y0 < (textLines[0][0] as PdfItem).top);
    const aligned = alignedTables(textLines, page.width, startsPage ? continued : undefined);
    const lastAligned = aligned.at(-1);
    const lastGrid = pageGrids.at(-1);
    continued = lastAligned && lastAligned.last === textLines.length - 1 && !(lastGrid && lastGrid.y0 > ((textLines.at(-1) as PdfItem[])[0] as PdfItem).top) ? lastAligned.cols : undefined;
    const inAligned = new Set(aligned.flatMap((t) => textLines.slice(t.first, t.last + 1)));
    return { page, items, pageGrids, free, aligned, textLines: textLines.filter((l) => !inAligned.has(l)), alignedLines: textLines };
  });
  const allLines = laid.flatMap((p) => p.textLines);
  const long = allLines.filter((l) => (l.at(-1) as PdfItem).x1 - (l[0] as PdfItem).x0 > (doc.pages[0]?.width ?? 600) * 0.4);
  const ends = long.map((l) => (l.at(-1) as PdfItem).x1).sort((a, b) => a - b);
  // Without long lines there is no text column to run to: nothing is joined.
  const right = ends.length > 0 ? (ends[Math.floor(ends.length * 0.9)] as number) : Infinity;
  const left = Math.min(Infinity, ...allLines.map((l) => (l[0] as PdfItem).x0));
  for (const { page, items, pageGrids, free, aligned, textLines, alignedLines } of laid) {
    const blocks: { y: number; emit: () => void }[] = [];
    const used = new Set<PdfItem>();
    /**
     * Emits a table's rows as tab-separated lines. The first table of a page beginning with the header of the table
     * the previous page ended with continues it: the repeated header is dropped (noted).
     */
    const emitTable = (rows: { cells: string[]; y: number }[], topOfPage: boolean, continues: boolean) => {
      flush();
      const first = rows.findIndex((r) => isDataRow(r.cells));
      const header = rows.slice(0, first < 0 ? rows.length : first).map((r) => r.cells.join("\t"));
      let start = 0;
      const repeated = openHeader;
      if (topOfPage && repeated && rows.length >= repeated.length && repeated.every((h, i) => rows[i]?.cells.join("\t") === h)) {
        start = repeated.length;
        notes.push({ page: page.no, message: `第 ${page.no} 页重复的表头（${repeated.length} 行）是上一页表格的续表表头，未重复收入。` });
      }
      for (const r of rows.slice(start)) lines.push({ text: r.cells.join("\t"), page: page.no, y: r.y });
      // A page's first table that starts with data rows continues the open table (its header stays the one to drop).
      if (start === 0) openHeader = header.length > 0 ? header : continues ? openHeader : undefined;
    };
    pageGrids.forEach((g, k) => {
      // A page that continues a table may draw only the rules its own rows need (a total row spanning the code
      // columns): its grid takes the columns of the table it continues when it spans the same width.
      // Only a grid that is the first thing on its page (no title or text above it) continues a table.
      const topOfPage = k === 0 && !items.some((it) => it.bottom < g.y0 - TOL && !inside(it, g));
      // It must span the same width, and each rule it draws must be one of that table's column edges: a new table of
      // the same width (the next form of a series) draws rules of its own.
      const continues =
        topOfPage &&
        openGrid !== undefined &&
        Math.abs(g.x0 - openGrid.x0) <= 3 &&
        Math.abs(g.x1 - openGrid.x1) <= 3 &&
        g.cols.every((x) => (openGrid as Grid).cols.some((o) => Math.abs(o - x) <= TOL));
      if (continues && openGrid) {
        g.cols = openGrid.cols;
        if (openGrid.keep) g.keep = openGrid.keep;
      }
      const mine = items.filter((it) => !used.has(it) && inside(it, g));
      for (const it of mine) used.add(it);
      const { rows: all, starts } = gridRows(g, mine);
      g.keep ??= starts;
      const rows = all.map((row) => ({ ...row, cells: row.cells.filter((_, c) => g.keep?.[c] !== false) }));
      blocks.push({ y: g.y0, emit: () => emitTable(rows, topOfPage, continues) });
    });
    aligned.forEach((t) => {
      const top = (alignedLines[t.first] as PdfItem[])[0] as PdfItem;
      const topOfPage = pageGrids.every((g) => g.y0 > top.top) && !textLines.some((l) => (l[0] as PdfItem).bottom < top.top - TOL);
      // A table set by alignment continues the open one only when it is the first thing on its page.
      blocks.push({ y: top.top, emit: () => emitTable(t.rows, topOfPage, topOfPage && openHeader !== undefined) });
    });
    for (const l of textLines) {
      const first = l[0] as PdfItem;
      const size = first.bottom - first.top;
      // Pieces far apart on one line (编制部门 … 单位：元) stay apart, with spaces: a tab would make the line a table row.
      const parts: PdfItem[][] = [[]];
      l.forEach((it, i) => {
        const prev = l[i - 1];
        if (prev && it.x0 - prev.x1 > size * 2) parts.push([]);
        (parts.at(-1) as PdfItem[]).push(it);
      });
      // A title with its page number far to its right is a 目录 entry even without a dot leader.
      const tocEntry = parts.length === 2 && /^\d{1,3}$/u.test(joinLine(parts[1] as PdfItem[])) && !/\d$/u.test(joinLine(parts[0] as PdfItem[]));
      const text = tocEntry ? parts.map(joinLine).join("\t") : leaders(parts.map(joinLine).join("  "));
      const line: LaidLine = { text, page: page.no, y: first.top };
      blocks.push({
        y: first.top,
        emit: () => {
          const x0 = first.x0;
          const x1 = (l.at(-1) as PdfItem).x1;
          const indented = x0 > left + size * 1.2;
          // A title centred on the page, a heading, a table's note: each starts a line of its own.
          const centred = x0 > page.width * 0.2 && Math.abs((x0 + x1) / 2 - page.width / 2) < page.width * 0.1;
          const heading = centred || /^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+(?:[、．]|\.(?!\d))|注[:：]|说明[:：])/u.test(text);
          if (paragraph && paragraph.full && !indented && !heading && !text.includes("\t")) {
            paragraph.line = { ...paragraph.line, text: joinWrapped([paragraph.line.text, text]) };
            paragraph.full = x1 >= right - size * 1.5;
            return;
          }
          flush();
          paragraph = { line, full: x1 >= right - size * 1.5 && !text.includes("\t") };
        },
      });
    }
    for (const b of blocks.sort((a, b2) => a.y - b2.y)) b.emit();
    // A table that does not reach the page's last table row is closed by text after it.
    const lastGrid = pageGrids.at(-1);
    const lastAligned = aligned.at(-1);
    const alignedBottom = lastAligned ? Math.max(...(alignedLines[lastAligned.last] as PdfItem[]).map((it) => it.bottom)) : -Infinity;
    const bottom = Math.max(lastGrid?.y1 ?? -Infinity, alignedBottom);
    if (bottom === -Infinity || textLines.some((l) => (l[0] as PdfItem).top > bottom)) openHeader = undefined;
    openGrid = openHeader && lastGrid && lastGrid.y1 >= alignedBottom ? lastGrid : undefined;
  }
  flush();
  return { lines, notes };
}

/** The text the importer reads, and where each of its lines came from. */
export function pdfText(doc: PdfDocument): { text: string; pages: number[]; notes: LayoutNote[] } {
  const { lines, notes } = layoutPdf(doc);
  return { text: `${lines.map((l) => l.text).join("\n")}\n`, pages: lines.map((l) => l.page), notes };
}
