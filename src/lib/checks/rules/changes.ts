/**
 * What the statements of change (src/lib/changes.ts) imply: the previous-year figure a statement implies without
 * printing it is not below zero, and the changes the text gives for each 类 of the 一般公共预算财政拨款支出 (and for
 * each “三公” item) add up to the change it gives for the total. The statements' printed percentages and amounts are
 * checked by narrative.changes and narrative.percentages, one source line at a time; changes.previous and
 * changes.percentage check only what those cannot reach — a statement without a change amount (a Shanghai item line:
 * last year's 执行数, this year's 预算安排 and a percentage) or cut over two lines — so nothing is found twice.
 * changes.rate would find what narrative.percentages finds and is not registered.
 */
import { beyondNarrativeChecks, changeStatements, CHANGE_RULES, impliedPreviousChecks, sumChecks, type ChangeStatement } from "../../changes.ts";
import type { Report } from "../../model.ts";
import { memo } from "../cells.ts";
import type { CheckResult, Rule } from "../types.ts";

/** The report's statements of change and execution, read once per check run. */
export const statementsOf = (report: Report): ChangeStatement[] => memo(report, "change-statements", () => changeStatements(report));
const sumsOf = (report: Report): CheckResult[] => memo(report, "change-sums", () => sumChecks(report, statementsOf(report)));

const REGISTERED = new Set(["changes.previous", "changes.percentage", "changes.implied-previous", "changes.sum-of-classes", "changes.sum-of-items"]);

function run(id: string, report: Report): CheckResult[] {
  if (id === "changes.implied-previous") return impliedPreviousChecks(id, statementsOf(report));
  if (id === "changes.previous" || id === "changes.percentage") return beyondNarrativeChecks(id, statementsOf(report));
  return sumsOf(report).filter((x) => x.check === id);
}

export const CHANGE_CHECK_RULES: readonly Rule[] = CHANGE_RULES.filter((r) => REGISTERED.has(r.id)).map((r) => ({
  ...r,
  category: "narrative",
  kinds: ["final", "budget"],
  run: (report: Report) => run(r.id, report),
}));
