// @ts-check
import { defineConfig } from "astro/config";
import { join } from "node:path";
import downloads from "./src/integrations/downloads.ts";
import discovery from "./src/integrations/discovery.ts";
import { cacheDir } from "./src/lib/build-cache.ts";
import { root } from "./src/lib/node-io.ts";

// Hosting: TOUMING_SITE is the public origin, TOUMING_BASE the path the site is served under (e.g. /yujuesuan/).
// scripts/build.ts sets TOUMING_OUT to a temporary folder and renames it to dist/ only when the build succeeded.
const base = process.env.TOUMING_BASE ?? "/";
// The build cache (src/lib/build-cache.ts): Astro keeps its copies of the report pages there, and renders a report's
// pages again only when their cacheKey (the report's key) changed — experimental in Astro 7 (experimental.incrementalBuild).
const cache = cacheDir(root);

export default defineConfig({
  // No made-up address: without TOUMING_SITE the site names none (scripts/build.ts warns; --release refuses).
  site: process.env.TOUMING_SITE || undefined,
  base,
  trailingSlash: "always",
  outDir: process.env.TOUMING_OUT ?? "./dist",
  // Stylesheets are files, never inlined: cached once by the browser instead of repeated in every page.
  build: { format: "directory", inlineStylesheets: "never" },
  integrations: [downloads(), discovery()],
  devToolbar: { enabled: false },
  ...(cache ? { cacheDir: join(cache, "astro"), experimental: { incrementalBuild: true } } : {}),
});
