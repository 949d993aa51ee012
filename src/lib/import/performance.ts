/**
 * The performance (绩效) tables of a disclosure: 项目支出绩效目标表 and 整体支出绩效目标申报表 (budgets) and
 * 项目支出绩效自评表 (final accounts), as extracted from the published PDFs — one table row per line, cells separated by
 * tabs, with every kind of damage extraction does to such forms: cells shifted left or right, a merged cell's text on
 * the middle row of its span, labels and values sharing a cell (`实施单位 阳泉市民政局`, `市财政：11.68`), labels on lines
 * of their own with the values further down, truncated cells, HTML fragments, page breaks with watermarks.
 *
 * The parser reads a table as a sequence of cells rather than as a grid: labels are recognised by their text (the
 * national templates fix them), indicator levels by their vocabulary (数量指标, 社会效益指标 …), and the 年度 side of a
 * target table by its repetition of the 实施期 side. Column positions are only used to break ties. Every value is the
 * cell text as published (normalizeText only). Every non-noise line of the block is also kept in `rows`, so nothing
 * is lost when the structured reading cannot place something. Such a cell is returned as a problem when it holds a
 * digit (a number must never be dropped silently) and as a note otherwise (a seal's text, `.....`); `notes` also
 * records what had to be interpreted (a 项目名称 read by its position, a 年度 indicator matched by name on another
 * row, a page of another table printed after this one's 填报人 …).
 *
 * Pure functions; no I/O.
 */
import type {
  ImportNote,
  PerformanceField,
  PerformanceFunding,
  PerformanceIndicator,
  PerformanceKind,
  PerformanceTable,
  TableRow,
} from "../model.ts";
import { isNoise, normalizeAmount, normalizeText, splitCells, stripMarkdown, type SourceLine } from "../text.ts";

// ---- Titles and block ends ----

const TITLES: readonly (readonly [RegExp, PerformanceKind])[] = [
  [/项目支出绩效目标表$/u, "project-target"],
  [/项目支出绩效自评表$/u, "project-self-evaluation"],
  [/整体支出绩效目标(?:申报)?表$/u, "department-target"],
];

/**
 * The kind of performance table a title line announces (`阳泉市市级预算部门（单位）项目支出绩效目标表`,
 * `## 阳泉市项目支出绩效自评表`, `市级预算部门（单位）整体支出绩效目标申报表`), or undefined for any other line. A title
 * is a short line of its own: sentences that mention such a table (`附件：…绩效自评表`, `（详见…绩效自评表）`) are not.
 */
export function performanceTitleKind(text: string): PerformanceKind | undefined {
  const t = normalizeText(stripMarkdown(text));
  if (t === "" || t.length > 40 || /[，。；;：:,、]/u.test(t)) return undefined;
  return TITLES.find(([re]) => re.test(t))?.[1];
}

/**
 * Lines that cannot belong to a performance table and end the current block. Conservative on purpose: a false end
 * would cut a table in two, while a missed one leaves lines that the parser still reports. Only single-cell lines
 * qualify, and only
 *  - part headings (`第四部分 名词解释`, `第五部分 附件`);
 *  - the 情况说明 headings that follow the 绩效 section in a budget (`十一、国有资产占有使用情况`, `十二、其他说明`) —
 *    a numbered heading as such is not enough, since self-evaluations number the paragraphs of their 自评结论
 *    (`三、绩效目标完成情况分析`);
 *  - the furniture of an official circular pasted after the tables: `山西省财政厅文件`, document numbers
 *    (`晋财综〔2022〕67号`), `…财政局 关于…` titles and the salutation `各县(市、区)财政局,市直各单位:`.
 */
