/**
 * Splits a disclosure into its parts: preamble (cover and 目录), 第一部分 概况, 第二部分 tables, 第三部分 情况说明,
 * 第四部分 名词解释, 第五部分 附件. Parts are found by their headings; the 目录's copies of the headings (with page
 * numbers) are not headings.
 */
import { isNoise, stripMarkdown, type SourceLine } from "../text.ts";

export interface Segments {
  preamble: SourceLine[];
  overview: SourceLine[];
  tables: SourceLine[];
  narrative: SourceLine[];
  glossary: SourceLine[];
  attachments: SourceLine[];
}

const PART = /^第([一二三四五])部分/u;
const TOC_ENTRY = /(?:\t\s*\d+\s*$|[.…·]{3,}\s*\d+\s*$)/u;
const PART_NAMES = ["", "overview", "tables", "narrative", "glossary", "attachments"] as const;

export function toLines(text: string): SourceLine[] {
  return text.split(/\r?\n/u).map((t, i) => ({ line: i + 1, text: t }));
}

export function partOf(text: string): number | undefined {
  if (TOC_ENTRY.test(text)) return undefined;
  const m = PART.exec(stripMarkdown(text));
  return m ? "一二三四五".indexOf(m[1] as string) + 1 : undefined;
}

/**
 * `isTableStart` recognises a table's title or label: where a document prints no 第二部分 heading (阳泉 2024 决算),
 * the tables start at the first such line of 第一部分.
 */
export function segment(lines: SourceLine[], isTableStart: (text: string) => boolean): Segments {
  const out: Segments = { preamble: [], overview: [], tables: [], narrative: [], glossary: [], attachments: [] };
  let part = 0;
  const toc = tableOfContents(lines);
  for (const l of lines) {
    if (toc.has(l.line)) {
      out.preamble.push(l);
      continue;
    }
    const p = partOf(l.text);
    if (p !== undefined && p >= part) part = p;
    const name = PART_NAMES[part];
    if (name === "" || name === undefined) out.preamble.push(l);
    else out[name].push(l);
  }
  if (part === 0 && toc.size > 0) return byContents(lines, toc, isTableStart) ?? out;
  if (out.tables.length === 0) {
    const start = out.overview.findIndex((l) => !l.text.includes("\t") && isTableStart(l.text));
    if (start >= 0) out.tables = out.overview.splice(start);
  }
  return out;
}

/** What part a section of the 目录 is, by what its title says. */
function partOfTitle(title: string): keyof Segments {
  if (/名词解释/u.test(title)) return "glossary";
  if (/(?:预算|决算)表$/u.test(title)) return "tables";
  if (/职能|职责|机构设置|单位构成|概况/u.test(title)) return "overview";
  if (/附件/u.test(title)) return "attachments";
  return "narrative";
}

/**
 * Documents without 第N部分 headings (Shanghai budgets: 一、部门主要职能 … 五、部门预算表 … in the 目录; the body prints
 * `上海市普陀区财政局主要职能`, then the tables under their own titles): each top-level 目录 entry is found in the body
 * by its words, the tables' entry at the first table title, and each section's lines go to the part its title names.
 */
function byContents(lines: SourceLine[], toc: Set<number>, isTableStart: (text: string) => boolean): Segments | undefined {
  const entries = lines.filter((l) => toc.has(l.line) && /^[一二三四五六七八九十]+、/u.test(key(l.text)));
  if (entries.length < 2) return undefined;
  const body = lines.filter((l) => !toc.has(l.line));
  const afterToc = body.findIndex((l) => l.line > Math.max(...toc));
  const starts: { at: number; part: keyof Segments }[] = [];
  let from = afterToc < 0 ? body.length : afterToc;
  for (const e of entries) {
    const title = key(e.text).replace(/^[一二三四五六七八九十]+、/u, "");
    const part = partOfTitle(title);
    const words = title.replace(/^(?:部门|单位)/u, "").replace(/^\d{4}年度?/u, "");
    const at =
      part === "tables"
        ? body.findIndex((l, k) => k >= from && !l.text.includes("\t") && isTableStart(l.text))
        : body.findIndex((l, k) => k >= from && !l.text.includes("\t") && key(l.text).includes(words) && key(l.text).length <= words.length + 30);
    if (at < 0) continue;
    starts.push({ at, part });
    from = at + 1;
  }
  if (!starts.some((s) => s.part === "tables")) return undefined;
  const out: Segments = { preamble: [], overview: [], tables: [], narrative: [], glossary: [], attachments: [] };
  body.forEach((l, k) => {
    const section = starts.filter((s) => s.at <= k).at(-1);
    (section ? out[section.part] : out.preamble).push(l);
  });
  out.preamble.unshift(...lines.filter((l) => toc.has(l.line)));
  out.preamble.sort((a, b) => a.line - b.line);
  return out;
}

