/**
 * The download files. Before the pages are rendered (`astro:build:start`) every file is generated into a staging
 * folder, one report at a time so memory stays bounded, and described in `data/datapackage.json` (size and SHA-256
 * included) — the downloads page and the report pages read that description. After the pages (`astro:build:done`)
 * the staged files are moved into the output.
 */
import { createWriteStream, cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { once } from "node:events";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import { writeCsv } from "../lib/csv.ts";
import { dataPackage, lineItemsSchema, type Resource } from "../lib/export/datapackage.ts";
import { BOM } from "../lib/export/files.ts";
import { file, reportDownloadFiles, reportSources, resourceOf, sha256 } from "../lib/export/report-files.ts";
import { safeText } from "../lib/export/safe.ts";
import { lineItems } from "../lib/line-items.ts";
import { LINE_ITEM_COLUMNS } from "../lib/model.ts";
import { dataPaths, root } from "../lib/node-io.ts";
import { routes } from "../lib/paths.ts";
import { eachReport, STAGE_ENV } from "../lib/site.ts";

function writeFile(stage: string, path: string, bytes: Uint8Array): void {
  mkdirSync(dirname(join(stage, path)), { recursive: true });
  writeFileSync(join(stage, path), bytes);
}

/** Streams the site-wide line items (CSV and JSON) report by report; returns their resources. */
async function writeLineItems(stage: string): Promise<Resource[]> {
  const csvPath = routes.lineItems();
  const jsonPath = routes.lineItemsJson();
  mkdirSync(join(stage, "data"), { recursive: true });
  const csv = createWriteStream(join(stage, csvPath), { encoding: "utf8" });
  const json = createWriteStream(join(stage, jsonPath), { encoding: "utf8" });
  const write = async (out: typeof csv, chunk: string) => {
    if (!out.write(chunk)) await once(out, "drain");
  };
  await write(csv, `${BOM}${writeCsv(LINE_ITEM_COLUMNS, [])}`);
  await write(json, "[");
  let first = true;
  for (const report of eachReport()) {
    const items = lineItems(report);
    if (items.length === 0) continue;
    const rows = writeCsv(LINE_ITEM_COLUMNS, items.map((i) => LINE_ITEM_COLUMNS.map((c) => safeText(i[c]))));
    await write(csv, rows.slice(rows.indexOf("\n") + 1));
    await write(json, `${first ? "" : ","}\n${items.map((i) => JSON.stringify(i)).join(",\n")}`);
    first = false;
  }
  await write(json, "\n]\n");
  csv.end();
  json.end();
  await Promise.all([once(csv, "finish"), once(json, "finish")]);
  const described = (path: string, title: string, schema?: ReturnType<typeof lineItemsSchema>) => {
    const bytes = readFileSync(join(stage, path));
    return resourceOf(file(path, bytes, title, schema ? { schema, unit: "万元" } : {}), bytes.length, sha256(bytes));
  };
  return [described(csvPath, "全部报告的明细数据", lineItemsSchema()), described(jsonPath, "全部报告的明细数据（JSON）")];
}

export async function stageDownloads(stage: string, siteUrl: string): Promise<number> {
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  const resources: Resource[] = [];
  resources.push(...(await writeLineItems(stage)));
  for (const name of readdirSync(join(root, "schemas")).sort()) {
    const bytes = readFileSync(join(root, "schemas", name));
    const f = file(routes.schema(name), bytes, `JSON Schema：${name}`);
    writeFile(stage, f.path, bytes);
    resources.push(resourceOf(f, bytes.length, sha256(bytes)));
  }
  const reports = dataPaths().reports;
  for (const report of eachReport()) {
    const source = readFileSync(join(reports, report.meta.id, "source.txt"), "utf8");
    const sources = reportSources(report, `${routes.reportData(report.meta.id)}source.txt`);
    for (const f of reportDownloadFiles(report, source, siteUrl)) {
      writeFile(stage, f.path, f.bytes);
      resources.push(resourceOf(f, f.bytes.length, sha256(f.bytes), f.format === "txt" ? undefined : sources));
    }
  }
  writeFile(stage, routes.datapackage(), new TextEncoder().encode(`${JSON.stringify(dataPackage(resources, siteUrl), null, 2)}\n`));
  return resources.length;
}

export default function downloads(): AstroIntegration {
  let stage = "";
  let siteUrl = "";
  return {
    name: "touming-downloads",
    hooks: {
      "astro:config:done": ({ config }) => {
        siteUrl = new URL(config.base, config.site ?? "https://touming.example").href;
      },
      "astro:build:start": async ({ logger }) => {
        stage = join(root, ".build-tmp", `stage-${process.pid}`);
        process.env[STAGE_ENV] = stage;
        const n = await stageDownloads(stage, siteUrl);
        logger.info(`${n} download files staged`);
      },
      "astro:build:done": ({ dir, logger }) => {
        cpSync(stage, fileURLToPath(dir), { recursive: true });
        rmSync(stage, { recursive: true, force: true });
        logger.info("download files written");
      },
    },
  };
}
