/**
 * Helpers for the 绩效 tables shared by their page components, their downloads (src/lib/export/performance.ts) and their
 * search records (src/lib/search.ts): pure functions of the loaded PerformanceTable (no parsing of source
 * text, no reformatting of values). They decide layout only — which rows merge, which funding cells go where, which
 * fields are personal data kept out of the structured view.
 */
import type {
  PerformanceField,
  PerformanceFunding,
  PerformanceIndicator,
  PerformanceKind,
  PerformanceTable,
  TableRow,
} from "./model.ts";

/** Full names of the three kinds, as the templates call them. */
export const KIND_NAMES: Record<PerformanceKind, string> = {
  "project-target": "项目支出绩效目标表",
  "project-self-evaluation": "项目支出绩效自评表",
  "department-target": "整体支出绩效目标申报表",
};

/** Short names for badges and lists. */
export const KIND_SHORT: Record<PerformanceKind, string> = {
  "project-target": "绩效目标表",
  "project-self-evaluation": "绩效自评表",
  "department-target": "整体支出绩效目标",
};

const KIND_ORDER: PerformanceKind[] = ["department-target", "project-target", "project-self-evaluation"];

/** `perf-1`, `perf-2`, … in source order (1-based), stable for a given performance.json. */
export function blockId(index: number): string {
  return `perf-${index + 1}`;
}

/** How many tables of each kind, in a fixed order, kinds with none left out. */
export function kindCounts(tables: readonly PerformanceTable[]): { kind: PerformanceKind; count: number }[] {
  return KIND_ORDER.map((kind) => ({ kind, count: tables.filter((t) => t.kind === kind).length })).filter(
    (k) => k.count > 0,
  );
}

/** "44 张项目支出绩效目标表", or with several kinds "50 张绩效表：… 44 张，… 6 张". */
export function countText(tables: readonly PerformanceTable[]): string {
  const counts = kindCounts(tables);
  return counts.length === 1
    ? `${tables.length} 张${KIND_NAMES[counts[0]!.kind]}`
    : `${tables.length} 张绩效表：${counts.map((c) => `${KIND_NAMES[c.kind]} ${c.count} 张`).join("，")}`;
}

/** The block's heading: the project name, else the title as published. */
export function tableName(table: PerformanceTable): string {
  return table.projectName?.trim() ? table.projectName : table.title;
}

// ---- personal data ----

/**
 * Field labels that carry a person's name, signature or phone number (评价人员, 填报人, 联系电话, 项目负责人,
 * 单位负责人, 负责人/经办人). They are published, but a citizen-facing summary does not need them: the structured
 * view leaves them out and the raw rows keep them, one click away.
 */
const PERSONAL = /评价人员|填报人|联系电话|电话|手机|负责人|经办人|签字|签名|姓名/u;

export function isPersonalField(label: string): boolean {
  return PERSONAL.test(label);
}

/** The fields shown in the structured view (personal ones left out), and how many were left out. */
export function publicFields(fields: readonly PerformanceField[]): { shown: PerformanceField[]; hidden: number } {
  const shown = fields.filter((f) => !isPersonalField(f.label));
  return { shown, hidden: fields.length - shown.length };
}

/** `总体目标/年度目标` → [`总体目标`, `年度目标`]: the model joins a label path with `/`. */
export function labelPath(label: string): string[] {
  return label.split("/").filter((part) => part !== "");
}

// ---- funding ----

export interface FundingRow {
  source: string;
  /** One cell per label of the layout; undefined where the table has no amount for that label and source. */
  cells: (PerformanceFunding | undefined)[];
}

export type FundingLayout =
  | {
      /** Sources × labels in one grid (project tables: 合计, 中央财政资金… × 实施期资金总额, 年度资金总额). */
      mode: "grid";
      labels: string[];
      /** The unit when every amount has the same one, else undefined (units then shown per cell). */
      unit: string | undefined;
      rows: FundingRow[];
    }
  | {
      /** One list per label when labels have (apart from 合计) no source in common: 按资金来源划分 / 按资金方向划分. */
      mode: "lists";
      unit: string | undefined;
      groups: { label: string; items: PerformanceFunding[] }[];
    };

const TOTAL = "合计";

function commonUnit(funding: readonly PerformanceFunding[]): string | undefined {
  const units = new Set(funding.map((f) => f.unit));
  return units.size === 1 ? [...units][0] : undefined;
}

/**
 * Groups funding entries for display. Grid: columns are the labels in order of first appearance; each entry goes
 * into the first row of its source that has no amount for its label yet, else a new row — so a source that the
 * table repeats (a name the PDF split over two lines) keeps every amount, in source order.
 */
