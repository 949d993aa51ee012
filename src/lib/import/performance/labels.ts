/**
 * The label vocabulary of the performance tables. The national templates fix the labels, so a label is recognised by
 * its text (`项目名称`, `主管部门：阳泉市民政局`, `单位（盖章）阳泉市老年颐养中心`), and its role says what the parser does
 * with its value.
 */
import { normalizeText } from "../../text.ts";
import { key, type Token } from "./cells.ts";

/**
 * What a label's value is: the table's project, department or implementing unit; a plain field; a text (conclusion);
 * a part of the goals (group, sub-goal, 总体目标, its header); the 评价人员 list; the 年度重点任务 of a department;
 * the 总分; `multi` a label whose value spans the rest of the row (the budget-execution score); `filler` a label
 * without a value (column headings).
 */
export type Role =
  | "project"
  | "department"
  | "unit"
  | "field"
  | "multi"
  | "text"
  | "goalGroup"
  | "goalSub"
  | "goal"
  | "goalHeader"
  | "evaluators"
  | "tasks"
  | "tasksHeader"
  | "total"
  | "filler";

interface LabelDef {
  key: string;
  role: Role;
  /** Matches a value sharing the cell with the label; labels without it match only as the whole cell. */
  prefix?: RegExp;
}

const LABEL_LIST: readonly (readonly [Role, readonly string[]])[] = [
  ["project", ["项目名称"]],
  ["department", ["主管部门", "主管部门及代码", "主管单位", "部门名称"]],
  ["unit", ["实施单位"]],
  [
    "field",
    [
      "项目负责人",
      "联系电话",
      "项目起止时间",
      "项目实施时间",
      "绩效自评评价年度",
      "项目编号",
      "项目属性",
      "项目性质",
      "项目类别",
      "计划开始日期",
      "计划完成日期",
      "项目期",
      "项目日期",
      "负责人",
      "经办人",
      "填报日期",
      "填报人",
      "单位负责人",
      "单位(盖章)",
      "单位",
      "内设职能部门数",
      "所属预算单位数",
      "核定的人员编制数",
      "实际在职人员总数",
      "其中:在编人员数",
      "其他人员数",
    ],
  ],
  [
    "text",
    [
      "项目概况",
      "立项依据",
      "项目设立必要性",
      "保证项目实施的制度、措施",
      "项目实施计划",
      "自评结论及结果分析",
      "主要经验做法",
      "存在问题与整改措施",
      "存在问题与改进措施",
      "存在问题和整改措施",
      "存在困难与改进措施",
      "部门职责",
      "部门战略目标",
      "年度绩效目标",
    ],
  ],
  ["goalGroup", ["项目预期绩效目标", "项目立项绩效目标", "项目绩效目标", "项目预期效益目标"]],
  ["goalSub", ["项目提供的公共产品和服务的数量", "项目效果", "项目成果"]],
  ["goal", ["总体目标"]],
  ["goalHeader", ["实施期目标"]],
  ["evaluators", ["评价人员"]],
  ["tasks", ["年度重点任务"]],
  ["tasksHeader", ["核心职能"]],
  ["total", ["总分"]],
  ["filler", ["部门基本信息", "绩效目标自评情况", "绩效指标", "年度绩效指标", "绩效", "指标", "项目实施情况"]],
];

/** A label's pattern when its value shares the cell: `主管部门：阳泉市民政局`, `单位（盖章）阳泉市老年颐养中心`. */
function prefixPattern(k: string): RegExp {
  const esc = (ch: string): string => (ch === "(" ? "[（(]" : ch === ")" ? "[）)]" : ch === ":" ? "[:：]" : ch.replace(/[.*+?^${}|[\]\\/]/gu, "\\$&"));
  const body = [...k].map(esc).join("\\s*");
  const sep = k.endsWith(")") ? "\\s*[:：]?\\s*" : "(?:\\s*[:：]\\s*|\\s+)";
  return new RegExp(`^(${body})${sep}(\\S.*)$`, "u");
}

const LABELS = new Map<string, LabelDef>();
for (const [role, keys] of LABEL_LIST) {
  for (const k of keys) LABELS.set(k, { key: k, role, ...(role === "filler" || role === "total" ? {} : { prefix: prefixPattern(k) }) });
}
// The 实施单位 label cut short by the PDF (001, 阳泉市殡仪馆迁建); without a prefix it matches only as the whole cell
// (`实施` is also the start of `实施期目标`).
LABELS.set("实施", { key: "实施", role: "unit" });
const PREFIX_LABELS = [...LABELS.values()].filter((d) => d.prefix !== undefined).sort((a, b) => b.key.length - a.key.length);
/** `项目执行情况 (10分)`, `项目预算绩效（10分）`, `项目自评得分（10分）`: the budget-execution score line. */
const EXECUTION_LABEL = /^项目(?:执行情况|预算绩效|自评得分|执行绩效)\(\d+分\)$/u;

interface LabelMatch {
  def: LabelDef;
  /** The label as published (no trailing colon). */
  label: string;
  /** The value when it shares the cell with the label. */
  value?: string;
}

/** Recognises a label cell; `raw` (white space kept) finds a value that shares the cell. */
function matchLabel(text: string, raw: string): LabelMatch | undefined {
  const k = key(text);
  const label = text.replace(/\s*[:：]+\s*$/u, "");
  const exact = LABELS.get(k);
  if (exact) return { def: exact, label };
  if (EXECUTION_LABEL.test(k)) return { def: { key: k, role: "multi" }, label };
  // The outer column label of the indicator rows: 绩效指标（50分）, 公共指标（30分）.
  if (/^(?:绩效|公共)指标\(\d+分\)$/u.test(k)) return { def: { key: k, role: "filler" }, label };
  for (const def of PREFIX_LABELS) {
    const m = (def.prefix as RegExp).exec(raw);
    if (m) return { def, label: normalizeText(m[1] as string), value: normalizeText(m[2] as string) };
  }
  return undefined;
}

/** The label a cell holds, if any. */
export const labelOf = (t: Token): LabelMatch | undefined => matchLabel(t.text, t.raw);
export const isLabel = (t: Token): boolean => labelOf(t) !== undefined;
