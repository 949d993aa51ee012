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
  report: (id: string) => `reports/${id}/`,
  glossary: () => "glossary/",
  about: () => "about/",
  lineItems: () => "data/line-items.csv",
};
