/**
 * Key figures quoted in the text against the cell that prints them: `收入总计3,119.54万元` against 公开01表's 总计
 * row. The same figure printed twice must be the same number (tolerance 0); a figure that is the sum of two cells
 * (政府性基金 收入总计 = 年初结转和结余 + 本年收入) is allowed the rounding of its parts.
 */
import type { Report } from "../../../model.ts";
import { type Cell, tableName } from "../../cells.ts";
import { compare, type Dec, formatDec, sub, sum, tolerance, ZERO, abs } from "../../../decimal.ts";
import type { CheckResult } from "../../types.ts";
import { differenceOf, inMentionUnit, isZero, mentionDec, mentionPlace, mentionPointer, sameAsPrinted } from "./amount.ts";
import { type Family, type FigureSpec, figureOf, locate, type Locator } from "./figures.ts";
import { entries, matchAmount } from "./match.ts";
import { type Mention, mentions } from "./mentions.ts";

/** Quoted amounts (not percentages, not changes) that name one of the key figures, with the figure. */
export function keyedMentions(report: Report): { mention: Mention; spec: FigureSpec }[] {
  return mentions(report).flatMap((m) => {
    if (m.role !== "level" || m.unit === "%") return [];
    const spec = figureOf(report.meta.kind, m);
    return spec ? [{ mention: m, spec }] : [];
  });
}

interface Outcome {
  ok: boolean;
  cells: Cell[];
  expected: Dec;
  tol: Dec;
  scale: number;
}

/** The quoted amount against the sum of the located cells, in the quoted unit. */
function against(m: Mention, cells: Cell[], unit: string): Outcome | undefined {
  const values: Dec[] = [];
  for (const c of cells) {
    const d = inMentionUnit(c.value, unit, m);
    if (d === undefined) return undefined;
    values.push(d);
  }
  const expected = sum(values);
  const printed = cells.filter((c) => c.value !== "").length;
  const scale = Math.max(mentionDec(m).scale, ...values.map((v) => v.scale));
  const tol = printed <= 1 ? ZERO : tolerance(printed, scale);
  const found = mentionDec(m);
  return { ok: sameAsPrinted(found, expected) || compare(abs(sub(found, expected)), tol) <= 0, cells, expected, tol, scale };
}

function result(id: string, m: Mention, spec: FigureSpec, status: CheckResult["status"], cells: Cell[], extra: Partial<CheckResult>): CheckResult {
  return { check: id, status, place: mentionPlace(m, spec.name), table: 0, cells: [mentionPointer(m), ...cells], ...extra };
}

function located(report: Report, m: Mention, locators: Locator[]) {
  const loc = locate(report, locators);
  if (loc.state !== "present") return { loc, outcome: undefined };
  return { loc, outcome: against(m, loc.cells, loc.unit) };
}

/** One quoted key figure against its cells (and the other tables that print it). */
export function checkFigure(report: Report, id: string, m: Mention, spec: FigureSpec): CheckResult {
  const found = mentionDec(m);
  const primary = located(report, m, spec.cells);
  const others = (spec.alternatives ?? []).map((a) => located(report, m, a));
  const all = [primary, ...others];
  const hit = all.find((x) => x.outcome?.ok);
  // Expected, found, difference and tolerance of a comparison with the cells.
  const numbers = (o: NonNullable<typeof hit>["outcome"] & object) => ({
    expected: formatDec(o.expected, o.scale),
    found: m.value,
    difference: differenceOf(found, o.expected),
    tolerance: formatDec(o.tol, o.scale),
  });
  if (hit?.outcome) {
    const o = hit.outcome;
    return result(id, m, spec, "pass", o.cells, {
      ...numbers(o),
      ...(hit !== primary && o.cells[0] ? { note: `${primary.loc.state === "present" ? "" : `${primary.loc.reason}；`}与${tableName(report, o.cells[0].table)}所列相符` } : {}),
    });
  }
  const first = all.find((x) => x.outcome !== undefined);
  if (first?.outcome) {
    const o = first.outcome;
    return result(id, m, spec, "fail", o.cells, {
      ...numbers(o),
      note: `文中数字与表中${spec.name}不一致`,
    });
  }
  // No table prints it as a number: published empty (本表无数据) means nothing was spent.
  const empty = all.find((x) => x.loc.state === "empty");
  if (empty && empty.loc.state === "empty") {
    return result(id, m, spec, isZero(found) ? "pass" : "fail", [], {
      expected: "0",
      found: m.value,
      difference: m.value,
      tolerance: "0",
      note: isZero(found) ? `${empty.loc.reason}，文中为0` : `${empty.loc.reason}，但文中为${m.value}${m.unit}`,
    });
  }
  const reason = primary.loc.state === "present" ? "表中此格不是数字" : primary.loc.reason;
  // The table that prints it is missing: the same figure may still be printed (or add up) elsewhere.
  const fallback = primary.loc.state === "present" ? undefined : matchAmount(report, entries(report), m);
  if (fallback?.status === "pass") {
    return result(id, m, spec, "pass", fallback.cells, {
      ...(fallback.expected !== undefined ? { expected: fallback.expected } : {}),
      found: m.value,
      ...(fallback.difference !== undefined ? { difference: fallback.difference } : {}),
      ...(fallback.tolerance !== undefined ? { tolerance: fallback.tolerance } : {}),
      note: `${reason}；${fallback.note ?? fallback.cells.map((c) => `与${tableName(report, c.table)}“${c.row}”（${c.columnLabel}）相符`).join("，")}`,
    });
  }
  return result(id, m, spec, "na", [], { found: m.value, note: `${reason}，无法核对` });
}

export const FAMILY_IDS: Record<Family, string> = {
  "total-income": "narrative.total-income",
  "total-expenditure": "narrative.total-expenditure",
  appropriation: "narrative.appropriation",
  "basic-project": "narrative.basic-project",
  "three-public": "narrative.three-public",
  "office-expenses": "narrative.office-expenses",
  procurement: "narrative.procurement",
};

/** Every quoted figure of one family. */
export function checkFamily(report: Report, family: Family): CheckResult[] {
  const id = FAMILY_IDS[family];
  return keyedMentions(report)
    .filter((x) => x.spec.family === family)
    .map(({ mention, spec }) => checkFigure(report, id, mention, spec));
}

/** The budget (预算数) cells of a quoted final-account figure, for `完成全年预算的…%`. */
export function budgetOf(report: Report, m: Mention): { cells: Cell[]; value: Dec } | undefined {
  const spec = m.role === "level" && m.unit !== "%" ? figureOf(report.meta.kind, m) : undefined;
  if (!spec?.budget) return undefined;
  const loc = locate(report, spec.budget);
  if (loc.state !== "present") return undefined;
  const values = loc.cells.map((c) => inMentionUnit(c.value, loc.unit, m));
  if (values.some((v) => v === undefined)) return undefined;
  return { cells: loc.cells, value: sum(values as Dec[]) };
}
