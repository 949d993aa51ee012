import { defineConfig } from "vitest/config";
import SummaryReporter from "./test/support/summary-reporter.ts";

export default defineConfig({
  test: {
    environment: "node",
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    // Browser tests load pages, run axe and take full-page screenshots; the site is built (once) on first use.
    testTimeout: 120_000,
    hookTimeout: 15 * 60_000,
    fileParallelism: true,
    // Builds in tests start from nothing (test/scripts/incremental.test.ts gives its builds a cache of their own).
    env: { TOUMING_CACHE: "off" },
    // The default reporter first, then the plain `N passed, N failed` line last.
    reporters: ["default", new SummaryReporter()],
  },
});
