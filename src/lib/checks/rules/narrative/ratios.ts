/**
 * Changes and percentages in the text. A change from last year (`比上年增加1410.69万元`) needs last year's figure, which
 * this report does not print: it is listed as not verifiable — unless the text prints last year's figure too
 * (`比2024年预算40.72万元减少0.04万元`). Its percentage (`增长20.59%`) is checkable all the same: last year is this
 * year ∓ the change, so the percentage is change ÷ (this year ∓ change). A share (`占比9.03%`) is the part ÷ the whole
 * the sentence lists it under; a completion rate (`完成年初预算的227.03%`) is the actual ÷ the budget it names.
 */
import { groupDigits } from "../../../format.ts";
import type { Report } from "../../../model.ts";
import { type Cell, tableName } from "../../cells.ts";
import { add, compare, type Dec, formatDec, halfUnit, percent, sub } from "../../../decimal.ts";
import type { CheckResult } from "../../types.ts";
import { differenceOf, inMentionUnit, mentionDec, mentionPlace, mentionPointer, phraseOf } from "./amount.ts";
import { figureOf, locate } from "./figures.ts";
import { budgetOf } from "./keyed.ts";
import type { Mention } from "./mentions.ts";
import { checkPercent } from "./percent.ts";

const isAmount = (m: Mention) => m.unit !== "%";
const amount = (m: Mention) => `${groupDigits(m.value)}${m.unit}`;

/** A candidate whole (or this year's figure): a quoted amount, or a table figure. */
interface Base {
  value: Dec;
  error: Dec;
  label: string;
  mention?: Mention;
  cells: Cell[];
}

const fromMention = (m: Mention): Base => ({ value: mentionDec(m), error: halfUnit(mentionDec(m)), label: `“${m.key || m.clause}”${amount(m)}`, mention: m, cells: [] });

function uniq(list: (Mention | undefined)[]): Mention[] {
  const out: Mention[] = [];
  for (const m of list) if (m && !out.includes(m)) out.push(m);
  return out;
}

/** Level amounts quoted before `m` in its paragraph, nearest first. */
function levelsBefore(all: Mention[], m: Mention): Mention[] {
  return all.filter((x) => x.paragraph === m.paragraph && x.index < m.index && x.role === "level" && isAmount(x)).reverse();
}

/** The words of a change without its comparison (`较上年决算` → ``; `收入总计` stays). */
function changeKey(key: string): string {
  return key.replace(/^(?:与上年相比|比|较|与|同)(?:上年度?|上一年|\d{4}年度?)?(?:相比)?(?:决算|预算)?数?/u, "");
}

/** A percentage's result, placed by the words it is printed with (`基本支出281.81万元，占比9.03%`). */
function percentResult(id: string, m: Mention, status: CheckResult["status"], cells: CheckResult["cells"], extra: Partial<CheckResult>, part?: Mention): CheckResult {
  const name = part ? `${phraseOf(part)}，${phraseOf(m)}` : phraseOf(m);
  return { check: id, status, place: mentionPlace(m, name), table: 0, cells: [mentionPointer(m), ...cells], ...extra };
}

/** Tries each candidate whole in order: the first that gives the printed percentage passes; else the first fails. */
function judge(id: string, m: Mention, part: Mention, partValue: Dec, partError: Dec, bases: Base[], describe: (b: Base) => string): CheckResult {
  const printed = mentionDec(m);
  const partPointer = mentionPointer(part);
  let first: { base: Base; expected?: Dec } | undefined;
  for (const base of bases) {
    const check = checkPercent(partValue, base.value, printed, partError, base.error);
    if (check.status === "undefined") continue;
    const cells = [partPointer, ...(base.mention ? [mentionPointer(base.mention)] : []), ...base.cells];
    if (check.status !== "wrong") {
      const expected = check.expected ?? printed;
      return percentResult(id, m, "pass", cells, {
        expected: `${formatDec(expected)}%`,
        found: `${m.value}%`,
        difference: formatDec(sub(printed, expected)),
        note: check.status === "zero" ? "分子为0" : `${describe(base)}${check.status === "rounding" ? "；按文中金额四舍五入后略有出入，在金额尾数误差范围内" : ""}`,
      }, part);
    }
    first ??= { base, ...(check.expected ? { expected: check.expected } : {}) };
  }
  if (!first) return percentResult(id, m, "na", [partPointer], { found: `${m.value}%`, note: "未能与表格核对：找不到此百分比的分母" }, part);
  const expected = first.expected ?? printed;
  return percentResult(id, m, "fail", [partPointer, ...(first.base.mention ? [mentionPointer(first.base.mention)] : []), ...first.base.cells], {
    expected: `${formatDec(expected)}%`,
    found: `${m.value}%`,
    difference: formatDec(sub(printed, expected)),
    note: failNote(describe(first.base), percent(partValue, first.base.value, Math.max(2, printed.scale)) ?? expected, expected),
  }, part);
}

