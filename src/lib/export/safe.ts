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

export { isDecimal as isNumber };
