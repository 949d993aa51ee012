/** The five seed disclosures as committed: their report ids and source texts, and an importer bound to the reference lists. */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { importDisclosure, type ImportResult } from "../../src/lib/import/report.ts";
import type { Report } from "../../src/lib/model.ts";
import { parseReference, REFERENCE_FILES } from "../../src/lib/reference.ts";

export const DATA = join(import.meta.dirname, "../../src/data");
export const REPORTS_DIR = join(DATA, "reports");

export const reference = parseReference(
  Object.fromEntries(
    Object.entries(REFERENCE_FILES).map(([k, name]) => [k, { file: name, text: readFileSync(join(DATA, "reference", name), "utf8") }]),
  ) as Parameters<typeof parseReference>[0],
).reference;

/** Seed file → the id its report must get (from GUIDE.md's table of seeds). */
export const SEEDS = {
  "000_a4d381fa23e6aad0.txt": "yangquan-civil-affairs-2024-final",
  "001_dea5997044eede79.txt": "yangquan-civil-affairs-2025-budget",
  "002_3c8a4ed29150e1ad.txt": "yangquan-veterans-affairs-2023-final",
  "003_cc1de7d507d20929.txt": "yangquan-civil-affairs-dibao-center-2024-final",
  "004_b39ab111367c9db1.txt": "xinzhou-civil-affairs-2024-budget",
} as const;

export function reportIds(): string[] {
  return readdirSync(REPORTS_DIR).sort();
}

export function source(id: string): string {
  return readFileSync(join(REPORTS_DIR, id, "source.txt"), "utf8");
}

const cache = new Map<string, ImportResult>();
export function imported(id: string): ImportResult {
  let r = cache.get(id);
  if (!r) {
    const original = Object.entries(SEEDS).find(([, v]) => v === id)?.[0] ?? `${id}.txt`;
    r = importDisclosure(source(id), { original, reference });
    cache.set(id, r);
  }
  return r;
}

export function asReport(r: ImportResult): Report {
  return { ...r.document, tables: r.tables, performance: r.performance.tables };
}
