/**
 * Helpers for tests that need the built site.
 *
 * buildSite() runs the real pipeline (`node scripts/build.ts --out <dir>`) once per `vitest run` and variant, however
 * many test files and workers ask for it: test/support/global-setup.ts provides a run id, a lock directory serialises
 * the workers, and a stamp file records which run built which variant (and whether that build failed, so a broken build
 * is reported by every caller without being retried). Runs that never call buildSite() never build.
 *
 * serveDir() serves a directory under a base path with a small in-process node:http server (an `astro preview` child
 * process can outlive the test run).
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdir, readFile, realpath, rename, rm, stat, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { inject } from "vitest";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const ARTIFACTS = join(ROOT, "test-artifacts");
const STATE_DIR = join(ARTIFACTS, ".build-state");

/** The base path the site is also tested under (a project site on a shared host). */
export const TEST_BASE = "/yujuesuan/";

const BUILD_TIMEOUT_MS = 10 * 60_000;
const LOG_TAIL_CHARS = 8_000;
const VITEST_ENV = ["BASE_URL", "MODE", "DEV", "PROD", "SSR", "NODE_ENV", "TEST", "VITEST", "FORCE_TTY"];

export interface BuildOptions {
  /** Base path, e.g. `/yujuesuan/`; `/` (the default) builds for the root of a host. Sets TOUMING_BASE. */
  base?: string;
  /** Site URL; sets TOUMING_SITE when given. */
  site?: string;
  /** Another data folder (sets TOUMING_DATA), built into `test-artifacts/site-<name>` (e.g. a fixture with a changed cell). */
  data?: { name: string; dir: string };
}

interface Stamp {
  runId: string;
  base: string;
  ok: boolean;
  error?: string;
}

/** `/`, or a path with exactly one leading and one trailing slash. */
export function normalizeBase(base: string | undefined): string {
  const trimmed = (base ?? "").replace(/^\/+|\/+$/g, "");
  return trimmed === "" ? "/" : `/${trimmed}/`;
}

/** Output folder name for a base: `site` for `/`, `site-base` for TEST_BASE, `site-base-<slug>` otherwise. */
export function outName(base: string): string {
  if (base === "/") return "site";
  if (base === TEST_BASE) return "site-base";
  return `site-base-${base.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "")}`;
}

function runId(): string {
  let id: string | undefined;
  try {
    id = inject("toumingRunId");
  } catch {
    // not inside a Vitest worker
  }
  // Without the globalSetup each worker process builds at most once.
  return id ?? `pid-${process.pid}`;
}

const memo = new Map<string, Promise<string>>();

/**
 * Builds the site (all data validated by the build script) into `test-artifacts/site` (base `/`) or
 * `test-artifacts/site-base` (base `/yujuesuan/`) and returns the absolute directory. Once per test run.
 * `TOUMING_REUSE_SITE=1` skips the build when the directory already holds an index.html (for local iteration).
 */
export function buildSite(options: BuildOptions = {}): Promise<string> {
  const base = normalizeBase(options.base);
  const key = `${base}\n${options.site ?? ""}\n${options.data?.dir ?? ""}`;
  let pending = memo.get(key);
  if (!pending) {
    pending = buildOnce(base, options.site, options.data);
    memo.set(key, pending);
  }
  return pending;
}

