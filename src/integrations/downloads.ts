/**
 * Site-wide download files written after the pages, streamed report by report so memory stays bounded however many
 * reports there are: `data/line-items.csv`.
 */
import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import { writeCsv } from "../lib/csv.ts";
import { lineItems } from "../lib/line-items.ts";
import { LINE_ITEM_COLUMNS } from "../lib/model.ts";
import { eachReport } from "../lib/site.ts";

async function writeLineItems(path: string): Promise<number> {
  const out = createWriteStream(path, { encoding: "utf8" });
  let rows = 0;
  const write = async (chunk: string) => {
    if (!out.write(chunk)) await once(out, "drain");
  };
  await write(writeCsv(LINE_ITEM_COLUMNS, []));
  for (const report of eachReport()) {
    const items = lineItems(report);
    rows += items.length;
    if (items.length === 0) continue;
    const csv = writeCsv(LINE_ITEM_COLUMNS, items.map((i) => LINE_ITEM_COLUMNS.map((c) => i[c])));
    await write(csv.slice(csv.indexOf("\n") + 1));
  }
  out.end();
  await once(out, "finish");
  return rows;
}

export default function downloads(): AstroIntegration {
  return {
    name: "touming-downloads",
    hooks: {
      "astro:build:done": async ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        await mkdir(`${root}/data`, { recursive: true });
        const rows = await writeLineItems(`${root}/data/line-items.csv`);
        logger.info(`data/line-items.csv: ${rows} line items`);
      },
    },
  };
}
