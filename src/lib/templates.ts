/**
 * The national templates of the standard tables. Tables are recognised by their titles (the number labels such as
 * `公开01表` or `预算公开表2` are often missing or split across lines), so each template lists what its title must
 * contain and must not contain.
 */
import type { ReportKind } from "./model.ts";

export interface TableTemplate {
  kind: ReportKind;
  no: number;
  /** The template's name without year. */
  name: string;
  /** A normalised title (spaces, year and the `（不含上年结转）` suffix removed) must match. */
  title: RegExp;
  /** The first cell of the first body row, where neither amounts nor codes can tell it from the header. */
  firstRow?: RegExp;
}

const t = (kind: ReportKind, no: number, name: string, title: RegExp, firstRow?: RegExp): TableTemplate => ({
  kind,
  no,
  name,
  title,
  ...(firstRow ? { firstRow } : {}),
});

export const TEMPLATES: readonly TableTemplate[] = [
  t("final", 1, "收入支出决算总表", /^收入支出决算总表$/u),
  t("final", 2, "收入决算表", /^收入决算表$/u),
  t("final", 3, "支出决算表", /^支出决算表$/u),
  t("final", 4, "财政拨款收入支出决算总表", /^财政拨款收入支出决算总表$/u),
  t("final", 5, "一般公共预算财政拨款支出决算表", /^一般公共预算财政拨款支出决算表$/u),
  t("final", 6, "一般公共预算财政拨款基本支出决算明细表", /^一般公共预算财政拨款基本支出决算(明细)?表$/u),
  t("final", 7, "政府性基金预算财政拨款收入支出决算表", /^政府性基金预算财政拨款收入支出决算表$/u),
  t("final", 8, "国有资本经营预算财政拨款支出决算表", /^国有资本经营预算财政拨款(收入)?支出决算表$/u),
  t("final", 9, "财政拨款“三公”经费支出决算表", /^财政拨款三公经费支出决算表$/u),
  t("final", 10, "部门决算公开相关信息统计表", /^(部门|单位)?决算公开相关信息统计表$/u),
  t("budget", 1, "预算收支总表", /^(部门)?预算收支总表$/u),
  t("budget", 2, "预算收入总表", /^(部门)?预算收入总表$/u),
  t("budget", 3, "预算支出总表", /^(部门)?预算支出总表$/u),
  t("budget", 4, "财政拨款收支总表", /^财政拨款收支总表$/u),
  t("budget", 5, "一般公共预算支出预算表", /^一般公共预算支出(预算)?表$/u),
  t("budget", 6, "一般公共预算安排基本支出分经济科目表", /^一般公共预算(安排)?基本支出(分经济科目)?(预算)?表$/u),
  t("budget", 7, "政府性基金预算收入表", /^政府性基金预算收入(预算)?表$/u),
  t("budget", 8, "政府性基金预算支出表", /^政府性基金预算支出(预算)?表$/u),
  t("budget", 9, "国有资本经营预算收支预算表", /^国有资本经营预算(收支|支出)(预算)?表$/u),
  t("budget", 10, "财政拨款安排“三公”经费支出预算表", /^(财政拨款(安排)?)?三公经费支出(预算)?表$/u, /^(?:因公出国|公务接待|公务用车)/u),
  t("budget", 11, "财政拨款安排机关运行经费预算表", /^(财政拨款(安排)?)?机关运行经费(支出)?(预算)?表$/u),
  t("budget", 12, "项目支出预算表（本年预算）", /^项目支出预算表[（(]本年预算[）)]$/u),
  t("budget", 13, "项目支出预算表（上年结转）", /^项目支出预算表[（(]上年结转[）)]$/u),
];

export function templatesFor(kind: ReportKind): TableTemplate[] {
  return TEMPLATES.filter((tpl) => tpl.kind === kind);
}

export function template(kind: ReportKind, no: number): TableTemplate {
  const found = TEMPLATES.find((tpl) => tpl.kind === kind && tpl.no === no);
  if (!found) throw new Error(`no ${kind} table number ${no}`);
  return found;
}

/** Reduces a title line to the form the templates match: markdown, spaces, year, numbering and suffixes removed. */
export function titleKey(text: string): string {
  return text
    .replace(/^\s*#+\s*/u, "")
    .replace(/\s+/gu, "")
    .replace(/^(?:表[一二三四五六七八九十]+|[一二三四五六七八九十]+、)/u, "")
    .replace(/^\d{4}年(?:度)?/u, "")
    .replace(/[（(]不含上年结转[)）]$/u, "")
    .replace(/["“”]/gu, "");
}

/** Recognises a table title line; returns the matching template for the report kind. */
export function matchTitle(kind: ReportKind, text: string): TableTemplate | undefined {
  const key = titleKey(text);
  return templatesFor(kind).find((tpl) => tpl.title.test(key));
}

const CHINESE_NUMERALS = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三"];

/**
 * Recognises a table number label line: `公开01表`, `公开02` (its `表` on a later line), `预算公开表1`, `部门公开表9`,
 * `表一`. Returns the number and whether the label is complete.
 */
export function matchLabel(text: string): { no: number; label: string } | undefined {
  const s = text.replace(/^\s*#+\s*/u, "").replace(/\s+/gu, "");
  let m = /^公开(\d{1,2})表?$/u.exec(s);
  if (m) return { no: Number(m[1]), label: s };
  m = /^(?:部门|预算)?(?:公开)?表(\d{1,2})$/u.exec(s);
  if (m && /公开/u.test(s)) return { no: Number(m[1]), label: s };
  m = /^表([一二三四五六七八九十]{1,3})$/u.exec(s);
  if (m) {
    const no = CHINESE_NUMERALS.indexOf(m[1] ?? "");
    if (no > 0) return { no, label: s };
  }
  return undefined;
}
