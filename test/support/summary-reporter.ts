/**
 * Prints one plain line as the very last line of a Vitest run: `N passed, N failed` (`, N skipped` when any test
 * was skipped or marked todo). Used after the default reporter so CI logs end with a greppable count.
 *
 * Failures outside tests count too, one each: a test file that does not load, a describe or file whose
 * beforeAll/afterAll throws (its tests then show as skipped), an unhandled error. Otherwise a broken run could read
 * `0 failed`.
 */
import type { Reporter, SerializedError, TestModule, TestRunEndReason } from "vitest/node";

export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

export function countResults(
  testModules: ReadonlyArray<TestModule>,
  unhandledErrors: ReadonlyArray<SerializedError>,
): Counts {
  const counts: Counts = { passed: 0, failed: 0, skipped: 0 };
  for (const testModule of testModules) {
    let failures = 0;
    for (const testCase of testModule.children.allTests()) {
      const state = testCase.result().state;
      if (state === "passed") counts.passed += 1;
      else if (state === "skipped") counts.skipped += 1;
      else failures += 1; // "failed", or "pending" for a test that never finished (e.g. an interrupted run)
    }
    // Errors outside tests: a failing beforeAll/afterAll of a describe, or of the file, or the file failing to load.
    for (const suite of testModule.children.allSuites()) if (suite.errors().length > 0) failures += 1;
    if (testModule.errors().length > 0) failures += 1;
    if (failures === 0 && !testModule.ok()) failures = 1;
    counts.failed += failures;
  }
  counts.failed += unhandledErrors.length;
  return counts;
}

export function formatCounts({ passed, failed, skipped }: Counts): string {
  return `${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ""}`;
}

export default class SummaryReporter implements Reporter {
  onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<SerializedError>,
    _reason: TestRunEndReason,
  ): void {
    process.stdout.write(`${formatCounts(countResults(testModules, unhandledErrors))}\n`);
  }
}
