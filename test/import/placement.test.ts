/**
 * Rows that lost a cell in extraction: the importer places their cells by the width of the table and its column
 * identities, or refuses them; it never shifts an amount into another column silently. Every expectation below was
 * worked out by hand from the source lines quoted next to it.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../../src/lib/csv.ts";
import { placeRows, type PrintedRow } from "../../src/lib/import/placement.ts";
import { importDisclosure } from "../../src/lib/import/report.ts";
import type { Column, ReportKind } from "../../src/lib/model.ts";
import { imported, reference, REPORTS_DIR, source } from "./seeds.ts";

const XZ = "xinzhou-civil-affairs-2024-budget";
const VET = "yangquan-veterans-affairs-2023-final";

/** A committed table of a report, as written by the import: its CSV rows by source line, cells by column label. */
function committedTable(id: string, no: number): Map<number, Record<string, string>> {
  const report = JSON.parse(readFileSync(join(REPORTS_DIR, id, "report.json"), "utf8")) as {
    tables: { no: number; columns: { key: string; label: string }[] }[];
  };
  const columns = report.tables.find((t) => t.no === no)?.columns ?? [];
  const file = join(REPORTS_DIR, id, "tables", `${String(no).padStart(2, "0")}.csv`);
  const { table, problems } = parseCsv(readFileSync(file, "utf8").replace(/^\uFEFF/u, ""), file);
  expect(problems).toEqual([]);
  return new Map(
    table.rows.map(({ record }) => [Number(record.line), Object.fromEntries(columns.map((c) => [c.label, record[c.key] ?? ""]))]),
  );
}

/** The source with one line replaced; the line number of the replaced line. */
function withLine(id: string, printed: string, replacement: string): { text: string; line: number } {
  const lines = source(id).split("\n");
  const i = lines.indexOf(printed);
  expect(i, `line ${printed} in ${id}`).toBeGreaterThanOrEqual(0);
  lines[i] = replacement;
  return { text: lines.join("\n"), line: i + 1 };
}

const importText = (text: string) => importDisclosure(text, { original: "variant.txt", reference });

describe("忻州 2024 预算表二: every row after the page break (source line 168) lost one empty cell", () => {
  const t2 = committedTable(XZ, 2);
  const t1 = committedTable(XZ, 1);

  it("has 210 卫生健康支出's 30.52 under 上年结转 and its 单位资金 empty (source line 169)", () => {
    // 169: `210 卫生健康支出 126.21 126.21 _ _ _ 30.52` — 8 cells of 9; 126.21 = 126.21 only without the 30.52.
    expect(t2.get(169)).toMatchObject({ "项目/科目编码": "210", "本年收入/合计": "126.21", "本年收入/一般公共预算": "126.21", "本年收入/单位资金": "", 上年结转: "30.52" });
  });

  it("has 229 其他支出's 69.18 under 上年结转 and 521.56 under 政府性基金 (source line 183)", () => {
    expect(t2.get(183)).toMatchObject({ "项目/科目编码": "229", "本年收入/合计": "521.56", "本年收入/政府性基金": "521.56", "本年收入/单位资金": "", 上年结转: "69.18" });
  });

  it("moves the last cell of every such row that has one: 21004, 2100409, 22908, 2290804, 22960, 2296002", () => {
    const expected: [number, string][] = [[170, "30.52"], [171, "30.52"], [184, "8.86"], [185, "8.86"], [187, "60.31"], [188, "60.31"]];
    for (const [line, value] of expected) expect(t2.get(line), `line ${line}`).toMatchObject({ "本年收入/单位资金": "", 上年结转: value });
  });

  it("agrees with 表一: 卫生健康支出 上年结转安排 30.52 (line 111), 其他支出 69.18 (line 126)", () => {
    expect(t1.get(111)).toMatchObject({ "支出/项目": "十、卫生健康支出", "支出/上年结转安排": "30.52" });
    expect(t1.get(126)).toMatchObject({ "支出/项目": "二十五、其他支出", "支出/上年结转安排": "69.18" });
    expect(t2.get(169)?.["上年结转"]).toBe(t1.get(111)?.["支出/上年结转安排"]);
    expect(t2.get(183)?.["上年结转"]).toBe(t1.get(126)?.["支出/上年结转安排"]);
  });

  it("leaves the rows before the page break where they were printed (20899: 8.00 单位资金, line 166)", () => {
    expect(t2.get(166)).toMatchObject({ "本年收入/单位资金": "8.00", 上年结转: "" });
    expect(t2.get(149)).toMatchObject({ "本年收入/单位资金": "3240.00", 上年结转: "399.04" });
  });

  it("notes each row it placed otherwise than printed, and only those", () => {
    const notes = imported(XZ).document.notes.filter((n) => n.message.includes("比合计行少"));
    expect(notes.map((n) => n.line)).toEqual([169, 170, 171, 183, 184, 185, 187, 188]);
    const at169 = notes[0]?.message ?? "";
    expect(at169).toContain("丢了“本年收入/单位资金”列的空单元格");
    expect(at169).toContain("“30.52”由“本年收入/单位资金”列移至“上年结转”列");
    expect(at169).toContain("本年收入合计 = 各项本年收入之和（不含上年结转）");
    expect(imported(XZ).problems).toEqual([]);
  });
});

