/**
 * Reading the statements of change and of execution out of the paragraphs of 情况说明, by the sentence shapes of the
 * report's template family (src/templates/statements.json). Pure: text in, statements out. What a shape does not
 * cover but a cue shows (`比上年有所增加`) is kept with a note, never guessed.
 */
import { compare } from "../decimal.ts";
import { bareFigure, changeBase, classSegments, decOf, directionOf, executionBase, impliedPrevious, sameFigure, stated } from "./amounts.ts";
import { expand, type Family, familyOf, type Shape } from "./shapes.ts";
import { assignReasons, type Hit, reasonIn } from "./reasons.ts";
import type { ChangeStatement, StatedAmount, StatementParagraph } from "./types.ts";

export interface ReadOptions {
  /** The template family (`national`, `shanghai`); national when absent or unknown. */
  family?: string;
  /** The report's year, for `上年`. */
  year?: number;
}


const SENTENCE_END = /[。；;！？!?]/u;
/** The end of a sentence a comparison (`与上年相比，`) carries over `；` to. */
const FULL_STOP = /[。！？!?]/u;
const EARLIER = new RegExp(`([^，,。；;：:、]*?)\\s*(${expand("{NUM}")})\\s*(万元|元)`, "gu");
const CUE_BASE = new RegExp(`${expand("{YEAR}")}(?:预算执行数|执行数|决算数?|预算数?)?`, "u");

/** Every statement in the paragraphs, in text order. */
export function readStatements(paragraphs: readonly StatementParagraph[], options: ReadOptions = {}): ChangeStatement[] {
  const family = familyOf(options.family);
  return paragraphs.flatMap((p) => readParagraph(p, family, options));
}

function overlaps(hits: readonly Hit[], start: number, end: number): boolean {
  return hits.some((h) => start < h.end && h.start < end);
}

function within(spans: readonly [number, number][], start: number, end: number): boolean {
  return spans.some(([a, b]) => start < b && a < end);
}

function readParagraph(p: StatementParagraph, family: Family, options: ReadOptions): ChangeStatement[] {
  const text = p.text;
  const hits: Hit[] = [];
  for (const shape of family.shapes) {
    shape.pattern.lastIndex = 0;
    for (const m of text.matchAll(shape.pattern)) {
      const lead = /^\s*/u.exec(m[0])?.[0].length ?? 0;
      const start = m.index + lead;
      const end = m.index + m[0].length;
      if (end <= start || overlaps(hits, start, end)) continue;
      hits.push({ shape, groups: { ...m.groups }, start, end, text: text.slice(start, end), statements: [] });
    }
  }
  hits.sort((a, b) => a.start - b.start);
  const built: ChangeStatement[] = [];
  for (const hit of hits) {
    hit.statements = build(hit, text, p, family, options, built);
    built.push(...hit.statements);
  }
  assignReasons(hits, text, family);
  const cues = cueHits(hits, text, p, family, options);
  const all = [...hits, ...cues].sort((a, b) => a.start - b.start);
  return all.flatMap((h) => h.statements.map((s) => ({ ...s, sentence: sentenceAround(text, h.start, h.reasonSpan?.[1] ?? h.end) })));
}

/** The sentence(s) from the one `start` is in to the end of the one `end` is in. */
function sentenceAround(text: string, start: number, end: number): string {
  let a = start;
  while (a > 0 && !SENTENCE_END.test(text[a - 1] ?? "")) a--;
  let b = Math.max(end, start);
  while (b < text.length && !SENTENCE_END.test(text[b - 1] ?? "")) b++;
  if (b > text.length) b = text.length;
  return text.slice(a, b).trim();
}

function note(list: string[]): { note?: string } {
  return list.length > 0 ? { note: list.join("；") } : {};
}

/** The numbered item a paragraph opens with: `2、公共安全支出（204类）司法（06款）基层司法业务（04项）2170.39万元。` */
function leadOf(text: string, family: Family): { figure: string; figureText: string; code?: string } | undefined {
  const words = family.lead?.exec(text)?.groups?.lead?.trim();
  if (!words) return undefined;
  const { segments } = classSegments(words);
  const last = segments[segments.length - 1];
  if (!last) return { figure: bareFigure(words), figureText: words };
  const code = segments.every((s) => s.digits !== "") ? segments.map((s) => s.digits).join("") : undefined;
  return { figure: last.name, figureText: words, ...(code ? { code } : {}) };
}

