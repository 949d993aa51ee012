/** The Parquet writer (src/lib/export/parquet.ts), read back with hyparquet: types, nulls, exact decimals, row groups. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parquetFile, unscaled, type ParquetColumn } from "../../src/lib/export/parquet.ts";
import { readParquet } from "../support/parquet.ts";

const dir = mkdtempSync(join(tmpdir(), "touming-parquet-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("unscaled: a decimal string as the integer of DECIMAL(18, 4), exactly", () => {
  it("pads and shifts without going through a float", () => {
    expect(unscaled("3008.67")).toBe(30086700n);
    expect(unscaled("0.1")).toBe(1000n);
    expect(unscaled("-10.00")).toBe(-100000n);
    expect(unscaled("0")).toBe(0n);
    expect(unscaled("00012.5")).toBe(125000n);
    // 0.1 + 0.2 style values stay exact; so do the largest that fit (14 integer digits).
    expect(unscaled("99999999999999.9999")).toBe(999999999999999999n);
    expect(unscaled("371514655.00")).toBe(3715146550000n);
  });
  it("trailing zeros beyond the scale are fine; a digit beyond it, too many digits, or text are not (null)", () => {
    expect(unscaled("1.23450")).toBe(12345n);
    expect(unscaled("1.23456")).toBeNull();
    expect(unscaled("100000000000000")).toBeNull();
    expect(unscaled("空")).toBeNull();
    expect(unscaled("1,000.00")).toBeNull();
    expect(unscaled("")).toBeNull();
  });
});

describe("parquetFile", () => {
  interface Row { name: string; n: string; amount: string }
  const columns: ParquetColumn<Row>[] = [
    { name: "name", type: "string", value: (r) => r.name },
    { name: "n", type: "int32", value: (r) => r.n },
    { name: "amount", type: "string", value: (r) => r.amount },
    { name: "amount_decimal", type: "decimal", value: (r) => r.amount },
  ];
  const rows: Row[] = Array.from({ length: 10 }, (_, i) => ({ name: i === 3 ? "" : `第${i}行`, n: i === 4 ? "" : String(i * 7), amount: i === 5 ? "空" : `${i}.${i}5` }));

  it("writes row groups of the given size, each value typed, empty as null, text as given", async () => {
    const path = join(dir, "t.parquet");
    const f = parquetFile(path, columns, { source: "test" }, 3);
    for (const r of rows) f.add(r);
    f.close();
    const back = await readParquet(path);
    expect(back.rowGroups).toBe(4);
    expect(back.columns).toEqual([
      { name: "name", type: "BYTE_ARRAY", converted: "UTF8", scale: undefined },
      { name: "n", type: "INT32", converted: undefined, scale: undefined },
      { name: "amount", type: "BYTE_ARRAY", converted: "UTF8", scale: undefined },
      { name: "amount_decimal", type: "INT64", converted: "DECIMAL", scale: 4 },
    ]);
    expect(back.rows).toHaveLength(10);
    expect(back.rows[3]?.name).toBeNull();
    expect(back.rows[4]?.n).toBeNull();
    expect(back.rows[6]).toMatchObject({ name: "第6行", n: 42, amount: "6.65" });
    expect(back.rows[6]?.amount_decimal as number).toBeCloseTo(6.65, 10);
    expect(back.rows[5]).toMatchObject({ amount: "空", amount_decimal: null });
  });

  it("an empty file is still a valid Parquet file with its columns", async () => {
    const path = join(dir, "empty.parquet");
    parquetFile(path, columns).close();
    const back = await readParquet(path);
    expect(back.rows).toEqual([]);
    expect(back.columns.map((c) => c.name)).toEqual(["name", "n", "amount", "amount_decimal"]);
  });
});