describe("a row whose name was lost", () => {
  // 公开05表 (科目代码, 科目名称, 小计, 基本支出, 项目支出); line `20132 组织事务 0.55 0.55 _`.
  it("is refused with its line when it is short of the name cell", () => {
    const { text, line } = withLine(VET, "20132\t组织事务\t0.55\t0.55\t", "20132\t0.55\t0.55");
    expect(line).toBe(270);
    const r = importText(text);
    expect(r.problems).toEqual([{ line, column: "一般公共预算财政拨款支出决算表", value: "20132｜0.55｜0.55", message: expect.stringContaining("“项目/科目名称”列是数字“0.55”") }]);
  });

  it("is refused when the extraction kept the row's width with empty cells", () => {
    const { text, line } = withLine(VET, "20132\t组织事务\t0.55\t0.55\t", "20132\t0.55\t0.55\t\t");
    expect(importText(text).problems).toEqual([{ line, column: "一般公共预算财政拨款支出决算表", value: "20132｜0.55｜0.55", message: expect.stringContaining("“项目/科目名称”列是数字“0.55”") }]);
  });

  it("is refused when it lost its code: an amount in the code column", () => {
    const { text, line } = withLine(VET, "20132\t组织事务\t0.55\t0.55\t", "0.55\t0.55");
    const problems = importText(text).problems;
    expect(problems.map((p) => p.line)).toEqual([line]);
    expect(problems[0]?.message).toContain("“项目/科目代码”列是金额“0.55”");
  });

  it("is refused when a code stands in an amount column of a table with decimals", () => {
    const { text, line } = withLine(VET, "20132\t组织事务\t0.55\t0.55\t", "20132\t组织事务\t0.55\t20132\t");
    const problems = importText(text).problems;
    expect(problems.map((p) => p.line)).toEqual([line]);
    expect(problems[0]?.message).toContain("“本年支出/基本支出”列是科目编码“20132”");
  });
});

describe("a short row that no placement fits", () => {
  it("is refused with its line: 208's 项目支出 is gone and 3331.42 ≠ 403.12 wherever the gap goes", () => {
    // Printed `208 社会保障和就业支出 3,331.42 403.12 2,928.30`; without its last amount the row keeps 小计 3331.42 and
    // one of 403.12: 小计 = 基本支出 + 项目支出 fails with the gap in either amount column, and 小计 cannot be empty.
    const { text, line } = withLine(VET, "208\t社会保障和就业支出\t3,331.42\t403.12\t2,928.30", "208\t社会保障和就业支出\t3,331.42\t403.12");
    expect(line).toBe(272);
    const r = importText(text);
    expect(r.problems).toEqual([{ line, column: "一般公共预算财政拨款支出决算表", value: "208｜社会保障和就业支出｜3,331.42｜403.12", message: expect.stringContaining("空缺补在哪一列都不符合“小计 = 基本支出 + 项目支出”") }]);
  });
});