/** This year's figure printed earlier in the paragraph under the same name (`收入总计3,119.54万元。与上年相比，收入总计…`). */
function earlierValue(text: string, before: number, figure: string): StatedAmount | undefined {
  let found: StatedAmount | undefined;
  EARLIER.lastIndex = 0;
  for (const m of text.slice(0, before).matchAll(EARLIER)) {
    if (sameFigure(m[1] ?? "", figure)) found = stated(`${m[2]}${m[3]}`) ?? found;
  }
  return found;
}

function build(hit: Hit, text: string, p: StatementParagraph, family: Family, options: ReadOptions, before: readonly ChangeStatement[]): ChangeStatement[] {
  const g = hit.groups;
  const shape = hit.shape as Shape;
  const notes: string[] = [];
  let figureText = (g.figure ?? "").trim();
  let figure = bareFigure(figureText);
  let code: string | undefined;
  let current: StatedAmount | undefined;
  const common = { shape: shape.name, line: p.line, ...(p.lines ? { lines: p.lines } : {}), headings: p.headings, sentence: "", text: hit.text };
  const unitOf = (...xs: (string | undefined)[]) => xs.map((x) => stated(x)).find((a) => a && !a.unitless)?.unit ?? "万元";
  const unit = unitOf(g.value, g.actual, g.budget, g.amount, g.previous);
  const read = (group: string | undefined, what: string): StatedAmount | undefined => {
    const a = stated(group, unit);
    if (a?.unitless) notes.push(`${what}“${a.printed}”未写单位，按${unit}读`);
    if (!a) return undefined;
    return { printed: a.printed, value: a.value, unit: a.unit };
  };

  // Where the figure and this year's value are when the shape does not print them.
  if (shape.current === "execution") {
    const exec = [...before].reverse().find((s) => s.kind === "execution");
    if (exec) {
      figure = exec.figure;
      figureText = exec.figureText;
      if (exec.code) code = exec.code;
      current = exec.current;
    } else notes.push("找不到此句所说的支出科目");
  } else if (shape.current === "lead" && figure === "") {
    const lead = leadOf(text, family);
    if (lead) {
      figure = lead.figure;
      figureText = lead.figureText;
      if (lead.code) code = lead.code;
    } else notes.push("文中未写明是哪一项");
  }
  const out: ChangeStatement[] = [];

  // Execution: 决算 against 年初 / 全年 预算, or a rate printed with the figure.
  if (g.actual !== undefined || g.rate !== undefined) {
    const actual = read(g.actual ?? g.value, "支出决算数");
    const useInitial = g.initial !== undefined && g.rateBase === "年初";
    const budget = read(useInitial ? g.initial : g.budget, "预算数");
    const base = executionBase(useInitial ? "年初" : (g.budgetBase ?? g.rateBase));
    const rate = read(g.rate, "完成率");
    let direction: ChangeStatement["direction"];
    if (g.gap) direction = g.gap === "大于" ? "increase" : g.gap === "小于" ? "decrease" : "unchanged";
    else if (actual && budget) direction = ["decrease", "unchanged", "increase"][compare(decOf(actual), decOf(budget)) + 1] as ChangeStatement["direction"];
    else if (actual && rate && decOf(actual).units !== 0n) direction = ["decrease", "unchanged", "increase"][compare(decOf(rate), { units: 100n, scale: 0 }) + 1] as ChangeStatement["direction"];
    out.push({
      kind: "execution",
      ...common,
      figure,
      figureText,
      ...(code ? { code } : {}),
      ...(actual ? { current: actual } : {}),
      ...(direction ? { direction } : {}),
      ...(rate ? { percent: rate } : {}),
      base,
      ...(budget ? { baseValue: { ...budget, implied: false } } : {}),
      ...note(notes),
    });
    if (!current) current = actual;
  }

  // Change against last year (or its 执行数).
  if (g.direction !== undefined || g.same !== undefined) {
    const changeNotes = [...notes];
    if (g.value !== undefined && g.actual === undefined) current = read(g.value, "本年数") ?? current;
    if (shape.current === "earlier") {
      current = earlierValue(text, hit.start, figure);
      if (!current) changeNotes.push("文中未写出本年数");
    }
    const unchanged = g.same !== undefined;
    const direction = unchanged ? "unchanged" : directionOf(g.direction);
    const percentDirection = directionOf(g.percentDirection);
    if (g.placeholder) changeNotes.push(`幅度写作“${g.percentDirection}${g.placeholder}”，保留了模板的占位写法；按“${g.direction}”读作${direction === "decrease" ? "下降" : "增长"}`);
    else if (percentDirection && direction && percentDirection !== direction) changeNotes.push(`增减额写作“${g.direction}”，幅度写作“${g.percentDirection}”，两者方向不一致`);
    let baseText = unchanged ? (g.sameBase ?? "") : `${g.base ?? ""}${g.measure ?? ""}`;
    if (baseText === "") {
      const prior = [...before].reverse().find((s) => s.kind === "change" && s.base.text !== "");
      if (prior && sameSentence(text, prior.text, hit.start)) baseText = prior.base.text;
      else changeNotes.push("文中未写明与哪一年相比");
    }
    const change = read(g.amount, "增减额");
    const percent = read(g.percent, "增减幅度");
    const previous = read(g.previous, "上年数");
    const baseValue = previous
      ? { ...previous, implied: false }
      : current && direction && (change || unchanged)
        ? { ...impliedPrevious(current, change ?? { printed: "0", value: "0", unit: current.unit }, direction), implied: true }
        : undefined;
    out.push({
      kind: "change",
      ...common,
      figure,
      figureText,
      ...(code ? { code } : {}),
      ...(current ? { current } : {}),
      ...(direction ? { direction } : {}),
      ...(percentDirection ? { percentDirection } : {}),
      ...(change ? { change } : {}),
      ...(percent ? { percent } : {}),
      base: changeBase(baseText, options.year),
      ...(baseValue ? { baseValue } : {}),
      ...note(changeNotes),
    });
  }
  return out;
}

