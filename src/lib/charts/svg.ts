/**
 * SVG for the charts, written at build time with d3-scale, d3-shape and d3-array (no DOM, no browser): the markup is
 * a pure function of the chart, with coordinates rounded to 0.1 and ids built from the chart id, so the same data
 * always gives the same bytes. Values are printed as their published decimal strings; numbers only place the marks.
 *
 * Styles: 决算 (and the first series) solid dark blue, 预算 hatched orange, further series light blue and dotted
 * green — told apart by pattern and lightness as well as hue, so they survive colour blindness and greyscale print.
 */
import { max, min, ticks } from "d3-array";
import { scaleLinear, scalePoint } from "d3-scale";
import { stratify } from "d3-hierarchy";
import { line } from "d3-shape";
import { cellId } from "../figures.ts";
import { groupDigits } from "../format.ts";
import { escapeXml } from "../text.ts";
import { amount, type Chart, type ChartRow, type ChartSeries, type ChartValue } from "./model.ts";

export const WIDTH = 340;
const FONT = 13;
const LABEL_H = 17;
const BAR_H = 12;
const BAR_GAP = 3;
const ROW_GAP = 8;
const VALUE_W = 86;
const LEGEND_H = 18;
const SERIES_LABEL_H = 13;
const TEXT = "#1a1a1a";
const MUTED = "#595959";

export { escapeXml };

/** A coordinate with one decimal, no `-0`. */
export function fx(n: number): string {
  const r = Math.round(n * 10) / 10;
  return String(r === 0 ? 0 : r);
}

type Style = { fill: string; pattern?: { id: string; body: string; bg: string } };

const STYLES = {
  solid: { fill: "#1f4e79" },
  hatch: { fill: "#a04b00", pattern: "hatch", bg: "#f7d9bd" },
  light: { fill: "#6baed6" },
  dots: { fill: "#2d6a3e", pattern: "dots", bg: "#d5ebd9" },
} as const;

/** More series than styles: each bar is then labelled with its series instead of a legend. */
export const MAX_STYLED_SERIES = 4;

/**
 * The style of each series: by report kind (决算 solid, 预算 hatched) when the series are reports and either both kinds,
 * a single report or too many to tell apart by style; else by position — all solid when there are more series than
 * styles (each bar is labelled then).
 */
export function seriesStyles(chartId: string, series: readonly ChartSeries[]): Style[] {
  // By position, hatching is kept for last: elsewhere it means 预算.
  const order = ["solid", "dots", "light", "hatch"] as const;
  const labelled = series.length > MAX_STYLED_SERIES;
  const byKind = series.every((s) => s.kind) && (new Set(series.map((s) => s.kind)).size === 2 || series.length === 1 || labelled);
  return series.map((s, i) => {
    const name = byKind ? (s.kind === "budget" ? "hatch" : "solid") : labelled ? "solid" : order[i % order.length];
    const st = STYLES[name as keyof typeof STYLES];
    if (!("pattern" in st)) return { fill: st.fill };
    const id = `${chartId}-p${i}`;
    const body =
      st.pattern === "hatch"
        ? `<rect width="6" height="6" fill="${st.bg}"/><path d="M0 6L6 0M-1 1L1 -1M5 7L7 5" stroke="${st.fill}" stroke-width="1.6"/>`
        : `<rect width="5" height="5" fill="${st.bg}"/><circle cx="2.5" cy="2.5" r="1.3" fill="${st.fill}"/>`;
    return { fill: `url(#${id})`, pattern: { id, body, bg: st.bg } };
  });
}

function defs(styles: readonly Style[]): string {
  const patterns = styles.flatMap((s) => {
    if (!s.pattern) return [];
    const size = s.pattern.body.includes("circle") ? 5 : 6;
    return [`<pattern id="${s.pattern.id}" width="${size}" height="${size}" patternUnits="userSpaceOnUse">${s.pattern.body}</pattern>`];
  });
  return patterns.length > 0 ? `<defs>${patterns.join("")}</defs>` : "";
}

/** How a value is printed: grouped digits (and % for shares); 空 for an empty cell; “——” as printed. */
export function printed(v: ChartValue | undefined, unit: string): string {
  if (!v) return "无此项";
  if (v.absent) return v.gap === "none" ? "无此项" : v.gap === "empty" ? "无数据" : "缺";
  if (v.value === "") return "空";
  if (amount(v) === undefined) return v.value;
  return unit === "%" ? `${v.value}%` : groupDigits(v.value);
}

