/**
 * Comparing an amount quoted in the text with a published cell, exactly: both are decimal strings, a quoted `万元`
 * amount compares with a `万元` cell as printed, and with a `元` cell rounded to the quoted decimals (the text rounds
 * the table's 元 to 万元). Nothing goes through binary floating point.
 */
import { type Cell } from "../../cells.ts";
import { compare, type Dec, formatDec, parseDec, roundDec, sub, ZERO } from "../../../decimal.ts";
import type { CellPointer } from "../../types.ts";
import { AMOUNT_UNITS, shiftDec } from "../../../units.ts";
import type { Mention } from "./mentions.ts";

/** The value of a quoted amount. */
export function mentionDec(m: Pick<Mention, "value">): Dec {
  return parseDec(m.value) ?? ZERO;
}

/** A published cell's value, blank as zero; undefined for `——` or text. */
export function cellDec(value: string): Dec | undefined {
  return value === "" ? ZERO : parseDec(value);
}

/**
 * The cell's value in the unit of the quoted amount, as the text would print it: a 元 cell quoted in 万元 is rounded to
 * the quoted decimals. Undefined when the units cannot be compared or the cell is not a number.
 */
export function inMentionUnit(value: string, cellUnit: string, m: Pick<Mention, "unit" | "value">): Dec | undefined {
  const d = cellDec(value);
  if (d === undefined) return undefined;
  if (m.unit === "%") return undefined;
  if (cellUnit === m.unit) return d;
  // Moved to the quoted unit exactly; into a larger unit (元 quoted in 万元), rounded as the text rounds it.
  const shifted = shiftDec(d, cellUnit, m.unit);
  if (!shifted) return undefined;
  return (AMOUNT_UNITS[m.unit] as number) > (AMOUNT_UNITS[cellUnit] as number) ? roundDec(shifted, mentionDec(m).scale) : shifted;
}

/**
 * Is `quoted` the value as the text prints it: equal, or — when the text prints fewer decimals than the table
 * (`8261万元` for 8261.00, `约3608万元` for 3608.15) — equal to the value rounded to those decimals. A quoted 0 is
 * never a rounded amount.
 */
export function sameAsPrinted(quoted: Dec, value: Dec): boolean {
  if (compare(quoted, value) === 0) return true;
  return quoted.units !== 0n && quoted.scale < value.scale && compare(roundDec(value, quoted.scale), quoted) === 0;
}

/**
 * Does the quoted amount state this cell's value, in its own unit? Exactly — or, with `rounded`, as the text prints it
 * (for a cell the words name: a bare coincidence of a rounded number is no evidence).
 */
export function states(m: Pick<Mention, "unit" | "value">, value: string, cellUnit: string, rounded = false): boolean {
  const d = inMentionUnit(value, cellUnit, m);
  if (d === undefined) return false;
  return rounded ? sameAsPrinted(mentionDec(m), d) : compare(mentionDec(m), d) === 0;
}

export function isZero(d: Dec): boolean {
  return d.units === 0n;
}

/** Quoted minus expected, printed with the larger of the two scales. */
export function differenceOf(found: Dec, expected: Dec): string {
  return formatDec(sub(found, expected), Math.max(found.scale, expected.scale));
}

/** The phrase of a quoted amount: the clause that names it and the amount as printed. */
export function phraseOf(m: Pick<Mention, "clause" | "printed">): string {
  return `${m.clause}${m.printed}`.replace(/\s+/gu, "");
}

/** The pointer to a quoted amount: table 0, the source line, the phrase, the normalised value. */
export function mentionPointer(m: Mention): CellPointer {
  return { table: 0, line: m.line, column: "", columnLabel: m.source, row: phraseOf(m), value: m.unit === "%" ? `${m.value}%` : m.value };
}

/** `情况说明 · 一、收入支出决算总体情况说明 · 收入总计` */
export function mentionPlace(m: Mention, name?: string): string {
  const heading = m.headings[m.headings.length - 1];
  return [m.source, heading, name ?? (m.key || phraseOf(m))].filter((x) => x !== undefined && x !== "").join(" · ");
}

/** Cells as pointers (a `Cell` is already one). */
export function pointers(cells: readonly Cell[]): CellPointer[] {
  return cells.map((c) => ({ ...c }));
}
