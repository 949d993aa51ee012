/**
 * Changes and execution (issue 14): every statement of change (against last year's 决算, 预算 or 执行数) and of
 * execution (决算 against 年初预算 or 全年预算) in a report's 情况说明, as data — the figure and the cell that prints it,
 * the change, its percentage, what it is compared with, the reason quoted exactly, the source line — and the checks
 * of what the text implies (last year's figure, the percentage, the sum of the 类 changes against the total).
 * Sentence shapes are data: src/templates/statements.json.
 */
import type { Report } from "./model.ts";
import { readStatements } from "./changes/read.ts";
import { resolveStatements } from "./changes/resolve.ts";
import type { ChangeStatement, StatementParagraph } from "./changes/types.ts";

export type { BaseKind, ChangeStatement, Direction, StatedAmount, StatementBase, StatementKind, StatementParagraph } from "./changes/types.ts";
export { readStatements, type ReadOptions } from "./changes/read.ts";
export { familyIds, familyOf, STATEMENTS } from "./changes/shapes.ts";
export { beyondNarrativeChecks, CHANGE_RULES, changeChecks, impliedPreviousChecks, sumChecks } from "./changes/checks.ts";
export { summarize, type StatementSummary } from "./changes/summary.ts";

/** Where a sentence may end: a line that ends otherwise was cut by a wrap or a page break (`…比2024年预算执行数增加`). */
const ENDS_SENTENCE = /[。；;！？!?：:）)”」]\s*$/u;
/** A line that opens an item of its own (`13、`, `（三）`, `一、`) is never the rest of the line before it. */
const OPENS_ITEM = /^\s*(?:\d+\s*[、.．](?!\d)|[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+\s*、)/u;

/**
 * The paragraphs of 情况说明 with their source lines and section headings (outermost first). A line of prose that stops
 * mid-sentence (no closing punctuation, though it has a comma or a full stop of its own: not a title) is read on with
 * the next line of its section unless that opens an item — a PDF's text can break a sentence where the page wraps
 * it or turns (`…当年预算执行数为` / `241.76万元，2026年预算安排…`); the paragraph keeps its first line as its own.
 */
export function narrativeParagraphs(report: Pick<Report, "narrative">): StatementParagraph[] {
  const out: StatementParagraph[] = [];
  const stack: { depth: number; heading: string }[] = [];
  for (const s of report.narrative) {
    while (stack.length > 0 && (stack[stack.length - 1]?.depth ?? 0) >= s.depth) stack.pop();
    stack.push({ depth: s.depth, heading: s.heading });
    const headings = stack.map((x) => x.heading);
    let open: StatementParagraph | undefined;
    for (const b of s.blocks) {
      if (b.type !== "p" || !b.text) {
        open = undefined;
        continue;
      }
      if (open && !OPENS_ITEM.test(b.text)) {
        open.text += b.text.trimStart();
        open.lines = [...(open.lines ?? [open.line]), b.line];
      } else {
        open = { line: b.line, text: b.text, headings };
        out.push(open);
      }
      if (ENDS_SENTENCE.test(open.text) || !/[，,。；;]/u.test(open.text)) open = undefined;
    }
  }
  return out;
}

/** Every statement of change and of execution in the report's 情况说明, in text order, with its figure's cell. */
export function changeStatements(report: Report): ChangeStatement[] {
  const list = readStatements(narrativeParagraphs(report), { ...(report.meta.template ? { family: report.meta.template.id } : {}), year: report.meta.year });
  return resolveStatements(report, list);
}
