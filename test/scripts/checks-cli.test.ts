/** The checks as a clerk meets them: `npm run import` and `npm run validate` print every failure; --strict stops. */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../..");
const DATA = join(ROOT, "src/data");
const YQ24 = "yangquan-civil-affairs-2024-final";

function run(script: string, args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [join(ROOT, "scripts", script), ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, ...env } });
}

function copyData(): string {
  const dir = mkdtempSync(join(tmpdir(), "touming-checks-"));
  cpSync(join(DATA, "reference"), join(dir, "reference"), { recursive: true });
  cpSync(join(DATA, "reports"), join(dir, "reports"), { recursive: true });
  return dir;
}

describe("npm run validate", () => {
  it("prints the tally of every check", () => {
    const r = run("validate.ts", []);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Checks: \d+ passed, \d+ failed \(in \d+ of 5 reports\), \d+ not applicable\.$/mu);
  });

  it("catches and names a changed amount in a stored table: report, rule, table, row, column, expected, found", () => {
    const data = copyData();
    const file = join(data, "reports", YQ24, "tables/05.csv");
    const csv = readFileSync(file, "utf8");
    // 公开05表 2080201 行政运行 基本支出 177.97 → 187.97
    const changed = csv.replace(/^(\d+,data,2080201,行政运行,177\.97,)177\.97,/mu, "$1187.97,");
    expect(changed).not.toBe(csv);
    writeFileSync(file, changed);
    const r = run("validate.ts", [], { TOUMING_DATA: data });
    expect(r.status, r.stderr).toBe(0);
    const line = r.stdout.split("\n").find((l) => l.includes(`${YQ24} · sum.basic-project`) && l.includes("2080201"));
    expect(line).toBeDefined();
    expect(line).toMatch(/公开05表 · 2080201 行政运行/u);
    expect(line).toMatch(/应为 187\.97，实为 177\.97/u);
    expect(line).toMatch(/“本年支出\/基本支出”=187\.97/u);
    const strict = run("validate.ts", ["--strict"], { TOUMING_DATA: data });
    expect(strict.status).toBe(1);
    expect(strict.stderr).toMatch(/--strict: \d+ checks? failed/u);
  });

  it("a stored 合计 changed to 9999.99 is a failure", () => {
    const data = copyData();
    const file = join(data, "reports", YQ24, "tables/02.csv");
    writeFileSync(file, readFileSync(file, "utf8").replace(/^(\d+,data,)合计,,3119\.54,/mu, "$1合计,,9999.99,"));
    const r = run("validate.ts", [], { TOUMING_DATA: data });
    expect(r.stdout).toMatch(/sum\.total-of-classes.*公开02表 · 合计 · 本年收入合计：应为 3119\.54，实为 9999\.99/u);
  });
});

describe("npm run import", () => {
  it("prints the failures of what it imports: 一般公共预算财政拨款收入 2560.16 → 9560.16 with its 合计 left at 3119.54", () => {
    const data = mkdtempSync(join(tmpdir(), "touming-checks-"));
    cpSync(join(DATA, "reference"), join(data, "reference"), { recursive: true });
    const source = readFileSync(join(DATA, "reports", YQ24, "source.txt"), "utf8");
    const changed = source.replace("一、一般公共预算财政拨款收入\t1\t2560.16", "一、一般公共预算财政拨款收入\t1\t9560.16");
    expect(changed).not.toBe(source);
    const input = join(data, "changed.txt");
    writeFileSync(input, changed);
    const r = run("import.ts", ["--data", data, input]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/sum\.side-totals.*公开01表 · 本年收入合计 · 收入\/金额：应为 10119\.54，实为 3119\.54/u);
    expect(r.stdout).toMatch(/cross\.appropriation-income.*应为 2560\.16，实为 9560\.16|cross\.appropriation-income.*应为 9560\.16，实为 2560\.16/u);
    const strict = run("import.ts", ["--data", mkdtempSync(join(tmpdir(), "touming-checks-")), input, "--strict"]);
    expect(strict.status).toBe(1);
    expect(strict.stderr).toMatch(/Nothing was written/u);
  });
});

describe("npm run build -- --strict", () => {
  it("refuses to build while a check fails, before writing anything", () => {
    const data = copyData();
    const file = join(data, "reports", YQ24, "tables/02.csv");
    writeFileSync(file, readFileSync(file, "utf8").replace(/^(\d+,data,)合计,,3119\.54,/mu, "$1合计,,9999.99,"));
    const out = join(mkdtempSync(join(tmpdir(), "touming-out-")), "dist");
    const r = run("build.ts", ["--strict", "--out", out], { TOUMING_DATA: data });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/✗ yangquan-civil-affairs-2024-final · sum\.total-of-classes/u);
    expect(r.stderr).toMatch(/--strict: build stopped: nothing was written/u);
    expect(existsSync(out)).toBe(false);
  });
});
