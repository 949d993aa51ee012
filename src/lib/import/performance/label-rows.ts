/**
 * Rows of labels and values (the head and tail of a table): each label takes the value that shares its cell, the
 * next cell, or a value on a later line; cells without a label go to a pending label, the open text, the goals or
 * 年度重点任务, or are placed by their position.
 */
import { isAmount, quote, type Token } from "./cells.ts";
import { addText, assign, continueText, evaluatorRow, total } from "./fields.ts";
import { isLabel, labelOf } from "./labels.ts";
import { note, unplaced, type ParseState, type PendingLabel } from "./state.ts";

/** A row that is not funding or indicators; `pending` is the label that ended the previous row without its value. */
export function labelRow(s: ParseState, tokens: Token[], line: number, pending: PendingLabel | undefined): void {
  let pend = pending;
  const firstLabel = tokens.findIndex(isLabel);
  const leading = firstLabel < 0 ? tokens : tokens.slice(0, firstLabel);
  if (leading.length > 0) {
    pend = leadingCells(s, leading, line, firstLabel < 0, pend, tokens);
    if (firstLabel < 0) return;
  }
  s.text = undefined;
  s.tasks = false;
  let i = firstLabel;
  while (i < tokens.length) {
    const tok = tokens[i] as Token;
    const m = labelOf(tok);
    i++;
    if (!m) {
      if (pend) {
        assign(s, pend.role, pend.label, tok.text, line);
        pend = undefined;
      } else placeByPosition(s, tok, tokens, line);
      continue;
    }
    const rest = tokens.slice(i);
    const restText = (): string => [...(m.value !== undefined ? [m.value] : []), ...rest.map((t) => t.text)].join(" ");
    switch (m.def.role) {
      case "filler":
        continue;
      case "total":
        total(s, rest, line);
        return;
      case "text":
      case "multi":
        assign(s, m.def.role, m.label, restText(), line);
        return;
      case "goalGroup": {
        s.goalGroup = m.label;
        const next = rest[0];
        if (m.value !== undefined || (next && !isLabel(next))) {
          addText(s, m.label, restText(), line);
          return;
        }
        continue;
      }
      case "goalSub":
        assign(s, "goalSub", s.goalGroup ? `${s.goalGroup}/${m.label}` : m.label, restText(), line);
        return;
      case "goalHeader": {
        const right = rest[0];
        s.goalHeader = { left: m.label, right: right?.text ?? "年度目标", rightCol: right?.col ?? Number.MAX_SAFE_INTEGER };
        s.expectGoal = true;
        return;
      }
      case "goal":
        goalRow(s, m.label, m.value !== undefined ? [{ text: m.value, raw: m.value, col: tok.col }, ...rest] : rest, line);
        return;
      case "evaluators":
        s.section = "evaluators";
        evaluatorRow(s, rest, line);
        return;
      case "tasks":
        s.tasks = true;
        if (rest.length > 0) taskRow(s, m.label, rest, line);
        return;
      case "tasksHeader":
        s.tasks = true;
        return;
      default: {
        const role = m.def.role;
        if (role === "field" && (m.def.key === "填报人" || m.def.key === "联系电话") && s.section === "evaluators") s.section = "tail";
        if (m.value !== undefined) assign(s, role, m.label, m.value, line);
        else if (rest[0] && !isLabel(rest[0])) {
          assign(s, role, m.label, rest[0].text, line);
          i++;
        } else if (rest.length === 0) {
          // The value is on a later line: the next row's first cell (a wrapped cell) or, when the label stands on a
          // line of its own, the first unlabelled cell further down (labels printed above their values).
          if (tokens.length === 1) s.queue.push({ role, label: m.label });
          else s.pending = { role, label: m.label };
        }
      }
    }
  }
}

