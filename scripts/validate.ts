/**
 * npm run validate [-- --strict]
 * Loads and validates all data, listing every problem (exit 1 if there is any); then runs every check (勾稽,
 * completeness, narrative, plausibility) on every report and lists each failure with its report, table, row, column,
 * expected and found. Failures are findings about the sources: they are printed, and fatal only with --strict.
 */
import { parseArgs } from "node:util";
import { runChecks } from "../src/lib/checks/index.ts";
import { formatChecks } from "../src/lib/checks/summary.ts";
import type { ReportChecks } from "../src/lib/checks/types.ts";
import { checkSite } from "../src/lib/load.ts";
import { dataPaths, fsReader, projectValidators } from "../src/lib/node-io.ts";
import { formatProblems } from "../src/lib/problems.ts";

const { values } = parseArgs({ options: { strict: { type: "boolean", default: false } } });
const checks: ReportChecks[] = [];
const { reports, problems } = checkSite(fsReader, dataPaths(), projectValidators(), (report) => checks.push(runChecks(report)));
if (problems.length > 0) {
  console.error(formatProblems(problems));
  process.exit(1);
}
console.log(`${reports} reports valid.`);
console.log(formatChecks(checks));
const failed = checks.reduce((n, c) => n + c.counts.fail, 0);
if (values.strict && failed > 0) {
  console.error(`--strict: ${failed} check${failed === 1 ? "" : "s"} failed.`);
  process.exit(1);
}
