/**
 * Finding the cell an amount in the text quotes when it is not one of the key figures: a cell with the same value
 * (preferring one whose row or column the words name, and the tables the section explains), or the sum or
 * difference of two cells the words name (项目支出 = 公开05表 项目支出 + 公开07表 项目支出 when 公开03表 is missing).
 * An amount that matches nothing is listed, not called wrong — unless the words name a classified row (a 功能分类
 * 类/款/项) of the section's table and that row prints another number.
 */
import { groupDigits } from "../../../format.ts";
import { type CellRef, valueCells } from "../../../line-items.ts";
import type { Report, ReportKind } from "../../../model.ts";
import { bareLabel, type Cell, cellAt, memo, tableName } from "../../cells.ts";
import { abs, add, compare, type Dec, formatDec, sub, tolerance } from "../../../decimal.ts";
import { inMentionUnit, isZero, mentionDec, states } from "./amount.ts";
import type { Mention } from "./mentions.ts";

/** A value cell of a standard table with what it is. */
export interface Entry {
  ref: CellRef;
  table: number;
  cell: Cell;
  /** Row label without numbering; the last level of the column header. */
  row: string;
  column: string;
  /** A 功能分类 (or income) code row, or a 合计/总计 row. */
  classified: boolean;
}

/** Every value cell (blank ones too) of every table that is present; read once per run of the checks. */
export function entries(report: Report): Entry[] {
  return memo(report, "narrative.entries", () => readEntries(report));
}

function readEntries(report: Report): Entry[] {
  const out: Entry[] = [];
  for (const table of report.tables) {
    if (table.state !== "present") continue;
    {
      for (const ref of valueCells(report, table)) {
        const label = normLabel(ref.rowLabel);
        out.push({
          ref,
          table: table.no,
          cell: cellAt(table, ref.row, ref.index),
          row: label,
          column: normLabel(ref.column.path[ref.column.path.length - 1] ?? ref.column.label),
          // 功能分类 rows (the final accounts' 公开06表 is in 经济分类, which the text groups loosely) and totals.
          classified: (ref.rowCode !== "" && !(report.meta.kind === "final" && table.no === 6)) || TOTAL.test(label),
        });
      }
    }
  }
  return out;
}

const TOTAL = /^(?:合计|总计|部门合计|本年收入合计|本年支出合计|收入总计|支出总计)$/u;

/** A label without numbering, level marks (`(类)`) or spaces. */
export function normLabel(label: string): string {
  return bareLabel(label).replace(/[（(](?:类|款|项)[)）]/gu, "");
}

/** The words naming an amount, reduced to what a row or column label would say. */
export function normKey(key: string): string {
  return normLabel(key)
    .replace(/^(?:用于|其中|主要包括|主要用于|包括)/u, "")
    .replace(/(?:数)$/u, "");
}

/** The words name the label: equal, or equal but for a trailing `支出`. */
export function names(key: string, label: string): boolean {
  if (label === "") return false;
  return key === label || key === `${label}支出` || `${key}支出` === label;
}

/** The words contain the label (`国有资本经营预算拨款收入` ⊃ `国有资本经营预算`). */
function mentionsLabel(key: string, label: string): boolean {
  return label.length >= 4 && key.includes(label);
}

/** Cells whose row (or, in a total row, whose column) the words name. */
function labelled(all: Entry[], key: string, loose: boolean): Entry[] {
  return memo(all, `labelled|${loose}|${key}`, () => readLabelled(all, key, loose));
}

/**
 * The entries by the label the words can name: each row label, and each column label of a total row. Built once per
 * run, so that naming a cell looks up a few labels instead of testing every cell of the report.
 */
function labelIndex(all: Entry[]): { byLabel: Map<string, Entry[]>; order: Map<Entry, number> } {
  return memo(all, "labelIndex", () => {
    const byLabel = new Map<string, Entry[]>();
    const add = (label: string, e: Entry) => {
      const list = byLabel.get(label);
      if (!list) byLabel.set(label, [e]);
      else if (list.at(-1) !== e) list.push(e);
    };
    for (const e of all) {
      add(e.row, e);
      if (TOTAL.test(e.row)) add(e.column, e);
    }
    return { byLabel, order: new Map(all.map((e, i) => [e, i])) };
  });
}

function readLabelled(all: Entry[], key: string, loose: boolean): Entry[] {
  const { byLabel, order } = labelIndex(all);
  const test = (label: string) => names(key, label) || (loose && mentionsLabel(key, label));
  const found = new Set<Entry>();
  for (const [label, list] of byLabel) if (test(label)) for (const e of list) found.add(e);
  return [...found].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
}