describe("a row short only because the extraction left off its trailing empty cells", () => {
  it("is kept as printed, without a note", () => {
    // 公开05表's rows with an empty 项目支出 end in a tab (`20132 组织事务 0.55 0.55 _`); strip every such tab.
    const original = imported(VET);
    const t5 = original.tables.find((t) => t.no === 5);
    const lines = source(VET).split("\n");
    const stripped = new Set<number>();
    for (const row of t5?.rows ?? []) {
      const text = lines[row.line - 1] as string;
      if (!text.endsWith("\t")) continue;
      lines[row.line - 1] = text.replace(/\t+$/u, "");
      stripped.add(row.line);
    }
    expect(stripped.size).toBeGreaterThan(10);
    const r = importText(lines.join("\n"));
    expect(r.problems).toEqual([]);
    expect(r.tables.find((t) => t.no === 5)?.rows).toEqual(t5?.rows);
    expect(r.document.notes.filter((n) => stripped.has(n.line))).toEqual([]);
  });
});

describe("a short row whose rightmost placement breaks an identity", () => {
  it("is placed where every identity holds (公开09表: the empty 决算数 因公出国（境）费 was lost)", () => {
    // As published: 预算数 10.00 | _ | 6.00 | _ | 6.00 | 4.00, 决算数 9.00 | _ | 5.00 | _ | 5.00 | 4.00; printed with the
    // 决算数 因公出国（境）费 cell missing. The gap before the last cell gives 9.00 = 5.00 + 4.00 but 公务用车 小计 empty
    // against 购置费 5.00; only the gap in 因公出国（境）费 keeps both 决算数 identities.
    const { text, line } = withLine(VET, "4.54\t\t4.54\t\t4.54\t\t4.54\t\t4.54\t\t4.54\t", "10.00\t\t6.00\t\t6.00\t4.00\t9.00\t5.00\t\t5.00\t4.00");
    const r = importText(text);
    expect(r.problems).toEqual([]);
    const t9 = r.tables.find((t) => t.no === 9);
    const row = t9?.rows.find((x) => x.line === line);
    expect(row?.cells).toEqual(["10.00", "", "6.00", "", "6.00", "4.00", "9.00", "", "5.00", "", "5.00", "4.00"]);
    const note = r.document.notes.find((n) => n.line === line)?.message ?? "";
    expect(note).toContain("丢了“决算数/因公出国（境）费”列的空单元格");
    expect(note).toContain("“5.00”由“决算数/因公出国（境）费”列移至“决算数/公务用车购置及运行维护费/小计”列");
  });
});

