/**
 * Checks of what the statements imply: last year's figure (this year ∓ the change, never below zero; equal to the
 * printed one where the text prints it), the percentage (change ÷ last year, at the printed decimals, allowing the
 * rounding of the printed amounts), the rate of execution (决算 ÷ 预算), and the 类 changes (and the “三公” items)
 * adding up to the total change. A failure is a finding about the source, never a reason to change a number.
 */
import { bodyRows, codeOf, labelOf, presentTable } from "../checks/cells.ts";
import { inMentionUnit } from "../checks/rules/narrative/amount.ts";
import { checkPercent } from "../checks/rules/narrative/percent.ts";
import { type CellPointer, type CheckResult, TEMPLATE_BASIS } from "../checks/types.ts";
import { abs, add, compare, type Dec, formatDec, halfUnit, neg, percent, sub, sum, tolerance, ZERO } from "../decimal.ts";
import { groupDigits } from "../format.ts";
import type { Report } from "../model.ts";
import { changeRatio, decOf } from "./amounts.ts";
import type { ChangeStatement, StatedAmount } from "./types.ts";

/** The rules' metadata, for the check list (`run` is `changeChecks` filtered by id). */
export const CHANGE_RULES = [
  { id: "changes.previous", title: "文中的上年数与本年数、增减额相符", basis: `${TEMPLATE_BASIS}：上年数 = 本年数 ∓ 增减额`, reads: "情况说明中“比上年增加/减少…”及其本年数、文中所列的上年数或预算执行数——只读 narrative.changes 够不着的句子：未写增减额的（上海模板各项“当年预算执行数为…，预算安排…，比…增加…%”）和被换行截成两行的" },
  { id: "changes.percentage", title: "文中的增减幅度等于增减额除以上年数", basis: `${TEMPLATE_BASIS}：增减幅度 = 增减额 ÷ 上年数`, reads: "情况说明中“增长/下降…%”及其增减额、本年数、上年数——只读 narrative.percentages 够不着的句子（同上）" },
  { id: "changes.rate", title: "文中的预算完成率等于决算数除以预算数", basis: `${TEMPLATE_BASIS}：完成率 = 决算数 ÷ 预算数`, reads: "情况说明中“完成年初（全年）预算的…%”及其年初预算、全年预算、支出决算；“三公”经费表的预算数" },
  { id: "changes.implied-previous", title: "由本年数和增减额推出的上年数不为负", basis: `${TEMPLATE_BASIS}：上年数 = 本年数 ∓ 增减额，不可能小于零`, reads: "情况说明中“比上年增加/减少…万元”而未写上年数的句子，及其本年数" },
  { id: "changes.sum-of-classes", title: "各类支出的增减额之和等于总的增减额", basis: `${TEMPLATE_BASIS}：一般公共预算支出 = 各类支出之和，其增减额亦然`, reads: "情况说明中一般公共预算财政拨款支出的增减额与各类（功能分类）支出的增减额；一般公共预算支出表的类级科目" },
  { id: "changes.sum-of-items", title: "“三公”经费各项的增减额之和等于总的增减额", basis: `${TEMPLATE_BASIS}：“三公”经费 = 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费`, reads: "情况说明中“三公”经费及其各项与上年相比的增减" },
] as const;

const pct = (a: StatedAmount) => `${a.value}%`;
const amt = (a: StatedAmount) => `${groupDigits(a.value)}${a.unit}`;
const fmt = (d: Dec, unit: string) => `${groupDigits(formatDec(d))}${unit}`;

/** The pointer to an amount of a statement: table 0, its source line, the words it is printed in. */
function pointer(s: ChangeStatement, a: StatedAmount): CellPointer {
  return { table: 0, line: s.line, column: "", columnLabel: "情况说明", row: s.text.replace(/\s+/gu, ""), value: a.unit === "%" ? pct(a) : a.value };
}

function place(s: ChangeStatement, what?: string): string {
  return ["情况说明", s.headings[s.headings.length - 1], what ?? s.figure].filter((x) => x !== undefined && x !== "").join(" · ");
}

function result(id: string, s: ChangeStatement, status: CheckResult["status"], cells: CellPointer[], extra: Partial<CheckResult>, what?: string): CheckResult {
  return { check: id, status, place: place(s, what), table: 0, cells, ...extra };
}

