import { describe, expect, it } from "vitest";
import { decode } from "../../src/lib/decode.ts";

const gbk = Uint8Array.from([0xc3, 0xf1, 0xd5, 0xfe, 0xbe, 0xd6]); // 民政局 in GBK

describe("decode", () => {
  it("decodes UTF-8 and drops a BOM", () => {
    const bytes = new TextEncoder().encode("\uFEFF民政局");
    expect(decode(bytes, false)).toEqual({ ok: true, text: "民政局", encoding: "utf-8" });
  });
  it("refuses GBK data files with a message naming the encoding", () => {
    const d = decode(gbk, false);
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.rule).toMatch(/GBK\/GB18030/u);
  });
  it("decodes GBK sources for the importer", () => {
    expect(decode(gbk, true)).toEqual({ ok: true, text: "民政局", encoding: "gb18030" });
  });
});
