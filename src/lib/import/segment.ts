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
  for (const l of lines) {
    const p = partOf(l.text);
    if (p !== undefined && p >= part) part = p;
    const name = PART_NAMES[part];
    if (name === "" || name === undefined) out.preamble.push(l);
    else out[name].push(l);
  }
  if (out.tables.length === 0) {
    const start = out.overview.findIndex((l) => !l.text.includes("\t") && isTableStart(l.text));
    if (start >= 0) out.tables = out.overview.splice(start);
  }
  return out;
}

/** The department's name and the document's title line (e.g. `2024年度单位决算公开`) from the cover. */
export function readCover(preamble: SourceLine[]): { name?: SourceLine; title?: SourceLine } {
  const cover = preamble.filter((l) => !isNoise(l.text));
  const title = cover.find((l) => /^\d{4}\s*年度?.*(?:预算|决算)(?:公开)?$/u.test(stripMarkdown(l.text).replace(/\s/gu, "")));
  const name = cover.find((l) => {
    const s = stripMarkdown(l.text).replace(/\s/gu, "");
    return s !== "" && !/^目录$/u.test(s) && !/\d{4}\s*年/u.test(s) && !l.text.includes("\t");
  });
  return {
    ...(name ? { name: { line: name.line, text: stripMarkdown(name.text).replace(/\s/gu, "") } } : {}),
    ...(title ? { title: { line: title.line, text: stripMarkdown(title.text).replace(/\s/gu, "") } } : {}),
  };
}
