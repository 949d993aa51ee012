/**
 * Multi-level column headers. PDF extraction gives each header row as tab-separated cells where a merged cell is
 * printed once, in its first column, and its other columns are empty. A column's path is read top-down: a non-empty
 * cell names it; an empty cell continues the cell to its left when both lie under the same parent (a horizontal
 * merge), otherwise the column has no label at that level (a vertical merge from above).
 */
import type { Column, ColumnRole, ImportNote } from "../model.ts";

const CODE = /(?:代码|编码)$/u;
const LINENO = /^行次$/u;
const LABEL = /^(?:项目|项目名称|单位名称|.*科目|.*名称)$/u;

export function roleOf(leaf: string): ColumnRole {
  if (CODE.test(leaf)) return "code";
  if (LINENO.test(leaf)) return "lineno";
  if (LABEL.test(leaf)) return "label";
  return "value";
}

/**
 * Repairs one known extraction fault: a header cell that is a leaf (nothing below it) with a sub-header in the next
 * column under it. A leaf cannot have children, so the sub-header belongs to the group on the left and the two
 * columns were printed in each other's place (seen in 忻州 预算表2: `上年结转` above `单位资金`). Data columns are
 * trusted; the header columns are swapped and a note is returned.
 */
function repairShiftedLeaves(grid: string[][], line: number): ImportNote[] {
  const notes: ImportNote[] = [];
  for (let r = 0; r + 1 < grid.length; r++) {
    const row = grid[r] as string[];
    const below = grid[r + 1] as string[];
    for (let c = 1; c + 1 < row.length; c++) {
      const leaf = row[c] !== "" && below[c] === "";
      const childUnder = row[c + 1] === "" && below[c + 1] !== "";
      const leftGroupHasChildren = below[c - 1] !== "" && row.slice(0, c).some((x) => x !== "");
      const leftGroupSpansHere = (() => {
        // the nearest non-empty cell left of c in row r starts a group that spans more than one column
        let s = c - 1;
        while (s > 0 && row[s] === "") s--;
        return s < c - 1;
      })();
      if (leaf && childUnder && leftGroupHasChildren && leftGroupSpansHere) {
        for (const g of grid) {
          const a = g[c] as string;
          g[c] = g[c + 1] as string;
          g[c + 1] = a;
        }
        notes.push({
          line,
          message: `表头“${below[c]}”印在“${row[c + 1]}”之下，与数据列错位；按数据列位置读作“${below[c]}”在前、“${row[c + 1]}”在后。`,
        });
      }
    }
  }
  return notes;
}

export interface HeaderResult {
  columns: Column[];
  notes: ImportNote[];
}

/**
 * Builds the columns of a table from its header rows (as published), its column-number row (栏次) if any, the number
 * of columns, and the body (used only to give a role to a column the header leaves unnamed).
 */
export function buildColumns(
  headerRows: string[][],
  colNos: string[] | undefined,
  width: number,
  bodyColumn: (c: number) => string[],
  line: number,
): HeaderResult {
  const grid = headerRows.map((r) => Array.from({ length: width }, (_, c) => r[c] ?? ""));
  const notes = repairShiftedLeaves(grid, line);
  const paths: string[][] = Array.from({ length: width }, () => []);
  let spans: string[] = Array.from({ length: width }, () => "");
  for (const row of grid) {
    const next: string[] = [];
    let start = -1;
    for (let c = 0; c < width; c++) {
      const cell = row[c] as string;
      if (cell !== "") {
        paths[c]?.push(cell);
        start = c;
        next[c] = `${spans[c]}/${c}`;
      } else if (start >= 0 && spans[start] === spans[c]) {
        paths[c]?.push(row[start] as string);
        next[c] = next[start] as string;
      } else {
        start = -1;
        next[c] = spans[c] as string;
      }
    }
    spans = next;
  }
  const columns: Column[] = [];
  let group = 0;
  let previous: ColumnRole | undefined;
  for (let c = 0; c < width; c++) {
    const path = paths[c] as string[];
    const leaf = path.at(-1) ?? "";
    let role = roleOf(leaf);
    if (leaf === "") {
      const cells = bodyColumn(c).filter((x) => x !== "");
      role = cells.every((x) => /^-?\d+(?:\.\d+)?$|^[—－-]+$/u.test(x)) ? "value" : "label";
    }
    const startsGroup = (role === "code" || role === "label") && (previous === undefined || previous === "value" || previous === "lineno");
    if (startsGroup || group === 0) group++;
    previous = role;
    const colNo = colNos?.[c];
    columns.push({
      key: `c${c + 1}`,
      path,
      label: path.join("/"),
      role,
      group,
      ...(colNo !== undefined && /^\d+$/u.test(colNo) ? { colNo } : {}),
    });
  }
  return { columns, notes };
}
