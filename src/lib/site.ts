/** The validated site model for the pages, loaded once per build. Throws with every problem if the data is bad. */
import { loadSiteOrThrow, type Site } from "./load.ts";
import { dataPaths, fsReader, projectValidators } from "./node-io.ts";

let site: Site | undefined;

export function getSite(): Site {
  site ??= loadSiteOrThrow(fsReader, dataPaths(), projectValidators());
  return site;
}
