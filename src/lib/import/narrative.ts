/** 概况, 情况说明 and 名词解释: structured text, kept as published. */
import type { GlossaryEntry, ImportNote, NarrativeSection, TextLine } from "../model.ts";
import { isNoise, normalizeText, splitCells, stripMarkdown, type SourceLine } from "../text.ts";
import { partOf } from "./segment.ts";

const NUMBERED = [
  { depth: 1, re: /^[一二三四五六七八九十]+、/u },
  { depth: 2, re: /^[（(][一二三四五六七八九十]+[)）]/u },
  { depth: 3, re: /^\d+[、.．]/u },
] as const;
const SENTENCE_END = /[。；;！？!?]$/u;
const PARAGRAPH_END = /[。；;！？!?：:）)”]$/u;

function clean(text: string): string {
  return normalizeText(stripMarkdown(text));
}

/** A heading is a short numbered line that is not a sentence. */
export function headingDepth(text: string): number | undefined {
  const s = clean(text);
  if (s.length > 40 || SENTENCE_END.test(s) || text.includes("\t")) return undefined;
  for (const { depth, re } of NUMBERED) if (re.test(s)) return depth;
  return undefined;
}

export function parseOverview(lines: SourceLine[]): { duties: TextLine[]; organization: TextLine[] } {
  const duties: TextLine[] = [];
  const organization: TextLine[] = [];
  let target: TextLine[] | undefined;
  for (const l of lines) {
    if (partOf(l.text) !== undefined) continue;
    if (isNoise(l.text)) continue;
    const s = clean(l.text);
    // Headings: numbered (`一、部门职责`), or a short title naming the department (`上海市普陀区财政局主要职能`).
    const heading = (/^[一二三]、/u.test(s) && s.length < 30) || (s.length < 40 && !/[。；，]/u.test(s));
    if (heading && /职责$|职责情况|主要职能$|^[一二]、.*职能/u.test(s)) {
      target = duties;
      continue;
    }
    if (heading && /机构设置|单位构成/u.test(s)) {
      target = organization;
      continue;
    }
    (target ?? duties).push({ line: l.line, text: s });
  }
  return { duties, organization };
}

/**
 * 情况说明: numbered headings open sections; other lines are paragraphs (tab-separated lines are table rows). A
 * paragraph cut by a page break is joined to its continuation.
 */
export function parseNarrative(lines: SourceLine[]): NarrativeSection[] {
  const sections: NarrativeSection[] = [];
  let current: NarrativeSection | undefined;
  let afterGap = false;
  for (const l of lines) {
    if (isNoise(l.text)) {
      afterGap = true;
      continue;
    }
    const part = partOf(l.text);
    if (part !== undefined) {
      current = { heading: clean(l.text), line: l.line, depth: 0, blocks: [] };
      sections.push(current);
      continue;
    }
    const depth = headingDepth(l.text);
    if (depth !== undefined) {
      current = { heading: clean(l.text), line: l.line, depth, blocks: [] };
      sections.push(current);
      afterGap = false;
      continue;
    }
    if (!current) {
      current = { heading: "", line: l.line, depth: 0, blocks: [] };
      sections.push(current);
    }
    if (l.text.includes("\t")) {
      const cells = splitCells(l.text).map(normalizeText);
      while (cells.length > 0 && cells.at(-1) === "") cells.pop();
      current.blocks.push({ type: "row", line: l.line, cells });
    } else {
      const text = clean(l.text);
      const last = current.blocks.at(-1);
      if (afterGap && last?.type === "p" && last.text !== undefined && !PARAGRAPH_END.test(last.text)) last.text += text;
      else current.blocks.push({ type: "p", line: l.line, text });
    }
    afterGap = false;
  }
  return sections;
}

/** An entry's number: `一、`, `（一）` or `1.` (templates differ). */
const ENTRY_NUMBER = /^(?:([一二三四五六七八九十]+)、|[（(]([一二三四五六七八九十]+)[）)]|(\d{1,2})[.、．])\s*(.*)$/u;

/** Splits `term：definition` (or `term是指…` where the colon is missing). */
function splitEntry(rest: string): { term: string; definition: string } | undefined {
  const colon = /^(.{1,40}?)[：:](.*)$/u.exec(rest);
  if (colon) return { term: (colon[1] as string).trim(), definition: (colon[2] as string).trim() };
  const verb = /^(.{1,40}?)(是指|是对)(.*)$/u.exec(rest);
  if (verb) return { term: (verb[1] as string).trim(), definition: `${verb[2]}${verb[3]}`.trim() };
  return undefined;
}

/** 名词解释: numbered entries `一、term：definition` (or `（一）`, `1.`); a definition may continue on the next lines. */
export function parseGlossary(lines: SourceLine[]): { entries: GlossaryEntry[]; notes: ImportNote[] } {
  const entries: GlossaryEntry[] = [];
  const notes: ImportNote[] = [];
  for (const l of lines) {
    if (isNoise(l.text) || partOf(l.text) !== undefined) continue;
    const s = clean(l.text);
    const n = ENTRY_NUMBER.exec(s);
    const split = n ? splitEntry(n[4] as string) : undefined;
    if (n && split) {
      const number = (n[1] ?? n[2] ?? n[3]) as string;
      const { term, definition } = split;
      const previous = entries.find((e) => e.term === term);
      if (previous) {
        notes.push({ line: l.line, message: `名词“${term}”再次出现（第一次在第 ${previous.line} 行），两处均照原文保留。` });
      }
      entries.push({ line: l.line, number, term, definition });
      continue;
    }
    const last = entries.at(-1);
    if (last && last.definition === "") {
      last.definition = s;
      continue;
    }
    notes.push({ line: l.line, message: `名词解释部分的这一行不是词条，照录于此：“${s}”` });
  }
  return { entries, notes };
}
