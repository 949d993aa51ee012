/**
 * What the statements of change (src/lib/changes.ts) imply: the previous-year figure a statement implies without
 * printing it is not below zero, and the changes the text gives for each 类 of the 一般公共预算财政拨款支出 (and for
 * each “三公” item) add up to the change it gives for the total. The statements' printed percentages and amounts are
 * checked by narrative.changes and narrative.percentages; the library's checks of the same (changes.previous with a
 * printed previous figure, changes.percentage, changes.rate) would find the same things again and are not registered.
 */
import { changeChecks, changeStatements, CHANGE_RULES, impliedPreviousChecks, type ChangeStatement } from "../../changes.ts";
import type { Report } from "../../model.ts";
import { memo } from "../cells.ts";
import type { CheckResult, Rule } from "../types.ts";

/** The report's statements of change and execution, read once per check run. */
export const statementsOf = (report: Report): ChangeStatement[] => memo(report, "change-statements", () => changeStatements(report));
const resultsOf = (report: Report): CheckResult[] => memo(report, "change-checks", () => changeChecks(report, statementsOf(report)));

const REGISTERED = new Set(["changes.implied-previous", "changes.sum-of-classes", "changes.sum-of-items"]);

export const CHANGE_CHECK_RULES: readonly Rule[] = CHANGE_RULES.filter((r) => REGISTERED.has(r.id)).map((r) => ({
  ...r,
  category: "narrative",
  kinds: ["final", "budget"],
  run: (report: Report) => (r.id === "changes.implied-previous" ? impliedPreviousChecks(r.id, statementsOf(report)) : resultsOf(report).filter((x) => x.check === r.id)),
}));
