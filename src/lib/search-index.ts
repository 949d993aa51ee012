/**
 * Writes the site search's index (Pagefind, `pagefind/` in the site) from the search records (src/lib/search.ts),
 * streamed from a JSON-lines file. Pagefind segments the Chinese text (zh-cn) at build time; the browser then fetches
 * only the chunks of the index a query needs (src/pages/search/).
 */
import { closeSync, openSync, readdirSync, readSync, rmSync } from "node:fs";
import { join } from "node:path";
import * as pagefind from "pagefind";
import type { SearchRecord } from "./search.ts";

/** The records of a JSON-lines file, read in slices (a province's records do not fit one string). */
export function* readRecords(file: string): Generator<SearchRecord> {
  const fd = openSync(file, "r");
  const buffer = Buffer.alloc(1 << 20);
  let rest = Buffer.alloc(0);
  try {
    for (let n; (n = readSync(fd, buffer, 0, buffer.length, null)) > 0; ) {
      let chunk = Buffer.concat([rest, buffer.subarray(0, n)]);
      for (let at; (at = chunk.indexOf(10)) !== -1; chunk = chunk.subarray(at + 1)) {
        const line = chunk.subarray(0, at).toString("utf8");
        if (line) yield JSON.parse(line) as SearchRecord;
      }
      rest = Buffer.from(chunk);
    }
    if (rest.length > 0) yield JSON.parse(rest.toString("utf8")) as SearchRecord;
  } finally {
    closeSync(fd);
  }
}

/** Indexes `records` into `out/pagefind/`; returns how many. Any error of Pagefind stops the build with its message. */
export async function writeSearchIndex(out: string, records: Iterable<SearchRecord>): Promise<number> {
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
    const written = await index.writeFiles({ outputPath: join(out, "pagefind") });
    if (written.errors.length > 0) fail("writing the index", written.errors);
    // The pre-built search interfaces Pagefind ships are not used (src/pages/search/ has its own).
    for (const name of readdirSync(join(out, "pagefind"))) if (/-ui\.(?:js|css)$/u.test(name)) rmSync(join(out, "pagefind", name));
    return count;
  } finally {
    await pagefind.close();
  }
}
