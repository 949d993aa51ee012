/** A batch import is one transaction: every report written, or none, and no temporary folder left behind. */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../..");
const DATA = join(ROOT, "src/data");
const Y24F_ID = "yangquan-civil-affairs-2024-final";
const XZ_ID = "xinzhou-civil-affairs-2024-budget";
const source = (id: string) => join(DATA, "reports", id, "source.txt");

/** A data folder with the reference lists and the given bundled reports. */
function freshData(reports: string[] = []): string {
  const dir = mkdtempSync(join(tmpdir(), "touming-import-tx-"));
  cpSync(join(DATA, "reference"), join(dir, "reference"), { recursive: true });
  for (const id of reports) cpSync(join(DATA, "reports", id), join(dir, "reports", id), { recursive: true });
  return dir;
}

/**
 * Runs the importer. `before` is a shell snippet run first in the same process, which then becomes the importer
 * (`exec`), so `$$` there is the importer's pid: the test can put something in the way of its own folders.
 */
function runImport(args: string[], before = "") {
  return spawnSync("sh", ["-c", `${before}\nexec "$0" "$@"`, process.execPath, join(ROOT, "scripts/import.ts"), ...args], { cwd: ROOT, encoding: "utf8" });
}

/** Every file and folder under `dir` with a hash of each file's bytes: equal snapshots mean byte-for-byte equal trees. */
function snapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) {
        out.push(`${relative(dir, path)}/`);
        walk(path);
      } else out.push(`${relative(dir, path)} ${createHash("sha256").update(readFileSync(path)).digest("hex")}`);
    }
  };
  walk(dir);
  return out;
}

const leftovers = (data: string) => readdirSync(join(data, "reports")).filter((n) => /\.(tmp|old)-\d+$/u.test(n));

describe("npm run import: a batch is one transaction", () => {
  it("refuses a batch whose second report already exists from another file, and writes nothing for the first", () => {
    const data = freshData([Y24F_ID]);
    // The same report's text, changed (so not a re-import of its source) and under another name.
    const other = join(data, "other.txt");
    writeFileSync(other, `${readFileSync(source(Y24F_ID), "utf8")}\n`);
    const before = snapshot(data);
    const r = runImport(["--data", data, source(XZ_ID), other]);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`other\\.txt: value "${Y24F_ID}": report already exists, imported from another source \\(000_a4d381fa23e6aad0\\.txt\\)`, "u"));
    expect(r.stderr).toMatch(/Nothing was written/u);
    expect(existsSync(join(data, "reports", XZ_ID))).toBe(false);
    expect(snapshot(data)).toEqual(before);
  });

  it("writes every report of a good batch and leaves no temporary folder", () => {
    const data = freshData([Y24F_ID]);
    const r = runImport(["--data", data, source(XZ_ID), source(Y24F_ID)]);
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(join(data, "reports")).sort()).toEqual([XZ_ID, Y24F_ID]);
    for (const id of [XZ_ID, Y24F_ID]) expect(readFileSync(join(data, "reports", id, "source.txt"))).toEqual(readFileSync(source(id)));
  });

  it.each([
    ["while moving the second report's old copy aside (mid-swap)", `${Y24F_ID}.old-$$`, /cannot move the existing report aside to .*yangquan-civil-affairs-2024-final\.old-\d+: something is already there/u],
    ["while writing the second report", `${Y24F_ID}.tmp-$$`, /cannot write .*yangquan-civil-affairs-2024-final\.tmp-\d+: something is already there/u],
  ])("undoes the whole batch when a step fails %s", (_, inTheWay, message) => {
    // The first report of the batch replaces an existing one (marked, so a put-back copy can be told from a rewrite).
    const data = freshData([XZ_ID, Y24F_ID]);
    writeFileSync(join(data, "reports", XZ_ID, "marker.txt"), "the old copy");
    const before = snapshot(data);
    const r = runImport(["--data", data, source(XZ_ID), source(Y24F_ID)], `: > "${join(data, "reports")}/${inTheWay}"`);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/Nothing was written/u);
    expect(r.stderr).not.toMatch(/^\s+at /mu); // words, not a stack trace
    // Only the file the test put in the way is extra; everything else is exactly as it was.
    const planted = leftovers(data);
    expect(planted).toHaveLength(1);
    expect(snapshot(data).filter((l) => !l.startsWith(`reports/${planted[0]} `))).toEqual(before);
  });

  it("cleans what a killed import left: removes its temporary folders, puts back a report it had set aside", () => {
    const data = freshData([XZ_ID]);
    const reports = join(data, "reports");
    // A dead import (pid 999999) killed mid-swap: the new xinzhou was being written, yangquan-2025 was set aside and
    // its folder is gone (the old copy is the only one), xinzhou's old copy was set aside and the new one put in.
    mkdirSync(join(reports, `${XZ_ID}.tmp-999999/tables`), { recursive: true });
    writeFileSync(join(reports, `${XZ_ID}.tmp-999999/tables/01.csv`), "half");
    cpSync(join(DATA, "reports/yangquan-civil-affairs-2025-budget"), join(reports, "yangquan-civil-affairs-2025-budget.old-999999"), { recursive: true });
    cpSync(join(DATA, "reports", XZ_ID), join(reports, `${XZ_ID}.old-999999`), { recursive: true });
    const r = runImport(["--data", data, source(Y24F_ID)]);
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(reports).sort()).toEqual([XZ_ID, Y24F_ID, "yangquan-civil-affairs-2025-budget"]);
    expect(snapshot(join(reports, "yangquan-civil-affairs-2025-budget"))).toEqual(snapshot(join(DATA, "reports/yangquan-civil-affairs-2025-budget")));
  });
});
