/**
 * Another document in the same template must import too: the seed texts rewritten the way other extractions print
 * them (no markdown marks, no table labels, page breaks and watermarks inside tables, thousands separators, another
 * city) give exactly the same numbers in the same rows and columns.
 */
import { describe, expect, it } from "vitest";
import { importDisclosure } from "../../src/lib/import/report.ts";
import { lineItems } from "../../src/lib/line-items.ts";
import { asReport, imported, reference, source } from "./seeds.ts";

const cells = (id: string, text: string) => {
  const r = importDisclosure(text, { original: "variant.txt", reference });
  expect(r.problems).toEqual([]);
  return lineItems(asReport(r)).map((i) => [i.table_no, i.row_code, i.row_label, i.column_label, i.value].join("|"));
};

const TABLE_ROW = /^[^\t\n]*\t.*\d/u;

const variants: [string, (t: string) => string][] = [
  [
    "with markdown heading marks toggled",
    (t) =>
      /^#+\s/mu.test(t)
        ? t.replace(/^#+\s+/gmu, "")
        : t.replace(/^(第[一二三四五]部分[^\t]*|[^\t\n]*表(?:（[^）\n]*）)?)$/gmu, "## $1"),
  ],
  ["without table labels", (t) => t.replace(/^\s*(?:公开\d+表?|表|预算公开表\d+|部门公开表\d+)\s*$/gmu, "")],
  [
    "with page breaks and watermarks inside tables",
    (t) =>
      t
        .split("\n")
        .map((l, i) => (TABLE_ROW.test(l) && i % 7 === 0 ? `${l}\n\n仅供内部审核\n\n` : l))
        .join("\n"),
  ],
  [
    "with thousands separators toggled and inner spaces in amounts",
    (t) =>
      t
        .split("\n")
        .map((l) => (l.includes("\t") ? l.split("\t").map((c) => (/^\d{1,3},\d{3}\.\d+$/u.test(c) ? c.replace(",", "") : c.replace(/^(\d{1,3})(\d{3})\.(\d\d)$/u, "$1,$2. $3"))).join("\t") : l))
        .join("\n"),
  ],
];

describe.each(["yangquan-civil-affairs-2024-final", "yangquan-civil-affairs-2025-budget", "yangquan-veterans-affairs-2023-final"])("%s", (id) => {
  const expected = lineItems(asReport(imported(id))).map((i) => [i.table_no, i.row_code, i.row_label, i.column_label, i.value].join("|"));
  it.each(variants)("%s", (_name, rewrite) => {
    const text = rewrite(source(id));
    expect(text).not.toBe(source(id));
    expect(cells(id, text)).toEqual(expected);
  });
});

describe("the same department of another city", () => {
  it("imports under that city's ids with the same numbers", () => {
    const text = source("yangquan-civil-affairs-2024-final").replaceAll("阳泉市", "忻州市");
    const r = importDisclosure(text, { original: "xinzhou.txt", reference });
    expect(r.problems).toEqual([]);
    expect(r.document.meta.id).toBe("xinzhou-civil-affairs-2024-final");
    expect(lineItems(asReport(r)).map((i) => i.value)).toEqual(lineItems(asReport(imported("yangquan-civil-affairs-2024-final"))).map((i) => i.value));
  });
});
