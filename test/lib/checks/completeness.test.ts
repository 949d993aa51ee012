/**
 * Completeness rules: each passes on the seeds as published, saying where the required part is, and fails when that
 * part is removed from a copy (a table dropped or left empty without its 说明, a section removed, the glossary
 * emptied).
 */
import { startRun } from "../../../src/lib/checks/cells.ts";
import { describe, expect, it } from "vitest";
import { RULES } from "../../../src/lib/checks/index.ts";
import { COMPLETENESS_RULES } from "../../../src/lib/checks/rules/completeness.ts";
import type { CheckResult } from "../../../src/lib/checks/types.ts";
import type { Report } from "../../../src/lib/model.ts";
import { DIBAO_2024_FINAL, VETERANS_2023_FINAL, XZ_2024_BUDGET, YQ_2024_FINAL, YQ_2025_BUDGET, seed, seeds, table } from "./support.ts";

function run(report: Report, id: string): CheckResult[] {
  const rule = COMPLETENESS_RULES.find((r) => r.id === id);
  if (!rule) throw new Error(`no rule ${id}`);
  startRun();
  return rule.run(report, { maxYear: 2026 });
}

function only(report: Report, id: string): CheckResult {
  const results = run(report, id);
  expect(results).toHaveLength(1);
  return results[0] as CheckResult;
}

/** Removes every section whose heading names the topic (with its subsections) and every paragraph that does. */
function removeTopic(report: Report, topic: RegExp): void {
  const kept: Report["narrative"] = [];
  let skipDepth: number | undefined;
  for (const s of report.narrative) {
    if (skipDepth !== undefined && s.depth > skipDepth) continue;
    skipDepth = undefined;
    if (topic.test(s.heading)) {
      skipDepth = s.depth;
      continue;
    }
    kept.push({ ...s, blocks: s.blocks.filter((b) => !topic.test(b.text ?? (b.cells ?? []).join(""))) });
  }
  report.narrative = kept;
}

describe("complete.tables", () => {
  it("阳泉 2024 决算: 10 tables; 公开03表 and 公开10表 are missing, 公开08表/09表 are empty with 本表无数据", () => {
    const results = run(seed(YQ_2024_FINAL), "complete.tables");
    expect(results.map((r) => [r.place, r.status])).toEqual([
      ["公开01表", "pass"],
      ["公开02表", "pass"],
      ["公开03表", "fail"],
      ["公开04表", "pass"],
      ["公开05表", "pass"],
      ["公开06表", "pass"],
      ["公开07表", "pass"],
      ["公开08表", "pass"],
      ["公开09表", "pass"],
      ["公开10表", "fail"],
    ]);
    expect(results[2]?.note).toBe("原文缺少此表（支出决算表）");
    expect(results[7]?.note).toContain("说明：本表无数据");
  });

  it("忻州 2024 预算: all 13 tables (表九 empty with its note); fails when one is dropped or an empty one loses its note", () => {
    expect(run(seed(XZ_2024_BUDGET), "complete.tables").map((r) => r.status)).toEqual(Array(13).fill("pass"));
    const report = seed(XZ_2024_BUDGET);
    Object.assign(table(report, 11), { state: "missing", rows: [] });
    delete table(report, 9).emptyNote;
    const results = run(report, "complete.tables");
    expect(results[10]).toMatchObject({ place: "表十一", status: "fail", table: 11 });
    expect(results[8]).toMatchObject({ place: "表九", status: "fail", note: expect.stringContaining("没有说明") });
  });
});

const TOPICS: [string, RegExp, string, string][] = [
  // rule, topic, seed, heading found on the seed
  ["complete.three-public", /三公/u, YQ_2024_FINAL, "九、财政拨款“三公”经费支出决算情况说明"],
  ["complete.office-expenses", /机关运行经费/u, XZ_2024_BUDGET, "八、机关运行经费增减变动原因说明"],
  ["complete.procurement", /政府采购/u, VETERANS_2023_FINAL, "（二）政府采购情况说明"],
  ["complete.assets", /国有资产/u, YQ_2025_BUDGET, "十一、国有资产占有使用情况"],
];

