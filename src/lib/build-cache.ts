/**
 * The build cache: what a build made of each report, kept for the next build (incremental builds). An entry is keyed
 * by everything the report's outputs depend on — its own files, the reference lists, the site's address, the checks'
 * context and the code (every file of src/ but the data, of schemas/, the config and the lockfile) — so an entry is reused only when
 * a build from scratch would make the same bytes. Its files are hard links to the files the build wrote (no second
 * copy on disk; a copy where links are impossible); an entry is written to a temporary folder and renamed into place,
 * so a killed build never leaves half an entry.
 *
 * `TOUMING_CACHE=off` turns the cache off; `TOUMING_CACHE=DIR` puts it elsewhere (default `.build-cache/`).
 */
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { isAlive } from "./output.ts";

/** Bumped when the layout of an entry changes. */
const FORMAT = "touming-cache-1";

/** The cache folder, or undefined when the cache is off. */
export function cacheDir(root: string): string | undefined {
  const v = process.env.TOUMING_CACHE;
  if (v === "off") return undefined;
  return v && v !== "" ? v : join(root, ".build-cache");
}

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  if (!statSync(dir).isDirectory()) return [dir];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => files(join(dir, name)));
}

/** SHA-256 of the files under `paths` (each file's path relative to `root`, then its bytes), in a fixed order. */
export function hashFiles(paths: readonly string[], root: string): string {
  const h = createHash("sha256");
  for (const p of paths) {
    for (const f of files(p)) {
      h.update(`${relative(root, f).split(sep).join("/")}\u0000`);
      h.update(readFileSync(f));
      h.update("\u0000");
    }
  }
  return h.digest("hex");
}

/** What every report's key shares: the code, the reference lists and the build's settings. */
export function cacheBase(root: string, referenceDir: string, settings: Record<string, string | number>): string {
  // The code: src/ without the bundled data (src/data, which the keys cover report by report), the schemas, the
  // config and the lockfile (the dependencies' versions).
  const src = readdirSync(join(root, "src")).filter((name) => name !== "data").map((name) => join(root, "src", name));
  const code = hashFiles([...src, ...["schemas", "astro.config.mjs", "package-lock.json"].map((p) => join(root, p))], root);
  const reference = hashFiles([referenceDir], referenceDir);
  return createHash("sha256").update(JSON.stringify([FORMAT, code, reference, settings])).digest("hex");
}

/** A report's key: the shared part and the report's own files. */
export function reportKey(base: string, reportDir: string): string {
  return createHash("sha256").update(base).update(hashFiles([reportDir], reportDir)).digest("hex");
}

interface Entry<T> {
  key: string;
  /** The files the report's pass wrote, relative to the site (the staging folder). */
  written: string[];
  output: T;
}

const entryDir = (dir: string, id: string) => join(dir, "reports", id);

/** Links (or copies) a file, making its folder. */
function place(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true });
  try {
    linkSync(from, to);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") throw e;
    copyFileSync(from, to);
  }
}

/**
 * The output of a report's pass from the cache, its files placed into `stage` — or undefined when there is no entry
 * for this key (or it is incomplete), and the pass must run.
 */
export function restore<T>(dir: string, id: string, key: string, stage: string): T | undefined {
  const at = entryDir(dir, id);
  let entry: Entry<T>;
  try {
    entry = JSON.parse(readFileSync(join(at, "entry.json"), "utf8")) as Entry<T>;
  } catch {
    return undefined;
  }
  if (entry.key !== key) return undefined;
  try {
    for (const p of entry.written) place(join(at, "files", p), join(stage, p));
  } catch {
    // An entry with a file missing: the pass runs and replaces whatever was placed.
    return undefined;
  }
  return entry.output;
}

/** Keeps what a report's pass made: its files (linked from `stage`) and its output. */
export function store<T>(dir: string, id: string, key: string, stage: string, written: readonly string[], output: T): void {
  const at = entryDir(dir, id);
  const tmp = `${at}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  rmSync(tmp, { recursive: true, force: true });
  for (const p of written) place(join(stage, p), join(tmp, "files", p));
  writeFileSync(join(tmp, "entry.json"), JSON.stringify({ key, written: [...written], output } satisfies Entry<T>));
  rmSync(at, { recursive: true, force: true });
  renameSync(tmp, at);
}

/**
 * Takes the cache for this build: true, or false when another running build holds it (this build then runs without
 * the cache: two builds writing one cache could mix their entries). A lock a killed build left is taken over.
 */
export function lock(dir: string): boolean {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: "wx" });
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const holder = Number(readFileSync(file, "utf8"));
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) return false;
      rmSync(file, { force: true });
    }
  }
  return false;
}

export function unlock(dir: string): void {
  const file = join(dir, "lock");
  try {
    if (Number(readFileSync(file, "utf8")) === process.pid) rmSync(file, { force: true });
  } catch {
    // not ours, or gone
  }
}

/** Removes the entries of reports that are gone, and what killed builds left half-written. */
export function prune(dir: string, ids: ReadonlySet<string>): void {
  const reports = join(dir, "reports");
  if (!existsSync(reports)) return;
  for (const name of readdirSync(reports)) {
    if (!ids.has(name)) rmSync(join(reports, name), { recursive: true, force: true });
  }
}

/**
 * A folder built from one input (`key`, e.g. the hash of the search records) kept in the cache: `make(target)` builds
 * it only when the cache has none for this key; either way `target` ends up holding it (hard links into the cache).
 * Only the latest folder of a `name` is kept. Returns whether it came from the cache.
 */
export async function cachedFolder(dir: string, name: string, key: string, target: string, make: (target: string) => Promise<void>): Promise<boolean> {
  const at = join(dir, name);
  const stamp = join(at, "key.txt");
  const content = join(at, "content");
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === key) {
    for (const f of files(content)) place(f, join(target, f.slice(content.length + 1)));
    return true;
  }
  await make(target);
  rmSync(at, { recursive: true, force: true });
  for (const f of files(target)) place(f, join(content, f.slice(target.length + 1)));
  writeFileSync(stamp, key);
  return false;
}
