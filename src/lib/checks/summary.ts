/** The checks in words for the command line: every failure with its report, table, place, expected and found. */
import { CATEGORY_NAMES, type CheckResult, type ReportChecks } from "./types.ts";

function cellsText(r: CheckResult): string {
  return r.cells
    .map((c) => (c.table === 0 ? `${c.columnLabel}第${c.line}行“${c.value}”` : `表${c.table}第${c.line}行“${c.columnLabel}”=${c.value === "" ? "空" : c.value}`))
    .join("，");
}

/** One failure: `report · rule (title) · place: expected …, found … (difference …, tolerance …) — cells`. */
export function formatFinding(reportId: string, r: ReportChecks["results"][number]): string {
  const numbers =
    r.expected !== undefined
      ? `应为 ${r.expected}，实为 ${r.found}${r.difference !== undefined ? `（差额 ${r.difference}${r.tolerance !== undefined ? `，容差 ${r.tolerance}` : ""}）` : ""}`
      : (r.note ?? "");
  const cells = cellsText(r);
  return `${reportId} · ${r.check}（${CATEGORY_NAMES[r.category]}：${r.title}）· ${r.place}：${numbers}${r.note && r.expected !== undefined ? `；${r.note}` : ""}${cells ? ` — ${cells}` : ""}`;
}

export interface ChecksTally {
  reports: number;
  withFailures: number;
  pass: number;
  fail: number;
  na: number;
}

export function tally(all: ReportChecks[]): ChecksTally {
  const t: ChecksTally = { reports: all.length, withFailures: 0, pass: 0, fail: 0, na: 0 };
  for (const c of all) {
    t.pass += c.counts.pass;
    t.fail += c.counts.fail;
    t.na += c.counts.na;
    if (c.counts.fail > 0) t.withFailures++;
  }
  return t;
}

/** `Checks: 1,234 passed, 18 failed (in 1 of 5 reports), 20 not applicable.` */
export function formatTally(t: ChecksTally): string {
  return `Checks: ${t.pass} passed, ${t.fail} failed (in ${t.withFailures} of ${t.reports} report${t.reports === 1 ? "" : "s"}), ${t.na} not applicable.`;
}

/** Every failure of every report, one per line, then the tally. */
export function formatChecks(all: ReportChecks[]): string {
  const lines = all.flatMap((c) => c.results.filter((r) => r.status === "fail").map((r) => `  ✗ ${formatFinding(c.reportId, r)}`));
  return [...lines, formatTally(tally(all))].join("\n");
}