/** `data-ref="<report>#<cell id>"`: the report page cell the value is printed in (the tests follow it). */
const refAttr = (v: ChartValue | undefined) => (v?.ref ? ` data-ref="${escapeXml(v.ref.report)}#${cellId(v.ref.table, v.ref.line, v.ref.column)}"` : "");

function legend(series: readonly ChartSeries[], styles: readonly Style[], y0: number, unit: string): string {
  // A chart of shares prints each series' total as the amount it is, with its unit (not as a per cent).
  const totalText = (t: ChartValue) => `（合计 ${escapeXml(groupDigits(t.value))}${unit === "%" && t.unit ? ` ${escapeXml(t.unit)}` : ""}）`;
  return series
    .map((s, i) => {
      const y = y0 + i * LEGEND_H;
      const style = styles[i] as Style;
      return `<g class="legend"><rect x="0" y="${fx(y + 2)}" width="14" height="${BAR_H}" fill="${style.fill}" stroke="${TEXT}" stroke-width="0.6"/><text x="20" y="${fx(y + 12)}" font-size="${FONT}" fill="${TEXT}">${escapeXml(s.label)}${s.total ? totalText(s.total) : ""}</text></g>`;
    })
    .join("");
}

export interface SvgText {
  /** Unique among the page's ids; the title and description ids are derived from it. */
  id: string;
  title: string;
  desc: string;
}

function open(t: SvgText, height: number): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg" id="${t.id}" viewBox="0 0 ${WIDTH} ${fx(height)}" width="${WIDTH}" height="${fx(height)}" role="img" aria-labelledby="${t.id}-t ${t.id}-d">` +
    `<title id="${t.id}-t">${escapeXml(t.title)}</title><desc id="${t.id}-d">${escapeXml(t.desc)}</desc>`
  );
}

/**
 * Horizontal bars: a row per datum (label on its own line, so long Chinese names never collide with the bars), a bar
 * per series under it with the value printed at the right. Bars start at zero; negative values go left of it.
 */
export function barsSvg(chart: Chart, rows: readonly ChartRow[], text: SvgText): string {
  const styles = seriesStyles(text.id, chart.series);
  const numbers = rows.flatMap((r) => r.values.map(amount)).filter((n): n is number => n !== undefined);
  const lo = Math.min(0, min(numbers) ?? 0);
  const hi = Math.max(0, max(numbers) ?? 0);
  const x = scaleLinear()
    .domain(lo === hi ? [0, 1] : [lo, hi])
    .range([0, WIDTH - VALUE_W]);
  const x0 = x(0);
  // Up to four series: a legend and a style each. More: every bar has its series' name on the line above it.
  const labelled = chart.series.length > MAX_STYLED_SERIES;
  const showLegend = chart.series.length > 1 && !labelled;
  const top = showLegend ? chart.series.length * LEGEND_H + 6 : 0;
  const seriesH = BAR_H + BAR_GAP + (labelled ? SERIES_LABEL_H : 0);
  const rowH = LABEL_H + chart.series.length * seriesH + ROW_GAP;
  const minDepth = min(rows, (r) => r.depth) ?? 1;
  const body = rows
    .map((row, r) => {
      const y = top + r * rowH;
      const indent = (row.depth - minDepth) * 12;
      const label = `${row.code ? `${row.code} ` : ""}${row.label}`;
      const tip = chart.series.map((s, i) => `${chart.series.length > 1 ? `${s.label}：` : ""}${printed(row.values[i], chart.unit)}`).join("；");
      const bars = chart.series
        .map((series, i) => {
          const v = row.values[i];
          const n = amount(v);
          const by = y + LABEL_H + i * seriesH + (labelled ? SERIES_LABEL_H : 0);
          const name = labelled ? `<text x="0" y="${fx(by - 3)}" font-size="11" fill="${MUTED}">${escapeXml(series.label)}</text>` : "";
          const value = `${name}<text class="v" x="${WIDTH}" y="${fx(by + BAR_H - 2)}" text-anchor="end" font-size="${FONT}" fill="${n === undefined ? MUTED : TEXT}"${refAttr(v)}>${escapeXml(printed(v, chart.unit))}</text>`;
          if (n === undefined) return value;
          const [a, b] = n < 0 ? [x(n), x0] : [x0, x(n)];
          const style = styles[i] as Style;
          return `<rect x="${fx(a)}" y="${fx(by)}" width="${fx(Math.max(b - a, n === 0 ? 0 : 0.5))}" height="${BAR_H}" fill="${style.fill}" stroke="${TEXT}" stroke-width="0.6"/>${value}`;
        })
        .join("");
      return `<g class="row" data-tip="${escapeXml(`${label}：${tip}`)}"><text x="${indent}" y="${fx(y + FONT)}" font-size="${FONT}" fill="${TEXT}"${row.depth > minDepth ? "" : ' font-weight="600"'}>${escapeXml(label)}</text>${bars}</g>`;
    })
    .join("");
  const height = top + rows.length * rowH;
  const axis = lo < 0 ? `<line x1="${fx(x0)}" x2="${fx(x0)}" y1="${top}" y2="${fx(height)}" stroke="${MUTED}" stroke-width="0.8"/>` : "";
  return `${open(text, height)}${defs(styles)}${showLegend ? legend(chart.series, styles, 0, chart.unit) : ""}${axis}${body}</svg>`;
}

