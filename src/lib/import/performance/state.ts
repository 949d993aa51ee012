/**
 * The state of the parser while it reads one performance table: what it has read so far (fields, funding,
 * indicators, rows), where it is in the table (section, pending labels, headers), and the problems and notes it
 * records. The modules that read rows share it; `note` and `unplaced` record what had to be interpreted or left out.
 */
import type {
  ImportNote,
  PerformanceField,
  PerformanceFunding,
  PerformanceIndicator,
  PerformanceKind,
  TableRow,
} from "../../model.ts";
import { normalizeText, splitCells, type SourceLine } from "../../text.ts";
import { quote, trimCells, type Token } from "./cells.ts";
import type { Role } from "./labels.ts";

/** The part of the table being read. */
export type Section = "head" | "funding" | "indicators" | "tail" | "evaluators" | "done";

export interface PendingLabel {
  role: Role;
  label: string;
}

export interface FundingColumn {
  label: string;
  unit?: string;
  /** The cell the column's label is printed in (a source printed under a later column belongs to it). */
  at?: number;
}

/** Columns of the indicator header row (一级指标 | 二级指标 | … | 指标值 …), used to break ties. */
export interface IndicatorHeader {
  l2Col: number;
  valueCol: number;
  rightStart: number;
  scoreCol: number;
  /**
   * One side only (one 二级指标 and one 指标值 column: the Shanghai form's `年度(/项目)指标值`); `year` when that column
   * holds the 年度 value.
   */
  oneSide?: "target" | "year";
}

export const DEFAULT_HEADER: IndicatorHeader = { l2Col: 2, valueCol: 4, rightStart: 5, scoreCol: 7 };

/** The 年度 side of a target-table row, matched to an indicator of the 实施期 side at the end. */
export interface YearEntry {
  name?: Token;
  value?: Token;
  l2?: Token;
  line: number;
  /** The indicator of the same row, if any (tried first). */
  own?: PerformanceIndicator;
}

/** A text field (conclusion) being read: its label, and its entry once it has a value. */
export interface OpenText {
  label: string;
  line: number;
  entry?: PerformanceField;
}

export interface ParseState {
  readonly kind: PerformanceKind;
  readonly title: SourceLine;
  readonly rows: TableRow[];
  readonly fields: PerformanceField[];
  readonly conclusions: PerformanceField[];
  readonly funding: PerformanceFunding[];
  readonly indicators: PerformanceIndicator[];
  readonly problems: ImportNote[];
  readonly notes: ImportNote[];
  projectName?: string;
  department?: string;
  implementingUnit?: string;
  readonly totals: { value: string; line: number }[];
  endLine: number;
  section: Section;
  /** A table row (not a title-area line) has been read. */
  bodyStarted: boolean;
  /** A label that ended the previous row without its value (the value may wrap onto the next row). */
  pending?: PendingLabel;
  /** Labels printed on lines of their own, their values on later lines (in order). */
  queue: PendingLabel[];
  /** A text field (conclusion) whose label stood alone or whose text continues on the following lines. */
  text?: OpenText;
  goalGroup?: string;
  goalHeader?: { left: string; right: string; rightCol: number };
  expectGoal: boolean;
  /** The row right after the funding rows of a target table (the template's 项目概况 row). */
  afterFunding: boolean;
  tasks: boolean;
  fundingCols: FundingColumn[];
  fundingUnit?: string;
  pendingFunding?: { col: number; source: string };
  header: IndicatorHeader;
  level1: string;
  level2: string;
  readonly years: YearEntry[];
  /** Indicators whose 年度 side has been read. */
  readonly claimed: Set<PerformanceIndicator>;
}

/** The state before the first line after the title; the title line is the first of `rows`. */
export function createState(kind: PerformanceKind, title: SourceLine): ParseState {
  return {
    kind,
    title,
    rows: [{ line: title.line, cells: trimCells(splitCells(title.text).map(normalizeText)) }],
    fields: [],
    conclusions: [],
    funding: [],
    indicators: [],
    problems: [],
    notes: [],
    totals: [],
    endLine: title.line,
    section: "head",
    bodyStarted: false,
    queue: [],
    expectGoal: false,
    afterFunding: false,
    tasks: false,
    fundingCols: [],
    header: DEFAULT_HEADER,
    level1: "",
    level2: "",
    years: [],
    claimed: new Set<PerformanceIndicator>(),
  };
}

/**
 * Cells the structured reading cannot place (they stay in `rows`). As for the rest of a report, a cell with a digit
 * is a problem (a number must never be dropped silently); a text cell is a note (照录).
 */
export function unplaced(s: ParseState, tokens: Token[], line: number, why?: string): void {
  const numbers = tokens.filter((t) => /\d/u.test(t.text));
  const words = tokens.filter((t) => !/\d/u.test(t.text));
  if (numbers.length > 0) s.problems.push({ line, message: `绩效表中无法归位的含数字单元格：${quote(numbers)}${why ? `（${why}）` : ""}` });
  if (words.length > 0) note(s, line, `绩效表中未归位的文字，照录于表格各行：${quote(words)}`);
}

/** Records what the parser had to interpret. */
export function note(s: ParseState, line: number, message: string): void {
  s.notes.push({ line, message });
}
