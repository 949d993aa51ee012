/**
 * Putting new folders in place without ever harming the ones they replace — the built site (`publish`) and a batch
 * of imported reports (scripts/import.ts) share this one mechanism. A new folder waits beside its target (same file
 * system), then all are swapped in by renames, the old copies set aside first; the old copies are removed only once
 * every new folder is in place, and put back if any step fails. Temporary names carry the process id, so what a
 * killed process left is recognised and cleaned (or, for an old copy that is the only one left, put back) later.
 */
import { cpSync, lstatSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** The file-system operations used (injected in tests to simulate failures such as EXDEV). */
export interface OutputFs {
  rename(from: string, to: string): void;
  copy(from: string, to: string): void;
  remove(path: string): void;
  /** Is anything (file, folder, link) at the path? */
  exists(path: string): boolean;
  list(dir: string): string[];
  mkdir(dir: string): void;
}

export const nodeFs: OutputFs = {
  rename: (from, to) => renameSync(from, to),
  copy: (from, to) => cpSync(from, to, { recursive: true }),
  remove: (path) => rmSync(path, { recursive: true, force: true }),
  exists: (path) => {
    try {
      lstatSync(path);
      return true;
    } catch {
      return false;
    }
  },
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

/** One folder to put in place: `fresh` (beside `target`) replaces `target`, whose old copy waits at `old`. */
export interface Swap {
  fresh: string;
  target: string;
  old: string;
}

/**
 * Swaps every fresh folder in, all or none. On a failure everything done so far is undone (new folders out, old
 * copies back, fresh folders removed) and an OutputError names the step in words; `what` names the folders in it
 * (`site`, `report`). Returns the old copies that could not be removed after success (the swap itself succeeded).
 */
export function swapIn(swaps: readonly Swap[], what: string, fs: OutputFs = nodeFs): string[] {
  const done: { swap: Swap; aside: boolean; placed: boolean }[] = [];
  const undo = () => {
    for (const d of done.reverse()) {
      if (d.placed) fs.remove(d.swap.target);
      if (d.aside) fs.rename(d.swap.old, d.swap.target);
    }
    for (const s of swaps) fs.remove(s.fresh);
  };
  for (const swap of swaps) {
    const step = { swap, aside: false, placed: false };
    done.push(step);
    if (fs.exists(swap.target)) {
      try {
        if (fs.exists(swap.old)) throw Object.assign(new Error(`${swap.old} exists`), { code: "EEXIST" });
        fs.rename(swap.target, swap.old);
        step.aside = true;
      } catch (e) {
        undo();
        throw new OutputError(`cannot move the existing ${what} aside to ${swap.old}: ${reason(e)}`);
      }
    }
    try {
      fs.rename(swap.fresh, swap.target);
      step.placed = true;
    } catch (e) {
      undo();
      throw new OutputError(`cannot move the new ${what} to ${swap.target}: ${reason(e)}`);
    }
  }
  // Only now are the old copies removed.
  const kept: string[] = [];
  for (const d of done) {
    if (!d.aside) continue;
    try {
      fs.remove(d.swap.old);
    } catch {
      kept.push(d.swap.old);
    }
  }
  return kept;
}

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
  // The new site next to the target (same file system): a rename, or a copy when the file systems differ.
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
  swapIn([{ fresh, target: out, old }], "site", fs);
}

/** A temporary name of a process: the folder it stands for (`target`), whether it is a new or an old copy, the pid. */
export type Leftover = { target: string; kind: "new" | "old"; pid: number };

/**
 * Cleans what processes that no longer run left in `dir` (names read by `parse`): an old copy is put back when its
 * target is missing (it is the only copy left), everything else is removed. Returns what it did, in words.
 */
export function cleanLeftovers(dir: string, parse: (name: string) => Leftover | undefined, fs: OutputFs = nodeFs): string[] {
  const done: string[] = [];
  for (const name of fs.list(dir)) {
    const l = parse(name);
    if (!l || isAlive(l.pid)) continue;
    const path = join(dir, name);
    if (l.kind === "old" && !fs.exists(l.target)) {
      fs.rename(path, l.target);
      done.push(`restored ${l.target} from ${path}`);
    } else {
      fs.remove(path);
      done.push(`removed ${path}`);
    }
  }
  return done;
}

/**
 * Cleans what builds that no longer run left behind: their folders in `tmpRoot` (`<pid>`, `stage-<pid>`), and the
 * siblings of `out` (an old site a build killed mid-swap set aside is put back if the target is missing).
 */
export function cleanStale(tmpRoot: string, out: string, fs: OutputFs = nodeFs): string[] {
  const name = basename(out);
  const sibling = new RegExp(`^\\.${name.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&")}\\.(new|old)-(\\d+)$`, "u");
  return [
    ...cleanLeftovers(tmpRoot, (n) => {
      const m = /^(?:stage-|metas-)?(\d+)(?:\.json)?$/u.exec(n);
      return m ? { target: join(tmpRoot, n), kind: "new", pid: Number(m[1]) } : undefined;
    }, fs),
    ...cleanLeftovers(dirname(out), (n) => {
      const m = sibling.exec(n);
      return m ? { target: out, kind: m[1] as "new" | "old", pid: Number(m[2]) } : undefined;
    }, fs),
  ];
}

/**
 * Moves every file under `from` into `to` by renames (same file system): a folder `to` lacks moves whole, a folder
 * both have is merged, so each byte is written once (the download files staged beside the pages, src/integrations/
 * downloads.ts). A file that would replace another is an error naming both: a page and a download never share a path.
 */
export function moveInto(from: string, to: string, fs: OutputFs = nodeFs): void {
  fs.mkdir(to);
  for (const name of fs.list(from)) {
    const source = join(from, name);
    const target = join(to, name);
    if (!fs.exists(target)) fs.rename(source, target);
    else if (isDirectory(source) && isDirectory(target)) moveInto(source, target, fs);
    else throw new Error(`${target} was written twice: by the pages and by the downloads (${source})`);
  }
  fs.remove(from);
}

function isDirectory(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}
