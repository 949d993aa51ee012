/** The file-system edge: a Reader over node:fs, the project's data paths and the schemas. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import type { DataPaths, Reader } from "./load.ts";
import { createValidators, type Schemas, type Validators } from "./validate.ts";

export const fsReader: Reader = {
  list(dir) {
    try {
      return readdirSync(dir).sort();
    } catch {
      return [];
    }
  },
  isDir(path) {
    try {
      return statSync(path).isDirectory();
    } catch {
      return false;
    }
  },
  read(path) {
    try {
      return readFileSync(path);
    } catch {
      return undefined;
    }
  },
};

/** The project root: where package.json is (the current directory for npm scripts and Astro). */
export const root = resolve(process.env.TOUMING_ROOT ?? process.cwd());

/** The data folder; `TOUMING_DATA` points the build at another one (benchmarks, test fixtures). */
export function dataPaths(dataDir = process.env.TOUMING_DATA ?? join(root, "src/data")): DataPaths {
  return { reference: join(dataDir, "reference"), reports: join(dataDir, "reports") };
}

export const SCHEMA_FILES = {
  report: "report.schema.json",
  performance: "performance.schema.json",
  tableRow: "table-row.schema.json",
} as const;

export function readSchemas(dir = join(root, "schemas")): Schemas {
  const read = (name: string) => JSON.parse(readFileSync(join(dir, name), "utf8")) as object;
  return { report: read(SCHEMA_FILES.report), performance: read(SCHEMA_FILES.performance), tableRow: read(SCHEMA_FILES.tableRow) };
}

let validators: Validators | undefined;
export function projectValidators(): Validators {
  validators ??= createValidators(readSchemas());
  return validators;
}
