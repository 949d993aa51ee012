/**
 * Which column each cell of a body row belongs to. Read left to right, a row that lost a cell in PDF extraction puts
 * its amounts under the wrong headers: every row after a page break in 忻州 2024 预算表二 lost one empty cell, so the
 * 上年结转 amounts read as 单位资金; a row whose name was lost reads its first amount as its name. A row shorter than
 * the table (its 合计 row and header) is placed by what each column can hold (a name is not a number, an amount is not
 * a code) and by the table's column identities (total = Σ parts − Σ minus, src/lib/checks/identities.ts); rows of one
 * page block, which lost the same cell, are placed alike. A row that nothing places is refused, never guessed.
 */
import type { ResolvedIdentity } from "../checks/identities.ts";
import type { Column, ImportNote, ImportProblem, ReportKind } from "../model.ts";
import { brokenIdentities, codesAreNotAmounts, identityHolds, misplacedCells, rowFaults, tableIdentities } from "./row-fit.ts";

/** Placements tried per row at most (a 13-column table missing 6 cells has 1,716). */
const MAX_PLACEMENTS = 20000;

/** A body row as extracted: every cell the line printed, trailing empty cells included. */
export interface PrintedRow {
  line: number;
  cells: string[];
  /** A heading printed inside the body (公开10表): text, placed as printed. */
  heading: boolean;
}

export interface TableShape {
  kind: ReportKind;
  no: number;
  /** The template's name of the table, for messages. */
  name: string;
  columns: Column[];
  /** The template family (src/templates/), whose identities apply. */
  template?: string;
}

export interface PlacedRows {
  /** Each row's cells, one per column, in the order of `rows`. */
  cells: string[][];
  notes: ImportNote[];
  problems: ImportProblem[];
}

/** One way of spreading a short row over the columns: the columns left empty (`gaps`) and the resulting cells. */
interface Placement {
  gaps: number[];
  cells: string[];
  /** Non-empty printed cells that land in another column than printed, and by how many columns in all. */
  moved: number;
  shift: number;
}

/** The k-element subsets of 0…n−1, each ascending. */
function* subsets(n: number, k: number, from = 0): Generator<number[]> {
  if (k === 0) {
    yield [];
    return;
  }
  for (let i = from; i <= n - k; i++) for (const rest of subsets(n, k - 1, i + 1)) yield [i, ...rest];
}

function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}

/**
 * The printed cells spread over `columns.length` columns, leaving the columns `gaps` empty; undefined when a gap is
 * not a value column (a lost cell is an empty amount), except gaps after the last non-empty cell (trailing empty cells
 * that the extraction left off can be of any column).
 */
function spread(printed: readonly string[], gaps: readonly number[], columns: readonly Column[]): Placement | undefined {
  const cells: string[] = [];
  let moved = 0;
  let shift = 0;
  let next = 0;
  let lastFilled = -1;
  for (let c = 0; c < columns.length; c++) {
    if (gaps.includes(c)) {
      cells.push("");
      continue;
    }
    const cell = printed[next] ?? "";
    if (cell !== "") {
      lastFilled = c;
      if (c !== next) {
        moved++;
        shift += c - next;
      }
    }
    cells.push(cell);
    next++;
  }
  if (gaps.some((g) => g < lastFilled && columns[g]?.role !== "value")) return undefined;
  return { gaps: [...gaps], cells, moved, shift };
}

/** Fewest cells moved first, then the smallest total shift, then the gaps furthest right. */
function byMoves(a: Placement, b: Placement): number {
  if (a.moved !== b.moved) return a.moved - b.moved;
  if (a.shift !== b.shift) return a.shift - b.shift;
  return compareGaps(a.gaps, b.gaps);
}

