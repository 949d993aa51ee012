/**
 * The sums of the statements of change (src/lib/changes.ts): the changes the text gives for each 类 of the
 * 一般公共预算财政拨款支出 (and for each “三公” item) add up to the change it gives for the total. The statements'
 * own percentages and amounts are checked by narrative.changes and narrative.percentages; their other checks
 * (changes.previous, changes.percentage, changes.rate) would find the same things again and are not registered.
 */
import { changeChecks, changeStatements, CHANGE_RULES, type ChangeStatement } from "../../changes.ts";
import type { Report } from "../../model.ts";
import { memo } from "../cells.ts";
import type { CheckResult, Rule } from "../types.ts";

/** The report's statements of change and execution, read once per check run. */
export const statementsOf = (report: Report): ChangeStatement[] => memo(report, "change-statements", () => changeStatements(report));
const resultsOf = (report: Report): CheckResult[] => memo(report, "change-checks", () => changeChecks(report, statementsOf(report)));

const REGISTERED = new Set(["changes.sum-of-classes", "changes.sum-of-items"]);

export const CHANGE_CHECK_RULES: readonly Rule[] = CHANGE_RULES.filter((r) => REGISTERED.has(r.id)).map((r) => ({
  ...r,
  category: "narrative",
  kinds: ["final", "budget"],
  run: (report: Report) => resultsOf(report).filter((x) => x.check === r.id),
}));
