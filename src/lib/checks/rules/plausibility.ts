/**
 * Plausibility: what must hold of any report whatever its numbers — a possible year, a kind its tables agree with,
 * no negative amounts where a column cannot be negative, codes whose parents exist and are not repeated, 类 codes of
 * the national classification, 行次 in order.
 */
import { tableCells } from "../../line-items.ts";
import type { Report, Table } from "../../model.ts";
import { bodyRows, cellAt, codeGroups, codeOf, codeSpaces, labelOf, placeOf, valueColumns } from "../cells.ts";
import { TEMPLATE_BASIS, type CheckResult, type Rule } from "../types.ts";

const BOTH = ["final", "budget"] as const;
const KIND_WORD = { final: "决算", budget: "预算" } as const;

const yearRule: Rule = {
  id: "plausible.year",
  title: "年度在 2010 年至明年之间",
  basis: "部门预决算公开自 2010 年起；预算最早提前一年编制",
  category: "plausibility",
  kinds: BOTH,
  reads: "报告的年度",
  run(report, context) {
    const year = report.meta.year;
    const ok = year >= 2010 && year <= context.maxYear;
    return [{ check: this.id, status: ok ? "pass" : "fail", table: 0, place: "报告年度", expected: `2010–${context.maxYear}`, found: String(year), cells: [] }];
  },
};

const kindRule: Rule = {
  id: "plausible.kind",
  title: "报告类别（预算或决算）与标题、表名一致",
  basis: TEMPLATE_BASIS,
  category: "plausibility",
  kinds: BOTH,
  reads: "报告标题，各表表名",
  run(report) {
    const own = KIND_WORD[report.meta.kind];
    const other = KIND_WORD[report.meta.kind === "final" ? "budget" : "final"];
    const titles = report.tables.filter((t) => t.title).map((t) => ({ no: t.no, title: t.title as string }));
    const contrary = titles.filter((t) => t.title.includes(other) && !t.title.includes(own));
    const titleOk = report.meta.title.includes(own) || !report.meta.title.includes(other);
    const ok = titleOk && contrary.length === 0;
    return [
      {
        check: this.id,
        status: ok ? "pass" : "fail",
        table: 0,
        place: "报告类别",
        expected: own,
        found: ok ? own : [titleOk ? "" : report.meta.title, ...contrary.map((t) => t.title)].filter(Boolean).join("；"),
        ...(ok ? {} : { note: `标题或表名写的是${other}` }),
        cells: [],
      },
    ];
  },
};

/** Columns that may hold a negative amount: balances, carry-overs and 结余分配. */
const MAY_BE_NEGATIVE = /结转|结余|结余分配/u;

const negativeRule: Rule = {
  id: "plausible.negative",
  title: "收入、支出金额不为负数",
  basis: "收入、支出和“三公”经费等金额不可能为负；只有结转结余可能为负",
  category: "plausibility",
  kinds: BOTH,
  reads: "各表的金额格（结转结余列与行除外）",
  run(report) {
    const out: CheckResult[] = [];
    let checked = 0;
    for (const table of report.tables.filter((t) => t.state === "present")) {
      for (const row of bodyRows(table)) {
        const rowLabel = row.cells.join(" ");
        for (const i of valueColumns(table)) {
          const v = row.cells[i] ?? "";
          if (!/^-?\d/u.test(v)) continue;
          checked++;
          const column = table.columns[i]?.label ?? "";
          if (!v.startsWith("-") || MAY_BE_NEGATIVE.test(column) || MAY_BE_NEGATIVE.test(rowLabel)) continue;
          const cell = cellAt(table, row, i);
          out.push({ check: this.id, status: "fail", table: table.no, place: placeOf(report, table, cell.row, column), expected: "≥ 0", found: v, cells: [cell] });
        }
      }
    }
    if (out.length === 0 && checked > 0) out.push({ check: this.id, status: "pass", table: 0, place: `全部 ${checked} 个金额格`, cells: [] });
    return out;
  },
};

function codedTables(report: Report): Table[] {
  return report.tables.filter((t) => t.state === "present" && codeGroups(t).length > 0);
}