/** Is the earlier statement's text in the sentence `at` is in (its base carries over: `与上年相比，A…，B…`)? */
function sameSentence(text: string, earlier: string, at: number): boolean {
  const i = text.lastIndexOf(earlier, at);
  return i >= 0 && !FULL_STOP.test(text.slice(i + earlier.length, at));
}

/** Sentences a cue shows to be a statement that no shape read: kept with a note. */
function cueHits(hits: Hit[], text: string, p: StatementParagraph, family: Family, options: ReadOptions): Hit[] {
  const taken: [number, number][] = [...hits.map((h): [number, number] => [h.start, h.end]), ...hits.flatMap((h) => (h.reasonSpan ? [h.reasonSpan] : []))];
  const out: Hit[] = [];
  for (const cue of family.cues) {
    cue.pattern.lastIndex = 0;
    for (const m of text.matchAll(cue.pattern)) {
      const start = m.index;
      const end = start + m[0].length;
      if (within(taken, start, end)) continue;
      taken.push([start, end]);
      let clauseStart = start;
      while (clauseStart > 0 && !/[，,。；;：:]/u.test(text[clauseStart - 1] ?? "")) clauseStart--;
      const words = text.slice(clauseStart, start).trim();
      let sentenceEnd = end;
      while (sentenceEnd < text.length && !SENTENCE_END.test(text[sentenceEnd] ?? "")) sentenceEnd++;
      const reason = within(taken, end, sentenceEnd + 1) ? undefined : reasonIn(text, end, Math.min(text.length, sentenceEnd + 1), family);
      const word = /(增加|减少|增长|下降|上升|降低)/u.exec(m[0])?.[1];
      const same = /相同|持平|一致|无变化|没有变化|不变/u.test(m[0]);
      const direction = cue.kind === "change" ? (same ? "unchanged" : directionOf(word)) : undefined;
      const statement: ChangeStatement = {
        kind: cue.kind,
        shape: "cue",
        figure: bareFigure(words),
        figureText: words,
        ...(direction ? { direction } : {}),
        base: cue.kind === "change" ? changeBase(CUE_BASE.exec(m[0])?.[0] ?? "", options.year) : executionBase(/年初|全年/u.exec(m[0])?.[0]),
        ...(reason?.reason !== undefined ? { reason: reason.reason, reasonMarker: reason.marker } : {}),
        line: p.line,
        ...(p.lines ? { lines: p.lines } : {}),
        headings: p.headings,
        sentence: "",
        text: m[0],
        note: `只读出了部分：“${m[0]}”不合已知的句式，未能读出金额${direction ? "" : "和方向"}`,
      };
      out.push({ shape: undefined, groups: {}, start, end, text: m[0], statements: [statement], ...(reason ? { reasonSpan: reason.span } : {}) });
    }
  }
  return out;
}