const SCOPES: Record<ReportKind, [RegExp, number[]][]> = {
  final: [
    [/^收入支出决算总体/u, [1]],
    [/^收入决算/u, [2, 1]],
    [/^支出决算/u, [3, 1]],
    [/政府性基金/u, [7]],
    [/国有资本/u, [8]],
    [/三公/u, [9]],
    [/基本支出/u, [6, 5]],
    [/一般公共预算财政拨款支出/u, [5, 4]],
    [/财政拨款收支/u, [4]],
    [/机关运行|政府采购|国有资产/u, [10]],
  ],
  budget: [
    [/部门预算收支|收支数据/u, [1]],
    [/^收入预算/u, [2, 1]],
    [/^支出预算/u, [3, 1]],
    [/三公/u, [10]],
    [/机关运行/u, [11]],
    [/基本支出/u, [6, 5]],
    [/一般公共预算/u, [5]],
    [/财政拨款收支/u, [4]],
    [/绩效/u, [12, 13]],
  ],
};

/** `3119.50` and `3119.5` are the same amount: the key of a value without trailing decimal zeros. */
function canonical(value: string): string {
  return value.includes(".") ? value.replace(/\.?0+$/u, "") : value;
}

/** The non-blank entries by unit and amount, built once per run; entries in other units are compared one by one. */
function valueIndex(all: Entry[]): Map<string, Entry[]> {
  return memo(all, "valueIndex", () => {
    const index = new Map<string, Entry[]>();
    for (const e of all) {
      if (e.cell.value === "") continue;
      const key = `${e.ref.unit}|${canonical(e.cell.value)}`;
      const list = index.get(key);
      if (list) list.push(e);
      else index.set(key, [e]);
    }
    return index;
  });
}

/** The entries whose value is exactly the quoted amount (in the quoted unit), in table order. */
function sameValue(all: Entry[], m: Mention): Entry[] {
  if (m.unit === "%") return [];
  const exact = valueIndex(all).get(`${m.unit}|${canonical(m.value)}`) ?? [];
  const converted = all.filter((e) => e.ref.unit !== m.unit && e.cell.value !== "" && states(m, e.cell.value, e.ref.unit));
  if (converted.length === 0) return exact;
  const order = new Map(all.map((e, i) => [e, i]));
  return [...exact, ...converted].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
}

/** The tables the section explains, innermost heading first. */
export function scopeOf(kind: ReportKind, headings: readonly string[]): number[] {
  for (const h of [...headings].reverse().map(bareLabel)) {
    const hit = SCOPES[kind].find(([re]) => re.test(h));
    if (hit) return hit[1];
  }
  return [];
}

/** Cells in the section's tables first (in their order), then the rest in table order. */
function preferred(list: Entry[], scope: number[]): Entry[] {
  const rank = (e: Entry) => {
    const i = scope.indexOf(e.table);
    return i < 0 ? scope.length + e.table : i;
  };
  return [...list].sort((a, b) => rank(a) - rank(b));
}

const where = (report: Report, e: Entry) => `${tableName(report, e.table)}“${e.cell.row}”${e.cell.columnLabel ? `（${e.cell.columnLabel}）` : ""}`;

export interface Match {
  status: "pass" | "fail" | "na";
  cells: Cell[];
  expected?: string;
  difference?: string;
  tolerance?: string;
  note?: string;
}

/**
 * Matches one quoted amount to the tables. `related` are cells the same sentence quotes (their sums and differences
 * are what the words may describe).
 */
