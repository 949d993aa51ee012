/**
 * The performance (绩效) table parser against the five real disclosures (the seeds, as committed in
 * src/data/reports/<id>/source.txt — byte for byte the texts that were in src/data/sources). Every expected value was
 * read by hand from the source line named next to it (values as published; where a published cell has white space
 * that normalizeText removes, the expectation is written as normalizeText of the published text).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { isPerformanceBlockEnd, parsePerformanceTable, performanceTitleKind, type PerformanceParse } from "../../src/lib/import/performance.ts";
import type { PerformanceIndicator, PerformanceKind, PerformanceTable } from "../../src/lib/model.ts";
import { isNoise, normalizeText, splitCells, type SourceLine } from "../../src/lib/text.ts";

const ROOT = join(import.meta.dirname, "../..");
const schema = JSON.parse(readFileSync(join(ROOT, "schemas/performance.schema.json"), "utf8")) as object;

/** The five seed disclosures (GUIDE.md): as committed under src/data/reports/<id>/source.txt, or before import. */
const SEED_IDS: Record<string, string> = {
  "000": "yangquan-civil-affairs-2024-final",
  "001": "yangquan-civil-affairs-2025-budget",
  "002": "yangquan-veterans-affairs-2023-final",
  "003": "yangquan-civil-affairs-dibao-center-2024-final",
  "004": "xinzhou-civil-affairs-2024-budget",
};

function sourceText(prefix: string): string {
  const committed = join(ROOT, "src/data/reports", SEED_IDS[prefix] ?? prefix, "source.txt");
  if (existsSync(committed)) return readFileSync(committed, "utf8");
  const dir = join(ROOT, "src/data/sources");
  const name = existsSync(dir) ? readdirSync(dir).find((f) => f.startsWith(`${prefix}_`)) : undefined;
  if (!name) throw new Error(`no source text for seed ${prefix}`);
  return readFileSync(join(dir, name), "utf8");
}

function lines(prefix: string): SourceLine[] {
  return sourceText(prefix)
    .split(/\r?\n/u)
    .map((text, i) => ({ line: i + 1, text }));
}

/** Cuts the blocks as an importer does: a title line (a line of its own) to the next title or block end. */
function cut(all: SourceLine[]): { blocks: SourceLine[][]; ends: number[] } {
  const blocks: SourceLine[][] = [];
  const ends: number[] = [];
  let block: SourceLine[] | undefined;
  for (const l of all) {
    if (!l.text.includes("\t") && performanceTitleKind(l.text) !== undefined) {
      block = [l];
      blocks.push(block);
      continue;
    }
    if (block && !isNoise(l.text) && isPerformanceBlockEnd(l.text)) {
      ends.push(l.line);
      block = undefined;
    }
    if (block) block.push(l);
  }
  return { blocks, ends };
}

interface Parsed extends PerformanceParse {
  block: SourceLine[];
}

const cache = new Map<string, Parsed[]>();
function parsed(prefix: string): Parsed[] {
  let p = cache.get(prefix);
  if (!p) {
    p = cut(lines(prefix)).blocks.map((block) => ({ block, ...parsePerformanceTable(block) }));
    cache.set(prefix, p);
  }
  return p;
}

function table(prefix: string, titleLine: number): Parsed {
  const t = parsed(prefix).find((p) => p.table.line === titleLine);
  if (!t) throw new Error(`${prefix}: no table at line ${titleLine}`);
  return t;
}

function indicator(t: PerformanceTable, line: number, level3?: string): PerformanceIndicator {
  const found = t.indicators.filter((i) => i.line === line && (level3 === undefined || i.level3 === level3));
  if (found.length !== 1) throw new Error(`line ${line}: ${found.length} indicators ${level3 ?? ""}`);
  return found[0] as PerformanceIndicator;
}

function funding(t: PerformanceTable, label: string, source: string): string[] {
  return t.funding.filter((f) => f.label === label && f.source === source).map((f) => `${f.amount} ${f.unit} @${f.line}`);
}

function field(t: PerformanceTable, label: string): string[] {
  return t.fields.filter((f) => f.label === label).map((f) => `${f.value} @${f.line}`);
}

const conclusion = (t: PerformanceTable, label: string): string | undefined => t.conclusions.find((c) => c.label === label)?.value;

const FILES = ["000", "001", "002", "003", "004"] as const;

describe("performanceTitleKind", () => {
  it.each<[string, PerformanceKind | undefined]>([
    ["阳泉市市级预算部门（单位）项目支出绩效目标表", "project-target"], // 001:607
    ["阳泉市市级预算部门(单位)项目支出绩效目标表", "project-target"], // 001:952
    ["忻州市市级预算部门（单位）项目支出绩效目标表", "project-target"], // 004:675
    ["阳泉市项目支出绩效自评表", "project-self-evaluation"], // 000:522
    ["## 阳泉市项目支出绩效自评表", "project-self-evaluation"], // 000:1138
    ["市级预算部门（单位）整体支出绩效目标申报表", "department-target"], // 004:620
    ["财政项目支出绩效目标填报表", "project-target"], // the Shanghai budgets' form
    ["附件：2024年阳泉市城乡居民最低生活保障管理中心绩效自评表", undefined], // 003:479, a sentence
    ["（项目绩效目标表公开情况见附件）", undefined], // 001:605
    ["2、项目绩效目标", undefined],
    ["阳泉市市级预算部门（单位）项目支出绩效目标表公开情况", undefined],
    ["", undefined],
  ])("%s → %s", (text, kind) => {
    expect(performanceTitleKind(text)).toBe(kind);
  });
});