describe("placeRows", () => {
  const col = (i: number, label: string, role: Column["role"] = "value", group = 1): Column => ({ key: `c${i + 1}`, path: label.split("/"), label, role, group });
  /** 预算表二's columns: 本年收入/合计 = every other 本年收入 column; 上年结转 is not part of it. */
  const BUDGET_2 = ["项目/科目编码", "项目/科目名称", "本年收入/合计", "本年收入/一般公共预算", "本年收入/政府性基金", "本年收入/国有资本经营预算", "本年收入/财政专户管理资金", "本年收入/单位资金", "上年结转"].map((l, i) =>
    col(i, l, i === 0 ? "code" : i === 1 ? "label" : "value"),
  );
  const shape = (kind: ReportKind, no: number, columns: Column[]) => ({ kind, no, name: "测试表", columns });
  const rows = (...lines: [number, string][]): PrintedRow[] => lines.map(([line, text]) => ({ line, cells: text.split("\t"), heading: false }));

  it("places a row that is right as printed and also after a move where the other rows of its block lost their cell", () => {
    // Line 11 as printed: 3.00 = 3.00 + 单位资金 0.00, and also 3.00 = 3.00 with 0.00 under 上年结转. Line 12 holds only
    // with its last cell under 上年结转 (5.00 = 5.00 + 2.00 does not). Both lost the 单位资金 cell: 0.00 is 上年结转.
    const placed = placeRows(shape("budget", 2, BUDGET_2), rows([11, "201\t甲\t3.00\t3.00\t\t\t\t0.00"], [12, "202\t乙\t5.00\t5.00\t\t\t\t2.00"]));
    expect(placed.problems).toEqual([]);
    expect(placed.cells).toEqual([
      ["201", "甲", "3.00", "3.00", "", "", "", "", "0.00"],
      ["202", "乙", "5.00", "5.00", "", "", "", "", "2.00"],
    ]);
    expect(placed.notes.map((n) => n.line)).toEqual([11, 12]);
    expect(placed.notes[0]?.message).toContain("也相符，但与同一段其他行少的那一格不一致");
  });

  it("keeps a row as printed when its block's rows do not share one gap", () => {
    // Line 21 holds only as printed (3.00 = 1.00 + 单位资金 2.00); line 22 only with 2.00 under 上年结转. A blank line
    // would separate blocks; here they are one block, and no single gap fits both, so each row is placed on its own.
    const placed = placeRows(shape("budget", 2, BUDGET_2), rows([21, "201\t甲\t3.00\t1.00\t\t\t\t2.00"], [22, "202\t乙\t5.00\t5.00\t\t\t\t2.00"]));
    expect(placed.cells[0]).toEqual(["201", "甲", "3.00", "1.00", "", "", "", "2.00", ""]);
    expect(placed.cells[1]).toEqual(["202", "乙", "5.00", "5.00", "", "", "", "", "2.00"]);
    expect(placed.notes.map((n) => n.line)).toEqual([22]);
  });

  it("refuses a short row of a table without identities when its amounts could belong to several columns", () => {
    const columns = ["科目编码", "科目名称", "甲", "乙", "丙"].map((l, i) => col(i, l, i === 0 ? "code" : i === 1 ? "label" : "value"));
    const placed = placeRows(shape("final", 99, columns), rows([31, "201\t甲类\t1.00\t2.00"], [32, "202\t乙类\t1.00\t2.00\t3.00"], [33, "203\t丙类"]));
    expect(placed.problems.map((p) => p.line)).toEqual([31]);
    expect(placed.problems[0]?.message).toContain("本表没有可判断各数所属列的勾稽关系");
    // Line 33 has no amount to misplace: its placement is not in doubt.
    expect(placed.cells[2]).toEqual(["203", "丙类", "", "", ""]);
  });

  it("places a short row by the roles of its columns alone when only one placement fits them", () => {
    // Two groups (code, name, amount) side by side; group 1's empty amount was lost, so as printed group 2's code
    // stands in group 1's amount column and its name in a code column.
    const columns = [col(0, "人员经费/科目代码", "code"), col(1, "人员经费/科目名称", "label"), col(2, "人员经费/决算数"), col(3, "公用经费/科目代码", "code", 2), col(4, "公用经费/科目名称", "label", 2), col(5, "公用经费/决算数", "value", 2)];
    const placed = placeRows(shape("final", 99, columns), rows([40, "30101\t基本工资\t100.00\t30201\t办公费\t5.00"], [41, "30102\t津贴补贴\t30202\t印刷费\t1.50"]));
    expect(placed.problems).toEqual([]);
    expect(placed.cells[1]).toEqual(["30102", "津贴补贴", "", "30202", "印刷费", "1.50"]);
    expect(placed.notes.map((n) => n.line)).toEqual([41]);
  });
});