/** The signed change: + for an increase, − for a decrease, 0 unchanged; undefined when no amount is printed. */
function signed(s: ChangeStatement): Dec | undefined {
  if (s.direction === "unchanged") return ZERO;
  if (!s.change) return undefined;
  return s.direction === "decrease" ? neg(decOf(s.change)) : decOf(s.change);
}

const word = (d: Dec) => (d.units < 0n ? "减少" : d.units > 0n ? "增加" : "持平");
/** `社会保障和就业支出减少3,146.70`, `因公出国（境）费持平`. */
const named = (figure: string, d: Dec) => `${figure}${word(d)}${d.units === 0n ? "" : groupDigits(formatDec(abs(d)))}`;

function checkPrevious(id: string, s: ChangeStatement): CheckResult | undefined {
  if (s.kind !== "change" || (s.direction !== "increase" && s.direction !== "decrease")) return undefined;
  const cells = [s.current, s.change, s.baseValue && !s.baseValue.implied ? s.baseValue : undefined].filter((a): a is StatedAmount => a !== undefined).map((a) => pointer(s, a));
  if (!s.current) return result(id, s, "na", cells, { note: "文中未写出本年数，无法推算上年数" });
  const current = decOf(s.current);
  const unit = s.current.unit;
  if (s.baseValue && !s.baseValue.implied) {
    const previous = decOf(s.baseValue);
    const diff = sub(current, previous);
    const how = `${groupDigits(s.current.value)} − ${groupDigits(s.baseValue.value)}（文中所列${s.base.text}数）= ${groupDigits(formatDec(diff))}${unit}`;
    if (s.change) {
      const expected = s.direction === "decrease" ? neg(decOf(s.change)) : decOf(s.change);
      const scale = Math.max(current.scale, previous.scale, expected.scale);
      const tol = tolerance(3, scale);
      const off = sub(diff, expected);
      const exact = off.units === 0n;
      return result(id, s, compare(abs(off), tol) <= 0 ? "pass" : "fail", cells, {
        expected: formatDec(abs(diff), scale),
        found: s.change.value,
        difference: formatDec(sub(abs(expected), abs(diff)), scale),
        tolerance: formatDec(tol),
        note: `${how}${exact ? "" : compare(abs(off), tol) <= 0 ? "；在金额尾数误差范围内" : `，文中写作${s.direction === "decrease" ? "减少" : "增加"}${amt(s.change)}`}`,
      });
    }
    const ok = (diff.units > 0n && s.direction === "increase") || (diff.units < 0n && s.direction === "decrease");
    return result(id, s, ok ? "pass" : "fail", cells, { expected: word(diff), found: s.direction === "decrease" ? "减少" : "增加", note: ok ? how : `${how}，应为${word(diff)}，文中写作${s.direction === "decrease" ? "减少" : "增加"}` });
  }
  if (!s.change || !s.baseValue) return result(id, s, "na", cells, { note: "文中未给出增减额，无法推算上年数" });
  const previous = decOf(s.baseValue);
  const how = `上年数 = ${groupDigits(s.current.value)} ${s.direction === "decrease" ? "+" : "−"} ${groupDigits(s.change.value)} = ${fmt(previous, unit)}（文中未列上年数，由本年数与增减额推算）`;
  if (previous.units < 0n) return result(id, s, "fail", cells, { expected: "≥ 0", found: formatDec(previous), note: `${how}，为负数：减少额不可能大于上年数，增加额不可能大于本年数` });
  return result(id, s, "pass", cells, { expected: formatDec(previous), found: formatDec(previous), note: how });
}

