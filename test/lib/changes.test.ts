/**
 * Changes and execution (issue 14): the statements of change and of execution read from 情况说明 by the sentence
 * shapes of src/templates/statements.json, and the checks of what they imply. Every expected value below is typed
 * from the source text (src/data/reports/<id>/source.txt, line given), not from the parser's output.
 */
import { describe, expect, it } from "vitest";
import { beyondNarrativeChecks, type ChangeStatement, changeChecks, changeStatements, familyIds, familyOf, narrativeParagraphs, readStatements, STATEMENTS, summarize } from "../../src/lib/changes.ts";
import { loadSiteOrThrow } from "../../src/lib/load.ts";
import { dataPaths, fsReader, projectValidators } from "../../src/lib/node-io.ts";

const read = (text: string, family = "national", year?: number) => readStatements([{ line: 1, text, headings: [] }], { family, ...(year ? { year } : {}) });
const value = (s: ChangeStatement | undefined, key: "current" | "change" | "percent" | "baseValue") => s?.[key]?.value;

describe("statements.json", () => {
  it("names every shape, gives an example of it, and the example reads as that shape", () => {
    for (const id of familyIds()) {
      for (const shape of familyOf(id).shapes.filter((s) => s.family === id)) {
        expect(shape.name).not.toBe("");
        for (const example of [shape.example, ...shape.examples]) {
          const shapes = read(example, id).map((s) => s.shape);
          expect(shapes, `${shape.name}: ${example}`).toContain(shape.name);
        }
      }
    }
    expect(Object.keys(STATEMENTS.families)).toEqual(["national", "shanghai"]);
  });
});

