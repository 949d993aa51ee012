/** The file-system edge: a Reader over node:fs, the project's data paths and the schemas. */
import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from "node:fs";
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

/**
 * The pieces of a file separated by one byte (`\n` for JSON lines, 0 for texts that hold newlines), read in slices of
 * 1 MiB: a province's side files are larger than the longest string V8 can hold. A last piece without a separator is
 * yielded too; empty pieces are not.
 */
export function* piecesOf(path: string, separator: number): Generator<string> {
  const fd = openSync(path, "r");
  const buffer = Buffer.alloc(1 << 20);
  let rest = Buffer.alloc(0);
  try {
    for (let n; (n = readSync(fd, buffer, 0, buffer.length, null)) > 0; ) {
      let chunk = Buffer.concat([rest, buffer.subarray(0, n)]);
      for (let at; (at = chunk.indexOf(separator)) !== -1; chunk = chunk.subarray(at + 1)) if (at > 0) yield chunk.subarray(0, at).toString("utf8");
      rest = Buffer.from(chunk);
    }
    if (rest.length > 0) yield rest.toString("utf8");
  } finally {
    closeSync(fd);
  }
}

/** Every file under `dir`, depth first (folders in the order the file system lists them). */
export function* filesUnder(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else yield path;
  }
}
