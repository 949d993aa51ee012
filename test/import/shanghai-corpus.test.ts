/**
 * The published Shanghai PDFs in ../shared/corpus/shanghai (never copied into the repository): each sample imports
 * completely — no refusal — and the samples whose tables agree with themselves pass every check. Where ../shared is
 * absent (a clone elsewhere), one line says so and these tests do not run.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runChecks } from "../../src/lib/checks/index.ts";
import { keyFigures } from "../../src/lib/figures.ts";
import { changeStatements } from "../../src/lib/changes.ts";
import { pdfToText } from "../../src/lib/import/pdf.ts";
import { importDisclosure } from "../../src/lib/import/report.ts";
import { parseReference } from "../../src/lib/reference.ts";

const TYPED = JSON.parse(readFileSync(join(import.meta.dirname, "../fixtures/shanghai-typed.json"), "utf8")) as {
  samples: Record<string, { tables: { no: number; what: string; unit: string; complete: boolean; rows: string[][] }[] }>;
};
const CORPUS = join(import.meta.dirname, "../../../shared/corpus/shanghai");
const present = existsSync(CORPUS);
if (!present) console.warn(`${CORPUS} is absent: the Shanghai corpus tests are not run (CI has it).`);

/** The samples' city and departments, added to the reference lists for these tests only. */
const reference = parseReference({
  cities: { file: "cities.csv", text: "name,id,province,province_id\n上海市普陀区,shanghai-putuo,上海市,shanghai\n" },
  kinds: { file: "department-kinds.csv", text: "id,name\nparty-social-work,社会工作\nfinance,财政\ngeneral-office,政府办公室\ncommerce,商务\njustice,司法\nsubdistrict,街道\n" },
  departments: {
    file: "departments.csv",
    text: [
      "name,city,id,kind,parent",
      "中共上海市普陀区委社会工作部,shanghai-putuo,party-social-work,party-social-work,",
      "上海市普陀区财政局,shanghai-putuo,finance,finance,",
      "上海市普陀区人民政府办公室,shanghai-putuo,general-office,general-office,",
      "上海市普陀区商务委员会,shanghai-putuo,commerce,commerce,",
      "上海市普陀区司法局,shanghai-putuo,justice,justice,",
      "上海市普陀区人民政府万里街道办事处,shanghai-putuo,wanli-subdistrict,subdistrict,",
    ].join("\n"),
  },
}).reference;

/** What the checks find in each sample: nothing, or the source's own inconsistencies (each traced to the PDF). */
const CONSISTENT: Record<string, string[]> = {
  "shanghaiputuo_caizhengju_2025_yusuan.pdf": [],
  "shanghaiputuo_quzhengfuban_2025_yusuan.pdf": [],
  "shanghaiputuo_shangwuwei-danwei_2025_yusuan.pdf": [],
  // The source says 政府性基金拨款支出预算 “0万元，比2022年预算增加1421.25万元” (the line above's increase, repeated):
  // last year's figure would be −1,421.25 — its own contradiction, flagged. Two item lines (read from the page images):
  // 一般行政管理事务 “执行数为11.67万元，2023年预算安排45.41万元，比2022年预算执行数增加314.82%” (289.12 %), and item 16
  // 职业年金 “执行数为132.59万元，2023年预算安排441.25万元，…增加60.54%” (232.79 %; item 15's 441.25 and 60.54 % again).
  "shanghaiputuo_wanlijiedao_2023_yusuan.pdf": ["changes.percentage", "changes.implied-previous"],
  // The source prints 行政运行's 项目支出 as 64,840,547.00 (its 款's figure; 合计 = 基本支出 there) and the 基本支出
  // 合计 as 22,118,861 where its rows add to 22,118,861.34: its own inconsistencies, each flagged where it shows.
  // Its item lines (read from the page images): 行政运行 “执行数为1690.69万元，2026年预算安排1434.89万元，比2025年预算
  // 执行数减少1.10%” (15.13 %); 行政单位离退休 “执行数为57.43万元，…预算安排57.8万元，比…减少2.27%” (an increase of
  // 0.64 %); 购房补贴, cut over two lines, “执行数为241.76万元，2026年预算安排170.03万元，比…增加21.74%” (a decrease of
  // 29.67 %).
  "shanghaiputuo_sifaju-danwei_2026_yusuan.pdf": ["sum.code-hierarchy", "sum.total-of-classes", "sum.basic-project", "cross.basic-detail", "changes.previous", "changes.percentage"],
  // The 三公 table (万元) prints 公务用车购置费 as a whole number (`25`, `15`) among amounts with two decimals. Item 31
  // 住房公积金 (350.35万元) says “执行数为348.52万元，2024年预算安排352.67万元，…增加0.53%” (1.19 %; 0.53 % is 350.35's).
  "shanghaiputuo_wanlijiedao_2024_yusuan.pdf": ["changes.percentage", "plausible.decimals"],
  "shanghaiputuo_wanlijiedao_2025_yusuan.pdf": ["plausible.decimals"],
  // The source prints 29.42 ÷ 307.82 = 9.557 % as “9.55%” (truncated): its own inconsistency, flagged.
  "shanghaiputuo_shehuigongzuobu_2024_juesuan.pdf": ["narrative.percentages"],
};

