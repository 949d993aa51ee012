/**
 * Arithmetic within one table: the code hierarchy (类 = Σ 款, 款 = Σ 项, 合计 = Σ 类), the column identities of each
 * table (identities.ts), the two sides of the 收支总表, and the 人员经费 / 公用经费 sub-totals of the 基本支出 table.
 */
import type { Report, Table, TableRow } from "../../model.ts";
import { bareLabel, bodyRows, cellAt, type CodedEntry, codeGroups, codeSpaces, rowName, codeOf, labelOf, placeOf, presentTable, totalRow, valueColumns } from "../cells.ts";
import { compareCells, defined, type Term } from "../compare.ts";
import { identitiesFor, resolveIdentity } from "../identities.ts";
import { TEMPLATE_BASIS, type CheckResult, type Rule } from "../types.ts";

const BOTH = ["final", "budget"] as const;

/** The final accounts' 基本支出明细表 (公开06表) is in 经济分类 codes; every other coded table in 功能分类 (or income) codes. */
const isEconomic = (report: Report, table: Table) => report.meta.kind === "final" && table.no === 6;

function codedTables(report: Report, economic: boolean): Table[] {
  return report.tables.filter((t) => t.state === "present" && codeGroups(t).length > 0 && isEconomic(report, t) === economic);
}

/** Every parent code with the codes one level below it, within each code space of the table. */
function hierarchy(report: Report, table: Table): { parent: CodedEntry; children: CodedEntry[] }[] {
  return codeSpaces(report, table).flatMap((entries) =>
    entries.flatMap((parent) => {
      const children = entries.filter((e) => e.code.length === parent.code.length + 2 && e.code.startsWith(parent.code));
      return children.length > 0 ? [{ parent, children }] : [];
    }),
  );
}

function codeHierarchy(id: string, economic: boolean) {
  return (report: Report): CheckResult[] =>
    codedTables(report, economic).flatMap((table) =>
      hierarchy(report, table).flatMap(({ parent, children }) =>
        defined(
          parent.values.map((i, k) =>
            compareCells({
              check: id,
              table: table.no,
              place: placeOf(report, table, rowName(table, parent.row, parent.group), table.columns[i]?.label),
              total: cellAt(table, parent.row, i),
              // Children in a continuing group have their own value column at the same position.
              parts: children.flatMap((c) => (c.values[k] === undefined ? [] : [cellAt(table, c.row, c.values[k] as number)])),
            }),
          ),
        ),
      ),
    );
}

const codeHierarchyRule: Rule = {
  id: "sum.code-hierarchy",
  title: "功能分类科目：类 = 所属款之和，款 = 所属项之和",
  basis: `${TEMPLATE_BASIS}（政府收支分类科目的层级）`,
  category: "within",
  kinds: BOTH,
  reads: "按功能分类（或收入分类）科目编码列示的各表，每一金额列的类、款、项行",
  run: codeHierarchy("sum.code-hierarchy", false),
};

const economicHierarchyRule: Rule = {
  id: "sum.economic-hierarchy",
  title: "经济分类科目：类 = 所属款之和",
  basis: `${TEMPLATE_BASIS}（部门预算支出经济分类的层级）`,
  category: "within",
  kinds: BOTH,
  reads: "公开06表各组的类（3位）与款（5位）行；预算表六的类行与其下的科目行",
  run(report) {
    if (report.meta.kind === "final") return codeHierarchy("sum.economic-hierarchy", true)(report);
    // 预算表六 prints no codes: a class row has no 政府预算经济科目 name; the rows under it until the next class are its items.
    const table = presentTable(report, 6);
    if (!table) return [];
    const rows = bodyRows(table);
    const isClass = (r: TableRow) => (r.cells[0] ?? "") !== "" && (r.cells[1] ?? "") === "" && !/合计/u.test(r.cells[0] ?? "");
    const out: CheckResult[] = [];
    rows.forEach((row, k) => {
      if (!isClass(row)) return;
      const items: TableRow[] = [];
      for (let j = k + 1; j < rows.length && !isClass(rows[j] as TableRow) && !/合计/u.test(rows[j]?.cells[0] ?? ""); j++) items.push(rows[j] as TableRow);
      if (items.length === 0) return;
      for (const i of valueColumns(table)) {
        const r = compareCells({
          check: "sum.economic-hierarchy",
          table: table.no,
          place: placeOf(report, table, row.cells[0], table.columns[i]?.label),
          total: cellAt(table, row, i),
          parts: items.map((x) => cellAt(table, x, i)),
        });
        if (r) out.push(r);
      }
    });
    return out;
  },
};

