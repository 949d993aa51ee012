/**
 * Completeness: what 财预〔2016〕143号《地方预决算公开操作规程》 requires a disclosure to contain — every table of the
 * template (an empty one published with its explanation), 概况 (职责, 机构设置), the 情况说明 of “三公”经费, 机关运行经费,
 * 政府采购, 国有资产占用 and 绩效 (budgets: 绩效目标; final accounts: 绩效自评 / 绩效评价), and 名词解释. Each rule gives
 * one result per report, saying where the required part was found (section heading and source line) or what is missing.
 */
import type { NarrativeSection, Report, ReportKind } from "../../model.ts";
import { tableName } from "../cells.ts";
import { type CheckResult, RULES_BASIS, type Rule } from "../types.ts";

const BOTH = ["final", "budget"] as const;
const TABLE_COUNT: Record<ReportKind, number> = { final: 10, budget: 13 };

/** Where a topic is explained: the first section whose heading names it (with text under it), else the first paragraph. */
interface Found {
  heading: string;
  line: number;
  /** The section heading only names it; there is no text under it. */
  bare?: boolean;
}

/** The text under a section: its own blocks and those of its subsections. */
function hasText(sections: NarrativeSection[], index: number): boolean {
  const s = sections[index];
  if (!s) return false;
  for (let i = index; i < sections.length; i++) {
    const t = sections[i] as NarrativeSection;
    if (i > index && t.depth <= s.depth) break;
    if (t.blocks.some((b) => (b.text ?? (b.cells ?? []).join("")).trim() !== "")) return true;
  }
  return false;
}

function findTopic(report: Report, topic: RegExp): Found | undefined {
  const sections = report.narrative;
  const index = sections.findIndex((s) => topic.test(s.heading));
  const byHeading = sections[index];
  if (byHeading && hasText(sections, index)) return { heading: byHeading.heading, line: byHeading.line };
  for (const s of sections) {
    const block = s.blocks.find((b) => topic.test(b.text ?? (b.cells ?? []).join("")));
    if (block) return { heading: s.heading, line: block.line };
  }
  return byHeading ? { heading: byHeading.heading, line: byHeading.line, bare: true } : undefined;
}

function found(id: string, f: Found, extra = ""): CheckResult {
  return { check: id, status: "pass", place: `情况说明 · ${f.heading}`, table: 0, note: `见第${f.line}行“${f.heading}”${extra}`, cells: [] };
}

function topicRule(id: string, title: string, topic: RegExp, what: string): Rule {
  return {
    id,
    title,
    basis: RULES_BASIS,
    category: "completeness",
    kinds: BOTH,
    reads: `情况说明的各节标题与段落：${what}`,
    run(report) {
      const f = findTopic(report, topic);
      if (f && !f.bare) return [found(id, f)];
      return [
        {
          check: id,
          status: "fail",
          place: f ? `情况说明 · ${f.heading}` : "情况说明",
          table: 0,
          note: f ? `第${f.line}行“${f.heading}”只有标题，没有说明文字` : `情况说明中没有${what}的说明`,
          cells: [],
        },
      ];
    },
  };
}

const tablesRule: Rule = {
  id: "complete.tables",
  title: "公开表格齐全，空表附有说明",
  basis: `${RULES_BASIS}：公开全部表格，没有数据的表格应公开空表并说明`,
  category: "completeness",
  kinds: BOTH,
  reads: "报告的表格清单（决算公开01–10表，预算表一至表十三）：每张表是否存在、是否有数据、空表是否附说明",
  run(report) {
    const out: CheckResult[] = [];
    for (let no = 1; no <= TABLE_COUNT[report.meta.kind]; no++) {
      const t = report.tables.find((x) => x.no === no);
      const place = tableName(report, no);
      const title = t?.title ?? t?.standardTitle ?? "";
      const at = t?.line !== undefined ? `第${t.line}行` : "";
      const base = { check: "complete.tables", place, table: no, cells: [] };
      if (t?.state === "missing" && t.absent) {
        // Not a gap: the report's template has no such table.
        out.push({ ...base, status: "na", note: `${t.absent}（${report.meta.template?.name ?? "本模板"}无此表）` });
      } else if (!t || t.state === "missing") {
        out.push({ ...base, status: "fail", note: `原文缺少此表${t?.standardTitle ? `（${t.standardTitle}）` : ""}` });
      } else if (t.state === "empty") {
        out.push(
          t.emptyNote
            ? { ...base, status: "pass", note: `${at}“${title}”为空表，附说明“${t.emptyNote}”` }
            : { ...base, status: "fail", note: `${at}“${title}”为空表，但没有说明为何无数据` },
        );
      } else {
        out.push({ ...base, status: "pass", note: `${at}“${title}”，${t.rows.length}行` });
      }
    }
    return out;
  },
};