/** Item lines compared with the year before's 预算执行数, as printed (read from the PDFs): item, direction, 执行数. */
const EXECUTION_BASE: Record<string, [string, string, string][]> = {
  "shanghaiputuo_sifaju-danwei_2026_yusuan.pdf": [["基层司法业务", "increase", "2149.45"]],
  "shanghaiputuo_wanlijiedao_2023_yusuan.pdf": [["公共法律服务", "unchanged", "15.00"], ["科普活动", "unchanged", "10.00"]],
};

/** Item lines whose 预算安排 differs from the item's own amount (line, the amount its heading prints, the 预算安排). */
const MISMATCHED: Record<string, [number, string, string][]> = {
  "shanghaiputuo_sifaju-danwei_2026_yusuan.pdf": [[53, "56.12", "57.8"], [59, "207.00", "170.03"]],
  "shanghaiputuo_wanlijiedao_2023_yusuan.pdf": [[68, "220.63", "441.25"]],
  "shanghaiputuo_wanlijiedao_2024_yusuan.pdf": [[86, "350.35", "352.67"]],
};

/** The 财政项目支出绩效目标填报表 of each sample: project name, 年度资金申请总额 and number of indicators, as printed. */
const FORMS: Record<string, [string, string, number][]> = {
  "shanghaiputuo_wanlijiedao_2023_yusuan.pdf": [
    ["新建万里街道社区公共服务中心", "4,100,000.00", 5],
    ["就业援助基地补贴", "6,351,000.00", 4],
    ["社区环境整治和建设经费", "4,563,800.00", 4],
    ["各类工作经费", "7595500.00", 43],
    ["公共服务设施运行经费", "10,903,043.00", 9],
  ],
};
/** One form's indicators in full (一级, 二级, 三级, 年度(/项目)指标值), read from its page image. */
const FORM_INDICATORS: Record<string, { project: string; rows: string[][] }> = {
  "shanghaiputuo_wanlijiedao_2023_yusuan.pdf": {
    project: "就业援助基地补贴",
    rows: [
      ["产出指标", "数量指标", "补贴对象申请审核完成率", "=100.00(%)"],
      ["产出指标", "质量指标", "补贴对象审核达标率", "=100.00(%)"],
      ["效益指标", "社会效益指标", "补贴对象生活改善度", "补贴对象生活改善度不低于 80%"],
      ["满意度指标", "服务对象满意度指标", "补贴对象满意度", "≥80.00(%)"],
    ],
  },
};

