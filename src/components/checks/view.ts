/**
 * The report page's 数据核对 section, computed from the report's check rows (as the downloads pass wrote them for the
 * page): counts, the failures (numbered, each with the cells it reads and a link to each), the passes and
 * not-applicables grouped by category and rule (folded on the page), and the marks the tables and the narrative print
 * on the cells of a failure.
 */
import { CATEGORY_ORDER, type StatusCounts } from "../../lib/check-summary.ts";
import { CATEGORY_NAMES, type CheckCategory, type CheckStatus } from "../../lib/checks/types.ts";
import type { CheckCell, CheckRow } from "../../lib/export/checks.ts";
import { cellId } from "../../lib/figures.ts";
import { groupDigits } from "../../lib/format.ts";
import { printedLabel } from "../../lib/templates.ts";
import type { Report } from "../../lib/model.ts";

/** Failures printed unfolded; the rest of them (a badly broken source) sit in one <details>. */
export const FAILURES_SHOWN = 30;

/** A failure's mark on a cell: a link back to the finding. */
export interface Mark {
  href: string;
  n: number;
}

export interface CellLink {
  /** Where the cell is, in words. */
  label: string;
  /** As printed; "" for an empty cell. */
  value: string;
  /** `#t3-l203-c4` or `#src-l512`; absent when the page prints nothing at that place. */
  href?: string;
}

export interface Finding {
  n: number;
  id: string;
  check: string;
  title: string;
  category: string;
  place: string;
  expected: string;
  found: string;
  difference: string;
  tolerance: string;
  note: string;
  cells: CellLink[];
}

export interface RuleGroup {
  check: string;
  title: string;
  items: { place: string; status: CheckStatus; detail: string }[];
}

export interface CategoryGroup {
  category: CheckCategory;
  name: string;
  counts: StatusCounts;
  /** The passing and not-applicable results by rule. */
  rules: RuleGroup[];
}

export interface ChecksView {
  counts: StatusCounts;
  total: number;
  /** Every category with results, in the site's order, with its counts and its passes / not-applicables by rule. */
  categories: CategoryGroup[];
  failures: Finding[];
  /** Table cells of failures: cell id → marks. */
  cellMarks: Map<string, Mark[]>;
  /** Narrative and 概况 paragraphs of failures: source line of the paragraph → marks. */
  textMarks: Map<number, Mark[]>;
}

/** The HTML id of a paragraph of 概况 or 情况说明 that a failure reads an amount from. */
export function textAnchorId(line: number): string {
  return `src-l${line}`;
}

export function findingId(n: number): string {
  return `check-${n}`;
}

/** Source lines where a paragraph of 概况 or 情况说明 begins, ascending. */
function textLines(report: Report): number[] {
  const lines = [
    ...report.overview.duties.map((p) => p.line),
    ...report.overview.organization.map((p) => p.line),
    ...report.narrative.flatMap((s) => s.blocks.map((b) => b.line)),
  ];
  return [...new Set(lines)].sort((a, b) => a - b);
}

/** The paragraph a narrative amount on `line` is printed in: the last one beginning on or before it. */
function paragraphOf(lines: readonly number[], line: number): number | undefined {
  let found: number | undefined;
  for (const l of lines) {
    if (l > line) break;
    found = l;
  }
  return found;
}

const isZero = (d: string) => /^-?0*(?:\.0+)?$/u.test(d) && d !== "";

/** What a passing or not-applicable result says after its place: the printed figure, a difference within tolerance, or why it does not apply. */
function passDetail(r: CheckRow): string {
  if (r.status === "na") return `不适用${r.note ? `，${r.note}` : ""}`;
  const parts = [r.found !== "" ? groupDigits(r.found) : r.note];
  if (r.difference !== "" && !isZero(r.difference)) parts.push(`（应为 ${groupDigits(r.expected)}，差额 ${groupDigits(r.difference)}，在容差 ${r.tolerance} 内）`);
  return parts.join("");
}

export function checksView(rows: readonly CheckRow[], report: Report): ChecksView {
  const counts: StatusCounts = { pass: 0, fail: 0, na: 0 };
  for (const r of rows) counts[r.status as CheckStatus]++;
  const labelOf = (no: number) => printedLabel(report.meta, report.tables.find((t) => t.no === no) ?? { no });
  const onPage = new Set(report.tables.filter((t) => t.state !== "missing").map((t) => t.no));
  const lines = textLines(report);
  const cellMarks = new Map<string, Mark[]>();
  const textMarks = new Map<number, Mark[]>();
  const mark = <K>(map: Map<K, Mark[]>, key: K, m: Mark) => {
    const list = map.get(key) ?? [];
    if (!list.some((x) => x.n === m.n)) list.push(m);
    map.set(key, list);
  };

  const link = (c: CheckCell, placeTable: number, m: Mark): CellLink => {
    if (c.table === 0) {
      const paragraph = paragraphOf(lines, c.line);
      if (paragraph !== undefined) mark(textMarks, paragraph, m);
      return { label: `情况说明第 ${c.line} 行`, value: c.value, ...(paragraph !== undefined ? { href: `#${textAnchorId(paragraph)}` } : {}) };
    }
    const where = [c.table !== placeTable ? labelOf(c.table) : "", c.row, c.column_label].filter((x) => x !== "").join(" · ");
    if (!onPage.has(c.table)) return { label: where, value: c.value };
    const id = cellId(c.table, c.line, c.column);
    mark(cellMarks, id, m);
    return { label: where, value: c.value, href: `#${id}` };
  };

  const failures = rows
    .filter((r) => r.status === "fail")
    .map((r, i): Finding => {
      const n = i + 1;
      const m = { n, href: `#${findingId(n)}` };
      return {
        n,
        id: findingId(n),
        check: r.check_id,
        title: r.title,
        category: CATEGORY_NAMES[r.category as CheckCategory] ?? r.category,
        place: r.place,
        expected: r.expected,
        found: r.found,
        difference: r.difference,
        tolerance: r.tolerance,
        note: r.note,
        cells: r.cells.map((c) => link(c, Number(r.table_no), m)),
      };
    });

  const categories: CategoryGroup[] = [];
  for (const category of CATEGORY_ORDER) {
    const inCategory = rows.filter((r) => r.category === category);
    if (inCategory.length === 0) continue;
    const c: StatusCounts = { pass: 0, fail: 0, na: 0 };
    const rules = new Map<string, RuleGroup>();
    for (const r of inCategory) {
      c[r.status as CheckStatus]++;
      if (r.status === "fail") continue;
      const g = rules.get(r.check_id) ?? { check: r.check_id, title: r.title, items: [] };
      g.items.push({ place: r.place, status: r.status as CheckStatus, detail: passDetail(r) });
      rules.set(r.check_id, g);
    }
    categories.push({ category, name: CATEGORY_NAMES[category], counts: c, rules: [...rules.values()] });
  }
  return { counts, total: rows.length, categories, failures, cellMarks, textMarks };
}
