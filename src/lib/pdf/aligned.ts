/**
 * Tables printed without ruling lines: columns found from the alignment of the text. Rows with amounts are the
 * table's spine; each line is split into its pieces where the gap between them is wider than a space, and the columns
 * are where the pieces of those rows lie, one above the other (amounts right-aligned, names left-aligned: pieces of
 * one column overlap across rows, pieces of neighbouring columns never do). A column every data row leaves blank is
 * known by its header cell. A blank cell stays a blank cell in its column; a header cell spanning several columns
 * goes to its first; a name wrapped onto a line of its own joins its row when it lies within its row's band.
 *
 * Used only on text outside every ruled grid, and only where at least two rows with amounts line up: a paragraph
 * is never read as a table.
 */
import type { PdfItem } from "./extract.ts";
import { AMOUNT, joinLine, joinWrapped } from "./lines.ts";

export interface AlignedTable {
  /** Indices (into the lines given) of the table's first and last line. */
  first: number;
  last: number;
  rows: { cells: string[]; y: number }[];
  /** The columns (left and right edge of each), for a continuation on the next page. */
  cols: [number, number][];
}

interface Part {
  x0: number;
  x1: number;
  text: string;
}

interface Line {
  parts: Part[];
  text: string;
  y: number;
  /** Glyph height: the unit of every distance here. */
  h: number;
  data: boolean;
  x0: number;
  x1: number;
}

/** A gap wider than this many ems separates two cells (a space in running text is about a third of one). */
const CELL_GAP = 0.6;
/** Lines printed above and between tables that are never table rows: who, when, the unit, a note. */
/** A table's title or number label on a line of its own: `…决算表`, `…预算表（不含上年结转）`, `公开08表`. */
const TITLE = /表(?:[（(][^）)]*[）)])?$/u;
const META = /(?:编制部门|编制单位|部门名称|单位名称|金额单位|单位)\s*[:：]|^注[:：]|^说明[:：]/u;
/** The start of a new item in a list of names: `五、`, `（一）`, `1.`, `①` — never the wrapped end of a name. */
const ITEM = /^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+[.、．]|[①②③④⑤⑥⑦⑧⑨⑩])/u;
const isAmount = (text: string) => AMOUNT.test(text.replace(/\s/gu, "")) && !/^\d{1,2}$/u.test(text.trim());

function partsOf(items: PdfItem[]): Part[] {
  const groups: PdfItem[][] = [];
  items.forEach((it, i) => {
    const prev = items[i - 1];
    if (!prev || it.x0 - prev.x1 > (it.bottom - it.top) * CELL_GAP) groups.push([]);
    (groups.at(-1) as PdfItem[]).push(it);
  });
  return groups.map((g) => ({ x0: (g[0] as PdfItem).x0, x1: (g.at(-1) as PdfItem).x1, text: joinLine(g) }));
}

const overlap = (p: Part, c: [number, number]) => Math.min(p.x1, c[1]) - Math.max(p.x0, c[0]);

/** A column number (栏次 1, 2, 3 …) or a 行次: one or two digits. */
const isColNo = (p: Part) => /^\d{1,2}$/u.test(p.text);

/**
 * The column a piece belongs to: the one it overlaps most — a header cell spanning several, the first of them; over
 * none, text set left belongs to the column it starts in, or the next one to its right.
 */
function columnIn(cols: readonly [number, number][], p: Part, header = false): number {
  const hits = cols.map((c, k) => ({ k, o: overlap(p, c) })).filter((x) => x.o > 0);
  if (hits.length > 0) return header ? (hits[0] as { k: number }).k : hits.reduce((a, b) => (b.o > a.o ? b : a)).k;
  const k = cols.findIndex((c) => c[1] >= p.x0);
  return k < 0 ? cols.length - 1 : k;
}

/** The cells of a row from its pieces, each in its column (pieces in one column are one cell wrapped over lines). */
function rowCells(cols: readonly [number, number][], pieces: Part[], header: boolean): string[] {
  const cells: string[][] = cols.map(() => []);
  for (const p of pieces) (cells[columnIn(cols, p, header)] as string[]).push(p.text);
  return cells.map((c) => joinWrapped(c));
}

