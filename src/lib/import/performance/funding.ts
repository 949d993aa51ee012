/**
 * The funding rows of a table (项目资金, 项目预算金额, 年度预算情况): the columns named by the first row (实施期 / 年度
 * 资金总额; a self-evaluation's 项目预算金额 | 实际到位金额 | 实际执行金额), then rows of sources and amounts. An amount
 * without a column or source is reported, never dropped.
 */
import { isAmount, key, type Token } from "./cells.ts";
import { isLabel } from "./labels.ts";
import { note, unplaced, type ParseState } from "./state.ts";

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

/** The unit a label declares: `（万元）` or `（元）`. */
function unitOf(text: string): string | undefined {
  if (/[（(]\s*万元\s*[)）]/u.test(text)) return "万元";
  if (/[（(]\s*元\s*[)）]/u.test(text)) return "元";
  return undefined;
}

/** The first funding row: its first cell names the funding block. */
export function isFundingStart(text: string): boolean {
  return /^(?:项目资金|项目预算金额|计划拨款金额|年度预算情况)/u.test(key(text));
}

/** A row of funding sources: amounts, or short source labels (`其中：中央、省财政`, `其它`). */
export function isFundingRow(tokens: Token[]): boolean {
  if (tokens.some((t) => isAmount(t.text) || splitEmbeddedAmount(t.text))) return true;
  return tokens.every((t) => !isLabel(t) && t.text.length <= 16 && !/[，。；]/u.test(t.text));
}

/** A funding row: the first names the columns (and may hold the totals), the others pair sources with amounts. */
export function fundingRow(s: ParseState, tokens: Token[], line: number): void {
  const start = isFundingStart((tokens[0] as Token).text);
  if (start) {
    s.section = "funding";
    s.queue = [];
    s.text = undefined;
    s.fundingCols = [];
    s.fundingUnit = unitOf((tokens[0] as Token).text);
  }
  // Pairs of (label, amount) in the order printed.
  const pairs: { label?: Token; amount?: Token }[] = [];
  let carried = s.pendingFunding;
  s.pendingFunding = undefined;
  tokens.forEach((tok, i) => {
    if (isAmount(tok.text)) {
      const last = pairs[pairs.length - 1];
      if (last && last.label && !last.amount) last.amount = tok;
      else if (i === 0 && carried) {
        addFunding(s, carried.col, carried.source, tok, line);
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
    const cols = s.kind === "project-self-evaluation" ? pairs : rest;
    if (s.kind === "department-target") {
      // 年度预算情况 | 按资金来源划分 | 资金总额（万元） | 按资金方向划分 | 资金总额（万元）
      for (const p of rest) {
        const text = p.label?.text ?? "";
        if (/资金总额/u.test(text)) s.fundingUnit ??= unitOf(text);
        else if (p.label) s.fundingCols.push({ label: fundingLabel(text) });
        if (p.amount) unplaced(s, [p.amount], line);
      }
      return;
    }
    if (s.kind === "project-target" && head?.amount) unplaced(s, [head.amount], line);
    for (const p of cols) {
      const text = p.label?.text ?? "";
      const isColumn = p.label !== undefined && (s.kind === "project-self-evaluation" || /总额/u.test(text));
      if (!isColumn) {
        if (p.amount) unplaced(s, [p.amount], line, "金额没有可对应的栏目（实施期/年度资金总额）");
        continue;
      }
      s.fundingCols.push({ label: fundingLabel(text), at: (p.label as Token).col, ...(unitOf(text) ? { unit: unitOf(text) as string } : {}) });
      const col = s.fundingCols.length - 1;
      if (p.amount) addFunding(s, col, "合计", p.amount, line);
      else if (p === pairs[pairs.length - 1]) s.pendingFunding = { col, source: "合计" };
    }
    return;
  }
  pairs.forEach((p, index) => {
    // In its order — unless it stands under a later column (a row whose first columns are blank: `｜｜上年结转资金｜0.00`
    // belongs to 年度资金申请总额, printed right of 项目资金总额).
    const under = p.label ? s.fundingCols.findLastIndex((c) => c.at !== undefined && c.at <= (p.label as Token).col) : -1;
    const col = under > index ? under : index;
    if (!p.label) {
      if (p.amount) unplaced(s, [p.amount], line, "金额前没有资金来源");
      return;
    }
    const source = fundingSource(p.label.text);
    if (p.amount) addFunding(s, col, source, p.amount, line);
    else if (index === pairs.length - 1) s.pendingFunding = { col, source };
  });
}

/** Records an amount under its column and source. */
function addFunding(s: ParseState, col: number, source: string, amount: Token, line: number): void {
  const column = s.fundingCols[col];
  const unit = column?.unit ?? s.fundingUnit;
  if (!column || !unit) {
    unplaced(s, [amount], line, column ? "资金表没有注明单位" : "金额超出资金表的栏目");
    return;
  }
  if (source.length <= 1) note(s, line, `资金来源“${source}”像是上一行折行的残余，照录`);
  s.funding.push({ label: column.label, source, amount: amount.text, unit, line });
}
