/**
 * The Shanghai template (src/templates/shanghai.json), on a small budget and a 决算 cover written here in its form —
 * not copied from any published document: no table number labels, a 目录 without page numbers, titles that start with
 * the year and 部门/单位, codes in 类/款/项 columns, amounts in 元, the department named on its own cover line.
 */
import { describe, expect, it } from "vitest";
import { importDisclosure } from "../../src/lib/import/report.ts";
import { parseReference } from "../../src/lib/reference.ts";
import { chooseTemplate, NATIONAL } from "../../src/lib/templates.ts";
import { runChecks } from "../../src/lib/checks/index.ts";
import { keyFigures } from "../../src/lib/figures.ts";
import { unitStatement } from "../../src/lib/units.ts";
import { pdfToText } from "../../src/lib/import/pdf.ts";
import { renderPdf } from "../support/render-pdf.ts";

const reference = parseReference({
  cities: { file: "cities.csv", text: "name,id,province,province_id\n某市某区,mou-qu,某市,mou\n" },
  kinds: { file: "department-kinds.csv", text: "id,name\nsports,体育\n" },
  departments: { file: "departments.csv", text: "name,city,id,kind,parent\n某区体育局,mou-qu,sports,sports,\n" },
}).reference;

const T = (...cells: string[]) => cells.join("\t");
const BUDGET = [
  "某市某区2026年区级部门预算",
  "预算主管部门：某区体育局",
  "目录",
  "一、部门主要职能",
  "二、部门机构设置",
  "三、名词解释",
  "四、部门预算编制说明",
  "五、部门预算表",
  "1. 2026年部门财务收支预算总表",
  "2. 2026年部门收入预算总表",
  "3. 2026年部门支出预算总表",
  "六、其他相关情况说明",
  "某区体育局主要职能",
  "负责全区群众体育工作。",
  "某区体育局机构设置",
  "本部门内设科室3个。",
  "名词解释",
  "（一）基本支出预算：为保障机构正常运转的支出。",
  "2026年部门预算编制说明",
  "2026年，某区体育局收入预算1,200,000.00元。",
  "2026年部门财务收支预算总表",
  "编制部门：某区体育局  单位：元",
  T("本年收入", "", "本年支出", ""),
  T("项目", "预算数", "项目", "预算数"),
  T("一、财政拨款收入", "1,200,000.00", "一、文化旅游体育与传媒支出", "1,200,000.00"),
  T("收入总计", "1,200,000.00", "支出总计", "1,200,000.00"),
  "2026年部门收入预算总表",
  "编制部门：某区体育局  单位：元",
  T("项目", "", "", "", "收入预算", ""),
  T("功能分类科目编码", "", "", "功能分类科目名称", "合计", "财政拨款收入"),
  T("类", "款", "项", "", "", ""),
  T("207", "", "", "文化旅游体育与传媒支出", "1,200,000.00", "1,200,000.00"),
  T("207", "03", "", "体育", "1,200,000.00", "1,200,000.00"),
  T("207", "03", "08", "群众体育", "1,200,000.00", "1,200,000.00"),
  T("合计", "", "", "", "1,200,000.00", "1,200,000.00"),
  "2026年部门支出预算总表",
  "编制部门：某区体育局  单位：元",
  T("项目", "", "", "", "支出预算", "", ""),
  T("功能分类科目编码", "", "", "功能分类科目名称", "合计", "基本支出", "项目支出"),
  T("类", "款", "项", "", "", "", ""),
  T("207", "", "", "文化旅游体育与传媒支出", "1,200,000.00", "", "1,200,000.00"),
  T("207", "03", "", "体育", "1,200,000.00", "", "1,200,000.00"),
  T("207", "03", "08", "群众体育", "1,200,000.00", "", "1,200,000.00"),
  T("合计", "", "", "", "1,200,000.00", "", "1,200,000.00"),
  "其他相关情况说明",
  "一、2026年“三公”经费预算情况说明",
  "2026年“三公”经费预算数为0万元。",
].join("\n");

