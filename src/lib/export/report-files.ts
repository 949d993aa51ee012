/**
 * Every download file of one report, with its place in the URL scheme (src/lib/paths.ts) and what datapackage.json
 * says about it. Generated one report at a time.
 */
import { createHash } from "node:crypto";
import { strToU8 } from "fflate";
import type { Report } from "../model.ts";
import { routes } from "../paths.ts";
import { lineItemsSchema, reportSources, tableSchema, type Resource, type TableSchema } from "./datapackage.ts";
import { lineItemsCsv, reportJson, reportXlsx, reportZip, tableCsv, tableJson } from "./files.ts";

export interface OutFile {
  path: string;
  bytes: Uint8Array;
  title: string;
  format: string;
  mediatype: string;
  schema?: TableSchema;
  unit?: string;
}

export const MEDIATYPES: Record<string, string> = {
  csv: "text/csv",
  json: "application/json",
  txt: "text/plain",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  zip: "application/zip",
  parquet: "application/vnd.apache.parquet",
};

/** JSON downloads are minified: indentation was 42 % of a report.json, and every reader parses them. */
const json = (value: unknown) => strToU8(`${JSON.stringify(value)}\n`);

export function file(path: string, bytes: Uint8Array, title: string, extra: Partial<OutFile> = {}): OutFile {
  const format = path.split(".").at(-1) ?? "";
  return { path, bytes, title, format, mediatype: MEDIATYPES[format] ?? "application/octet-stream", ...extra };
}

/** `source` is the report's source.txt as published; `itemsCsv` its line-items.csv, when already made. */
export function* reportDownloadFiles(report: Report, source: string, siteUrl: string, itemsCsv = lineItemsCsv(report)): Generator<OutFile> {
  const id = report.meta.id;
  const unit = report.meta.unit;
  yield file(`${routes.reportData(id)}source.txt`, strToU8(source), "原文文本（未改动）");
  yield file(routes.reportJson(id), json(reportJson(report)), "整份报告（元数据、全部表格、说明、名词解释、绩效表）");
  // One unit for the file only where every table states the same; else each row's unit column says it.
  const units = new Set(report.tables.filter((t) => t.state !== "missing").map((t) => t.unit ?? unit));
  yield file(routes.reportLineItems(id), strToU8(itemsCsv), "明细数据", { schema: lineItemsSchema(), ...(units.size <= 1 ? { unit } : {}) });
  for (const t of report.tables) {
    if (t.state === "missing") continue;
    const title = `${t.title ?? t.standardTitle}`;
    yield file(routes.table(id, t.no, "csv"), strToU8(tableCsv(t)), title, { schema: tableSchema(t, t.unit ?? unit), unit: t.unit ?? unit });
    yield file(routes.table(id, t.no, "json"), json(tableJson(report, t)), `${title}（JSON）`);
  }
  yield file(routes.reportXlsx(id), reportXlsx(report), "Excel 工作簿（每张表一个工作表，保留原表表头）");
  yield file(routes.reportZip(id), reportZip(report, siteUrl, itemsCsv), "数据包（全部 CSV、说明文件与元数据）");
}

export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** The datapackage.json resource of a file. */
export function resourceOf(f: OutFile, bytes: number, hash: string, sources?: Resource["sources"]): Resource {
  return {
    name: f.path.toLowerCase().replace(/[^a-z0-9._-]+/gu, "-").replace(/^-+|-+$/gu, ""),
    path: f.path,
    title: f.title,
    format: f.format,
    mediatype: f.mediatype,
    ...(f.format === "csv" || f.format === "json" || f.format === "txt" ? { encoding: "utf-8" } : {}),
    // Stated, not left to sniffing: Frictionless's client guessed a wrong delimiter from the first lines of a
    // changes.csv whose quoted sentences are full of punctuation, and could not read it.
    ...(f.format === "csv" ? { dialect: { delimiter: ",", header: true } as const } : {}),
    bytes,
    hash: `sha256:${hash}`,
    ...(f.schema ? { type: "table" as const, schema: f.schema } : {}),
    ...(f.unit ? { unit: f.unit } : {}),
    ...(sources ? { sources } : {}),
  };
}

export { reportSources };
