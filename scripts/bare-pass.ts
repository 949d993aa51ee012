/**
 * node scripts/bare-pass.ts BUILT_DIR — the benchmark's floor (run by npm run bench with TOUMING_DATA set): reads,
 * parses (PapaParse, JSON) and validates (Ajv) every report of the data, as the build does, then writes the same files
 * the build wrote (each file of BUILT_DIR read and written to a temporary folder, then removed). Prints one line of
 * JSON: `{ "validateMs": …, "writeMs": …, "files": …, "bytes": … }`.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkSite } from "../src/lib/load.ts";
import { dataPaths, fsReader, projectValidators } from "../src/lib/node-io.ts";

const built = process.argv[2];
if (!built) throw new Error("usage: node scripts/bare-pass.ts BUILT_DIR");

let t = performance.now();
const { problems } = checkSite(fsReader, dataPaths(), projectValidators());
if (problems.length > 0) throw new Error(`${problems.length} problems in the data`);
const validateMs = performance.now() - t;

const target = mkdtempSync(join(tmpdir(), "touming-bare-"));
let files = 0;
let bytes = 0;
t = performance.now();
const copy = (from: string, to: string) => {
  mkdirSync(to, { recursive: true });
  for (const e of readdirSync(from, { withFileTypes: true })) {
    if (e.isDirectory()) copy(join(from, e.name), join(to, e.name));
    else {
      const b = readFileSync(join(from, e.name));
      writeFileSync(join(to, e.name), b);
      files++;
      bytes += b.length;
    }
  }
};
copy(built, target);
const writeMs = performance.now() - t;
rmSync(target, { recursive: true, force: true });
console.log(JSON.stringify({ validateMs, writeMs, files, bytes }));
