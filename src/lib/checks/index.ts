/**
 * Every rule, and running them over a report. Rules are pure functions of the validated model; the import, validate
 * and build commands, the report page, the /checks/ page and the checks downloads all read the results of `runChecks`.
 */
import type { Report } from "../model.ts";
import { startRun } from "./cells.ts";
import { COMPLETENESS_RULES } from "./rules/completeness.ts";
import { CROSS_RULES } from "./rules/cross.ts";
import { NARRATIVE_RULES } from "./rules/narrative.ts";
import { CHANGE_CHECK_RULES } from "./rules/changes.ts";
import { PLAUSIBILITY_RULES } from "./rules/plausibility.ts";
import { WITHIN_RULES } from "./rules/within.ts";
import type { CheckContext, CheckStatus, ReportChecks, Rule } from "./types.ts";

export const RULES: readonly Rule[] = [...WITHIN_RULES, ...CROSS_RULES, ...NARRATIVE_RULES, ...CHANGE_CHECK_RULES, ...COMPLETENESS_RULES, ...PLAUSIBILITY_RULES];


export function defaultContext(now = new Date()): CheckContext {
  return { maxYear: now.getUTCFullYear() + 1 };
}

/** Runs every rule that applies to the report's kind; results in rule order, each with its rule's category and title. */
export function runChecks(report: Report, context: CheckContext = defaultContext()): ReportChecks {
  const results: ReportChecks["results"] = [];
  startRun();
  for (const rule of RULES) {
    if (!rule.kinds.includes(report.meta.kind)) continue;
    for (const r of rule.run(report, context)) results.push({ ...r, category: rule.category, title: rule.title });
  }
  const counts: Record<CheckStatus, number> = { pass: 0, fail: 0, na: 0 };
  for (const r of results) counts[r.status]++;
  return { reportId: report.meta.id, results, counts };
}