export function matchAmount(report: Report, all: Entry[], m: Mention, related: Cell[] = [], lead: Cell[] = []): Match {
  const key = normKey(m.key);
  const scope = scopeOf(report.meta.kind, m.headings);
  const found = mentionDec(m);
  const unitOf = (e: Entry) => e.ref.unit;
  const byValue = sameValue(all, m);
  if (isZero(found)) {
    const named = preferred(labelled(all, key, true), scope).filter((e) => e.cell.value === "" || states(m, e.cell.value, unitOf(e)));
    const first = named[0];
    if (first) return { status: "pass", cells: [first.cell], expected: first.cell.value || "0", note: first.cell.value === "" ? `${where(report, first)}为空（无此项金额）` : undefined };
    return { status: "na", cells: [], note: "未能与表格核对：表格中没有文中所说的此项（文中为0）" };
  }
  const named = labelled(all, key, false);
  const both = preferred(named.filter((e) => e.cell.value !== "" && states(m, e.cell.value, unitOf(e), true)), scope);
  if (both[0]) return { status: "pass", cells: [both[0].cell], expected: both[0].cell.value };
  // Outside the section's tables a bare coincidence of a short number (`45.92`) is no evidence.
  const valueOnly = preferred(byValue, scope).filter((e) => scope.includes(e.table) || significant(found) >= 5);
  if (valueOnly[0]) {
    const e = valueOnly[0];
    return { status: "pass", cells: [e.cell], expected: e.cell.value, note: `按数值与${where(report, e)}相符${key === "" ? "" : `（文中称“${m.key}”）`}` };
  }
  const valued = (cells: { cell: Cell; unit: string }[]): Valued[] =>
    cells.flatMap(({ cell, unit }) => {
      const d = cell.value === "" ? undefined : inMentionUnit(cell.value, unit, m);
      return d === undefined ? [] : [{ cell, d }];
    });
  const unitOfCell = (cell: Cell) => report.tables.find((t) => t.no === cell.table)?.unit ?? report.meta.unit;
  const derived = pairOf(
    report,
    m,
    valued(named.map((e) => ({ cell: e.cell, unit: e.ref.unit }))),
    valued(lead.map((cell) => ({ cell, unit: unitOfCell(cell) }))),
    valued(related.map((cell) => ({ cell, unit: unitOfCell(cell) }))),
  );
  if (derived) return derived;
  const inScope = preferred(named, scope).filter((e) => scope.includes(e.table) && e.classified);
  const wrong = inScope.find((e) => inMentionUnit(e.cell.value, e.ref.unit, m) !== undefined);
  if (wrong) {
    const expected = inMentionUnit(wrong.cell.value, wrong.ref.unit, m) as Dec;
    return {
      status: "fail",
      cells: [wrong.cell],
      expected: wrong.cell.value,
      difference: formatDec(sub(found, expected), Math.max(found.scale, expected.scale)),
      tolerance: formatDec({ units: 0n, scale: 0 }, found.scale),
      note: `文中“${m.key}”${groupDigits(m.value)}${m.unit}，${where(report, wrong)}为${groupDigits(wrong.cell.value)}${oneUnit(sub(found, expected), found.scale) ? "（相差一个尾数单位，可能是为使分项之和等于合计而调整了尾数）" : ""}`,
    };
  }
  const hint = preferred(named, scope)[0];
  const budget = /年初预算|全年预算/u.test(m.key) ? "年初预算数不在本报告的表格中" : "";
  return {
    status: "na",
    cells: hint ? [hint.cell] : [],
    note: `未能与表格核对${budget ? `：${budget}` : hint ? `：${where(report, hint)}为${groupDigits(hint.cell.value || "0")}，文中口径可能不同` : ""}`,
  };
}

/** A cell with its value in the quoted unit. */
interface Valued {
  cell: Cell;
  d: Dec;
}

/**
 * The amount as the sum or difference of two cells the words name (项目支出 = 公开05表 + 公开07表 项目支出), or as the
 * sentence's lead figure minus another figure the sentence quotes (项目支出 = 部门预算资金 − 基本支出), within rounding.
 */
function pairOf(report: Report, m: Mention, named: Valued[], lead: Valued[], related: Valued[]): Match | undefined {
  const found = mentionDec(m);
  const pairs: [Valued, Valued, "+" | "−"][] = [];
  named.forEach((a, i) => named.forEach((b, j) => {
    if (isSame(a.cell, b.cell)) return;
    if (i < j) pairs.push([a, b, "+"]);
    if (i !== j) pairs.push([a, b, "−"]);
  }));
  for (const a of lead) for (const b of related) if (!isSame(a.cell, b.cell)) pairs.push([a, b, "−"]);
  for (const [a, b, op] of pairs) {
    const value = op === "+" ? add(a.d, b.d) : sub(a.d, b.d);
    const scale = Math.max(found.scale, a.d.scale, b.d.scale);
    const tol = tolerance(3, scale);
    const diff = sub(found, value);
    if (compare(abs(diff), tol) > 0) continue;
    return {
      status: "pass",
      cells: [a.cell, b.cell],
      expected: formatDec(value, scale),
      difference: formatDec(diff, scale),
      tolerance: formatDec(tol, scale + 1),
      note: `= ${tableName(report, a.cell.table)}“${a.cell.row}”${groupDigits(a.cell.value)} ${op} ${tableName(report, b.cell.table)}“${b.cell.row}”${groupDigits(b.cell.value)}`,
    };
  }
  return undefined;
}

/** Is the difference one unit of the last printed decimal? */
function oneUnit(diff: Dec, scale: number): boolean {
  return scale > 0 && compare(abs(diff), { units: 1n, scale }) === 0;
}

/** Significant digits of a decimal (`45.92` → 4). */
function significant(d: Dec): number {
  const digits = (d.units < 0n ? -d.units : d.units).toString();
  return digits === "0" ? 0 : digits.length;
}

function isSame(a: Cell, b: Cell): boolean {
  return a.table === b.table && a.line === b.line && a.column === b.column;
}
