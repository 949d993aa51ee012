/**
 * A statement's figure in the report's tables: the key figure it names (by the figure locator of the narrative
 * checks) or the 类 row of the 一般公共预算 table of that name, and the one cell that prints this year's value. A cell
 * is given only when it prints the same value; otherwise `cellNote` says why there is none.
 */
import { bareLabel, bodyRows, cellAt, codeOf, labelOf, presentTable } from "../checks/cells.ts";
import { states } from "../checks/rules/narrative/amount.ts";
import { type FigureSpec, figureOf, locate, type Locator } from "../checks/rules/narrative/figures.ts";
import type { CellPointer } from "../checks/types.ts";
import { add, compare, type Dec, formatDec, ZERO } from "../decimal.ts";
import type { Report } from "../model.ts";
import { bareFigure, classSegments, decOf } from "./amounts.ts";
import type { ChangeStatement, StatedAmount } from "./types.ts";

type Found = { cell: CellPointer } | { note: string };

/** Why a cell is not given: it prints another amount, or nothing. */
const differs = (value: string, unit: string, amount: StatedAmount, where = "表中"): Found => ({ note: `${where}此格为${value === "" ? "空白" : `${value}${unit}`}，与文中${amount.printed}不同` });

/** The one cell of `locators` that prints `amount` (a figure of several cells: the only one that is not blank). */
function cellOf(report: Report, locators: readonly Locator[], amount: StatedAmount): Found {
  const loc = locate(report, locators);
  if (loc.state !== "present") return { note: loc.reason };
  const printed = loc.cells.filter((c) => c.value !== "");
  const only = loc.cells.length === 1 ? loc.cells[0] : undefined;
  if (only) return states(amount, only.value, loc.unit, true) ? { cell: { ...only } } : differs(only.value, loc.unit, amount);
  // Several cells: their sum, and the one that prints it.
  let total: Dec = ZERO;
  for (const c of printed) total = add(total, decOf({ value: c.value }));
  const sum = { unit: amount.unit, value: formatDec(total) };
  const single = printed.length === 1 ? printed[0] : undefined;
  if (single && states(amount, single.value, loc.unit, true)) return { cell: { ...single } };
  if (printed.length === 0 && decOf(amount).units === 0n) return { note: `${loc.cells.length}格均为空白` };
  return { note: states(amount, sum.value, loc.unit, true) ? `由${printed.length}格合计，非一格所列` : "表中所列与文中不同" };
}

function fromSpec(report: Report, spec: FigureSpec, amount: StatedAmount): Found {
  const primary = cellOf(report, spec.cells, amount);
  if ("cell" in primary) return primary;
  for (const alt of spec.alternatives ?? []) {
    const found = cellOf(report, alt, amount);
    if ("cell" in found) return found;
  }
  return primary;
}

type Row = { code: string; label: string; cell: (a: StatedAmount) => Found };

const DIGITS = { 类: 3, 款: 5, 项: 7 } as const;
const NEXT = { 类: "款", 款: "项", 项: undefined } as const;

/** The 类 / 款 / 项 names of a figure, outermost first; words after the last name its next level. */
function pathOf(figureText: string): { level: keyof typeof DIGITS; name: string }[] {
  const { segments, rest } = classSegments(figureText);
  const out = segments.map((x) => ({ level: x.level, name: bareLabel(x.name) }));
  const next = out.length > 0 ? NEXT[out[out.length - 1]?.level ?? "项"] : undefined;
  if (next && bareLabel(rest) !== "") out.push({ level: next, name: bareLabel(rest) });
  return out;
}

/**
 * The row of the 一般公共预算 table (决算公开05表, 预算表五) that is the figure: its 类 row by name, or — when the text
 * prints the full code of a 款 or 项 (`住房保障支出（221类）住房改革支出（02款）购房补贴（03项）`) — the row of that code.
 */