/** 合计 = Σ 类 (or, in 预算表六, Σ class rows). */
const totalOfClassesRule: Rule = {
  id: "sum.total-of-classes",
  title: "合计 = 各类之和",
  basis: TEMPLATE_BASIS,
  category: "within",
  kinds: BOTH,
  reads: "按科目编码列示的各表的合计行与各类（3位编码）行，每一金额列",
  run(report) {
    const out: CheckResult[] = [];
    for (const table of report.tables) {
      if (table.state !== "present" || isEconomic(report, table)) continue;
      for (const group of codeGroups(table)) {
        const total = totalRow(table, group);
        if (!total) continue;
        const classes = bodyRows(table).filter((r) => codeOf(table, r, group).length === 3);
        if (classes.length === 0) continue;
        for (const i of valueColumns(table, group)) {
          const r = compareCells({
            check: "sum.total-of-classes",
            table: table.no,
            place: placeOf(report, table, labelOf(table, total, group), table.columns[i]?.label),
            total: cellAt(table, total, i),
            parts: classes.map((c) => cellAt(table, c, i)),
          });
          if (r) out.push(r);
        }
      }
    }
    return out;
  },
};

/** The column identities of identities.ts, one rule per id. */
function columnRule(id: string, title: string, reads: string): Rule {
  return {
    id,
    title,
    basis: TEMPLATE_BASIS,
    category: "within",
    kinds: BOTH,
    reads,
    run(report) {
      const out: CheckResult[] = [];
      for (const table of report.tables) {
        if (table.state !== "present") continue;
        for (const identity of identitiesFor(report.meta.kind, table.no, report.meta.template?.id).filter((x) => x.id === id)) {
          const resolved = resolveIdentity(identity, table.columns);
          if ("missing" in resolved) {
            out.push({ check: id, status: "na", table: table.no, place: placeOf(report, table, undefined, identity.title), note: resolved.missing, cells: [] });
            continue;
          }
          for (const row of bodyRows(table)) {
            const group = identity.group ?? 1;
            const label = rowName(table, row, group);
            const parts: Term[] = [
              ...resolved.parts.map((i) => ({ cell: cellAt(table, row, i) })),
              ...resolved.minus.map((i) => ({ cell: cellAt(table, row, i), sign: -1 as const })),
            ];
            const r = compareCells({
              check: id,
              table: table.no,
              place: placeOf(report, table, label || `第 ${row.line} 行`, identity.title),
              total: cellAt(table, row, resolved.total),
              parts,
            });
            if (r) out.push(r);
          }
        }
      }
      return out;
    },
  };
}

const COLUMN_RULES: Rule[] = [
  columnRule("sum.income-columns", "本年收入合计 = 各项收入之和", "收入决算表（公开02表）、预算收入总表（表二）每一行的各收入列"),
  columnRule("sum.expenditure-columns", "本年支出合计 = 基本支出 + 项目支出 + 上缴上级 + 经营 + 对附属单位补助", "支出决算表（公开03表）每一行"),
  columnRule("sum.basic-project", "合计 = 基本支出 + 项目支出", "公开05、07、08表，预算表三、五、八、九每一行"),
  columnRule("sum.carryover", "年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出", "政府性基金预算财政拨款收入支出决算表（公开07表）每一行"),
  columnRule("sum.fund-columns", "合计 = 各资金来源之和", "财政拨款收支总表支出方，预算表十至十三每一行"),
  columnRule("sum.current-carryover", "支出合计 = 当年预算安排 + 上年结转安排", "预算收支总表（表一）支出方每一行"),
  columnRule("sum.personnel-public", "基本支出合计 = 人员经费 + 公用经费", "一般公共预算基本支出表（预算表六）每一行"),
  columnRule("sum.three-public", "“三公”经费合计 = 各项之和；公务用车 = 购置费 + 运行维护费", "“三公”经费支出决算表（公开09表）"),
];

