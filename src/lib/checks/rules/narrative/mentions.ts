/**
 * Reading the amounts quoted in the text of a report (情况说明 and 概况): every number followed by 万元, 元 or a
 * percent sign, with the words around it that say what it is — the clause it closes (`基本支出281.81万元`), whether it
 * is a change from last year (`比上年增加1410.69万元`, `增长20.59%`), a share (`占比9.03%`, `占本年支出合计的82.07%`) or a
 * rate of completion (`完成年初预算的227.03%`). Thresholds (`单价100万元（含）以上设备`) are not amounts and are skipped.
 */
import type { Report } from "../../../model.ts";
import { normalizeAmount } from "../../../text.ts";
import { memo } from "../../cells.ts";

export type MentionUnit = "万元" | "元" | "%";

/**
 * What a quoted number is:
 * - `level` a figure (`收入总计3,119.54万元`);
 * - `change` a change from an earlier figure (`减少6,961.07万元`, `增长20.59%`);
 * - `previous` the earlier figure a change is measured from (`比2024年预算40.72万元减少…`);
 * - `share` a part's percentage of a whole (`占比9.03%`, `占本年支出合计的82.07%`);
 * - `completion` a percentage of a budget (`完成年初预算的227.03%`);
 * - `percent` any other percentage.
 */
export type MentionRole = "level" | "change" | "previous" | "share" | "completion" | "percent";

export interface Mention {
  /** `情况说明` or `概况`. */
  source: "情况说明" | "概况";
  /** Heading of the section (and its parents, outermost first) the paragraph belongs to. */
  headings: string[];
  /** Index of the section in `report.narrative` (-1 for 概况). */
  section: number;
  /** Source line of the paragraph. */
  line: number;
  /** Index of the paragraph in the whole text, of the sentence in the paragraph, of the mention in the paragraph. */
  paragraph: number;
  sentence: number;
  index: number;
  /** The amount as printed and normalised (`3119.54`), and its unit. */
  printed: string;
  value: string;
  unit: MentionUnit;
  role: MentionRole;
  /** `increase` or `decrease` for a change. */
  direction?: "increase" | "decrease";
  /** The clause up to the number, without the number (`2024年度收入总计`), and the words naming it (`收入总计`). */
  clause: string;
  key: string;
  /** The text of the sentence, for notes. */
  sentenceText: string;
  /** Offset of the number in the paragraph, and the few characters after it (`，其中：`). */
  offset: number;
  after: string;
}

const AMOUNT = /(?<![\d.,])(\d[\d,]*(?:\.\s?\d+)?)\s?(万元|元|%|％)/gu;
/** A budget or final figure printed without its unit (`年初预算数33.01，支出决算数36.04万元`). */
const UNITLESS = /(?<![\d.,])(\d+\.\d{2})(?=[，,])/gu;
const UNITLESS_CLAUSE = /(?:预算|决算)数?$/u;
/** What follows a threshold: `100万元（含）以上`, `50万元（原值）以上`. */
const THRESHOLD = /^\s*(?:[（(](?:含|不含|原值)[)）]|(?:[（(][^)）]{1,4}[)）])?\s*(?:以上|以下|及以上|及以下))/u;
const CLAUSE_BREAK = /[，,。；;：:、]/u;
const SENTENCE_BREAK = /[。；;]/u;
const CHANGE = /(增加|减少|增长|下降|上升|降低|节约|超支|增|减)(?:\s*[（(][^)）]{0,6}[)）])?\s*$/u;
const DECREASE = /减少|下降|降低|节约|减/u;
const SHARE = /(?:占比|占[^，,。；;]*?的?|比重为?|比例为?)\s*$/u;
const COMPLETION = /完成[^，,。；;]*?的\s*$/u;
const FOLLOWED_BY_CHANGE = /^\s*(?:[,，]\s*)?(增加|减少|增长|下降)/u;
const COMPARED = /(?:比|较|与|同)[^，,。；;]*$/u;

/** The words naming a figure: the clause without its leading date and numbering (`2024年度`, `其中：`, `1、`). */
export function keyOf(clause: string): string {
  return clause
    .replace(/\s+/gu, "")
    .replace(/^(?:其中|主要包括|主要用于|包括|分别是|分别为)/u, "")
    .replace(/^[（(]?[一二三四五六七八九十\d]+[)）、.．]/u, "")
    .replace(/^(?:截至)?\d{4}年(?:度)?(?:\d{1,2}月(?:\d{1,2}日)?)?/u, "");
}

