/**
 * The small readings a statement is made of: an amount as printed, a direction word, what a figure is compared with,
 * and the words naming a figure without their date and numbering.
 */
import { abs, add, type Dec, formatDec, parseDec, sub } from "../decimal.ts";
import { normalizeAmount } from "../text.ts";
import type { BaseKind, ChangeStatement, Direction, StatedAmount, StatementBase } from "./types.ts";

const PRINTED = /^(\d[\d,]*(?:\.\s?\d+)?)\s*(万元|元|%|％)?$/u;

/** An amount group of a shape as printed; `unit` when the text prints none. Undefined when absent or not a number. */
export function stated(printed: string | undefined, unit: StatedAmount["unit"] = "万元"): (StatedAmount & { unitless?: true }) | undefined {
  if (printed === undefined) return undefined;
  const t = printed.trim();
  const m = PRINTED.exec(t);
  if (!m) return undefined;
  const value = normalizeAmount((m[1] ?? "").replace(/\s/gu, ""));
  if (value === undefined) return undefined;
  const u = m[2] === undefined ? unit : m[2] === "％" ? "%" : (m[2] as StatedAmount["unit"]);
  return { printed: t, value, unit: u, ...(m[2] === undefined ? { unitless: true as const } : {}) };
}

export function decOf(a: Pick<StatedAmount, "value">): Dec {
  return parseDec(a.value) ?? { units: 0n, scale: 0 };
}

/** A computed amount in the unit of another (`implied` values). */
export function computed(d: Dec, unit: StatedAmount["unit"]): StatedAmount {
  const value = formatDec(d);
  return { printed: `${value}${unit}`, value, unit };
}

/** This year ∓ the change: last year's figure the text implies. */
export function impliedPrevious(current: StatedAmount, change: StatedAmount, direction: Direction): StatedAmount {
  const c = decOf(current);
  const x = decOf(change);
  return computed(direction === "decrease" ? add(c, x) : direction === "increase" ? sub(c, x) : c, current.unit);
}

const DECREASE = /减少|下降|降低/u;

export function directionOf(word: string | undefined): "increase" | "decrease" | undefined {
  if (word === undefined || word === "") return undefined;
  return DECREASE.test(word) ? "decrease" : "increase";
}

/** What a change compares with, from the words printed (`上年决算`, `2024年预算`, `2025年预算执行数`, `上年`). */
export function changeBase(text: string, reportYear?: number): StatementBase {
  const t = text.replace(/\s+/gu, "");
  const kind: BaseKind = /执行数/u.test(t) ? "previous-execution" : /决算/u.test(t) ? "previous-final" : /预算/u.test(t) ? "previous-budget" : "previous-year";
  return { kind, text: t, ...yearOf(t, reportYear) };
}

/** What an execution compares with: `年初预算`, `全年预算`, or a bare `预算数`. */
export function executionBase(which: string | undefined): StatementBase {
  const kind: BaseKind = which === "年初" ? "initial-budget" : which === "全年" ? "full-year-budget" : "budget";
  return { kind, text: `${which ?? ""}预算` };
}

function yearOf(t: string, reportYear: number | undefined): { year?: number } {
  const printed = /(\d{4})年/u.exec(t)?.[1];
  if (printed) return { year: Number(printed) };
  if (/^上(?:一)?年/u.test(t) && reportYear !== undefined) return { year: reportYear - 1 };
  return {};
}

/**
 * The words naming a figure without what dates or numbers them: `2024年度忻州市民政局预算收入总计` → `忻州市民政局预算收入总计`,
 * `其中：因公出国(境)费` → `因公出国(境)费`, `一般公共服务支出(类)` → `一般公共服务支出`.
 */
export function bareFigure(words: string): string {
  let t = words.replace(/\s+/gu, "");
  t = t.replace(/^(?:其中|主要包括|包括)[：:]?/u, "");
  t = t.replace(/^(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十\d]+[、.．])/u, "");
  const dated = /^(?:截至)?.*?\d{4}年(?:度)?/u.exec(t);
  if (dated && dated[0].length < t.length) t = t.slice(dated[0].length);
  t = t.replace(/[（(]类[)）]$/u, "").replace(/(?<=.)为$/u, "");
  return t;
}

/** A 类 / 款 / 项 a figure is printed with: `住房改革支出（02款）` → 款, `02`, `住房改革支出`. */
export interface ClassSegment {
  level: "类" | "款" | "项";
  name: string;
  /** Its code digits as printed (`02`), empty when only the level is (`（款）`). */
  digits: string;
}

const SEGMENT = /([^（(）)]+)[（(]\s*(\d*)\s*(类|款|项)[)）]/gu;

/**
 * The 类 / 款 / 项 of a figure's words, outermost first (`“一般公共服务支出（类）统计信息事务（款）统计管理（项）”`,
 * `住房保障支出（221类）住房改革支出（02款）购房补贴（03项）`), and the words after the last (`…（款）其他社会工作事务支出`).
 */
export function classSegments(words: string): { segments: ClassSegment[]; rest: string } {
  const text = words.replace(/[“”"]/gu, "");
  const segments: ClassSegment[] = [];
  let end = 0;
  for (const m of text.matchAll(SEGMENT)) {
    segments.push({ level: m[3] as ClassSegment["level"], name: (m[1] ?? "").trim(), digits: m[2] ?? "" });
    end = m.index + m[0].length;
  }
  return { segments, rest: text.slice(end).trim() };
}

/**
 * What a change's percentage divides, from the printed amounts: the change (or, where none is printed, |this year −
 * the printed base|) by the base value. Undefined when an amount is missing.
 */
export function changeRatio(s: Pick<ChangeStatement, "change" | "current" | "baseValue">): { part: Dec; base: Dec; printedChange: boolean } | undefined {
  if (!s.baseValue) return undefined;
  const base = decOf(s.baseValue);
  if (s.change) return { part: decOf(s.change), base, printedChange: true };
  if (!s.current || s.baseValue.implied) return undefined;
  return { part: abs(sub(decOf(s.current), base)), base, printedChange: false };
}

/** Words of an earlier amount compared with a statement's figure: `一般公共预算财政拨款决算支出` names `一般公共预算财政拨款支出`. */
export function sameFigure(a: string, b: string): boolean {
  const x = bareFigure(a).replace(/决算(?=支出)/u, "");
  const y = bareFigure(b).replace(/决算(?=支出)/u, "");
  return x !== "" && y !== "" && (x === y || x.endsWith(y) || y.endsWith(x));
}
