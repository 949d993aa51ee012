import { describe, expect, test } from "vitest";
import {
  allDepartments,
  buildCatalog,
  byDepartmentKind,
  collectGlossary,
  compareReports,
  compareText,
  departmentRows,
  figureRows,
  latestReports,
  reportsOfYear,
  siteStats,
  yearSpan,
  yearsOf,
} from "../../src/lib/catalog.ts";
import type { Figure } from "../../src/lib/figures.ts";
import type { ReportKind, ReportMeta } from "../../src/lib/model.ts";
import type { Reference } from "../../src/lib/reference.ts";

const REFERENCE: Reference = {
  cities: [
    { name: "阳泉市", id: "yangquan", province: "山西省", province_id: "shanxi" },
    { name: "忻州市", id: "xinzhou", province: "山西省", province_id: "shanxi" },
    { name: "大同市", id: "datong", province: "山西省", province_id: "shanxi" },
  ],
  kinds: [
    { id: "civil-affairs", name: "民政" },
    { id: "veterans-affairs", name: "退役军人事务" },
  ],
  departments: [
    { name: "阳泉市民政局", city: "yangquan", id: "civil-affairs", kind: "civil-affairs", parent: "" },
    { name: "阳泉市退役军人事务局", city: "yangquan", id: "veterans-affairs", kind: "veterans-affairs", parent: "" },
    { name: "阳泉市城乡居民最低生活保障管理中心", city: "yangquan", id: "civil-affairs-dibao-center", kind: "civil-affairs", parent: "阳泉市民政局" },
    { name: "阳泉市社会福利院", city: "yangquan", id: "civil-affairs-welfare-home", kind: "civil-affairs", parent: "阳泉市民政局" },
    { name: "忻州市民政局", city: "xinzhou", id: "civil-affairs", kind: "civil-affairs", parent: "" },
  ],
};

const DEPARTMENTS: Record<string, [string, string, string, string?]> = {
  "yangquan-civil-affairs": ["阳泉市民政局", "civil-affairs", "民政"],
  "yangquan-veterans-affairs": ["阳泉市退役军人事务局", "veterans-affairs", "退役军人事务"],
  "yangquan-civil-affairs-dibao-center": ["阳泉市城乡居民最低生活保障管理中心", "civil-affairs", "民政", "阳泉市民政局"],
  "xinzhou-civil-affairs": ["忻州市民政局", "civil-affairs", "民政"],
};

/** A report's metadata, from `<city>-<department>` plus year and kind. */
function meta(cityDept: string, year: number, kind: ReportKind): ReportMeta {
  const city = cityDept.split("-")[0] as string;
  const [name, deptKind, kindName, parent] = DEPARTMENTS[cityDept] as [string, string, string, string?];
  return {
    id: `${cityDept}-${year}-${kind}`,
    province: { name: "山西省", id: "shanxi" },
    city: { name: city === "yangquan" ? "阳泉市" : "忻州市", id: city },
    department: { name, id: cityDept.slice(city.length + 1), kind: deptKind, kindName },
    level: parent ? "unit" : "department",
    ...(parent ? { parent: { name: parent, id: "civil-affairs" } } : {}),
    year,
    kind,
    title: `${year}年度部门${kind === "budget" ? "预算" : "决算"}公开`,
    unit: "万元",
    source: { file: "source.txt", sha256: "0".repeat(64), lines: 1, original: "x.txt" },
  };
}

const YQ24F = meta("yangquan-civil-affairs", 2024, "final");
const YQ25B = meta("yangquan-civil-affairs", 2025, "budget");
const YQ24B = meta("yangquan-civil-affairs", 2024, "budget");
const VET23F = meta("yangquan-veterans-affairs", 2023, "final");
const DIBAO24F = meta("yangquan-civil-affairs-dibao-center", 2024, "final");
const XZ24B = meta("xinzhou-civil-affairs", 2024, "budget");
const ALL = [YQ24F, YQ25B, VET23F, DIBAO24F, XZ24B];
const ids = (metas: ReportMeta[]) => metas.map((m) => m.id);

