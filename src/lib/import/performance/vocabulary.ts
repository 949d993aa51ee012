/**
 * The indicator vocabulary: the 一级 / 二级 indicator names of the target tables (数量指标, 社会效益指标 …) and of the
 * self-evaluations (`产出指标（50分）`, `指标1`), scores and value-like cells, and when two indicator names are one.
 */

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
export function isTargetL2(text: string): boolean {
  return TARGET_L2_SET.has(text) || (text.length >= 5 && TARGET_L2.some((v) => v.startsWith(text)));
}

/** 一级指标 of a target table; 成本指标 is one only when a 二级 cost indicator follows (2021 template). */
export function isTargetL1(text: string, next: string | undefined): boolean {
  return TARGET_L1.has(text) || (text === "成本指标" && next !== undefined && COST_L2.has(next));
}

/** The weight printed after a self-evaluation indicator: `（50分）`. */
const SCORE_SUFFIX = "(?:\\s*[（(]\\s*\\d+(?:\\.\\d+)?\\s*分\\s*[)）])?";
/** 一级指标 of a self-evaluation, with or without its weight. */
export const SELF_L1 = new RegExp(`^(?:产出|效益|满意度)指标${SCORE_SUFFIX}$`, "u");
const SELF_COST_L1 = new RegExp(`^成本指标${SCORE_SUFFIX}$`, "u");
/** 一级指标 of a self-evaluation; 成本指标 is one only when a 二级 cost indicator follows (it is 二级 in these tables). */
export function isSelfL1(text: string, next: string | undefined): boolean {
  return SELF_L1.test(text) || (SELF_COST_L1.test(text) && next !== undefined && COST_L2.has(next.replace(/\s*[（(].*$/u, "")));
}
/** 二级指标 of a self-evaluation: any `…指标`, with or without its weight. */
export const SELF_L2 = new RegExp(`^[\\u4e00-\\u9fff]{2,10}指标${SCORE_SUFFIX}$`, "u");
/** `指标1`, `指标2:`, `指标1 遗体火化数` (name in the same cell). */
export const SLOT = /^指标\s*\d+\s*[:：]?(?:\s+(\S.*))?$/u;
/** A 自评得分: `8`, `9.5分`. */
export const SCORE = /^\d+(?:\.\d+)?\s*分?$/u;
/** Looks like an indicator value rather than a name: `≥90%`, `100%`, `不低于上年`, `1900具`. */
export const VALUE_LIKE = /^(?:[≥≤<>＜＞=≧≦]|大于|小于|不低于|不高于|不超过|\d)/u;

/** Two names are one indicator when one is the other cut short, or they share a start of 4 characters or more. */
export function sameIndicator(a: string, b: string): boolean {
  const x = a.replace(/\s+/gu, "");
  const y = b.replace(/\s+/gu, "");
  if (x === "" || y === "") return false;
  if (x.startsWith(y) || y.startsWith(x)) return true;
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n]) n++;
  return n >= Math.min(4, x.length, y.length);
}