// ---- two-sided 收支总表 (决算 公开01/04表, 预算 表一/表四) ----

const FUND_ROW = /^(?:一般公共预算|政府性基金预算?|国有资本经营预算)(?:财政拨款)?$/u;

interface Side {
  group: number;
  items: TableRow[];
  current?: TableRow;
  adjustments: { row: TableRow; sub: TableRow[] }[];
  grand?: TableRow;
}

/** Reads one side of a two-sided table: item rows above 本年…合计, the rows between it and 总计 (with fund sub-rows). */
export function side(table: Table, group: number): Side {
  const rows = bodyRows(table);
  const label = (r: TableRow) => bareLabel(labelOf(table, r, group));
  const currentAt = rows.findIndex((r) => /^本年(?:收入|支出)合计$/u.test(label(r)));
  const grandAt = rows.findIndex((r) => /总计$/u.test(label(r)));
  // The items run down to 本年收入合计 / 本年支出合计, or, in a template that prints none (Shanghai), to the 总计.
  const itemsEnd = currentAt >= 0 ? currentAt : grandAt;
  const items = (itemsEnd >= 0 ? rows.slice(0, itemsEnd) : []).filter((r) => label(r) !== "");
  const adjustments: Side["adjustments"] = [];
  if (currentAt >= 0 && grandAt > currentAt) {
    for (const r of rows.slice(currentAt + 1, grandAt)) {
      if (label(r) === "") continue;
      const last = adjustments.at(-1);
      if (FUND_ROW.test(label(r)) && last && /结转|结余/u.test(label(last.row))) last.sub.push(r);
      else adjustments.push({ row: r, sub: [] });
    }
  }
  return {
    group,
    items,
    ...(currentAt >= 0 ? { current: rows[currentAt] as TableRow } : {}),
    adjustments,
    ...(grandAt >= 0 ? { grand: rows[grandAt] as TableRow } : {}),
  };
}

function twoSidedTables(report: Report): Table[] {
  return [1, 4].map((no) => presentTable(report, no)).filter((t): t is Table => t !== undefined && new Set(t.columns.map((c) => c.group)).size === 2);
}

const sideTotalsRule: Rule = {
  id: "sum.side-totals",
  title: "收支总表每一方：本年合计 = 各项之和；总计 = 本年合计 + 结转结余等",
  basis: TEMPLATE_BASIS,
  category: "within",
  kinds: BOTH,
  reads: "收支总表、财政拨款收支总表的收入方与支出方各行",
  run(report) {
    const out: CheckResult[] = [];
    for (const table of twoSidedTables(report)) {
      for (const group of [1, 2]) {
        const s = side(table, group);
        for (const i of valueColumns(table, group)) {
          const column = table.columns[i]?.label;
          const at = (r: TableRow) => cellAt(table, r, i);
          if (s.current) {
            const r = compareCells({ check: this.id, table: table.no, place: placeOf(report, table, labelOf(table, s.current, group), column), total: at(s.current), parts: s.items.map(at) });
            if (r) out.push(r);
          }
          for (const adj of s.adjustments.filter((a) => a.sub.length > 0)) {
            const r = compareCells({ check: this.id, table: table.no, place: placeOf(report, table, labelOf(table, adj.row, group), column), total: at(adj.row), parts: adj.sub.map(at) });
            if (r) out.push(r);
          }
          if (s.current && s.grand) {
            const r = compareCells({
              check: this.id,
              table: table.no,
              place: placeOf(report, table, labelOf(table, s.grand, group), column),
              total: at(s.grand),
              parts: [at(s.current), ...s.adjustments.map((a) => at(a.row))],
            });
            if (r) out.push(r);
          }
        }
      }
    }
    return out;
  },
};