describe("compareText", () => {
  test.each([
    ["阳泉市", "忻州市", 1], // y after x in pinyin
    ["“三公”经费", "上年结转", -1], // quotes ignored: san before shang
    ["基本支出", "基本支出", 0],
    ["使用非财政拨款结余", "使用非财政拨款结余（含专用结余）", -1],
  ])("%s vs %s", (a, b, sign) => {
    expect(Math.sign(compareText(a, b))).toBe(sign);
  });
});

describe("compareReports: newest year first, budget before final, then city and department", () => {
  test.each([
    ["2025 budget before 2024 final", YQ25B, YQ24F],
    ["2024 budget before 2024 final", YQ24B, YQ24F],
    ["2024 final before 2023 final", YQ24F, VET23F],
    ["same year and kind: 忻州 before 阳泉", XZ24B, YQ24B],
    ["same city: 阳泉市城乡… before 阳泉市民政局", DIBAO24F, YQ24F],
  ])("%s", (_name, first, second) => {
    expect(compareReports(first, second)).toBeLessThan(0);
    expect(compareReports(second, first)).toBeGreaterThan(0);
  });
});

describe("buildCatalog", () => {
  const cities = buildCatalog(REFERENCE, ALL);
  const yangquan = cities.find((c) => c.id === "yangquan");
  const civil = yangquan?.departments.find((d) => d.id === "civil-affairs");

  test("cities by name (pinyin), each with its reports newest first", () => {
    expect(cities.map((c) => [c.id, c.reports.length])).toEqual([
      ["datong", 0],
      ["xinzhou", 1],
      ["yangquan", 4],
    ]);
    expect(ids(yangquan?.reports ?? [])).toEqual([
      "yangquan-civil-affairs-2025-budget",
      "yangquan-civil-affairs-dibao-center-2024-final",
      "yangquan-civil-affairs-2024-final",
      "yangquan-veterans-affairs-2023-final",
    ]);
  });

  test("top-level departments only; units sit under their parent", () => {
    expect(yangquan?.departments.map((d) => d.name)).toEqual(["阳泉市民政局", "阳泉市退役军人事务局"]);
    expect(civil?.units.map((u) => [u.name, u.reports.length, u.hasReports])).toEqual([
      ["阳泉市城乡居民最低生活保障管理中心", 1, true],
      ["阳泉市社会福利院", 0, false],
    ]);
    expect(civil?.units[0]?.parent).toEqual({ name: "阳泉市民政局", id: "civil-affairs", city: { id: "yangquan", name: "阳泉市" } });
    expect(civil?.parent).toBeUndefined();
  });

  test("a department's reports newest first, budget before final", () => {
    expect(ids(buildCatalog(REFERENCE, [YQ24F, YQ24B, YQ25B])[2]?.departments[0]?.reports ?? [])).toEqual([
      "yangquan-civil-affairs-2025-budget",
      "yangquan-civil-affairs-2024-budget",
      "yangquan-civil-affairs-2024-final",
    ]);
  });

  test("a department without reports of its own has a page when a unit has one", () => {
    const [, , yq] = buildCatalog(REFERENCE, [DIBAO24F]);
    expect(yq?.departments.map((d) => [d.name, d.reports.length, d.hasReports])).toEqual([
      ["阳泉市民政局", 0, true],
      ["阳泉市退役军人事务局", 0, false],
    ]);
  });

  test("the order of the inputs does not matter", () => {
    expect(buildCatalog(REFERENCE, [...ALL].reverse())).toEqual(cities);
  });

  test("throws on a report of a department missing from the reference", () => {
    const stray = { ...YQ24F, id: "yangquan-civil-affairs-2024-final-x", department: { ...YQ24F.department, id: "unknown" } };
    expect(() => buildCatalog(REFERENCE, [stray])).toThrow(/missing from the reference lists: yangquan-civil-affairs-2024-final-x/);
  });

  test("throws when parent links form a cycle", () => {
    const cyclic: Reference = {
      ...REFERENCE,
      departments: [
        { name: "甲", city: "yangquan", id: "a", kind: "civil-affairs", parent: "乙" },
        { name: "乙", city: "yangquan", id: "b", kind: "civil-affairs", parent: "甲" },
      ],
    };
    expect(() => buildCatalog(cyclic, [])).toThrow(/cycle/);
  });

  test("allDepartments and departmentRows: each department followed by its units", () => {
    expect(allDepartments(cities).map((d) => d.name)).toEqual([
      "忻州市民政局",
      "阳泉市民政局",
      "阳泉市城乡居民最低生活保障管理中心",
      "阳泉市社会福利院",
      "阳泉市退役军人事务局",
    ]);
    expect(departmentRows(yangquan as NonNullable<typeof yangquan>).map((r) => [r.department.id, r.depth])).toEqual([
      ["civil-affairs", 0],
      ["civil-affairs-dibao-center", 1],
      ["civil-affairs-welfare-home", 1],
      ["veterans-affairs", 0],
    ]);
  });

  test("byDepartmentKind: kinds in pinyin order, departments with a page by city then name, units under them", () => {
    const groups = byDepartmentKind(cities);
    expect(groups.map((g) => [g.kind.name, g.departments.map((d) => d.name)])).toEqual([
      ["民政", ["忻州市民政局", "阳泉市民政局"]],
      ["退役军人事务", ["阳泉市退役军人事务局"]],
    ]);
    expect(groups[0]?.departments[1]?.units.map((u) => u.name)).toEqual(["阳泉市城乡居民最低生活保障管理中心", "阳泉市社会福利院"]);
    expect(byDepartmentKind(buildCatalog(REFERENCE, [VET23F])).map((g) => g.kind.name)).toEqual(["退役军人事务"]);
  });
});

