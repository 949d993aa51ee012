/**
 * A worker thread of the downloads pass (src/integrations/downloads.ts, through piscina): given a report id, it does
 * everything the build makes of that report from one load of it (src/lib/export/report-pass.ts) and writes its files
 * into the staging folder; the result goes back to the main thread, which writes the site-wide files in report order.
 * With the build cache on, a report whose inputs and code are unchanged is not loaded at all: its files and result come
 * from the cache (src/lib/build-cache.ts).
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { reportPass, type ReportPassContext } from "../lib/export/report-pass.ts";
import { dataPaths, fsReader, projectValidators } from "../lib/node-io.ts";
import { getReference } from "../lib/site.ts";
import { reportKey, restore, store } from "../lib/build-cache.ts";

export interface ReportTask {
  id: string;
  stage: string;
  siteUrl: string;
  maxYear: number;
  /** The build cache (src/lib/build-cache.ts): its folder and the part of every key the reports share. */
  cache?: { dir: string; base: string };
}

/** A report's pass, and the key it is cached under (none when the cache is off). */
export type ReportResult = ReturnType<typeof reportPass> & { key?: string; fromCache?: boolean };

let context: ReportPassContext | undefined;
/** The files the current report's pass wrote (relative to the staging folder). */
let written: string[] = [];

export default function run(task: ReportTask): ReportResult {
  context ??= {
    reader: fsReader,
    paths: dataPaths(),
    validators: projectValidators(),
    reference: getReference(),
    checks: { maxYear: task.maxYear },
    siteUrl: task.siteUrl,
    write: (path, bytes) => {
      written.push(path);
      const target = join(task.stage, path);
      mkdirSync(dirname(target), { recursive: true });
      // A file restored from the cache is a hard link to the cache's copy: replaced, never written through.
      rmSync(target, { force: true });
      writeFileSync(target, bytes);
    },
  };
  if (!task.cache) return reportPass(task.id, context);
  const key = reportKey(task.cache.base, join(context.paths.reports, task.id));
  const cached = restore<ReportResult>(task.cache.dir, task.id, key, task.stage);
  if (cached) return { ...cached, fromCache: true };
  written = [];
  const result: ReportResult = { ...reportPass(task.id, context), key };
  if (result.problems.length === 0) store(task.cache.dir, task.id, key, task.stage, written, result);
  return result;
}