const TREND_H = 170;
const KIND_SHORT = { budget: "预算", final: "决算" } as const;
const TREND_TOP = 28;
const TREND_BOTTOM = 24;
/** The colour of values stated by a report's text rather than printed in its tables (contrast 5.9:1 on white). */
const STATED = "#2e6b30";
const TREND_LEFT = 56;

/**
 * One small line chart per row (a figure) of a trend chart: years across, one line per report kind — 决算 solid with
 * filled circles, 预算 dashed with open squares — and every point labelled with its value. A missing value is a gap,
 * never a zero.
 */
export function trendSvg(chart: Chart, row: ChartRow, text: SvgText): string {
  const years = [...new Set(chart.series.map((s) => s.year ?? 0))].sort((a, b) => a - b);
  const x = scalePoint<number>().domain(years).range([TREND_LEFT, WIDTH - 24]).padding(years.length === 1 ? 1 : 0.3);
  const numbers = row.values.map(amount).filter((n): n is number => n !== undefined);
  const lo = Math.min(0, min(numbers) ?? 0);
  const hi = Math.max(0, max(numbers) ?? 0);
  const y = scaleLinear()
    .domain(lo === hi ? [0, 1] : [lo, hi])
    .nice(4)
    .range([TREND_H - TREND_BOTTOM, TREND_TOP]);
  const grid = ticks(y.domain()[0] as number, y.domain()[1] as number, 4)
    .map((t) => `<line x1="${TREND_LEFT}" x2="${WIDTH - 8}" y1="${fx(y(t))}" y2="${fx(y(t))}" stroke="#d0d0d0" stroke-width="0.6"/><text x="${TREND_LEFT - 6}" y="${fx(y(t) + 4)}" text-anchor="end" font-size="10" fill="${MUTED}">${escapeXml(groupDigits(String(t)))}</text>`)
    .join("");
  const xLabels = years.map((yr) => `<text x="${fx(x(yr) ?? 0)}" y="${TREND_H - 6}" text-anchor="middle" font-size="${FONT}" fill="${TEXT}">${yr}年</text>`).join("");
  const kinds = (["final", "budget"] as const).filter((k) => chart.series.some((s) => s.kind === k));
  const marks = kinds
    .map((kind) => {
      const points = chart.series
        .map((s, i) => ({ s, v: row.values[i] }))
        .filter(({ s }) => s.kind === kind)
        .sort((a, b) => (a.s.year ?? 0) - (b.s.year ?? 0));
      const style = kind === "final" ? { stroke: "#1f4e79", dash: "" } : { stroke: "#a04b00", dash: ' stroke-dasharray="5 3"' };
      const path = line<{ s: ChartSeries; v: ChartValue | undefined }>()
        .defined((p) => amount(p.v) !== undefined)
        .x((p) => x(p.s.year ?? 0) ?? 0)
        .y((p) => y(amount(p.v) ?? 0))
        .digits(1)(points);
      const dots = points
        .map(({ s, v }) => {
          const n = amount(v);
          const cx = x(s.year ?? 0) ?? 0;
          if (n === undefined) {
            // No value: said in words at the foot of the year, never drawn as a zero.
            const gy = TREND_H - TREND_BOTTOM - 6 - (kind === "budget" ? 14 : 0);
            return `<text class="v" x="${fx(cx)}" y="${fx(gy)}" text-anchor="middle" font-size="11" fill="${MUTED}"${refAttr(v)}>${KIND_SHORT[kind]}${escapeXml(printed(v, chart.unit))}</text>`;
          }
          const cy = y(n);
          const mark =
            kind === "final"
              ? `<circle cx="${fx(cx)}" cy="${fx(cy)}" r="4" fill="${style.stroke}"/>`
              : `<rect x="${fx(cx - 4)}" y="${fx(cy - 4)}" width="8" height="8" fill="#ffffff" stroke="${style.stroke}" stroke-width="1.6"/>`;
          const dy = kind === "final" ? -8 : 16;
          return `<g class="row" data-tip="${escapeXml(`${s.label}：${printed(v, chart.unit)}`)}">${mark}<text class="v" x="${fx(cx)}" y="${fx(cy + dy)}" text-anchor="middle" font-size="11" fill="${TEXT}"${refAttr(v)}>${escapeXml(printed(v, chart.unit))}</text></g>`;
        })
        .join("");
      return `${path ? `<path d="${path}" fill="none" stroke="${style.stroke}" stroke-width="2"${style.dash}/>` : ""}${dots}`;
    })
    .join("");
  // What a report's text says of the year before: a hollow diamond each, never on a line, labelled 述.
  const statedMarks = chart.series
    .map((s, i) => ({ s, v: row.values[i] }))
    .filter(({ s, v }) => s.stated && amount(v) !== undefined)
    .map(({ s, v }) => {
      const cx = x(s.year ?? 0) ?? 0;
      const cy = y(amount(v) ?? 0);
      const how = v?.stated ? `${v.stated.by}所述${v.stated.base}数${v.stated.implied ? "（由本年数和增减额推出）" : ""}` : s.label;
      return `<g class="row" data-tip="${escapeXml(`${how}：${printed(v, chart.unit)}`)}"><path d="M${fx(cx)},${fx(cy - 6)}L${fx(cx + 6)},${fx(cy)}L${fx(cx)},${fx(cy + 6)}L${fx(cx - 6)},${fx(cy)}Z" fill="#ffffff" stroke="${STATED}" stroke-width="1.6"/><text class="v" x="${fx(cx + 9)}" y="${fx(cy + 4)}" text-anchor="start" font-size="11" fill="${STATED}">述${escapeXml(printed(v, chart.unit))}</text></g>`;
    })
    .join("");
  const statedKey = chart.series.some((s) => s.stated) && statedMarks !== ""
    ? `<g class="legend"><path d="M${8 + kinds.length * 96 + 11},4L${8 + kinds.length * 96 + 17},10L${8 + kinds.length * 96 + 11},16L${8 + kinds.length * 96 + 5},10Z" fill="#ffffff" stroke="${STATED}" stroke-width="1.6"/><text x="${8 + kinds.length * 96 + 22}" y="14" font-size="${FONT}" fill="${TEXT}">文中所述上年数</text></g>`
    : "";
  const key = kinds
    .map((kind, i) => {
      const lx = 8 + i * 96;
      const mark =
        kind === "final"
          ? `<line x1="${lx}" x2="${lx + 22}" y1="10" y2="10" stroke="#1f4e79" stroke-width="2"/><circle cx="${lx + 11}" cy="10" r="4" fill="#1f4e79"/>`
          : `<line x1="${lx}" x2="${lx + 22}" y1="10" y2="10" stroke="#a04b00" stroke-width="2" stroke-dasharray="5 3"/><rect x="${lx + 7}" y="6" width="8" height="8" fill="#ffffff" stroke="#a04b00" stroke-width="1.6"/>`;
      return `<g class="legend">${mark}<text x="${lx + 28}" y="14" font-size="${FONT}" fill="${TEXT}">${kind === "final" ? "决算" : "预算"}</text></g>`;
    })
    .join("");
  return `${open(text, TREND_H)}${key}${statedKey}${grid}${xLabels}${marks}${statedMarks}</svg>`;
}