describe("a budget in the Shanghai template", () => {
  const r = importDisclosure(BUDGET, { original: "budget.pdf", reference });
  const table = (no: number) => r.tables.find((t) => t.no === no);

  it("is recognised as such, by its titles and the absence of table labels", () => {
    expect(r.problems).toEqual([]);
    expect(r.document.meta.template).toEqual({ id: "shanghai", name: "上海市模板" });
    expect(chooseTemplate("budget", BUDGET.split("\n")).id).toBe("shanghai");
    expect(chooseTemplate("budget", ["预算公开表1", "2026年部门预算收支总表"]).id).toBe(NATIONAL.id);
  });

  it("reads the cover: department on its own line, year and kind from the title", () => {
    expect(r.document.meta).toMatchObject({ id: "mou-qu-sports-2026-budget", year: 2026, kind: "budget", title: "某市某区2026年区级部门预算", department: { name: "某区体育局" } });
  });

  it("takes the 目录's entries for a 目录, not for the tables, and finds each part by its section", () => {
    const lineOf = (title: string) => BUDGET.split("\n").lastIndexOf(title) + 1;
    expect(table(1)?.line).toBe(lineOf("2026年部门财务收支预算总表"));
    expect(table(2)?.line).toBe(lineOf("2026年部门收入预算总表"));
    expect(table(3)?.line).toBe(lineOf("2026年部门支出预算总表"));
    expect(r.document.overview.duties.map((l) => l.text)).toEqual(["负责全区群众体育工作。"]);
    expect(r.document.overview.organization.map((l) => l.text)).toEqual(["本部门内设科室3个。"]);
    expect(r.document.glossary).toEqual([expect.objectContaining({ number: "一", term: "基本支出预算" })]);
  });

  it("joins codes printed in 类/款/项 columns, keeps amounts in 元 as printed and blank cells blank", () => {
    const t3 = table(3);
    expect(t3?.unit).toBe("元");
    expect(t3?.columns.map((c) => `${c.label}:${c.role}`)).toEqual([
      "项目/功能分类科目编码:code",
      "项目/功能分类科目名称:label",
      "支出预算/合计:value",
      "支出预算/基本支出:value",
      "支出预算/项目支出:value",
    ]);
    expect(t3?.rows.map((row) => row.cells)).toEqual([
      ["207", "文化旅游体育与传媒支出", "1200000.00", "", "1200000.00"],
      ["20703", "体育", "1200000.00", "", "1200000.00"],
      ["2070308", "群众体育", "1200000.00", "", "1200000.00"],
      ["合计", "", "1200000.00", "", "1200000.00"],
    ]);
    expect(r.document.notes.some((n) => /按类、款、项分栏印出.*207｜03｜08 → 2070308/u.test(n.message))).toBe(true);
  });

  it("lists the national tables the template does not have as missing with why, and the checks do not count them", () => {
    expect(table(7)).toMatchObject({ state: "missing", absent: expect.stringContaining("没有政府性基金预算收入表") });
    expect(table(5)).toMatchObject({ state: "missing" });
    expect(table(5)?.absent).toBeUndefined();
    const checks = runChecks({ ...r.document, tables: r.tables, performance: r.performance.tables });
    const complete = checks.results.filter((x) => x.check === "complete.tables");
    expect(complete.find((x) => x.table === 7)?.status).toBe("na");
    expect(complete.find((x) => x.table === 5)?.status).toBe("fail");
    expect(checks.results.filter((x) => x.check.startsWith("sum.") && x.status === "fail")).toEqual([]);
    // The 收支总表 prints no 本年支出合计 row: its classes run down to 支出总计, and are compared with 表三's.
    expect(checks.results.filter((x) => x.check === "cross.classes")).toMatchObject([{ status: "pass", place: expect.stringContaining("文化旅游体育与传媒支出"), expected: "1200000.00" }]);
  });

  it("reads its key figures from the Shanghai headers (本年收入/预算数, 本年支出/预算数), in 元", () => {
    const figures = Object.fromEntries(keyFigures({ ...r.document, tables: r.tables, performance: r.performance.tables }).map((f) => [f.key, `${f.value ?? f.absent} ${f.unit}`]));
    expect(figures).toMatchObject({ income: "1200000.00 元", expenditure: "1200000.00 元", project: "1200000.00 元", threePublic: "原文缺少此表 元" });
    // 基本支出's cell is printed blank: an empty cell, not a missing row.
    expect(figures.basic).toBe("表中此项为空 元");
    expect(r.document.meta.unit).toBe("元");
    expect(unitStatement({ meta: r.document.meta, tables: r.tables })).toBe("元");
  });
});

