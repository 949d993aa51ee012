/**
 * Where a performance table starts and ends in the text of a disclosure: its title line, and the lines that cannot
 * belong to it. The caller (report.ts) cuts the blocks; the parser reads one block.
 */
import type { PerformanceKind } from "../../model.ts";
import { normalizeText, splitCells, stripMarkdown } from "../../text.ts";

const TITLES: readonly (readonly [RegExp, PerformanceKind])[] = [
  [/项目支出绩效目标(?:申报|填报)?表$/u, "project-target"],
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
