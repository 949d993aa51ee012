/**
 * The touming data model: one faithful, validated description of a published disclosure.
 *
 * On disk a report is a folder `src/data/reports/<id>/` holding
 *   - `source.txt`        the disclosure text as published (never edited);
 *   - `report.json`       metadata, 概况, the index of every standard table (with its header), 情况说明, 名词解释;
 *   - `tables/NN.csv`     the body of each standard table that is present or empty (keys `line`, `c1`…`cN`);
 *   - `performance.json`  every 项目支出绩效目标表 / 绩效自评表 / 整体支出绩效目标表.
 * Amounts are kept as the decimal strings published; the only normalisation is removing the spaces and thousands
 * separators that PDF extraction leaves inside numbers (`4411. 49`, `3,119.54` → `4411.49`, `3119.54`).
 */

export type ReportKind = "budget" | "final";
export type ReportLevel = "department" | "unit";

export interface NamedId {
  name: string;
  id: string;
}

export interface ReportMeta {
  /** Stable ASCII id, also the folder name and the URL slug: `<city>-<department>-<year>-<kind>`. */
  id: string;
  province: NamedId;
  city: NamedId;
  /** The publishing department or unit. `kind` groups like departments across cities (e.g. `civil-affairs`). */
  department: NamedId & { kind: string; kindName: string };
  level: ReportLevel;
  /** The department a unit (单位) belongs to; absent for a department (部门). */
  parent?: NamedId;
  year: number;
  kind: ReportKind;
  /** The template family the document is printed in (src/templates/). */
  template?: { id: string; name: string };
  /** The document's own title line, e.g. `2024年度单位决算公开`. */
  title: string;
  /** Amount unit of the standard tables. */
  unit: string;
  source: {
    file: string;
    sha256: string;
    lines: number;
    /** The name the file had when it was imported. */
    original: string;
    /** The department's own web address of the publication (its page or its PDF), when the importer was told it. */
    url?: string;
    /** The day the department published it (YYYY-MM-DD), when the importer was told it. */
    published?: string;
    /** When the source was a PDF: source.txt is the text read from it (tables from their grid), and this says from what. */
    pdf?: {
      sha256: string;
      pages: number;
      /** The line of source.txt where each page's text begins (0: a page without text). */
      pageStarts: number[];
    };
  };
}

/** A paragraph (or a cell row) of text with the source line it came from. */
export interface TextLine {
  line: number;
  text: string;
}

export interface NarrativeBlock {
  /** `p` a paragraph; `row` a row of a small table inside the narrative (cells). */
  type: "p" | "row";
  line: number;
  text?: string;
  cells?: string[];
}

export interface NarrativeSection {
  heading: string;
  line: number;
  /** 1 for 一、…, 2 for （一）…, 3 for 1、… */
  depth: number;
  blocks: NarrativeBlock[];
}

export interface GlossaryEntry {
  line: number;
  /** The number as published (一、二、…), without the punctuation. */
  number: string;
  term: string;
  definition: string;
}

export type ColumnRole = "code" | "label" | "lineno" | "value";

export interface Column {
  /** Key of the column in the table's CSV: `c1`…`cN`, in the published order. */
  key: string;
  /** Multi-level header, top level first, as published (whitespace normalised). */
  path: string[];
  /** `path` joined with `/`. */
  label: string;
  role: ColumnRole;
  /** Side-by-side groups (two-sided tables, table 06's four groups) are numbered from 1. */
  group: number;
  /** The 栏次 / column number printed under the header, if any. */
  colNo?: string;
}

export type TableState = "present" | "empty" | "missing";

/** Tables of a document that its template does not have are numbered from here. */
export const EXTRA_FROM = 21;

export interface TableEntry {
  /** 1–10 for final accounts (公开01表 → 1), 1–13 for budgets (表一 → 1). */
  no: number;
  /** The national template's name of the table. */
  standardTitle: string;
  /** `present` with rows; `empty` published without data (本表无数据); `missing` absent from the source. */
  state: TableState;
  /** Title as published (missing tables: absent). */
  title?: string;
  /** Label as published, e.g. `公开01表`, `预算公开表2`; absent when the document prints none. */
  label?: string;
  /** Source line of the title. */
  line?: number;
  /** 部门名称 / 单位名称, period and unit lines printed above the table. */
  department?: string;
  period?: string;
  unit?: string;
  /** The header rows as published, cell by cell (whitespace normalised). */
  headerRows: string[][];
  columns: Column[];
  /** `注：…` under the table. */
  note?: string;
  /** `说明：本表无数据` or similar. */
  emptyNote?: string;
  /** A `missing` table that the report's template does not have (not a gap in the source): why, in words. */
  absent?: string;
  /**
   * A table of the document that the template does not have (a 政府采购 table, a district's own): kept under its own
   * title, numbered from 21 (EXTRA_FROM), never dropped; no check reads it as a standard table.
   */
  extra?: true;
  /** Relative path of the body CSV (present and empty tables). */
  file?: string;
  rowCount: number;
}

