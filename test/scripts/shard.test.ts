/**
 * Sharded builds: 100 synthetic reports in 11 cities built as 3 shards (`--shard K/3`, each with a cache of its own)
 * and assembled by `npm run merge` give, byte for byte, the site one build makes; each shard builds only its cities.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { differences, tree } from "../support/tree.ts";
import { makeBenchData } from "../../scripts/bench-data.ts";

const ROOT = join(import.meta.dirname, "../..");

function node(script: string, args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, ["--max-old-space-size=1536", join(ROOT, "scripts", script), ...args, "--quiet"], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, ...env },
  });
  expect(r.status, `${script} ${args.join(" ")}\n${r.stderr}`).toBe(0);
  return r.stdout;
}

describe("npm run build -- --shard K/N, then npm run merge", () => {
  it("3 shards of 100 reports merge into the site one build makes, byte for byte", { timeout: 600_000 }, () => {
    const work = mkdtempSync(join(tmpdir(), "touming-shards-"));
    const data = makeBenchData(100, join(ROOT, "src/data"), join(work, "data"));
    node("build.ts", ["--out", join(work, "single")], { TOUMING_DATA: data, TOUMING_CACHE: "off" });

    const shardReports: string[][] = [];
    for (const k of [1, 2, 3]) {
      const out = node("build.ts", ["--shard", `${k}/3`, "--out", join(work, `shard-${k}`)], { TOUMING_DATA: data, TOUMING_CACHE: join(work, `cache-${k}`) });
      expect(out).toMatch(new RegExp(`shard ${k}/3: \\d+ of 100 reports`, "u"));
      shardReports.push(readdirSync(join(work, `shard-${k}`, "reports")));
    }
    // Each report in exactly one shard, whole cities to a shard.
    expect(shardReports.flat().sort()).toEqual(readdirSync(join(work, "single", "reports")).sort());
    const cityOf = (id: string) => id.split("-")[0];
    const cities = shardReports.map((ids) => new Set(ids.map(cityOf)));
    expect(cities[0]?.size).toBeGreaterThan(0);
    for (const c of cities[0] ?? []) expect(cities[1]?.has(c) || cities[2]?.has(c)).toBe(false);

    const merged = node("merge.ts", [1, 2, 3].flatMap((k) => ["--cache", join(work, `cache-${k}`)]).concat(["--out", join(work, "merged")]), {
      TOUMING_DATA: data,
      TOUMING_CACHE: join(work, "cache-merged"),
    });
    expect(merged).toMatch(/Merged the build caches of 3 shards: 100 reports\./u);
    expect(merged).toMatch(/100 of 100 reports unchanged: taken from the build cache/u);

    const single = tree(join(work, "single"));
    const together = tree(join(work, "merged"));
    expect(single.size).toBeGreaterThan(3000);
    expect(differences(single, together), "files that differ from the single build").toEqual([]);
  });
});
