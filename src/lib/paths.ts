/** Every internal link goes through here so the site works under any base path (e.g. /yujuesuan/). */

export function withBase(base: string, path: string): string {
  const b = base.endsWith("/") ? base : `${base}/`;
  return `${b}${path.replace(/^\/+/u, "")}`;
}

export const routes = {
  home: () => "",
  report: (id: string) => `reports/${id}/`,
  lineItems: () => "data/line-items.csv",
  schema: (name: string) => `schemas/${name}`,
};
