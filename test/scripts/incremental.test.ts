/**
 * Incremental builds (src/lib/build-cache.ts): with a cache, a build after one number of one report changed takes the
 * other reports from the cache and makes, byte for byte, the site a build from scratch makes of the changed data; a
 * change every report depends on (the reference lists) invalidates them all; a cache another build holds is not used.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { differences, tree } from "../support/tree.ts";

const ROOT = join(import.meta.dirname, "../..");
const DATA = join(ROOT, "src/data");
const CHANGED = "yangquan-civil-affairs-2024-final";

function freshData(): string {
  const dir = mkdtempSync(join(tmpdir(), "touming-incremental-"));
  cpSync(DATA, dir, { recursive: true });
  return dir;
}

function build(data: string, cache: string, out: string) {
  const r = spawnSync(process.execPath, [join(ROOT, "scripts/build.ts"), "--out", out, "--quiet"], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, TOUMING_DATA: data, TOUMING_CACHE: cache },
  });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

describe("npm run build with the build cache", () => {
  it("after one number changed: the other reports from the cache, the output that of a build from scratch", () => {
    const data = freshData();
    const cache = mkdtempSync(join(tmpdir(), "touming-cache-"));
    const work = mkdtempSync(join(tmpdir(), "touming-out-"));
    const cold = build(data, cache, join(work, "first"));
    expect(cold).toMatch(/0 of 5 reports unchanged: taken from the build cache/u);

    // One amount of 公开02表 changed by a cent (the table's own sums now fail a check: published as it is).
    const table = join(data, "reports", CHANGED, "tables/02.csv");
    const before = readFileSync(table, "utf8");
    const after = before.replace(",3119.54,", ",3119.55,");
    expect(after).not.toBe(before);
    writeFileSync(table, after);

    const warm = build(data, cache, join(work, "warm"));
    expect(warm).toMatch(/4 of 5 reports unchanged: taken from the build cache/u);
    const scratch = build(data, "off", join(work, "scratch"));
    expect(scratch).not.toMatch(/build cache/u);

    const w = tree(join(work, "warm"));
    const s = tree(join(work, "scratch"));
    expect(w.size).toBeGreaterThan(200);
    expect(differences(w, s), "files that differ from a build from scratch").toEqual([]);
    // And the change is in it: the first build's page of that report differs from this one's.
    const page = `reports/${CHANGED}/index.html`;
    expect(tree(join(work, "first")).get(page)?.equals(w.get(page) as Buffer)).toBe(false);
    expect(w.get(page)?.toString("utf8")).toContain("3,119.55");
  });

  it("a change to the reference lists renews every report; a cache another running build holds is left alone", () => {
    const data = freshData();
    const cache = mkdtempSync(join(tmpdir(), "touming-cache-"));
    const work = mkdtempSync(join(tmpdir(), "touming-out-"));
    build(data, cache, join(work, "first"));
    const cities = join(data, "reference/cities.csv");
    // A city added: no report changed, but every report's outputs could depend on the lists.
    writeFileSync(cities, `${readFileSync(cities, "utf8").trimEnd()}\n大同市,datong,山西省,shanxi\n`);
    expect(build(data, cache, join(work, "renamed"))).toMatch(/0 of 5 reports unchanged/u);
    expect(differences(tree(join(work, "renamed")), tree((build(data, "off", join(work, "scratch")), join(work, "scratch"))))).toEqual([]);

    // This test's process (alive) holds the lock: the build goes on without the cache, and says so.
    writeFileSync(join(cache, "lock"), String(process.pid));
    const locked = build(data, cache, join(work, "locked"));
    expect(locked).toMatch(/Another build is using the cache/u);
    expect(locked).not.toMatch(/taken from the build cache/u);
    expect(differences(tree(join(work, "locked")), tree(join(work, "scratch")))).toEqual([]);
  });
});
