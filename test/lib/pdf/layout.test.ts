/**
 * Reading tables from a PDF's geometry: pages are built by hand (text boxes and ruling lines), so each behaviour is
 * tested on its own; test/import/pdf.test.ts reads whole PDFs through PDF.js.
 */
import { describe, expect, it } from "vitest";
import type { PdfDocument, PdfItem, PdfPage, Rule } from "../../../src/lib/pdf/extract.ts";
import { layoutPdf } from "../../../src/lib/pdf/layout.ts";
import { readPdf } from "../../../src/lib/pdf/extract.ts";
import { makePdf, textWidth } from "../../support/pdf-writer.ts";

const SIZE = 10;
/** A text box: left-aligned at x, or right-aligned at x when `right`; y is the baseline. */
function t(text: string, x: number, y: number, right = false): PdfItem {
  const w = textWidth(text, SIZE);
  const x0 = right ? x - w : x;
  return { x0, x1: x0 + w, y, top: y - SIZE * 0.88, bottom: y + SIZE * 0.12, text };
}
const h = (y: number, from: number, to: number): Rule => ({ dir: "h", at: y, from, to });
const v = (x: number, from: number, to: number): Rule => ({ dir: "v", at: x, from, to });
const page = (no: number, items: PdfItem[], rules: Rule[] = []): PdfPage => ({ no, width: 600, height: 800, items, rules });
const text = (doc: PdfDocument) => layoutPdf(doc).lines.map((l) => l.text);

/** A grid with column edges `cols` and row edges `rows`, every cell ruled. */
function grid(cols: number[], rows: number[]): Rule[] {
  const [x0, x1] = [cols[0] as number, cols.at(-1) as number];
  const [y0, y1] = [rows[0] as number, rows.at(-1) as number];
  return [...rows.map((y) => h(y, x0, x1)), ...cols.map((x) => v(x, y0, y1))];
}