function checkPercentage(id: string, s: ChangeStatement): CheckResult | undefined {
  if (s.kind !== "change" || !s.percent || s.direction === "unchanged") return undefined;
  const printed = decOf(s.percent);
  const cells = [s.percent, s.change, s.current, s.baseValue && !s.baseValue.implied ? s.baseValue : undefined].filter((a): a is StatedAmount => a !== undefined).map((a) => pointer(s, a));
  const what = `${s.figure}，${s.percentDirection === "decrease" || (!s.percentDirection && s.direction === "decrease") ? "下降" : "增长"}${pct(s.percent)}`;
  const placeholder = /占位/u.test(s.note ?? "") ? "；幅度前的“下降(增长)”保留了模板的占位写法" : "";
  if (s.percentDirection && s.direction && s.percentDirection !== s.direction && !placeholder) {
    return result(id, s, "fail", cells, { expected: s.direction === "decrease" ? "下降" : "增长", found: s.percentDirection === "decrease" ? "下降" : "增长", note: "增减额与增减幅度的方向不一致" }, what);
  }
  const ratio = changeRatio(s);
  if (!s.current || !s.baseValue || !ratio) return result(id, s, "na", cells, { found: pct(s.percent), note: "文中未给出本年数或上年数，无法核对" }, what);
  const { part, base } = ratio;
  const current = decOf(s.current);
  // How far the printed amounts may be from the true ones (half a unit of their last printed digit).
  let partError: Dec;
  let baseError: Dec;
  let how: string;
  if (s.change) {
    partError = halfUnit(part);
    baseError = s.baseValue.implied ? add(halfUnit(current), halfUnit(part)) : halfUnit(base);
    how = `${amt(s.change)} ÷ ${s.baseValue.implied ? `上年${fmt(base, s.current.unit)}（${groupDigits(s.current.value)} ${s.direction === "decrease" ? "+" : "−"} ${groupDigits(s.change.value)}）` : `${s.base.text}${amt(s.baseValue)}`}`;
  } else {
    partError = add(halfUnit(current), halfUnit(base));
    baseError = halfUnit(base);
    how = `（${groupDigits(s.current.value)} − ${groupDigits(s.baseValue.value)}）÷ ${s.base.text}${amt(s.baseValue)}`;
  }
  if (base.units <= 0n) return result(id, s, "na", cells, { found: pct(s.percent), note: `上年数为${formatDec(base)}，增减幅度无从计算${placeholder}` }, what);
  const check = checkPercent(part, base, printed, partError, baseError);
  if (check.status === "undefined") return result(id, s, "na", cells, { found: pct(s.percent), note: `无法计算：${how}` }, what);
  const expected = check.expected ?? printed;
  const numbers = { expected: `${formatDec(expected)}%`, found: pct(s.percent), difference: formatDec(sub(printed, expected)) };
  if (check.status === "wrong") {
    const precise = percent(part, base, Math.max(2, printed.scale)) ?? expected;
    return result(id, s, "fail", cells, { ...numbers, note: `${how} = ${formatDec(precise)}%${precise.scale === expected.scale ? "" : `，按文中的小数位应为${formatDec(expected)}%`}${placeholder}` }, what);
  }
  return result(id, s, "pass", cells, { ...numbers, note: `${check.status === "zero" ? "增减额为0" : how}${check.status === "rounding" ? "；按文中金额四舍五入后略有出入，在金额尾数误差范围内" : ""}${placeholder}` }, what);
}

function checkRate(id: string, report: Report, s: ChangeStatement): CheckResult | undefined {
  if (s.kind !== "execution" || !s.percent) return undefined;
  const what = `${s.figure}，完成${s.base.text}的${pct(s.percent)}`;
  const cells = [s.percent, s.current, s.baseValue].filter((a): a is StatedAmount => a !== undefined).map((a) => pointer(s, a));
  if (!s.current) return result(id, s, "na", cells, { found: pct(s.percent), note: "文中未写出决算数" }, what);
  let budget: Dec | undefined;
  let label: string;
  if (s.baseValue) {
    budget = decOf(s.baseValue);
    label = `${s.base.text}${amt(s.baseValue)}`;
  } else if (s.baseCell) {
    const unit = presentTable(report, s.baseCell.table)?.unit ?? report.meta.unit;
    const v = inMentionUnit(s.baseCell.value, unit, s.current);
    budget = v;
    label = `表中预算数${s.baseCell.value === "" ? "（空白，即0）" : `${groupDigits(s.baseCell.value)}${s.current.unit}`}`;
    cells.push({ ...s.baseCell });
  } else label = "";
  if (budget === undefined) return result(id, s, "na", cells, { found: pct(s.percent), note: "文中未写预算数，表中也找不到" }, what);
  const printed = decOf(s.percent);
  const actual = decOf(s.current);
  if (actual.units === 0n && printed.units === 0n) return result(id, s, "pass", cells, { expected: pct(s.percent), found: pct(s.percent), difference: "0", note: budget.units === 0n ? `决算数与预算数均为0（${label}），写作0%` : `决算数为0，完成率为0%（${label}）` }, what);
  if (budget.units <= 0n) return result(id, s, "fail", cells, { found: pct(s.percent), note: `${label}，完成率无从计算，文中却写作${pct(s.percent)}` }, what);
  const check = checkPercent(actual, budget, printed);
  const expected = check.expected ?? printed;
  const how = `${amt(s.current)} ÷ ${label}`;
  const numbers = { expected: `${formatDec(expected)}%`, found: pct(s.percent), difference: formatDec(sub(printed, expected)) };
  if (check.status === "wrong" || check.status === "undefined") {
    const precise = percent(actual, budget, Math.max(2, printed.scale)) ?? expected;
    return result(id, s, "fail", cells, { ...numbers, note: `${how} = ${formatDec(precise)}%` }, what);
  }
  return result(id, s, "pass", cells, { ...numbers, note: `${how}${check.status === "rounding" ? "；按文中金额四舍五入后略有出入，在金额尾数误差范围内" : ""}` }, what);
}

