/**
 * The build never harms the published site: built into a folder on another file system it replaces the old site
 * (no EXDEV after deleting it); interrupted, it leaves the old site and none of its temporary folders; and folders
 * that a killed build left are removed by the next one.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../..");
const TMP_ROOT = join(ROOT, ".build-tmp");
const DEAD = 999_999; // beyond Linux's default pid_max: never a running process

function build(out: string): { child: ReturnType<typeof spawn>; done: Promise<{ code: number | null; stderr: string; stdout: string }> } {
  const child = spawn(process.execPath, ["--max-old-space-size=1536", join(ROOT, "scripts/build.ts"), "--out", out], { cwd: ROOT, env: { ...process.env, BASE_URL: "" } });
  let stderr = "";
  let stdout = "";
  child.stderr?.on("data", (d) => (stderr += d));
  child.stdout?.on("data", (d) => (stdout += d));
  return { child, done: new Promise((resolve) => child.on("close", (code) => resolve({ code, stderr, stdout }))) };
}

function oldSite(parent: string): string {
  const out = join(parent, "dist");
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, "index.html"), "the published site");
  return out;
}

/** A folder on another file system than the project when there is one (tmpfs), else the system's temp folder. */
function otherFileSystem(): string {
  const shm = "/dev/shm";
  const dev = (p: string) => statSync(p).dev;
  return existsSync(shm) && dev(shm) !== dev(ROOT) ? mkdtempSync(join(shm, "touming-")) : mkdtempSync(join(tmpdir(), "touming-"));
}

describe("npm run build", () => {
  it("interrupted (SIGTERM), leaves the old site and none of its temporary folders; stale ones of a killed build are gone", async () => {
    mkdirSync(join(TMP_ROOT, `stage-${DEAD}`), { recursive: true });
    mkdirSync(join(TMP_ROOT, `${DEAD}`), { recursive: true });
    const out = oldSite(mkdtempSync(join(tmpdir(), "touming-")));
    const { child, done } = build(out);
    const stage = join(TMP_ROOT, `stage-${child.pid}`);
    const started = Date.now();
    while (!existsSync(stage) && Date.now() - started < 120_000) await new Promise((r) => setTimeout(r, 100));
    expect(existsSync(stage), "the build reached the downloads").toBe(true);
    expect(existsSync(join(TMP_ROOT, `${DEAD}`)), "a killed build's folder is removed by the next build").toBe(false);
    expect(existsSync(join(TMP_ROOT, `stage-${DEAD}`))).toBe(false);
    child.kill("SIGTERM");
    const r = await done;
    expect(r.code).toBe(143);
    expect(r.stderr).toMatch(/Build interrupted \(SIGTERM\)/u);
    expect(readFileSync(join(out, "index.html"), "utf8")).toBe("the published site");
    expect(readdirSync(join(out, ".."))).toEqual(["dist"]);
    expect(existsSync(stage)).toBe(false);
    expect(existsSync(join(TMP_ROOT, `${child.pid}`))).toBe(false);
  });

  it("into a folder on another file system, replaces the old site whole", async () => {
    const out = oldSite(otherFileSystem());
    const { child, done } = build(out);
    const r = await done;
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(out, "index.html"), "utf8")).toMatch(/<html lang="zh-CN"/u);
    expect(existsSync(join(out, "data", "checks.parquet"))).toBe(true);
    expect(readdirSync(join(out, ".."))).toEqual(["dist"]);
    expect(existsSync(join(TMP_ROOT, `${child.pid}`))).toBe(false);
    expect(existsSync(join(TMP_ROOT, `stage-${child.pid}`))).toBe(false);
  });
});
