/**
 * npm run merge -- --cache DIR [--cache DIR …] [--out DIR] [--quiet]
 * Assembles a site built in shards (`npm run build -- --shard K/N`, each with its own TOUMING_CACHE): the shards'
 * build caches are merged into this build's cache, then the site is built as usual — every report of every shard is
 * taken from the cache (its downloads, checks and pages: nothing of it is made again), and the site-wide files and
 * pages (indexes, comparisons, line items, checks, the data package) are written from all of them. The result is byte
 * for byte the site one build makes of the same data (tested). Run it with the same data and code as the shards.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { cacheDir } from "../src/lib/build-cache.ts";
import { root } from "../src/lib/node-io.ts";

const { values } = parseArgs({
  options: { cache: { type: "string", multiple: true, default: [] }, out: { type: "string" }, quiet: { type: "boolean", default: false } },
});
const shards = values.cache.map((d) => resolve(d));
const target = cacheDir(root);
if (!target) {
  console.error("npm run merge assembles the shards through the build cache: TOUMING_CACHE must not be off.");
  process.exit(1);
}
if (shards.length === 0) {
  console.error("Usage: npm run merge -- --cache SHARD_CACHE [--cache SHARD_CACHE …] [--out DIR]");
  process.exit(1);
}
for (const s of shards) {
  if (!existsSync(join(s, "reports"))) {
    console.error(`${s}: not the build cache of a shard (no reports/ folder in it).`);
    process.exit(1);
  }
}

interface AstroManifest {
  version: number;
  configHash: string;
  lockfileHash: string;
  keyDigest?: string;
  routes: Record<string, { dependencyHash: string; paths: Record<string, unknown> }>;
}

// This build's cache starts from the shards' alone: what an earlier build left here could belong to other data.
rmSync(target, { recursive: true, force: true });
mkdirSync(join(target, "reports"), { recursive: true });
let merged: AstroManifest | undefined;
let reports = 0;
for (const s of shards) {
  for (const id of readdirSync(join(s, "reports"))) {
    if (existsSync(join(target, "reports", id))) {
      console.error(`${id} is in two shards (${s} and another): each report belongs to one shard.`);
      process.exit(1);
    }
    cpSync(join(s, "reports", id), join(target, "reports", id), { recursive: true });
    reports++;
  }
  const manifest = join(s, "astro", "incremental-build.json");
  if (!existsSync(manifest)) continue;
  cpSync(join(s, "astro", "dist"), join(target, "astro", "dist"), { recursive: true, force: false, errorOnExist: false });
  const m = JSON.parse(readFileSync(manifest, "utf8")) as AstroManifest;
  if (!merged) merged = { ...m, routes: {} };
  else if (m.configHash !== merged.configHash || m.lockfileHash !== merged.lockfileHash) {
    console.error(`${s} was built with another configuration or other dependencies than the first shard: build every shard from the same commit.`);
    process.exit(1);
  }
  for (const [route, entry] of Object.entries(m.routes)) {
    const into = merged.routes[route];
    if (!into) merged.routes[route] = { dependencyHash: entry.dependencyHash, paths: { ...entry.paths } };
    else if (into.dependencyHash === entry.dependencyHash) Object.assign(into.paths, entry.paths);
  }
}
if (merged) writeFileSync(join(target, "astro", "incremental-build.json"), JSON.stringify(merged, null, "\t"));
console.log(`Merged the build caches of ${shards.length} shards: ${reports} reports.`);

const r = spawnSync(process.execPath, ["--max-old-space-size=1536", join(root, "scripts/build.ts"), ...(values.out ? ["--out", values.out] : []), ...(values.quiet ? ["--quiet"] : [])], {
  cwd: root,
  stdio: "inherit",
  env: process.env,
});
process.exit(r.status ?? 1);
