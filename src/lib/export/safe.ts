/**
 * Spreadsheet formula injection: a text cell that begins with `=`, `+`, `-` or `@` (or a tab / carriage return) is
 * run as a formula by Excel and LibreOffice. Such text is prefixed with `'`; numbers are never altered.
 */
const NUMBER = /^-?\d+(?:\.\d+)?$/u;
const FORMULA_START = /^[=+\-@\t\r]/u;
/** A run of dashes is the tables' "not applicable" mark; it cannot hold a formula. */
const DASHES = /^[-—－–]+$/u;

export function safeText(text: string): string {
  if (NUMBER.test(text) || DASHES.test(text) || !FORMULA_START.test(text)) return text;
  return `'${text}`;
}

export function isNumber(text: string): boolean {
  return NUMBER.test(text);
}
