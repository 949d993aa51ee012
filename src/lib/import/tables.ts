/**
 * Standard tables: finds each table of the template in the text (by its title), reads the lines printed above it
 * (label, 部门名称, period, unit), splits its rows into header and body, and reads the notes under it.
 */
import { EXTRA_FROM, type ImportNote, type ImportProblem, type ReportKind, type Table, type TableRow } from "../model.ts";
import { absentReason, matchLabel, matchTitle, NATIONAL, templatesFor, type TableTemplate, type TemplateSet } from "../templates.ts";
import { isDashMark, isNoise, normalizeAmount, normalizeText, splitCells, stripMarkdown, type SourceLine } from "../text.ts";
import { buildColumns } from "./header.ts";
import { placeRows } from "./placement.ts";

const INCOME_CODE = /^\d{3}(?:\d{2}){0,2}$|^\d{7}$/u;
const TOTAL_OR_ITEM = /^(?:合计|总计|部门合计|本年|人员经费合计|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+[.、．])/u;
const HEADER_WORD = /^(?:项目|行次|金额|统计数|栏次|科目代码|科目编码|科目名称|单位名称|项目名称)$/u;
const EMPTY_NOTE = /本表无数据|本表为空表|本表为空/u;
const NOTE = /^(?:注|说明)[：:]/u;

export interface TableParse {
  tables: Table[];
  problems: ImportProblem[];
  notes: ImportNote[];
  /** Lines that belong to a table (title, meta, rows, notes), so the caller can tell what is left unplaced. */
  claimed: Set<number>;
}

/** A table line's cells as printed, trailing empty cells included (a row that is short of them may have lost a cell). */
function printedCells(text: string): string[] {
  return splitCells(text).map(normalizeText);
}

/** A table line's cells without its trailing empty cells. */
function cellsOf(printed: readonly string[]): string[] {
  const cells = [...printed];
  while (cells.length > 0 && cells.at(-1) === "") cells.pop();
  return cells;
}

/** A line of a table as extracted: its cells without trailing empty cells, and every cell it printed. */
interface RawRow extends TableRow {
  printed: string[];
}

/** `---\t---\t--`: the separator row of a Markdown table, left by some text conversions. */
function isMarkdownRule(text: string): boolean {
  const cells = text.split("\t").map((c) => c.trim()).filter((c) => c !== "");
  return cells.length > 0 && cells.every((c) => /^:?-{2,}:?$/u.test(c)) && cells.some((c) => c.length >= 3);
}

function isColNoRow(cells: string[]): string[] | undefined {
  const nonEmpty = cells.filter((c) => c !== "" && c !== "栏次");
  if (nonEmpty.length < 1 || !nonEmpty.every((c) => /^\d{1,2}$/u.test(c))) return undefined;
  const nums = nonEmpty.map(Number);
  const consecutive = nums.every((n, i) => i === 0 || n === (nums[i - 1] as number) + 1);
  if (!consecutive || (nums[0] !== 1 && !cells.includes("栏次"))) return undefined;
  if (nums.length < 2 && !cells.includes("栏次")) return undefined;
  return cells;
}

function isHeadingRow(cells: string[]): boolean {
  const nonEmpty = cells.filter((c) => c !== "");
  return nonEmpty.length >= 2 && nonEmpty.every((c) => HEADER_WORD.test(c));
}

/**
 * The first body row: it carries an amount, or starts (in its first cell) with a code, a total or a numbered item,
 * or with what the template says its first row is. A row without amounts whose first cell is empty continues the
 * header (e.g. `  合计  人员经费  公用经费` under `2025年预算数`).
 */
function isDataRow(cells: string[], tpl: TableTemplate): boolean {
  if (cells.some((c) => normalizeAmount(c) !== undefined)) return true;
  const first = cells[0] ?? "";
  return INCOME_CODE.test(first) || TOTAL_OR_ITEM.test(first) || (tpl.firstRow?.test(first) ?? false);
}