function tableRow(report: Report, figure: string, figureText: string, code: string | undefined): Row | { note: string } | undefined {
  const table = presentTable(report, 5);
  if (!table) return undefined;
  const rows = bodyRows(table);
  const name = bareLabel(figure).replace(/[（(]类[)）]$/u, "");
  const path = pathOf(figureText);
  let row = code !== undefined && (code.length === 5 || code.length === 7) ? rows.find((r) => codeOf(table, r) === code) : undefined;
  if (!row && path.length > 1) {
    // By name, level by level, each under the one before: 款 and 项 names repeat (一般行政管理事务 under many 款).
    let parent = "";
    for (const step of path) {
      row = rows.find((r) => {
        const c = codeOf(table, r);
        return c.length === DIGITS[step.level] && c.startsWith(parent) && bareLabel(labelOf(table, r)) === step.name;
      });
      if (!row) return { note: `《${table.title ?? table.standardTitle}》中找不到${path.map((x) => `${x.name}（${x.level}）`).join("")}` };
      parent = codeOf(table, row);
    }
  }
  row ??= rows.find((r) => codeOf(table, r).length === 3 && bareLabel(labelOf(table, r)) === name);
  if (!row) return undefined;
  const index = table.columns.findIndex((c) => c.role === "value");
  const pointer = cellAt(table, row, index);
  const unit = table.unit ?? report.meta.unit;
  return {
    code: codeOf(table, row),
    label: labelOf(table, row),
    cell: (a) => (states(a, pointer.value, unit, true) ? { cell: { ...pointer } } : differs(pointer.value, unit, a, `《${table.title ?? table.standardTitle}》`)),
  };
}

function resolveOne(report: Report, s: ChangeStatement): ChangeStatement {
  if (s.figureText === "" && s.figure === "") return s;
  const department = report.meta.department.name;
  const key = bareFigure(s.figureText || s.figure).replace(department, "");
  const row = tableRow(report, s.figure, s.figureText, s.code);
  if (row && "note" in row) return { ...s, cellNote: row.note };
  if (row) {
    const found = s.current ? row.cell(s.current) : undefined;
    return { ...s, figure: row.code.length === 3 ? row.label : s.figure, code: row.code, ...cellFields(found) };
  }
  const spec = figureOf(report.meta.kind, { key, headings: s.headings, sentenceText: s.sentence });
  if (!spec) return { ...s, figure: s.figure.replace(department, "") || s.figure, ...(s.current ? { cellNote: `表中没有与“${key || s.figure}”对应的一格` } : {}) };
  const figure = spec.name.replace(/[（(](?:决算数|预算数)[)）]$/u, "");
  const found = s.current ? fromSpec(report, spec, s.current) : undefined;
  let baseCell: CellPointer | undefined;
  if (s.kind === "execution" && spec.budget) {
    const budget = s.baseValue ?? (s.current ? { ...s.current } : undefined);
    const b = budget ? cellOf(report, spec.budget, budget) : undefined;
    if (b && "cell" in b) baseCell = b.cell;
    else if (!s.baseValue) {
      // No budget printed: the template's 预算数 cell of the figure is the one the rate divides by.
      const loc = locate(report, spec.budget);
      if (loc.state === "present" && loc.cells.length === 1 && loc.cells[0]) baseCell = { ...loc.cells[0] };
    }
  }
  // An execution whose text prints neither budget nor a telling rate: the table's 预算数 says which way it went.
  const direction = s.kind === "execution" && !s.direction && s.current && baseCell ? directionAgainst(s.current, baseCell, report) : undefined;
  return { ...s, figure, ...cellFields(found), ...(baseCell ? { baseCell } : {}), ...(direction ? { direction } : {}) };
}

function directionAgainst(current: StatedAmount, cell: CellPointer, report: Report): ChangeStatement["direction"] {
  const unit = presentTable(report, cell.table)?.unit ?? report.meta.unit;
  if (unit !== current.unit) return undefined;
  const c = compare(decOf(current), decOf({ value: cell.value === "" ? "0" : cell.value }));
  return c < 0 ? "decrease" : c > 0 ? "increase" : "unchanged";
}

function cellFields(found: Found | undefined): { cell?: CellPointer; cellNote?: string } {
  if (!found) return {};
  return "cell" in found ? { cell: found.cell } : { cellNote: found.note };
}

/** The statements with their figures named as the tables name them and the cells that print them. */
export function resolveStatements(report: Report, list: readonly ChangeStatement[]): ChangeStatement[] {
  return list.map((s) => resolveOne(report, s));
}
