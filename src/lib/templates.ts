/**
 * The templates of the standard tables, as data: one declarative file per template family in src/templates/ (the
 * national one, the Shanghai one), each listing per report kind its tables — the national table each corresponds to,
 * its name, the pattern its title must match — and the national tables it has no counterpart of, with why. Tables are
 * recognised by their titles (number labels such as `公开01表` are often missing or split across lines); a document's
 * template is the one whose titles and labels its own match best, never its position or file name.
 */
import { displayLabel } from "./format.ts";
import { EXTRA_FROM, type ReportKind, type ReportMeta } from "./model.ts";
import national from "../templates/national.json" with { type: "json" };
import shanghai from "../templates/shanghai.json" with { type: "json" };

export interface TableTemplate {
  /** The template family it belongs to (src/templates/<set>.json). */
  set: string;
  kind: ReportKind;
  /** The national table this one corresponds to (the model numbers tables by the national template). */
  no: number;
  /** The template's name without year. */
  name: string;
  /** A normalised title (spaces, year and the `（不含上年结转）` suffix removed) must match. */
  title: RegExp;
  /** The first cell of the first body row, where neither amounts nor codes can tell it from the header. */
  firstRow?: RegExp;
  /** The header runs down to the first row with an amount (its cells may read 合计, 本年收入…). */
  headerUntilAmount?: boolean;
}

/** A template family as its file describes it. */
interface TemplateFile {
  id: string;
  name: string;
  description: string;
  /** Whether its tables carry number labels (公开01表, 表一…). */
  labelled: boolean;
  /** Header structure: whether a table's header runs down to its first row with an amount. */
  header?: { untilFirstAmount?: boolean };
  final: KindFile;
  budget: KindFile;
}
interface KindFile {
  tables: { no: number; name: string; title: string; firstRow?: string }[];
  /** National tables this template has no counterpart of: number → why. */
  absent?: Record<string, string>;
}

export interface TemplateSet {
  id: string;
  name: string;
  labelled: boolean;
  tables: readonly TableTemplate[];
  absent: readonly { kind: ReportKind; no: number; reason: string }[];
}

function compile(file: TemplateFile): TemplateSet {
  const kinds = ["final", "budget"] as const;
  return {
    id: file.id,
    name: file.name,
    labelled: file.labelled,
    tables: kinds.flatMap((kind) =>
      file[kind].tables.map((t) => ({
        set: file.id,
        kind,
        no: t.no,
        name: t.name,
        title: new RegExp(t.title, "u"),
        ...(t.firstRow ? { firstRow: new RegExp(t.firstRow, "u") } : {}),
        ...(file.header?.untilFirstAmount ? { headerUntilAmount: true } : {}),
      })),
    ),
    absent: kinds.flatMap((kind) => Object.entries(file[kind].absent ?? {}).map(([no, reason]) => ({ kind, no: Number(no), reason }))),
  };
}

export const TEMPLATE_SETS: readonly TemplateSet[] = [compile(national as TemplateFile), compile(shanghai as TemplateFile)];
export const NATIONAL = TEMPLATE_SETS[0] as TemplateSet;

export function templatesFor(kind: ReportKind, set: TemplateSet = NATIONAL): TableTemplate[] {
  return set.tables.filter((tpl) => tpl.kind === kind);
}

/** Why a template has no table of this national number (undefined: it has one). */
export function absentReason(set: TemplateSet, kind: ReportKind, no: number): string | undefined {
  return set.absent.find((a) => a.kind === kind && a.no === no)?.reason;
}

/**
 * The template a document is printed in: the one most of whose tables' titles appear in it. Number labels decide a
 * tie: a document that labels its tables is in a labelled template, one that does not in an unlabelled one.
 */