export function isPerformanceBlockEnd(text: string): boolean {
  const cells = splitCells(text).map((c) => normalizeText(stripMarkdown(c))).filter((c) => c !== "");
  if (cells.length !== 1) return false;
  const t = cells[0] as string;
  return (
    /^第[一二三四五六七八九十]+部分/u.test(t) ||
    /^[一二三四五六七八九十]+、\s*(?:国有资产|其他说明|其他需要说明|名词解释|政府采购|机关运行经费|“三公”经费|预算绩效管理)/u.test(t) ||
    /^[\u4e00-\u9fff]{2,20}(?:财政厅|财政局|人民政府|办公厅|办公室)文件$/u.test(t) ||
    /^[\u4e00-\u9fff]{1,8}〔\d{4}〕\d+号$/u.test(t) ||
    /^[\u4e00-\u9fff]{2,20}(?:财政厅|财政局)\s*关于/u.test(t) ||
    /^各(?:县|市|区|省直|有关)[^。]*[:：]$/u.test(t) ||
    /^各县\s*[（(]\s*市/u.test(t)
  );
}

// ---- Cells ----

interface Token {
  /** The cell as published, normalised (normalizeText). */
  text: string;
  /**
   * The cell with white space collapsed but kept between CJK characters: `实施单位 阳泉市民政局` — where a label and its
   * value share a cell, that space is the only separator (normalizeText joins them).
   */
  raw: string;
  /** 0-based cell index in the source line. */
  col: number;
}

const HTML_TAG = /<\/?(?:td|tr|th|div|p|span|br|table|tbody|thead)\b[^>]*>/giu;

function collapse(text: string): string {
  return text.replace(HTML_TAG, " ").replace(/\*\*/gu, "").replace(/[ \t\u00a0\u3000]+/gu, " ").trim();
}

/**
 * The non-empty cells of a line, normalised. A cell that packs several cells of the PDF into HTML (`<div>…</div>
 * <div>…</div>`, `社会效益 <td>养老服务信息化</td> <td>不断提升</td>`) is split at those tags; paragraphs (`<p>`) stay
 * together.
 */
function tokenize(cells: string[]): Token[] {
  const out: Token[] = [];
  cells.forEach((cell, col) => {
    const parts = /<\/div>|<td\b/iu.test(cell) ? cell.split(/<\/div>|<\/?td\b[^>]*>/iu) : [cell];
    for (const part of parts) {
      const text = normalizeText(part);
      if (text !== "") out.push({ text, raw: collapse(part), col });
    }
  });
  return out;
}

/** Comparison key of a label: no white space, ASCII brackets and colons, no trailing colon. */
function key(text: string): string {
  return text.replace(/\s+/gu, "").replace(/（/gu, "(").replace(/）/gu, ")").replace(/：/gu, ":").replace(/:+$/u, "");
}

function isAmount(text: string): boolean {
  return normalizeAmount(text) !== undefined;
}

function hasCjk(text: string): boolean {
  return /[\u4e00-\u9fff]/u.test(text);
}

/** `市财政：11.68`, `实际执行金额 (万元) 34.84`, `市财政6.43` → label and amount. */
function splitEmbeddedAmount(text: string): { label: string; amount: string } | undefined {
  const m = /^(.*?[^\d\s.,:：-])\s*[:：]?\s*(\d[\d,]*(?:\.\d+)?)$/u.exec(text);
  if (!m || !hasCjk(m[1] as string) || !isAmount(m[2] as string)) return undefined;
  return { label: (m[1] as string).trim(), amount: m[2] as string };
}

/** Removes the published unit and the colon of a funding column label: `项目预算金额 (万元)` → `项目预算金额`. */
function fundingLabel(text: string): string {
  return text.replace(/\s*[（(]\s*万?元\s*[)）]\s*/gu, "").replace(/[:：]\s*$/u, "").trim();
}

/** `其中：中央财政资金` → `中央财政资金`. */
function fundingSource(text: string): string {
  return text.replace(/^其中\s*[:：]\s*/u, "").replace(/[:：]\s*$/u, "").trim();
}

function unitOf(text: string): string | undefined {
  if (/[（(]\s*万元\s*[)）]/u.test(text)) return "万元";
  if (/[（(]\s*元\s*[)）]/u.test(text)) return "元";
  return undefined;
}

function quote(tokens: readonly Token[]): string {
  return tokens.map((t) => `“${t.text}”`).join("、");
}

// ---- Labels ----

type Role =
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
  /** Matched only as the whole cell (`实施` is also the start of `实施期目标`). */
  exact?: boolean;
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
LABELS.set("实施", { key: "实施", role: "unit", exact: true }); // the 实施单位 label cut short by the PDF (001, 阳泉市殡仪馆迁建)
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
function matchLabel(text: string, raw: string = text): LabelMatch | undefined {
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

const labelOf = (t: Token): LabelMatch | undefined => matchLabel(t.text, t.raw);
const isLabel = (t: Token): boolean => labelOf(t) !== undefined;

// ---- Lines of their own ----

/** Labels of the lines printed above a table's grid. */
const TITLE_AREA = new Set(["填报日期", "单位(盖章)", "单位", "单位负责人", "主管单位"]);
const YEAR_LINE = /^[（(]?\s*\d{4}\s*[)）]?\s*年度\s*[)）]?$/u;
const ATTACHMENT_LINE = /^附件\s*\d*$/u;
/** The scoring explanation printed under a self-evaluation: `总分设置为100分：预算执行率10分、…`. */
const SCORING_NOTE = /^[（(]?\s*(?:总分设置为|当总分为|满分设置为|评分说明|评分标准)/u;
/** A label and its value on a line of their own, when the label is not a known one (`填報日期: 2025.4.8`). */
const COLON_LINE = /^([^:：\d]{2,10}?)\s*[:：]\s*(\S.*)$/u;

// ---- Indicators ----

const TARGET_L1 = new Set(["产出指标", "效益指标", "满意度指标"]);
const COST_L2 = new Set(["经济成本指标", "社会成本指标", "生态环境成本指标"]);
const TARGET_L2 = [
  "数量指标",
  "质量指标",
  "时效指标",
  "成本指标",
  "经济效益",
  "社会效益",
  "生态效益",
  "可持续影响",
  "可持续性影响",
  "可持续发展影响",
  "服务对象满意度",
  "经济效益指标",
  "社会效益指标",
  "生态效益指标",
  "可持续影响指标",
  "可持续性影响指标",
  "服务对象满意度指标",
  ...COST_L2,
];
const TARGET_L2_SET = new Set(TARGET_L2);

/** A 二级指标 of a target table, also when the PDF cut it short (`服务对象满意度指`). */
function isTargetL2(text: string): boolean {
  return TARGET_L2_SET.has(text) || (text.length >= 5 && TARGET_L2.some((v) => v.startsWith(text)));
}

/** 一级指标 of a target table; 成本指标 is one only when a 二级 cost indicator follows (2021 template). */
function isTargetL1(text: string, next: string | undefined): boolean {
  return TARGET_L1.has(text) || (text === "成本指标" && next !== undefined && COST_L2.has(next));
}

const SCORE_SUFFIX = "(?:\\s*[（(]\\s*\\d+(?:\\.\\d+)?\\s*分\\s*[)）])?";
const SELF_L1 = new RegExp(`^(?:产出|效益|满意度)指标${SCORE_SUFFIX}$`, "u");
const SELF_COST_L1 = new RegExp(`^成本指标${SCORE_SUFFIX}$`, "u");
/** 一级指标 of a self-evaluation; 成本指标 is one only when a 二级 cost indicator follows (it is 二级 in these tables). */
function isSelfL1(text: string, next: string | undefined): boolean {
  return SELF_L1.test(text) || (SELF_COST_L1.test(text) && next !== undefined && COST_L2.has(next.replace(/\s*[（(].*$/u, "")));
}
const SELF_L2 = new RegExp(`^[\\u4e00-\\u9fff]{2,10}指标${SCORE_SUFFIX}$`, "u");
/** `指标1`, `指标2:`, `指标1 遗体火化数` (name in the same cell). */
const SLOT = /^指标\s*\d+\s*[:：]?(?:\s+(\S.*))?$/u;
const SCORE = /^\d+(?:\.\d+)?\s*分?$/u;
/** Looks like an indicator value rather than a name: `≥90%`, `100%`, `不低于上年`, `1900具`. */
const VALUE_LIKE = /^(?:[≥≤<>＜＞=≧≦]|大于|小于|不低于|不高于|不超过|\d)/u;

/** Two names are one indicator when one is the other cut short, or they share a start of 4 characters or more. */
function sameIndicator(a: string, b: string): boolean {
  const x = a.replace(/\s+/gu, "");
  const y = b.replace(/\s+/gu, "");
  if (x === "" || y === "") return false;
  if (x.startsWith(y) || y.startsWith(x)) return true;
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n]) n++;
  return n >= Math.min(4, x.length, y.length);
}

/**
 * Drops a repetition of the cells of one side: `[a, b, a, b]` → `[a, b]` (a cell that packed the following cells in
 * HTML), and, beyond a name and a value, `[a, a, b]` → `[a, b]`. `[a, a]` stays: a name and an equal value
 * (`当年完成 | 当年完成`).
 */
function dedupe(tokens: Token[]): Token[] {
  let t = tokens;
  if (t.length >= 4 && t.length % 2 === 0) {
    const h = t.length / 2;
    if (t.slice(0, h).every((x, i) => x.text === (t[h + i] as Token).text)) t = t.slice(0, h);
  }
  if (t.length > 2) t = t.filter((x, i) => i === 0 || x.text !== (t[i - 1] as Token).text);
  return t;
}

interface Side {
  l1?: Token;
  l2?: Token;
  /** 二级 cells beyond the first that differ from it. */
  extraL2: Token[];
  rest: Token[];
}

interface IndicatorHeader {
  l2Col: number;
  valueCol: number;
  rightStart: number;
  scoreCol: number;
}

const DEFAULT_HEADER: IndicatorHeader = { l2Col: 2, valueCol: 4, rightStart: 5, scoreCol: 7 };

interface YearEntry {
  name?: Token;
  value?: Token;
  l2?: Token;
  line: number;
  /** The indicator of the same row, if any (tried first). */
  own?: PerformanceIndicator;
}

// ---- The parser ----

type Section = "head" | "funding" | "indicators" | "tail" | "evaluators" | "done";

interface PendingLabel {
  role: Role;
  label: string;
}

interface FundingColumn {
  label: string;
  unit?: string;
}

export interface PerformanceParse {
  table: PerformanceTable;
  /** Cells the parser could not place (they are kept in `table.rows`). */
  problems: ImportNote[];
  /** What the parser had to interpret (a value placed by its position, a 年度 side that differs from the 实施期 side …). */
  notes: ImportNote[];
}

/**
 * Parses one performance table. `block[0]` is its title line; the block runs to the line before the next title or
 * block end. Throws if `block[0]` is not a title (the caller cuts blocks with `performanceTitleKind`).
 */
export function parsePerformanceTable(block: SourceLine[]): PerformanceParse {
  const first = block[0];
  const kind = first ? performanceTitleKind(first.text) : undefined;
  if (!first || !kind) throw new Error(`parsePerformanceTable: line ${first?.line ?? "?"} is not a performance table title`);
  const parser = new Parser(kind, first);
  for (const l of block.slice(1)) parser.read(l);
  return parser.finish();
}

class Parser {
  private readonly kind: PerformanceKind;
  private readonly title: SourceLine;
  private readonly rows: TableRow[] = [];
  private readonly fields: PerformanceField[] = [];
  private readonly conclusions: PerformanceField[] = [];
  private readonly funding: PerformanceFunding[] = [];
  private readonly indicators: PerformanceIndicator[] = [];
  private readonly problems: ImportNote[] = [];
  private readonly notes: ImportNote[] = [];
  private projectName?: string;
  private department?: string;
  private implementingUnit?: string;
  private readonly totals: { value: string; line: number }[] = [];
  private endLine: number;
  private section: Section = "head";
  /** A table row (not a title-area line) has been read. */
  private bodyStarted = false;
  /** A label that ended the previous row without its value (the value may wrap onto the next row). */
  private pending?: PendingLabel;
  /** Labels printed on lines of their own, their values on later lines (in order). */
  private queue: PendingLabel[] = [];
  /** A text field (conclusion) whose label stood alone or whose text continues on the following lines. */
  private text?: { label: string; line: number; entry?: PerformanceField };
  private goalGroup?: string;
  private goalHeader?: { left: string; right: string; rightCol: number };
  private expectGoal = false;
  /** The row right after the funding rows of a target table (the template's 项目概况 row). */
  private afterFunding = false;
  private tasks = false;
  private fundingCols: FundingColumn[] = [];
  private fundingUnit?: string;
  private pendingFunding?: { col: number; source: string };
  private header: IndicatorHeader = DEFAULT_HEADER;
  private level1 = "";
  private level2 = "";
  private readonly years: YearEntry[] = [];
  /** Indicators whose 年度 side has been read. */
  private readonly claimed = new Set<PerformanceIndicator>();

  constructor(kind: PerformanceKind, title: SourceLine) {
    this.kind = kind;
    this.title = title;
    this.endLine = title.line;
    this.rows.push({ line: title.line, cells: trimCells(splitCells(title.text).map(normalizeText)) });
  }

  read(l: SourceLine): void {
    const raw = splitCells(l.text);
    // A lone number in a later column is data (a value wrapped onto its own line), not a page number.
    if (isNoise(l.text) && !(l.text.includes("\t") && /\d/u.test(l.text))) return;
    const cells = trimCells(raw.map(normalizeText));
    const tokens = tokenize(raw);
    if (tokens.length === 0) return;
    this.rows.push({ line: l.line, cells });
    const pending = this.pending;
    this.pending = undefined;

    if (this.section === "done") {
      this.afterEnd(tokens, l.line, pending);
      return;
    }
    const single = tokens.length === 1 ? (tokens[0] as Token).text : undefined;
    if (single !== undefined && ATTACHMENT_LINE.test(single)) return; // `附件1` of the next table
    this.endLine = l.line;
    if (single !== undefined && !(pending && !tokens.some(isLabel)) && this.metaLine(tokens[0] as Token, l.line)) return;

    if (this.isIndicatorHeader(tokens)) {
      this.startIndicators(tokens);
      return;
    }
    if (this.section === "indicators") {
      this.indicatorSectionRow(tokens, l.line, pending);
      return;
    }
    const texts = tokens.map((t) => key(t.text));
    if (texts.includes("姓名") && (texts.includes("工作单位") || texts.includes("签字")) && this.section !== "evaluators") {
      this.section = "evaluators";
      this.text = undefined;
    }
    if (this.section === "evaluators" && !tokens.some((t) => ["填报人", "联系电话"].includes(labelOf(t)?.def.key ?? ""))) {
      this.evaluatorRow(tokens, l.line);
      return;
    }
    if (this.kind === "project-self-evaluation" && this.section !== "tail" && this.looksLikeSelfIndicator(tokens)) {
      this.section = "indicators";
      this.indicatorSectionRow(tokens, l.line, pending);
      return;
    }
    const first = tokens[0] as Token;
    if (this.isFundingStart(first.text) || (this.section === "funding" && this.isFundingRow(tokens))) {
      this.fundingRow(tokens, l.line);
      return;
    }
    if (this.section === "funding") {
      this.section = "head";
      this.afterFunding = this.kind === "project-target";
    }
    this.labelRow(tokens, l.line, pending);
    this.afterFunding = false;
    // Lines above the table (填报日期, 单位（盖章）, a stamp's text) do not start its body.
    if (tokens.length > 1 || tokens.some((t) => isLabel(t) && !TITLE_AREA.has(labelOf(t)?.def.key ?? ""))) this.bodyStarted = true;
  }

  // -- Title area --

  /** Lines of their own above, between and below the table's rows. Returns true when the line was taken. */
  private metaLine(token: Token, line: number): boolean {
    const text = token.text;
    if (YEAR_LINE.test(text)) {
      this.fields.push({ label: "年度", value: text, line });
      return true;
    }
    if (SCORING_NOTE.test(text)) {
      this.fields.push({ label: "评分说明", value: text, line });
      return true;
    }
    if (this.bodyStarted || isLabel(token)) return false;
    const m = COLON_LINE.exec(token.raw);
    if (m) {
      this.fields.push({ label: normalizeText(m[1] as string), value: normalizeText(m[2] as string), line });
      return true;
    }
    return false;
  }

  // -- Label / value rows --

  private assign(role: Role, label: string, value: string, line: number): void {
    const set = (current: string | undefined, apply: (v: string) => void): void => {
      if (current === undefined) apply(value);
      else if (current !== value) this.fields.push({ label, value, line });
    };
    switch (role) {
      case "project":
        set(this.projectName, (v) => (this.projectName = v));
        return;
      case "department":
        set(this.department, (v) => (this.department = v));
        return;
      case "unit":
        set(this.implementingUnit, (v) => (this.implementingUnit = v));
        return;
      case "text":
      case "goalSub":
        this.addText(label, value, line);
        return;
      default:
        this.fields.push({ label, value, line });
        if (key(label) === "联系电话" && (this.section === "tail" || this.section === "evaluators")) this.section = "done";
    }
  }

  private addText(label: string, value: string, line: number): void {
    const entry: PerformanceField = { label, value, line };
    if (value !== "") this.conclusions.push(entry);
    this.text = { label, line, ...(value !== "" ? { entry } : {}) };
  }

  private continueText(tokens: Token[], line: number): void {
    const t = this.text as { label: string; line: number; entry?: PerformanceField };
    const more = tokens.map((x) => x.text).join(" ");
    if (t.entry) t.entry.value = `${t.entry.value}\n${more}`;
    else {
      t.entry = { label: t.label, value: more, line };
      this.conclusions.push(t.entry);
    }
  }

  private labelRow(tokens: Token[], line: number, pending: PendingLabel | undefined): void {
    let pend = pending;
    const firstLabel = tokens.findIndex(isLabel);
    const leading = firstLabel < 0 ? tokens : tokens.slice(0, firstLabel);
    if (leading.length > 0) {
      pend = this.leading(leading, line, firstLabel < 0, pend, tokens);
      if (firstLabel < 0) return;
    }
    this.text = undefined;
    this.tasks = false;
    let i = firstLabel;
    while (i < tokens.length) {
      const tok = tokens[i] as Token;
      const m = labelOf(tok);
      i++;
      if (!m) {
        if (pend) {
          this.assign(pend.role, pend.label, tok.text, line);
          pend = undefined;
        } else this.placeByPosition(tok, tokens, line);
        continue;
      }
      const rest = tokens.slice(i);
      const restText = (): string => [...(m.value !== undefined ? [m.value] : []), ...rest.map((t) => t.text)].join(" ");
      switch (m.def.role) {
        case "filler":
          continue;
        case "total":
          this.total(rest, line);
          return;
        case "text":
        case "multi":
          this.assign(m.def.role, m.label, restText(), line);
          return;
        case "goalGroup": {
          this.goalGroup = m.label;
          const next = rest[0];
          if (m.value !== undefined || (next && !isLabel(next))) {
            this.addText(m.label, restText(), line);
            return;
          }
          continue;
        }
        case "goalSub":
          this.assign("goalSub", this.goalGroup ? `${this.goalGroup}/${m.label}` : m.label, restText(), line);
          return;
        case "goalHeader": {
          const right = rest[0];
          this.goalHeader = { left: m.label, right: right?.text ?? "年度目标", rightCol: right?.col ?? Number.MAX_SAFE_INTEGER };
          this.expectGoal = true;
          return;
        }
        case "goal":
          this.goalRow(m.label, m.value !== undefined ? [{ text: m.value, raw: m.value, col: tok.col }, ...rest] : rest, line);
          return;
        case "evaluators":
          this.section = "evaluators";
          this.evaluatorRow(rest, line);
          return;
        case "tasks":
          this.tasks = true;
          if (rest.length > 0) this.taskRow(m.label, rest, line);
          return;
        case "tasksHeader":
          this.tasks = true;
          return;
        default: {
          const role = m.def.role;
          if (role === "field" && (m.def.key === "填报人" || m.def.key === "联系电话") && this.section === "evaluators") this.section = "tail";
          if (m.value !== undefined) this.assign(role, m.label, m.value, line);
          else if (rest[0] && !isLabel(rest[0])) {
            this.assign(role, m.label, rest[0].text, line);
            i++;
          } else if (rest.length === 0) {
            // The value is on a later line: the next row's first cell (a wrapped cell) or, when the label stands on a
            // line of its own, the first unlabelled cell further down (labels printed above their values).
            if (tokens.length === 1) this.queue.push({ role, label: m.label });
            else this.pending = { role, label: m.label };
          }
        }
      }
    }
  }

  /** Cells before the first label of a row. Returns the pending label if it was not used. */
  private leading(
    leading: Token[],
    line: number,
    wholeRow: boolean,
    pending: PendingLabel | undefined,
    row: Token[],
  ): PendingLabel | undefined {
    let pend = pending;
    let rest = leading;
    while (rest.length > 0) {
      const tok = rest[0] as Token;
      if (pend) {
        this.assign(pend.role, pend.label, tok.text, line);
        pend = undefined;
        rest = rest.slice(1);
        continue;
      }
      if (this.queue.length > 0 && !isAmount(tok.text) && !/^\d{8,}$/u.test(tok.text)) {
        const q = this.queue.shift() as PendingLabel;
        this.assign(q.role, q.label, tok.text, line);
        rest = rest.slice(1);
        continue;
      }
      break;
    }
    if (rest.length === 0) return pend;
    if (wholeRow && this.text) {
      this.continueText(rest, line);
      return pend;
    }
    if (wholeRow && this.afterFunding && rest.length === 1 && !this.conclusions.some((c) => c.label === "项目概况")) {
      this.note(line, `“项目概况”标签缺失，按位置（紧接项目资金之后）读作项目概况`);
      this.addText("项目概况", (rest[0] as Token).text, line);
      return pend;
    }
    if (wholeRow && this.expectGoal) {
      this.note(line, `“总体目标”标签缺失，按位置读作总体目标：${quote(rest)}`);
      this.goalRow("总体目标", rest, line);
      return pend;
    }
    if (wholeRow && this.tasks && rest.length >= 2) {
      this.taskRow("年度重点任务", rest, line);
      return pend;
    }
    for (const tok of rest) this.placeByPosition(tok, row, line);
    return pend;
  }

  /**
   * An unlabelled cell that neither a pending label nor a continued text takes: placed by its position where the
   * template leaves no doubt, otherwise reported.
   *  - In the first row of the table, a cell in a value column (not the label column) is the 项目名称 whose label the
   *    PDF lost (`<div>单位负责人…</div> | 智慧养老服务平台运营费`, `| | 各项工作经费`).
   *  - The first cell of the row that holds 实施单位 is the 主管部门 (`064-阳泉市民政局 | 实施单位 | 阳泉市民政局`).
   */
  private placeByPosition(tok: Token, row: Token[], line: number): void {
    if (!this.bodyStarted && this.projectName === undefined && tok.col >= 1 && !isAmount(tok.text)) {
      this.projectName = tok.text;
      this.note(line, `表格第一行没有“项目名称”标签，按位置读作项目名称：“${tok.text}”`);
      return;
    }
    const unitInRow = row.some((t) => labelOf(t)?.def.role === "unit");
    if (this.department === undefined && tok === row[0] && unitInRow && !isAmount(tok.text)) {
      this.department = tok.text;
      this.note(line, `“主管部门”标签缺失，按位置（与“实施单位”同一行）读作主管部门：“${tok.text}”`);
      return;
    }
    this.unplaced([tok], line);
  }

  private goalRow(label: string, values: Token[], line: number): void {
    this.expectGoal = false;
    const h = this.goalHeader;
    if (!h) {
      if (values.length > 0) this.addText(label, values.map((t) => t.text).join(" "), line);
      return;
    }
    if (values.length === 1) {
      const v = values[0] as Token;
      this.addText(`${label}/${v.col >= h.rightCol ? h.right : h.left}`, v.text, line);
      return;
    }
    const [left, right, ...extra] = values;
    if (left) this.addText(`${label}/${h.left}`, left.text, line);
    if (right) this.addText(`${label}/${h.right}`, right.text, line);
    if (extra.length > 0) this.unplaced(extra, line);
    this.text = undefined;
  }

  private taskRow(label: string, tokens: Token[], line: number): void {
    const [fn, ...text] = tokens;
    if (!fn) return;
    if (text.length === 0) {
      this.unplaced([fn], line);
      return;
    }
    this.conclusions.push({ label: `${label}/${fn.text}`, value: text.map((t) => t.text).join(" "), line });
  }

  private total(rest: Token[], line: number): void {
    if (rest.length === 0) return;
    this.totals.push({ value: rest.map((t) => t.text).join(" "), line });
    this.section = "tail";
  }

  // -- 评价人员 --

  private evaluatorRow(tokens: Token[], line: number): void {
    const words = tokens
      .map((t) => normalizeText(t.raw.replace(/^(?:姓名|职称\/职务|职务\/职务|工作单位|签字)\s+/u, "")))
      .filter((t) => !["姓名", "职称/职务", "职务/职务", "工作单位", "签字", "评价人员"].includes(t));
    if (words.length > 0) this.fields.push({ label: "评价人员", value: words.join(" "), line });
  }

  // -- Funding --

  private isFundingStart(text: string): boolean {
    return /^(?:项目资金|项目预算金额|计划拨款金额|年度预算情况)/u.test(key(text));
  }

  /** A row of funding sources: amounts, or short source labels (`其中：中央、省财政`, `其它`). */
  private isFundingRow(tokens: Token[]): boolean {
    if (tokens.some((t) => isAmount(t.text) || splitEmbeddedAmount(t.text))) return true;
    return tokens.every((t) => !isLabel(t) && t.text.length <= 16 && !/[，。；]/u.test(t.text));
  }

  private fundingRow(tokens: Token[], line: number): void {
    const start = this.isFundingStart((tokens[0] as Token).text);
    if (start) {
      this.section = "funding";
      this.queue = [];
      this.text = undefined;
      this.fundingCols = [];
      this.fundingUnit = unitOf((tokens[0] as Token).text);
    }
    // Pairs of (label, amount) in the order printed.
    const pairs: { label?: Token; amount?: Token }[] = [];
    let carried = this.pendingFunding;
    this.pendingFunding = undefined;
    tokens.forEach((tok, i) => {
      if (isAmount(tok.text)) {
        const last = pairs[pairs.length - 1];
        if (last && last.label && !last.amount) last.amount = tok;
        else if (i === 0 && carried) {
          this.addFunding(carried.col, carried.source, tok, line);
          carried = undefined;
        } else pairs.push({ amount: tok });
        return;
      }
      const emb = splitEmbeddedAmount(tok.text);
      if (emb) pairs.push({ label: { text: emb.label, raw: emb.label, col: tok.col }, amount: { text: emb.amount, raw: emb.amount, col: tok.col } });
      else pairs.push({ label: tok });
    });

    if (start) {
      const [head, ...rest] = pairs;
      const cols = this.kind === "project-self-evaluation" ? pairs : rest;
      if (this.kind === "department-target") {
        // 年度预算情况 | 按资金来源划分 | 资金总额（万元） | 按资金方向划分 | 资金总额（万元）
        for (const p of rest) {
          const text = p.label?.text ?? "";
          if (/资金总额/u.test(text)) this.fundingUnit ??= unitOf(text);
          else if (p.label) this.fundingCols.push({ label: fundingLabel(text) });
          if (p.amount) this.unplaced([p.amount], line);
        }
        return;
      }
      if (this.kind === "project-target" && head?.amount) this.unplaced([head.amount], line);
      for (const p of cols) {
        const text = p.label?.text ?? "";
        const isColumn = p.label !== undefined && (this.kind === "project-self-evaluation" || /总额/u.test(text));
        if (!isColumn) {
          if (p.amount) this.unplaced([p.amount], line, "金额没有可对应的栏目（实施期/年度资金总额）");
          continue;
        }
        this.fundingCols.push({ label: fundingLabel(text), ...(unitOf(text) ? { unit: unitOf(text) as string } : {}) });
        const col = this.fundingCols.length - 1;
        if (p.amount) this.addFunding(col, "合计", p.amount, line);
        else if (p === pairs[pairs.length - 1]) this.pendingFunding = { col, source: "合计" };
      }
      return;
    }
    pairs.forEach((p, col) => {
      if (!p.label) {
        if (p.amount) this.unplaced([p.amount], line, "金额前没有资金来源");
        return;
      }
      const source = fundingSource(p.label.text);
      if (p.amount) this.addFunding(col, source, p.amount, line);
      else if (col === pairs.length - 1) this.pendingFunding = { col, source };
    });
  }

  private addFunding(col: number, source: string, amount: Token, line: number): void {
    const column = this.fundingCols[col];
    const unit = column?.unit ?? this.fundingUnit;
    if (!column || !unit) {
      this.unplaced([amount], line, column ? "资金表没有注明单位" : "金额超出资金表的栏目");
      return;
    }
    if (source.length <= 1) this.note(line, `资金来源“${source}”像是上一行折行的残余，照录`);
    this.funding.push({ label: column.label, source, amount: amount.text, unit, line });
  }

  // -- Indicators --

  private isIndicatorHeader(tokens: Token[]): boolean {
    const texts = tokens.map((t) => key(t.text));
    return texts.includes("一级指标") && texts.some((t) => t === "指标值" || t === "年度指标值");
  }

  private startIndicators(tokens: Token[]): void {
    const cols = (k: string): number[] => tokens.filter((t) => key(t.text) === k).map((t) => t.col);
    const l2 = cols("二级指标");
    const value = [...cols("指标值"), ...cols("年度指标值")];
    this.header = {
      l2Col: l2[0] ?? DEFAULT_HEADER.l2Col,
      valueCol: value[0] ?? DEFAULT_HEADER.valueCol,
      rightStart: l2[1] ?? DEFAULT_HEADER.rightStart,
      scoreCol: cols("自评得分")[0] ?? DEFAULT_HEADER.scoreCol,
    };
    this.section = "indicators";
    this.queue = [];
    this.text = undefined;
    this.bodyStarted = true;
  }

  private looksLikeSelfIndicator(tokens: Token[]): boolean {
    const k = key((tokens[0] as Token).text);
    if (k === "绩效目标自评情况") return true;
    return tokens.some((t) => SLOT.test(t.text)) && tokens.some((t) => SELF_L1.test(t.text) || SELF_L2.test(t.text));
  }

  private indicatorSectionRow(tokens: Token[], line: number, pending: PendingLabel | undefined): void {
    const first = labelOf(tokens[0] as Token);
    if (first?.def.key === "绩效目标自评情况" && tokens.length === 1) return;
    if (this.kind === "project-self-evaluation") {
      if (first?.def.role === "total") {
        this.total(tokens.slice(1), line);
        return;
      }
      if (first && ["text", "evaluators", "field"].includes(first.def.role)) {
        this.section = "tail";
        this.labelRow(tokens, line, pending);
        return;
      }
      this.selfIndicatorRow(tokens, line);
      return;
    }
    if (tokens.some((t) => ["负责人", "经办人", "填报日期"].includes(labelOf(t)?.def.key ?? ""))) {
      this.labelRow(tokens, line, pending);
      this.section = "done";
      return;
    }
    this.targetIndicatorRow(tokens, line);
  }

  /** One row of a 绩效自评表: 一级 | 二级 | 指标N | name | 年度指标值 | 全年完成值 | 未完成原因 | 自评得分. */
  private selfIndicatorRow(tokens: Token[], line: number): void {
    const unplaced: Token[] = [];
    let slot: RegExpExecArray | undefined;
    let rowL2: Token | undefined;
    let sawLevel = false;
    let i = 0;
    for (; i < tokens.length; i++) {
      const t = tokens[i] as Token;
      if (labelOf(t)?.def.role === "filler") continue;
      const s = SLOT.exec(t.text);
      if (s) {
        slot = s;
        i++;
        break;
      }
      if (isSelfL1(t.text, tokens[i + 1]?.text)) {
        if (rowL2) unplaced.push(rowL2); // a 二级-looking cell before the 一级 cell (`公共指标（30分）`)
        rowL2 = undefined;
        this.level1 = t.text;
        this.level2 = "";
        sawLevel = true;
        continue;
      }
      if (SELF_L2.test(t.text)) {
        if (rowL2) unplaced.push(rowL2);
        rowL2 = t;
        this.level2 = t.text;
        sawLevel = true;
        continue;
      }
      // Something else before the 指标N cell (`项目实施情况`): reported; without a 指标N cell it is the name.
      if (tokens.slice(i + 1).some((x) => SLOT.test(x.text))) {
        unplaced.push(t);
        continue;
      }
      break;
    }
    if (unplaced.length > 0) this.unplaced(unplaced, line);
    const r = tokens.slice(i);
    if (!slot && r.length === 0) return; // a row that only opens a 一级 / 二级 group
    if (!slot && !sawLevel) {
      this.unplaced(r, line);
      return;
    }
    const ind: PerformanceIndicator = { level1: this.level1, level2: this.level2, level3: "", line };
    const slotName = slot?.[1];
    const last = r[r.length - 1];
    const count = r.length + (slotName !== undefined ? 1 : 0);
    // 自评得分: a number at the end of the row — with 分, or after name, 年度指标值 and 全年完成值, or in the 得分 column.
    // A bare number right after 指标N is not a name either.
    const alone = r.length === 1 && slotName === undefined && slot !== undefined;
    if (last && SCORE.test(last.text) && (/分$/u.test(last.text) || count >= 4 || alone || last.col >= this.header.scoreCol)) {
      ind.score = last.text;
      r.pop();
    }
    const values = [...(slotName !== undefined ? [slotName] : []), ...r.map((t) => t.text)];
    const [name, target, actual, ...deviation] = values;
    if (name !== undefined) ind.level3 = name;
    if (target !== undefined) ind.target = target;
    if (actual !== undefined) ind.actual = actual;
    if (deviation.length > 0) ind.deviation = deviation.join(" ");
    this.indicators.push(ind);
  }

  /** One row of a 绩效目标表 (two-sided: 实施期 | 年度) or of the 整体支出 table (one side). */
  private targetIndicatorRow(tokens: Token[], line: number): void {
    const toks = tokens.filter((t) => labelOf(t)?.def.role !== "filler");
    if (toks.length === 0) return;
    const twoSided = this.kind === "project-target";
    const anchor = twoSided ? this.rightAnchor(toks) : -1;
    const left = this.side(anchor >= 0 ? toks.slice(0, anchor) : toks, true);
    let rightToks = anchor >= 0 ? toks.slice(anchor) : [];
    if (twoSided && anchor < 0) {
      // No 二级 cell opens the 年度 side: split the remaining cells by their repetition, or by column.
      const split = this.splitByRepetition(left.rest);
      left.rest = split.left;
      rightToks = split.right;
    }
    const right = this.side(rightToks, false);
    if (left.l1) {
      if (left.l1.text !== this.level1 || left.l2) this.level2 = "";
      this.level1 = left.l1.text;
    }
    if (left.l2) this.level2 = left.l2.text;
    if (left.extraL2.length > 0) this.unplaced(left.extraL2, line);

    const lx = nameAndValue(left.rest);
    const ind: PerformanceIndicator = { level1: this.level1, level2: this.level2, level3: "", line };
    if (lx.length === 1) {
      // One cell: a value if it looks like one, or if the row is aligned with the header and the cell is in the
      // 指标值 column; otherwise the name.
      const t = lx[0] as Token;
      const aligned = left.l2 !== undefined && left.l2.col === this.header.l2Col && t.col === this.header.valueCol;
      if (VALUE_LIKE.test(t.text) || aligned) ind.target = t.text;
      else ind.level3 = t.text;
    } else if (lx.length >= 2) {
      ind.level3 = (lx[0] as Token).text;
      ind.target = (lx[1] as Token).text;
      if (lx.length > 2) this.unplaced(lx.slice(2), line);
    }
    // A row that names a 二级 indicator, or has a name or value, is an indicator (possibly an empty slot).
    const leftIsIndicator = left.l2 !== undefined || lx.length > 0;
    if (!twoSided) {
      if (leftIsIndicator) this.indicators.push(ind);
      return;
    }
    if (leftIsIndicator) this.indicators.push(ind);
    if (right.l2 && this.level2 !== "" && !sameIndicator(right.l2.text, this.level2)) {
      this.note(line, `年度一侧的二级指标为“${right.l2.text}”，实施期一侧为“${this.level2}”；按实施期一侧记录`);
    }
    // 年度 side: usually the same indicator again (its name often cut short) and the 年度 指标值.
    const rx = nameAndValue(right.rest);
    let year: YearEntry | undefined;
    if (rx.length === 1) {
      const t = rx[0] as Token;
      const isName = ind.level3 !== "" ? sameIndicator(ind.level3, t.text) : lx.length === 0 && !VALUE_LIKE.test(t.text);
      year = isName ? { name: t, line } : { value: t, line };
    } else if (rx.length >= 2) {
      year = { name: rx[0] as Token, value: rx[1] as Token, line };
      if (rx.length > 2) this.unplaced(rx.slice(2), line);
    }
    if (!year) return;
    if (right.l2) year.l2 = right.l2;
    if (leftIsIndicator && (!year.name || (ind.level3 !== "" && sameIndicator(ind.level3, year.name.text)))) {
      if (year.value) ind.yearTarget = year.value.text;
      this.claimed.add(ind);
      return;
    }
    if (leftIsIndicator) year.own = ind;
    this.years.push(year);
  }

  /** Index of the 二级 cell that opens the 年度 side, or -1. */
  private rightAnchor(toks: Token[]): number {
    const n = toks.length;
    const ok = (a: number): boolean =>
      isTargetL2((toks[a] as Token).text) &&
      toks.slice(0, a).some((t, j) => !isTargetL1(t.text, toks[j + 1]?.text));
    for (let a = Math.max(1, n - 3); a < n; a++) if (ok(a)) return a;
    for (let a = n - 1; a >= 1; a--) if (ok(a)) return a;
    return -1;
  }

  /** Reads the 一级 / 二级 cells at the start of a side; the rest are name and value. */
  private side(toks: Token[], isLeft: boolean): Side {
    const side: Side = { extraL2: [], rest: [] };
    let i = 0;
    if (isLeft && toks[0] && isTargetL1(toks[0].text, toks[1]?.text)) side.l1 = toks[i++];
    if (toks[i] && isTargetL2((toks[i] as Token).text)) side.l2 = toks[i++];
    // Repeated 二级 cells (the PDF put the 二级 text into the 一级 column as well), while more than a name and a value
    // remain.
    while (toks.length - i > 2 && toks[i] && isTargetL2((toks[i] as Token).text)) {
      const t = toks[i++] as Token;
      if (side.l2 && t.text !== side.l2.text && !sameIndicator(t.text, side.l2.text)) side.extraL2.push(side.l2);
      side.l2 = t;
    }
    side.rest = toks.slice(i);
    return side;
  }

  /**
   * Splits the name/value cells of a row without a 年度 二级 cell into the 实施期 and 年度 sides: four cells are two
   * and two (`保障农村留守儿童、困境 | 不断提高 | 保障农村留守儿 | 不断提高`); three are split where the name repeats;
   * otherwise by the header's columns.
   */
  private splitByRepetition(x: Token[]): { left: Token[]; right: Token[] } {
    const byCol = (): { left: Token[]; right: Token[] } => ({
      left: x.filter((t) => t.col < this.header.rightStart),
      right: x.filter((t) => t.col >= this.header.rightStart),
    });
    const [a, b, c] = x;
    if (x.length === 4 || (x.length > 4 && x.length % 2 === 0)) return { left: x.slice(0, x.length / 2), right: x.slice(x.length / 2) };
    if (x.length === 3 && a && b && c) {
      if (sameIndicator(c.text, a.text)) return { left: [a, b], right: [c] };
      if (sameIndicator(b.text, a.text)) return { left: [a], right: [b, c] };
      return byCol();
    }
    // Two cells (or one): by column — a name and its value on the 实施期 side, or a name on each side.
    return byCol();
  }

  /**
   * 年度 entries whose name differs from the 实施期 name on their row (the two sides list the indicators in different
   * orders, or one side has an indicator the other lacks): matched by name to an indicator not yet matched — a name
   * cut short first, then a unique one sharing its first characters. What stays unmatched fills its row's empty slot
   * or becomes an indicator of its own, with a note.
   */
  private matchYears(): void {
    for (const y of this.years) {
      const name = y.name?.text;
      const open = this.indicators.filter((i) => !this.claimed.has(i) && i.level3 !== "" && i !== y.own);
      let match: PerformanceIndicator | undefined;
      if (name !== undefined) {
        const strict = open.filter((i) => i.level3.startsWith(name) || name.startsWith(i.level3));
        const loose = open.filter((i) => sameIndicator(i.level3, name));
        match = strict[0] ?? (loose.length === 1 ? loose[0] : undefined);
      }
      if (match) {
        if (y.value) match.yearTarget = y.value.text;
        this.claimed.add(match);
        this.note(y.line, `年度一侧的“${name}”与实施期一侧的“${match.level3}”（第 ${match.line} 行）按名称对应`);
        continue;
      }
      const own = y.own;
      if (own && own.level3 === "" && own.target === undefined) {
        if (name !== undefined) own.level3 = name;
        if (y.value) own.yearTarget = y.value.text;
        this.claimed.add(own);
        if (name !== undefined) this.note(y.line, `实施期一侧为空，指标名称“${name}”取自年度一侧`);
        continue;
      }
      const ind: PerformanceIndicator = {
        level1: this.level1AtLine(y.line),
        level2: y.l2?.text ?? this.level2AtLine(y.line),
        level3: name ?? "",
        line: y.line,
        ...(y.value ? { yearTarget: y.value.text } : {}),
      };
      const at = this.indicators.findIndex((i) => i.line > y.line);
      this.indicators.splice(at < 0 ? this.indicators.length : at, 0, ind);
      this.claimed.add(ind);
      this.note(y.line, `“${name ?? y.value?.text ?? ""}”只出现在年度一侧，实施期一侧没有对应的指标；单列为一项指标`);
    }
  }

  private level1AtLine(line: number): string {
    return [...this.indicators].reverse().find((i) => i.line <= line)?.level1 ?? this.level1;
  }

  private level2AtLine(line: number): string {
    return [...this.indicators].reverse().find((i) => i.line <= line)?.level2 ?? this.level2;
  }

  // -- After the end --

  private afterEnd(tokens: Token[], line: number, pending: PendingLabel | undefined): void {
    if (pending && !tokens.some(isLabel)) {
      const [first, ...rest] = tokens;
      if (first) this.assign(pending.role, pending.label, first.text, line);
      if (rest.length > 0) this.unplaced(rest, line);
      this.endLine = line;
      return;
    }
    if (tokens.length === 1 && ATTACHMENT_LINE.test((tokens[0] as Token).text)) return;
    const message = `绩效表“${this.projectName ?? this.title.text.trim()}”结束（填报人、联系电话）之后的行，无法归入该表：${quote(tokens)}`;
    if (tokens.some((t) => /\d/u.test(t.text))) this.problems.push({ line, message });
    else this.note(line, message);
  }

  // -- Notes --

  /**
   * Cells the structured reading cannot place (they stay in `rows`). As for the rest of a report, a cell with a digit
   * is a problem (a number must never be dropped silently); a text cell is a note (照录).
   */
  private unplaced(tokens: Token[], line: number, why?: string): void {
    const numbers = tokens.filter((t) => /\d/u.test(t.text));
    const words = tokens.filter((t) => !/\d/u.test(t.text));
    if (numbers.length > 0) this.problems.push({ line, message: `绩效表中无法归位的含数字单元格：${quote(numbers)}${why ? `（${why}）` : ""}` });
    if (words.length > 0) this.note(line, `绩效表中未归位的文字，照录于表格各行：${quote(words)}`);
  }

  private note(line: number, message: string): void {
    this.notes.push({ line, message });
  }

  finish(): PerformanceParse {
    this.matchYears();
    const firstIndicator = this.indicators[0];
    if (firstIndicator && firstIndicator.level1 === "") {
      this.note(firstIndicator.line, "开头几行指标之上没有一级指标单元格（或该单元格另有文字），一级指标留空");
    }
    let totalScore: string | undefined;
    if (this.totals.length > 0) {
      const last = this.totals[this.totals.length - 1] as { value: string; line: number };
      totalScore = last.value;
      for (const t of this.totals.slice(0, -1)) {
        this.fields.push({ label: "总分", value: t.value, line: t.line });
        this.note(t.line, `表中有多行“总分”，以最后一行（第 ${last.line} 行）为总分，此行照录为字段`);
      }
    }
    const table: PerformanceTable = {
      kind: this.kind,
      title: normalizeText(stripMarkdown(this.title.text)),
      line: this.title.line,
      endLine: this.endLine,
      ...(this.projectName !== undefined ? { projectName: this.projectName } : {}),
      ...(this.department !== undefined ? { department: this.department } : {}),
      ...(this.implementingUnit !== undefined ? { implementingUnit: this.implementingUnit } : {}),
      fields: this.fields.sort((a, b) => a.line - b.line),
      funding: this.funding,
      indicators: this.indicators,
      ...(totalScore !== undefined ? { totalScore } : {}),
      conclusions: this.conclusions,
      rows: this.rows,
    };
    return { table, problems: uniqueNotes(this.problems), notes: uniqueNotes(this.notes) };
  }
}

/**
 * The name and value cells of one side, without repetitions. Cells that are all 二级 words are the PDF repeating
 * the 二级 cell (`服务对象满意度 | 服务对象满意度 | 服务对象满意度`), not a name and a value.
 */
function nameAndValue(rest: Token[]): Token[] {
  if (rest.every((t) => isTargetL2(t.text))) return [];
  return dedupe(rest);
}

function uniqueNotes(notes: ImportNote[]): ImportNote[] {
  const seen = new Set<string>();
  return notes
    .filter((n) => {
      const k = `${n.line}\u0000${n.message}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .sort((a, b) => a.line - b.line);
}

function trimCells(cells: string[]): string[] {
  let n = cells.length;
  while (n > 0 && cells[n - 1] === "") n--;
  return cells.slice(0, n);
}
