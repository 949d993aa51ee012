/**
 * Putting a finished build in place without ever harming the published one. The new site is moved (or, across file
 * systems, copied) beside the target first, then swapped in by two renames within the target's file system; the old
 * site is removed only once the new one is in place, and put back if the swap fails. Temporary folders are named by
 * the process that made them, so the next build removes the ones of a process that no longer runs.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** The file-system operations used (injected in tests to simulate failures such as EXDEV). */
export interface OutputFs {
  rename(from: string, to: string): void;
  copy(from: string, to: string): void;
  remove(path: string): void;
  exists(path: string): boolean;
  list(dir: string): string[];
  mkdir(dir: string): void;
}

export const nodeFs: OutputFs = {
  rename: (from, to) => renameSync(from, to),
  copy: (from, to) => cpSync(from, to, { recursive: true }),
  remove: (path) => rmSync(path, { recursive: true, force: true }),
  exists: (path) => existsSync(path),
  list: (dir) => {
    try {
      return readdirSync(dir);
    } catch {
      return [];
    }
  },
  mkdir: (dir) => mkdirSync(dir, { recursive: true }),
};

/** Is a process with this id running? (EPERM: it runs, as another user.) */
export function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The hidden siblings of the target: `.<name>.new-<pid>` (the new site on its way in), `.<name>.old-<pid>` (the old). */
export function siblings(out: string, pid = process.pid): { fresh: string; old: string } {
  const name = basename(out);
  return { fresh: join(dirname(out), `.${name}.new-${pid}`), old: join(dirname(out), `.${name}.old-${pid}`) };
}

function code(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException | undefined)?.code;
}

/** A file-system error in words, for the clerk (the system's own message in brackets). */
export function reason(e: unknown): string {
  const words: Record<string, string> = {
    EACCES: "permission denied",
    EPERM: "operation not permitted",
    ENOSPC: "no space left on the device",
    EDQUOT: "disk quota exceeded",
    EROFS: "read-only file system",
    ENOTDIR: "a file stands where a folder must be",
    EISDIR: "a folder stands where a file must be",
    EEXIST: "something is already there",
    ENOTEMPTY: "the folder is not empty",
    ENOENT: "no such file or folder",
    EXDEV: "the folders are on different file systems",
  };
  const c = code(e);
  const message = e instanceof Error ? e.message : String(e);
  return c && words[c] ? `${words[c]} (${message})` : message;
}

export class OutputError extends Error {}

/**
 * Moves the finished build `built` to `out`. On any failure `out` is as it was (the old site, or nothing if there was
 * none), no temporary folder of this process is left, and an OutputError says what failed in words.
 */
export function publish(built: string, out: string, fs: OutputFs = nodeFs): void {
  const { fresh, old } = siblings(out);
  try {
    fs.mkdir(dirname(out));
  } catch (e) {
    throw new OutputError(`cannot create ${dirname(out)}: ${reason(e)}`);
  }
  // 1. The new site next to the target (same file system): a rename, or a copy when the file systems differ.
  try {
    fs.remove(fresh);
    try {
      fs.rename(built, fresh);
    } catch (e) {
      if (code(e) !== "EXDEV") throw e;
      fs.copy(built, fresh);
      fs.remove(built);
    }
  } catch (e) {
    fs.remove(fresh);
    throw new OutputError(`cannot put the new site beside ${out}: ${reason(e)}`);
  }
  // 2. The swap: the old site aside, the new one in; the old one back if that fails.
  const hadOld = fs.exists(out);
  try {
    if (hadOld) fs.rename(out, old);
  } catch (e) {
    fs.remove(fresh);
    throw new OutputError(`cannot move the old site ${out} aside: ${reason(e)}`);
  }
  try {
    fs.rename(fresh, out);
  } catch (e) {
    if (hadOld) fs.rename(old, out);
    fs.remove(fresh);
    throw new OutputError(`cannot move the new site to ${out}: ${reason(e)}`);
  }
  // 3. Only now is the old site removed.
  if (hadOld) fs.remove(old);
}

/**
 * Cleans what builds that no longer run left behind: their folders in `tmpRoot` (`<pid>`, `stage-<pid>`), and the
 * siblings of `out`. An old site set aside by a build killed mid-swap is put back if the target is missing.
 * Returns what it removed or restored, for the build's log.
 */
export function cleanStale(tmpRoot: string, out: string, fs: OutputFs = nodeFs): string[] {
  const done: string[] = [];
  for (const name of fs.list(tmpRoot)) {
    const m = /^(?:stage-)?(\d+)$/u.exec(name);
    if (!m || isAlive(Number(m[1]))) continue;
    fs.remove(join(tmpRoot, name));
    done.push(`removed ${join(tmpRoot, name)}`);
  }
  const name = basename(out);
  for (const entry of fs.list(dirname(out))) {
    const m = new RegExp(`^\\.${name.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&")}\\.(new|old)-(\\d+)$`, "u").exec(entry);
    if (!m || isAlive(Number(m[2]))) continue;
    const path = join(dirname(out), entry);
    if (m[1] === "old" && !fs.exists(out)) {
      fs.rename(path, out);
      done.push(`restored ${out} from ${path}`);
    } else {
      fs.remove(path);
      done.push(`removed ${path}`);
    }
  }
  return done;
}