const balanceRule: Rule = {
  id: "sum.two-sided-balance",
  title: "收入总计 = 支出总计",
  basis: TEMPLATE_BASIS,
  category: "within",
  kinds: BOTH,
  reads: "收支总表、财政拨款收支总表两方的总计行",
  run(report) {
    return defined(
      twoSidedTables(report).map((table) => {
        const income = side(table, 1).grand;
        const spending = side(table, 2).grand;
        const ii = valueColumns(table, 1)[0];
        const ei = valueColumns(table, 2)[0];
        if (!income || !spending || ii === undefined || ei === undefined) {
          return { check: this.id, status: "na", table: table.no, place: placeOf(report, table), note: "表中没有两方的总计行", cells: [] };
        }
        return compareCells({ check: this.id, table: table.no, place: placeOf(report, table, "收入总计 = 支出总计"), total: cellAt(table, spending, ei), parts: [cellAt(table, income, ii)] });
      }),
    );
  },
};

// ---- 公开06表: 人员经费合计 and 公用经费合计 ----

const PERSONNEL_CLASSES = new Set(["301", "303"]);

/** The value printed for a merged total label (公开06表: `公用经费合计` spans to the last amount column). */
function totalValueIndex(table: Table, row: TableRow, labelIndex: number, nextLabelIndex: number): number | undefined {
  const candidates = table.columns.flatMap((c, i) => (c.role === "value" && i > labelIndex && i < nextLabelIndex ? [i] : []));
  return candidates.find((i) => (row.cells[i] ?? "") !== "") ?? candidates.at(-1);
}

/** 公开06表's 人员经费合计 and 公用经费合计 cells (the totals row prints both labels, each value after its label). */
export function basicDetailTotals(table: Table): { row?: TableRow; personnel?: number; public?: number } {
  const row = bodyRows(table).find((r) => r.cells.some((c) => /人员经费合计/u.test(c)));
  if (!row) return {};
  const pIndex = row.cells.findIndex((c) => /人员经费合计/u.test(c));
  const gIndex = row.cells.findIndex((c) => /公用经费合计/u.test(c));
  const personnel = totalValueIndex(table, row, pIndex, gIndex >= 0 ? gIndex : table.columns.length);
  const pub = gIndex >= 0 ? totalValueIndex(table, row, gIndex, table.columns.length) : undefined;
  return { row, ...(personnel !== undefined ? { personnel } : {}), ...(pub !== undefined ? { public: pub } : {}) };
}

const basicDetailRule: Rule = {
  id: "sum.basic-detail-totals",
  title: "人员经费合计 = 工资福利支出 + 对个人和家庭的补助；公用经费合计 = 其余各类之和",
  basis: `${TEMPLATE_BASIS}（人员经费含301、303类，公用经费含302、307、309、310、311、312、313、399类）`,
  category: "within",
  kinds: ["final"],
  reads: "一般公共预算财政拨款基本支出决算明细表（公开06表）的类行与合计行",
  run(report) {
    const table = presentTable(report, 6);
    if (!table) return [];
    const { row: totals, personnel, public: pub } = basicDetailTotals(table);
    if (!totals) return [{ check: this.id, status: "na", table: 6, place: placeOf(report, table), note: "表中没有人员经费合计行", cells: [] }];
    const classCells = codeGroups(table).flatMap((group) => {
      const vi = valueColumns(table, group)[0];
      return vi === undefined ? [] : bodyRows(table).filter((r) => codeOf(table, r, group).length === 3).map((r) => ({ code: codeOf(table, r, group), cell: cellAt(table, r, vi) }));
    });
    const out: CheckResult[] = [];
    if (personnel !== undefined) {
      const r = compareCells({ check: this.id, table: 6, place: placeOf(report, table, "人员经费合计"), total: cellAt(table, totals, personnel), parts: classCells.filter((c) => PERSONNEL_CLASSES.has(c.code)).map((c) => c.cell) });
      if (r) out.push(r);
    }
    if (pub !== undefined) {
      const r = compareCells({ check: this.id, table: 6, place: placeOf(report, table, "公用经费合计"), total: cellAt(table, totals, pub), parts: classCells.filter((c) => !PERSONNEL_CLASSES.has(c.code)).map((c) => c.cell) });
      if (r) out.push(r);
    }
    return out;
  },
};

