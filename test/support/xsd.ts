/**
 * Validates XML against the Sitemap protocol's own schemas (test/fixtures/xsd/, from sitemaps.org) with libxml2's
 * xmllint, compiled to WebAssembly (`xmllint-wasm`, a devDependency: no system package needed). Returns xmllint's
 * messages; none when the file is valid.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { validateXML } from "xmllint-wasm";

const XSD = join(import.meta.dirname, "../fixtures/xsd");

export async function sitemapProblems(xml: string, kind: "sitemap" | "siteindex" = "sitemap"): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: `${kind}.xml`, contents: xml }],
    schema: [{ fileName: `${kind}.xsd`, contents: readFileSync(join(XSD, `${kind}.xsd`), "utf8") }],
    // A 50,000-URL sitemap is some 5 MB: more than the default 16 MB of WebAssembly memory holds while it is parsed.
    initialMemoryPages: 1024,
    maxMemoryPages: 16384,
  });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}