const parentRule: Rule = {
  id: "plausible.code-parent",
  title: "每个款、项科目的上级科目在表中列出",
  basis: "政府收支分类科目：项属于款，款属于类，表中按类、款、项逐级列示",
  category: "plausibility",
  kinds: BOTH,
  reads: "各表的科目编码",
  run(report) {
    const out: CheckResult[] = [];
    for (const table of codedTables(report)) {
      for (const entries of codeSpaces(report, table)) {
        const codes = new Set(entries.map((e) => e.code));
        let ok = 0;
        for (const { row, code, group } of entries) {
          if (code.length === 3) continue;
          const parent = code.slice(0, code.length - 2);
          if (codes.has(parent)) {
            ok++;
            continue;
          }
          const ci = table.columns.findIndex((c) => c.role === "code" && c.group === group);
          out.push({ check: this.id, status: "fail", table: table.no, place: placeOf(report, table, `${code} ${labelOf(table, row, group)}`), expected: `上级科目 ${parent}`, found: "表中没有", cells: [cellAt(table, row, ci)] });
        }
        if (ok > 0) out.push({ check: this.id, status: "pass", table: table.no, place: placeOf(report, table, `${ok} 个款、项科目`), cells: [] });
      }
    }
    return out;
  },
};

const duplicateRule: Rule = {
  id: "plausible.code-unique",
  title: "同一张表中每个科目只列一次",
  basis: "政府收支分类科目表式：一个科目一行",
  category: "plausibility",
  kinds: BOTH,
  reads: "各表的科目编码",
  run(report) {
    const out: CheckResult[] = [];
    for (const table of codedTables(report)) {
      for (const entries of codeSpaces(report, table)) {
        const seen = new Map<string, number>();
        const rows = entries;
        for (const { row, code, group } of entries) {
          const ci = table.columns.findIndex((c) => c.role === "code" && c.group === group);
          const first = seen.get(code);
          if (first !== undefined) {
            out.push({ check: this.id, status: "fail", table: table.no, place: placeOf(report, table, code), expected: "只列一次", found: `第 ${first} 行和第 ${row.line} 行`, cells: [cellAt(table, row, ci)] });
          } else seen.set(code, row.line);
        }
        if (rows.length > 0 && !out.some((r) => r.table === table.no)) out.push({ check: this.id, status: "pass", table: table.no, place: placeOf(report, table, `${rows.length} 个科目`), cells: [] });
      }
    }
    return out;
  },
};

/**
 * 类 codes of the 政府收支分类科目: expenditure by function 201–234 (the 2024 list, with retired ones kept so older
 * reports pass), income 101–110; 经济分类 301–399 and 501–599.
 */
function classKnown(code: string, economic: boolean, income: boolean): boolean {
  const n = Number(code);
  if (economic) return (n >= 301 && n <= 313) || n === 399 || (n >= 501 && n <= 599);
  if (income) return n >= 101 && n <= 110;
  return n >= 201 && n <= 234;
}

const classCodeRule: Rule = {
  id: "plausible.class-code",
  title: "类级科目编码属于政府收支分类科目",
  basis: "财政部《政府收支分类科目》：支出功能分类 201–234 类，收入分类 101–110 类，经济分类 301–399、501–599 类",
  category: "plausibility",
  kinds: BOTH,
  reads: "各表类级（3位）科目编码",
  run(report) {
    const out: CheckResult[] = [];
    for (const table of codedTables(report)) {
      const income = report.meta.kind === "budget" && table.no === 7;
      for (const group of codeGroups(table)) {
        const ci = table.columns.findIndex((c) => c.role === "code" && c.group === group);
        // 经济分类: the 决算's 公开06表, or a code column its header calls 经济分类 (the budgets' 基本支出 tables).
        const economic = (report.meta.kind === "final" && table.no === 6) || /经济/u.test(table.columns[ci]?.label ?? "");
        const income9 = report.meta.kind === "budget" && table.no === 9 && group === 1;
        const classes = bodyRows(table).filter((r) => codeOf(table, r, group).length === 3);
        const bad = classes.filter((r) => !classKnown(codeOf(table, r, group), economic, income || income9));
        for (const row of bad) {
          out.push({ check: this.id, status: "fail", table: table.no, place: placeOf(report, table, `${codeOf(table, row, group)} ${labelOf(table, row, group)}`), expected: economic ? "301–399 / 501–599" : income || income9 ? "101–110" : "201–234", found: codeOf(table, row, group), cells: [cellAt(table, row, ci)] });
        }
        if (classes.length > bad.length) out.push({ check: this.id, status: "pass", table: table.no, place: placeOf(report, table, `${classes.length - bad.length} 个类级科目`), cells: [] });
      }
    }
    return out;
  },
};

