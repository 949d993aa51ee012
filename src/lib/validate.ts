/** JSON Schema validation (Ajv, draft 2020-12, strict, all errors) turned into located problems. */
import Ajv2020, { type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import type { Column } from "./model.ts";
import type { Problem } from "./problems.ts";
import { columnName, TABLE_FIXED_COLUMNS } from "./datasets.ts";

export interface Schemas {
  report: object;
  performance: object;
  tableRow: object;
}

export interface Validators {
  report(value: unknown, file: string): Problem[];
  performance(value: unknown, file: string): Problem[];
  /** Validates the CSV records of a table against the roles of its columns. */
  tableRow(columns: Column[], record: Record<string, string>, file: string, line: number): Problem[];
}

function describe(e: ErrorObject): string {
  switch (e.keyword) {
    case "pattern": {
      // The rule in words first (the schema's description), the machine detail after it.
      const words = typeof e.parentSchema?.description === "string" ? e.parentSchema.description : "a value of another form";
      return `must be ${words.charAt(0).toLowerCase()}${words.slice(1)} (pattern ${String(e.params.pattern)})`;
    }
    case "required":
      return `missing required property "${String(e.params.missingProperty)}"`;
    case "additionalProperties":
      return `unknown property "${String(e.params.additionalProperty)}"`;
    case "enum":
      return `must be one of ${JSON.stringify(e.params.allowedValues)}`;
    case "const":
      return `must be ${JSON.stringify(e.params.allowedValue)}`;
    default:
      return `${e.message ?? e.keyword} (${e.keyword})`;
  }
}

function valueAt(root: unknown, pointer: string): unknown {
  let v: unknown = root;
  for (const part of pointer.split("/").slice(1)) {
    const key = part.replace(/~1/gu, "/").replace(/~0/gu, "~");
    v = v !== null && typeof v === "object" ? (v as Record<string, unknown>)[key] : undefined;
  }
  return v;
}

function toProblems(errors: ErrorObject[] | null | undefined, root: unknown, file: string, line?: number): Problem[] {
  // if/then/else and oneOf add summary errors after the specific ones; keep the specific ones.
  const specific = (errors ?? []).filter((e) => !["if", "oneOf", "anyOf", "not"].includes(e.keyword) || (errors ?? []).length === 1);
  return specific.map((e) => {
    const path = e.keyword === "additionalProperties" ? `${e.instancePath}/${String(e.params.additionalProperty)}` : e.instancePath;
    const value = valueAt(root, path);
    return {
      file,
      ...(line !== undefined ? { line } : {}),
      column: path === "" ? "(root)" : path,
      ...(value === undefined ? {} : { value: typeof value === "string" ? value : JSON.stringify(value) }),
      rule: describe(e),
    };
  });
}

const ROLE_DEF = { code: "code", label: "text", lineno: "lineno", value: "amount" } as const;

export function createValidators(schemas: Schemas): Validators {
  // verbose: errors carry the schema they broke, whose description states the rule in words.
  const ajv = new Ajv2020({ strict: true, allErrors: true, verbose: true });
  ajv.addSchema(schemas.tableRow);
  const report = ajv.compile(schemas.report);
  const performance = ajv.compile(schemas.performance);
  const rowId = (schemas.tableRow as { $id: string }).$id;
  const bySignature = new Map<string, ValidateFunction>();
  const headingRow = ajv.compile({
    type: "object",
    properties: { line: { $ref: `${rowId}#/$defs/line` }, type: { const: "heading" } },
    patternProperties: { "^c[1-9][0-9]*$": { $ref: `${rowId}#/$defs/text` } },
    additionalProperties: false,
    required: ["line", "type"],
  });
  const dataRow = (columns: Column[]): ValidateFunction => {
    const signature = columns.map((c) => c.role[0]).join("");
    let v = bySignature.get(signature);
    if (!v) {
      const properties: Record<string, object> = {
        line: { $ref: `${rowId}#/$defs/line` },
        type: { const: "data" },
      };
      columns.forEach((c, i) => {
        properties[`c${i + 1}`] = { $ref: `${rowId}#/$defs/${ROLE_DEF[c.role]}` };
      });
      v = ajv.compile({
        type: "object",
        properties,
        required: [...TABLE_FIXED_COLUMNS, ...columns.map((_, i) => `c${i + 1}`)],
        additionalProperties: false,
      });
      bySignature.set(signature, v);
    }
    return v;
  };
  return {
    report: (value, file) => (report(value) ? [] : toProblems(report.errors, value, file)),
    performance: (value, file) => (performance(value) ? [] : toProblems(performance.errors, value, file)),
    tableRow: (columns, record, file, line) => {
      const v = record.type === "heading" ? headingRow : dataRow(columns);
      if (v(record)) return [];
      // A column is named by its published header, its CSV key after it: `本年支出/小计 (c3)`.
      return toProblems(v.errors, record, file, line).map((p) => ({ ...p, column: columnName({ columns }, (p.column ?? "").replace(/^\//u, "")) }));
    },
  };
}