describe("sentence shapes, on sentences of the sources", () => {
  it("execution — 年初预算 / 支出决算 / 完成年初预算的 (阳泉市民政局 2024 决算, line 412)", () => {
    const [s, ...rest] = read("2024年度一般公共预算财政拨款支出年初预算1,127.65万元，支出决算2,560.16万元，完成年初预算的227.03%。其中：", "national", 2024);
    expect(rest).toEqual([]);
    expect(s).toMatchObject({ kind: "execution", shape: "execution", figure: "一般公共预算财政拨款支出", direction: "increase", base: { kind: "initial-budget", text: "年初预算" } });
    expect([value(s, "current"), value(s, "baseValue"), value(s, "percent")]).toEqual(["2560.16", "1127.65", "227.03"]);
    expect(s?.current?.printed).toBe("2,560.16万元");
    expect(s?.baseValue?.implied).toBe(false);
    expect(s?.reason).toBeUndefined();
  });

  it("execution with a change — 全年预算 … 比上年度减少 (阳泉市退役军人事务局 2023 决算, line 520)", () => {
    const list = read("2023年度“三公”经费财政拨款支出全年预算4.54万元，支出决算4.54万元，完成全年预算的100.00%，比上年度减少1.03万元，下降18.49%，主要原因是：厉行节约，严格控制“三公”经费支出。其中：", "national", 2023);
    expect(list.map((s) => s.kind)).toEqual(["execution", "change"]);
    const [exec, change] = list;
    expect(exec).toMatchObject({ base: { kind: "full-year-budget" }, direction: "unchanged" });
    expect([value(exec, "current"), value(exec, "baseValue"), value(exec, "percent")]).toEqual(["4.54", "4.54", "100.00"]);
    expect(change).toMatchObject({ direction: "decrease", base: { kind: "previous-year", text: "上年度", year: 2022 }, reason: "厉行节约，严格控制“三公”经费支出", reasonMarker: "主要原因是" });
    expect([value(change, "current"), value(change, "change"), value(change, "percent")]).toEqual(["4.54", "1.03", "18.49"]);
    // 4.54 + 1.03: last year's figure is only implied.
    expect(change?.baseValue).toMatchObject({ value: "5.57", implied: true });
  });

  it("value-change — X万元，比上年增加A万元，增长P% (忻州市民政局 2024 预算, line 573)", () => {
    const [s] = read("2024年度忻州市民政局一般公共预算当年支出4,000.70万元,比上年增加549.33万元,增长15.92%。");
    expect(s).toMatchObject({ kind: "change", shape: "value-change", direction: "increase", base: { kind: "previous-year", text: "上年" } });
    expect([value(s, "current"), value(s, "change"), value(s, "percent"), value(s, "baseValue")]).toEqual(["4000.70", "549.33", "15.92", "3451.37"]);
    expect(s?.reason).toBeUndefined();
  });

  it("value-change with the year and the reason after 原因是 (忻州市民政局 2024 预算, line 602)", () => {
    const text = "本部门2024年所属忻州市民政局1家行政单位机关运行经费财政拨款预算65.14万元，比2023年预算减少1.88万元，下降2.9%，原因是我局在机构改革后有关职能加强。机构改革后，民政部门有关职能得到进一步明确和加强，部省单独设立了养老服务、儿童福利、慈善事业促进和社会工作等内设机构，将原社区建设职能修订为指导城乡社区治理体系和能力建设，业务部门总量基本保持不变。与2023年比略有减少。";
    const list = read(text);
    // `与2023年比略有减少` closes the reason: it is not a statement of its own.
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ direction: "decrease", base: { kind: "previous-budget", text: "2023年预算", year: 2023 }, reasonMarker: "原因是" });
    expect([value(list[0], "current"), value(list[0], "change"), value(list[0], "percent"), value(list[0], "baseValue")]).toEqual(["65.14", "1.88", "2.9", "67.02"]);
    expect(list[0]?.reason?.startsWith("我局在机构改革后有关职能加强。机构改革后，")).toBe(true);
    expect(list[0]?.reason?.endsWith("与2023年比略有减少")).toBe(true);
  });

  it("value-compared-change — 与上年相比预算数增加 (阳泉市民政局 2025 预算, line 581)", () => {
    const text = "其中：因公出国（境）费0万元，与上年预算数相同；公务接待费0.80万元，与上年相比预算数增加0.80万元，主要原因是：2025年按照市级财政预算安排，批复民政局机关公务接待费0.8万元；公务用车购置及运行费18.50万元，与上年相比预算数增加0.38万元，主要原因是：2025年按照市级财政预算安排，批复民政事务中心0.38公务用车运行维护费，公务用车运行维护费18.50万元，与上年相比预算数增加0.38万元，主要原因是：2025年按照市级财政预算安排，批复民政事务中心0.38公务用车运行维护费；公务用车购置费0万元，与上年预算数相同。";
    const list = read(text);
    expect(list.map((s) => [s.shape, s.figure, s.direction, s.change?.value])).toEqual([
      ["value-unchanged", "因公出国（境）费", "unchanged", undefined],
      ["value-compared-change", "公务接待费", "increase", "0.80"],
      ["value-compared-change", "公务用车购置及运行费", "increase", "0.38"],
      ["value-compared-change", "公务用车运行维护费", "increase", "0.38"],
      ["value-unchanged", "公务用车购置费", "unchanged", undefined],
    ]);
    expect(list[1]).toMatchObject({ base: { kind: "previous-budget", text: "上年预算数" }, reason: "2025年按照市级财政预算安排，批复民政局机关公务接待费0.8万元" });
    // The reason of 购置及运行费 ends where the next item begins, inside the same sentence.
    expect(list[2]?.reason).toBe("2025年按照市级财政预算安排，批复民政事务中心0.38公务用车运行维护费");
    // An unchanged item does not borrow the reason of the increase after it.
    expect(list[0]?.reason).toBeUndefined();
    expect(list[1]?.percent).toBeUndefined();
  });

  it("value-unchanged — 与2023年预算数相同 (忻州市民政局 2024 预算, line 594)", () => {
    const list = read("2024年忻州市民政局财政拨款安排的“三公”经费预算13.20万元与2023年预算数相同。其中:因公出国(境)费0万元,与上年预算数相同;公务接待费0万元,与上年预算数相同;公务用车运行维护费13.20万元,与上年预算数相同;公务用车购置费0万元,与上年预算数相同。");
    expect(list.map((s) => [s.figure, s.current?.value, s.direction, s.base.text])).toEqual([
      ["忻州市民政局财政拨款安排的“三公”经费预算", "13.20", "unchanged", "2023年预算数"],
      ["因公出国(境)费", "0", "unchanged", "上年预算数"],
      ["公务接待费", "0", "unchanged", "上年预算数"],
      ["公务用车运行维护费", "13.20", "unchanged", "上年预算数"],
      ["公务用车购置费", "0", "unchanged", "上年预算数"],
    ]);
    expect(list[0]?.baseValue).toMatchObject({ value: "13.20", implied: true });
    expect(list.every((s) => s.change === undefined && s.percent === undefined && s.reason === undefined)).toBe(true);
  });

  it("compared-change — 与上年相比，收入总计减少…，支出总计减少…。主要原因是… (阳泉市民政局 2024 决算, line 372)", () => {
    const list = read("2024年度收入总计3,119.54万元，支出总计3,119.54万元。与上年相比，收入总计减少6,961.07万元，下降69.05%，支出总计减少6,961.07万元，下降69.05%。主要原因是殡仪馆迁建项目完工。");
    expect(list.map((s) => s.figure)).toEqual(["收入总计", "支出总计"]);
    for (const s of list) {
      // This year's figure is the one printed in the sentence before.
      expect([value(s, "current"), value(s, "change"), value(s, "percent"), value(s, "baseValue")]).toEqual(["3119.54", "6961.07", "69.05", "10080.61"]);
      expect(s).toMatchObject({ direction: "decrease", base: { kind: "previous-year", text: "上年" }, reason: "殡仪馆迁建项目完工", reasonMarker: "主要原因是" });
    }
    expect(list[1]?.note).toBeUndefined();
  });

  it("class-change — 较上年决算减少, after the 类's execution (阳泉市民政局 2024 决算, line 414)", () => {
    const list = read("一般公共服务支出年初预算0.41万元，支出决算0.28万元，完成年初预算的68.29%，用于党建基本支出。较上年决算减少29.85万元，下降99.07%，主要原因是由于机构改革社会组织党建经费减少。");
    expect(list.map((s) => [s.kind, s.shape, s.figure])).toEqual([
      ["execution", "execution", "一般公共服务支出"],
      ["change", "class-change", "一般公共服务支出"],
    ]);
    expect([value(list[0], "current"), value(list[0], "baseValue"), value(list[0], "percent")]).toEqual(["0.28", "0.41", "68.29"]);
    expect(list[0]?.reason).toBeUndefined();
    expect(list[1]).toMatchObject({ direction: "decrease", base: { kind: "previous-final", text: "上年决算" }, reason: "由于机构改革社会组织党建经费减少" });
    expect([value(list[1], "current"), value(list[1], "change"), value(list[1], "percent"), value(list[1], "baseValue")]).toEqual(["0.28", "29.85", "99.07", "30.13"]);
  });
});