/** What a line printed between a title and its rows says: 部门名称, period, unit. */
function readMetaLine(text: string): { department?: string; period?: string; unit?: string } | undefined {
  const s = normalizeText(stripMarkdown(text)).replace(/\s+/gu, " ");
  const out: { department?: string; period?: string; unit?: string } = {};
  // Who: `部门名称：…`, `编制单位：…` (a unit's budget) — up to the year, a space or the unit that may follow unspaced.
  const WHO = /(?:(?:部门|单位)名称|编制部门|编制单位|预算单位|预算主管部门)\s*[:：]\s*(.+?)(?=\s*\d{4}\s*年|\s|(?:金额)?单位\s*[:：]|$)/u;
  const UNIT = /(?:金额)?单位\s*[:：]\s*(万元|千元|亿元|元)(?:\s*[（(][^)）]*[)）])?\s*$/u;
  const dept = WHO.exec(s);
  if (dept?.[1]) out.department = dept[1];
  const period = /(\d{4}\s*年度?)/u.exec(s.replace(WHO, ""));
  if (period?.[1]) out.period = period[1].replace(/\s/gu, "");
  const unit = UNIT.exec(s);
  if (unit?.[1]) out.unit = unit[1];
  const rest = s.replace(WHO, "").replace(/\d{4}\s*年度?/u, "").replace(UNIT, "").trim();
  if (rest !== "" || Object.keys(out).length === 0) return undefined;
  return out;
}

function isPartHeading(text: string): boolean {
  return /^第[一二三四五六七八九十]+部分/u.test(stripMarkdown(text));
}

interface Pending {
  /** An extra table (a table of the document the template does not have) carries a template made for it. */
  extra?: boolean;
  template: TableTemplate;
  title: string;
  line: number;
  label?: string;
  meta: { department?: string; period?: string; unit?: string };
  raw: RawRow[];
  note?: string;
  emptyNote?: string;
}

/** A title of a table on a line of its own: short, not a sentence, ending in 表 (and a bracketed qualifier). */
function isExtraTitle(plain: string): boolean {
  const t = normalizeText(plain);
  return t.length >= 4 && t.length <= 40 && /表(?:[（(][^）)]{1,20}[）)])?$/u.test(t) && !/[，。；：:,;、]/u.test(t) && !NOTE.test(t);
}

/** Whether table rows follow line `index` (after at most a few lines naming the department, period or unit). */
function tableFollows(lines: readonly SourceLine[], index: number): boolean {
  for (const { text } of lines.slice(index + 1, index + 6)) {
    if (isNoise(text)) continue;
    if (text.includes("\t")) return true;
    if (!readMetaLine(text)) return false;
  }
  return false;
}

/**
 * Reads every standard table in `lines` (the part of the document that holds the tables). Tables the template has
 * but the text does not are returned with state `missing`.
 */