describe("counts and years", () => {
  test("siteStats", () => {
    expect(siteStats(ALL)).toEqual({ reports: 5, cities: 2, departments: 3, units: 1, years: [2023, 2024, 2025], kinds: { budget: 2, final: 3 } });
    expect(siteStats([])).toEqual({ reports: 0, cities: 0, departments: 0, units: 0, years: [], kinds: { budget: 0, final: 0 } });
  });

  test.each([
    [[], "—"],
    [[2024], "2024年"],
    [[2023, 2024, 2025], "2023–2025年"],
  ])("yearSpan(%j) = %s", (years, expected) => {
    expect(yearSpan(years)).toBe(expected);
  });

  test("yearsOf, reportsOfYear, latestReports", () => {
    expect(yearsOf(ALL)).toEqual([2025, 2024, 2023]);
    expect(ids(reportsOfYear([YQ24F, YQ25B, YQ24B], 2024))).toEqual(["yangquan-civil-affairs-2024-budget", "yangquan-civil-affairs-2024-final"]);
    expect(ids(latestReports(ALL, 2))).toEqual(["yangquan-civil-affairs-2025-budget", "xinzhou-civil-affairs-2024-budget"]);
  });
});

describe("figureRows", () => {
  const figure = (key: Figure["key"], name: string, value?: string): Figure =>
    value === undefined ? { key, name, unit: "万元", table: 3, absent: "原文缺少此表" } : { key, name, unit: "万元", table: 1, value };

  test("one row per figure, one cell per report in the columns' order", () => {
    const rows = figureRows([
      { meta: YQ25B, figures: [figure("income", "收入总计", "4411.49"), figure("basic", "基本支出", "1099.45")] },
      { meta: YQ24F, figures: [figure("income", "收入总计", "3119.54"), figure("basic", "基本支出")] },
    ]);
    expect(rows.map((r) => [r.name, r.cells.map((c) => [c.meta.id, c.figure?.value ?? c.figure?.absent])])).toEqual([
      ["收入总计", [["yangquan-civil-affairs-2025-budget", "4411.49"], ["yangquan-civil-affairs-2024-final", "3119.54"]]],
      ["基本支出", [["yangquan-civil-affairs-2025-budget", "1099.45"], ["yangquan-civil-affairs-2024-final", "原文缺少此表"]]],
    ]);
  });

  test("a figure one report lacks entirely gives that cell no figure", () => {
    const rows = figureRows([
      { meta: YQ25B, figures: [figure("income", "收入总计", "1")] },
      { meta: YQ24F, figures: [figure("project", "项目支出", "2")] },
    ]);
    expect(rows.map((r) => r.cells.map((c) => c.figure?.value ?? null))).toEqual([
      ["1", null],
      [null, "2"],
    ]);
  });

  test("no reports, no rows", () => {
    expect(figureRows([])).toEqual([]);
  });
});