const TOTAL_OF_CLASSES = /^一般公共预算(?:财政拨款|当年)支出$/u;

/** The 类 changes against the total change (一般公共预算财政拨款支出), where the text gives both. */
function checkClasses(id: string, report: Report, list: readonly ChangeStatement[]): CheckResult[] {
  const changes = list.filter((s) => s.kind === "change");
  const total = changes.find((s) => TOTAL_OF_CLASSES.test(s.figure));
  const classes = changes.filter((s) => s.code?.length === 3);
  if (!total || classes.length === 0) return [];
  const t = signed(total);
  const parts = classes.map((s) => ({ s, d: signed(s) }));
  const cells = [total, ...classes].flatMap((s) => (s.change ? [pointer(s, s.change)] : s.current ? [pointer(s, s.current)] : []));
  const what = "各类支出增减额之和";
  if (!t || parts.some((p) => p.d === undefined)) return [result(id, total, "na", cells, { note: "文中未写出全部增减额，无法核对" }, what)];
  const unit = total.change?.unit ?? total.current?.unit ?? "万元";
  const s = sum(parts.map((p) => p.d as Dec));
  const listed = parts.map((p) => named(p.s.figure, p.d as Dec)).join("，");
  // 类 of the table the text gives no change for.
  const table = presentTable(report, 5);
  const stated = new Set(classes.map((c) => c.code));
  const missing = table
    ? bodyRows(table).flatMap((r) => {
        const code = codeOf(table, r);
        if (code.length !== 3 || stated.has(code)) return [];
        const index = table.columns.findIndex((c) => c.role === "value");
        const value = inMentionUnit(r.cells[index] ?? "", table.unit ?? report.meta.unit, { unit: unit as StatedAmount["unit"], value: "0" });
        return [{ code, label: labelOf(table, r), value: value ?? ZERO }];
      })
    : [];
  const scale = Math.max(t.scale, s.scale);
  const numbers = { expected: formatDec(t, scale), found: formatDec(s, scale), difference: formatDec(sub(s, t), scale) };
  if (missing.length === 0) {
    const tol = tolerance(parts.length + 1, scale);
    const ok = compare(abs(sub(s, t)), tol) <= 0;
    return [result(id, total, ok ? "pass" : "fail", cells, { ...numbers, tolerance: formatDec(tol), note: `${listed}，合计${word(s)}${fmt(abs(s), unit)}；总额${word(t)}${fmt(abs(t), unit)}${ok ? "" : "，两者不符"}` }, what)];
  }
  const needed = sub(t, s);
  const room = sum(missing.map((m) => m.value));
  const names = missing.map((m) => `${m.code} ${m.label}`).join("、");
  if (compare(needed, room) > 0) {
    return [
      result(id, total, "fail", cells, {
        ...numbers,
        note: `${listed}，合计${word(s)}${fmt(abs(s), unit)}；总额却${word(t)}${fmt(abs(t), unit)}。文中未说明增减的${names}本年仅${fmt(room, unit)}，至多增加${fmt(room, unit)}，补不上${fmt(needed, unit)}的差额：各类增减与总额矛盾`,
      }, what),
    ];
  }
  return [result(id, total, "na", cells, { ...numbers, note: `文中未给出${names}的增减额（按总额应为${word(needed)}${fmt(abs(needed), unit)}），无法核对` }, what)];
}