/** Gaps further right first (compared from the rightmost gap). */
function compareGaps(a: readonly number[], b: readonly number[]): number {
  for (let i = a.length - 1; i >= 0; i--) {
    const d = (b[i] ?? 0) - (a[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Every placement of a short row whose cells fit their columns, best first (the row as printed, with its missing cells
 * at the end, is the placement that moves nothing). Only the row as printed when there would be too many to try.
 */
function placements(printed: readonly string[], columns: readonly Column[], codesNotAmounts: boolean): Placement[] {
  const width = columns.length;
  const k = width - printed.length;
  const asPrinted = Array.from({ length: k }, (_, i) => printed.length + i);
  const all = binomial(width, k) > MAX_PLACEMENTS ? [asPrinted] : [...subsets(width, k)];
  return all
    .flatMap((gaps) => spread(printed, gaps, columns) ?? [])
    .filter((p) => rowFaults(columns, p.cells, codesNotAmounts).length === 0)
    .sort(byMoves);
}

/** The distinct cell arrays among placements, in order. */
function distinct(ps: readonly Placement[]): Placement[] {
  const seen = new Set<string>();
  return ps.filter((p) => {
    const key = p.cells.join("\t");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const keyOf = (gaps: readonly number[]) => gaps.join(",");

/** The gaps the short rows of a block share, and which rows (first and last line, how many) share them. */
interface BlockGaps {
  gaps: number[];
  from: number;
  to: number;
  rows: number;
}

/** How one short row can be placed: the placements whose cells fit their columns, and those that also keep every identity. */
interface ShortRow {
  index: number;
  row: PrintedRow;
  missing: number;
  block: number;
  fitting: Placement[];
  keeping: Placement[];
}

/** Short rows of one block missing as many cells are placed alike. */
const blockKey = (r: ShortRow) => `${r.block}/${r.missing}`;

/** Blocks of rows printed on consecutive lines: a blank line, a page number or a watermark starts a new block. */
function blocksOf(rows: readonly PrintedRow[]): number[] {
  let block = 0;
  return rows.map((r, i) => {
    if (i > 0 && r.line !== (rows[i - 1] as PrintedRow).line + 1) block++;
    return block;
  });
}

/**
 * The gaps that the short rows of one block (missing as many cells) share: the placement that keeps every identity in
 * every one of them, moving the fewest cells in all. Undefined when no single placement does.
 */
function sharedGaps(rows: readonly ShortRow[], columns: readonly Column[]): number[] | undefined {
  const [first, ...others] = rows;
  if (!first) return undefined;
  const candidates = first.keeping.filter((p) => others.every((o) => o.keeping.some((q) => keyOf(q.gaps) === keyOf(p.gaps))));
  const cost = (gaps: number[]) =>
    rows.reduce(
      (acc, r) => {
        const p = spread(r.row.cells, gaps, columns) as Placement;
        return { moved: acc.moved + p.moved, shift: acc.shift + p.shift };
      },
      { moved: 0, shift: 0 },
    );
  const ranked = candidates
    .map((p) => ({ gaps: p.gaps, ...cost(p.gaps) }))
    .sort((a, b) => a.moved - b.moved || a.shift - b.shift || compareGaps(a.gaps, b.gaps));
  return ranked[0]?.gaps;
}

/** `20132｜｜0.28` — a row as printed (trailing empty cells left off), for messages. */
function shown(cells: readonly string[]): string {
  const out = [...cells];
  while (out.length > 0 && out.at(-1) === "") out.pop();
  return out.join("｜");
}

const quoted = (xs: readonly string[]) => xs.map((x) => `“${x}”`).join("");

/** In words: which cells moved from which column to which. */
function moves(placed: Placement, columns: readonly Column[]): string {
  const out: string[] = [];
  let next = 0;
  placed.cells.forEach((cell, c) => {
    if (placed.gaps.includes(c)) return;
    if (cell !== "" && c !== next) out.push(`“${cell}”由“${columns[next]?.label ?? ""}”列移至“${columns[c]?.label}”列`);
    next++;
  });
  return out.join("，");
}

/** The row as printed: its missing cells at the end. */
function asPrinted(r: ShortRow, columns: readonly Column[]): Placement {
  return spread(r.row.cells, Array.from({ length: r.missing }, (_, i) => r.row.cells.length + i), columns) as Placement;
}

/**
 * For each block (and number of missing cells) whose short rows share a placement that keeps every identity, that
 * placement and the rows sharing it.
 */
function blockPlacements(short: readonly ShortRow[], columns: readonly Column[]): Map<string, BlockGaps> {
  const out = new Map<string, BlockGaps>();
  const decided = short.filter((r) => r.keeping.length > 0);
  for (const key of new Set(decided.map(blockKey))) {
    const same = decided.filter((r) => blockKey(r) === key);
    const gaps = sharedGaps(same, columns);
    if (gaps) out.set(key, { gaps, from: same[0]?.row.line ?? 0, to: same.at(-1)?.row.line ?? 0, rows: same.length });
  }
  return out;
}

/**
 * Where a short row's cells go: with identities, the placement its block shares if it keeps them, else the one that
 * keeps them moving the fewest cells; without any that keeps them, the only placement whose cells fit their columns.
 * Undefined when that leaves it in doubt.
 */
function choose(r: ShortRow, block: BlockGaps | undefined): { placed: Placement; fromBlock: boolean } | undefined {
  const shared = block && r.keeping.find((p) => keyOf(p.gaps) === keyOf(block.gaps));
  if (shared) return { placed: shared, fromBlock: true };
  const first = r.keeping[0];
  if (first) return { placed: first, fromBlock: false };
  const options = distinct(r.fitting);
  return options.length === 1 ? { placed: options[0] as Placement, fromBlock: false } : undefined;
}

/**
 * The note for a row placed otherwise than printed: which empty cell it lost, which cells moved where, and why (the
 * row as printed breaks an identity, or a cell does not fit its column, or its block's rows lost another cell).
 */
function placedNote(t: TableShape, r: ShortRow, placed: Placement, block: BlockGaps | undefined, identities: readonly ResolvedIdentity[], codesNotAmounts: boolean): string {
  const printed = asPrinted(r, t.columns).cells;
  const faults = rowFaults(t.columns, printed, codesNotAmounts);
  const broken = brokenIdentities(identities, printed);
  const why = faults.length > 0 ? `，${faults.join("；")}` : broken.length > 0 ? `不符合${quoted(broken)}` : "也相符，但与同一段其他行少的那一格不一致";
  const lastFilled = placed.cells.reduce((last, cell, c) => (cell !== "" ? c : last), -1);
  const lost = placed.gaps.filter((g) => g < lastFilled).map((g) => t.columns[g]?.label ?? "");
  const shared = block && block.rows > 1 ? `（第 ${block.from}–${block.to} 行这一段的 ${block.rows} 行都少这一格）` : "";
  const after = r.keeping.length > 0 ? "移后相符" : "移后各数与所在列相符";
  return `${t.name}此行比合计行少 ${r.missing} 个单元格：文本提取丢了${quoted(lost)}列的空单元格${shared}，${moves(placed, t.columns)}；按原样读${why}，${after}。`;
}

/** Why a short row cannot be placed, in words. */
function refusal(t: TableShape, r: ShortRow, identities: readonly ResolvedIdentity[], codesNotAmounts: boolean): string {
  const head = `${t.name}此行比合计行少 ${r.missing} 个单元格`;
  const options = distinct(r.fitting);
  if (options.length === 0) {
    const faults = rowFaults(t.columns, asPrinted(r, t.columns).cells, codesNotAmounts);
    return `${head}，${faults.join("；")}，空缺补在哪一列都不能使各数与所在列相符（行名称或编码丢失？），数字无法放到所属的列`;
  }
  if (identities.length > 0) {
    return `${head}，空缺补在哪一列都不符合${quoted(identities.map((id) => id.identity.title))}，无法确定各数所属的列`;
  }
  return `${head}，本表没有可判断各数所属列的勾稽关系，这些数可以有 ${options.length} 种放法，无法确定各数所属的列`;
}

/**
 * Places every body row of a table. A row as wide as the table is kept as printed; a cell that cannot stand in its
 * column (a number as the row's name, an amount as a code) is a problem. A shorter row is placed as printed when that
 * keeps every identity of the table, else where its block's rows lost their cell, else by the placement that keeps
 * every identity moving the fewest cells (noted); with no identity to decide, only a row whose placement is not in
 * doubt is placed. Anything else is a problem that names the line.
 */
export function placeRows(t: TableShape, rows: readonly PrintedRow[]): PlacedRows {
  const { columns } = t;
  const notes: ImportNote[] = [];
  const problems: ImportProblem[] = [];
  const codesNotAmounts = codesAreNotAmounts(columns, rows);
  const identities = tableIdentities(t.kind, t.no, columns, t.template);
  const keeps = (p: Placement) => identities.length > 0 && identities.every((id) => identityHolds(id, p.cells));
  const blocks = blocksOf(rows);
  const cells = rows.map((r) => Array.from({ length: columns.length }, (_, i) => r.cells[i] ?? ""));

  const short: ShortRow[] = [];
  rows.forEach((row, index) => {
    if (row.heading) return;
    if (row.cells.length < columns.length) {
      const fitting = placements(row.cells, columns, codesNotAmounts);
      short.push({ index, row, missing: columns.length - row.cells.length, block: blocks[index] as number, fitting, keeping: fitting.filter(keeps) });
      return;
    }
    const faults = misplacedCells(columns, row.cells, codesNotAmounts);
    if (faults.length > 0) {
      problems.push({ line: row.line, column: t.name, value: shown(row.cells), message: `${t.name}此行${faults.join("；")}：单元格与列已对不上（行名称或编码丢失？），数字无法放到所属的列` });
    }
  });

  const shared = blockPlacements(short, columns);
  for (const r of short) {
    const block = shared.get(blockKey(r));
    const choice = choose(r, block);
    if (!choice) {
      problems.push({ line: r.row.line, column: t.name, value: shown(r.row.cells), message: refusal(t, r, identities, codesNotAmounts) });
      continue;
    }
    cells[r.index] = choice.placed.cells;
    if (choice.placed.cells.join("\t") !== asPrinted(r, columns).cells.join("\t")) {
      notes.push({ line: r.row.line, message: placedNote(t, r, choice.placed, choice.fromBlock ? block : undefined, identities, codesNotAmounts) });
    }
  }
  return { cells, notes, problems };
}