/** Cells before the first label of a row. Returns the pending label if it was not used. */
function leadingCells(
  s: ParseState,
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
      assign(s, pend.role, pend.label, tok.text, line);
      pend = undefined;
      rest = rest.slice(1);
      continue;
    }
    if (s.queue.length > 0 && !isAmount(tok.text) && !/^\d{8,}$/u.test(tok.text)) {
      const q = s.queue.shift() as PendingLabel;
      assign(s, q.role, q.label, tok.text, line);
      rest = rest.slice(1);
      continue;
    }
    break;
  }
  if (rest.length === 0) return pend;
  if (wholeRow && s.text) {
    continueText(s, rest, line);
    return pend;
  }
  if (wholeRow && s.afterFunding && rest.length === 1 && !s.conclusions.some((c) => c.label === "项目概况")) {
    note(s, line, `“项目概况”标签缺失，按位置（紧接项目资金之后）读作项目概况`);
    addText(s, "项目概况", (rest[0] as Token).text, line);
    return pend;
  }
  if (wholeRow && s.expectGoal) {
    note(s, line, `“总体目标”标签缺失，按位置读作总体目标：${quote(rest)}`);
    goalRow(s, "总体目标", rest, line);
    return pend;
  }
  if (wholeRow && s.tasks && rest.length >= 2) {
    taskRow(s, "年度重点任务", rest, line);
    return pend;
  }
  for (const tok of rest) placeByPosition(s, tok, row, line);
  return pend;
}

/**
 * An unlabelled cell that neither a pending label nor a continued text takes: placed by its position where the
 * template leaves no doubt, otherwise reported.
 *  - In the first row of the table, a cell in a value column (not the label column) is the 项目名称 whose label the
 *    PDF lost (`<div>单位负责人…</div> | 智慧养老服务平台运营费`, `| | 各项工作经费`).
 *  - The first cell of the row that holds 实施单位 is the 主管部门 (`064-阳泉市民政局 | 实施单位 | 阳泉市民政局`).
 */
function placeByPosition(s: ParseState, tok: Token, row: Token[], line: number): void {
  if (!s.bodyStarted && s.projectName === undefined && tok.col >= 1 && !isAmount(tok.text)) {
    s.projectName = tok.text;
    note(s, line, `表格第一行没有“项目名称”标签，按位置读作项目名称：“${tok.text}”`);
    return;
  }
  const unitInRow = row.some((t) => labelOf(t)?.def.role === "unit");
  if (s.department === undefined && tok === row[0] && unitInRow && !isAmount(tok.text)) {
    s.department = tok.text;
    note(s, line, `“主管部门”标签缺失，按位置（与“实施单位”同一行）读作主管部门：“${tok.text}”`);
    return;
  }
  unplaced(s, [tok], line);
}

/** The 总体目标 row: one text, or the 实施期 and 年度 goals under the header read before. */
function goalRow(s: ParseState, label: string, values: Token[], line: number): void {
  s.expectGoal = false;
  const h = s.goalHeader;
  if (!h) {
    if (values.length > 0) addText(s, label, values.map((t) => t.text).join(" "), line);
    return;
  }
  if (values.length === 1) {
    const v = values[0] as Token;
    addText(s, `${label}/${v.col >= h.rightCol ? h.right : h.left}`, v.text, line);
    return;
  }
  const [left, right, ...extra] = values;
  if (left) addText(s, `${label}/${h.left}`, left.text, line);
  if (right) addText(s, `${label}/${h.right}`, right.text, line);
  if (extra.length > 0) unplaced(s, extra, line);
  s.text = undefined;
}

/** A 年度重点任务 row: a 核心职能 and its tasks. */
function taskRow(s: ParseState, label: string, tokens: Token[], line: number): void {
  const [fn, ...text] = tokens;
  if (!fn) return;
  if (text.length === 0) {
    unplaced(s, [fn], line);
    return;
  }
  s.conclusions.push({ label: `${label}/${fn.text}`, value: text.map((t) => t.text).join(" "), line });
}
