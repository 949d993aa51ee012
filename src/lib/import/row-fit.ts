/**
 * What a body row must satisfy to be read as printed: each cell fits its column (a name is not a number, a code is not
 * an amount, an amount is a number or `——`), and the table's column identities hold (total = Σ parts − Σ minus, as
 * data in src/lib/checks/identities.ts). The importer uses both to place the cells of a row that lost one.
 */
import { abs, compare, parseDec, sub, sum, tolerance, ZERO, type Dec } from "../decimal.ts";
import { identitiesFor, resolveIdentity, type ResolvedIdentity } from "../checks/identities.ts";
import type { Column, ReportKind } from "../model.ts";
import { isDashMark, normalizeAmount } from "../text.ts";

/** A 功能分类 / 经济分类 code (3, 5 or 7 digits): in a value column of a table with decimals it is not an amount. */
const CLASS_CODE = /^\d{3}(?:\d{2}){0,2}$/u;
const INTEGER = /^\d+$/u;

/** The identities of the table that its columns resolve (none for a table the template gives none, or that lacks a column). */
export function tableIdentities(kind: ReportKind, no: number, columns: readonly Column[], template?: string): ResolvedIdentity[] {
  return identitiesFor(kind, no, template).flatMap((id) => {
    const r = resolveIdentity(id, columns);
    return "missing" in r ? [] : [r];
  });
}

function amountOf(cell: string): Dec | undefined {
  const a = normalizeAmount(cell);
  return a === undefined ? undefined : parseDec(a);
}

/**
 * Does the row satisfy the identity, within the rounding of the values it prints (half a unit of the last decimal
 * each: 0.005 per 万元 value)? An empty cell (or `——`) is no amount; an identity whose cells are all empty holds.
 */
export function identityHolds(id: ResolvedIdentity, cells: readonly string[]): boolean {
  const pick = (indices: number[]) => indices.flatMap((i) => amountOf(cells[i] ?? "") ?? []);
  const total = amountOf(cells[id.total] ?? "");
  const parts = pick(id.parts);
  const minus = pick(id.minus);
  const printed = [...(total ? [total] : []), ...parts, ...minus];
  if (printed.length === 0) return true;
  const difference = sub(total ?? ZERO, sub(sum(parts), sum(minus)));
  const scale = Math.max(...printed.map((d) => d.scale));
  return compare(abs(difference), tolerance(printed.length, scale)) <= 0;
}

/** The titles of the identities the row breaks. */
export function brokenIdentities(identities: readonly ResolvedIdentity[], cells: readonly string[]): string[] {
  return identities.filter((id) => !identityHolds(id, cells)).map((id) => id.identity.title);
}

/**
 * Why `value` cannot stand in `column`, in words; undefined when it can. Codes are whole numbers (or words such as
 * 合计), 行次 only whole numbers, names never numbers; amounts are numbers or `——`. `codesAreNotAmounts`: the table prints
 * codes and its amounts with decimals, so a bare 3-, 5- or 7-digit number in a value column is a code out of place.
 */
export function cellFault(column: Column, value: string, codesAreNotAmounts: boolean): string | undefined {
  if (value === "") return undefined;
  const amount = normalizeAmount(value);
  switch (column.role) {
    case "label":
      return amount === undefined ? undefined : `“${column.label}”列是数字“${value}”，不是名称`;
    case "code":
      return amount === undefined || INTEGER.test(value) ? undefined : `“${column.label}”列是金额“${value}”，不是编码`;
    case "lineno":
      if (INTEGER.test(value)) return undefined;
      return amount === undefined ? `“${column.label}”列是文字“${value}”，不是行次` : `“${column.label}”列是金额“${value}”，不是行次`;
    case "value":
      if (amount === undefined) return isDashMark(value) ? undefined : `“${column.label}”列的值不是数字：“${value}”`;
      return codesAreNotAmounts && CLASS_CODE.test(value) ? `“${column.label}”列是科目编码“${value}”，不是金额` : undefined;
  }
}

/** Every cell of the row that does not fit its column, in words. */
export function rowFaults(columns: readonly Column[], cells: readonly string[], codesAreNotAmounts: boolean): string[] {
  return columns.flatMap((c, i) => cellFault(c, cells[i] ?? "", codesAreNotAmounts) ?? []);
}

/**
 * The faults of a row as wide as the table that the table builder does not report itself (it reports a value column
 * holding text): a number in a name column, an amount in a code or 行次 column, a code in a value column.
 */
export function misplacedCells(columns: readonly Column[], cells: readonly string[], codesAreNotAmounts: boolean): string[] {
  return columns.flatMap((c, i) => {
    const value = cells[i] ?? "";
    if (c.role === "value" && normalizeAmount(value) === undefined) return [];
    return cellFault(c, value, codesAreNotAmounts) ?? [];
  });
}

/** Does the table print codes, and (mostly) amounts with decimals? Then a bare code in a value column is misplaced. */
export function codesAreNotAmounts(columns: readonly Column[], rows: readonly { cells: readonly string[]; heading: boolean }[]): boolean {
  if (!columns.some((c) => c.role === "code")) return false;
  const amounts = rows.flatMap((r) =>
    r.heading ? [] : columns.flatMap((c, i) => (c.role === "value" ? (normalizeAmount(r.cells[i] ?? "") ?? []) : [])),
  );
  return amounts.length > 0 && amounts.filter((a) => a.includes(".")).length * 2 > amounts.length;
}