const linenoRule: Rule = {
  id: "plausible.line-numbers",
  title: "行次连续、不重复（行次错位说明表格行被错排）",
  basis: TEMPLATE_BASIS,
  category: "plausibility",
  kinds: BOTH,
  reads: "各表的行次列",
  run(report) {
    const out: CheckResult[] = [];
    for (const table of report.tables.filter((t) => t.state === "present")) {
      table.columns.forEach((column, ci) => {
        if (column.role !== "lineno") return;
        const numbers = bodyRows(table)
          .map((r) => ({ row: r, v: r.cells[ci] ?? "" }))
          .filter((x) => /^\d+$/u.test(x.v));
        if (numbers.length < 2) return;
        const broken = numbers.find((x, k) => k > 0 && Number(x.v) <= Number(numbers[k - 1]?.v));
        const place = placeOf(report, table, undefined, column.label);
        if (broken) out.push({ check: this.id, status: "fail", table: table.no, place, expected: `大于 ${numbers[numbers.indexOf(broken) - 1]?.v}`, found: broken.v, cells: [cellAt(table, broken.row, ci)] });
        else out.push({ check: this.id, status: "pass", table: table.no, place, expected: "递增", found: `${numbers[0]?.v}–${numbers.at(-1)?.v}`, cells: [] });
      });
    }
    return out;
  },
};

const unitRule: Rule = {
  id: "plausible.unit",
  title: "表格金额单位已注明",
  basis: "财预〔2016〕143号《地方预决算公开操作规程》：公开表格应注明金额单位",
  category: "plausibility",
  kinds: BOTH,
  reads: "各表表头的“单位：”",
  run(report) {
    return report.tables
      .filter((t) => t.state !== "missing")
      .map((t) => ({
        check: this.id,
        status: t.unit && /元/u.test(t.unit) ? ("pass" as const) : ("fail" as const),
        table: t.no,
        place: placeOf(report, t),
        expected: "万元或元",
        found: t.unit ?? "未注明",
        cells: [],
      }));
  },
};

const decimalsRule: Rule = {
  id: "plausible.decimals",
  title: "万元金额保留两位小数（元为整数或两位小数）",
  basis: "部门预决算公开表式：金额单位万元，保留两位小数；位数不符多为录入或提取中丢失了数字",
  category: "plausibility",
  kinds: BOTH,
  reads: "各表的金额格（车辆、设备等数量除外）",
  run(report) {
    const out: CheckResult[] = [];
    let checked = 0;
    for (const table of report.tables.filter((t) => t.state === "present")) {
      for (const cell of tableCells(report, table)) {
        const decimals = (cell.value.split(".")[1] ?? "").length;
        const allowed = cell.unit === "万元" ? [2] : cell.unit === "元" ? [0, 2] : undefined;
        if (!allowed) continue;
        checked++;
        // A zero printed `0` has lost no digit.
        if (allowed.includes(decimals) || /^0(?:\.0*)?$/u.test(cell.value)) continue;
        const pointer = cellAt(table, cell.row, cell.index);
        out.push({ check: this.id, status: "fail", table: table.no, place: placeOf(report, table, pointer.row, cell.column.label), expected: allowed.map((d) => `${d} 位小数`).join("或"), found: cell.value, cells: [pointer] });
      }
    }
    if (out.length === 0 && checked > 0) out.push({ check: this.id, status: "pass", table: 0, place: `全部 ${checked} 个金额格`, cells: [] });
    return out;
  },
};

export const PLAUSIBILITY_RULES: readonly Rule[] = [yearRule, kindRule, negativeRule, parentRule, duplicateRule, classCodeRule, linenoRule, unitRule, decimalsRule];
