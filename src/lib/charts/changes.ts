/**
 * Change by 类 (issue 14): what each 类 of spending moved since the year before, as the report's 情况说明 states it —
 * a diverging bar per 类 (increase right, decrease left), its percentage in its label, its reason in the notes. The
 * amounts are the text's own, signed by the direction the text gives; a 类 the text says is unchanged is named in a
 * note, not drawn as a zero bar.
 */
import { directionSign, type StatementView } from "../export/changes.ts";
import { yearKind } from "../format.ts";
import type { Report } from "../model.ts";
import { routes } from "../paths.ts";
import type { Chart } from "./model.ts";

export function classChangesChart(report: Report, views: readonly StatementView[]): Chart | undefined {
  const about = views.filter((v) => v.statement.kind === "change" && v.statement.code?.length === 3);
  const drawn = about.filter((v) => v.statement.change && (v.statement.direction === "increase" || v.statement.direction === "decrease"));
  if (drawn.length === 0) return undefined;
  const unchanged = about.filter((v) => v.statement.direction === "unchanged");
  const bases = [...new Set(drawn.map((v) => v.statement.base.text))];
  const unit = drawn[0]?.statement.change?.unit ?? report.meta.unit;
  return {
    id: "changes",
    type: "bars",
    title: "各类支出比上年的增减",
    period: yearKind(report.meta),
    unit,
    basis: `情况说明（原文第 ${[...new Set(drawn.map((v) => v.statement.line))].sort((a, b) => a - b).join("、")} 行）所说的各类支出比${bases.join("、")}的增减额`,
    series: [{ key: "change", label: `比${bases.join("、")}增减` }],
    rows: drawn.map((v) => {
      const s = v.statement;
      const sign = s.direction === "decrease" ? "-" : "";
      return {
        key: s.code ?? String(v.no),
        ...(s.code ? { code: s.code } : {}),
        label: `${s.figure}${s.percent ? `（${directionSign(s)}${s.percent.value} %）` : ""}`,
        depth: 1,
        values: [{ value: `${sign}${s.change?.value ?? ""}`, unit: s.change?.unit ?? unit }],
      };
    }),
    notes: [
      "增减额照录情况说明，增加画在右、减少画在左；括号中是文中的增减幅度。",
      ...drawn.filter((v) => v.statement.reason).map((v) => `${v.statement.figure}：${v.statement.reason}`),
      ...(unchanged.length > 0 ? [`与上年相同：${unchanged.map((v) => v.statement.figure).join("、")}。`] : []),
    ],
    csv: routes.reportChart(report.meta.id, "changes"),
  };
}