interface Paragraph {
  source: Mention["source"];
  headings: string[];
  section: number;
  line: number;
  text: string;
}

function paragraphs(report: Report): Paragraph[] {
  const out: Paragraph[] = [];
  const stack: { depth: number; heading: string }[] = [];
  report.narrative.forEach((s, section) => {
    while (stack.length > 0 && (stack[stack.length - 1]?.depth ?? 0) >= s.depth) stack.pop();
    stack.push({ depth: s.depth, heading: s.heading });
    const headings = stack.map((x) => x.heading);
    for (const b of s.blocks) {
      const text = b.type === "p" ? (b.text ?? "") : (b.cells ?? []).join("，");
      if (text !== "") out.push({ source: "情况说明", headings, section, line: b.line, text });
    }
  });
  for (const l of [...report.overview.duties, ...report.overview.organization]) {
    out.push({ source: "概况", headings: [], section: -1, line: l.line, text: l.text });
  }
  return out;
}

function lastBreak(text: string, end: number, pattern: RegExp): number {
  for (let i = end - 1; i >= 0; i--) if (pattern.test(text[i] ?? "")) return i + 1;
  return 0;
}

/** Every amount quoted in the report's 情况说明 and 概况, in text order. */
export function mentions(report: Report): Mention[] {
  return memo(report, "narrative.mentions", () => readMentions(report));
}

function readMentions(report: Report): Mention[] {
  const out: Mention[] = [];
  paragraphs(report).forEach((p, paragraph) => {
    let index = 0;
    const unitless = [...p.text.matchAll(UNITLESS)].filter((m) => UNITLESS_CLAUSE.test(p.text.slice(lastBreak(p.text, m.index, CLAUSE_BREAK), m.index).trim()));
    const found = [...p.text.matchAll(AMOUNT), ...unitless].sort((a, b) => a.index - b.index);
    let previousEnd = 0;
    for (const m of found) {
      const offset = m.index;
      const after = p.text.slice(offset + m[0].length);
      // A clause starts after the punctuation before the number, or after the amount before it
      // (`预算19.30万元比2024年增加1.18万元`).
      const clauseStart = Math.max(lastBreak(p.text, offset, CLAUSE_BREAK), previousEnd);
      previousEnd = offset + m[0].length;
      if (THRESHOLD.test(after)) continue;
      const value = normalizeAmount((m[1] ?? "").replace(/\s/gu, ""));
      if (value === undefined) continue;
      const unit: MentionUnit = m[2] === undefined ? (report.meta.unit === "元" ? "元" : "万元") : m[2] === "％" ? "%" : (m[2] as MentionUnit);
      const clause = p.text.slice(clauseStart, offset).trim();
      const sentenceStart = lastBreak(p.text, offset, SENTENCE_BREAK);
      const sentenceEndRel = p.text.slice(offset).search(SENTENCE_BREAK);
      const sentenceText = p.text.slice(sentenceStart, sentenceEndRel < 0 ? p.text.length : offset + sentenceEndRel + 1);
      const sentence = [...p.text.slice(0, offset)].filter((c) => SENTENCE_BREAK.test(c)).length;
      const change = CHANGE.exec(clause);
      let role: MentionRole;
      if (change) role = "change";
      else if (unit === "%") role = COMPLETION.test(clause) ? "completion" : SHARE.test(clause) ? "share" : "percent";
      else if (FOLLOWED_BY_CHANGE.test(after) && COMPARED.test(clause)) role = "previous";
      else role = "level";
      const key = keyOf(change ? clause.slice(0, change.index) : clause);
      out.push({
        source: p.source,
        headings: p.headings,
        section: p.section,
        line: p.line,
        paragraph,
        sentence,
        index: index++,
        printed: m[0],
        value,
        unit,
        role,
        ...(change ? { direction: DECREASE.test(change[1] ?? "") ? ("decrease" as const) : ("increase" as const) } : {}),
        clause,
        key,
        sentenceText,
        offset,
        after: after.slice(0, 12),
      });
    }
  });
  return out;
}