describe("isPerformanceBlockEnd", () => {
  it.each([
    "十一、国有资产占有使用情况", // 001:2156, 004:1410
    "十二、其他说明", // 001:2170
    "第四部分 名词解释", // 001:2218
    "#### 第五部分 附件", // 000:518
    "忻州市财政局文件", // 004:1434
    "山西省财政厅文件", // 004:1456
    "晋财综〔2022〕67号", // 004:1458
    "忻财综〔2022〕37号", // 004:1436
    "各县(市、区)财政局,市直各单位:", // 004:1440
  ])("%s ends a block", (text) => {
    expect(isPerformanceBlockEnd(text)).toBe(true);
  });
  it.each([
    "三、绩效目标完成情况分析", // 000:1349, a paragraph of a 自评结论
    "一、项目实施情况 根据山西省人民政府土地审批文件", // 000:1345
    "附件1", // 000:589, before the next title
    "总 分\t\t\t\t\t\t\t99", // 000:565
    "评价人员",
    "填报人：韩玉珍",
    "年度重点任务\t社会救助\t1、持续抓好巩固拓展脱贫攻坚兜底保障成果同乡村振兴有效衔接。", // 004:641
    "仅供内部审核",
  ])("%s does not", (text) => {
    expect(isPerformanceBlockEnd(text)).toBe(false);
  });
});

describe("blocks found in the sources", () => {
  it.each<[string, number, number, number, Record<PerformanceKind, number>]>([
    ["000", 16, 522, 1496, { "project-target": 0, "project-self-evaluation": 16, "department-target": 0 }],
    // 44 title lines (the brief said 45; the narrative at 001:603 counts 45 projects, but only 44 titles are printed
    // and two of them, 607 and 650, are pages of the same project).
    ["001", 44, 607, 2122, { "project-target": 44, "project-self-evaluation": 0, "department-target": 0 }],
    ["002", 16, 586, 1528, { "project-target": 0, "project-self-evaluation": 16, "department-target": 0 }],
    ["003", 1, 517, 517, { "project-target": 0, "project-self-evaluation": 1, "department-target": 0 }],
    ["004", 23, 620, 1378, { "project-target": 22, "project-self-evaluation": 0, "department-target": 1 }],
  ])("%s: %i tables, first at %i, last at %i", (prefix, count, first, last, kinds) => {
    const p = parsed(prefix);
    expect(p).toHaveLength(count);
    expect(p[0]?.table.line).toBe(first);
    expect(p[p.length - 1]?.table.line).toBe(last);
    const byKind = { "project-target": 0, "project-self-evaluation": 0, "department-target": 0 };
    for (const { table: t } of p) byKind[t.kind]++;
    expect(byKind).toEqual(kinds);
  });

  it("001: the block after the last table ends at 十一、国有资产占有使用情况 (2156)", () => {
    expect(cut(lines("001")).ends).toEqual([2156]);
    expect(table("001", 2122).table.endLine).toBe(2152);
  });

  it("004: the pasted circular is not swallowed by the last target table", () => {
    const { ends } = cut(lines("004"));
    expect(ends).toEqual([1410]);
    const last = table("004", 1378);
    expect(last.table.endLine).toBe(1408);
    expect(last.table.rows.every((r) => r.line <= 1408)).toBe(true);
    const all = lines("004");
    for (const n of [1434, 1440, 1456, 1458]) expect(isPerformanceBlockEnd((all[n - 1] as SourceLine).text), `line ${n}`).toBe(true);
  });

  it("001: 607 and 650 are separate blocks of the same project (650 repeats the title and continues the indicators)", () => {
    const a = table("001", 607).table;
    const b = table("001", 650).table;
    expect(a.projectName).toBe(b.projectName);
    expect(a.endLine).toBe(648);
    expect(a.indicators).toHaveLength(21); // 628–648
    expect(b.indicators).toHaveLength(2); // 671–672
    expect(b.indicators[0]).toMatchObject({ level1: "", level2: "可持续影响", level3: "未成年人及流浪乞讨救助", target: "长期", yearTarget: "长期" });
    expect(field(b, "填报日期")).toEqual(["20250122174018 @673"]);
  });
});