describe.skipIf(!present)("the Shanghai samples", () => {
  const samples = present ? readdirSync(CORPUS).filter((f) => f.endsWith(".pdf") && !f.includes("template")) : [];
  it("are all there", () => expect(samples.length).toBeGreaterThanOrEqual(8));
  for (const file of samples) {
    it(`${file}: imports completely in the Shanghai template`, async () => {
      const read = await pdfToText(new Uint8Array(readFileSync(join(CORPUS, file))));
      if (!read.ok) throw new Error(read.rule);
      const r = importDisclosure(read.text, { original: file, reference, pdf: { origin: read.origin, notes: read.notes } });
      expect(r.problems).toEqual([]);
      expect(r.document.meta.template?.id).toBe("shanghai");
      expect(r.document.meta.kind).toBe(file.includes("juesuan") ? "final" : "budget");
      const present = r.tables.filter((t) => t.state !== "missing");
      expect(present.length).toBeGreaterThanOrEqual(9);
      // Every table the template has was found; a budget's amounts are in 元 but for the 三公 table.
      expect(r.tables.filter((t) => t.state === "missing" && !t.absent)).toEqual([]);
      if (file.includes("yusuan")) expect(r.tables.find((t) => t.no === 2)?.unit).toBe("元");
      // Values typed by a person from the page images (test/fixtures/shanghai-typed.json), row by row by code.
      for (const typed of TYPED.samples[file]?.tables ?? []) {
        const t = r.tables.find((x) => x.no === typed.no);
        expect(t?.unit, `table ${typed.no}`).toBe(typed.unit);
        const code = t?.columns.findIndex((c) => c.role === "code") ?? -1;
        const values = t?.columns.flatMap((c, i) => (c.role === "value" ? [i] : [])) ?? [];
        const imported = (t?.rows ?? []).filter((row) => !row.heading).map((row) => [row.cells[code] ?? "", ...values.map((i) => row.cells[i] ?? "")]);
        for (const row of typed.rows) expect(imported, `table ${typed.no}, ${typed.what}`).toContainEqual(row);
        if (typed.complete) expect(imported.filter((row) => row[0] !== "")).toHaveLength(typed.rows.length);
      }
      // 财政项目支出绩效目标填报表 (one sample has them): each form a project target table, its annual total under its
      // column — names and amounts as printed (read from the page images).
      const forms = FORMS[file] ?? [];
      expect(
        r.performance.tables.map((t) => [t.kind, t.projectName, t.funding.find((f) => f.label === "年度资金申请总额" && f.source === "合计")?.amount, t.indicators.length]),
      ).toEqual(forms.map(([name, amount, n]) => ["project-target", name, amount, n]));
      // Every indicator has its 年度 value; one form's, in full.
      expect(r.performance.tables.flatMap((t) => t.indicators).filter((i) => !i.yearTarget)).toEqual([]);
      const full = FORM_INDICATORS[file];
      if (full) {
        const form = r.performance.tables.find((t) => t.projectName === full.project);
        expect(form?.indicators.map((i) => [i.level1, i.level2, i.level3, i.yearTarget])).toEqual(full.rows);
      }
      // Every key figure is read from its table (the 三公 table may be published empty): none is looked for in vain.
      const report = { ...r.document, tables: r.tables, performance: r.performance.tables };
      const figures = keyFigures(report);
      expect(figures.filter((f) => f.value === undefined && f.absent !== "此表无数据"), "key figures not found").toEqual([]);
      expect(figures.find((f) => f.key === "income")?.unit).toBe(file.includes("yusuan") ? "元" : "万元");
      if (file.includes("yusuan")) expect(figures.find((f) => f.key === "threePublic")?.unit).toBe("万元");
      // Statements of change (issue 14): every sample makes some; an item line compared with last year's 执行数 is read
      // with its item's name (never “预算安排”), its base and the 执行数 it prints.
      const statements = changeStatements(report);
      expect(statements.length, "statements of change").toBeGreaterThan(0);
      expect(statements.filter((x) => /^预算安排|^$/u.test(x.figure) && !x.note)).toEqual([]);
      // Every sentence is read whole (a line break inside one, `公务接待费1.00万元。与2024年预算持平` too) but for 司法局's
      // “与2025年预算数持平，主要原因是。”, which names no reason: kept with that note.
      expect(statements.filter((x) => x.note).map((x) => [x.line, x.note])).toEqual(file.includes("sifaju") ? [[226, expect.stringContaining("未写原因")]] : []);
      // Every statement has the cell that prints its figure, or says why not; a cell given prints the same amount
      // (a 元 cell is the text's 万元 × 10,000, rounded as the text rounds it).
      expect(statements.filter((x) => x.current && !x.cell && !x.cellNote)).toEqual([]);
      for (const x of statements.filter((y) => y.cell && y.current)) {
        const unit = r.tables.find((t) => t.no === x.cell?.table)?.unit;
        const cell = Number(x.cell?.value === "" ? "0" : x.cell?.value);
        const decimals = x.current?.value.split(".")[1]?.length ?? 0;
        const off = Math.abs((unit === "元" ? cell / 10_000 : cell) - Number(x.current?.value));
        expect(off, `line ${x.line} ${x.figure}: ${x.cell?.value} ${unit} for ${x.current?.printed}`).toBeLessThanOrEqual(0.5 * 10 ** -decimals + 1e-9);
      }
      // An item line whose 预算安排 is not its own amount: the cell is the item's (as its heading prints it, read from the
      // page image), and the note says the text differs.
      for (const [line, heading, text] of MISMATCHED[file] ?? []) {
        const x = statements.find((y) => y.line === line);
        const inTable = /此格为([\d.]+)元/u.exec(x?.cellNote ?? "")?.[1];
        expect(Math.abs(Number(inTable) / 10_000 - Number(heading)), `line ${line}`).toBeLessThanOrEqual(0.005 + 1e-9);
        expect(x?.cellNote).toContain(`与文中${text}万元不同`);
      }
      for (const [name, direction, baseValue] of EXECUTION_BASE[file] ?? []) {
        expect(statements.find((x) => x.figure === name && x.base.kind === "previous-execution"), name).toMatchObject({ direction, baseValue: { value: baseValue, implied: false } });
      }
      const expected = CONSISTENT[file];
      if (expected) {
        const c = runChecks({ ...r.document, tables: r.tables, performance: r.performance.tables });
        expect([...new Set(c.results.filter((x) => x.status === "fail").map((x) => x.check))]).toEqual(expected);
      }
    }, 60_000);
  }

  it("the blank template itself (上海市XX局, rows of “…”) is refused, and for nothing but its placeholders", async () => {
    const file = readdirSync(CORPUS).find((f) => f.includes("template"));
    expect(file).toBeDefined();
    const read = await pdfToText(new Uint8Array(readFileSync(join(CORPUS, file as string))));
    if (!read.ok) throw new Error(read.rule);
    const r = importDisclosure(read.text, { original: file as string, reference, pdf: { origin: read.origin, notes: read.notes } });
    expect(r.document.meta.template?.id).toBe("shanghai");
    expect(r.problems.length).toBeGreaterThan(1);
    expect(r.problems[0]).toMatchObject({ column: "封面部门名称", value: expect.stringMatching(/XX/u), message: expect.stringContaining("空白模板") });
    for (const p of r.problems.slice(1)) expect(p).toMatchObject({ value: expect.stringMatching(/^…+$/u), message: expect.stringContaining("省略号") });
    // Every table of the template was still found by its title.
    expect(r.tables.filter((t) => t.state === "missing" && !t.absent).map((t) => t.no)).toEqual([]);
  }, 60_000);
});
