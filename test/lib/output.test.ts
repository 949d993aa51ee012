/**
 * Putting a build in place: the old site survives every failure (a copy across file systems, a failed swap, a full
 * disk), nothing temporary is left, and what killed builds left behind is cleaned by the next one.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cleanStale, moveInto, nodeFs, OutputError, type OutputFs, publish, siblings, swapIn } from "../../src/lib/output.ts";

function site(dir: string, marker: string): string {
  mkdirSync(join(dir, "reports"), { recursive: true });
  writeFileSync(join(dir, "index.html"), marker);
  writeFileSync(join(dir, "reports", "a.html"), marker);
  return dir;
}

function setup() {
  const base = mkdtempSync(join(tmpdir(), "touming-output-"));
  const built = site(join(base, "build-tmp", "built"), "new");
  const out = site(join(base, "web", "dist"), "old");
  return { base, built, out };
}

const failing = (failOn: (op: string, from: string, to?: string) => NodeJS.ErrnoException | undefined): OutputFs => ({
  ...nodeFs,
  rename(from, to) {
    const e = failOn("rename", from, to);
    if (e) throw e;
    nodeFs.rename(from, to);
  },
  copy(from, to) {
    const e = failOn("copy", from, to);
    if (e) throw e;
    nodeFs.copy(from, to);
  },
});

const error = (code: string): NodeJS.ErrnoException => Object.assign(new Error(`${code}: simulated`), { code });

describe("publish", () => {
  it("replaces the old site with the new one and leaves nothing beside it", () => {
    const { built, out } = setup();
    publish(built, out);
    expect(readFileSync(join(out, "index.html"), "utf8")).toBe("new");
    expect(existsSync(built)).toBe(false);
    expect(readdirSync(join(out, ".."))).toEqual(["dist"]);
  });

  it("copies across file systems (EXDEV) instead of failing, and still swaps safely", () => {
    const { built, out } = setup();
    // A rename out of the build folder crosses a device boundary; renames beside the target do not.
    publish(built, out, failing((op, from) => (op === "rename" && from === built ? error("EXDEV") : undefined)));
    expect(readFileSync(join(out, "reports", "a.html"), "utf8")).toBe("new");
    expect(existsSync(built)).toBe(false);
    expect(readdirSync(join(out, ".."))).toEqual(["dist"]);
  });

  it("keeps the old site when the copy across file systems fails (disk full)", () => {
    const { built, out } = setup();
    const fs = failing((op, from) => (op === "rename" && from === built ? error("EXDEV") : op === "copy" ? error("ENOSPC") : undefined));
    expect(() => publish(built, out, fs)).toThrow(OutputError);
    expect(() => publish(built, out, fs)).toThrow(/no space left on the device/u);
    expect(readFileSync(join(out, "index.html"), "utf8")).toBe("old");
    expect(readdirSync(join(out, ".."))).toEqual(["dist"]);
  });

  it("puts the old site back when the new one cannot be moved in", () => {
    const { built, out } = setup();
    const { fresh } = siblings(out);
    const fs = failing((op, from, to) => (op === "rename" && from === fresh && to === out ? error("EACCES") : undefined));
    expect(() => publish(built, out, fs)).toThrow(`cannot move the new site to ${out}: permission denied`);
    expect(readFileSync(join(out, "index.html"), "utf8")).toBe("old");
    expect(readdirSync(join(out, ".."))).toEqual(["dist"]);
  });

  it("publishes where there was no site before", () => {
    const { base, built } = setup();
    const out = join(base, "new-web", "dist");
    publish(built, out);
    expect(readFileSync(join(out, "index.html"), "utf8")).toBe("new");
  });
});

describe("cleanStale", () => {
  const DEAD = 999_999; // beyond the default pid_max of 32768 on Linux: never a running process here

  it("removes the folders of builds that no longer run, keeps this one's", () => {
    const { base, out } = setup();
    const tmpRoot = join(base, "build-tmp");
    for (const name of [`${DEAD}`, `stage-${DEAD}`, `${process.pid}`, "notes"]) mkdirSync(join(tmpRoot, name), { recursive: true });
    writeFileSync(join(tmpRoot, `metas-${DEAD}.json`), "[]");
    writeFileSync(join(tmpRoot, `metas-${process.pid}.json`), "[]");
    cleanStale(tmpRoot, out);
    expect(readdirSync(tmpRoot).sort()).toEqual(["built", `${process.pid}`, `metas-${process.pid}.json`, "notes"].sort());
  });

  it("restores an old site a killed build had set aside, and removes a half-moved new one", () => {
    const { base, out } = setup();
    const { fresh, old } = siblings(out, DEAD);
    nodeFs.rename(out, old); // killed between the two renames of the swap
    site(fresh, "half");
    const log = cleanStale(join(base, "build-tmp"), out);
    expect(readFileSync(join(out, "index.html"), "utf8")).toBe("old");
    expect(readdirSync(join(out, ".."))).toEqual(["dist"]);
    expect(log.some((l) => l.startsWith("restored"))).toBe(true);
  });

  it("removes an old site set aside by a killed build when the target is in place", () => {
    const { base, out } = setup();
    site(siblings(out, DEAD).old, "older");
    cleanStale(join(base, "build-tmp"), out);
    expect(readdirSync(join(out, ".."))).toEqual(["dist"]);
    expect(readFileSync(join(out, "index.html"), "utf8")).toBe("old");
  });
});

describe("swapIn", () => {
  it("puts several folders in place together, or none: a failure on the second puts the first back", () => {
    const base = mkdtempSync(join(tmpdir(), "touming-swap-"));
    const swaps = ["a", "b"].map((n) => ({ fresh: site(join(base, `${n}.tmp`), `new ${n}`), target: site(join(base, n), `old ${n}`), old: join(base, `${n}.old`) }));
    const fs = failing((op, from) => (op === "rename" && from === swaps[1]?.fresh ? error("ENOSPC") : undefined));
    expect(() => swapIn(swaps, "report", fs)).toThrow(`cannot move the new report to ${join(base, "b")}: no space left on the device`);
    expect(readFileSync(join(base, "a", "index.html"), "utf8")).toBe("old a");
    expect(readFileSync(join(base, "b", "index.html"), "utf8")).toBe("old b");
    expect(readdirSync(base).sort()).toEqual(["a", "b"]);
    expect(swapIn(["a", "b"].map((n) => ({ fresh: site(join(base, `${n}.tmp`), `new ${n}`), target: join(base, n), old: join(base, `${n}.old`) })), "report")).toEqual([]);
    expect(readFileSync(join(base, "b", "index.html"), "utf8")).toBe("new b");
    expect(readdirSync(base).sort()).toEqual(["a", "b"]);
  });
});

describe("moveInto", () => {
  it("moves files and whole folders by renames, merges folders both have, leaves nothing behind", () => {
    const root = mkdtempSync(join(tmpdir(), "touming-move-"));
    const from = join(root, "stage");
    const to = join(root, "site");
    mkdirSync(join(from, "reports/a/data/tables"), { recursive: true });
    mkdirSync(join(from, "data"), { recursive: true });
    mkdirSync(join(to, "reports/a"), { recursive: true });
    writeFileSync(join(from, "reports/a/data/tables/01.csv"), "x");
    writeFileSync(join(from, "data/line-items.csv"), "y");
    writeFileSync(join(to, "reports/a/index.html"), "page");
    const renamed: string[] = [];
    moveInto(from, to, { ...nodeFs, rename: (a, b) => (renamed.push(b.slice(to.length + 1)), nodeFs.rename(a, b)) });
    expect(readFileSync(join(to, "reports/a/data/tables/01.csv"), "utf8")).toBe("x");
    expect(readFileSync(join(to, "data/line-items.csv"), "utf8")).toBe("y");
    expect(readFileSync(join(to, "reports/a/index.html"), "utf8")).toBe("page");
    // The folders the site lacked moved whole: one rename each, not one per file.
    expect(renamed.sort()).toEqual(["data", "reports/a/data"]);
    expect(existsSync(from)).toBe(false);
  });

  it("refuses to replace a page with a download, naming the path", () => {
    const root = mkdtempSync(join(tmpdir(), "touming-move-"));
    mkdirSync(join(root, "stage/data"), { recursive: true });
    mkdirSync(join(root, "site/data"), { recursive: true });
    writeFileSync(join(root, "stage/data/index.html"), "download");
    writeFileSync(join(root, "site/data/index.html"), "page");
    expect(() => moveInto(join(root, "stage"), join(root, "site"))).toThrow(/data\/index\.html was written twice/u);
    expect(readFileSync(join(root, "site/data/index.html"), "utf8")).toBe("page");
  });
});
