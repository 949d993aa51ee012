/**
 * Text against tables: every amount quoted in 情况说明 and 概况 is matched to the cell it quotes, or to the sum,
 * difference or ratio of cells it describes. Key figures (收入总计, “三公”经费, 机关运行经费, 政府采购…) are compared
 * with the one cell that prints them; other amounts with any cell of the same value; changes from last year and
 * percentages are recomputed from the amounts they are stated with.
 */
import type { Report } from "../../model.ts";
import { RULES_BASIS, type Rule, TEMPLATE_BASIS } from "../types.ts";
import { checkAmounts } from "./narrative/amounts.ts";
import type { Family } from "./narrative/figures.ts";
import { checkFamily, FAMILY_IDS } from "./narrative/keyed.ts";
import { mentions } from "./narrative/mentions.ts";
import { checkChanges, checkPercentages } from "./narrative/ratios.ts";

const BOTH = ["final", "budget"] as const;
const BASIS = `${RULES_BASIS}：情况说明中的数字应与公开表格一致`;

interface FamilyRule {
  family: Family;
  title: string;
  kinds: Rule["kinds"];
  reads: string;
}

const FAMILIES: FamilyRule[] = [
  { family: "total-income", title: "文中的收入总计、本年收入合计与收支总表一致", kinds: BOTH, reads: "情况说明中的收入总计、本年收入合计；决算公开01表（及公开02表合计行）、预算表一的收入总计、本年收入合计" },
  { family: "total-expenditure", title: "文中的支出总计、本年支出合计与收支总表一致", kinds: BOTH, reads: "情况说明中的支出总计、本年支出合计；决算公开01表（及公开03表合计行）、预算表一的支出总计与表三合计" },
  { family: "appropriation", title: "文中的财政拨款收支与财政拨款表一致", kinds: BOTH, reads: "情况说明中的财政拨款收入/支出总计、一般公共预算财政拨款支出、政府性基金收支总计；决算公开04、05、07表，预算表四、表五" },
  { family: "basic-project", title: "文中的基本支出、项目支出、人员经费、公用经费与表格一致", kinds: BOTH, reads: "情况说明中的基本支出、项目支出、人员经费、公用经费；决算公开03、05、06表，预算表三、表五、表六" },
  { family: "three-public", title: "文中的“三公”经费及各分项与“三公”经费表一致", kinds: BOTH, reads: "情况说明中的“三公”经费合计与因公出国（境）费、公务用车购置及运行维护费、公务接待费；决算公开09表（预算数、决算数），预算表十" },
  { family: "office-expenses", title: "文中的机关运行经费与表格一致", kinds: BOTH, reads: "情况说明中的机关运行经费；决算公开10表（行政单位、参照公务员法管理事业单位），预算表十一部门合计" },
  { family: "procurement", title: "文中的政府采购金额与相关信息统计表一致", kinds: ["final"], reads: "情况说明中的政府采购支出总额及货物、工程、服务；决算公开10表政府采购部分" },
];

const keyed: Rule[] = FAMILIES.map((f) => ({
  id: FAMILY_IDS[f.family],
  title: f.title,
  basis: BASIS,
  category: "narrative",
  kinds: f.kinds,
  reads: f.reads,
  run: (report: Report) => checkFamily(report, f.family),
}));

export const NARRATIVE_RULES: readonly Rule[] = [
  ...keyed,
  {
    id: "narrative.amounts",
    title: "文中其他金额能在表格中找到",
    basis: BASIS,
    category: "narrative",
    kinds: BOTH,
    reads: "情况说明和概况中不属于上述关键数字的每一个金额（万元、元）；各公开表的全部金额格",
    run: (report) => checkAmounts(report, "narrative.amounts", mentions(report)),
  },
  {
    id: "narrative.changes",
    title: "文中的增减额与增减幅度自洽",
    basis: `${TEMPLATE_BASIS}：增减幅度 = 增减额 ÷ 上年数，上年数 = 本年数 ∓ 增减额`,
    category: "narrative",
    kinds: BOTH,
    reads: "情况说明中“比上年增加/减少…万元，增长/下降…%”及其所说的本年数",
    run: (report) => checkChanges("narrative.changes", mentions(report)),
  },
  {
    id: "narrative.percentages",
    title: "文中的占比和预算完成率与所说的金额相符",
    basis: `${TEMPLATE_BASIS}：占比 = 分项 ÷ 合计，完成率 = 决算数 ÷ 预算数`,
    category: "narrative",
    kinds: BOTH,
    reads: "情况说明中的“占比…%”“占…的…%”“完成年初预算的…%”及其分子、分母",
    run: (report) => checkPercentages(report, "narrative.percentages", mentions(report)),
  },
];
