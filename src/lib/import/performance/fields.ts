/**
 * Fields and conclusions: where a label's value goes (the table's project, department and unit, a plain field, a
 * text that may continue on the following lines), the lines of their own above and below the grid (年度, 评分说明,
 * `标签：值`), the 总分 and the 评价人员.
 */
import type { PerformanceField } from "../../model.ts";
import { normalizeText } from "../../text.ts";
import { key, type Token } from "./cells.ts";
import { isLabel, type Role } from "./labels.ts";
import type { OpenText, ParseState } from "./state.ts";

/** Labels of the lines printed above a table's grid. */
export const TITLE_AREA = new Set(["填报日期", "单位(盖章)", "单位", "单位负责人", "主管单位"]);
/** The year printed under the title: `（2024年度）`. */
const YEAR_LINE = /^[（(]?\s*\d{4}\s*[)）]?\s*年度\s*[)）]?$/u;
/** The attachment number printed above a table (`附件1`), usually the next one's. */
export const ATTACHMENT_LINE = /^附件\s*\d*$/u;
/** The scoring explanation printed under a self-evaluation: `总分设置为100分：预算执行率10分、…`. */
const SCORING_NOTE = /^[（(]?\s*(?:总分设置为|当总分为|满分设置为|评分说明|评分标准)/u;
/** A label and its value on a line of their own, when the label is not a known one (`填報日期: 2025.4.8`). */
const COLON_LINE = /^([^:：\d]{2,10}?)\s*[:：]\s*(\S.*)$/u;

/** Lines of their own above, between and below the table's rows. Returns true when the line was taken. */
export function metaLine(s: ParseState, token: Token, line: number): boolean {
  const text = token.text;
  if (YEAR_LINE.test(text)) {
    s.fields.push({ label: "年度", value: text, line });
    return true;
  }
  if (SCORING_NOTE.test(text)) {
    s.fields.push({ label: "评分说明", value: text, line });
    return true;
  }
  if (s.bodyStarted || isLabel(token)) return false;
  const m = COLON_LINE.exec(token.raw);
  if (m) {
    s.fields.push({ label: normalizeText(m[1] as string), value: normalizeText(m[2] as string), line });
    return true;
  }
  return false;
}

/** Gives a label's value its place: the table's project, department or unit, a text, or a field. */
export function assign(s: ParseState, role: Role, label: string, value: string, line: number): void {
  const set = (current: string | undefined, apply: (v: string) => void): void => {
    if (current === undefined) apply(value);
    else if (current !== value) s.fields.push({ label, value, line });
  };
  switch (role) {
    case "project":
      set(s.projectName, (v) => (s.projectName = v));
      return;
    case "department":
      set(s.department, (v) => (s.department = v));
      return;
    case "unit":
      set(s.implementingUnit, (v) => (s.implementingUnit = v));
      return;
    case "text":
    case "goalSub":
      addText(s, label, value, line);
      return;
    default:
      s.fields.push({ label, value, line });
      if (key(label) === "联系电话" && (s.section === "tail" || s.section === "evaluators")) s.section = "done";
  }
}

/** Opens a text field (conclusion); its text may continue on the following lines. */
export function addText(s: ParseState, label: string, value: string, line: number): void {
  const entry: PerformanceField = { label, value, line };
  if (value !== "") s.conclusions.push(entry);
  s.text = { label, line, ...(value !== "" ? { entry } : {}) };
}

/** Appends a row without labels to the open text field. */
export function continueText(s: ParseState, tokens: Token[], line: number): void {
  const t = s.text as OpenText;
  const more = tokens.map((x) => x.text).join(" ");
  if (t.entry) t.entry.value = `${t.entry.value}\n${more}`;
  else {
    t.entry = { label: t.label, value: more, line };
    s.conclusions.push(t.entry);
  }
}

/** A 总分 row: its value, and the end of the indicators. */
export function total(s: ParseState, rest: Token[], line: number): void {
  if (rest.length === 0) return;
  s.totals.push({ value: rest.map((t) => t.text).join(" "), line });
  s.section = "tail";
}

/** A row of the 评价人员 list, without its column headings. */
export function evaluatorRow(s: ParseState, tokens: Token[], line: number): void {
  const words = tokens
    .map((t) => normalizeText(t.raw.replace(/^(?:姓名|职称\/职务|职务\/职务|工作单位|签字)\s+/u, "")))
    .filter((t) => !["姓名", "职称/职务", "职务/职务", "工作单位", "签字", "评价人员"].includes(t));
  if (words.length > 0) s.fields.push({ label: "评价人员", value: words.join(" "), line });
}
