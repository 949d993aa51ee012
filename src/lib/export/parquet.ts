/**
 * Site-wide tables as Apache Parquet: typed, compressed (Snappy) and read directly by DuckDB, pandas, Polars and R
 * arrow — the form for an analyst of a whole province. Rows are streamed in row groups (ROW_GROUP rows at a time), so a
 * file of millions of rows never sits in memory. The writer is hyparquet-writer (pure JavaScript, no native build).
 *
 * A number keeps its printed form: `value` is the decimal string exactly as in the CSV; `value_decimal` is the same
 * number typed DECIMAL(18, 4) for arithmetic, null only where it does not fit (more than 4 decimals or 14 integer
 * digits — none in any template so far).
 */
import { fileWriter, ParquetWriter } from "hyparquet-writer";
import type { SchemaElement } from "hyparquet";

/** Rows per row group: large enough for good compression, small enough to keep memory flat. */
export const ROW_GROUP = 50_000;

export const DECIMAL_SCALE = 4;
export const DECIMAL_PRECISION = 18;

/** A column of a Parquet file: its name, type, and how a row's value is written. */
export interface ParquetColumn<T> {
  name: string;
  type: "string" | "int32" | "decimal" | "boolean";
  /** Empty strings are written as null (missing), as `missingValues: [""]` says of the CSV. */
  value: (row: T) => string;
}

/**
 * The unscaled integer of a decimal string at DECIMAL_SCALE (`"3008.67"` → 30086700n), exactly; null if the string is
 * not a plain decimal or does not fit DECIMAL(18, 4) without losing a digit.
 */
export function unscaled(text: string, scale = DECIMAL_SCALE, precision = DECIMAL_PRECISION): bigint | null {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/u.exec(text);
  if (!m) return null;
  const fraction = m[3] ?? "";
  if (/[^0]/u.test(fraction.slice(scale))) return null;
  const digits = `${m[2]}${fraction.slice(0, scale).padEnd(scale, "0")}`.replace(/^0+(?=\d)/u, "");
  if (digits.length > precision) return null;
  const n = BigInt(digits);
  return m[1] === "-" ? -n : n;
}

function element(c: ParquetColumn<unknown>): SchemaElement {
  if (c.type === "int32") return { name: c.name, type: "INT32", repetition_type: "OPTIONAL" };
  if (c.type === "boolean") return { name: c.name, type: "BOOLEAN", repetition_type: "OPTIONAL" };
  if (c.type === "decimal") {
    return { name: c.name, type: "INT64", converted_type: "DECIMAL", scale: DECIMAL_SCALE, precision: DECIMAL_PRECISION, repetition_type: "OPTIONAL" };
  }
  return { name: c.name, type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" };
}

function convert(type: ParquetColumn<unknown>["type"], text: string): string | number | bigint | boolean | null {
  if (text === "") return null;
  if (type === "boolean") return text === "true" ? true : text === "false" ? false : null;
  if (type === "int32") return Number.isSafeInteger(Number(text)) ? Number(text) : null;
  if (type === "decimal") return unscaled(text);
  return text;
}

/** A Parquet file written row by row; `close()` writes the last row group and the footer. */
export function parquetFile<T>(path: string, columns: readonly ParquetColumn<T>[], metadata: Record<string, string> = {}, rowGroup = ROW_GROUP) {
  const writer = new ParquetWriter({
    writer: fileWriter(path),
    schema: [{ name: "root", num_children: columns.length }, ...columns.map((c) => element(c as ParquetColumn<unknown>))],
    kvMetadata: Object.entries(metadata).map(([key, value]) => ({ key, value })),
    createdBy: "touming",
  });
  let buffer: (string | number | bigint | boolean | null)[][] = columns.map(() => []);
  let rows = 0;
  const flush = () => {
    if (rows === 0) return;
    writer.write({ columnData: columns.map((c, i) => ({ name: c.name, data: buffer[i] as never[] })), rowGroupSize: rows });
    buffer = columns.map(() => []);
    rows = 0;
  };
  return {
    add(row: T): void {
      columns.forEach((c, i) => (buffer[i] as unknown[]).push(convert(c.type, c.value(row))));
      if (++rows >= rowGroup) flush();
    },
    close(): void {
      flush();
      writer.finish();
    },
  };
}
