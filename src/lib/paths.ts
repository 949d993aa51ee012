/** Every internal link goes through here so the site works under any base path (e.g. /yujuesuan/). */

export function withBase(base: string, path: string): string {
  const b = base.endsWith("/") ? base : `${base}/`;
  return `${b}${path.replace(/^\/+/u, "")}`;
}

/** Site paths, relative to the base. Ids are checked safe ASCII ids, so they need no escaping. */
export const routes = {
  home: () => "",
  city: (cityId: string) => `cities/${cityId}/`,
  department: (cityId: string, departmentId: string) => `departments/${cityId}-${departmentId}/`,
  /** Every department with reports, by the pinyin of its name (A–Z). */
  departmentIndex: () => "departments/",
  /** Every department's 绩效 tables, by city (each department page lists its own at #projects). */
  projectIndex: () => "projects/",
  report: (id: string) => `reports/${id}/`,
  /** A report's 绩效 tables, each at `#perf-N`. */
  reportPerformance: (id: string) => `reports/${id}/performance/`,
  /** Every check of a report, passed and not applicable included, by category and rule. */
  reportCheckDetails: (id: string) => `reports/${id}/checks/`,
  glossary: () => "glossary/",
  /** The site search (Pagefind); `?q=` the query. Its index is at `pagefind/`. */
  search: () => "search/",
  searchIndex: () => "pagefind/",
  about: () => "about/",
  lineItems: () => "data/line-items.csv",
  lineItemsParquet: () => "data/line-items.parquet",
  /** Every report's 绩效 projects and indicators (the reports' projects.csv and indicators.csv, in report order). */
  projects: () => "data/projects.csv",
  indicators: () => "data/indicators.csv",
  /** Every report's statements of change (against last year) and of execution (决算 against the budget). */
  changes: () => "data/changes.csv",
  execution: () => "data/execution.csv",
  /** The site's data package: the site-wide files, schemas, chart data and the catalogue of the reports' packages. */
  datapackage: () => "datapackage.json",
  /** The data/ folder's own package (the site-wide data files, paths relative to data/). */
  dataFolderPackage: () => "data/datapackage.json",
  /** One row per report, with the path of its own data package. */
  reportCatalog: () => "data/reports.csv",
  /** Every failed check of every report (all results: checksParquet, and each report's reportChecks). */
  checkFailuresCsv: () => "data/check-failures.csv",
  checksParquet: () => "data/checks.parquet",
  /** The data-check overview; `order` is one of its pre-rendered sort orders (none: most failures first). */
  checks: (order?: string) => (order ? `checks/${order}/` : "checks/"),
  reportChecks: (id: string) => `reports/${id}/data/checks.csv`,
  schema: (file: string) => `schemas/${file}`,
  downloads: () => "downloads/",
  /** The download files of one city's reports (the downloads list is paged by city). */
  downloadsCity: (cityId: string) => `downloads/${cityId}/`,
  dataGuide: () => "data/",
  reportData: (id: string) => `reports/${id}/data/`,
  reportJson: (id: string) => `reports/${id}/data/report.json`,
  /** A report's 绩效 tables as tidy CSVs: one row per project, one row per indicator. */
  reportProjects: (id: string) => `reports/${id}/data/projects.csv`,
  reportIndicators: (id: string) => `reports/${id}/data/indicators.csv`,
  /** A report's statements of change and of execution, read from its 情况说明 (src/lib/changes.ts). */
  reportChanges: (id: string) => `reports/${id}/data/changes.csv`,
  reportExecution: (id: string) => `reports/${id}/data/execution.csv`,
  /** A report's own data package: every file of the report, paths relative to its data folder. */
  reportPackage: (id: string) => `reports/${id}/data/datapackage.json`,
  reportLineItems: (id: string) => `reports/${id}/data/line-items.csv`,
  reportXlsx: (id: string) => `reports/${id}/data/${id}.xlsx`,
  reportZip: (id: string) => `reports/${id}/data/${id}.zip`,
  reportChart: (id: string, key: string) => `reports/${id}/data/charts/${key}.csv`,
  departmentChart: (cityId: string, departmentId: string, key: string) => `departments/${cityId}-${departmentId}/charts/${key}.csv`,
  compare: (kindId: string) => `compare/${kindId}/`,
  compareIndex: () => "compare/",
  compareChart: (kindId: string, key: string) => `compare/${kindId}/charts/${key}.csv`,
  table: (id: string, no: number, ext: "csv" | "json") => `reports/${id}/data/tables/${String(no).padStart(2, "0")}.${ext}`,
};

/**
 * What is wrong with TOUMING_SITE (the site's public origin, e.g. `https://yusuan.example.gov.cn`), or undefined when it
 * is a usable absolute http(s) URL. Unset: the site names no address (a warning; `--release` makes it an error).
 */
export function checkSiteUrl(value: string | undefined): string | undefined {
  if (value === undefined || value.trim() === "") {
    return "TOUMING_SITE is not set: the pages carry no canonical link, there is no sitemap, and citations and data packages name no web address. Set it to the site's public address, e.g. TOUMING_SITE=https://yusuan.example.gov.cn npm run build";
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `TOUMING_SITE=${JSON.stringify(value)} is not a web address: it must be an absolute http(s) URL such as https://yusuan.example.gov.cn`;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return `TOUMING_SITE=${JSON.stringify(value)} must start with https:// or http://`;
  if (url.search || url.hash) return `TOUMING_SITE=${JSON.stringify(value)} must have no ?query or #fragment (the path the site is served under goes in TOUMING_BASE)`;
  return undefined;
}