/** A sentence that says what a set of bars shows, for the SVG's description. */
export function describeBars(chart: Chart, rows: readonly ChartRow[]): string {
  const parts: string[] = [`${chart.period}，单位${chart.unit === "%" ? "：百分比" : `：${chart.unit}`}。`];
  chart.series.forEach((s, i) => {
    const filled = rows.filter((r) => amount(r.values[i]) !== undefined);
    const top = filled.reduce<ChartRow | undefined>((best, r) => ((amount(r.values[i]) ?? 0) > (amount(best?.values[i]) ?? -Infinity) ? r : best), undefined);
    const who = chart.series.length > 1 ? `${s.label}：` : "";
    parts.push(
      `${who}共${rows.length}项，${filled.length}项有数${top ? `，最大为${top.label} ${printed(top.values[i], chart.unit)}` : ""}${rows.length > filled.length ? `，${rows.length - filled.length}项为空` : ""}。`,
    );
  });
  if (chart.total) parts.push(`${chart.total.label} ${printed(chart.total.value, chart.unit)}。`);
  return parts.join("");
}

export function describeTrend(chart: Chart, row: ChartRow): string {
  const points = chart.series
    .map((s, i) => ({ s, v: row.values[i] }))
    .filter(({ s, v }) => !s.stated || amount(v) !== undefined)
    .map(({ s, v }) => `${s.label} ${printed(v, chart.unit)}${v?.stated ? `（${v.stated.base}数${v.stated.implied ? "，推出" : ""}）` : ""}`)
    .join("，");
  return `${row.label}，单位：${chart.unit}。${points}。`;
}

