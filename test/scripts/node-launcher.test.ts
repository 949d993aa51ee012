/** scripts/node.mjs, the entry point of every npm script: an old Node is replaced by Node 24 fetched through npm. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runsTypeScript } from "../../scripts/node.mjs";

const ROOT = join(import.meta.dirname, "../..");
const LAUNCHER = join(ROOT, "scripts/node.mjs");

/** A script that prints the Node that runs it, its arguments and its heap limit, then exits with status 7. */
function probe(): string {
  const dir = mkdtempSync(join(tmpdir(), "touming-node-"));
  const file = join(dir, "probe.ts");
  writeFileSync(
    file,
    `import { getHeapStatistics } from "node:v8";
const n: number = 7;
console.log(JSON.stringify({ version: process.versions.node, args: process.argv.slice(2), heapMiB: Math.round(getHeapStatistics().heap_size_limit / 2 ** 20), path: process.env.PATH }));
process.exit(n);
`,
  );
  return file;
}

function launch(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [LAUNCHER, ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, ...env } });
}

describe("runsTypeScript", () => {
  it("knows the first releases that strip types by default", () => {
    for (const v of ["20.20.2", "v22.12.0", "22.17.1", "23.5.0", "18.0.0", "garbage"]) expect(runsTypeScript(v), v).toBe(false);
    for (const v of ["22.18.0", "v22.20.1", "23.6.0", "24.0.0", "26.1.0"]) expect(runsTypeScript(v), v).toBe(true);
  });
});

describe("node scripts/node.mjs", () => {
  it("runs a TypeScript script with the node options and arguments given, passing its exit status on", () => {
    const r = launch(["--max-old-space-size=777", probe(), "a b", "--flag"]);
    expect(r.status, r.stderr).toBe(7);
    expect(r.stderr).toBe("");
    const out = JSON.parse(r.stdout) as { version: string; args: string[]; heapMiB: number };
    expect(out.args).toEqual(["a b", "--flag"]);
    // The heap limit is the old space asked for plus the young generation's share.
    const other = JSON.parse(launch(["--max-old-space-size=1555", probe()]).stdout) as { heapMiB: number };
    expect(other.heapMiB - out.heapMiB).toBe(1555 - 777);
  });

  it("on an old Node, fetches Node 24 through npm, says so in one line and runs the script under it", () => {
    const r = launch([probe(), "x"], { TOUMING_NODE_VERSION: "20.20.2" });
    expect(r.status, r.stderr).toBe(7);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^touming: Node 20\.20\.2 is too old for touming \(needs 22\.18 or later\); running under Node 24\.\d+\.\d+ fetched through npm \(npx node@24\)\.$/u);
    const out = JSON.parse(r.stdout) as { version: string; args: string[]; path: string };
    expect(out.version).toMatch(/^24\./u);
    expect(out.args).toEqual(["x"]);
    // Anything the script starts by name ("node", "npx") gets the same Node 24.
    const first = out.path.split(":")[0] as string;
    const node = spawnSync(join(first, "node"), ["-p", "process.versions.node"], { encoding: "utf8" });
    expect(node.stdout.trim()).toBe(out.version);
  });

  it("where Node 24 cannot be fetched, says what to install and exits 1 without a stack trace", () => {
    const r = launch([probe()], { TOUMING_NODE_VERSION: "20.20.2", TOUMING_NPX: "/bin/false" });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^touming: Node 20\.20\.2 cannot run touming's TypeScript scripts \(they need Node 22\.18 or later\), and Node 24 could not be fetched through npm .*Install Node 24 LTS/u);
    expect(r.stderr).not.toMatch(/\n\s+at /u);
  });

  it("passes a signal that ends the script on as its own", () => {
    const dir = mkdtempSync(join(tmpdir(), "touming-node-"));
    const file = join(dir, "die.ts");
    writeFileSync(file, `process.kill(process.pid, "SIGTERM");\nsetTimeout(() => {}, 5000);\n`);
    const r = launch([file]);
    expect(r.signal).toBe("SIGTERM");
  });
});
