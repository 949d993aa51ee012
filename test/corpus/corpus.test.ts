/**
 * The bad-input corpus (cases.ts), run as a clerk meets it: the real CLIs on a fresh copy of the data. Every case has
 * its outcome asserted; every refusal must leave the data folder and an earlier site byte for byte as they were, end
 * without a stack trace, and name its file and the fields the case lists. The share of refusals that name file,
 * line/row, column, value and rule is written to test-artifacts/corpus.json (quoted in issue 10's note) and held at
 * 90 % or more.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CASES, type Case, type Ctx, type Field } from "./cases.ts";

const ROOT = join(import.meta.dirname, "../..");
const DATA = join(ROOT, "src/data");

/** Every file under `dir` with the SHA-256 of its bytes (folders listed too, so an added empty folder shows). */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) {
        out[`${relative(dir, p)}/`] = "";
        walk(p);
      } else out[relative(dir, p)] = createHash("sha256").update(readFileSync(p)).digest("hex");
    }
  };
  walk(dir);
  return out;
}

function run(args: string[], env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env, BASE_URL: "" } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

const STACK = /^\s+at .+(:\d+:\d+\)?|\(native\))$/mu;

interface Located {
  id: string;
  area: string;
  message: string;
  named: Record<"file" | Field | "rule", boolean>;
  applicable: boolean;
  all: boolean;
}
const results: Located[] = [];
let stackTraces = 0;

async function runCase(c: Case): Promise<void> {
  const base = mkdtempSync(join(tmpdir(), `touming-corpus-${c.id}-`));
  const ctx: Ctx = {
    data: join(base, "data"),
    scratch: join(base, "inputs"),
    source: (id) => join(DATA, "reports", id, "source.txt"),
  };
  cpSync(DATA, ctx.data, { recursive: true });
  mkdirSync(ctx.scratch);
  const site = join(base, "site");
  mkdirSync(join(site, "reports"), { recursive: true });
  writeFileSync(join(site, "index.html"), "<!doctype html><title>the published site</title>");
  writeFileSync(join(site, "reports/a.html"), "an earlier report page");
  const inputs = c.setup(ctx) ?? [];
  const dataBefore = tree(ctx.data);
  const siteBefore = tree(site);

  const env = { TOUMING_DATA: ctx.data };
  const args =
    c.run === "build"
      ? ["--max-old-space-size=1536", join(ROOT, "scripts/build.ts"), "--out", site]
      : c.run === "validate"
        ? [join(ROOT, "scripts/validate.ts")]
        : [join(ROOT, "scripts/import.ts"), "--data", ctx.data, ...inputs];
  const out = await run(args, env);
  // What a clerk would have seen, kept for reading (test-artifacts/ is not committed).
  mkdirSync(join(ROOT, "test-artifacts/corpus"), { recursive: true });
  writeFileSync(join(ROOT, "test-artifacts/corpus", `${c.id}.log`), `$ ${c.run} (exit ${out.status})\n${out.stdout.slice(0, 20_000)}\n--- stderr ---\n${out.stderr.slice(0, 20_000)}\n`);
  try {
    const traced = STACK.test(out.stderr) || STACK.test(out.stdout);
    if (traced) stackTraces++;
    expect(traced, `a stack trace:\n${out.stderr}`).toBe(false);
    if (c.outcome === "accept") {
      expect(out.status, out.stderr).toBe(0);
      c.after?.(ctx, out);
      return;
    }
    expect(out.status, `${out.stdout}\n${out.stderr}`).toBe(1);
    expect(tree(ctx.data), "the data folder changed").toEqual(dataBefore);
    expect(tree(site), "the earlier site changed").toEqual(siteBefore);
    const line = out.stderr.split("\n").find((l) => (c.message as RegExp).test(l));
    expect(line, `no line matches ${c.message}:\n${out.stderr}`).toBeDefined();
    const message = (line as string).trim();
    const file = typeof c.file === "function" ? c.file(ctx) : (c.file as string);
    const named = {
      file: message.includes(file),
      line: /\bline \d+/u.test(message),
      column: /\bcolumn \S/u.test(message),
      value: /\bvalue "/u.test(message),
      rule: /: \S[^:]*\S\s*$|[：。）)]$|\S{4,}$/u.test(message),
    };
    const fields = c.fields ?? [];
    const needed = fields.filter((f) => !c.na?.[f]);
    const applicable = named.file && named.rule && needed.every((f) => named[f]);
    results.push({ id: c.id, area: c.area, message, named, applicable, all: named.file && named.rule && named.line && named.column && named.value });
    expect(named.file, `the message does not name ${file}: ${message}`).toBe(true);
    for (const f of needed) expect(named[f], `the message does not name the ${f}: ${message}`).toBe(true);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

describe("the bad-input corpus", () => {
  it("has at least 60 cases with distinct ids", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
    expect(new Set(CASES.map((c) => c.id)).size).toBe(CASES.length);
  });
  for (const c of CASES) it.concurrent(`${c.area}: ${c.id} — ${c.what} → ${c.outcome}`, () => runCase(c), 120_000);

  it("every refusal names every field that applies to it, none ends in a stack trace, and most name all five", () => {
    const refusals = CASES.filter((c) => c.outcome === "refuse").length;
    expect(results.length, "every refusal was measured").toBe(refusals);
    expect(stackTraces).toBe(0);
    expect(results.filter((r) => !r.applicable).map((r) => r.id)).toEqual([]);
    // All five, wherever the case does not say why a field cannot apply (an empty file has no column, a folder name no
    // line): test-artifacts/corpus.json lists the others with what they lack.
    const whole = new Set(CASES.filter((c) => c.na && Object.keys(c.na).length > 0).map((c) => c.id));
    expect(results.filter((r) => !r.all && !whole.has(r.id)).map((r) => r.id)).toEqual([]);
  });

  afterAll(() => {
    const refusals = results.length;
    const all = results.filter((r) => r.all).length;
    const applicable = results.filter((r) => r.applicable).length;
    const summary = {
      cases: CASES.length,
      refusals,
      namingAllFive: all,
      shareNamingAllFive: refusals ? all / refusals : 0,
      namingEveryApplicableField: applicable,
      stackTraces,
      notFullyLocated: results.filter((r) => !r.all).map((r) => ({ id: r.id, missing: Object.entries(r.named).filter(([, v]) => !v).map(([k]) => k), message: r.message })),
    };
    mkdirSync(join(ROOT, "test-artifacts"), { recursive: true });
    writeFileSync(join(ROOT, "test-artifacts/corpus.json"), `${JSON.stringify(summary, null, 2)}\n`);
  });
});