describe("the same budget as a PDF", () => {
  const text = importDisclosure(BUDGET, { original: "budget.txt", reference });
  const strip = (tables: typeof text.tables) => tables.map(({ line: _l, rows, ...t }) => ({ ...t, rows: rows.map((r) => r.cells) }));
  for (const borderless of [false, true]) {
    it(`${borderless ? "set without ruling lines (columns by alignment)" : "ruled"}: every table, row and blank cell as from the text`, async () => {
      const read = await pdfToText(renderPdf(BUDGET, { borderless }));
      if (!read.ok) throw new Error(read.rule);
      const r = importDisclosure(read.text, { original: "budget.pdf", reference, pdf: { origin: read.origin, notes: read.notes } });
      expect(r.problems).toEqual([]);
      expect(r.document.meta.template?.id).toBe("shanghai");
      expect(strip(r.tables)).toEqual(strip(text.tables));
    });
  }

  it("never reads a paragraph with amounts in it as a table", async () => {
    const prose = [
      "2026年，某区体育局收入预算1,200,000.00元，支出预算1,200,000.00元，比上年增加20,000.00元。",
      "其中：基本支出800,000.00元，项目支出400,000.00元。",
      "财政拨款收入1,200,000.00元，占100%。",
    ];
    const read = await pdfToText(renderPdf(prose.join("\n")));
    if (!read.ok) throw new Error(read.rule);
    expect(read.text).not.toContain("\t");
    expect(read.text.replace(/\n/gu, "")).toBe(prose.join(""));
  });
});

describe("codes glued to their names", () => {
  const table3 = (rows: string[]) => {
    const text = BUDGET.replace(/2026年部门支出预算总表\n编制部门[^]*?\n合计\t[^\n]*\n/u, ["2026年部门支出预算总表", "编制部门：某区体育局  单位：元", ...rows, ""].join("\n"));
    const r = importDisclosure(text, { original: "budget.pdf", reference });
    return { r, t3: r.tables.find((t) => t.no === 3) };
  };

  it("are split into the empty name column beside them", () => {
    const { r, t3 } = table3([
      T("项目", "", "支出预算", "", ""),
      T("功能分类科目编码", "功能分类科目名称", "合计", "基本支出", "项目支出"),
      T("207文化旅游体育与传媒支出", "", "1,200,000.00", "", "1,200,000.00"),
      T("20703体育", "", "1,200,000.00", "", "1,200,000.00"),
      T("2070308 群众体育", "", "1,200,000.00", "", "1,200,000.00"),
      T("合计", "", "1,200,000.00", "", "1,200,000.00"),
    ]);
    expect(r.problems).toEqual([]);
    expect(t3?.columns.map((c) => `${c.label}:${c.role}`)).toEqual(["项目/功能分类科目编码:code", "项目/功能分类科目名称:label", "支出预算/合计:value", "支出预算/基本支出:value", "支出预算/项目支出:value"]);
    expect(t3?.rows.map((row) => row.cells.slice(0, 3))).toEqual([
      ["207", "文化旅游体育与传媒支出", "1200000.00"],
      ["20703", "体育", "1200000.00"],
      ["2070308", "群众体育", "1200000.00"],
      ["合计", "", "1200000.00"],
    ]);
    expect(r.document.notes.some((n) => n.message.includes("印在同一格") && n.message.includes("207文化旅游体育与传媒支出 → 207｜文化旅游体育与传媒支出"))).toBe(true);
  });

  it("get a code column of their own when the table prints one column for both", () => {
    const { r, t3 } = table3([
      T("功能分类科目", "合计", "基本支出", "项目支出"),
      T("207文化旅游体育与传媒支出", "1,200,000.00", "", "1,200,000.00"),
      T("20703体育", "1,200,000.00", "", "1,200,000.00"),
      T("2070308群众体育", "1,200,000.00", "", "1,200,000.00"),
      T("合计", "1,200,000.00", "", "1,200,000.00"),
    ]);
    expect(r.problems).toEqual([]);
    expect(t3?.columns.map((c) => c.role)).toEqual(["code", "label", "value", "value", "value"]);
    expect(t3?.columns[0]?.label).toBe("科目编码");
    expect(t3?.rows.map((row) => row.cells)).toEqual([
      ["207", "文化旅游体育与传媒支出", "1200000.00", "", "1200000.00"],
      ["20703", "体育", "1200000.00", "", "1200000.00"],
      ["2070308", "群众体育", "1200000.00", "", "1200000.00"],
      ["", "合计", "1200000.00", "", "1200000.00"],
    ]);
    const checks = runChecks({ ...r.document, tables: r.tables, performance: r.performance.tables });
    expect(checks.results.filter((x) => x.table === 3 && x.status === "fail")).toEqual([]);
  });
});

