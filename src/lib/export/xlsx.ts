/**
 * A minimal, deterministic XLSX (Office Open XML SpreadsheetML) writer: one sheet per table, text as inline strings,
 * amounts as numeric cells whose XML value is the published decimal string itself (so `17.00` is stored as `17.00`
 * and shown with two decimals), merged header cells, frozen header rows. Zipped with fflate. Text is stored as an
 * inline string, which a spreadsheet never evaluates as a formula, so it is kept exactly as published.
 */
import { strToU8, zipSync } from "fflate";
import { isNumber } from "./safe.ts";

export interface SheetCell {
  text: string;
  /** Write as a number (only if `text` is a plain decimal). */
  number?: boolean;
  bold?: boolean;
}

export interface Merge {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export interface Sheet {
  name: string;
  rows: SheetCell[][];
  merges?: Merge[];
  /** Rows frozen at the top (the header). */
  frozenRows?: number;
  /** Approximate column widths in characters. */
  widths?: number[];
}

const esc = (s: string) =>
  s.replace(/&/gu, "&amp;").replace(/</gu, "&lt;").replace(/>/gu, "&gt;").replace(/"/gu, "&quot;").replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/gu, "");

export function columnName(index: number): string {
  let n = index + 1;
  let name = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    name = String.fromCharCode(65 + r) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

/** Number formats: 0 general, 1 `0`, 2 `0.00`; custom ids from 164 for other decimal counts. */
function decimals(text: string): number {
  return text.includes(".") ? (text.split(".")[1] ?? "").length : 0;
}

function sheetXml(sheet: Sheet, styleOf: (cell: SheetCell) => number): string {
  const rows = sheet.rows
    .map((row, r) => {
      const cells = row
        .map((cell, c) => {
          if (cell.text === "") return "";
          const ref = `${columnName(c)}${r + 1}`;
          const s = styleOf(cell);
          if (cell.number && isNumber(cell.text)) return `<c r="${ref}" s="${s}"><v>${cell.text}</v></c>`;
          return `<c r="${ref}" s="${s}" t="inlineStr"><is><t xml:space="preserve">${esc(cell.text)}</t></is></c>`;
        })
        .join("");
      return `<row r="${r + 1}">${cells}</row>`;
    })
    .join("");
  const frozen = sheet.frozenRows
    ? `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${sheet.frozenRows}" topLeftCell="A${sheet.frozenRows + 1}" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>`
    : "";
  const cols = sheet.widths?.length
    ? `<cols>${sheet.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${Math.round(Math.min(60, Math.max(6, w)) * 10) / 10}" customWidth="1"/>`).join("")}</cols>`
    : "";
  const merges = sheet.merges?.length
    ? `<mergeCells count="${sheet.merges.length}">${sheet.merges
        .map((m) => `<mergeCell ref="${columnName(m.col)}${m.row + 1}:${columnName(m.col + m.cols - 1)}${m.row + m.rows}"/>`)
        .join("")}</mergeCells>`
    : "";
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${frozen}${cols}<sheetData>${rows}</sheetData>${merges}</worksheet>`;
}

/** Excel sheet names: at most 31 characters, none of []:*?/\ and unique. */
export function sheetNames(names: string[]): string[] {
  const used = new Set<string>();
  return names.map((n) => {
    const base = n.replace(/[[\]:*?/\\]/gu, " ").slice(0, 31) || "Sheet";
    let name = base;
    for (let i = 2; used.has(name); i++) name = `${base.slice(0, 31 - String(i).length - 1)}-${i}`;
    used.add(name);
    return name;
  });
}

export function writeXlsx(sheets: Sheet[]): Uint8Array {
  const names = sheetNames(sheets.map((s) => s.name));
  // Styles: index 0 normal text; 1 bold text; then one per decimal count for numbers.
  const decimalCounts = [...new Set(sheets.flatMap((s) => s.rows.flat().filter((c) => c.number && isNumber(c.text)).map((c) => decimals(c.text))))].sort((a, b) => a - b);
  const styleOf = (cell: SheetCell) => (cell.number && isNumber(cell.text) ? 2 + decimalCounts.indexOf(decimals(cell.text)) : cell.bold ? 1 : 0);
  const numFmts = decimalCounts.map((d, i) => `<numFmt numFmtId="${164 + i}" formatCode="${d === 0 ? "0" : `0.${"0".repeat(d)}`}"/>`).join("");
  const xfs = [
    `<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`,
    `<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>`,
    ...decimalCounts.map((_, i) => `<xf numFmtId="${164 + i}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`),
  ];
  const styles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${
    numFmts ? `<numFmts count="${decimalCounts.length}">${numFmts}</numFmts>` : ""
  }<fonts count="2"><font><sz val="11"/><name val="等线"/></font><font><b/><sz val="11"/><name val="等线"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="${xfs.length}">${xfs.join("")}</cellXfs></styleSheet>`;
  const workbook = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${names
    .map((n, i) => `<sheet name="${esc(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
    .join("")}</sheets></workbook>`;
  const rels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${names
    .map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
    .join("")}<Relationship Id="rId${names.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`;
  const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${names
    .map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
    .join("")}</Types>`;
  const rootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  const files: Record<string, Uint8Array> = {
    "[Content_Types].xml": strToU8(contentTypes),
    "_rels/.rels": strToU8(rootRels),
    "xl/workbook.xml": strToU8(workbook),
    "xl/_rels/workbook.xml.rels": strToU8(rels),
    "xl/styles.xml": strToU8(styles),
  };
  sheets.forEach((s, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheetXml(s, styleOf));
  });
  // A fixed modification time keeps the bytes identical from build to build.
  return zipSync(files, { level: 6, mtime: new Date("2000-01-01T00:00:00Z") });
}