function failNote(how: string, precise: Dec, expected: Dec): string {
  return precise.scale === expected.scale ? `${how} = ${formatDec(precise)}%` : `${how} = ${formatDec(precise)}%，按文中的小数位应为${formatDec(expected)}%`;
}

/** `增长Y%` after `增加X万元`: Y = X ÷ (this year − X); `下降Y%` after `减少X万元`: Y = X ÷ (this year + X). */
function changePercent(id: string, all: Mention[], m: Mention): CheckResult {
  const change = all.filter((x) => x.paragraph === m.paragraph && x.sentence === m.sentence && x.index < m.index && x.role === "change" && isAmount(x)).pop();
  if (!change) return percentResult(id, m, "na", [], { found: `${m.value}%`, note: "文中未给出增减额，上年数不在本报告中，无法核对" });
  const x = mentionDec(change);
  const previous = all.find((p) => p.paragraph === change.paragraph && p.index === change.index - 1 && p.role === "previous");
  if (previous) {
    const base = fromMention(previous);
    return judge(id, m, change, x, halfUnit(x), [base], (b) => `${amount(change)} ÷ 上年${groupDigits(formatDec(b.value))}${change.unit}`);
  }
  const key = changeKey(change.key);
  const before = levelsBefore(all, change);
  const sentenceFirst = all.find((p) => p.paragraph === change.paragraph && p.sentence === change.sentence && p.role === "level" && isAmount(p) && p.index < change.index);
  const candidates = uniq([
    ...(key ? before.filter((p) => p.key.endsWith(key) || key.endsWith(p.key)) : []),
    ...(/决算/u.test(change.key) ? before.filter((p) => /决算/u.test(p.key)) : []),
    ...(/预算/u.test(change.key) ? before.filter((p) => /预算/u.test(p.key)) : []),
    sentenceFirst,
    ...before,
  ]);
  const sign = change.direction === "decrease" ? 1 : -1;
  const bases: Base[] = candidates.map((c) => {
    const current = mentionDec(c);
    return { value: sign > 0 ? add(current, x) : sub(current, x), error: add(halfUnit(current), halfUnit(x)), label: `“${c.key}”${amount(c)}`, mention: c, cells: [] };
  });
  return judge(id, m, change, x, halfUnit(x), bases, (b) => {
    const c = b.mention as Mention;
    return `上年数 = ${groupDigits(c.value)} ${sign > 0 ? "+" : "−"} ${groupDigits(change.value)} = ${groupDigits(formatDec(b.value))}${c.unit}；${amount(change)} ÷ ${groupDigits(formatDec(b.value))}${c.unit}`;
  });
}

/** A change amount: checkable only when the text prints last year's figure. */
function changeAmount(id: string, all: Mention[], m: Mention): CheckResult {
  const previous = all.find((p) => p.paragraph === m.paragraph && p.index === m.index - 1 && p.role === "previous");
  const current = previous ? levelsBefore(all, previous)[0] : undefined;
  if (!previous || !current) return { check: id, status: "na", place: mentionPlace(m, phraseOf(m)), table: 0, cells: [mentionPointer(m)], found: m.value, note: "上年数不在本报告中，无法核对增减额" };
  const diff = sub(mentionDec(current), mentionDec(previous));
  const expected = m.direction === "decrease" ? { units: -diff.units, scale: diff.scale } : diff;
  const found = mentionDec(m);
  const ok = compare(expected, found) === 0;
  return {
    check: id,
    status: ok ? "pass" : "fail",
    place: mentionPlace(m, phraseOf(m)),
    table: 0,
    cells: [mentionPointer(m), mentionPointer(current), mentionPointer(previous)],
    expected: formatDec(expected),
    found: m.value,
    difference: differenceOf(found, expected),
    tolerance: formatDec({ units: 0n, scale: 0 }, found.scale),
    note: `${groupDigits(current.value)} − ${groupDigits(previous.value)}（文中所列上年数）`,
  };
}