export function parseTables(kind: ReportKind, lines: SourceLine[], set: TemplateSet = NATIONAL): TableParse {
  const problems: ImportProblem[] = [];
  const notes: ImportNote[] = [];
  const claimed = new Set<number>();
  const found: Pending[] = [];
  let current: Pending | undefined;
  let label: { no: number; label: string; line: number } | undefined;
  let inBody = false;

  const finish = () => {
    if (current) found.push(current);
    current = undefined;
    inBody = false;
  };

  let extras = 0;
  for (const [index, { line, text }] of lines.entries()) {
    const plain = stripMarkdown(text);
    if (isNoise(text)) {
      claimed.add(line);
      continue;
    }
    const hasTabs = text.includes("\t");
    const tpl = hasTabs ? undefined : matchTitle(kind, plain, set);
    const lab = hasTabs ? undefined : matchLabel(plain);
    if (tpl) {
      finish();
      claimed.add(line);
      current = { template: tpl, title: normalizeText(plain), line, meta: {}, raw: [] };
      if (label && tpl.no === label.no) current.label = label.label;
      else if (label) notes.push({ line: label.line, message: `表号“${label.label}”与其后的表名“${current.title}”不一致，未采用该表号。` });
      label = undefined;
      continue;
    }
    if (lab) {
      claimed.add(line);
      if (current && !inBody && current.label === undefined && lab.no === current.template.no) current.label = lab.label;
      else if (current && !inBody && current.label === undefined && lab.no !== current.template.no) {
        notes.push({ line, message: `表号“${lab.label}”与表名“${current.title}”不一致，未采用该表号。` });
      } else {
        finish();
        label = { ...lab, line };
      }
      continue;
    }
    // A table of the document that the template does not have: kept under its own title, never dropped.
    if (!hasTabs && !tpl && !lab && isExtraTitle(plain) && tableFollows(lines, index)) {
      finish();
      claimed.add(line);
      const title = normalizeText(plain);
      const name = title.replace(/^\d{4}\s*年度?/u, "");
      current = { extra: true, template: { set: set.id, kind, no: EXTRA_FROM + extras++, name, title: /(?!)/u }, title, line, meta: {}, raw: [] };
      notes.push({ line, message: `“${title}”不是${set.name}的标准表，按其原标题作为附加表收录（附表${extras}），不参与标准表的核对。` });
      continue;
    }
    if (plain === "表" && (current?.label?.match(/^公开\d+$/u) || label?.label.match(/^公开\d+$/u))) {
      claimed.add(line);
      if (current?.label) current.label += "表";
      else if (label) label.label += "表";
      continue;
    }
    if (!current) continue;
    if (isPartHeading(text)) {
      finish();
      continue;
    }
    // A template's instruction left in the published text (`…仍保留该表格式，并在本表下方作下述说明：`) introduces the
    // table's 说明 below it: kept as a note, and the table goes on.
    if (!hasTabs && /(?:下述|如下|以下)说明[：:]$/u.test(plain)) {
      claimed.add(line);
      notes.push({ line, message: `${current.template.name}下方的模板填写说明，照录于此：“${normalizeText(plain)}”` });
      continue;
    }
    if (NOTE.test(plain)) {
      claimed.add(line);
      const note = normalizeText(plain);
      if (EMPTY_NOTE.test(note)) {
        if (current.emptyNote === undefined) current.emptyNote = note;
        else problems.push({ line, column: current.template.name, value: note, message: `${current.template.name}有第二条“本表无数据”说明，无法确定它属于哪张表（第一条：${current.emptyNote}）` });
      } else if (current.note === undefined) current.note = note;
      else {
        notes.push({
          line,
          message: `“${note}”不属于其上方的${current.template.name}（该表已有注释）；它所属的表在文本中缺失。`,
        });
      }
      inBody = true;
      continue;
    }
    if (!hasTabs && !inBody && current.raw.length === 0) {
      const meta = readMetaLine(text);
      if (meta) {
        claimed.add(line);
        Object.assign(current.meta, meta);
        continue;
      }
    }
    if (hasTabs && isMarkdownRule(text)) {
      claimed.add(line);
      notes.push({ line, message: `${current.template.name}中的“${text.trim().replace(/\t+/gu, " ")}”是文本转换留下的 Markdown 表格分隔线，不是表格内容，未收入。` });
      continue;
    }
    if (hasTabs) {
      if (current.note !== undefined || current.emptyNote !== undefined) {
        problems.push({ line, column: current.template.name, value: text.trim(), message: `表格行出现在${current.template.name}的注释之后，无法确定归属` });
        continue;
      }
      claimed.add(line);
      inBody = true;
      const printed = printedCells(text);
      current.raw.push({ line, cells: cellsOf(printed), printed });
      continue;
    }
    // Any other line ends the table; the caller decides what it is.
    finish();
  }
  finish();
  if (label) notes.push({ line: label.line, message: `表号“${label.label}”之后没有可识别的表名。` });

  const tables: Table[] = [];
  // Every table of the national numbering is listed: the template's own, or missing (with why, where the template has
  // no such table).
  for (const national of templatesFor(kind)) {
    const tpl = templatesFor(kind, set).find((t) => t.no === national.no);
    if (!tpl) {
      const absent = absentReason(set, kind, national.no) ?? `${set.name}没有此表`;
      tables.push({ no: national.no, standardTitle: national.name, state: "missing", absent, headerRows: [], columns: [], rowCount: 0, rows: [] });
      continue;
    }
    const matches = found.filter((f) => f.template.no === tpl.no);
    if (matches.length > 1) {
      for (const m of matches.slice(1)) {
        problems.push({ line: m.line, column: tpl.name, value: m.title, message: `${tpl.name}出现了不止一次（第一次在第 ${matches[0]?.line} 行）。` });
      }
    }
    const m = matches[0];
    if (!m) {
      tables.push({ no: tpl.no, standardTitle: tpl.name, state: "missing", headerRows: [], columns: [], rowCount: 0, rows: [] });
      continue;
    }
    tables.push(buildTable(kind, m, problems, notes));
  }
  for (const p of found.filter((f) => f.extra)) tables.push({ ...buildTable(kind, p, problems, notes), extra: true });
  return { tables, problems, notes, claimed };
}