/** The “三公” items against the “三公” total (购置及运行维护费 as printed, else its two parts). */
function checkItems(id: string, list: readonly ChangeStatement[]): CheckResult[] {
  const changes = list.filter((s) => s.kind === "change");
  const total = changes.find((s) => s.figure === "“三公”经费");
  if (!total) return [];
  const find = (name: string) => changes.find((s) => s.figure === name);
  const car = find("公务用车购置及运行维护费");
  const items = [find("因公出国（境）费"), ...(car ? [car] : [find("公务用车购置费"), find("公务用车运行维护费")]), find("公务接待费")];
  const present = items.filter((s): s is ChangeStatement => s !== undefined);
  const cells = [total, ...present].flatMap((s) => (s.change ? [pointer(s, s.change)] : s.current ? [pointer(s, s.current)] : []));
  const what = "“三公”经费各项增减额之和";
  const t = signed(total);
  const ds = present.map(signed);
  if (present.length < items.length || !t || ds.some((d) => d === undefined)) return [result(id, total, "na", cells, { note: "文中未写出各项的全部增减额，无法核对" }, what)];
  const s = sum(ds as Dec[]);
  const scale = Math.max(t.scale, s.scale);
  const tol = tolerance(present.length + 1, scale);
  const ok = compare(abs(sub(s, t)), tol) <= 0;
  const unit = total.change?.unit ?? total.current?.unit ?? "万元";
  const listed = present.map((p, i) => named(p.figure, ds[i] as Dec)).join("，");
  const total$ = (d: Dec) => `${word(d)}${d.units === 0n ? "" : fmt(abs(d), unit)}`;
  return [result(id, total, ok ? "pass" : "fail", cells, { expected: formatDec(t, scale), found: formatDec(s, scale), difference: formatDec(sub(s, t), scale), tolerance: formatDec(tol), note: `${listed}，合计${total$(s)}；总额${total$(t)}${ok ? "" : "，两者不符"}` }, what)];
}

/**
 * `changes.implied-previous`: the previous-year figure each statement implies without printing it (this year ∓ the
 * change) is not below zero — a statement that says “0万元，比上年增加1,421.25万元” contradicts itself. (Where the text
 * prints the previous figure, narrative.changes checks the amounts instead.)
 */
export function impliedPreviousChecks(id: string, statements: readonly ChangeStatement[]): CheckResult[] {
  return statements.filter((s) => s.baseValue?.implied && (s.direction === "increase" || s.direction === "decrease")).flatMap((s) => checkPrevious(id, s) ?? []);
}

/**
 * The statements the narrative checks cannot reach, checked here: those that print no change amount (the Shanghai
 * item lines give last year's 执行数 and this year's 预算安排 with a percentage: `当年预算执行数为241.76万元，2026年
 * 预算安排170.03万元，比2025年预算执行数增加21.74%`) and those a line break cut in two (narrative.changes and
 * narrative.percentages read one source line at a time). Their direction against the printed previous figure
 * (changes.previous) and their percentage (changes.percentage).
 */
export function beyondNarrativeChecks(id: "changes.previous" | "changes.percentage", statements: readonly ChangeStatement[]): CheckResult[] {
  const beyond = statements.filter((s) => s.kind === "change" && (!s.change || (s.lines?.length ?? 1) > 1));
  if (id === "changes.previous") return beyond.filter((s) => s.baseValue && !s.baseValue.implied).flatMap((s) => checkPrevious(id, s) ?? []);
  return beyond.flatMap((s) => checkPercentage(id, s) ?? []);
}

/** The sums: the 类 changes against the total (changes.sum-of-classes), the “三公” items against theirs (changes.sum-of-items). */
export function sumChecks(report: Report, statements: readonly ChangeStatement[]): CheckResult[] {
  return [...checkClasses("changes.sum-of-classes", report, statements), ...checkItems("changes.sum-of-items", statements)];
}

/** Every check of the statements (`changes.*`), in statement order, then the sums. */
export function changeChecks(report: Report, statements: readonly ChangeStatement[]): CheckResult[] {
  const out: CheckResult[] = [];
  for (const s of statements) {
    for (const r of [checkPrevious("changes.previous", s), checkPercentage("changes.percentage", s), checkRate("changes.rate", report, s)]) if (r) out.push(r);
  }
  return [...out, ...sumChecks(report, statements)];
}