/**
 * The 类 → 款 → 项 tree of classification rows (d3-hierarchy's stratify; a row's parent is the row with the longest
 * code that prefixes its own, so a 项 whose 款 is not printed still sits under its 类). Returns the top rows, each with
 * the rows below it in source order. Rows without codes are all top rows.
 */
export function classificationTree(rows: readonly ChartRow[]): { row: ChartRow; below: ChartRow[] }[] {
  if (!rows.every((r) => r.code)) return rows.map((row) => ({ row, below: [] }));
  const byCode = new Map<string, ChartRow>();
  for (const r of rows) if (!byCode.has(r.code as string)) byCode.set(r.code as string, r);
  const parentOf = (r: ChartRow): string => {
    const code = r.code as string;
    for (let n = code.length - 2; n >= 3; n -= 2) {
      const p = byCode.get(code.slice(0, n));
      if (p) return p.key;
    }
    return ROOT;
  };
  const root = stratify<ChartRow | undefined>()
    .id((r) => r?.key ?? ROOT)
    .parentId((r) => (r ? parentOf(r) : null))([undefined, ...rows]);
  return (root.children ?? []).map((node) => {
    const below: ChartRow[] = [];
    node.eachBefore((n) => {
      if (n !== node && n.data) below.push(n.data);
    });
    return { row: node.data as ChartRow, below };
  });
}

const ROOT = "\u0000root";

export interface ChartDrawing {
  /** The SVGs shown for the chart: one for bars, one per figure for a trend (with that figure as caption). */
  main: { caption?: string; html: string }[];
  /** The 功能分类 drill-down: for each 类 with 款 and 项 under it, an SVG of those rows. */
  drill: { id: string; summary: string; html: string }[];
}

/** Everything drawn for a chart whose HTML id is `id` (the page's SVG ids all start with it). */
export function drawChart(chart: Chart, id: string): ChartDrawing {
  if (chart.absent) return { main: [], drill: [] };
  const text = (suffix: string, title: string, desc: string): SvgText => ({ id: `${id}${suffix}`, title, desc });
  if (chart.type === "trend") {
    return {
      main: chart.rows.map((row) => ({
        caption: row.label,
        html: trendSvg(chart, row, text(`-${row.key}`, `${row.label}历年变化（${chart.period}）`, describeTrend(chart, row))),
      })),
      drill: [],
    };
  }
  const tree = classificationTree(chart.rows);
  const top = tree.map((n) => n.row);
  const main = [{ html: barsSvg(chart, top, text("-svg", `${chart.title}（${chart.period}）`, describeBars(chart, top))) }];
  // Drill-down: for each top row (a 类), the 款 and 项 under it.
  const drill = tree.flatMap(({ row, below }) => {
    if (below.length === 0) return [];
    const name = `${row.code ? `${row.code} ` : ""}${row.label}`;
    const sub: Chart = { ...chart, total: { label: name, value: row.values[0] ?? { value: "" } } };
    const kuan = below.filter((c) => c.depth === row.depth + 1).length;
    return [
      {
        id: `${id}-${row.key}`,
        summary: `${name}：${printed(row.values[0], chart.unit)}${kuan > 0 ? `，下分${kuan}款` : ""}`,
        html: barsSvg(sub, below, text(`-${row.key}-svg`, `${name}的款、项（${chart.period}）`, describeBars(sub, below))),
      },
    ];
  });
  return { main, drill };
}