describe("Shanghai sentences (written here in the template's form)", () => {
  it("execution-base-change — compared with last year's 预算执行数, the item from the line the paragraph opens with", () => {
    const sentence = "2025年当年预算执行数为2149.45万元，2026年预算安排2170.39万元，比2025年预算执行数增加0.97%。主要原因是：业务量增加。";
    const [s, ...rest] = readStatements([{ line: 48, text: `2、一般公共服务支出（201类）政府办公厅（室）及相关机构事务（03款）一般行政管理事务（02项）2170.39万元。主要用于：日常业务工作支出。${sentence}`, headings: [] }], { family: "shanghai", year: 2026 });
    expect(rest).toEqual([]);
    expect(s).toMatchObject({ kind: "change", shape: "execution-base-change", figure: "一般行政管理事务", code: "2010302", direction: "increase", base: { kind: "previous-execution", text: "2025年预算执行数", year: 2025 }, reason: "业务量增加", reasonMarker: "主要原因是", line: 48 });
    expect([value(s, "current"), value(s, "baseValue"), value(s, "percent")]).toEqual(["2170.39", "2149.45", "0.97"]);
    expect(s?.baseValue?.implied).toBe(false);
    expect(s?.change).toBeUndefined();
    expect(s?.note).toBeUndefined();
    // The same sentence alone does not say which item it is about: kept, with a note.
    const [bare] = read(sentence, "shanghai");
    expect(bare).toMatchObject({ shape: "execution-base-change", figure: "", note: "文中未写明是哪一项" });
  });

  it("execution-base-unchanged — 比上年预算执行数持平: the item from the line the paragraph opens with, not “预算安排”", () => {
    const text = "8. “公共安全支出（类）司法（款）公共法律服务（项）”20.00万元，主要用于公共法律服务。2024年当年预算执行数为20.00万元，2025年预算安排20.00万元，比2024年预算执行数持平。主要原因是：业务量无变化。";
    const list = readStatements([{ line: 90, text, headings: [] }], { family: "shanghai", year: 2025 });
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ kind: "change", shape: "execution-base-unchanged", figure: "公共法律服务", direction: "unchanged", base: { kind: "previous-execution", year: 2024 }, reason: "业务量无变化" });
    expect([value(list[0], "current"), value(list[0], "baseValue")]).toEqual(["20.00", "20.00"]);
    expect(list[0]?.baseValue?.implied).toBe(false);
  });

  it("execution-gap — 决算数小于预算数的主要原因：…", () => {
    const list = read("3、一般公共服务支出（类）组织事务（款）其他组织事务支出（项）。主要用于：党建工作经费。年初预算为12.00万元，支出决算为10.50万元，完成年初预算的87.50%。决算数小于预算数的主要原因：部分培训改为线上开展。", "shanghai");
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ kind: "execution", shape: "execution-gap", figure: "其他组织事务支出", direction: "decrease", base: { kind: "initial-budget" }, reason: "部分培训改为线上开展", reasonMarker: "主要原因" });
    expect([value(list[0], "current"), value(list[0], "baseValue"), value(list[0], "percent")]).toEqual(["10.50", "12.00", "87.50"]);
  });

  it("a report in the Shanghai template also reads the national shapes (`与2023年度相比` with spaces from the PDF)", () => {
    const list = read("某局 2024 年度收入支出总计 256.40万元。与 2023 年度相比，收入支出总计增加 12.20 万元，增长5.00%。主要原因：人员增加。", "shanghai");
    expect(list[0]).toMatchObject({ shape: "compared-change", figure: "收入支出总计", direction: "increase", base: { text: "2023年度", year: 2023 }, reason: "人员增加" });
    expect([value(list[0], "current"), value(list[0], "change"), value(list[0], "baseValue")]).toEqual(["256.40", "12.20", "244.20"]);
  });
});