// ---- item rows that add up: 三公 rows (预算表十), 政府采购 and 车辆 (公开10表), units (预算表十一) ----

interface RowSum {
  kind: "final" | "budget";
  table: number;
  total: RegExp;
  parts: RegExp[] | "rest";
  name: string;
  /** Counts (车辆数): compared exactly. */
  counts?: boolean;
}

const ROW_SUMS: RowSum[] = [
  { kind: "budget", table: 10, total: /^合计$/u, parts: [/^因公出国/u, /^公务接待费$/u, /^公务用车购置及运行(维护)?费$/u], name: "“三公”经费合计 = 因公出国（境）费 + 公务接待费 + 公务用车购置及运行费" },
  { kind: "budget", table: 10, total: /^公务用车购置及运行(维护)?费$/u, parts: [/公务用车购置费$/u, /公务用车运行(维护)?费$/u], name: "公务用车购置及运行费 = 购置费 + 运行维护费" },
  { kind: "budget", table: 11, total: /^(?:部门)?合计$/u, parts: "rest", name: "部门合计 = 各单位之和" },
  { kind: "final", table: 10, total: /^合计$/u, parts: [/^货物$/u, /^工程$/u, /^服务$/u], name: "政府采购合计 = 货物 + 工程 + 服务" },
  { kind: "final", table: 10, total: /^车辆数合计/u, parts: [/用车/u], name: "车辆数合计 = 各类用车之和", counts: true },
];

const rowSumsRule: Rule = {
  id: "sum.item-rows",
  title: "合计行 = 所列各项之和（“三公”经费各项、机关运行经费各单位、政府采购、车辆数）",
  basis: TEMPLATE_BASIS,
  category: "within",
  kinds: BOTH,
  reads: "预算表十、表十一，公开10表的合计行与分项行",
  run(report) {
    const out: CheckResult[] = [];
    for (const spec of ROW_SUMS.filter((s) => s.kind === report.meta.kind)) {
      const table = presentTable(report, spec.table);
      if (!table) continue;
      const rows = bodyRows(table);
      const label = (r: TableRow) => bareLabel(labelOf(table, r));
      const total = rows.find((r) => spec.total.test(label(r)));
      if (!total) continue;
      const parts =
        spec.parts === "rest"
          ? rows.filter((r) => r !== total && label(r) !== "")
          : rows.filter((r) => r !== total && (spec.parts as RegExp[]).some((re) => re.test(label(r))));
      if (parts.length === 0) continue;
      for (const i of valueColumns(table)) {
        const r = compareCells({ check: this.id, table: table.no, place: placeOf(report, table, spec.name, table.columns[i]?.label), total: cellAt(table, total, i), parts: parts.map((p) => cellAt(table, p, i)), ...(spec.counts ? { counts: true } : {}) });
        if (r) out.push(r);
      }
    }
    return out;
  },
};

export const WITHIN_RULES: readonly Rule[] = [
  codeHierarchyRule,
  totalOfClassesRule,
  economicHierarchyRule,
  ...COLUMN_RULES,
  sideTotalsRule,
  balanceRule,
  basicDetailRule,
  rowSumsRule,
];