describe("tables from their grid", () => {
  const cols = [50, 110, 250, 330, 410, 490];
  const rows = [100, 120, 140, 160];
  it("keeps a blank cell as an empty cell in its column (right-aligned amounts placed by their column)", () => {
    const doc = { pages: [page(1, [
      t("科目编码", 52, 115), t("科目名称", 112, 115), t("合计", 252, 115), t("基本支出", 332, 115), t("项目支出", 412, 115),
      t("2010602", 52, 135), t("一般行政管理事务", 112, 135), t("100,000.00", 326, 135, true), t("100,000.00", 486, 135, true),
      t("2010601", 52, 155), t("行政运行", 112, 155), t("16,231,840.80", 326, 155, true), t("16,093,326.00", 406, 155, true), t("138,514.80", 486, 155, true),
    ], grid(cols, rows))] };
    expect(text(doc)).toEqual([
      "科目编码\t科目名称\t合计\t基本支出\t项目支出",
      "2010602\t一般行政管理事务\t100,000.00\t\t100,000.00",
      "2010601\t行政运行\t16,231,840.80\t16,093,326.00\t138,514.80",
    ]);
  });

  it("puts a cell spanning columns or rows in its first column and row, as text tables show it", () => {
    // 项目 spans two columns and two rows; 本年支出 spans three columns.
    const rules = [
      h(100, 50, 490), h(140, 50, 490), h(160, 50, 490),
      h(120, 250, 490), // under 本年支出 only
      v(50, 100, 160), v(250, 100, 160), v(490, 100, 160),
      v(110, 120, 160), // 项目 spans the two columns in the first header row
      v(330, 120, 160), v(410, 120, 160),
    ];
    const doc = { pages: [page(1, [
      t("项目", 140, 125), t("本年支出", 340, 115),
      t("小计", 252, 135), t("基本支出", 332, 135), t("项目支出", 412, 135),
      t("201", 52, 155), t("一般公共服务支出", 112, 155), t("5.00", 326, 155, true), t("5.00", 486, 155, true),
    ], rules)] };
    expect(text(doc)).toEqual(["项目\t\t本年支出\t\t", "\t\t小计\t基本支出\t项目支出", "201\t一般公共服务支出\t5.00\t\t5.00"]);
  });

  it("joins text wrapped inside a cell, removes letter-spacing, and takes an amount set half a line above its row", () => {
    const doc = { pages: [page(1, [
      t("2013999", 52, 140), t("其他社会工作", 112, 133), t("事务支出", 112, 147), t("202.24", 326, 134, true), t("202.24", 486, 134, true),
      t("21011", 52, 175), t("行 政 事 业 单 位", 112, 168), t("医疗", 112, 182), t("2.71", 326, 175, true),
    ], grid([50, 110, 250, 330, 410, 490], [120, 155, 190]))] };
    expect(text(doc)).toEqual(["2013999\t其他社会工作事务支出\t202.24\t\t202.24", "21011\t行政事业单位医疗\t2.71\t\t"]);
  });

  it("splits what PDF.js joined across a column rule (行次 next to an amount)", () => {
    const joined: PdfItem = { ...t("1 2560.16", 207, 140), x0: 207, x1: 252 };
    const doc = { pages: [page(1, [t("一、一般公共预算财政拨款收入", 52, 140), joined], grid([50, 200, 215, 260], [125, 150]))] };
    expect(text(doc)).toEqual(["一、一般公共预算财政拨款收入\t1\t2560.16"]);
  });

  it("continues a table on the next page and drops the header that page repeats (with a note)", () => {
    const head = (y: number) => [t("科目编码", 52, y), t("科目名称", 112, y), t("合计", 252, y)];
    const cols3 = [50, 110, 250, 330];
    const doc = { pages: [
      page(1, [t("支出决算表", 200, 80), ...head(115), t("201", 52, 135), t("一般公共服务支出", 112, 135), t("5.00", 326, 135, true), t("- 1 -", 290, 790)], grid(cols3, [100, 120, 140])),
      page(2, [...head(115), t("208", 52, 135), t("社会保障和就业支出", 112, 135), t("7.00", 326, 135, true), t("- 2 -", 290, 790)], grid(cols3, [100, 120, 140])),
    ] };
    const { lines, notes } = layoutPdf(doc);
    expect(lines.map((l) => [l.page, l.text])).toEqual([
      [1, "支出决算表"],
      [1, "科目编码\t科目名称\t合计"],
      [1, "201\t一般公共服务支出\t5.00"],
      [2, "208\t社会保障和就业支出\t7.00"],
    ]);
    expect(notes).toEqual([{ page: 2, message: expect.stringContaining("续表表头") }]);
  });

  it("does not continue the previous page's table with a new one of the same width that draws rules of its own", () => {
    // Two forms of a series, one a page, each a grid from the page's top: the second's columns are its own.
    const form = (name: string, cols4: number[]) => [
      t("项目名称", 52, 115), t(name, (cols4[1] as number) + 2, 115), t("项目性质", (cols4[2] as number) + 2, 115), t("经常性项目", (cols4[3] as number) + 2, 115),
    ];
    const a = [50, 150, 300, 400, 550];
    const b = [50, 170, 330, 420, 550];
    const doc = { pages: [page(1, form("就业援助基地补贴", a), grid(a, [100, 120])), page(2, form("社区环境整治和建设经费", b), grid(b, [100, 120]))] };
    expect(text(doc)).toEqual(["项目名称	就业援助基地补贴	项目性质	经常性项目", "项目名称	社区环境整治和建设经费	项目性质	经常性项目"]);
  });

  it("does not take a new table's header for a continuation when text came between", () => {
    const head = (y: number) => [t("科目编码", 52, y), t("合计", 112, y)];
    const doc = { pages: [
      page(1, [...head(115), t("201", 52, 135), t("5.00", 196, 135, true), t("注：本表反映支出。", 52, 170)], grid([50, 110, 200], [100, 120, 140])),
      page(2, [...head(115), t("208", 52, 135), t("7.00", 196, 135, true)], grid([50, 110, 200], [100, 120, 140])),
    ] };
    expect(text(doc)).toEqual(["科目编码\t合计", "201\t5.00", "注：本表反映支出。", "科目编码\t合计", "208\t7.00"]);
  });
});