describe.each(FILES)("every table of %s", (prefix) => {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  const validate = ajv.compile(schema);

  it("validates against performance.schema.json", () => {
    const doc = { $schema: "../../../../schemas/performance.schema.json", reportId: "test-report", tables: parsed(prefix).map((p) => p.table) };
    const ok = validate(doc);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it("keeps every number-bearing cell of the block in rows, and no noise line", () => {
    for (const { block, table: t } of parsed(prefix)) {
      const rowAt = new Map(t.rows.map((r) => [r.line, r.cells]));
      for (const l of block) {
        if (isNoise(l.text) && !l.text.includes("\t")) {
          expect(rowAt.has(l.line), `noise line ${l.line}`).toBe(false);
          continue;
        }
        for (const cell of splitCells(l.text)) {
          const c = normalizeText(cell);
          if (/\d/u.test(c)) expect(rowAt.get(l.line) ?? [], `${prefix}:${l.line}`).toContain(c);
        }
      }
    }
  });

  it("leaves no HTML tags anywhere", () => {
    for (const { table: t } of parsed(prefix)) expect(JSON.stringify(t)).not.toMatch(/<\/?(?:td|tr|div|p|span|br)\b/u);
  });

  it("invents nothing: every value is text of the block's rows", () => {
    for (const { table: t } of parsed(prefix)) {
      const text = t.rows.map((r) => r.cells.join("\t")).join("\n");
      const values = [
        t.projectName,
        t.department,
        t.implementingUnit,
        t.totalScore,
        ...t.fields.map((f) => f.value),
        ...t.conclusions.map((c) => c.value),
        ...t.funding.map((f) => f.amount),
        ...t.indicators.flatMap((i) => [i.level1, i.level2, i.level3, i.target, i.yearTarget, i.actual, i.deviation, i.score]),
      ];
      for (const v of values) {
        if (v === undefined) continue;
        for (const piece of v.split(/\s+/u)) expect(text, `${t.line}: ${piece}`).toContain(piece);
      }
    }
  });

  it("omits empty optional values and keeps lines within the table", () => {
    for (const { table: t } of parsed(prefix)) {
      for (const i of t.indicators) for (const k of ["target", "yearTarget", "actual", "deviation", "score"] as const) expect(i[k]).not.toBe("");
      for (const x of [...t.fields, ...t.conclusions, ...t.funding, ...t.indicators]) {
        expect(x.line).toBeGreaterThan(t.line);
        expect(x.line).toBeLessThanOrEqual(t.endLine);
      }
    }
  });
});

describe("000 (阳泉市民政局 2024 决算): self-evaluations", () => {
  it("522 各项工作经费: labels sharing a cell with their value", () => {
    const { table: t, problems } = table("000", 522);
    expect([t.projectName, t.department, t.implementingUnit, t.totalScore]).toEqual(["各项工作经费", "阳泉市民政局", "阳泉市民政局", "99"]);
    expect(t.endLine).toBe(576);
    // 532: 项目预算金额 (万元) | 35 | 实际到位金额 (万元) | 35 | 实际执行金额 (万元) 34.84; 534: 市财政 … 市财政 34.84
    expect(funding(t, "项目预算金额", "合计")).toEqual(["35 万元 @532"]);
    expect(funding(t, "实际执行金额", "合计")).toEqual(["34.84 万元 @532"]);
    expect(funding(t, "实际执行金额", "市财政")).toEqual(["34.84 万元 @534"]);
    expect(t.funding).toHaveLength(6);
    expect(field(t, "单位(盖章)")).toEqual(["阳泉市民政局 @524"]);
    expect(field(t, "填报人")).toEqual(["冯子航 @574"]);
    expect(field(t, "联系电话")).toEqual(["2283777 @529", "2293777 @576"]);
    expect(field(t, "评价人员")).toEqual(["组长 李世旺 四级调研员 阳泉市民政局 李世旺 @571", "成员 裴旭东 办公室主任 阳泉市民政局 裴旭东 @572"]);
    expect(conclusion(t, "自评结论及结果分析")).toBe("本年度有效保障民政各项工作顺利开展，项目自评得分99分，自评等级优秀。");
    expect(problems).toEqual([]);
  });

  it("522: indicators, 指标N replaced by the name in the next cell, score only where printed", () => {
    const { table: t } = table("000", 522);
    expect(t.indicators).toHaveLength(18); // 542–554 and 560–564
    expect(indicator(t, 542)).toEqual({
      level1: normalizeText("产出指标 (50分)"),
      level2: "数量指标",
      level3: "网站维护",
      target: "依据合同约定支付",
      actual: "完成",
      score: "49",
      line: 542,
    });
    expect(indicator(t, 546)).toMatchObject({ level3: "每年邮寄量", target: "≥400件", actual: "35件", deviation: "指标设置不合理,建议修改" });
    expect(indicator(t, 546).score).toBeUndefined();
    expect(indicator(t, 549)).toMatchObject({ level3: "培训活动", target: "≥10次/年", actual: "0", deviation: "未承担任何培训" });
    // 554: 成本指标 is a 二级指标 under 产出指标 here.
    expect(indicator(t, 554)).toMatchObject({ level1: normalizeText("产出指标 (50分)"), level2: "成本指标", level3: "办公用品采购成本" });
    // 560: 效益指标 (30分) | 经济效益指标 | 指标1 | | | | | 30 — an empty slot with the group's score.
    expect(indicator(t, 560)).toEqual({ level1: normalizeText("效益指标 (30分)"), level2: "经济效益指标", level3: "", score: "30", line: 560 });
    expect(indicator(t, 562)).toEqual({ level1: normalizeText("效益指标 (30分)"), level2: "生态效益指标", level3: "", line: 562 });
    expect(indicator(t, 564)).toMatchObject({ level2: "服务对象满意度指标", level3: "公众满意度", target: "≥85%", actual: "95%", score: "10" });
  });

  it("637 智慧养老服务平台运营费: project name without its label, values after colons, HTML removed", () => {
    const { table: t, notes } = table("000", 637);
    expect(t.projectName).toBe("智慧养老服务平台运营费"); // 641, the label cell holds <div>s
    expect(notes.some((n) => n.line === 641 && n.message.includes("智慧养老服务平台运营费"))).toBe(true);
    expect(field(t, "单位负责人")).toEqual(["崔益博 @641"]);
    expect([t.department, t.implementingUnit]).toEqual(["阳泉市民政局", "阳泉市民政局"]); // 642: 主管部门：… | 实施单位：…
    expect(funding(t, "计划拨款金额", "合计")).toEqual(["11.68 万元 @644"]);
    expect(funding(t, "实际执行金额", "市财政")).toEqual(["11.532 万元 @646"]);
    expect(t.totalScore).toBe("96.00分"); // 675
    expect(indicator(t, 654)).toMatchObject({ level3: "保障系统正常运行", target: "1个", actual: "1个", score: "50分" });
    expect(indicator(t, 658)).toMatchObject({ level2: "质量指标", level3: "服务时间", target: "预算年度内", actual: "2024年" });
  });

  it("761: the page of another table printed after 填报人/联系电话 is not merged into it", () => {
    const { table: t, problems } = table("000", 761);
    expect(t.projectName).toBe("政府购买居家养老服务专项经费");
    expect(t.endLine).toBe(800);
    expect(t.totalScore).toBe("91"); // 790; the fragment's 总分 100分 (814) is not this table's
    expect(t.indicators.every((i) => i.line < 800)).toBe(true);
    expect(indicator(t, 779)).toMatchObject({ level3: "居家照护人数", target: "1300人", actual: "1199人", score: "45" });
    expect(indicator(t, 779).deviation).toMatch(/^2023年建成的家庭养老床位的老年人有去世/u);
    for (const line of [808, 812, 814, 826]) expect(problems.some((p) => p.line === line), `line ${line}`).toBe(true);
    expect(t.rows.some((r) => r.line === 814)).toBe(true); // kept in rows
  });

  it("974: amounts wrapped onto lines of their own", () => {
    const { table: t } = table("000", 974);
    expect(funding(t, "实际执行金额", "合计")).toEqual(["14.758 万元 @984"]);
    expect(funding(t, "实际执行金额", "市财政")).toEqual(["14.758 万元 @987"]);
    expect(field(t, "绩效自评评价年度")).toEqual(["2024年 @982"]); // 981 ends with the label, 982 repeats the row with the value
    expect(t.totalScore).toBe("99.7分");
  });

  it("1244: labels printed on lines of their own, the values further down", () => {
    const { table: t, problems } = table("000", 1244);
    expect(t.projectName).toBe("殡葬服务中心殡葬设施设备更新改造"); // label 1250, value 1262
    expect(field(t, "项目负责人")).toEqual(["刘文智 @1263"]);
    expect(t.department).toBe("民政局"); // 1254 → 1264
    expect(t.implementingUnit).toBe("阳泉市殡葬服务中心");
    expect(field(t, "项目起止时间")).toEqual(["一年 @1265"]);
    expect(field(t, "项目(备案)")).toEqual(["阳泉市殡葬服务中心 @1248"]);
    expect(funding(t, "项目预算金额", "合计")).toEqual(["89.00 万元 @1266"]);
    expect(funding(t, "实际到位金额", "市财政")).toEqual(["88.450000 万元 @1268"]);
    expect(problems.map((p) => p.line)).toEqual([1258]); // 14030230017001: a number without a label
    expect(t.totalScore).toBe("98分");
  });

  it("1309: 自评结论 continued over paragraph lines, 评价人员 printed one cell per line", () => {
    const { table: t } = table("000", 1309);
    const c = conclusion(t, "自评结论及结果分析") ?? "";
    expect(c.split("\n")).toHaveLength(7); // 1345–1357
    expect(c).toContain("三、绩效目标完成情况分析"); // 1349
    expect(c.split("\n")[6]).toMatch(/^四、绩效自评结果/u);
    expect(field(t, "评价人员").slice(0, 3)).toEqual(["刘文哲 @1367", "中心党支部书记、主任 @1369", "阳泉市殡葬服务中心 @1371"]);
    expect(field(t, "填报人")).toEqual(["韩玉珍 @1421"]);
    expect(t.endLine).toBe(1423);
  });

  it("1429: 指标N and the name in one cell; a label whose value is on the next line", () => {
    const { table: t } = table("000", 1429);
    expect(indicator(t, 1451)).toMatchObject({ level2: "数量指标", level3: "遗体火化数", target: "1400具/年", actual: "1467具/年", score: "48" });
    expect(indicator(t, 1454)).toMatchObject({ level3: "骨灰寄存", target: "350格位/年", actual: "155格位/年", deviation: "因新建殡仪馆，骨灰取走人数增多" });
    expect(field(t, "绩效自评评价年度")).toEqual(["2024年度 @1439"]);
    expect(funding(t, "实际执行金额", "合计")).toEqual(["287.7008 万元 @1441"]);
    expect(funding(t, "项目预算金额", "市财政")).toEqual(["295.00 万元 @1443"]);
    expect(t.totalScore).toBe("96");
  });

  it("1496: a page number inside the table is not a row", () => {
    const { table: t } = table("000", 1496);
    expect(t.rows.some((r) => r.line === 1536)).toBe(false); // `54`
    expect(t.totalScore).toBe("100分"); // 1534
    expect(funding(t, "实际到位金额", "合计")).toEqual(["71.595790 万元 @1514"]);
  });
});

describe("001 (阳泉市民政局 2025 预算): target tables", () => {
  it("607: header, funding with thousands separators kept, 实施期 and 年度 sides", () => {
    const { table: t, problems } = table("001", 607);
    expect(t.projectName).toBe("救助站未成年人保护、流浪乞讨人员救助服务保障及机构运转经费");
    expect([t.department, t.implementingUnit]).toEqual(["064-阳泉市民政局", "阳泉市救助管理站"]);
    expect(field(t, "年度")).toEqual(["（2025年度） @609"]);
    expect(field(t, "项目期")).toEqual(["1年 @613"]);
    expect(funding(t, "实施期资金总额", "合计")).toEqual(["500,000 元 @614"]);
    expect(funding(t, "年度资金总额", "合计")).toEqual(["300000 元 @614"]);
    expect(funding(t, "实施期资金总额", normalizeText("市县（区）财政资 金"))).toEqual(["500,000 元 @617"]);
    expect(funding(t, "年度资金总额", "中央财政资金")).toEqual(["0 元 @615"]);
    expect(t.funding.some((f) => f.source === "其他资金")).toBe(false); // 619: no amounts
    expect(conclusion(t, "总体目标/实施期目标")).toMatch(/^维持救助站基本运转/u);
    expect(conclusion(t, "总体目标/年度目标")).toMatch(/^维持救助站基本运转/u);
    expect(indicator(t, 628)).toEqual({ level1: "产出指标", level2: "数量指标", level3: "保洁、厨师、护工人数", target: "≥9人", yearTarget: "≥9人", line: 628 });
    expect(indicator(t, 636)).toMatchObject({ level2: "成本指标", level3: "救助区用监控维修、电脑", target: "≥1万元", yearTarget: "≥1万元" });
    expect(indicator(t, 645)).toEqual({ level1: "效益指标", level2: "经济效益", level3: "", line: 645 });
    expect(indicator(t, 648)).toEqual({ level1: "效益指标", level2: "生态效益", level3: "", line: 648 });
    expect(problems).toEqual([]);
  });

  it("675: rows shifted left keep their levels", () => {
    const { table: t } = table("001", 675);
    expect(indicator(t, 702)).toMatchObject({ level2: "质量指标", level3: "流浪乞讨人员求助当天登", target: "100%", yearTarget: "100%" });
    expect(indicator(t, 710)).toMatchObject({ level1: "效益指标", level2: "可持续影响", level3: "困难群众基本生活救助、", target: "不断完善" });
    expect(indicator(t, 712)).toMatchObject({ level1: "满意度指标", level2: "服务对象满意度", level3: "救助政策知晓率", target: "≥90%", yearTarget: "≥90%" });
    expect(field(t, "填报日期")).toEqual(["20250110103212 @713"]);
  });

  it("748: a 年度 side cut short by the page keeps no year target", () => {
    const { table: t } = table("001", 748);
    expect(indicator(t, 782)).toEqual({ level1: "满意度指标", level2: "服务对象满意度", level3: "受助人员满意度", target: "≥90%", line: 782 });
    expect(indicator(t, 781)).toMatchObject({ level2: "可持续影响", level3: "流浪乞讨救助政策持续性", target: "长期", yearTarget: "长期" });
  });

  it("852: a name equal to its value", () => {
    expect(indicator(table("001", 852).table, 875)).toMatchObject({ level2: "时效指标", level3: "当年完成", target: "当年完成", yearTarget: "当年完成" });
  });

  it("1053: amounts of a funding layout without column labels are reported, not dropped", () => {
    const { table: t, problems } = table("001", 1053);
    expect(t.funding).toEqual([]);
    for (const line of [1060, 1061, 1062, 1063, 1064]) expect(problems.some((p) => p.line === line), `line ${line}`).toBe(true);
    expect(problems.filter((p) => p.message.includes("201943.3")).length).toBeGreaterThanOrEqual(3);
    expect(indicator(t, 1076)).toMatchObject({ level2: "成本指标", level3: "工程尾款", target: "201943.3元", yearTarget: "201943.3元" });
  });

  it("1639: project and department without labels, 项目日期 on the next line", () => {
    const { table: t, notes } = table("001", 1639);
    expect(t.projectName).toBe("各项工作经费"); // 1642
    expect(t.department).toBe("064-阳泉市民政局"); // 1643
    expect(notes.map((n) => n.line)).toEqual(expect.arrayContaining([1642, 1643, 1652]));
    expect(field(t, "项目日期")).toEqual(["99年 @1645"]);
    expect(funding(t, "实施期资金总额", "合计")).toEqual(["345,000 元 @1646"]);
    expect(t.funding.some((f) => f.label === "年度资金总额")).toBe(false); // 1646–1650 print no 年度 amounts
    expect(conclusion(t, "项目概况")).toMatch(/^做好民政各项业务工作/u); // 1652, the label is missing
    expect(indicator(t, 1664)).toMatchObject({ level2: "质量指标", level3: "符合政府采购质量", target: "完全符合", yearTarget: "完全符合" });
  });

  it("1683: the 年度 side lists the indicators in another order; they are matched by name", () => {
    const { table: t } = table("001", 1683);
    expect(indicator(t, 1704)).toMatchObject({ level3: "火化尸位数", target: "1900具", yearTarget: "1900具" });
    expect(indicator(t, 1706)).toMatchObject({ level3: "骨灰寄存", target: "3260席位", yearTarget: "5260席位" });
    expect(indicator(t, 1707)).toMatchObject({ level3: "遗体冷藏", target: "169具", yearTarget: "169具" });
    const timely = indicator(t, 1710);
    expect(timely).toMatchObject({ level3: "服务保障时效", yearTarget: "100%" });
    expect(timely.target).toBeUndefined();
  });

  it("2046: an indicator only the 年度 side has, and its counterpart on the next line", () => {
    const { table: t } = table("001", 2046);
    expect(indicator(t, 2067, "居家照护人数")).toMatchObject({ target: "1300人", yearTarget: "1300人" }); // 2068
    const yearOnly = indicator(t, 2067, "服务次数");
    expect(yearOnly).toMatchObject({ level2: "数量指标", yearTarget: "≥12次" });
    expect(yearOnly.target).toBeUndefined();
    expect(funding(t, "年度资金总额", "合计")).toEqual(["1,248,000 元 @2053"]);
  });

  it("2081: cells packed into HTML are read once", () => {
    const { table: t } = table("001", 2081);
    expect(indicator(t, 2114)).toEqual({
      level1: "效益指标",
      level2: "社会效益",
      level3: "养老服务信息化、便捷化",
      target: "不断提升",
      yearTarget: "不断提升",
      line: 2114,
    });
    expect(indicator(t, 2113)).toEqual({ level1: "效益指标", level2: "经济效益", level3: "", line: 2113 });
    expect(t.rows.find((r) => r.line === 2114)?.cells).toContain(normalizeText("社会效益 <td>养老服务信息化</td> <td>不断提升</td>"));
  });

  it("1899: amounts under labels wrapped over rows are kept with the label as printed", () => {
    const { table: t, notes } = table("001", 1899);
    expect(funding(t, "实施期资金总额", "省级财政资金")).toEqual(["1,620,000 元 @1908"]);
    expect(funding(t, "年度资金总额", "金")).toEqual(["1,620,000 元 @1909", "0 元 @1911"]);
    expect(notes.filter((n) => n.message.includes("“金”")).map((n) => n.line)).toEqual([1909, 1911]);
  });

  it("1532: a row with a 二级 cell and a value but no name (1563), and a 主管部门及代码 without value (1536)", () => {
    const { table: t } = table("001", 1532);
    expect(indicator(t, 1563)).toEqual({ level1: "满意度指标", level2: "服务对象满意度", level3: "", target: "≥90%", yearTarget: "≥90%", line: 1563 });
    expect(indicator(t, 1564)).toMatchObject({ level3: "公众满意度", target: "≥90%", yearTarget: "≥90%" });
    expect(t.department).toBeUndefined();
    expect(t.implementingUnit).toBe("阳泉市民政局");
    expect(funding(t, "实施资金总额", "合计")).toEqual(["200,000 元 @1538"]); // the label as printed
    expect(field(t, "年度")).toEqual(["2025年度 @1534"]);
  });
});

describe("002 (阳泉市退役军人事务局 2023 决算)", () => {
  it("586: 9.30烈士公祭等纪念活动工作经费", () => {
    const { table: t } = table("002", 586);
    expect([t.projectName, t.totalScore]).toEqual(["9.30烈士公祭等纪念活动工作经费", "97分"]);
    expect(field(t, "项目负责人")).toEqual(["张莉 @593"]);
    expect(funding(t, "实际执行金额", "市财政")).toEqual(["7.8 万元 @598"]);
    expect(indicator(t, 606)).toMatchObject({ level3: "花篮制作", target: "8个/次", actual: "7个", score: "48" });
    expect(indicator(t, 608)).toMatchObject({ level3: "接送车辆租赁", target: "≥6辆/次", actual: "2辆", deviation: "厉行节约,除保障小学生外,其他方阵自行解决" });
    expect(indicator(t, 627)).toMatchObject({ level3: "公众满意度", target: "≥90%", actual: "95%", score: "9分" });
    expect(t.indicators).toHaveLength(22);
  });

  it("876: a group score on an empty slot; 936: an amount under the third column only", () => {
    expect(indicator(table("002", 876).table, 910)).toEqual({ level1: normalizeText("效益指标 (30分)"), level2: "经济效益指标", level3: "", score: "25", line: 910 });
    const t = table("002", 936).table;
    expect(funding(t, "实际执行金额", "其它")).toEqual(["1.33 万元 @950"]);
    expect(funding(t, "实际执行金额", "市财政")).toEqual(["0.08 万元 @948"]);
  });

  it("1066: several 总分 rows: the last is the total, the others are kept as fields", () => {
    const { table: t, notes } = table("002", 1066);
    expect(t.totalScore).toBe("90"); // 1115
    expect(field(t, "总分")).toEqual(["27 @1114"]);
    expect(notes.some((n) => n.line === 1114)).toBe(true);
  });

  it("1197: 自评结论 on the line below its label", () => {
    const { table: t } = table("002", 1197);
    expect(conclusion(t, "自评结论及结果分析")).toBe("良"); // 1251 → 1252
    expect(field(t, "评价人员")[0]).toBe("组长 赵丽芳 主任 阳泉市退役军人服务中心 赵丽芳 @1259");
    expect(t.totalScore).toBe("90");
  });
});

describe("003 (阳泉市城乡居民最低生活保障管理中心 2024 决算)", () => {
  it("517: the only table; a label and its amount without separator", () => {
    const [only] = parsed("003");
    const t = (only as Parsed).table;
    expect(t.projectName).toBe("市低保中心单位运转办公、核对工作经费");
    expect(t.implementingUnit).toBe("阳泉市城乡居民最低生活保障管理中心");
    expect(funding(t, "实际执行金额", "合计")).toEqual(["6.43 万元 @527"]); // 实际执行金额（万元）6.43
    expect(funding(t, "实际执行金额", "市财政")).toEqual(["6.43 万元 @529"]); // 市财政6.43
    expect(t.totalScore).toBe("96");
    expect(t.indicators).toHaveLength(14);
    expect(indicator(t, 540)).toMatchObject({ level2: "质量指标", level3: "单位核对系统正常运转率", target: "≥95%", actual: "0" });
    expect(indicator(t, 551)).toMatchObject({ level1: normalizeText("满意度指标 (10分)"), level3: "救助家庭满意度", score: "10" });
    expect(field(t, "填报人")).toEqual(["张月 @564"]);
    expect((only as Parsed).problems).toEqual([]);
  });
});

describe("004 (忻州市民政局 2024 预算)", () => {
  it("620: the 整体支出绩效目标申报表", () => {
    const { table: t, problems } = table("004", 620);
    expect(t.kind).toBe("department-target");
    expect(t.department).toBe("305-忻州市民政局");
    expect(field(t, "内设职能部门数")).toEqual(["7个 @625"]);
    expect(field(t, normalizeText("其中：在编人员数"))).toEqual(["206人 @627"]);
    expect(funding(t, "按资金来源划分", "合计")).toEqual(["7762.27 万元 @632"]);
    expect(funding(t, "按资金方向划分", "项目支出")).toEqual(["1118.18 万元 @634"]);
    expect(funding(t, "按资金来源划分", "单位资金")).toEqual(["3240.00 万元 @638"]);
    expect(conclusion(t, "年度重点任务/社会救助")).toMatch(/^1、持续抓好巩固拓展脱贫攻坚兜底保障成果/u);
    expect(conclusion(t, "年度重点任务/社会组织管理")).toMatch(/^1、持续提升社会组织监管效能/u);
    expect(t.indicators).toHaveLength(23);
    expect(indicator(t, 650)).toEqual({ level1: "", level2: "数量指标", level3: "年度预算调整次数", target: "≤2次", line: 650 });
    expect(indicator(t, 665)).toMatchObject({ level1: "产出指标", level2: "成本指标", level3: "困难残疾人生活补贴发放标准", target: "80元/人" });
    expect(indicator(t, 666)).toEqual({ level1: "效益指标", level2: "经济效益指标", level3: "", line: 666 });
    expect(indicator(t, 673)).toMatchObject({ level1: "满意度指标", level3: "受益人群满意度", target: "≥90%" });
    expect(t.endLine).toBe(673);
    expect(problems).toEqual([]);
  });

  it("808: the two sides list 培训覆盖人数 and 培训天数 in opposite orders", () => {
    const { table: t } = table("004", 808);
    expect(indicator(t, 829)).toMatchObject({ level3: "培训覆盖人数", target: "≥80人", yearTarget: "≥80人" });
    expect(indicator(t, 830)).toMatchObject({ level3: "培训天数", target: "≥2天", yearTarget: "≥2天" });
  });

  it("1073: repeated 二级 cells; a 年度 value as printed", () => {
    const { table: t } = table("004", 1073);
    expect(indicator(t, 1099)).toMatchObject({ level2: "成本指标", level3: "安保维保管理成本", target: "≤9.5元/平方米", yearTarget: "安保维保管理成" });
    expect(indicator(t, 1100)).toMatchObject({ level3: "电梯保养及养护费用", target: "≤2500元/年/部", yearTarget: "≤2500元/年/部" });
    expect(funding(t, "实施期资金总额", "合计")).toEqual(["315,500 元 @1080"]);
    expect(funding(t, "年度资金总额", "中央财政资金")).toEqual(["315,500 元 @1081"]);
  });

  it("675: 民政事业工作经费", () => {
    const { table: t } = table("004", 675);
    expect([t.projectName, t.department, t.implementingUnit]).toEqual(["民政事业工作经费", "305-忻州市民政局", "忻州市民政局"]);
    expect(indicator(t, 700)).toMatchObject({ level1: "产出指标", level2: "成本指标", level3: "用水成本", target: "≤6元/吨", yearTarget: "≤6元/吨" });
    expect(indicator(t, 706)).toMatchObject({ level1: "满意度指标", level2: "服务对象满意度", level3: "单位工作人员满意度", target: "≥95%", yearTarget: "≥95%" });
    expect(field(t, "填报日期")).toEqual(["20231007181821 @707"]);
  });
});

describe("parsePerformanceTable", () => {
  it("refuses a block that does not start with a title", () => {
    expect(() => parsePerformanceTable([{ line: 1, text: "项目名称\t\t各项工作经费" }])).toThrow(/not a performance table title/u);
  });
});

describe("the Shanghai form 财政项目支出绩效目标填报表 (typed here in its layout, as its grid reads)", () => {
  const T = (...cells: string[]) => cells.join("\t");
  const block: SourceLine[] = [
    T("财政项目支出绩效目标填报表", "", "", "", "", "", "", ""),
    T("（2026年度）", "", "", "", "", "", "", ""),
    T("项目名称", "", "社区体育设施维护", "", "项目性质", "经常性项目", "项目类别", "其他运转类"),
    T("主管部门", "", "某区体育局", "", "实施单位", "某区体育局", "", ""),
    T("项目资金（元）", "", "项目资金总额", "", "300,000.00", "年度资金申请总额", "", "250,000.00"),
    T("", "", "其中：财政资金", "", "300,000.00", "其中：当年财政拨款", "", "200,000.00"),
    T("", "", "", "", "", "上年结转资金", "", "50,000.00"),
    T("", "", "其他资金", "", "0.00", "其他资金", "", "0.00"),
    T("项目绩效目标", "项目总目标", "", "", "", "年度总体目标", "", ""),
    T("", "设施完好开放。", "", "", "", "设施完好开放。", "", ""),
    T("", "一级指标", "二级指标", "三级指标", "", "", "年度(/项目)指标值", ""),
    T("绩效指标", "产出指标", "数量指标", "维护场地", "", "", "≥12.00(个)", ""),
    T("", "", "质量指标", "设施完好率", "", "", "设施完好率不低于 95%", ""),
    T("", "效益指标", "社会效益指标", "群众健身", "", "", "提升", ""),
  ].map((text, i) => ({ line: 100 + i, text }));
  const { table } = parsePerformanceTable(block);

  it("is a project target table with its project, department and unit", () => {
    expect(table).toMatchObject({ kind: "project-target", title: "财政项目支出绩效目标填报表", projectName: "社区体育设施维护", department: "某区体育局", implementingUnit: "某区体育局" });
  });

  it("reads its one-sided indicators, each with its 年度(/项目) value, and its fields", () => {
    expect(table.indicators.map((i) => [i.level1, i.level2, i.level3, i.yearTarget, i.target])).toEqual([
      ["产出指标", "数量指标", "维护场地", "≥12.00(个)", undefined],
      ["产出指标", "质量指标", "设施完好率", "设施完好率不低于 95%", undefined],
      ["效益指标", "社会效益指标", "群众健身", "提升", undefined],
    ]);
    expect(table.fields.map((f) => [f.label, f.value])).toEqual([["年度", "（2026年度）"], ["项目性质", "经常性项目"], ["项目类别", "其他运转类"]]);
  });

  it("puts each source under the column it is printed under — 上年结转资金, alone on its row, under 年度资金申请总额", () => {
    expect(table.funding.map((f) => [f.label, f.source, f.amount, f.unit])).toEqual([
      ["项目资金总额", "合计", "300,000.00", "元"],
      ["年度资金申请总额", "合计", "250,000.00", "元"],
      ["项目资金总额", "财政资金", "300,000.00", "元"],
      ["年度资金申请总额", "当年财政拨款", "200,000.00", "元"],
      ["年度资金申请总额", "上年结转资金", "50,000.00", "元"],
      ["项目资金总额", "其他资金", "0.00", "元"],
      ["年度资金申请总额", "其他资金", "0.00", "元"],
    ]);
  });
});
