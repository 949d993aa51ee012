/**
 * Vitest globalSetup: runs once per `vitest run`, in the main process, before any test file.
 *
 * It does not build the site: runs that only hold unit tests should not pay for two Astro builds. It gives the workers
 * a run id (`project.provide`, read with `inject` in test/support/site.ts) so that buildSite() builds each variant at
 * most once per run, however many test files and workers ask for it.
 */
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** Unique per `vitest run`; see buildSite() in test/support/site.ts. */
    toumingRunId: string;
  }
}

export default function setup(project: TestProject): void {
  project.provide("toumingRunId", `${process.pid}-${Date.now()}`);
}