describe("collectGlossary", () => {
  const entry = (term: string, definition: string, line = 1) => ({ line, number: "一", term, definition });

  test("terms in pinyin order; identical definitions merged with all their sources, newest first", () => {
    const terms = collectGlossary([
      { meta: VET23F, glossary: [entry("项目支出", "指在基本支出之外……的支出。"), entry("“三公”经费", "甲")] },
      { meta: YQ25B, glossary: [entry("项目支出", "指在基本支出之外……的支出。"), entry("基本支出", "乙")] },
    ]);
    expect(terms.map((t) => [t.term, t.slug, t.definitions.map((d) => [d.text, ids(d.sources)])])).toEqual([
      ["基本支出", "term-基本支出", [["乙", ["yangquan-civil-affairs-2025-budget"]]]],
      ["“三公”经费", "term-“三公”经费", [["甲", ["yangquan-veterans-affairs-2023-final"]]]],
      ["项目支出", "term-项目支出", [["指在基本支出之外……的支出。", ["yangquan-civil-affairs-2025-budget", "yangquan-veterans-affairs-2023-final"]]]],
    ]);
  });

  test("different definitions of one term are kept apart, the most widely used first", () => {
    const [term] = collectGlossary([
      { meta: YQ25B, glossary: [entry("基本支出", "人员支出和公用支出。")] },
      { meta: YQ24F, glossary: [entry("基本支出", "人员支出和公用经费支出。")] },
      { meta: VET23F, glossary: [entry("基本支出", "人员支出和公用经费支出。")] },
    ]);
    expect(term?.definitions.map((d) => [d.text, ids(d.sources)])).toEqual([
      ["人员支出和公用经费支出。", ["yangquan-civil-affairs-2024-final", "yangquan-veterans-affairs-2023-final"]],
      ["人员支出和公用支出。", ["yangquan-civil-affairs-2025-budget"]],
    ]);
  });

  test.each([
    ["white space in a term or definition does not split it", [entry("基本 支出", " 甲  乙 "), entry("基本 支出", "甲 乙")], [["基本 支出", ["甲 乙"]]]],
    ["a term printed twice in one report lists the report once", [entry("基本支出", "甲"), entry("基本支出", "甲", 2)], [["基本支出", ["甲"]]]],
    ["an empty term is dropped", [entry(" ", "甲")], []],
  ])("%s", (_name, glossary, expected) => {
    const terms = collectGlossary([{ meta: YQ25B, glossary }]);
    expect(terms.map((t) => [t.term, t.definitions.map((d) => d.text)])).toEqual(expected);
    for (const t of terms) for (const d of t.definitions) expect(d.sources).toHaveLength(1);
  });

  test("the order of the reports does not matter", () => {
    const input = [
      { meta: YQ25B, glossary: [entry("基本支出", "甲"), entry("项目支出", "丙")] },
      { meta: YQ24F, glossary: [entry("基本支出", "乙")] },
      { meta: VET23F, glossary: [entry("项目支出", "丙")] },
    ];
    expect(collectGlossary([...input].reverse())).toEqual(collectGlossary(input));
  });
});
