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

describe("decode locates what it refuses", () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  it("an empty file", () => {
    expect(decode(new Uint8Array(), true)).toEqual({ ok: false, line: 1, value: "", rule: "file is empty (0 bytes)" });
  });
  it("an invalid byte: its line, its byte in the line, and the line's text with the byte shown", () => {
    const bytes = Uint8Array.from([...enc("a,b\n民政,"), 0xff, ...enc("12\nnext\n")]);
    const d = decode(bytes, true);
    expect(d).toMatchObject({ ok: false, line: 2, byte: 8, offset: 11, value: "民政,⟨FF⟩12" });
  });
  it("a truncated multi-byte character counts as invalid where it starts", () => {
    const bytes = Uint8Array.from([...enc("ab"), 0xe6, 0xb0]);
    expect(decode(bytes, false)).toMatchObject({ ok: false, line: 1, byte: 3 });
  });
  it("NUL bytes: binary data, not text", () => {
    const d = decode(Uint8Array.from([...enc("x\ny"), 0, 0, ...enc("z")]), true);
    expect(d).toMatchObject({ ok: false, line: 2, byte: 2, value: "y⟨00⟩⟨00⟩z" });
    if (!d.ok) expect(d.rule).toMatch(/binary/u);
  });
  it("a PDF is named as a PDF", () => {
    const d = decode(enc("%PDF-1.7\n%âãÏÓ\n"), true);
    expect(d).toMatchObject({ ok: false, line: 1, value: "%PDF-1.7" });
    if (!d.ok) expect(d.rule).toMatch(/PDF/u);
  });
  it("UTF-16 with a BOM: decoded for the importer, named and refused for data files", () => {
    const le = Uint8Array.from([0xff, 0xfe, 0x11, 0x6c, 0x3f, 0x65]); // 民政 in UTF-16LE
    const be = Uint8Array.from([0xfe, 0xff, 0x6c, 0x11, 0x65, 0x3f]);
    expect(decode(le, true)).toEqual({ ok: true, text: "民政", encoding: "utf-16le" });
    expect(decode(be, true)).toEqual({ ok: true, text: "民政", encoding: "utf-16be" });
    const d = decode(le, false);
    expect(d).toMatchObject({ ok: false, line: 1, value: "⟨FF⟩⟨FE⟩" });
    if (!d.ok) expect(d.rule).toMatch(/UTF-16 \(little-endian\).*must be UTF-8/u);
  });
  it("GBK in a data file: the line of the first GBK byte, read as GB18030", () => {
    const d = decode(Uint8Array.from([...enc("name\n"), ...gbk, 0x0a]), false);
    expect(d).toMatchObject({ ok: false, line: 2, byte: 1, value: "民政局" });
  });
});
