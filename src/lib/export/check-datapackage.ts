/**
 * Checks a Data Package v2 descriptor against the files it describes: profile, unique well-formed resource names,
 * safe relative paths that exist, sizes and SHA-256 hashes, and for tabular resources that the CSV header is exactly
 * the declared fields and that every value honours its field's type (or is a declared missing value). A CSV must not
 * start with a byte-order mark: Frictionless clients read it as part of the first column's name.
 */
import { createHash } from "node:crypto";
import Papa from "papaparse";
import { DATA_PACKAGE_PROFILE } from "./datapackage.ts";

export interface PackageProblem {
  resource?: string;
  rule: string;
}

interface FieldLike {
  name?: unknown;
  type?: unknown;
}

const NAME = /^[a-z0-9._-]+$/u;
const TYPES: Record<string, RegExp> = {
  string: /^[\s\S]*$/u,
  number: /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/u,
  integer: /^-?\d+$/u,
  boolean: /^(?:true|false)$/u,
  date: /^\d{4}-\d{2}-\d{2}$/u,
};

/** `read(path)` returns the bytes of a file relative to the package, or undefined. */
export function checkDataPackage(descriptor: unknown, read: (path: string) => Uint8Array | undefined): PackageProblem[] {
  const problems: PackageProblem[] = [];
  const d = descriptor as { $schema?: unknown; resources?: unknown };
  if (d?.$schema !== DATA_PACKAGE_PROFILE) problems.push({ rule: `$schema must be ${DATA_PACKAGE_PROFILE}` });
  if (!Array.isArray(d?.resources) || d.resources.length === 0) return [...problems, { rule: "resources must be a non-empty array" }];
  const names = new Set<string>();
  for (const r of d.resources as Record<string, unknown>[]) {
    const name = typeof r.name === "string" ? r.name : "";
    const at = (rule: string) => problems.push({ resource: name || String(r.path), rule });
    if (!NAME.test(name)) at("name must be lower-case letters, digits, '.', '_' or '-'");
    if (names.has(name)) at("name must be unique");
    names.add(name);
    const path = r.path;
    if (typeof path !== "string" || path.startsWith("/") || path.split("/").includes("..") || /^[a-z]+:/iu.test(path)) {
      at("path must be a relative POSIX path inside the package");
      continue;
    }
    const bytes = read(path);
    if (!bytes) {
      at(`path ${path} does not exist`);
      continue;
    }
    if (r.bytes !== bytes.length) at(`bytes ${String(r.bytes)} ≠ file size ${bytes.length}`);
    const hash = `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
    if (r.hash !== hash) at(`hash ${String(r.hash)} ≠ ${hash}`);
    if (typeof r.format !== "string" || typeof r.mediatype !== "string") at("format and mediatype are required");
    if (r.type !== "table") continue;
    const schema = r.schema as { fields?: FieldLike[]; missingValues?: unknown } | undefined;
    const fields = schema?.fields;
    if (!Array.isArray(fields) || fields.length === 0) {
      at("a table resource needs schema.fields");
      continue;
    }
    const missing = Array.isArray(schema?.missingValues) ? (schema.missingValues as string[]) : [""];
    for (const f of fields) if (typeof f.name !== "string" || !(String(f.type) in TYPES)) at(`field ${JSON.stringify(f)} needs a name and a type of ${Object.keys(TYPES).join("/")}`);
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) at("CSV starts with a byte-order mark (its first column would be named \"\\ufeff…\" by Frictionless clients)");
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes).replace(/^\uFEFF/u, "");
    const parsed = Papa.parse<string[]>(text, { delimiter: ",", skipEmptyLines: true });
    if (parsed.errors.length > 0) at(`CSV does not parse: ${parsed.errors[0]?.message}`);
    const [header, ...rows] = parsed.data;
    const declared = fields.map((f) => String(f.name));
    if (JSON.stringify(header) !== JSON.stringify(declared)) at(`CSV header ${JSON.stringify(header)} ≠ declared fields ${JSON.stringify(declared)}`);
    rows.forEach((row, i) => {
      if (row.length !== fields.length) at(`row ${i + 2} has ${row.length} values for ${fields.length} fields`);
      fields.forEach((f, j) => {
        const v = row[j] ?? "";
        if (missing.includes(v)) return;
        const re = TYPES[String(f.type)];
        if (re && !re.test(v)) at(`row ${i + 2} field ${String(f.name)}: ${JSON.stringify(v)} is not a ${String(f.type)}`);
      });
    });
  }
  return problems;
}
