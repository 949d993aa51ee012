import { linkSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { compressSite } from "../../src/lib/compress.ts";

describe("--compress", () => {
  it("writes .gz and .br beside each text file that shrinks, which decompress to its bytes; originals and binaries untouched", async () => {
    const dir = mkdtempSync(join(tmpdir(), "touming-compress-"));
    mkdirSync(join(dir, "reports/a"), { recursive: true });
    const page = `<!doctype html><html lang="zh-CN"><body>${"<p>一般公共预算财政拨款支出 4,000.70 万元</p>".repeat(200)}</body></html>`;
    writeFileSync(join(dir, "reports/a/index.html"), page);
    writeFileSync(join(dir, "line-items.csv"), "report_id,value\n".concat("a,1.00\n".repeat(500)));
    writeFileSync(join(dir, "tiny.txt"), "x");
    writeFileSync(join(dir, "book.xlsx"), Buffer.from([1, 2, 3, 4]));
    // A page that is a hard link into a build cache keeps its bytes and its link.
    linkSync(join(dir, "reports/a/index.html"), join(dir, "cached.html"));
    const totals = await compressSite(dir);
    expect(totals.files).toBe(4);
    for (const f of ["reports/a/index.html", "line-items.csv", "cached.html"]) {
      const original = readFileSync(join(dir, f));
      expect(gunzipSync(readFileSync(join(dir, `${f}.gz`))).equals(original), f).toBe(true);
      expect(brotliDecompressSync(readFileSync(join(dir, `${f}.br`))).equals(original), f).toBe(true);
    }
    expect(readFileSync(join(dir, "reports/a/index.html"), "utf8")).toBe(page);
    expect(statSync(join(dir, "cached.html")).nlink).toBe(2);
    expect(existsSync(join(dir, "tiny.txt.gz")), "a file that would not shrink gets none").toBe(false);
    expect(existsSync(join(dir, "book.xlsx.gz"))).toBe(false);
  });
});