/** `narrative.changes`: every change from last year quoted in the text. */
export function checkChanges(id: string, all: Mention[]): CheckResult[] {
  return all.filter((m) => m.role === "change").map((m) => (isAmount(m) ? changeAmount(id, all, m) : changePercent(id, all, m)));
}

const LIST_LEAD = /^[\s，,：:]*(?:其中|主要包括|主要用于|包括)/u;

/** The whole a share is of: named (`占本年支出合计的`) or the total the list is under (`收入合计3,119.54万元，其中：`). */
function shareBases(report: Report, all: Mention[], m: Mention, part: Mention): Base[] {
  const named = /占(.+?)的?$/u.exec(m.clause)?.[1]?.replace(/的$/u, "");
  if (named && named !== "比") {
    const bases: Base[] = [];
    const spec = figureOf(report.meta.kind, { key: named, headings: m.headings, sentenceText: m.sentenceText });
    if (spec) {
      const loc = locate(report, spec.cells);
      if (loc.state === "present") {
        const values = loc.cells.map((c) => inMentionUnit(c.value, loc.unit, part));
        if (values.every((v) => v !== undefined)) {
          const value = (values as Dec[]).reduce(add);
          bases.push({ value, error: halfUnit(value), label: `${tableName(report, loc.cells[0]?.table ?? 0)}${spec.name}`, cells: loc.cells });
        }
      }
    }
    const stem = named.replace(/^部门[（(]单位[)）]/u, "").replace(/(?:总额|总数|合计|总计)$/u, "");
    const earlier = all.filter((x) => x !== part && x.role === "level" && isAmount(x) && (x.paragraph < m.paragraph || (x.paragraph === m.paragraph && x.index < m.index))).reverse();
    bases.push(...earlier.filter((x) => stem !== "" && (x.key.endsWith(stem) || x.key.includes(named))).map(fromMention));
    return bases;
  }
  const sectionBefore = all.filter((x) => x.section === m.section && x.role === "level" && isAmount(x) && x !== part && (x.paragraph < m.paragraph || (x.paragraph === m.paragraph && x.index < part.index))).reverse();
  const lead = sectionBefore.find((x) => LIST_LEAD.test(x.after));
  const paragraphFirst = sectionBefore.filter((x) => x.paragraph === m.paragraph).pop();
  const sectionFirst = sectionBefore[sectionBefore.length - 1];
  return uniq([lead, paragraphFirst, sectionFirst]).map(fromMention);
}

/** `narrative.percentages`: shares and completion rates quoted in the text. */
export function checkPercentages(report: Report, id: string, all: Mention[]): CheckResult[] {
  return all
    .filter((m) => m.role === "share" || m.role === "completion" || m.role === "percent")
    .map((m) => {
      const part = all.filter((x) => x.paragraph === m.paragraph && x.sentence === m.sentence && x.index < m.index && x.role === "level" && isAmount(x)).pop();
      if (m.role === "percent" || !part) return percentResult(id, m, "na", part ? [mentionPointer(part)] : [], { found: `${m.value}%`, note: "未能与表格核对：文中未说明此百分比由哪两个数计算" }, part);
      const value = mentionDec(part);
      if (m.role === "share") {
        return judge(id, m, part, value, halfUnit(value), shareBases(report, all, m, part), (b) => `${amount(part)} ÷ ${b.mention ? b.label : `${b.label}${groupDigits(formatDec(b.value))}${part.unit}`}`);
      }
      const budgets = levelsBefore(all, part).filter((x) => x.sentence === part.sentence && /预算/u.test(x.key)).map(fromMention);
      const table = budgetOf(report, part);
      if (table) budgets.push({ value: table.value, error: halfUnit(table.value), label: `${tableName(report, table.cells[0]?.table ?? 0)}预算数`, cells: table.cells });
      return judge(id, m, part, value, halfUnit(value), budgets, (b) => `${amount(part)} ÷ ${b.mention ? b.label : `${b.label}${groupDigits(formatDec(b.value))}${part.unit}`}`);
    });
}
