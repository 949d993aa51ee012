/** dist/data/line-items.csv of the real built site: the contract analysts script against. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { lineItems } from "../../src/lib/line-items.ts";
import { loadSiteOrThrow } from "../../src/lib/load.ts";
import { dataPaths, fsReader, projectValidators } from "../../src/lib/node-io.ts";
import { buildSite } from "../support/site.ts";

const COLUMNS = ["report_id", "city", "department", "year", "kind", "table_no", "table_title", "row_code", "row_level", "row_label", "column_label", "is_total", "value", "unit"];
let text = "";
let rows: Record<string, string>[] = [];

beforeAll(async () => {
  const dir = await buildSite();
  text = readFileSync(join(dir, "data/line-items.csv"), "utf8");
  rows = Papa.parse<Record<string, string>>(text, { header: true, dynamicTyping: false, skipEmptyLines: true }).data;
});

describe("data/line-items.csv", () => {
  it("has exactly the contract's columns, plain UTF-8 without a BOM (see README), LF line ends", () => {
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(text.split("\n")[0]).toBe(COLUMNS.join(","));
    expect(text.includes("\r")).toBe(false);
  });

  it("holds every line item of every report, in source order", () => {
    const site = loadSiteOrThrow(fsReader, dataPaths(), projectValidators());
    const expected = site.reports.flatMap((r) => lineItems(r));
    expect(rows).toHaveLength(expected.length);
    expect(rows).toEqual(expected.map((i) => Object.fromEntries(COLUMNS.map((c) => [c, i[c as keyof typeof i]]))));
    for (const r of site.reports) {
      const lines = rows.filter((x) => x.report_id === r.meta.id);
      expect(lines.length).toBeGreaterThan(100);
    }
  });

  it("reads back in a standard CSV parser with values as published (read from the sources by hand)", () => {
    const pick = (q: Record<string, string>) => rows.filter((r) => Object.entries(q).every(([k, v]) => r[k] === v)).map((r) => r.value);
    // 000 line 109: 2080201 行政运行 177.97 177.97
    expect(pick({ report_id: "yangquan-civil-affairs-2024-final", table_no: "2", row_code: "2080201", column_label: "本年收入合计" })).toEqual(["177.97"]);
    // 002 line 75: 一、一般公共预算财政拨款收入 1 3,383.31
    expect(pick({ report_id: "yangquan-veterans-affairs-2023-final", table_no: "1", row_label: "一、一般公共预算财政拨款收入" })).toEqual(["3383.31"]);
    // 001 表三: 合计 4411. 49
    expect(pick({ report_id: "yangquan-civil-affairs-2025-budget", table_no: "3", row_label: "合计", column_label: "2025年预算数/合计" })).toEqual(["4411.49"]);
    // 004 表七: 1030155 彩票公益金收入 326.00
    expect(pick({ report_id: "xinzhou-civil-affairs-2024-budget", table_no: "7", row_code: "1030155" })).toEqual(["326.00"]);
    for (const r of rows) {
      expect(r.value, JSON.stringify(r)).toMatch(/^-?\d+(?:\.\d+)?$/u);
      expect(["budget", "final"]).toContain(r.kind);
      expect(r.row_code).toMatch(/^(?:\d{3}|\d{5}|\d{7})?$/u);
    }
  });

  it("has no 行次 or 栏次 among the values", () => {
    const y24 = rows.filter((r) => r.report_id === "yangquan-civil-affairs-2024-final" && r.table_no === "1");
    expect(y24.map((r) => r.column_label).every((c) => c === "收入/金额" || c === "支出/金额")).toBe(true);
  });
});
