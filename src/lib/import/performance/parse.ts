/**
 * The top-level parse of one performance table: each line of the block goes to the part of the table it belongs to
 * (title area, funding, indicators, labels and values, 评价人员, lines after the end), and the state becomes a
 * PerformanceTable with the problems and notes.
 */
import type { ImportNote, PerformanceTable } from "../../model.ts";
import { isNoise, normalizeText, splitCells, stripMarkdown, type SourceLine } from "../../text.ts";
import { key, quote, tokenize, trimCells, type Token } from "./cells.ts";
import { assign, ATTACHMENT_LINE, evaluatorRow, metaLine, TITLE_AREA } from "./fields.ts";
import { fundingRow, isFundingRow, isFundingStart } from "./funding.ts";
import { indicatorSectionRow, isIndicatorHeader, startIndicators } from "./indicators.ts";
import { labelRow } from "./label-rows.ts";
import { isLabel, labelOf } from "./labels.ts";
import { looksLikeSelfIndicator } from "./self-indicators.ts";
import { createState, note, unplaced, type ParseState, type PendingLabel } from "./state.ts";
import { performanceTitleKind } from "./titles.ts";
import { matchYears } from "./year-matching.ts";

export interface PerformanceParse {
  table: PerformanceTable;
  /** Cells the parser could not place (they are kept in `table.rows`). */
  problems: ImportNote[];
  /** What the parser had to interpret (a value placed by its position, a 年度 side that differs from the 实施期 side …). */
  notes: ImportNote[];
}

/**
 * Parses one performance table. `block[0]` is its title line; the block runs to the line before the next title or
 * block end. Throws if `block[0]` is not a title (the caller cuts blocks with `performanceTitleKind`).
 */
export function parsePerformanceTable(block: SourceLine[]): PerformanceParse {
  const first = block[0];
  const kind = first ? performanceTitleKind(first.text) : undefined;
  if (!first || !kind) throw new Error(`parsePerformanceTable: line ${first?.line ?? "?"} is not a performance table title`);
  const s = createState(kind, first);
  for (const l of block.slice(1)) readLine(s, l);
  return finish(s);
}

/** One line of the block after the title. */
function readLine(s: ParseState, l: SourceLine): void {
  const raw = splitCells(l.text);
  // A lone number in a later column is data (a value wrapped onto its own line), not a page number.
  if (isNoise(l.text) && !(l.text.includes("\t") && /\d/u.test(l.text))) return;
  const cells = trimCells(raw.map(normalizeText));
  const tokens = tokenize(raw);
  if (tokens.length === 0) return;
  s.rows.push({ line: l.line, cells });
  const pending = s.pending;
  s.pending = undefined;

  if (s.section === "done") {
    afterEnd(s, tokens, l.line, pending);
    return;
  }
  const single = tokens.length === 1 ? (tokens[0] as Token).text : undefined;
  if (single !== undefined && ATTACHMENT_LINE.test(single)) return; // `附件1` of the next table
  s.endLine = l.line;
  if (single !== undefined && !(pending && !tokens.some(isLabel)) && metaLine(s, tokens[0] as Token, l.line)) return;

  if (isIndicatorHeader(tokens)) {
    startIndicators(s, tokens);
    return;
  }
  if (s.section === "indicators") {
    indicatorSectionRow(s, tokens, l.line, pending);
    return;
  }
  const texts = tokens.map((t) => key(t.text));
  if (texts.includes("姓名") && (texts.includes("工作单位") || texts.includes("签字")) && s.section !== "evaluators") {
    s.section = "evaluators";
    s.text = undefined;
  }
  if (s.section === "evaluators" && !tokens.some((t) => ["填报人", "联系电话"].includes(labelOf(t)?.def.key ?? ""))) {
    evaluatorRow(s, tokens, l.line);
    return;
  }
  if (s.kind === "project-self-evaluation" && s.section !== "tail" && looksLikeSelfIndicator(tokens)) {
    s.section = "indicators";
    indicatorSectionRow(s, tokens, l.line, pending);
    return;
  }
  const first = tokens[0] as Token;
  if (isFundingStart(first.text) || (s.section === "funding" && isFundingRow(tokens))) {
    fundingRow(s, tokens, l.line);
    return;
  }
  if (s.section === "funding") {
    s.section = "head";
    s.afterFunding = s.kind === "project-target";
  }
  labelRow(s, tokens, l.line, pending);
  s.afterFunding = false;
  // Lines above the table (填报日期, 单位（盖章）, a stamp's text) do not start its body.
  if (tokens.length > 1 || tokens.some((t) => isLabel(t) && !TITLE_AREA.has(labelOf(t)?.def.key ?? ""))) s.bodyStarted = true;
}

/** A line after the table's end (填报人, 联系电话): the value of a pending label, or reported. */
function afterEnd(s: ParseState, tokens: Token[], line: number, pending: PendingLabel | undefined): void {
  if (pending && !tokens.some(isLabel)) {
    const [first, ...rest] = tokens;
    if (first) assign(s, pending.role, pending.label, first.text, line);
    if (rest.length > 0) unplaced(s, rest, line);
    s.endLine = line;
    return;
  }
  if (tokens.length === 1 && ATTACHMENT_LINE.test((tokens[0] as Token).text)) return;
  const message = `绩效表“${s.projectName ?? s.title.text.trim()}”结束（填报人、联系电话）之后的行，无法归入该表：${quote(tokens)}`;
  if (tokens.some((t) => /\d/u.test(t.text))) s.problems.push({ line, message });
  else note(s, line, message);
}

/** The table as read: the 年度 side matched, the last 总分 as the total score, fields in line order. */
function finish(s: ParseState): PerformanceParse {
  matchYears(s);
  const firstIndicator = s.indicators[0];
  if (firstIndicator && firstIndicator.level1 === "") {
    note(s, firstIndicator.line, "开头几行指标之上没有一级指标单元格（或该单元格另有文字），一级指标留空");
  }
  let totalScore: string | undefined;
  if (s.totals.length > 0) {
    const last = s.totals[s.totals.length - 1] as { value: string; line: number };
    totalScore = last.value;
    for (const t of s.totals.slice(0, -1)) {
      s.fields.push({ label: "总分", value: t.value, line: t.line });
      note(s, t.line, `表中有多行“总分”，以最后一行（第 ${last.line} 行）为总分，此行照录为字段`);
    }
  }
  const table: PerformanceTable = {
    kind: s.kind,
    title: normalizeText(stripMarkdown(s.title.text)),
    line: s.title.line,
    endLine: s.endLine,
    ...(s.projectName !== undefined ? { projectName: s.projectName } : {}),
    ...(s.department !== undefined ? { department: s.department } : {}),
    ...(s.implementingUnit !== undefined ? { implementingUnit: s.implementingUnit } : {}),
    fields: s.fields.sort((a, b) => a.line - b.line),
    funding: s.funding,
    indicators: s.indicators,
    ...(totalScore !== undefined ? { totalScore } : {}),
    conclusions: s.conclusions,
    rows: s.rows,
  };
  return { table, problems: uniqueNotes(s.problems), notes: uniqueNotes(s.notes) };
}

/** The notes without repetitions, in line order. */
function uniqueNotes(notes: ImportNote[]): ImportNote[] {
  const seen = new Set<string>();
  return notes
    .filter((n) => {
      const k = `${n.line}\u0000${n.message}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .sort((a, b) => a.line - b.line);
}
