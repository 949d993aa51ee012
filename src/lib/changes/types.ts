/**
 * Statements of change and of execution as data: what the department itself says moved since last year (`比上年增加…
 * 万元，增长…%，主要原因是…`) and how much of its budget it spent (`年初预算…万元，支出决算…万元，完成年初预算的…%`).
 */
import type { CellPointer } from "../checks/types.ts";

/** `change`: against last year (决算, 预算 or 执行数); `execution`: 决算 against this year's budget (年初 / 全年). */
export type StatementKind = "change" | "execution";

/**
 * `increase` / `decrease` / `unchanged`. For an execution statement: the 决算 above, below or equal to the budget (as
 * the text says it, or as its printed amounts or rate show it).
 */
export type Direction = "increase" | "decrease" | "unchanged";

/**
 * What a figure is compared with, as the text states it:
 * - `previous-final` / `previous-budget` / `previous-execution`: last year's 决算, 预算 or 预算执行数;
 * - `previous-year`: last year, without saying which (`与上年相比`);
 * - `initial-budget` / `full-year-budget` / `budget`: this year's 年初预算, 全年预算, or a 预算数 without either word.
 */
export type BaseKind = "previous-final" | "previous-budget" | "previous-execution" | "previous-year" | "initial-budget" | "full-year-budget" | "budget";

/** An amount as the text prints it. */
export interface StatedAmount {
  /** As printed (`1,127.65万元`, `33.01`, `2.9%`). */
  printed: string;
  /** The number as a plain decimal string (`1127.65`). */
  value: string;
  unit: "万元" | "元" | "%";
}

export interface StatementBase {
  kind: BaseKind;
  /** As printed: `上年`, `上年决算`, `2024年预算`, `2025年预算执行数`, `年初预算`, `全年预算`. */
  text: string;
  /** The year compared with, where the text prints it (`2023年`) or says 上年 of a report of a known year. */
  year?: number;
}

export interface ChangeStatement {
  kind: StatementKind;
  /** The sentence shape that read it (src/templates/statements.json), or `cue` for a sentence only half understood. */
  shape: string;
  /** The figure: the key figure's name (`收入总计`, `机关运行经费`), the 类's name (`社会保障和就业支出`), or the words. */
  figure: string;
  /** The words naming the figure as printed (`2024年度忻州市民政局预算收入总计`). */
  figureText: string;
  /** The 功能分类 code when the figure is a coded row of the tables (`208`) or printed with its code. */
  code?: string;
  /** This year's figure (for an execution statement: the 决算). */
  current?: StatedAmount;
  /** The published cell that prints this year's figure, when one certainly does. */
  cell?: CellPointer;
  /** Why no cell is given (table missing, published empty, another value). */
  cellNote?: string;
  direction?: Direction;
  /** The direction printed with the percentage (`下降2.9%`), when printed. */
  percentDirection?: "increase" | "decrease";
  /** The change as printed (`减少1.88万元` → 1.88, always positive; the direction says which way). */
  change?: StatedAmount;
  /** A change statement's percentage (`下降2.9%`); an execution statement's rate (`完成年初预算的227.03%`). */
  percent?: StatedAmount;
  base: StatementBase;
  /**
   * The value compared with: last year's figure or the budget, as printed (`比2024年预算40.72万元`, `年初预算1,127.65
   * 万元`), else implied by the text (this year ∓ the change) and marked `implied`.
   */
  baseValue?: StatedAmount & { implied: boolean };
  /** The published cell that prints the budget of an execution statement (公开09表 预算数), when one certainly does. */
  baseCell?: CellPointer;
  /** The reason, quoted exactly (without the marker and the final punctuation). */
  reason?: string;
  /** `主要原因是`, `主要原因`, `原因是`, `主要是`… */
  reasonMarker?: string;
  /** Source line of the paragraph (its first, when a page break cut it). */
  line: number;
  /** Every source line of the paragraph, when more than one. */
  lines?: number[];
  /** Section headings of the paragraph, outermost first. */
  headings: string[];
  /** The sentence(s) the statement is printed in. */
  sentence: string;
  /** The words the shape matched. */
  text: string;
  /** What the parser did not fully understand (kept, never guessed). */
  note?: string;
}

/** A paragraph of 情况说明 to read. */
export interface StatementParagraph {
  /** Its first source line. */
  line: number;
  /** Every source line it is read from, when more than one (a sentence cut by a page break). */
  lines?: number[];
  text: string;
  headings: string[];
}
