/**
 * Where a report was published: the department's own web address for it (`source.url`) and the date it was published
 * (`source.published`), both optional, given to the importer (`--source-url`, `--published`, or a `--sources` CSV for a
 * batch) and kept in report.json. Pure: the rules every caller shares, and the reading of a sources CSV.
 */
import Papa from "papaparse";
import type { Problem } from "./problems.ts";

export interface Provenance {
  url?: string;
  published?: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/u;

/** Why `value` is not a usable address of a publication, or undefined. */
export function sourceUrlProblem(value: string): string | undefined {
  if (value.length > 2000) return "a web address of at most 2,000 characters";
  if (/\s/u.test(value)) return "a web address without spaces (write a space as %20)";
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "an absolute web address such as https://czj.example.gov.cn/yjs/2024/123.html";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "a web address starting with https:// or http://";
  return undefined;
}

/** Why `value` is not a publication date (YYYY-MM-DD, a real day, not after `today`), or undefined. */
export function publishedProblem(value: string, today?: string): string | undefined {
  const m = DATE.exec(value);
  if (!m) return "a date written YYYY-MM-DD, e.g. 2024-02-08";
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return `a day of the calendar (${value} does not exist)`;
  if (y < 2000) return "a date from 2000 on";
  if (today !== undefined && value > today) return `a date that has passed (today is ${today})`;
  return undefined;
}

/** Today's date in China (UTC+8), YYYY-MM-DD: the day a publication date may not be after. */
export function todayInChina(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export const SOURCES_COLUMNS = ["file", "source_url", "published"] as const;

/**
 * A sources CSV (`file,source_url,published`: one row per disclosure file of a batch, by its file name; either value may
 * be empty) as a map from file name to provenance, with every problem at once (file, line, column, value, rule).
 */
export function readSources(text: string, file: string, today: string): { sources: Map<string, Provenance>; problems: Problem[] } {
  const problems: Problem[] = [];
  const sources = new Map<string, Provenance>();
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/u, ""), { skipEmptyLines: true });
  for (const e of parsed.errors) problems.push({ file, line: (e.row ?? 0) + 1, rule: `CSV cannot be read: ${e.message}` });
  const [header, ...rows] = parsed.data;
  if (!header || SOURCES_COLUMNS.some((c, i) => (header[i] ?? "").trim() !== c) || header.length !== SOURCES_COLUMNS.length) {
    problems.push({ file, line: 1, ...(header ? { value: header.join(",") } : {}), rule: `the header must be exactly ${SOURCES_COLUMNS.join(",")}` });
    return { sources, problems };
  }
  rows.forEach((row, k) => {
    const line = k + 2;
    const [name = "", url = "", published = ""] = row.map((v) => v.trim());
    if (row.length !== SOURCES_COLUMNS.length) problems.push({ file, line, value: row.join(","), rule: `a row has ${SOURCES_COLUMNS.length} values (${SOURCES_COLUMNS.join(",")})` });
    if (name === "") problems.push({ file, line, column: "file", value: "", rule: "the disclosure's file name is required" });
    else if (sources.has(name)) problems.push({ file, line, column: "file", value: name, rule: "each file is listed once" });
    const urlRule = url === "" ? undefined : sourceUrlProblem(url);
    if (urlRule) problems.push({ file, line, column: "source_url", value: url, rule: `must be ${urlRule}` });
    const dateRule = published === "" ? undefined : publishedProblem(published, today);
    if (dateRule) problems.push({ file, line, column: "published", value: published, rule: `must be ${dateRule}` });
    if (name !== "") sources.set(name, { ...(url && !urlRule ? { url } : {}), ...(published && !dateRule ? { published } : {}) });
  });
  return { sources, problems };
}
