/**
 * Spreadsheet formula injection: a text cell that begins with `=`, `+`, `-` or `@` (or a tab / carriage return) is
 * run as a formula by Excel and LibreOffice. Such text is prefixed with `'`; numbers are never altered.
 */
import { isDashMark, isDecimal } from "../text.ts";

const FORMULA_START = /^[=+\-@\t\r]/u;

export function safeText(text: string): string {
  // A run of dashes is the tables' "not applicable" mark; it cannot hold a formula.
  if (isDecimal(text) || isDashMark(text) || !FORMULA_START.test(text)) return text;
  return `'${text}`;
}

/** The text a safeText() cell stood for (its `'` taken off again), for the site's own readers of its CSVs. */
export function unsafeText(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}

export { isDecimal as isNumber };
