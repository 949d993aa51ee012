/**
 * The importer: a disclosure as published in text form → the datasets of one report. Pure: text in, objects out.
 * Whatever it cannot place is returned as a problem with its line number; the caller refuses to write anything then.
 */
import { createHash } from "node:crypto";
import type { ImportNote, ImportProblem, PerformanceDocument, PerformanceTable, ReportDocument, ReportKind, ReportMeta, Table } from "../model.ts";
import { tableFile } from "../datasets.ts";
import type { Reference } from "../reference.ts";
import { chooseTemplate, matchLabel, matchTitle } from "../templates.ts";
import { isNoise, stripMarkdown, type SourceLine } from "../text.ts";
import { parseGlossary, parseNarrative, parseOverview } from "./narrative.ts";
import { isPerformanceBlockEnd, parsePerformanceTable, performanceTitleKind } from "./performance.ts";
import { partOf, readCover, segment, toLines } from "./segment.ts";
import { parseTables } from "./tables.ts";
import { mainUnit } from "../units.ts";
import type { Provenance } from "../provenance.ts";

export interface ImportOptions {
  /** File name of the disclosure as given to the importer. */
  original: string;
  reference: Reference;
  /** Where the department published it (web address, date), when known. */
  provenance?: Provenance;
  /** When the text was read from a PDF: where it came from, and what the reading had to interpret. */
  pdf?: { origin: NonNullable<ReportMeta["source"]["pdf"]>; notes: ImportNote[] };
}

export interface ImportResult {
  document: ReportDocument;
  tables: Table[];
  performance: PerformanceDocument;
  /** Things that stop the import: unplaced numbers, unknown department, unreadable structure. */
  problems: ImportProblem[];
}

export function reportId(city: string, department: string, year: number, kind: ReportKind): string {
  return `${city}-${department}-${year}-${kind}`;
}

const ATTACHMENT = /^\s*附件\s*\d*\s*[:：]?\s*$/u;

/** Cuts the performance tables out of `lines`; returns them and the lines left over. */
function cutPerformance(lines: SourceLine[]): { blocks: SourceLine[][]; rest: SourceLine[] } {
  const blocks: SourceLine[][] = [];
  const rest: SourceLine[] = [];
  let block: SourceLine[] | undefined;
  for (const l of lines) {
    // A title on a line of its own — or in the first row of the table's own grid, its only cell (a PDF's merged title).
    const cells = l.text.split("\t").filter((c) => c.trim() !== "");
    const isTitle = cells.length === 1 && (!l.text.includes("\t") || l.text.startsWith(cells[0] as string)) && performanceTitleKind(cells[0] as string) !== undefined;
    if (isTitle) {
      // `附件1` printed above a title introduces that table; it does not end the one before.
      while (block && block.length > 1 && (isNoise(block.at(-1)?.text ?? "") || ATTACHMENT.test(block.at(-1)?.text ?? ""))) {
        const moved = block.pop() as SourceLine;
        if (!isNoise(moved.text)) rest.push(moved);
      }
      block = [l];
      blocks.push(block);
      continue;
    }
    if (block && (partOf(l.text) !== undefined || (!isNoise(l.text) && isPerformanceBlockEnd(l.text)))) block = undefined;
    if (block) block.push(l);
    else rest.push(l);
  }
  return { blocks, rest };
}

/** A template's stand-in for a name: `上海市XX局`, `某某单位`. */
const PLACEHOLDER = /[XＸ]{2,}|某某/u;