const performanceRule: Rule = {
  id: "complete.performance",
  title: "公开了绩效信息（预算：绩效目标；决算：绩效自评或评价）",
  basis: `${RULES_BASIS}：随部门预算公开绩效目标，随部门决算公开绩效自评、评价结果`,
  category: "completeness",
  kinds: BOTH,
  reads: "情况说明中的绩效部分；附件中的项目支出绩效目标表（预算）或绩效自评表（决算）",
  run(report) {
    const budget = report.meta.kind === "budget";
    const topic = budget ? /绩效目标|绩效管理/u : /绩效自评|绩效评价|预算绩效/u;
    const kinds = budget ? ["project-target", "department-target"] : ["project-self-evaluation"];
    const tables = report.performance.filter((p) => kinds.includes(p.kind));
    const f = findTopic(report, topic);
    const tableText = tables.length > 0 ? `${tables.length}张${budget ? "绩效目标表" : "绩效自评表"}（第${tables[0]?.line}行起）` : "";
    if (f && !f.bare) return [found("complete.performance", f, tableText ? `；附${tableText}` : "")];
    if (tables.length > 0) return [{ check: "complete.performance", status: "pass", place: "附件", table: 0, note: `附${tableText}`, cells: [] }];
    return [{ check: "complete.performance", status: "fail", place: "情况说明", table: 0, note: budget ? "没有公开绩效目标（情况说明和附件中都没有）" : "没有公开绩效自评或评价结果（情况说明和附件中都没有）", cells: [] }];
  },
};

const glossaryRule: Rule = {
  id: "complete.glossary",
  title: "附有名词解释",
  basis: `${RULES_BASIS}：对专业性较强的名词进行解释`,
  category: "completeness",
  kinds: BOTH,
  reads: "名词解释部分的条目",
  run(report) {
    const g = report.glossary;
    if (g.length === 0) return [{ check: "complete.glossary", status: "fail", place: "名词解释", table: 0, note: "没有名词解释", cells: [] }];
    return [{ check: "complete.glossary", status: "pass", place: "名词解释", table: 0, note: `${g.length}条，第${g[0]?.line}行起（${g.slice(0, 3).map((e) => e.term).join("、")}${g.length > 3 ? "等" : ""}）`, cells: [] }];
  },
};

const overviewRule: Rule = {
  id: "complete.overview",
  title: "概况说明了部门职责和机构设置",
  basis: `${RULES_BASIS}：公开部门职责、机构设置情况`,
  category: "completeness",
  kinds: BOTH,
  reads: "第一部分概况：部门职责、机构设置",
  run(report) {
    const { duties, organization } = report.overview;
    const missing = [duties.length === 0 ? "部门职责" : "", organization.length === 0 ? "机构设置" : ""].filter((x) => x !== "");
    if (missing.length > 0) return [{ check: "complete.overview", status: "fail", place: "概况", table: 0, note: `概况中没有${missing.join("和")}`, cells: [] }];
    return [{ check: "complete.overview", status: "pass", place: "概况", table: 0, note: `职责${duties.length}段（第${duties[0]?.line}行起），机构设置${organization.length}段（第${organization[0]?.line}行起）`, cells: [] }];
  },
};

export const COMPLETENESS_RULES: readonly Rule[] = [
  tablesRule,
  topicRule("complete.three-public", "情况说明解释了“三公”经费", /三公/u, "“三公”经费"),
  topicRule("complete.office-expenses", "情况说明解释了机关运行经费", /机关运行经费/u, "机关运行经费"),
  topicRule("complete.procurement", "情况说明解释了政府采购", /政府采购/u, "政府采购"),
  topicRule("complete.assets", "情况说明解释了国有资产占用情况", /国有资产/u, "国有资产占用（占有使用）情况"),
  performanceRule,
  glossaryRule,
  overviewRule,
];
