/**
 * The statements of change and execution as downloads (src/lib/export/changes.ts): each row carries the text's own
 * amounts, the base it names with its Fiscal Data Package phase, the base value stated or implied (and which), and
 * the percentage recomputed from the printed amounts beside the printed one. Expected values are read from the
 * sources by hand: 阳泉市民政局 2024 决算 line 372 (收入总计 3,119.54, 减少6,961.07万元，下降69.05%, 主要原因是殡仪馆迁建
 * 项目完工), line 412 (年初预算1,127.65万元，支出决算2,560.16万元，完成年初预算的227.03%), 忻州市民政局 2024 预算 line 602
 * (机关运行经费 65.14万元，比2023年预算减少1.88万元，下降2.9%).
 */
import { describe, expect, it } from "vitest";
import Papa from "papaparse";
import { strFromU8 } from "fflate";
import { loadSiteOrThrow } from "../../src/lib/load.ts";
import { dataPaths, fsReader, projectValidators } from "../../src/lib/node-io.ts";
import { STATEMENT_COLUMNS, statementFiles, statementRows, statementsSchema, statementViews } from "../../src/lib/export/changes.ts";

const site = loadSiteOrThrow(fsReader, dataPaths(), projectValidators());
const report = (id: string) => site.reports.find((r) => r.meta.id === id) ?? (() => { throw new Error(id); })();
const rowsOf = (id: string) => {
  const r = report(id);
  return statementRows(r, statementViews(r)).map((row) => Object.fromEntries(STATEMENT_COLUMNS.map((c, i) => [c, row[i]])) as Record<(typeof STATEMENT_COLUMNS)[number], string>);
};

describe("statement rows", () => {
  it("a decrease against last year: the previous value implied (3,119.54 + 6,961.07), the percentage recomputed", () => {
    const income = rowsOf("yangquan-civil-affairs-2024-final").find((r) => r.source_line === "372" && r.figure === "收入总计");
    expect(income).toMatchObject({
      kind: "change", phase: "executed", value: "3119.54", unit: "万元", cell_table: "1", cell_row: "总计", direction: "decrease", change: "6961.07",
      percent: "69.05", percent_computed: "69.05", base_year: "2023", base_value: "10080.61", base_value_source: "implied", reason: "殡仪馆迁建项目完工",
    });
    // “与上年相比” does not say 预算 or 决算: no phase is claimed for the base.
    expect(income?.base_phase).toBe("");
  });

  it("a wrong printed percentage stays as printed; the computed one sits beside it (1.88 ÷ 67.02 = 2.8 % at one decimal)", () => {
    const office = rowsOf("xinzhou-civil-affairs-2024-budget").find((r) => r.source_line === "602");
    expect(office).toMatchObject({ figure: "机关运行经费", phase: "approved", value: "65.14", change: "1.88", percent: "2.9", percent_computed: "2.8", base: "previous-budget", base_phase: "approved", base_value: "67.02", base_value_source: "implied" });
  });

  it("execution: 决算 ÷ 年初预算 (2,560.16 ÷ 1,127.65 = 227.03 %), the budget stated, its phase approved", () => {
    const rows = rowsOf("yangquan-civil-affairs-2024-final").filter((r) => r.source_line === "412" && r.kind === "execution");
    const total = rows.find((r) => r.value === "2560.16");
    expect(total).toMatchObject({ phase: "executed", base: "initial-budget", base_phase: "approved", base_value: "1127.65", base_value_source: "stated", percent: "227.03", percent_computed: "227.03" });
  });

  it("computes the percentage of a line that prints no change amount from its two printed figures (Shanghai item line)", () => {
    // Written in the form of the Shanghai samples' item lines: 80.00 → 81.60 is an increase of 2.00 %, printed “减少1.50%”.
    const r0 = report("xinzhou-civil-affairs-2024-budget");
    const text = "1、社会保障和就业支出（208类）行政事业单位养老支出（05款）事业单位离退休（02项）81.60万元。主要用于：离退休人员支出。2025年当年预算执行数为80.00万元，2026年预算安排81.60万元，比2025年预算执行数减少1.50%。主要原因是：退休人员减少。";
    const r = { ...r0, meta: { ...r0.meta, year: 2026, template: { id: "shanghai", name: "上海市模板" } }, narrative: [{ heading: "财政拨款支出主要内容", line: 6, depth: 1, blocks: [{ type: "p" as const, line: 7, text }] }] };
    const [row, ...rest] = statementRows(r, statementViews(r)).map((x) => Object.fromEntries(STATEMENT_COLUMNS.map((c, i) => [c, x[i]])) as Record<string, string>);
    expect(rest).toEqual([]);
    expect(row).toMatchObject({ figure: "事业单位离退休", value: "81.60", change: "", percent: "1.50", percent_computed: "2.00", base: "previous-execution", base_value: "80.00", base_value_source: "stated" });
  });

  it("numbers every statement of a report once, in text order, over both kinds", () => {
    for (const r of site.reports) {
      const rows = rowsOf(r.meta.id);
      expect(rows.map((x) => Number(x.statement_no))).toEqual(rows.map((_, i) => i + 1));
      expect(rows.map((x) => Number(x.source_line))).toEqual(rows.map((x) => Number(x.source_line)).sort((a, b) => a - b));
    }
  });
});

describe("changes.csv and execution.csv", () => {
  it("hold the 65 statements against last year and the 22 of execution of the five bundled reports, readable by their schema", () => {
    const schema = statementsSchema();
    expect(schema.fields.map((f) => f.name)).toEqual([...STATEMENT_COLUMNS]);
    let changes = 0;
    let execution = 0;
    for (const r of site.reports) {
      const { files } = statementFiles(r, statementViews(r));
      for (const f of files) {
        const parsed = Papa.parse<Record<string, string>>(strFromU8(f.bytes), { header: true, skipEmptyLines: true });
        expect(parsed.errors, f.path).toEqual([]);
        expect(parsed.meta.fields).toEqual([...STATEMENT_COLUMNS]);
        for (const row of parsed.data) {
          for (const field of schema.fields) {
            const v = row[field.name] ?? "";
            if (v === "") continue;
            if (field.type === "number") expect(v, `${f.path} ${field.name}`).toMatch(/^-?\d+(?:\.\d+)?$/u);
            if (field.type === "integer") expect(v, `${f.path} ${field.name}`).toMatch(/^\d+$/u);
          }
          expect(row.kind).toBe(f.path.endsWith("changes.csv") ? "change" : "execution");
          expect(["", "stated", "implied"]).toContain(row.base_value_source);
        }
        if (f.path.endsWith("changes.csv")) changes += parsed.data.length;
        else execution += parsed.data.length;
      }
    }
    expect(changes).toBe(65);
    expect(execution).toBe(22);
  });
});
