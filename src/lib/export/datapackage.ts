/**
 * The data packages (Frictionless Data Package v2), each descriptor at the top of the files it describes, their paths
 * relative to it: the site's (`/datapackage.json`: the site-wide files, the schemas, the department and comparison
 * chart data and `data/reports.csv`, the catalogue of every report's own package), the `data/` folder's, and each
 * report's (`reports/<id>/data/datapackage.json`: its files) — so the site's descriptor grows with the departments,
 * not with every file of every report. CSV resources carry a Table Schema whose fields are the CSV's columns in order,
 * with types read from the data (a column is `number` only if every value in it is a plain decimal), the amount unit
 * and the provenance (the source document).
 */
import { columnNames, SOURCE_LINE } from "./files.ts";
import { LINE_ITEM_COLUMNS, type Report, type ReportMeta, type Table } from "../model.ts";
import { routes } from "../paths.ts";
import { isDecimal } from "../text.ts";

export const DATA_PACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json";
export const TABLE_SCHEMA_PROFILE = "https://datapackage.org/profiles/2.0/tableschema.json";
/** `——` (and its variants) mean "not applicable" in the official tables; empty means the cell is empty. */
export const MISSING_VALUES = ["", "——", "—", "－", "-"];

export interface Field {
  name: string;
  type: "string" | "number" | "integer" | "boolean" | "date";
  description?: string;
  unit?: string;
}

export interface TableSchema {
  $schema: string;
  fields: Field[];
  missingValues: string[];
}

export interface Resource {
  name: string;
  path: string;
  title?: string;
  description?: string;
  format: string;
  mediatype: string;
  encoding?: string;
  /** A CSV's dialect, stated so that no client has to guess it (Frictionless's sniffs the delimiter otherwise). */
  dialect?: { delimiter: ","; header: true };
  bytes: number;
  hash: string;
  type?: "table";
  schema?: TableSchema;
  sources?: { title: string; path?: string }[];
  unit?: string;
}

const INTEGER = /^\d+$/u;

function typeOf(values: string[], kind: "value" | "lineno" | "text"): Field["type"] {
  const present = values.filter((v) => !MISSING_VALUES.includes(v));
  if (kind === "value" && present.every(isDecimal)) return "number";
  if (kind === "lineno" && present.every((v) => INTEGER.test(v))) return "integer";
  return "string";
}

export function tableSchema(table: Table, unit: string): TableSchema {
  const names = columnNames(table.columns);
  const fields: Field[] = table.columns.map((c, i) => {
    const values = table.rows.map((r) => r.cells[i] ?? "");
    const type = typeOf(values, c.role === "value" ? "value" : c.role === "lineno" ? "lineno" : "text");
    return {
      name: names[i] as string,
      type,
      description: { code: "科目代码（功能分类或经济分类）", label: "项目名称", lineno: "行次（行号，不是数值）", value: "金额或数量，原文的十进制数字" }[c.role],
      ...(c.role === "value" ? { unit } : {}),
    };
  });
  fields.push({ name: SOURCE_LINE, type: "integer", description: "该行在原文文本中的行号" });
  return { $schema: TABLE_SCHEMA_PROFILE, fields, missingValues: MISSING_VALUES };
}

export function lineItemsSchema(): TableSchema {
  const description: Record<(typeof LINE_ITEM_COLUMNS)[number], string> = {
    report_id: "报告编号",
    city: "城市",
    department: "部门（单位）",
    year: "年度",
    kind: "budget（预算）或 final（决算）",
    table_no: "表号：预算 1–13，决算 1–10",
    table_title: "表名（原文）",
    row_code: "科目代码（文本：保留每一位），没有则为空",
    row_level: "行的层级：类、款、项（按科目代码的位数：3、5、7 位），合计（合计、总计、小计等汇总其他行的行），other（其他行，如公开01表的收入项目）",
    row_label: "行名称（原文）",
    column_label: "列名称（原文多级表头以 / 连接）",
    is_total: "true：该数是原文印出的合计数（所在行是合计行，或所在列是合计、小计、总计列），与其他行或列相加会重复计算；false：其他",
    value: "原文数字（十进制字符串）",
    unit: "单位：该数所在表格注明的金额单位（万元，或如上海市预算的元），公开10表的车辆、设备数为辆、台（套）",
  };
  const types: Partial<Record<(typeof LINE_ITEM_COLUMNS)[number], Field["type"]>> = { year: "integer", table_no: "integer", value: "number", is_total: "boolean" };
  return {
    $schema: TABLE_SCHEMA_PROFILE,
    fields: LINE_ITEM_COLUMNS.map((name) => ({ name, type: types[name] ?? "string", description: description[name] })),
    missingValues: [""],
  };
}

export function reportSources(report: Report, sourcePath: string): Resource["sources"] {
  return [{ title: `${report.meta.department.name} ${report.meta.title}（${report.meta.source.original}）`, path: sourcePath }];
}

/**
 * datapackage.json as text chunks, byte for byte `JSON.stringify(dataPackage(resources, siteUrl), null, 2)` and a
 * final newline, for any number of resources: a province's package is larger than the longest string V8 can hold, so
 * it is written piece by piece. `resources` are the resources' texts (`resourceText()`), in order.
 */
