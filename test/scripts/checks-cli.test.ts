/** The checks as a clerk meets them: `npm run import` and `npm run validate` print every failure; --strict stops. */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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

describe("a broken report.json in the data folder", () => {
  it("validate names the file, line and key of a duplicate key", () => {
    const data = copyData();
    const file = join(data, "reports", YQ24, "report.json");
    writeFileSync(file, readFileSync(file, "utf8").replace(/^(\s*)"title": ("[^"]*"),$/mu, '$1"title": $2,\n$1"title": "另一份报告的标题",'));
    const r = run("validate.ts", [], { TOUMING_DATA: data });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`reports/${YQ24}/report\\.json, line \\d+, column /meta/title: value "title": the key "title" appears twice`, "u"));
  });

  it("import says which file is malformed and where, instead of crashing with a stack trace", () => {
    const data = copyData();
    const broken = join(data, "reports", YQ24, "report.json");
    writeFileSync(broken, readFileSync(broken, "utf8").slice(0, 200));
    // The report being imported is new here, so the importer reads every stored report.json.
    rmSync(join(data, "reports", "xinzhou-civil-affairs-2024-budget"), { recursive: true });
    const r = run("import.ts", ["--data", data, join(DATA, "reports", "xinzhou-civil-affairs-2024-budget", "source.txt")]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`${YQ24}/report\\.json, line \\d+, column character \\d+: value ".*": malformed JSON`, "u"));
    expect(r.stderr).toMatch(/Nothing was written/u);
    expect(r.stderr).not.toMatch(/^\s+at /mu);
  });
});

describe("the importer refuses what the validator would refuse, before writing", () => {
  it.each([150, 300])("a department id of %i characters: refused with the rule, nothing written, no crash", (length) => {
    const data = mkdtempSync(join(tmpdir(), "touming-checks-"));
    cpSync(join(DATA, "reference"), join(data, "reference"), { recursive: true });
    const depts = join(data, "reference", "departments.csv");
    const long = "a".repeat(length);
    writeFileSync(depts, readFileSync(depts, "utf8").replace(/^阳泉市民政局,yangquan,civil-affairs,/mu, `阳泉市民政局,yangquan,${long},`));
    const r = run("import.ts", ["--data", data, join(DATA, "reports", YQ24, "source.txt")]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/must NOT have more than 120 characters|at most 120/u);
    expect(r.stderr).toMatch(/Nothing was written/u);
    expect(r.stderr).not.toMatch(/^\s+at /mu);
    expect(existsSync(join(data, "reports"))).toBe(false);
  });
});

describe("reference lists in another encoding", () => {
  it("a GBK departments.csv is refused with its encoding named, not read as 'department missing'", () => {
    const data = mkdtempSync(join(tmpdir(), "touming-checks-"));
    cpSync(join(DATA, "reference"), join(data, "reference"), { recursive: true });
    const depts = join(data, "reference", "departments.csv");
    writeFileSync(depts, execFileSync("iconv", ["-f", "UTF-8", "-t", "GB18030", depts]));
    const r = run("import.ts", ["--data", data, join(DATA, "reports", YQ24, "source.txt")]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/reference\/departments\.csv, line 2, column name: value "阳泉市民政局,yangquan,civil-affairs,civil-affairs,": file must be UTF-8; it is GBK\/GB18030/u);
    expect(r.stderr).not.toMatch(/not in .*departments|找不到|no such department/iu);
    expect(existsSync(join(data, "reports"))).toBe(false);
  });
});
