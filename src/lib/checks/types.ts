/**
 * Checks: rules run over a validated report. A rule reads published cells and says, for each place it applies,
 * whether the source agrees with itself. A failure is a finding about the source, never a reason to change a number.
 */
import type { Report, ReportKind } from "../model.ts";

export type CheckCategory = "within" | "cross" | "narrative" | "completeness" | "plausibility";
export type CheckStatus = "pass" | "fail" | "na";

export const CATEGORY_NAMES: Record<CheckCategory, string> = {
  within: "表内勾稽",
  cross: "表间勾稽",
  narrative: "文字与表格",
  completeness: "完整性",
  plausibility: "合理性",
};

export const STATUS_NAMES: Record<CheckStatus, string> = { pass: "通过", fail: "不符", na: "不适用" };

/** One published cell a result reads. `table` 0 is the narrative (情况说明 / 概况), `line` its source line. */
export interface CellPointer {
  table: number;
  line: number;
  /** Column key (`c3`) in the table; empty for a narrative amount. */
  column: string;
  /** The published header of the column (levels joined with `/`), or `情况说明`. */
  columnLabel: string;
  /** Row code, or the row's label where it has no code. */
  row: string;
  /** As printed; empty cells are "". */
  value: string;
}

export interface CheckResult {
  check: string;
  status: CheckStatus;
  /** Where the rule applies, in words: `表三 · 208 社会保障和就业支出 · 基本支出`. */
  place: string;
  /** Table number of the place (0: several tables or none). */
  table: number;
  expected?: string;
  found?: string;
  difference?: string;
  tolerance?: string;
  /** Why the rule does not apply, or what a failure means, in words. */
  note?: string;
  cells: CellPointer[];
}

export interface Rule {
  /** Stable id, e.g. `sum.code-hierarchy`. */
  id: string;
  /** Plain-Chinese title. */
  title: string;
  /** What makes it a rule: the template's own identity, or the regulation. */
  basis: string;
  category: CheckCategory;
  /** Report kinds it applies to. */
  kinds: readonly ReportKind[];
  /** The cells it reads, in words. */
  reads: string;
  run(report: Report, context: CheckContext): CheckResult[];
}

export interface CheckContext {
  /** The latest year a report may be for (this year + 1). */
  maxYear: number;
}

export interface ReportChecks {
  reportId: string;
  results: (CheckResult & { category: CheckCategory; title: string })[];
  counts: Record<CheckStatus, number>;
}

export const TEMPLATE_BASIS = "模板表式自身的勾稽关系";
export const RULES_BASIS = "财预〔2016〕143号《地方预决算公开操作规程》";