describe.each(TOPICS)("%s", (id, topic, reportId, heading) => {
  it(`passes on ${reportId}, naming the section and its line`, () => {
    const r = only(seed(reportId), id);
    expect(r).toMatchObject({ status: "pass", place: `情况说明 · ${heading}` });
    expect(r.note).toMatch(new RegExp(`^见第\\d+行“${heading.replace(/[（）()]/gu, ".")}”$`, "u"));
  });

  it("fails when the text says nothing of it", () => {
    const report = seed(reportId);
    removeTopic(report, topic);
    expect(only(report, id)).toMatchObject({ status: "fail", place: "情况说明" });
  });

  it("fails when only the heading is left", () => {
    const report = seed(reportId);
    const index = report.narrative.findIndex((s) => topic.test(s.heading));
    const depth = report.narrative[index]?.depth ?? 0;
    for (let i = index; i < report.narrative.length; i++) {
      const s = report.narrative[i];
      if (!s || (i > index && s.depth <= depth)) break;
      s.blocks = [];
    }
    // No paragraph elsewhere names it either.
    for (const s of report.narrative) s.blocks = s.blocks.filter((b) => !topic.test(b.text ?? ""));
    expect(only(report, id)).toMatchObject({ status: "fail", note: expect.stringContaining("只有标题") });
  });
});

describe("complete.performance", () => {
  it("忻州 2024 预算: 十、绩效管理情况 with 23 绩效目标表", () => {
    expect(only(seed(XZ_2024_BUDGET), "complete.performance")).toMatchObject({ status: "pass", place: "情况说明 · 十、绩效管理情况", note: expect.stringContaining("附23张绩效目标表") });
  });

  it("低保中心 2024 决算: 预算绩效情况说明 with one 绩效自评表; the tables alone also count", () => {
    expect(only(seed(DIBAO_2024_FINAL), "complete.performance")).toMatchObject({ status: "pass", note: expect.stringContaining("附1张绩效自评表") });
    const report = seed(DIBAO_2024_FINAL);
    removeTopic(report, /绩效/u);
    expect(only(report, "complete.performance")).toMatchObject({ status: "pass", place: "附件" });
  });

  it("fails without the text and the tables", () => {
    const budget = seed(YQ_2025_BUDGET);
    removeTopic(budget, /绩效/u);
    budget.performance = [];
    expect(only(budget, "complete.performance")).toMatchObject({ status: "fail", note: expect.stringContaining("绩效目标") });
    const final = seed(VETERANS_2023_FINAL);
    removeTopic(final, /绩效/u);
    final.performance = final.performance.filter((p) => p.kind !== "project-self-evaluation");
    expect(only(final, "complete.performance")).toMatchObject({ status: "fail", note: expect.stringContaining("绩效自评") });
  });
});

describe("complete.glossary", () => {
  it("passes with the 12 terms of 阳泉 2024 决算; fails when there are none", () => {
    expect(only(seed(YQ_2024_FINAL), "complete.glossary")).toMatchObject({ status: "pass", note: expect.stringMatching(/^12条，第\d+行起/u) });
    const report = seed(YQ_2024_FINAL);
    report.glossary = [];
    expect(only(report, "complete.glossary").status).toBe("fail");
  });
});

describe("complete.overview", () => {
  it("passes when 职责 and 机构设置 are there; fails naming what is missing", () => {
    expect(only(seed(VETERANS_2023_FINAL), "complete.overview")).toMatchObject({ status: "pass", note: "职责1段（第57行起），机构设置1段（第61行起）" });
    const report = seed(VETERANS_2023_FINAL);
    report.overview.organization = [];
    expect(only(report, "complete.overview")).toMatchObject({ status: "fail", note: "概况中没有机构设置" });
  });
});

describe("all completeness rules", () => {
  it("are registered and give one result per report (complete.tables: one per template table)", () => {
    for (const rule of COMPLETENESS_RULES) expect(RULES).toContain(rule);
    for (const report of seeds()) {
      for (const rule of COMPLETENESS_RULES) {
        const results = run(report, rule.id);
        expect(results).toHaveLength(rule.id === "complete.tables" ? (report.meta.kind === "final" ? 10 : 13) : 1);
        for (const r of results) expect(r.check).toBe(rule.id);
      }
    }
  });

  it("on the seeds fail only for the tables their sources lack", () => {
    const fails = seeds().flatMap((report) => COMPLETENESS_RULES.flatMap((rule) => run(report, rule.id).filter((r) => r.status === "fail").map((r) => `${report.meta.id} ${r.place}`)));
    expect(fails.sort()).toEqual([`${DIBAO_2024_FINAL} 公开10表`, `${YQ_2024_FINAL} 公开03表`, `${YQ_2024_FINAL} 公开10表`].sort());
  });
});