/**
 * A table from its lines: header rows (down to the 栏次 row or the first data row), columns, and the body, whose rows
 * are placed under their columns by `placeRows` (a row that lost a cell is placed by the table's identities or refused).
 */
/**
 * Codes printed in separate 类 / 款 / 项 columns (`201｜06｜01`, the Shanghai templates) joined into the one code the
 * model keeps (`2010601`): the digits as printed, side by side. Found by the header, wherever the template puts them.
 */
function joinSplitCodes(p: Pending, notes: ImportNote[]): void {
  for (const r of p.raw) {
    const at = r.cells.findIndex((c, i) => c === "类" && r.cells[i + 1] === "款");
    if (at < 0) continue;
    const n = r.cells[at + 2] === "项" ? 3 : 2;
    const headerRow = r;
    let example: string | undefined;
    let padded = false;
    for (const row of p.raw) {
      const parts = row.cells.slice(at, at + n);
      // 款 and 项 are two digits; a producer that printed them as numbers dropped the leading zero (`301｜2` = 30102).
      const digits = parts.every((x) => /^\d*$/u.test(x));
      const joined = row === headerRow ? "" : digits ? parts.map((x, k) => (k > 0 && x.length === 1 ? `0${x}` : x)).join("") : parts.filter(Boolean).join("");
      if (digits && row !== headerRow && parts.some((x, k) => k > 0 && x.length === 1)) padded = true;
      if (!example && row !== headerRow && parts.filter(Boolean).length === n) example = `${parts.join("｜")} → ${joined}`;
      row.cells = [...row.cells.slice(0, at), joined, ...row.cells.slice(at + n)];
      row.printed = [...row.printed.slice(0, at), joined, ...row.printed.slice(at + n)];
    }
    notes.push({ line: r.line, message: `${p.template.name}的科目编码按${n === 3 ? "类、款、项" : "类、款"}分栏印出，已按原样连成一个编码${example ? `（如 ${example}）` : ""}${padded ? "；原文有的款、项只印了一位数字（丢了前导的 0），连接时补为两位" : ""}。` });
    return;
  }
}

/** A code printed with its name in one cell: `2010506统计管理`, `30101 基本工资` (the name never starts with a digit). */
const GLUED = /^(\d{3}(?:\d{2}){0,2})[\s\u3000]*([^\d\s\u3000.,，、．%％—－-].*)$/u;

/**
 * Codes printed glued to their names in one cell (`2010506统计管理`), split into the code and the name, as printed:
 * into the empty name column beside it when the table has one (`科目编码 | 科目名称`), else into a code column put
 * before it (headed 科目编码, the header the split stands for). Rows without a code (合计) keep their text as the name.
 * Noted with an example.
 */
function splitGluedCodes(p: Pending, notes: ImportNote[]): void {
  const width = Math.max(0, ...p.raw.map((r) => r.cells.length));
  for (let i = 0; i < width; i++) {
    const glued = p.raw.filter((r) => GLUED.test(r.cells[i] ?? ""));
    if (glued.length === 0) continue;
    const first = p.raw.indexOf(glued[0] as RawRow);
    const example = `${glued[0]?.cells[i]} → ${(GLUED.exec(glued[0]?.cells[i] ?? "") ?? []).slice(1, 3).join("｜")}`;
    const besideEmpty = i + 1 < width && glued.every((r) => (r.cells[i + 1] ?? "") === "") && p.raw.slice(first).every((r) => !isAmountLike(r.cells[i + 1] ?? ""));
    const split = (cells: string[], row: number): string[] => {
      const m = GLUED.exec(cells[i] ?? "");
      if (besideEmpty) return m ? [...cells.slice(0, i), m[1] as string, m[2] as string, ...cells.slice(i + 2)] : cells;
      if (row < first) return [...cells.slice(0, i), row === first - 1 ? "科目编码" : "", ...cells.slice(i)];
      return m ? [...cells.slice(0, i), m[1] as string, m[2] as string, ...cells.slice(i + 1)] : [...cells.slice(0, i), "", ...cells.slice(i)];
    };
    p.raw.forEach((r, k) => {
      r.cells = split(r.cells, k);
      r.printed = split(r.printed, k);
    });
    notes.push({
      line: glued[0]?.line ?? p.line,
      message: `${p.template.name}的科目编码与名称印在同一格，已按原样拆开（如 ${example}）${besideEmpty ? "，名称移入旁边的名称栏" : "，编码放在新加的“科目编码”栏"}。`,
    });
    return;
  }
}