describe("a table the template does not have", () => {
  it("is kept under its own title as an extra table (附表1), checked by no standard identity, never dropped", async () => {
    const text = BUDGET.replace("\n其他相关情况说明\n", ["",
      "2026年部门政府采购预算表",
      "编制部门：某区体育局  单位：元",
      T("采购项目", "采购品目", "预算金额"),
      T("健身器材", "体育设备", "150,000.00"),
      T("合计", "", "150,000.00"),
      "其他相关情况说明",
      "",
    ].join("\n"));
    const r = importDisclosure(text, { original: "budget.txt", reference });
    expect(r.problems).toEqual([]);
    const extra = r.tables.find((t) => t.no === 21);
    expect(extra).toMatchObject({ extra: true, state: "present", title: "2026年部门政府采购预算表", standardTitle: "部门政府采购预算表", unit: "元" });
    expect(extra?.rows.map((row) => row.cells)).toEqual([["健身器材", "体育设备", "150000.00"], ["合计", "", "150000.00"]]);
    expect(r.tables.filter((t) => !t.extra)).toHaveLength(13);
    expect(r.document.notes.some((n) => n.message.includes("附加表"))).toBe(true);
    const { tableLabel } = await import("../../src/lib/templates.ts");
    expect(tableLabel(r.document.meta, 21)).toBe("附表1");
  });
});

describe("a blank template", () => {
  it("is refused for its placeholders, each named: the department XX and rows of “…”", () => {
    const text = BUDGET.replace("预算主管部门：某区体育局", "预算主管部门：某区XX局").replace(T("207", "03", "08", "群众体育", "1,200,000.00", "", "1,200,000.00"), T("…", "", "", "…", "…", "", "…"));
    const r = importDisclosure(text, { original: "template.pdf", reference });
    expect(r.problems[0]).toMatchObject({ line: 2, column: "封面部门名称", value: "某区XX局", message: expect.stringContaining("空白模板") });
    expect(r.problems.slice(1)).toEqual([
      expect.objectContaining({ column: "支出预算总表“支出预算/合计”", value: "…", message: expect.stringContaining("省略号") }),
      expect.objectContaining({ column: "支出预算总表“支出预算/项目支出”", value: "…", message: expect.stringContaining("省略号") }),
    ]);
  });
});

describe("a 决算 cover in the Shanghai template", () => {
  it("takes the department from before the year of a title wrapped over lines", () => {
    const text = ["某区体育局", "2025 年度", "部门决算", "目录", "第一部分某区体育局概况", "第一部分某区体育局概况", "一、主要职能", "负责全区群众体育工作。"].join("\n");
    const r = importDisclosure(text, { original: "final.pdf", reference });
    expect(r.document.meta).toMatchObject({ year: 2025, kind: "final", department: { name: "某区体育局" }, title: "某区体育局2025年度部门决算" });
  });
});