export function fundingLayout(funding: readonly PerformanceFunding[]): FundingLayout {
  const unit = commonUnit(funding);
  const labels = [...new Set(funding.map((f) => f.label))];
  const sourcesOf = new Map(labels.map((l) => [l, new Set(funding.filter((f) => f.label === l && f.source !== TOTAL).map((f) => f.source))]));
  const disjoint = labels.some((a, i) =>
    labels.slice(i + 1).some((b) => {
      const sa = sourcesOf.get(a) as Set<string>;
      const sb = sourcesOf.get(b) as Set<string>;
      return sa.size > 0 && sb.size > 0 && [...sa].every((s) => !sb.has(s));
    }),
  );
  if (disjoint) {
    return { mode: "lists", unit, groups: labels.map((label) => ({ label, items: funding.filter((f) => f.label === label) })) };
  }
  const rows: FundingRow[] = [];
  for (const f of funding) {
    const col = labels.indexOf(f.label);
    let row = rows.find((r) => r.source === f.source && r.cells[col] === undefined);
    if (!row) {
      row = { source: f.source, cells: labels.map(() => undefined) };
      rows.push(row);
    }
    row.cells[col] = f;
  }
  return { mode: "grid", labels, unit, rows };
}

/** Labels tried, in order, for the one amount that stands for a table in lists and summaries. */
const HEADLINE_LABELS = ["年度资金总额", "项目预算金额", "按资金来源划分", "实施期资金总额", "实施资金总额", "计划拨款金额"];

/** The 合计 amount that best stands for the table (年度资金总额 for targets, 项目预算金额 for self-evaluations). */
export function headlineAmount(table: PerformanceTable): PerformanceFunding | undefined {
  const totals = table.funding.filter((f) => f.source === TOTAL);
  for (const label of HEADLINE_LABELS) {
    const found = totals.find((f) => f.label === label);
    if (found) return found;
  }
  return totals[0];
}

/** The 合计 amount of one label (e.g. 实际执行金额), if the table has it. */
export function totalOf(table: PerformanceTable, label: string): PerformanceFunding | undefined {
  return table.funding.find((f) => f.source === TOTAL && f.label === label);
}

/** Every 合计 amount, in order (the line under a block's heading). */
export function totals(table: PerformanceTable): PerformanceFunding[] {
  return table.funding.filter((f) => f.source === TOTAL);
}

// ---- indicators ----

export type ValueKey = "target" | "yearTarget" | "actual" | "deviation" | "score";

export interface ValueColumn {
  key: ValueKey;
  header: string;
}

/** The value columns of the indicator table for a kind (targets: 指标值 and, where published, 年度指标值). */
export function valueColumns(table: PerformanceTable): ValueColumn[] {
  if (table.kind === "project-self-evaluation") {
    return [
      { key: "target", header: "年度指标值" },
      { key: "actual", header: "全年完成值" },
      { key: "deviation", header: "未完成原因和改进措施" },
      { key: "score", header: "自评得分" },
    ];
  }
  const hasYear = table.indicators.some((i) => i.yearTarget !== undefined);
  return hasYear
    ? [
        { key: "target", header: "指标值（实施期）" },
        { key: "yearTarget", header: "年度指标值" },
      ]
    : [{ key: "target", header: "指标值" }];
}

export interface IndicatorRow {
  indicator: PerformanceIndicator;
  /** Rows the 二级指标 cell spans from this row (0: covered by a cell above). */
  level2Span: number;
  /** Rows the 自评得分 cell spans from this row (0: covered by a cell above). */
  scoreSpan: number;
}

export interface IndicatorGroup {
  /** 一级指标 shared by the rows of the group (may be empty as published). */
  level1: string;
  rows: IndicatorRow[];
}

/**
 * Consecutive indicators with the same 一级指标 form a group (one `<tbody>`, the 一级指标 cell spanning it); within a
 * group, consecutive equal 二级指标 merge. A self-evaluation prints each score in a merged cell at the top of the rows
 * it covers: a score spans down to the next score or the end of its group; rows above a group's first score stay
 * empty one by one.
 */
export function indicatorGroups(indicators: readonly PerformanceIndicator[]): IndicatorGroup[] {
  const groups: IndicatorGroup[] = [];
  for (const indicator of indicators) {
    let group = groups.at(-1);
    if (!group || group.level1 !== indicator.level1) {
      group = { level1: indicator.level1, rows: [] };
      groups.push(group);
    }
    group.rows.push({ indicator, level2Span: 1, scoreSpan: 1 });
  }
  for (const group of groups) {
    const rows = group.rows;
    for (let i = 0; i < rows.length; ) {
      let j = i + 1;
      while (j < rows.length && (rows[j] as IndicatorRow).indicator.level2 === (rows[i] as IndicatorRow).indicator.level2) j++;
      (rows[i] as IndicatorRow).level2Span = j - i;
      for (let k = i + 1; k < j; k++) (rows[k] as IndicatorRow).level2Span = 0;
      i = j;
    }
    let open: IndicatorRow | undefined;
    for (const row of rows) {
      if (row.indicator.score !== undefined && row.indicator.score !== "") open = row;
      else if (open) {
        open.scoreSpan++;
        row.scoreSpan = 0;
      }
    }
  }
  return groups;
}

// ---- raw rows ----

/** Source lines the block shows: from the title (or first row) to the table's end (or last row). */
export function lineRange(table: PerformanceTable): [number, number] {
  const first = table.rows[0]?.line ?? table.line;
  const last = table.rows.at(-1)?.line ?? table.endLine;
  return [Math.min(table.line, first), Math.max(table.endLine, last)];
}

/** Widest row, in cells (at least 1). */
export function rawWidth(rows: readonly TableRow[]): number {
  return Math.max(1, ...rows.map((r) => r.cells.length));
}