const isAmountLike = (cell: string) => normalizeAmount(cell) !== undefined;

function buildTable(kind: ReportKind, p: Pending, problems: ImportProblem[], notes: ImportNote[]): Table {
  joinSplitCodes(p, notes);
  splitGluedCodes(p, notes);
  const headerRows: string[][] = [];
  let colNos: string[] | undefined;
  let bodyStart = p.raw.findIndex((r) => isColNoRow(r.cells) !== undefined);
  if (bodyStart >= 0) {
    colNos = p.raw[bodyStart]?.cells;
    headerRows.push(...p.raw.slice(0, bodyStart).map((r) => r.cells));
    bodyStart++;
  } else {
    // Templates whose header may hold labels such as 合计 or 本年收入 (Shanghai) end it at the first row with an amount.
    bodyStart = p.template.headerUntilAmount
      ? p.raw.findIndex((r) => r.cells.some((c) => normalizeAmount(c) !== undefined))
      : p.raw.findIndex((r) => isDataRow(r.cells, p.template));
    if (bodyStart < 0) bodyStart = p.raw.length;
    headerRows.push(...p.raw.slice(0, bodyStart).map((r) => r.cells));
  }
  const body = p.raw.slice(bodyStart);
  // A table whose first rows are sections (公开10) names its columns in a heading row inside the body.
  const columnSource = headerRows.length > 0 ? headerRows : body.filter((r) => isHeadingRow(r.cells)).slice(0, 1).map((r) => r.cells);
  const width = Math.max(0, ...p.raw.map((r) => r.cells.length), ...(colNos ? [colNos.length] : []));
  const built = buildColumns(columnSource, colNos, width, (c) => body.map((r) => r.cells[c] ?? ""), p.line);
  const headerNotes = built.notes;
  // An extra table's headers are its own (采购项目, 采购品目): a column of text is a column of names. (A standard table's
  // column of amounts holding text stays an error: something is misplaced.)
  const isText = (v: string) => v !== "" && normalizeAmount(v) === undefined && !isDashMark(v);
  const columns = p.extra ? built.columns.map((c, i) => (c.role === "value" && body.some((r) => isText(r.cells[i] ?? "")) ? { ...c, role: "label" as const } : c)) : built.columns;
  notes.push(...headerNotes);

  const headings = body.map((r) => isHeadingRow(r.cells));
  const placed = placeRows(
    { kind, no: p.template.no, name: p.template.name, columns, template: p.template.set },
    body.map((r, j) => ({ line: r.line, cells: r.printed, heading: headings[j] as boolean })),
  );
  problems.push(...placed.problems);
  notes.push(...placed.notes);

  const rows: TableRow[] = body.map((r, j) => {
    const heading = headings[j] as boolean;
    const cells = columns.map((col, i) => {
      const raw = placed.cells[j]?.[i] ?? "";
      if (col.role !== "value" || heading || raw === "") return raw;
      const amount = normalizeAmount(raw);
      if (amount !== undefined) return amount;
      if (isDashMark(raw)) return raw;
      const message = /^[…⋯.．]+$/u.test(raw)
        ? "“…”是空白模板表示“以下类推”的省略号，不是金额：请导入部门实际公开的文件"
        : "金额必须是数字（如 1234.56；不带千分位、全角数字或科学计数法）";
      problems.push({ line: r.line, column: `${p.template.name}“${col.label}”`, value: raw, message });
      return raw;
    });
    return { line: r.line, cells, ...(heading ? { heading: true } : {}) };
  });
  const hasNumber = rows.some((r) => !r.heading && columns.some((c, i) => c.role === "value" && /\d/u.test(r.cells[i] ?? "")));
  if (p.raw.length === 0 && !p.emptyNote) {
    problems.push({ line: p.line, column: p.template.name, value: p.title, message: `${p.template.name}只有表名，没有表格内容。` });
  }
  return {
    no: p.template.no,
    standardTitle: p.template.name,
    state: hasNumber ? "present" : "empty",
    title: p.title,
    ...(p.label ? { label: p.label } : {}),
    line: p.line,
    ...p.meta,
    headerRows,
    columns,
    ...(p.note ? { note: p.note } : {}),
    ...(p.emptyNote ? { emptyNote: p.emptyNote } : {}),
    rowCount: rows.length,
    rows,
  };
}