describe("tables printed without ruling lines", () => {
  it("finds the columns by alignment: blank cells stay blank, a wrapped name joins its row, prose stays prose", () => {
    const doc = { pages: [page(1, [
      t("一般公共预算支出功能分类预算表", 150, 60),
      t("单位：元", 50, 80),
      t("科目编码", 52, 100), t("科目名称", 112, 100), t("合计", 252, 100), t("基本支出", 332, 100), t("项目支出", 412, 100),
      t("2010602", 52, 120), t("一般行政管理事务", 112, 120), t("100,000.00", 326, 120, true), t("100,000.00", 486, 120, true),
      // 其他社会工作 / 事务支出: a name wrapped over two lines, centred on its row's amounts.
      t("其他社会工作", 112, 132), t("2013999", 52, 140), t("202.24", 326, 140, true), t("202.24", 406, 140, true), t("事务支出", 112, 148),
      t("2010601", 52, 160), t("行政运行", 112, 160), t("16,231,840.80", 326, 160, true), t("16,093,326.00", 406, 160, true), t("138,514.80", 486, 160, true),
      t("2025年收入预算1,200,000.00元，支出预算1,200,000.00元。", 50, 200),
    ])] };
    expect(text(doc)).toEqual([
      "一般公共预算支出功能分类预算表",
      "单位：元",
      "科目编码\t科目名称\t合计\t基本支出\t项目支出",
      "2010602\t一般行政管理事务\t100,000.00\t\t100,000.00",
      "2013999\t其他社会工作事务支出\t202.24\t202.24\t",
      "2010601\t行政运行\t16,231,840.80\t16,093,326.00\t138,514.80",
      "2025年收入预算1,200,000.00元，支出预算1,200,000.00元。",
    ]);
  });
});

describe("text around the tables", () => {
  it("joins a paragraph's wrapped lines, keeps an indented paragraph and a centred title apart, drops page numbers", () => {
    const items = [
      t("情况说明", 270, 60),
      t("一、收入支出决算总体情况说明", 50, 90),
      t("2024年度收入、支出决算总计3,119.54万元。与2023年度相比，收入、支出总计各减少", 70, 110),
      t("6,961.07万元，下降69.05%。", 50, 126),
      t("主要原因是殡仪馆迁建项目完工。这一段很长很长很长很长很长很长很长很长很长很长很长很长", 70, 142),
      t("第 3 页", 280, 790),
    ];
    // The text column's right edge: the first line of each paragraph runs to it.
    items[2] = { ...(items[2] as PdfItem), x1: 550 };
    items[4] = { ...(items[4] as PdfItem), x1: 480 };
    const doc = { pages: [page(1, items), page(2, [t("二、其他", 50, 60), { ...t("长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长", 50, 80), x1: 550 }])] };
    expect(text(doc)).toEqual([
      "情况说明",
      "一、收入支出决算总体情况说明",
      "2024年度收入、支出决算总计3,119.54万元。与2023年度相比，收入、支出总计各减少6,961.07万元，下降69.05%。",
      "主要原因是殡仪馆迁建项目完工。这一段很长很长很长很长很长很长很长很长很长很长很长很长",
      "二、其他",
      "长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长",
    ]);
  });

  it("turns a 目录 entry's dot leader into a tab before its page number, and keeps apart what is far apart on a line", () => {
    const doc = { pages: [page(1, [t("一、部门主要职能……………………3", 50, 60), t("二、部门预算表………………", 50, 80), t("编制部门：某局", 50, 100), t("单位：元", 450, 100)])] };
    expect(text(doc)).toEqual(["一、部门主要职能\t3", "二、部门预算表", "编制部门：某局  单位：元"]);
  });

  it("drops a running header repeated in the top margin of most pages", () => {
    const pages = [1, 2, 3, 4].map((no) => page(no, [t("仅供内部审核", 250, 30), t(`第${no}段正文`, 50, 200)]));
    expect(text({ pages })).toEqual(["第1段正文", "第2段正文", "第3段正文", "第4段正文"]);
  });
});

describe("through PDF.js", () => {
  it("reads rules drawn as strokes and as thin rectangles alike, and text in a non-embedded CJK font", async () => {
    for (const asRect of [true, false]) {
      const lines = [
        ...[100, 120, 140].map((y) => ({ x0: 50, y0: y, x1: 330, y1: y, asRect })),
        ...[50, 110, 250, 330].map((x) => ({ x0: x, y0: 100, x1: x, y1: 140, asRect })),
      ];
      const pdf = makePdf([{ width: 600, height: 800, lines, texts: [
        { x: 52, y: 114, text: "科目编码" }, { x: 112, y: 114, text: "科目名称" }, { x: 252, y: 114, text: "合计" },
        { x: 52, y: 134, text: "2080201" }, { x: 112, y: 134, text: "行政运行" }, { x: 326, y: 134, text: "157.60", right: true },
      ] }]);
      const doc = await readPdf(pdf);
      expect(doc.pages[0]?.rules.filter((r) => r.dir === "v")).toHaveLength(4);
      expect(text(doc), asRect ? "rectangles" : "strokes").toEqual(["科目编码\t科目名称\t合计", "2080201\t行政运行\t157.60"]);
    }
  });
});