describe("a sentence a line break cut in two", () => {
  // The Shanghai samples' text breaks some sentences where the page wraps them (上海市普陀区司法局 2026 单位预算, item 13:
  // “…2025年当年预算执行数为” / “241.76万元，2026年预算安排170.03万元，比2025年预算执行数增加21.74%。…”).
  const p = (line: number, text: string) => ({ type: "p" as const, line, text });
  const narrative = (blocks: ReturnType<typeof p>[]) => [{ heading: "四、财政拨款支出预算情况说明", depth: 1, line: 1, blocks }];

  it("reads a line that stops mid-sentence on with the next, keeping both lines", () => {
    const paragraphs = narrativeParagraphs({ narrative: narrative([
      p(59, "13、住房保障支出（221类）住房改革支出（02款）购房补贴（03项）207万元。主要用于：发放购房补贴。2025年当年预算执行数为"),
      p(60, "241.76万元，2026年预算安排170.03万元，比2025年预算执行数增加21.74%。主要原因是：支出增加。"),
    ]) } as never);
    expect(paragraphs).toHaveLength(1);
    expect(paragraphs[0]).toMatchObject({ line: 59, lines: [59, 60] });
    const [s, ...rest] = readStatements(paragraphs, { family: "shanghai", year: 2026 });
    expect(rest).toEqual([]);
    expect(s).toMatchObject({ figure: "购房补贴", code: "2210203", line: 59, lines: [59, 60], direction: "increase", current: { value: "170.03" }, baseValue: { value: "241.76", implied: false }, percent: { value: "21.74" }, reason: "支出增加" });
    expect(s?.note).toBeUndefined();
  });

  it("never joins a title, a finished sentence, or a line that opens an item of its own", () => {
    const paragraphs = narrativeParagraphs({ narrative: narrative([
      p(54, "2025年单位预算编制说明"),
      p(55, "2025年，收入预算37,151.47万元，其中：财政拨款收入37,151.47万元，比2024年预算执行数增加"),
      p(56, "24,558.18万元；事业收入0万元。"),
      p(57, "财政拨款支出主要内容如下，"),
      p(58, "1、公共安全支出（204类）司法（06款）行政运行（01项）1434.89万元。"),
    ]) } as never);
    expect(paragraphs.map((x) => [x.line, x.lines])).toEqual([[54, undefined], [55, [55, 56]], [57, undefined], [58, undefined]]);
  });
});