const key = (text: string) => stripMarkdown(text).replace(/\s+/gu, "").replace(/[.…·．]{3,}\d*$/u, "").replace(/\t.*$/u, "");

/**
 * The lines of a 目录 printed without page numbers (the Shanghai templates): after a `目录` heading, the entries run
 * until the document's body begins, which repeats the first entry (第一部分… or 一、…) as its own heading. A 目录 with
 * page numbers is recognised entry by entry (TOC_ENTRY) instead. Returns the line numbers of the 目录, heading included.
 */
export function tableOfContents(lines: SourceLine[]): Set<number> {
  const out = new Set<number>();
  const start = lines.findIndex((l, k) => k < 80 && /^目录$/u.test(key(l.text)));
  if (start < 0) return out;
  const entries = lines.slice(start + 1).filter((l) => key(l.text) !== "");
  const first = entries[0];
  if (!first || TOC_ENTRY.test(first.text)) return out;
  // The body's heading for the first entry may name the department (`上海市普陀区财政局主要职能` for `一、部门主要职能`).
  const words = key(first.text).replace(/^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|\d+[.、．])/u, "").replace(/^(?:部门|单位)/u, "");
  const end = entries.findIndex((l, k) => k > 0 && key(l.text).includes(words) && key(l.text).length <= words.length + 30);
  if (end < 0) return out;
  out.add((lines[start] as SourceLine).line);
  for (const l of entries.slice(0, end)) out.add(l.line);
  return out;
}

/** `预算主管部门：上海市普陀区财政局`, `预算单位：…`, `部门名称：…` on a cover: who the report is of. */
const NAMED = /^(?:预算主管部门|预算单位|部门名称|单位名称|编制部门|编制单位)[:：](.+)$/u;

/**
 * The department's name and the document's title from the cover. National templates print the name, then a title
 * line that starts with the year (`2024年度单位决算公开`); Shanghai ones print one title, often wrapped over lines,
 * with the name before the year (`中共上海市普陀区委社会工作部2024年度部门决算`) or name the department on a line of its
 * own (`上海市普陀区2025年区级部门预算` / `预算主管部门：上海市普陀区财政局`).
 */
export function readCover(preamble: SourceLine[]): { name?: SourceLine; title?: SourceLine } {
  const flat = (l: SourceLine) => stripMarkdown(l.text).replace(/\s/gu, "");
  const all = preamble.filter((l) => !isNoise(l.text) && flat(l) !== "");
  const tocAt = all.findIndex((l) => /^目录$/u.test(flat(l)));
  const cover = tocAt >= 0 ? all.slice(0, tocAt) : all;
  const title = cover.find((l) => /^\d{4}年度?.*(?:预算|决算)(?:公开)?$/u.test(flat(l)));
  const named = cover.map((l) => ({ line: l.line, m: NAMED.exec(flat(l)) })).find((x) => x.m);
  const namedLine = named ? { line: named.line, text: (named.m as RegExpExecArray)[1] as string } : undefined;
  if (title) {
    const first = cover.find((l) => !/\d{4}年/u.test(flat(l)) && !l.text.includes("\t") && !NAMED.test(flat(l)));
    const name = namedLine ?? (first ? { line: first.line, text: flat(first) } : undefined);
    return { ...(name ? { name } : {}), title: { line: title.line, text: flat(title) } };
  }
  // One title, perhaps over several lines: the name is what comes before the year, unless a line names it.
  const head = cover.filter((l) => !NAMED.test(flat(l)) && !l.text.includes("\t"));
  const joined = head.map(flat).join("");
  const m = /^(.*?)(\d{4}年度?.*?(?:预算|决算)(?:公开)?)/u.exec(joined);
  if (!m) return namedLine ? { name: namedLine } : {};
  const line = head[0]?.line ?? 1;
  const name = namedLine ?? (m[1] ? { line, text: m[1] } : undefined);
  return { ...(name ? { name } : {}), title: { line, text: `${m[1] ?? ""}${m[2] ?? ""}` } };
}