export function importDisclosure(text: string, opts: ImportOptions): ImportResult {
  const problems: ImportProblem[] = [];
  const notes: ImportNote[] = [];
  const lines = toLines(text);
  const firstPart = lines.findIndex((l) => partOf(l.text) !== undefined);
  const cover = readCover(firstPart < 0 ? lines : lines.slice(0, firstPart));

  const name = cover.name?.text ?? "";
  const titleText = cover.title?.text ?? "";
  const yearMatch = /(\d{4})\s*年/u.exec(titleText);
  const kind: ReportKind | undefined = /决算/u.test(titleText) ? "final" : /预算/u.test(titleText) ? "budget" : undefined;
  if (!cover.title || !yearMatch || !kind) {
    problems.push({ line: cover.title?.line ?? 1, column: "封面标题", value: titleText, message: "封面上找不到“XXXX年度部门预算公开/决算公开”标题（年度和“预算”或“决算”），无法确定年度和类型。" });
  }
  const dept = opts.reference.departments.find((d) => d.name === name);
  if (!dept && PLACEHOLDER.test(name)) {
    problems.push({
      line: cover.name?.line ?? 1,
      column: "封面部门名称",
      value: name,
      message: "部门名称是模板的占位符（XX、某某）：这是一份空白模板，不是某个部门公开的文件；请导入部门实际公开的预算或决算。",
    });
  } else if (!dept) {
    problems.push({
      line: cover.name?.line ?? 1,
      column: "封面部门名称",
      value: name,
      message: `该部门不在 src/data/reference/departments.csv 中：请先添加一行（name,city,id,kind,parent）。`,
    });
  }
  const city = opts.reference.cities.find((c) => c.id === dept?.city);
  const deptKind = opts.reference.kinds.find((k) => k.id === dept?.kind);
  const parent = dept?.parent ? opts.reference.departments.find((d) => d.name === dept.parent) : undefined;

  const year = yearMatch ? Number(yearMatch[1]) : 0;
  const reportKind: ReportKind = kind ?? "final";
  // The template the document is printed in, recognised by its tables' titles and labels (src/templates/).
  const set = chooseTemplate(reportKind, lines.map((l) => stripMarkdown(l.text)));
  const parts = segment(lines, (t) => matchTitle(reportKind, stripMarkdown(t), set) !== undefined || matchLabel(t) !== undefined);
  const id = reportId(city?.id ?? "unknown", dept?.id ?? "unknown", year, reportKind);

  if (parts.tables.length === 0) problems.push({ line: 1, column: "第二部分（表格）", message: "找不到第二部分的表格（既无“第二部分”标题，也无可识别的表名）。" });
  const tableParse = parseTables(reportKind, parts.tables, set);
  problems.push(...tableParse.problems);
  notes.push(...tableParse.notes);
  for (const l of parts.tables) {
    if (tableParse.claimed.has(l.line) || isNoise(l.text) || partOf(l.text) !== undefined) continue;
    if (/\d/u.test(l.text)) problems.push({ line: l.line, column: "第二部分（不在任何表格内）", value: l.text.trim(), message: "含数字的行无法归入任何表格（表名缺失或被识别为别的内容？）" });
    else notes.push({ line: l.line, message: `表格部分中未归入表格的文字，照录于此：“${l.text.trim()}”` });
  }

  const narrativeCut = cutPerformance(parts.narrative);
  const glossaryCut = cutPerformance(parts.glossary);
  const attachmentCut = cutPerformance(parts.attachments);
  const performance: PerformanceTable[] = [];
  for (const block of [...narrativeCut.blocks, ...glossaryCut.blocks, ...attachmentCut.blocks]) {
    // Every row of a performance table is kept as published (`rows`); what the structured reading could not place
    // is not lost, so it is a note shown with the report, not a reason to refuse the import.
    const parsed = parsePerformanceTable(block);
    performance.push(parsed.table);
    notes.push(...parsed.problems, ...parsed.notes);
  }
  const glossary = parseGlossary(glossaryCut.rest);
  notes.push(...glossary.notes);
  const narrative = parseNarrative([...narrativeCut.rest, ...attachmentCut.rest]);

  // The report's unit is the one most of its tables print; a table in another unit keeps its own (its title says so).
  const units = new Set(tableParse.tables.map((t) => t.unit).filter((u): u is string => u !== undefined));
  const unit = mainUnit(tableParse.tables.map((t) => t.unit)) ?? "万元";
  if (units.size > 1) notes.push({ line: 1, message: `各表的金额单位不一致：${[...units].join("、")}；每张表按其自身单位发布，报告的金额单位记为多数表所用的${unit}。` });

  const meta: ReportMeta = {
    id,
    province: { name: city?.province ?? "", id: city?.province_id ?? "" },
    city: { name: city?.name ?? "", id: city?.id ?? "" },
    department: { name, id: dept?.id ?? "", kind: deptKind?.id ?? "", kindName: deptKind?.name ?? "" },
    level: parent ? "unit" : "department",
    ...(parent ? { parent: { name: parent.name, id: parent.id } } : {}),
    year,
    kind: reportKind,
    template: { id: set.id, name: set.name },
    title: titleText,
    unit,
    source: {
      file: "source.txt",
      sha256: createHash("sha256").update(text, "utf8").digest("hex"),
      lines: lines.length,
      original: opts.original,
      ...(opts.provenance?.url ? { url: opts.provenance.url } : {}),
      ...(opts.provenance?.published ? { published: opts.provenance.published } : {}),
      ...(opts.pdf ? { pdf: opts.pdf.origin } : {}),
    },
  };
  const document: ReportDocument = {
    meta,
    overview: parseOverview(parts.overview),
    tables: tableParse.tables.map(({ rows: _rows, ...entry }) =>
      entry.state === "missing" ? entry : { ...entry, file: tableFile(entry.no) },
    ),
    narrative,
    glossary: glossary.entries,
    notes: [...notes, ...(opts.pdf?.notes ?? [])].sort((a, b) => a.line - b.line),
  };
  return {
    document,
    tables: tableParse.tables,
    performance: { reportId: id, tables: performance },
    problems: problems.sort((a, b) => a.line - b.line),
  };
}
