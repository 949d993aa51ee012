/**
 * One unit per chart. A chart across reports (a department over the years, like departments across cities) can meet
 * figures published in different units — a Shanghai budget prints 元 with its “三公” table in 万元, a Shanxi one
 * 万元 throughout. Such a chart shows every amount in one unit, converted exactly (the decimal point moved, nothing
 * rounded); each converted value keeps the value and unit it was published in, and the chart says what was converted.
 */
import { convertAmount, displayUnit, shiftWords } from "../units.ts";
import type { Chart, ChartValue } from "./model.ts";

/** `v` (and the amounts a share is computed from) in `unit`; a value that is not a number (——) stays as printed. */
export function inUnit(v: ChartValue | undefined, unit: string): ChartValue | undefined {
  if (!v) return v;
  const out: ChartValue = { ...v };
  if (v.amount) out.amount = inUnit(v.amount, unit);
  if (v.of) out.of = inUnit(v.of, unit);
  if (v.unit === undefined || v.unit === unit) return out;
  if (v.value === "") return { ...out, unit };
  const converted = convertAmount(v.value, v.unit, unit);
  return converted === undefined ? out : { ...out, value: converted, unit, published: { value: v.value, unit: v.unit } };
}

/** Every amount of a chart with the series it belongs to: values, the amounts shares are computed from, totals. */
function amounts(chart: Chart): { v: ChartValue; series?: string }[] {
  const out: { v: ChartValue; series?: string }[] = [];
  const add = (v: ChartValue | undefined, series?: string) => {
    if (!v) return;
    if (v.unit !== undefined) out.push({ v, ...(series !== undefined ? { series } : {}) });
    add(v.amount, series);
    add(v.of, series);
  };
  for (const row of chart.rows) row.values.forEach((v, i) => add(v, chart.series[i]?.label));
  for (const s of chart.series) add(s.total, s.label);
  add(chart.total?.value);
  return out;
}

/**
 * The chart with all its amounts in one unit: the largest unit among them (its own when they agree). Shares (unit %)
 * keep their per cent; the amounts they are computed from are converted like the rest. A note names what was
 * converted and how.
 */
export function oneUnit(chart: Chart): Chart {
  const all = amounts(chart);
  const target = displayUnit(all.map((a) => a.v.unit as string));
  if (target === undefined) return chart;
  const unit = chart.unit === "%" ? "%" : target;
  const converted = new Map<string, Set<string>>();
  for (const a of all) {
    if (a.v.unit === target || a.v.value === "" || convertAmount(a.v.value, a.v.unit as string, target) === undefined) continue;
    const from = a.v.unit as string;
    const names = converted.get(from) ?? new Set<string>();
    if (a.series) names.add(a.series);
    converted.set(from, names);
  }
  if (converted.size === 0 && unit === chart.unit) return chart;
  const notes = [...converted].map(([from, names]) => {
    const whose = names.size === 0 ? "" : `（${[...names].slice(0, 3).join("、")}${names.size > 3 ? `等 ${names.size} 项` : ""}）`;
    return `部分金额原文以${from}为单位${whose}，图中换算为${target}：${shiftWords(from, target)}，数字不变、不舍入；原文数字见下表“原文”和 CSV 的 published_value、published_unit 列。`;
  });
  return {
    ...chart,
    unit,
    rows: chart.rows.map((r) => ({ ...r, values: r.values.map((v) => inUnit(v, target)) })),
    series: chart.series.map((s) => (s.total ? { ...s, total: inUnit(s.total, target) as ChartValue } : s)),
    ...(chart.total ? { total: { ...chart.total, value: inUnit(chart.total.value, target) as ChartValue } } : {}),
    notes: [...chart.notes, ...notes],
  };
}