describe("the Shanghai 编制说明", () => {
  it("gives the change of the one item after 其中, not of the total before it (上海市普陀区财政局 2025, line 45)", () => {
    const list = read("2025年，上海市普陀区财政局收入预算3,121.42万元，其中：财政拨款收入3,121.42万元，比2024年预算增加107.62万元；事业收入0万元；事业单位经营收入0万元；其他收入0万元。", "shanghai", 2025);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ shape: "of-which-change", figure: "财政拨款收入", current: { value: "3121.42" }, change: { value: "107.62" }, base: { kind: "previous-budget", year: 2024 } });
  });

  it("reads a base with a parenthesis after its year: 比2022年（上一年度，下同）预算增加 (万里街道 2023, line 48)", () => {
    const [s] = read("其中：财政拨款收入16497.86万元，比2022年（上一年度，下同）预算增加1421.25万元；事业收入0万元。", "shanghai", 2023);
    expect(s).toMatchObject({ figure: "财政拨款收入", direction: "increase", change: { value: "1421.25" }, base: { kind: "previous-budget", year: 2022 } });
    expect(s?.note).toBeUndefined();
  });
});

describe("sentences half understood", () => {
  it("a change no shape reads is kept with a note, its direction and reason read, its amount not guessed", () => {
    const [s, ...rest] = read("本年公用经费比上年有所增加，主要原因是办公用房维修。", "national", 2024);
    expect(rest).toEqual([]);
    expect(s).toMatchObject({ kind: "change", shape: "cue", figure: "本年公用经费", direction: "increase", base: { kind: "previous-year", text: "上年", year: 2023 }, reason: "办公用房维修" });
    expect(s?.current).toBeUndefined();
    expect(s?.change).toBeUndefined();
    expect(s?.note).toMatch(/只读出了部分/u);
  });
});

