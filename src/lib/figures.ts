/**
 * Key figures of a report (收入总计, 支出总计, 基本支出, 项目支出, 财政拨款, "三公"经费), each read from one cell of
 * one standard table — never computed — and carrying the reference of that cell so a page can link to it. A figure
 * whose table is missing or empty in the source is reported as absent with the reason.
 */
import { tableCells, valueCells, type CellRef } from "./line-items.ts";
import type { Report, Table } from "./model.ts";

export type FigureKey = "income" | "expenditure" | "basic" | "project" | "appropriation" | "threePublic";

export const FIGURE_NAMES: Record<FigureKey, string> = {
  income: "收入总计",
  expenditure: "支出总计",
  basic: "基本支出",
  project: "项目支出",
  appropriation: "财政拨款收入总计",
  threePublic: "“三公”经费",
};

export interface Figure {
  key: FigureKey;
  name: string;
  /** Exact decimal string as published; absent when the source has no such cell. */
  value?: string;
  unit: string;
  /** Where the value is printed. */
  table: number;
  cell?: CellRef;
  /** Why there is no value (table missing, empty, row not found). */
  absent?: string;
  /** The kind of absence: the table missing, published empty, not in the template or without this row (none), or the cell blank. */
  gap?: "missing" | "empty" | "none" | "blank";
  /**
   * When 基本/项目支出 cannot be read from the 支出总表 (missing or empty in the source): the same figure for the
   * 一般公共预算 funds alone, from the 一般公共预算财政拨款支出表 — a narrower scope, shown as such, never as the figure.
   */
  partial?: { value: string; unit: string; table: number; cell: CellRef; scope: string };
}

interface Rule {
  key: FigureKey;
  table: number;
  row: RegExp;
  column: RegExp;
}

/**
 * Which cell holds each figure, by report kind. Rows and columns are matched on the published labels, in every
 * template: the national budget's 收支总表 heads its columns `收入/预算数`… and the Shanghai one `本年收入/预算数`; a
 * Shanghai 财政拨款收支总表 heads them `财政拨款收入/预算数`; its “三公” table has one unlabelled row of amounts.
 */
const RULES: Record<Report["meta"]["kind"], Rule[]> = {
  final: [
    { key: "income", table: 1, row: /^总计$/u, column: /^收入\// },
    { key: "expenditure", table: 1, row: /^总计$/u, column: /^支出\// },
    { key: "basic", table: 3, row: /^合计$/u, column: /基本支出$/u },
    { key: "project", table: 3, row: /^合计$/u, column: /项目支出$/u },
    { key: "appropriation", table: 4, row: /^总计$/u, column: /^收入\// },
    { key: "threePublic", table: 9, row: /^$/u, column: /^决算数\/合计$/u },
  ],
  budget: [
    { key: "income", table: 1, row: /^收入总计$/u, column: /^(?:本年)?收入\// },
    { key: "expenditure", table: 1, row: /^支出总计$/u, column: /^(?:本年)?支出\/(?:.*合计|预算数)$/u },
    { key: "basic", table: 3, row: /^合计$/u, column: /基本支出$/u },
    { key: "project", table: 3, row: /^合计$/u, column: /项目支出$/u },
    { key: "appropriation", table: 4, row: /^收入总计$/u, column: /^(?:财政拨款)?收入\// },
    { key: "threePublic", table: 10, row: /^(?:合计)?$/u, column: /\/合计$/u },
  ],
};

const STATE_REASON = { missing: "原文缺少此表", empty: "此表无数据" } as const;

function find(report: Report, table: Table | undefined, rule: Rule): Omit<Figure, "key" | "name" | "table"> {
  const unit = table?.unit ?? report.meta.unit;
  if (table?.state === "missing" && table.absent) return { unit, absent: "本模板无此表", gap: "none" };
  if (!table || table.state !== "present") {
    const gap = table?.state === "empty" ? "empty" : "missing";
    return { unit, absent: STATE_REASON[gap], gap };
  }
  const at = (c: CellRef) => rule.row.test(c.rowLabel) && rule.column.test(c.column.label);
  const cell = tableCells(report, table).find(at);
  if (!cell) return valueCells(report, table).some(at) ? { unit, absent: "表中此项为空", gap: "blank" } : { unit, absent: "表中没有此项", gap: "none" };
  return { unit: cell.unit, value: cell.value, cell };
}

/** 基本/项目支出 of the 一般公共预算 funds: 表五 / 公开05表, its 合计 row. */
const PARTIAL: Partial<Record<FigureKey, Rule>> = {
  basic: { key: "basic", table: 5, row: /^合计$/u, column: /基本支出$/u },
  project: { key: "project", table: 5, row: /^合计$/u, column: /项目支出$/u },
};

export function keyFigures(report: Report): Figure[] {
  return RULES[report.meta.kind].map((rule) => {
    const table = report.tables.find((t) => t.no === rule.table);
    const figure: Figure = { key: rule.key, name: FIGURE_NAMES[rule.key], table: rule.table, ...find(report, table, rule) };
    const narrower = PARTIAL[rule.key];
    if (figure.value !== undefined || !narrower || (figure.gap !== "missing" && figure.gap !== "empty")) return figure;
    const other = find(report, report.tables.find((t) => t.no === narrower.table), narrower);
    return other.value !== undefined && other.cell ? { ...figure, partial: { value: other.value, unit: other.unit, table: narrower.table, cell: other.cell, scope: "一般公共预算财政拨款" } } : figure;
  });
}

/** The HTML id of a table cell, shared by the table that prints it and every link to it. */
export function cellId(tableNo: number, line: number, columnKey: string): string {
  return `t${tableNo}-l${line}-${columnKey}`;
}

export function tableId(tableNo: number): string {
  return `t${tableNo}`;
}

/** A key figure without its table objects: what pages about several reports need (a few hundred bytes). */
export interface FigureDigest extends Omit<Figure, "cell" | "partial"> {
  /** The cell it is printed in: row line and column key (for the link to it). */
  ref?: { line: number; column: string };
}

export function figureDigest(f: Figure): FigureDigest {
  const { cell, partial: _partial, ...rest } = f;
  return cell ? { ...rest, ref: { line: cell.row.line, column: cell.column.key } } : rest;
}