export function* dataPackageChunks(resources: Iterable<string>, siteUrl: string): Generator<string> {
  const [head, tail] = JSON.stringify(dataPackage([], siteUrl), null, 2).split('"resources": []') as [string, string];
  yield `${head}"resources": [`;
  let first = true;
  for (const r of resources) {
    yield `${first ? "" : ","}\n    ${r}`;
    first = false;
  }
  yield `${first ? "" : "\n  "}]${tail}\n`;
}

/** A resource as it stands in datapackage.json (indented for its place in the resources array). */
export function resourceText(resource: Resource): string {
  return JSON.stringify(resource, null, 2).replace(/\n/gu, "\n    ");
}

const dataPackageLicenses = [{ name: "public-government-information", title: "政府公开信息（原文）；整理代码 MIT" }];

export function dataPackage(resources: Resource[], siteUrl: string): object {
  return {
    $schema: DATA_PACKAGE_PROFILE,
    name: "touming-fiscal-disclosures",
    title: "透明：部门预算与决算公开数据",
    description: "各部门公开的部门预算、部门决算：全部报告的明细数据与数据核对结果、JSON Schema、部门与比较图表的数据，以及每份报告自己的数据包的目录（data/reports.csv）。数字与原文一致；空白不等于零；原文缺失的表没有数据文件。",
    ...(siteUrl ? { homepage: siteUrl } : {}),
    version: "1.0.0",
    licenses: dataPackageLicenses,
    resources,
  };
}

/** The columns of data/reports.csv: one row per report, with the path of its own data package. */
export const REPORT_CATALOG_COLUMNS = ["report_id", "province", "city", "department", "level", "year", "kind", "title", "unit", "page", "datapackage", "source_url", "published"] as const;

export function reportCatalogRow(meta: ReportMeta): string[] {
  return [meta.id, meta.province.name, meta.city.name, meta.department.name, meta.level, String(meta.year), meta.kind, meta.title, meta.unit, routes.report(meta.id), `${routes.reportData(meta.id)}datapackage.json`, meta.source.url ?? "", meta.source.published ?? ""];
}

export function reportCatalogSchema(): TableSchema {
  const description: Record<(typeof REPORT_CATALOG_COLUMNS)[number], string> = {
    report_id: "报告编号（也是网址中的名字）",
    province: "省",
    city: "城市",
    department: "部门（单位）",
    level: "department（部门）或 unit（单位）",
    year: "年度",
    kind: "budget（预算）或 final（决算）",
    title: "原文标题",
    unit: "标准表格的金额单位",
    page: "报告网页，相对网站根目录的路径",
    datapackage: "本报告全部文件的数据包描述（Data Package v2），相对网站根目录的路径",
    source_url: "部门发布原文的网址（导入时给出的；未记录则为空）",
    published: "部门发布原文的日期 YYYY-MM-DD（未记录则为空）",
  };
  return {
    $schema: TABLE_SCHEMA_PROFILE,
    fields: REPORT_CATALOG_COLUMNS.map((name) => ({ name, type: name === "year" ? "integer" : name === "published" ? "date" : "string", description: description[name] })),
    missingValues: [""],
  };
}

/** A resource seen from a descriptor in `folder` (a path relative to the site's root, ending in `/`). */
export function relativeResource(r: Resource, folder: string): Resource {
  const inside = (path: string) => {
    if (!path.startsWith(folder)) throw new Error(`${path} is not inside ${folder}`);
    return path.slice(folder.length);
  };
  const path = inside(r.path);
  return {
    ...r,
    name: path.toLowerCase().replace(/[^a-z0-9._-]+/gu, "-").replace(/^-+|-+$/gu, ""),
    path,
    ...(r.sources ? { sources: r.sources.map((s) => (s.path ? { ...s, path: inside(s.path) } : s)) } : {}),
  };
}

/**
 * A report's own data package, `reports/<id>/data/datapackage.json`: every file of the report (`resources`, as the
 * site names them), their paths relative to that folder. Minified, like every JSON download.
 */
export function reportPackage(report: Report, resources: readonly Resource[], siteUrl: string): string {
  const folder = routes.reportData(report.meta.id);
  const pkg = {
    $schema: DATA_PACKAGE_PROFILE,
    name: `touming-${report.meta.id}`,
    title: `${report.meta.department.name} ${report.meta.title}`,
    description: "本报告公开的全部标准表格、明细数据、数据核对结果、图表数据与原文。数字与原文一致；空白不等于零；原文缺失的表没有数据文件。",
    ...(siteUrl ? { homepage: new URL(routes.report(report.meta.id), siteUrl).href } : {}),
    version: "1.0.0",
    licenses: dataPackageLicenses,
    resources: resources.map((r) => relativeResource(r, folder)),
  };
  return `${JSON.stringify(pkg)}\n`;
}

/** The `data/` folder's package: the site-wide data files, paths relative to `data/` (its old address, kept). */
export function dataFolderPackage(resources: readonly Resource[], siteUrl: string): string {
  const pkg = { ...(dataPackage([], siteUrl) as Record<string, unknown>), name: "touming-site-wide-data", resources: resources.map((r) => relativeResource(r, "data/")) };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}
