/**
 * The Atom feed of reports (RFC 4287), `feed.xml`: the newest FEED_LIMIT reports by the day their department published
 * them. Only reports whose publication date is known can be in it (a feed entry needs a date, and none is invented);
 * without any, or without the site's address (an entry's id and links are absolute), there is no feed.
 */
import { KIND_NAMES } from "./format.ts";
import { escapeXml } from "./text.ts";

export const FEED_PATH = "feed.xml";
/** Entries in the feed: a reader polls it for what is new, not for the whole province. */
export const FEED_LIMIT = 100;

export interface FeedReport {
  id: string;
  city: string;
  department: string;
  year: number;
  kind: keyof typeof KIND_NAMES;
  title: string;
  /** The report page, relative to the site. */
  page: string;
  published: string;
  sourceUrl?: string;
}

/** A publication day as an Atom date: the start of that day in China. */
const atomDate = (day: string) => `${day}T00:00:00+08:00`;

/** Whether a site has a feed: its address is known and at least one report has a publication date. */
export function hasFeed(siteUrl: string, somePublished: boolean): boolean {
  return siteUrl !== "" && somePublished;
}

/** The feed's text: the newest reports first (ties by id), at most `limit`. `siteUrl` ends in `/`. */
export function atomFeed(siteUrl: string, reports: readonly FeedReport[], limit = FEED_LIMIT): string {
  const newest = [...reports].sort((a, b) => (a.published === b.published ? a.id.localeCompare(b.id) : a.published < b.published ? 1 : -1)).slice(0, limit);
  const updated = newest[0]?.published;
  if (!updated) throw new Error("a feed needs at least one report with a publication date");
  const abs = (path: string) => escapeXml(new URL(encodeURI(path), siteUrl).href);
  const entries = newest.map((r) => {
    const name = `${r.department} ${r.year}年${KIND_NAMES[r.kind]}`;
    return [
      "  <entry>",
      `    <id>${abs(r.page)}</id>`,
      `    <title>${escapeXml(name)}</title>`,
      `    <published>${atomDate(r.published)}</published>`,
      `    <updated>${atomDate(r.published)}</updated>`,
      `    <author><name>${escapeXml(r.department)}</name></author>`,
      `    <link rel="alternate" type="text/html" href="${abs(r.page)}"/>`,
      ...(r.sourceUrl ? [`    <link rel="related" type="text/html" title="原文" href="${escapeXml(r.sourceUrl)}"/>`] : []),
      `    <summary>${escapeXml(`${r.department}《${r.title}》：全部公开表格、数据下载与数据核对。`)}</summary>`,
      "  </entry>",
    ].join("\n");
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
    `  <id>${abs(FEED_PATH)}</id>`,
    "  <title>透明：新公开的部门预算与决算</title>",
    `  <updated>${atomDate(updated)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${abs(FEED_PATH)}"/>`,
    `  <link rel="alternate" type="text/html" href="${abs("")}"/>`,
    "  <generator>touming</generator>",
    ...entries,
    "</feed>",
    "",
  ].join("\n");
}
