/**
 * The performance (绩效) tables of a disclosure: 项目支出绩效目标表 and 整体支出绩效目标申报表 (budgets) and
 * 项目支出绩效自评表 (final accounts), as extracted from the published PDFs — one table row per line, cells separated by
 * tabs, with every kind of damage extraction does to such forms: cells shifted left or right, a merged cell's text on
 * the middle row of its span, labels and values sharing a cell (`实施单位 阳泉市民政局`, `市财政：11.68`), labels on lines
 * of their own with the values further down, truncated cells, HTML fragments, page breaks with watermarks.
 *
 * The parser reads a table as a sequence of cells rather than as a grid: labels are recognised by their text (the
 * national templates fix them), indicator levels by their vocabulary (数量指标, 社会效益指标 …), and the 年度 side of a
 * target table by its repetition of the 实施期 side. Column positions are only used to break ties. Every value is the
 * cell text as published (normalizeText only). Every non-noise line of the block is also kept in `rows`, so nothing
 * is lost when the structured reading cannot place something. Such a cell is returned as a problem when it holds a
 * digit (a number must never be dropped silently) and as a note otherwise (a seal's text, `.....`); `notes` also
 * records what had to be interpreted (a 项目名称 read by its position, a 年度 indicator matched by name on another
 * row, a page of another table printed after this one's 填报人 …).
 *
 * The parser lives in ./performance/, one concept a module: cells.ts (cells as tokens), labels.ts (the label
 * vocabulary), titles.ts (block titles and ends), state.ts (the parser's state, problems and notes), fields.ts
 * (fields, conclusions, lines of their own), label-rows.ts (label / value rows), funding.ts (funding rows),
 * vocabulary.ts (indicator names), indicators.ts (the indicator section), target-indicators.ts and year-matching.ts
 * (绩效目标表 indicators, 实施期 and 年度 sides), self-indicators.ts (绩效自评表 indicators), parse.ts (the parse of
 * one table).
 *
 * Pure functions; no I/O.
 */
export { parsePerformanceTable, type PerformanceParse } from "./performance/parse.ts";
export { isPerformanceBlockEnd, performanceTitleKind } from "./performance/titles.ts";
