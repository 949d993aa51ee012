/**
 * Writes the site search's index (Pagefind, `pagefind/` in the site) from the search records (src/lib/search.ts),
 * streamed from a JSON-lines file. Pagefind segments the Chinese text (zh-cn) at build time; the browser then fetches
 * only the chunks of the index a query needs (src/pages/search/).
 */
import { closeSync, openSync, readdirSync, readFileSync, readSync, rmSync } from "node:fs";
import { join } from "node:path";
import { createHash } from "node:crypto";
import { piecesOf, root } from "./node-io.ts";
import * as pagefind from "pagefind";
import { cachedFolder } from "./build-cache.ts";
import type { SearchRecord } from "./search.ts";

/** The installed Pagefind's version (part of the cached index's key). */
const pagefindVersion = () => (JSON.parse(readFileSync(join(root, "node_modules", "pagefind", "package.json"), "utf8")) as { version: string }).version;

/** The records of a JSON-lines file. */
export function* readRecords(file: string): Generator<SearchRecord> {
  for (const line of piecesOf(file, 10)) yield JSON.parse(line) as SearchRecord;
}

/**
 * Indexes the records of `file` into `out/pagefind/`. With a build cache the index is kept there under the hash of the
 * records and the Pagefind version: when no record changed (a number in a table does not change any), it is taken
 * from the cache instead of being built again — Pagefind cannot update an index, and building it is most of an
 * incremental build's time. Returns whether it came from the cache.
 */
export async function searchIndex(out: string, file: string, cache: string | undefined): Promise<boolean> {
  const target = join(out, "pagefind");
  if (!cache) {
    await writeSearchIndex(target, readRecords(file));
    return false;
  }
  const hash = createHash("sha256").update(pagefindVersion());
  const fd = openSync(file, "r");
  try {
    const buffer = Buffer.alloc(1 << 20);
    for (let n; (n = readSync(fd, buffer, 0, buffer.length, null)) > 0; ) hash.update(buffer.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return cachedFolder(cache, "search", hash.digest("hex"), target, (t) => writeSearchIndex(t, readRecords(file)).then(() => undefined));
}

/** Indexes `records` into the folder `target`; returns how many. Any error of Pagefind stops the build with its message. */
export async function writeSearchIndex(target: string, records: Iterable<SearchRecord>): Promise<number> {
  const fail = (what: string, errors: string[]): never => {
    throw new Error(`search index: ${what} failed: ${errors.join("; ")}`);
  };
  const created = await pagefind.createIndex({ forceLanguage: "zh-cn" });
  const index = created.index ?? fail("starting Pagefind", created.errors);
  let count = 0;
  try {
    for (const r of records) {
      const added = await index.addCustomRecord({ url: `/${r.url}`, content: r.content, language: "zh-cn", meta: { ...r.meta }, filters: r.filters });
      if (added.errors.length > 0) fail(`adding ${r.url}`, added.errors);
      count++;
    }
    const written = await index.writeFiles({ outputPath: target });
    if (written.errors.length > 0) fail("writing the index", written.errors);
    // The pre-built search interfaces Pagefind ships are not used (src/pages/search/ has its own).
    for (const name of readdirSync(target)) if (/-ui\.(?:js|css)$/u.test(name)) rmSync(join(target, name));
    return count;
  } finally {
    await pagefind.close();
  }
}