/** Column spans: where the pieces of the given parts lie, overlapping pieces merged into one column. */
function spans(parts: Part[]): [number, number][] {
  const out: [number, number][] = [];
  for (const p of [...parts].sort((a, b) => a.x0 - b.x0)) {
    const last = out.at(-1);
    if (last && p.x0 <= last[1] + 0.5) last[1] = Math.max(last[1], p.x1);
    else out.push([p.x0, p.x1]);
  }
  return out;
}

/**
 * The tables set by alignment among `lines` (the text lines of one page outside its grids, top to bottom), as rows of
 * cells. `width` is the page's width (a title is centred on it). `continued`: the columns of a table the previous
 * page ended with — a table beginning this page's text continues it, in its columns (its rows alone may not show them).
 */
export function alignedTables(lines: PdfItem[][], width: number, continued?: [number, number][]): AlignedTable[] {
  const info: Line[] = lines.map((l) => {
    const parts = partsOf(l);
    const text = parts.map((p) => p.text).join(" ");
    const first = l[0] as PdfItem;
    return {
      parts,
      text,
      y: first.y,
      h: first.bottom - first.top,
      data: parts.length >= 2 && parts.some((p) => isAmount(p.text)) && !META.test(text),
      x0: first.x0,
      x1: (l.at(-1) as PdfItem).x1,
    };
  });
  const index = new Map(info.map((l, k) => [l, k]));
  // A line that can never be a row: who/unit/note lines, a centred title, a paragraph line running across the page.
  // A centred piece close to the lines around it is a name wrapped in a cell of the table's middle column, not a title.
  const close = (k: number) => [info[k - 1], info[k + 1]].some((o) => o && Math.abs(o.y - (info[k] as Line).y) <= (info[k] as Line).h * 1.5);
  const never = (l: Line) =>
    META.test(l.text) ||
    (l.parts.length === 1 && TITLE.test(l.text)) ||
    (l.parts.length === 1 && ((Math.abs((l.x0 + l.x1) / 2 - width / 2) < width * 0.1 && !close(index.get(l) as number)) || l.x1 - l.x0 > width * 0.5));
  const near = (a: Line, b: Line) => Math.abs(b.y - a.y) <= Math.max(a.h, b.h) * 2.5;

  const out: AlignedTable[] = [];
  /** A row of column numbers (栏次 1 2 3 …, or 1 2 … 12 alone): consecutive numbers, a short name or two among them. */
  const colNos = (l: Line) => {
    const nums = l.parts.filter(isColNo).map((p) => Number(p.text));
    const names = l.parts.filter((p) => !isColNo(p));
    return nums.length >= 2 && names.length <= 2 && names.every((p) => Array.from(p.text).length <= 4) && nums.every((n, k) => k === 0 || n === (nums[k - 1] as number) + 1);
  };
  /** Whether a row with amounts follows line `k` in the same run of lines. */
  const amountsFollow = (k: number) => {
    for (let j = k + 1; j < info.length && (j === 0 || near(info[j - 1] as Line, info[j] as Line)) && !never(info[j] as Line); j++) if ((info[j] as Line).data) return true;
    return false;
  };
  let i = 0;
  // The rest of a table the previous page ended with, without amounts (an empty table's 合计 row): in its columns.
  if (continued && info[0] && !amountsFollow(-1)) {
    const cols = continued;
    let j = 0;
    while (
      j < info.length &&
      !never(info[j] as Line) &&
      !(info[j] as Line).data &&
      (j === 0 || near(info[j - 1] as Line, info[j] as Line)) &&
      (info[j] as Line).parts.every((p) => cols.some((c) => overlap(p, c) > 0))
    ) j++;
    if (j > 0) {
      const rows = info.slice(0, j).map((l) => ({ y: l.y, cells: rowCells(cols, l.parts, false) }));
      out.push({ first: 0, last: j - 1, rows, cols });
      i = j;
    }
  }
  while (i < info.length) {
    // A table starts at its first row with amounts — or, in a table published empty (its header alone), at its row of
    // column numbers, whose numbers stand at the right of their columns.
    let headerOnly = !(info[i] as Line).data && colNos(info[i] as Line) && !amountsFollow(i);
    // … or, without column numbers, at the header lines right under the line naming the department and unit.
    const under = info[i - 1];
    if (!headerOnly && !(info[i] as Line).data && under && META.test(under.text) && near(under, info[i] as Line) && (info[i] as Line).parts.length >= 2 && !amountsFollow(i - 1)) {
      let j = i;
      while (j + 1 < info.length && near(info[j] as Line, info[j + 1] as Line) && !never(info[j + 1] as Line) && (info[j + 1] as Line).parts.length >= 2) j++;
      if (j > i) {
        i = j;
        headerOnly = true;
      }
    }
    if (!(info[i] as Line).data && !headerOnly) {
      i++;
      continue;
    }
    // The run of rows from this first row with amounts: each following line near the one before that may be a row
    // (two pieces or more: amounts, or a name and blank amounts) or a name wrapped onto a line of its own (one piece).
    // An empty table's rows are the lines without amounts under its column numbers (合计).
    let last = i;
    for (let j = i + 1; j < info.length; j++) {
      const l = info[j] as Line;
      if (!near(info[j - 1] as Line, l) || never(l)) break;
      if (l.parts.length >= 2 || headerOnly) last = j;
    }
    // Header lines above, up to the title or the lines naming the department and unit (rows whose amounts are all
    // blank may come before the first with an amount).
    let first = i;
    while (first > 0 && near(info[first - 1] as Line, info[first] as Line) && !never(info[first - 1] as Line)) first--;
    // The rows' pitch (the median distance from one line of the run to the next): a line closer than most of it to a
    // row (or than a line's height) is a piece of that row — a name wrapped in its cell above or below its amounts.
    const runLines = info.slice(i, last + 1);
    const steps = runLines.slice(1).map((l, k) => l.y - (runLines[k] as Line).y).sort((a, b) => a - b);
    const h = (info[i] as Line).h;
    const within = Math.max((steps.length > 0 ? (steps[Math.floor(steps.length / 2)] as number) : h * 1.6) * 0.75, h * 1.2);
    /**
     * Whether `l` is a piece of row `of` (a name wrapped in its cell): no amounts, and closer to it than most of a
     * row's pitch — or one of two such lines set symmetrically above and below its amounts (a cell's text wrapped
     * over two lines, centred on the row: `人员经费合 / 计`), however few rows show the pitch.
     */
    const piece = (l: Line, of: Line): boolean => {
      if (l === of || l.data || META.test(l.text)) return false;
      const d = l.y - of.y;
      if (Math.abs(d) < within) return true;
      const k = index.get(of) as number;
      const mirror = info[d < 0 ? k + 1 : k - 1];
      if (!near(l, of) || mirror === undefined || mirror.data || Math.abs(mirror.y - of.y + d) > 1) return false;
      // Neither line starts an item of its own, nor lies nearer another row (the mirror line may be a piece of the next).
      const beyond = info[d < 0 ? k + 2 : k - 2];
      return ![l, mirror].some((x) => x.parts.some((p) => ITEM.test(p.text))) && !(beyond && Math.abs(beyond.y - mirror.y) < Math.abs(d));
    };
    // The header ends at its row of column numbers where it has one: the rows under it are the body's, amounts or not.
    const numbers = info.slice(first, i).findLastIndex((l) => colNos(l));
    let start = headerOnly ? i + 1 : numbers >= 0 ? first + numbers + 1 : i;
    while (!headerOnly && numbers < 0 && start > first && piece(info[start - 1] as Line, info[i] as Line)) start--;
    while (last + 1 < info.length && piece(info[last + 1] as Line, info[last] as Line)) last++;
    // Rows after the last with two pieces that print a name alone, aligned with the names above it (the last rows of
    // a table whose other cells are blank).
    const starts = new Set(info.slice(start, last + 1).flatMap((l) => l.parts.map((p) => Math.round(p.x0))));
    const aligns = (l: Line) => l.parts.length === 1 && [...starts].some((x) => Math.abs(x - (l.parts[0] as Part).x0) <= 1);
    while (last + 1 < info.length && near(info[last] as Line, info[last + 1] as Line) && !never(info[last + 1] as Line) && aligns(info[last + 1] as Line)) last++;
    const body = info.slice(start, last + 1);
    const rows = body.filter((l) => l.parts.length >= 2);
    const dataParts = body.filter((l) => l.data).flatMap((l) => l.parts);
    // A continuation keeps the columns of the table it continues when its pieces sit in them (else it is laid out anew).
    const fits =
      first === 0 &&
      continued !== undefined &&
      body.every((l) => l.parts.every((p) => (isAmount(p.text) ? continued.some((c) => overlap(p, c) > 0) : p.x1 > (continued[0] as [number, number])[0] - 50 && p.x0 < (continued.at(-1) as [number, number])[1])));
    // An empty table's columns: its header's lowest cells (a cell over two cells of a line below spans them).
    const leaves = (ls: Line[]) => ls.flatMap((l, k) => l.parts.filter((p) => !ls.slice(k + 1).some((b) => b.parts.filter((q) => overlap(q, [p.x0, p.x1]) > 0).length >= 2)));
    let cols = fits && continued ? continued.map((c): [number, number] => [c[0], c[1]]) : spans(headerOnly ? (colNos(info[i] as Line) ? (info[i] as Line).parts : leaves(info.slice(first, i + 1))) : rows.flatMap((l) => l.parts));
    // A table, not a sentence with a number in it: two rows with amounts in one column, or three rows in three columns.
    const all = info.slice(first, last + 1).filter((l) => l.parts.length >= 2);
    const aligned =
      headerOnly ||
      cols.some((c) => body.filter((l) => l.data && l.parts.some((p) => isAmount(p.text) && overlap(p, c) > 0)).length >= 2) ||
      (all.length >= 3 && spans(all.flatMap((l) => l.parts)).length >= 3);
    if (!aligned) {
      i = last + 1;
      continue;
    }
    const headerLines = info.slice(first, start);
    // Header rows: consecutive header lines closer than the pitch are one row, and in it the pieces stacked in one
    // place (a cell's text wrapped over lines: each line starts where the one above does, or overlaps it) one cell.
    // A line of short pieces (a character or three), each flush under a piece of the line above, continues that
    // line's cells (a header wrapped in a row of its own: 预算 / 数).
    const headerRows: Part[][] = [];
    let previous: Line | undefined;
    for (const l of headerLines) {
      const pieces = l.parts.map((p) => ({ ...p }));
      const flush = previous !== undefined && l.parts.every((p) => Array.from(p.text).length <= 3 && !/\d/u.test(p.text) && (previous as Line).parts.some((o) => Math.abs(o.x0 - p.x0) <= 1));
      const row = previous && (l.y - previous.y < within || flush) ? (headerRows.at(-1) as Part[]) : undefined;
      previous = l;
      if (!row) {
        headerRows.push(pieces);
        continue;
      }
      for (const p of pieces) {
        const cell = row.find((c) => Math.abs(c.x0 - p.x0) <= 1 || overlap(p, [c.x0, c.x1]) > 0);
        if (cell) {
          cell.text = joinWrapped([cell.text, p.text]);
          cell.x0 = Math.min(cell.x0, p.x0);
          cell.x1 = Math.max(cell.x1, p.x1);
        } else row.push(p);
      }
    }
    // Header cells over no column of the body: the header of a column of amounts narrower than it (amounts are set
    // right, their header left or centred) — the nearest column of amounts to its right, when no other such header
    // lies between and that column has no header of its own — or else of a column every row leaves blank. A column's
    // number (栏次 1, 2, 3 …) is set at its right and its name at its left: the two are one column.
    const headerCells = headerRows.flat();
    // (A cell set flush under another cell that has a column is in that column: a wrapped header's last piece.)
    const placed = headerCells.filter((p) => cols.some((c) => overlap(p, c) > 0));
    const loneCells = headerCells.filter((p) => !placed.includes(p) && !placed.some((o) => Math.abs(o.x0 - p.x0) <= 1)).sort((a, b) => a.x0 - b.x0);
    const lone: [number, number][] = [];
    for (const [k, p] of loneCells.entries()) {
      const prev = loneCells[k - 1];
      const last = lone.at(-1);
      if (last && (p.x0 <= last[1] + 0.5 || (isColNo(p) && prev && !isColNo(prev)))) last[1] = Math.max(last[1], p.x1);
      else lone.push([p.x0, p.x1]);
    }
    // A column of amounts, or of a column number (set right like its amounts).
    const hasAmounts = (c: [number, number]) => dataParts.some((p) => isAmount(p.text) && overlap(p, c) > 0) || headerCells.some((p) => isColNo(p) && overlap(p, c) > 0);
    // … or of numbers set right that are not amounts (a 款 or 项 code of two digits, a 行次).
    const hasNumbers = (c: [number, number]) => body.some((l) => l.parts.some((p) => /^\d+$/u.test(p.text) && overlap(p, c) > 0));
    const blank: [number, number][] = [];
    for (const h of lone) {
      // A column number alone (no name beside it) closes the column on its left that has none yet.
      const numberOnly = loneCells.filter((p) => overlap(p, h) > 0 || (p.x0 >= h[0] && p.x1 <= h[1])).every(isColNo);
      const left = [...cols].reverse().find((c) => c[1] <= h[0]);
      if (numberOnly && left && !headerCells.some((p) => isColNo(p) && overlap(p, left) > 0) && !lone.some((o) => o !== h && o[0] >= left[1] && o[1] <= h[0])) {
        left[1] = h[1];
        continue;
      }
      const right = cols.find((c) => c[0] >= h[1]);
      const between = lone.some((o) => o !== h && o[0] >= h[1] && right !== undefined && o[1] <= right[0]);
      const owned = right !== undefined && headerCells.some((p) => !isColNo(p) && overlap(p, right) > 0);
      if (right && (hasAmounts(right) || hasNumbers(right)) && !between && !owned) right[0] = h[0];
      else blank.push(h);
    }
    cols = [...cols, ...blank].sort((a, b) => a[0] - b[0]);
    // Two neighbouring columns under one header cell, neither with a header of its own and never both filled in one
    // line, are one column whose cells are set differently (合计 at its left, codes at its right).
    const lines = info.slice(first, last + 1);
    const merged: [number, number][] = [];
    for (const c of cols) {
      const a = merged.at(-1);
      const one =
        a !== undefined &&
        headerCells.some((p) => overlap(p, a) > 0 && overlap(p, c) > 0) &&
        headerCells.every((p) => isColNo(p) || overlap(p, c) <= 0 || overlap(p, a) > 0) &&
        !lines.some((l) => l.parts.some((p) => overlap(p, a) > 0 && overlap(p, c) <= 0) && l.parts.some((p) => overlap(p, c) > 0 && overlap(p, a) <= 0));
      if (one && a) a[1] = Math.max(a[1], c[1]);
      else merged.push([c[0], c[1]]);
    }
    cols = merged;
    const tableRows: { cells: string[]; y: number }[] = headerRows.map((r, k) => ({ cells: rowCells(cols, r, true), y: (headerLines[0] as Line).y + k }));
    // Body rows: each line with amounts, or of two pieces or more, is a row; a line of names only (no amount, no 行次),
    // within the band of a row, is its names wrapped in their cells.
    const homes = new Map(body.filter((l) => l.data || l.parts.length >= 2).map((l) => [l, [l]]));
    const order: Line[][] = [];
    for (const l of body) {
      // Its row: a row with amounts — or, for a single piece, any row (a name wrapped in a row whose amounts are blank).
      const inNames = l.parts.every((p) => !isAmount(p.text) && !isColNo(p));
      const home = !l.data && inNames ? [...homes.keys()].filter((r) => (r.data || l.parts.length === 1) && piece(l, r)).sort((a, b) => Math.abs(a.y - l.y) - Math.abs(b.y - l.y))[0] : undefined;
      if (home) {
        (homes.get(home) as Line[]).push(l);
        homes.delete(l);
      } else if (homes.has(l)) order.push(homes.get(l) as Line[]);
      else order.push([l]);
    }
    for (const g of order) tableRows.push({ y: Math.min(...g.map((l) => l.y)), cells: rowCells(cols, [...g].sort((a, b) => a.y - b.y).flatMap((l) => l.parts), false) });
    out.push({ first, last, rows: tableRows, cols });
    i = last + 1;
  }
  return out;
}