export function chooseTemplate(kind: ReportKind, texts: readonly string[]): TemplateSet {
  const labels = texts.some((t) => matchLabel(t) !== undefined);
  let best = NATIONAL;
  let bestScore = -Infinity;
  for (const set of TEMPLATE_SETS) {
    const found = new Set<number>();
    for (const t of texts) {
      if (t.includes("\t")) continue;
      const tpl = matchTitle(kind, t, set);
      if (tpl) found.add(tpl.no);
    }
    const score = found.size * 2 + (labels === set.labelled ? 1 : 0);
    if (score > bestScore) {
      best = set;
      bestScore = score;
    }
  }
  return best;
}

/** Reduces a title line to the form the templates match: markdown, spaces, year, numbering and suffixes removed. */
export function titleKey(text: string): string {
  return text
    .replace(/^\s*#+\s*/u, "")
    .replace(/\s+/gu, "")
    .replace(/^(?:表[一二三四五六七八九十]+|[一二三四五六七八九十]+、)/u, "")
    .replace(/^\d{4}年(?:度)?/u, "")
    .replace(/[（(]不含上年结转[)）]$/u, "")
    .replace(/["“”]/gu, "");
}

/** Recognises a table title line; returns the matching table of the template (national unless given). */
export function matchTitle(kind: ReportKind, text: string, set: TemplateSet = NATIONAL): TableTemplate | undefined {
  const key = titleKey(text);
  return templatesFor(kind, set).find((tpl) => tpl.title.test(key));
}

const CHINESE_NUMERALS = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三"];

/**
 * Recognises a table number label line: `公开01表`, `公开02` (its `表` on a later line), `预算公开表1`, `部门公开表9`,
 * `表一`. Returns the number and whether the label is complete.
 */
export function matchLabel(text: string): { no: number; label: string } | undefined {
  const s = text.replace(/^\s*#+\s*/u, "").replace(/\s+/gu, "");
  let m = /^公开(\d{1,2})表?$/u.exec(s);
  if (m) return { no: Number(m[1]), label: s };
  m = /^(?:部门|预算)?(?:公开)?表(\d{1,2})$/u.exec(s);
  if (m && /公开/u.test(s)) return { no: Number(m[1]), label: s };
  m = /^表([一二三四五六七八九十]{1,3})$/u.exec(s);
  if (m) {
    const no = CHINESE_NUMERALS.indexOf(m[1] ?? "");
    if (no > 0) return { no, label: s };
  }
  return undefined;
}

/** The template family a report was read in (the national one when its metadata names none). */
export function templateOf(meta: Pick<ReportMeta, "template">): TemplateSet {
  return TEMPLATE_SETS.find((s) => s.id === meta.template?.id) ?? NATIONAL;
}

/**
 * What a report's own template calls table `no`, for places and headings: the national label (`公开01表`, `表一`) in
 * a template that numbers its tables, else the template's name of the table in 《》 (a Shanghai reader never sees
 * `表十`). A national table a template lacks keeps its national label; a table the template does not have at all is
 * 附表1, 附表2… in the order printed.
 */
export function tableLabel(meta: Pick<ReportMeta, "kind" | "template">, no: number): string {
  if (no >= EXTRA_FROM) return `附表${no - EXTRA_FROM + 1}`;
  const set = templateOf(meta);
  if (set.labelled) return displayLabel(meta.kind, no);
  const tpl = set.tables.find((t) => t.kind === meta.kind && t.no === no);
  return tpl ? `《${tpl.name}》` : displayLabel(meta.kind, no);
}

/** What a report calls its table: the label it prints (`预算公开表2`), else what its template calls it (tableLabel). */
export function printedLabel(meta: Pick<ReportMeta, "kind" | "template">, table: { no: number; label?: string }): string {
  return table.label ?? tableLabel(meta, table.no);
}

/**
 * The label a table's heading shows before its title: the printed label, or the national one in a template that
 * numbers its tables; none in a template that does not (its title names the table).
 */
export function headingLabel(meta: Pick<ReportMeta, "kind" | "template">, table: { no: number; label?: string }): string | undefined {
  return table.label ?? (templateOf(meta).labelled ? tableLabel(meta, table.no) : undefined);
}