async function buildOnce(base: string, site: string | undefined, data?: BuildOptions["data"]): Promise<string> {
  const name = `${data ? `${outName(base)}-${data.name}` : outName(base)}${site ? "-site" : ""}`;
  const out = join(ARTIFACTS, name);
  if (process.env.TOUMING_REUSE_SITE === "1" && (await isFile(join(out, "index.html")))) return out;

  const id = runId();
  const stampFile = join(STATE_DIR, `${name}.json`);
  const done = async (): Promise<string | undefined> => {
    const stamp = await readStamp(stampFile);
    if (!stamp || stamp.runId !== id || stamp.base !== base) return undefined;
    if (!stamp.ok) throw new Error(stamp.error ?? `building ${name} failed`);
    return out;
  };

  // One lock for every variant: two Astro builds at once in one checkout could trip over shared caches.
  const lock = join(STATE_DIR, "build.lock");
  await mkdir(STATE_DIR, { recursive: true });
  const finished = await acquire(lock, done);
  if (finished) return finished;
  try {
    const already = await done();
    if (already) return already;
    try {
      await runBuild(base, site, out, name, data?.dir);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await writeStamp(stampFile, { runId: id, base, ok: false, error: message });
      throw error;
    }
    await writeStamp(stampFile, { runId: id, base, ok: true });
    return out;
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

/**
 * Takes the lock (an atomic mkdir) and returns undefined, or returns the output directory without taking the lock
 * once `done()` shows another worker finished this run's build meanwhile.
 */
async function acquire(lock: string, done: () => Promise<string | undefined>): Promise<string | undefined> {
  const deadline = Date.now() + 3 * BUILD_TIMEOUT_MS; // other variants may be queued first
  for (;;) {
    try {
      await mkdir(lock);
      await writeFile(join(lock, "owner"), `${process.pid}\n`);
      return undefined;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const finished = await done();
    if (finished) return finished;
    if (await isStale(lock)) {
      await rm(lock, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for the build lock ${lock}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** A lock whose owner process is gone (a killed earlier run), or older than any build may take. */
async function isStale(lock: string): Promise<boolean> {
  const info = await stat(lock).catch(() => undefined);
  if (!info) return false; // released meanwhile: look again
  const age = Date.now() - info.mtimeMs;
  if (age > BUILD_TIMEOUT_MS + 60_000) return true;
  const pid = Number(await readFile(join(lock, "owner"), "utf8").catch(() => ""));
  if (!Number.isInteger(pid) || pid <= 0) return age > 5_000; // owner died before writing its pid
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

async function runBuild(base: string, site: string | undefined, out: string, name: string, data?: string): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Vitest workers carry Vite's env (BASE_URL=/, MODE=test, DEV, PROD, SSR, NODE_ENV=test, VITEST…). Passed on, they
  // override the build's own: BASE_URL=/ made Astro's import.meta.env.BASE_URL ignore TOUMING_BASE.
  for (const key of VITEST_ENV) delete env[key];
  for (const key of Object.keys(env)) if (key.startsWith("VITEST_")) delete env[key];
  if (base === "/") delete env.TOUMING_BASE;
  else env.TOUMING_BASE = base;
  if (site !== undefined) env.TOUMING_SITE = site;
  else delete env.TOUMING_SITE;
  if (data !== undefined) env.TOUMING_DATA = data;
  // The search index in parts of 64 KB of text (src/lib/search-index.ts): the bundled site's index comes in several, so
  // the browser tests search across merged parts as a province's site does.
  env.TOUMING_SEARCH_PART_KB = "64";

  const args = ["scripts/build.ts", "--out", out];
  const logFile = join(ARTIFACTS, `${name}.build.log`);
  let log = "";
  const code = await new Promise<number | string>((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    const timer = setTimeout(() => child.kill("SIGKILL"), BUILD_TIMEOUT_MS);
    child.stdout.on("data", (chunk: Buffer) => (log += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (log += chunk.toString("utf8")));
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (exitCode, signal) => {
      clearTimeout(timer);
      resolvePromise(exitCode ?? signal ?? "unknown");
    });
  });
  await mkdir(ARTIFACTS, { recursive: true });
  await writeFile(logFile, log);
  if (code !== 0) {
    const tail = log.length > LOG_TAIL_CHARS ? `…${log.slice(-LOG_TAIL_CHARS)}` : log;
    throw new Error(
      `\`node ${args.join(" ")}\` (TOUMING_BASE=${env.TOUMING_BASE ?? "unset"}) exited with ${code}; ` +
        `full log in ${logFile}\n${tail}`,
    );
  }
  if (!(await isFile(join(out, "index.html")))) throw new Error(`the build succeeded but ${out}/index.html is missing`);
}

async function readStamp(file: string): Promise<Stamp | undefined> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as Stamp;
  } catch {
    return undefined;
  }
}

async function writeStamp(file: string, stamp: Stamp): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(stamp));
  await rename(tmp, file);
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Static server

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".htm": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".otf": "font/otf",
  ".pdf": "application/pdf",
  ".zip": "application/zip",
  ".wasm": "application/wasm",
};

export function contentType(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? "application/octet-stream";
}

export interface Served {
  /** The site's root URL including the base path, e.g. `http://127.0.0.1:41234/yujuesuan/`. */
  url: string;
  origin: string;
  base: string;
  close(): Promise<void>;
}

/**
 * Serves `dir` at `base` on 127.0.0.1 (ephemeral port): files as they are, `index.html` for a directory (a directory
 * URL without its trailing slash is redirected, like common static hosts do), 404 (with the site's 404.html when it
 * has one) for anything else, including every path outside `base` and any attempt to leave `dir`.
 */
export async function serveDir(dir: string, base = "/"): Promise<Served> {
  const normalizedBase = normalizeBase(base);
  const root = await realpath(resolve(dir));
  const notFoundPage = join(root, "404.html");
  const notFoundBody = (() => {
    try {
      return readFileSync(notFoundPage);
    } catch {
      return undefined;
    }
  })();

  const notFound = (req: IncomingMessage, res: ServerResponse): void => {
    if (notFoundBody) send(req, res, 404, "text/html; charset=utf-8", notFoundBody);
    else send(req, res, 404, "text/plain; charset=utf-8", Buffer.from("404 Not Found\n"));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { Allow: "GET, HEAD" }).end();
      return;
    }
    // Prefix rather than resolve: a request target such as `//host/x` must stay a path.
    const url = new URL(`http://127.0.0.1${req.url ?? "/"}`);
    const pathname = url.pathname;
    if (`${pathname}/` === normalizedBase) return redirect(res, `${normalizedBase}${url.search}`);
    if (!pathname.startsWith(normalizedBase)) return notFound(req, res);

    let segments: string[];
    try {
      segments = pathname
        .slice(normalizedBase.length)
        .split("/")
        .map((segment) => decodeURIComponent(segment));
    } catch {
      send(req, res, 400, "text/plain; charset=utf-8", Buffer.from("400 Bad Request\n"));
      return;
    }
    if (segments.some((s) => s === ".." || s.includes("/") || s.includes("\\") || s.includes("\0"))) {
      return notFound(req, res);
    }
    let file = resolve(root, ...segments);
    if (!inside(root, file)) return notFound(req, res);

    let info = await stat(file).catch(() => undefined);
    if (info?.isDirectory()) {
      if (!pathname.endsWith("/")) return redirect(res, `${pathname}/${url.search}`);
      file = join(file, "index.html");
      info = await stat(file).catch(() => undefined);
    }
    if (!info?.isFile()) return notFound(req, res);
    const real = await realpath(file);
    if (!inside(root, real)) return notFound(req, res);
    send(req, res, 200, contentType(real), await readFile(real));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
      res.end(`500 ${error instanceof Error ? error.message : String(error)}\n`);
    });
  });
  await new Promise<void>((resolvePromise, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolvePromise());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}${normalizedBase}`,
    origin,
    base: normalizedBase,
    close: () =>
      new Promise<void>((resolvePromise, reject) => {
        server.close((error) => (error ? reject(error) : resolvePromise()));
        server.closeAllConnections();
      }),
  };
}

function inside(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(301, { Location: location, "Content-Length": "0" }).end();
}

function send(req: IncomingMessage, res: ServerResponse, status: number, type: string, body: Buffer): void {
  res.writeHead(status, {
    "Content-Type": type,
    "Content-Length": String(body.length),
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  });
  res.end(req.method === "HEAD" ? undefined : body);
}
