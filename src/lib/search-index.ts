/**
 * Writes the site search's index (Pagefind, `pagefind/` in the site) from the search records (src/lib/search.ts),
 * streamed from a JSON-lines file. Pagefind segments the Chinese text (zh-cn) at build time; the browser then fetches
 * only the chunks of the index a query needs (src/pages/search/).
 *
 * Pagefind holds everything it indexes in memory until it writes — about 90 bytes per byte of text (measured: 2.8 GB
 * for the 1,000-report bench's 30 MB) — so a province's index cannot be made in one go. The records are indexed in
 * parts of at most PART_BYTES of text, one Pagefind process after another: `pagefind/` is the first part (with
 * Pagefind's script), `pagefind/parts/N/` the others, listed in `pagefind/parts.json`; the search page merges them
 * (Pagefind's `mergeIndex`), and a query loads each part's small list of pages and the chunks its words are in.
 */
import { closeSync, openSync, readdirSync, readFileSync, readSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createHash } from "node:crypto";
import { piecesOf, root } from "./node-io.ts";
import * as pagefind from "pagefind";
import { cachedFolder } from "./build-cache.ts";
import type { SearchRecord } from "./search.ts";
import { escapeXml } from "./text.ts";

/** The installed Pagefind's version (part of the cached index's key). */
const pagefindVersion = () => (JSON.parse(readFileSync(join(root, "node_modules", "pagefind", "package.json"), "utf8")) as { version: string }).version;

/** Text bytes per part of the index (TOUMING_SEARCH_PART_KB overrides it: the tests split the bundled site's index). */
export const PART_BYTES = 24 * 1024 ** 2;
export const partBytes = () => (process.env.TOUMING_SEARCH_PART_KB ? Number(process.env.TOUMING_SEARCH_PART_KB) * 1024 : PART_BYTES);
/** The list of the other parts, in the first part's folder: `{ "parts": ["parts/1/", …] }` relative to it. */
export const PARTS_FILE = "parts.json";

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
  const hash = createHash("sha256").update(`${pagefindVersion()}\n${partBytes()}\n`);
  const fd = openSync(file, "r");
  try {
    const buffer = Buffer.alloc(1 << 20);
    for (let n; (n = readSync(fd, buffer, 0, buffer.length, null)) > 0; ) hash.update(buffer.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return cachedFolder(cache, "search", hash.digest("hex"), target, (t) => writeSearchIndex(t, readRecords(file)).then(() => undefined));
}

/** A record as a page for Pagefind: its title the h1, its sections headings with their anchors (Pagefind's sub-results), its meta and filters in the head. */
export function recordHtml(r: SearchRecord): string {
  const lines = (text: string) => text.split("\n").filter(Boolean).map((l) => `<p>${escapeXml(l)}</p>`).join("");
  const tag = (attr: string, key: string, value: string) => `<meta ${attr}="${escapeXml(key)}[content]" content="${escapeXml(value)}">`;
  const head = [
    ...Object.entries(r.meta).flatMap(([k, v]) => (v === undefined ? [] : [tag("data-pagefind-meta", k, v)])),
    ...Object.entries(r.filters).flatMap(([k, vs]) => vs.map((v) => tag("data-pagefind-filter", k, v))),
  ].join("");
  const sections = (r.sections ?? []).map((s) => `<section><h2 id="${escapeXml(s.id)}">${escapeXml(s.title)}</h2>${lines(s.content)}</section>`).join("");
  // The title is the page's h1: Pagefind weighs a heading's words above the body's, so a search for a department's
  // name puts its own page and reports before the pages that merely list it (a city lists all of its departments).
  return `<!doctype html><html lang="zh-cn"><head><meta charset="utf-8">${head}</head><body><h1>${escapeXml(r.meta.title)}</h1>${lines(r.content)}${sections}</body></html>`;
}

/** The bytes of text a record gives Pagefind. */
const textBytes = (r: SearchRecord) => Buffer.byteLength(r.content) + (r.sections ?? []).reduce((n, x) => n + Buffer.byteLength(x.title) + Buffer.byteLength(x.content), 0);

/**
 * Indexes `records` into the folder `target`, in parts of at most `maxBytes` of text each (a record is never split);
 * returns how many records and parts. Any error of Pagefind stops the build with its message. Pagefind indexes in a
 * process of its own; if that process dies (the system kills it when memory runs out) its answer never comes and Node
 * would end the build with exit code 13 and no word: this says what happened instead.
 */
export async function writeSearchIndex(target: string, records: Iterable<SearchRecord>, maxBytes = partBytes()): Promise<{ records: number; parts: number }> {
  const fail = (what: string, errors: string[]): never => {
    throw new Error(`search index: ${what} failed: ${errors.join("; ")}`);
  };
  let count = 0;
  let step = "starting Pagefind";
  const died = () => {
    console.error(
      `search index: Pagefind stopped answering while ${step} (after ${count} records) — its process ended, most likely killed by the system for lack of memory (README: “Search at scale”). Nothing was written.`,
    );
    process.exitCode = 1;
  };
  process.once("exit", died);
  const parts: string[] = [];
  const iterator = records[Symbol.iterator]();
  let next = iterator.next();
  try {
    while (!next.done) {
      const folder = parts.length === 0 ? "" : `parts/${parts.length}/`;
      step = `starting Pagefind for part ${parts.length + 1}`;
      const created = await pagefind.createIndex({ forceLanguage: "zh-cn" });
      const index = created.index ?? fail(step, created.errors);
      let bytes = 0;
      for (; !next.done && (bytes === 0 || bytes + textBytes(next.value) <= maxBytes); next = iterator.next()) {
        const r = next.value;
        step = `adding ${r.url}`;
        const added = await index.addHTMLFile({ url: `/${r.url}`, content: recordHtml(r) });
        if (added.errors.length > 0) fail(step, added.errors);
        bytes += textBytes(r);
        count++;
      }
      step = `writing part ${parts.length + 1} of the index`;
      const dir = join(target, folder);
      const written = await index.writeFiles({ outputPath: dir });
      if (written.errors.length > 0) fail(step, written.errors);
      await pagefind.close();
      // The pre-built search interfaces Pagefind ships are not used (src/pages/search/ has its own); a part other than
      // the first is read by the first's script, which it needs none of.
      for (const name of readdirSync(dir)) if (/-ui\.(?:js|css)$/u.test(name) || (folder !== "" && /\.js$/u.test(name))) rmSync(join(dir, name));
      parts.push(folder);
    }
    if (parts.length === 0) fail("indexing", ["no records"]);
    writeFileSync(join(target, PARTS_FILE), `${JSON.stringify({ parts: parts.slice(1) })}\n`);
    return { records: count, parts: parts.length };
  } finally {
    process.off("exit", died);
    await pagefind.close();
  }
}
