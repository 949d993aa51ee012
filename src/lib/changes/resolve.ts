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
import { bareFigure, decOf } from "./amounts.ts";
import type { ChangeStatement, StatedAmount } from "./types.ts";

type Found = { cell: CellPointer } | { note: string };

/** The one cell of `locators` that prints `amount` (a figure of several cells: the only one that is not blank). */
function cellOf(report: Report, locators: readonly Locator[], amount: StatedAmount): Found {
  const loc = locate(report, locators);
  if (loc.state !== "present") return { note: loc.reason };
  const values = loc.cells.map((c) => ({ c, ok: states(amount, c.value, loc.unit, true) }));
  const printed = loc.cells.filter((c) => c.value !== "");
  if (loc.cells.length === 1) {
    const only = values[0];
    if (only?.ok) return { cell: { ...only.c } };
    return { note: `表中此格为${only?.c.value === "" ? "空白" : only?.c.value}，与文中${amount.printed}不同` };
  }
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

/** The 类 row of the 一般公共预算 table (决算公开05表, 预算表五) whose name is the figure. */
function classRow(report: Report, figure: string): { code: string; label: string; cell: (a: StatedAmount) => Found } | undefined {
  const table = presentTable(report, 5);
  if (!table) return undefined;
  const name = bareLabel(figure).replace(/[（(]类[)）]$/u, "");
  const row = bodyRows(table).find((r) => codeOf(table, r).length === 3 && bareLabel(labelOf(table, r)) === name);
  if (!row) return undefined;
  const index = table.columns.findIndex((c) => c.role === "value");
  const pointer = cellAt(table, row, index);
  return {
    code: codeOf(table, row),
    label: labelOf(table, row),
    cell: (a) => (states(a, pointer.value, table.unit ?? report.meta.unit, true) ? { cell: { ...pointer } } : { note: `表中此格为${pointer.value}，与文中${a.printed}不同` }),
  };
}

function resolveOne(report: Report, s: ChangeStatement): ChangeStatement {
  if (s.figureText === "" && s.figure === "") return s;
  const department = report.meta.department.name;
  const key = bareFigure(s.figureText || s.figure).replace(department, "");
  const row = classRow(report, s.figure);
  if (row) {
    const found = s.current ? row.cell(s.current) : undefined;
    return { ...s, figure: row.label, code: row.code, ...cellFields(found) };
  }
  const spec = figureOf(report.meta.kind, { key, headings: s.headings, sentenceText: s.sentence });
  if (!spec) return { ...s, figure: s.figure.replace(department, "") || s.figure };
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