export interface TableRow {
  line: number;
  cells: string[];
  /** A heading printed inside the body (e.g. 公开10表's `项目 行次 统计数` under each section): text, not amounts. */
  heading?: boolean;
}

/** A standard table with its body loaded. */
export interface Table extends TableEntry {
  rows: TableRow[];
}

export interface ImportNote {
  line: number;
  message: string;
}

/** What stops an import: its line, the column (or the part of the document) it is in, and what is printed there. */
export interface ImportProblem extends ImportNote {
  column?: string;
  value?: string;
}

export interface ReportDocument {
  meta: ReportMeta;
  overview: {
    duties: TextLine[];
    organization: TextLine[];
  };
  tables: TableEntry[];
  narrative: NarrativeSection[];
  glossary: GlossaryEntry[];
  /** What the importer had to interpret (e.g. a header cell that extraction shifted); shown to readers. */
  notes: ImportNote[];
}

// ---- Performance (绩效) ----

export type PerformanceKind = "project-target" | "project-self-evaluation" | "department-target";

export interface PerformanceField {
  /** Field label as published (e.g. `项目名称`, `主管部门及代码`). */
  label: string;
  value: string;
  line: number;
}

export interface PerformanceFunding {
  /** e.g. `实施期资金总额`, `年度资金总额`, `项目预算金额`, `实际到位金额`, `实际执行金额`. */
  label: string;
  /** Funding source row, e.g. `合计`, `中央财政资金`, `市财政`; `合计` for the total line. */
  source: string;
  /** Exact string as published (may carry thousands separators, e.g. `500,000`). */
  amount: string;
  /** `元` or `万元` as stated in the table. */
  unit: string;
  line: number;
}

export interface PerformanceIndicator {
  /** 一级指标, 二级指标 and 三级指标 as published; carried down from the rows above where merged. */
  level1: string;
  level2: string;
  level3: string;
  /** For target tables: the 指标值 (实施期 and 年度 where both exist). */
  target?: string;
  yearTarget?: string;
  /** For self-evaluations: 年度指标值, 全年完成值, 未完成原因和改进措施, 自评得分 (score as published). */
  actual?: string;
  deviation?: string;
  score?: string;
  line: number;
}

export interface PerformanceTable {
  kind: PerformanceKind;
  /** Title line as published. */
  title: string;
  line: number;
  /** Last source line that belongs to the table. */
  endLine: number;
  projectName?: string;
  department?: string;
  implementingUnit?: string;
  fields: PerformanceField[];
  funding: PerformanceFunding[];
  indicators: PerformanceIndicator[];
  /** Total score as published (self-evaluations). */
  totalScore?: string;
  /** 自评结论, 主要经验做法, 存在问题与整改措施, 总体目标… */
  conclusions: PerformanceField[];
  /** Every non-empty row of the table as published, so nothing is lost. */
  rows: TableRow[];
}

export interface PerformanceDocument {
  reportId: string;
  tables: PerformanceTable[];
}

/** A report with everything loaded. */
export interface Report extends ReportDocument {
  tables: Table[];
  performance: PerformanceTable[];
}

/** The level of a line item's row (see rowLevel in src/lib/line-items.ts). */
export type RowLevel = "类" | "款" | "项" | "合计" | "other";

export interface LineItem {
  report_id: string;
  city: string;
  department: string;
  year: string;
  kind: ReportKind;
  table_no: string;
  table_title: string;
  row_code: string;
  /** Where the row sits: 类 / 款 / 项 by its 科目代码, 合计 for a row that totals other rows, other for the rest. */
  row_level: RowLevel;
  row_label: string;
  column_label: string;
  /** "true" when the number is a total printed by the source: its row is a 合计 row or its column a total column. */
  is_total: "true" | "false";
  value: string;
  unit: string;
}

export const LINE_ITEM_COLUMNS = [
  "report_id",
  "city",
  "department",
  "year",
  "kind",
  "table_no",
  "table_title",
  "row_code",
  "row_level",
  "row_label",
  "column_label",
  "is_total",
  "value",
  "unit",
] as const satisfies readonly (keyof LineItem)[];