describe("the bundled reports", () => {
  const site = loadSiteOrThrow(fsReader, dataPaths(), projectValidators());
  const report = (id: string) => {
    const r = site.reports.find((x) => x.meta.id === id);
    if (!r) throw new Error(id);
    return r;
  };
  const statements = (id: string) => changeStatements(report(id));
  const at = (id: string, line: number, figure: string, kind: ChangeStatement["kind"] = "change") => statements(id).find((s) => s.line === line && s.figure === figure && s.kind === kind);

  // Counted by reading each report's 情况说明: statements against last year (增加/减少/相同), statements of execution
  // (with a rate of completion), reasons stated, and sentences kept with a note.
  const COUNTS: [string, { increase: number; decrease: number; unchanged: number; amountOnly: number; reasons: number; executions: number; rates: number; notes: number }][] = [
    ["xinzhou-civil-affairs-2024-budget", { increase: 3, decrease: 1, unchanged: 5, amountOnly: 0, reasons: 3, executions: 0, rates: 0, notes: 0 }],
    ["yangquan-civil-affairs-2025-budget", { increase: 7, decrease: 1, unchanged: 2, amountOnly: 4, reasons: 7, executions: 0, rates: 0, notes: 1 }],
    ["yangquan-civil-affairs-2024-final", { increase: 0, decrease: 14, unchanged: 3, amountOnly: 0, reasons: 17, executions: 6, rates: 5, notes: 0 }],
    ["yangquan-civil-affairs-dibao-center-2024-final", { increase: 9, decrease: 1, unchanged: 5, amountOnly: 0, reasons: 14, executions: 6, rates: 5, notes: 0 }],
    ["yangquan-veterans-affairs-2023-final", { increase: 7, decrease: 5, unchanged: 2, amountOnly: 0, reasons: 14, executions: 10, rates: 10, notes: 1 }],
  ];

  it.each(COUNTS)("%s: the statements counted by hand", (id, c) => {
    const s = summarize(statements(id));
    expect(s.change).toMatchObject({ increase: c.increase, decrease: c.decrease, unchanged: c.unchanged, amountOnly: c.amountOnly, percentOnly: 0, withReason: c.reasons });
    expect(s.change.amountAndPercent).toBe(c.increase + c.decrease - c.amountOnly);
    expect(s.execution).toMatchObject({ total: c.executions, withRate: c.rates });
    expect(s.withNote).toBe(c.notes);
  });

  it("65 statements against last year (46 in final accounts, 19 in budgets) and 22 of execution (20 with a rate)", () => {
    const all = site.reports.flatMap((r) => changeStatements(r).map((s) => ({ s, kind: r.meta.kind })));
    const yoy = all.filter((x) => x.s.kind === "change");
    expect([yoy.length, yoy.filter((x) => x.kind === "final").length, yoy.filter((x) => x.kind === "budget").length]).toEqual([65, 46, 19]);
    const t = summarize(all.map((x) => x.s));
    expect(t.change).toMatchObject({ increase: 26, decrease: 22, unchanged: 17, amountAndPercent: 44, amountOnly: 4, withReason: 55 });
    expect(t.execution).toMatchObject({ total: 22, withRate: 20 });
    expect(yoy.filter((x) => x.s.reasonMarker === "主要原因").length).toBe(6);
    expect(yoy.filter((x) => x.s.reasonMarker === "原因是").length).toBe(2);
    // Every statement that prints this year's figure has it.
    expect(all.filter((x) => !x.s.current)).toEqual([]);
  });

  it("links this year's figure to the cell that prints it, and says why where none does", () => {
    // 000 line 372 收入总计 3,119.54 — 公开01表 总计 row, income side.
    expect(at("yangquan-civil-affairs-2024-final", 372, "收入总计")?.cell).toMatchObject({ table: 1, value: "3119.54" });
    // 000 line 416 社会保障和就业支出 2,530.96 — 公开05表 row 208.
    expect(at("yangquan-civil-affairs-2024-final", 416, "社会保障和就业支出")).toMatchObject({ code: "208", cell: { table: 5, row: "208 社会保障和就业支出", value: "2530.96" } });
    // 004 line 602 机关运行经费 65.14 — 表十一 部门合计.
    expect(at("xinzhou-civil-affairs-2024-budget", 602, "机关运行经费")?.cell).toMatchObject({ table: 11, row: "部门合计", value: "65.14" });
    // 000 has no 公开10表: 机关运行经费 29.03 (line 470) has no cell, and says why.
    const office = at("yangquan-civil-affairs-2024-final", 470, "机关运行经费");
    expect(office?.cell).toBeUndefined();
    expect(office?.cellNote).toMatch(/缺少公开10表/u);
    // 002 line 526: the 公务用车运行维护费 决算数 4.54 and its 预算数 4.54 in 公开09表.
    const car = at("yangquan-veterans-affairs-2023-final", 526, "公务用车运行维护费", "execution");
    expect(car?.cell).toMatchObject({ table: 9, value: "4.54" });
    expect(car?.baseCell).toMatchObject({ table: 9, value: "4.54" });
  });

  it("gives every statement its cell or says why it has none (公开09表 published empty, 公开10表 missing)", () => {
    const all = site.reports.flatMap((r) => changeStatements(r));
    expect(all.filter((s) => !s.cell && !s.cellNote)).toEqual([]);
    const without = all.filter((s) => !s.cell);
    // 000 and 003: the “三公” total (execution and change) and its four items in an empty 公开09表, and 机关运行经费.
    expect(without).toHaveLength(14);
    expect(new Set(without.map((s) => s.figure))).toEqual(new Set(["“三公”经费", "因公出国（境）费", "公务用车购置费", "公务用车运行维护费", "公务接待费", "机关运行经费"]));
  });

  it("an unchanged statement: 与上年“三公”经费财政拨款支出决算相同 (003 line 439)", () => {
    const s = at("yangquan-civil-affairs-dibao-center-2024-final", 439, "“三公”经费");
    expect(s).toMatchObject({ direction: "unchanged", base: { kind: "previous-final", year: 2023 }, current: { value: "0" } });
    expect(s?.change).toBeUndefined();
    expect(s?.reason).toBeUndefined();
  });

  it("keeps the half-understood sentences of the sources with a note", () => {
    // 001 line 589: `下降(增长)0.001%` — the template's placeholder left in.
    const placeholder = at("yangquan-civil-affairs-2025-budget", 589, "机关运行经费");
    expect(placeholder).toMatchObject({ direction: "decrease", percent: { value: "0.001" }, baseValue: { value: "40.72", implied: false }, base: { text: "2024年预算", kind: "previous-budget" } });
    expect(placeholder?.note).toMatch(/占位/u);
    // 002 line 498: `年初预算数33.01，` without its unit.
    const housing = at("yangquan-veterans-affairs-2023-final", 498, "住房保障支出", "execution");
    expect(housing).toMatchObject({ baseValue: { printed: "33.01", value: "33.01" }, current: { value: "36.04" }, percent: { value: "109.18" } });
    expect(housing?.note).toMatch(/未写单位/u);
  });

  describe("checks", () => {
    const results = (id: string) => changeChecks(report(id), statements(id));

    it("finds 忻州 2024 预算's 机关运行经费 “减少1.88万元，下降2.9%”: 1.88 ÷ 67.02 = 2.81 %", () => {
      const fails = results("xinzhou-civil-affairs-2024-budget").filter((r) => r.status === "fail");
      expect(fails).toHaveLength(1);
      expect(fails[0]).toMatchObject({ check: "changes.percentage", expected: "2.8%", found: "2.9%" });
      expect(fails[0]?.note).toMatch(/2\.81%/u);
      expect(fails[0]?.cells[0]).toMatchObject({ table: 0, line: 602 });
    });

    it("finds 阳泉 2025 预算's “下降(增长)0.001%”: 0.04 ÷ 40.72 = 0.098 %", () => {
      const fails = results("yangquan-civil-affairs-2025-budget").filter((r) => r.status === "fail");
      expect(fails).toHaveLength(1);
      expect(fails[0]).toMatchObject({ check: "changes.percentage", expected: "0.098%", found: "0.001%" });
      expect(fails[0]?.note).toMatch(/占位/u);
    });

    it("finds 阳泉退役军人 2023 决算's 类 changes contradicting the total (−0.84 − 32.67 + 3.35 against +37.05)", () => {
      const fails = results("yangquan-veterans-affairs-2023-final").filter((r) => r.status === "fail");
      expect(fails).toHaveLength(1);
      expect(fails[0]).toMatchObject({ check: "changes.sum-of-classes", expected: "37.05", found: "-30.16" });
      // 卫生健康支出 (15.30 this year) is the one 类 without a stated change: it cannot make up 67.21.
      expect(fails[0]?.note).toMatch(/卫生健康支出/u);
    });

    it("passes where the text agrees with itself: the 类 of 阳泉 2024 决算 add up to −3,180.10", () => {
      const r = results("yangquan-civil-affairs-2024-final");
      expect(r.filter((x) => x.status === "fail")).toEqual([]);
      expect(r.find((x) => x.check === "changes.sum-of-classes")).toMatchObject({ status: "pass", expected: "-3180.10", found: "-3180.10" });
      expect(r.find((x) => x.check === "changes.sum-of-items")).toMatchObject({ status: "pass", expected: "-0.03" });
      expect(results("yangquan-civil-affairs-dibao-center-2024-final").filter((x) => x.status === "fail")).toEqual([]);
    });

    it("checks a stated previous value and a percentage against 执行数 (Shanghai form)", () => {
      const site0 = site.reports[0];
      if (!site0) throw new Error("no report");
      const list = readStatements([{ line: 7, text: "1、社会保障和就业支出（208类）行政事业单位养老支出（05款）事业单位离退休（02项）81.60万元。主要用于：离退休人员支出。2025年当年预算执行数为80.00万元，2026年预算安排81.60万元，比2025年预算执行数减少1.50%。主要原因是：退休人员减少。", headings: ["四、财政拨款支出预算情况说明"] }], { family: "shanghai" });
      const r = changeChecks(site0, list);
      // 81.60 is more than 80.00: an increase of 2.00 %, not a decrease of 1.50 %.
      expect(r.find((x) => x.check === "changes.previous")).toMatchObject({ status: "fail", expected: "增加", found: "减少" });
      expect(r.find((x) => x.check === "changes.percentage")).toMatchObject({ status: "fail", expected: "2.00%", found: "1.50%" });
      // No change amount is printed: the narrative checks cannot reach it, so the registered rules check it.
      expect(beyondNarrativeChecks("changes.previous", list)).toMatchObject([{ status: "fail", expected: "增加", found: "减少" }]);
      expect(beyondNarrativeChecks("changes.percentage", list)).toMatchObject([{ status: "fail", expected: "2.00%" }]);
    });

    it("leaves to narrative.changes / narrative.percentages what they check: a change amount on one line", () => {
      const list = read("2024年度忻州市民政局一般公共预算当年支出4,000.70万元,比上年增加549.33万元,增长15.92%。", "national", 2024);
      expect(list).toHaveLength(1);
      expect(beyondNarrativeChecks("changes.previous", list)).toEqual([]);
      expect(beyondNarrativeChecks("changes.percentage", list)).toEqual([]);
      // The same statement cut over two lines is theirs no longer.
      const cut = list.map((s) => ({ ...s, lines: [1, 2] }));
      expect(beyondNarrativeChecks("changes.percentage", cut)).toMatchObject([{ status: "pass", check: "changes.percentage" }]);
    });
  });
});
