/**
 * `npm run build -- --compress`: a `.gz` and a `.br` beside every text file of the site (pages, styles, scripts, CSV,
 * JSON, XML, SVG, TXT), for servers that send a precompressed file as is (nginx `gzip_static` / `brotli_static`, or
 * object storage with `Content-Encoding` set on upload) — compressed once at build time at the highest levels, instead
 * of on every request. A file that would not shrink gets none. New files are written (never the originals changed: they
 * may be hard links into the build cache).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { filesUnder } from "./node-io.ts";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";

const TEXT = /\.(?:html|css|js|mjs|json|csv|txt|xml|svg)$/u;
const brotli = promisify(brotliCompress);
const gz = promisify(gzip);


/** Compresses every text file under `dir` (several at a time: zlib works in Node's thread pool). Returns counts and bytes. */
export async function compressSite(dir: string): Promise<{ files: number; bytes: number; gzip: number; brotli: number }> {
  const totals = { files: 0, bytes: 0, gzip: 0, brotli: 0 };
  const one = async (path: string) => {
    const bytes = readFileSync(path);
    const [g, b] = await Promise.all([
      gz(bytes, { level: 9 }),
      brotli(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } }),
    ]);
    totals.files++;
    totals.bytes += bytes.length;
    if (g.length < bytes.length) {
      writeFileSync(`${path}.gz`, g);
      totals.gzip += g.length;
    }
    if (b.length < bytes.length) {
      writeFileSync(`${path}.br`, b);
      totals.brotli += b.length;
    }
  };
  const running = new Set<Promise<void>>();
  for (const path of filesUnder(dir)) {
    if (!TEXT.test(path)) continue;
    const p = one(path).finally(() => running.delete(p));
    running.add(p);
    if (running.size >= 8) await Promise.race(running);
  }
  await Promise.all(running);
  return totals;
}
