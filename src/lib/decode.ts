/**
 * Text decoding: strict UTF-8; text in GB18030/GBK (common in Chinese offices) or UTF-16 with a byte-order mark
 * (Notepad's and Excel's “Unicode”) is recognised and named. Whatever is refused is located: the line of the first
 * byte at fault, its place in the line and the bytes themselves.
 */

const utf8 = new TextDecoder("utf-8", { fatal: true });
const gb18030 = new TextDecoder("gb18030", { fatal: true });

export type Encoding = "utf-8" | "gb18030" | "utf-16le" | "utf-16be";

/** Each encoding as messages name it. */
export const ENCODING_NAMES: Record<Encoding, string> = { "utf-8": "UTF-8", gb18030: "GB18030", "utf-16le": "UTF-16 (little-endian)", "utf-16be": "UTF-16 (big-endian)" };

export interface DecodeFailure {
  ok: false;
  rule: string;
  /** 1-based line of the first byte at fault (absent when the whole file is at fault, e.g. empty). */
  line?: number;
  /** 1-based byte of that line where the fault starts. */
  byte?: number;
  /** Byte offset of the fault in the file. */
  offset?: number;
  /** What is there: the line's text around the fault, bytes that are not text shown as ⟨FF⟩. */
  value?: string;
}

export type Decoded = { ok: true; text: string; encoding: Encoding } | DecodeFailure;

/** Whether bytes are a PDF (by its header, not its file name). */
export function isPdf(bytes: Uint8Array): boolean {
  return bytes.length >= 5 && String.fromCharCode(...bytes.subarray(0, 5)) === "%PDF-";
}

/** The offset of the first byte that does not belong to a well-formed UTF-8 sequence, or -1. */
export function invalidUtf8At(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i] as number;
    if (c < 0x80) {
      i++;
      continue;
    }
    const n = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
    const second = b[i + 1];
    if (second === undefined || second < lo || second > hi) return i;
    for (let k = 2; k <= n; k++) {
      const x = b[i + k];
      if (x === undefined || x < 0x80 || x > 0xbf) return i;
    }
    i += n + 1;
  }
  return -1;
}

/** Line (1-based), byte in the line (1-based) and the start of the line of a byte offset. */
export function lineOfOffset(b: Uint8Array, offset: number): { line: number; byte: number; start: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < b.length; i++) {
    if (b[i] === 0x0a) {
      line++;
      start = i + 1;
    }
  }
  return { line, byte: offset - start + 1, start };
}

const hex = (x: number) => x.toString(16).toUpperCase().padStart(2, "0");

/** The text of the line around `offset`, with the bytes from `offset` on that are not UTF-8 shown as ⟨FF⟩. */
function around(b: Uint8Array, offset: number, start: number, bad = 1): string {
  let end = b.indexOf(0x0a, offset);
  if (end < 0) end = b.length;
  const from = Math.max(start, offset - 60);
  const to = Math.min(end, offset + bad + 30);
  const lenient = new TextDecoder("utf-8");
  const shown = Array.from(b.subarray(offset, offset + bad), (x) => `⟨${hex(x)}⟩`).join("");
  return `${from > start ? "…" : ""}${lenient.decode(b.subarray(from, offset)).replace(/^\uFFFD+/u, "")}${shown}${lenient.decode(b.subarray(offset + bad, to)).replace(/\uFFFD+$/u, "")}${to < end ? "…" : ""}`;
}

function located(b: Uint8Array, offset: number, rule: string, bad = 1): DecodeFailure {
  const at = lineOfOffset(b, offset);
  return { ok: false, rule, line: at.line, byte: at.byte, offset, value: around(b, offset, at.start, bad) };
}

/**
 * Decodes bytes. UTF-8 (with or without BOM) is decoded; with `allowLegacy`, GB18030 and UTF-16 with a BOM are decoded
 * too (the importer takes sources as published), otherwise they are refused saying how to convert them. Empty files,
 * PDFs and binary data (NUL bytes) are refused as such.
 */
export function decode(bytes: Uint8Array, allowLegacy: boolean): Decoded {
  if (bytes.length === 0) return { ok: false, line: 1, value: "", rule: "file is empty (0 bytes)" };
  if (isPdf(bytes)) {
    return { ok: false, line: 1, byte: 1, offset: 0, value: String.fromCharCode(...bytes.subarray(0, 8)), rule: "file is a PDF, not text: a disclosure as a PDF is read by `npm run import`; data files are UTF-8 text" };
  }
  const bom16 = bytes[0] === 0xff && bytes[1] === 0xfe ? "utf-16le" : bytes[0] === 0xfe && bytes[1] === 0xff ? "utf-16be" : undefined;
  if (bom16) {
    const name = ENCODING_NAMES[bom16];
    if (allowLegacy) {
      try {
        return { ok: true, text: new TextDecoder(bom16, { fatal: true }).decode(bytes.subarray(2)), encoding: bom16 };
      } catch {
        return { ok: false, line: 1, byte: 1, offset: 0, value: `⟨${hex(bytes[0] as number)}⟩⟨${hex(bytes[1] as number)}⟩`, rule: `file starts with the byte-order mark of ${name} but is not valid ${name}` };
      }
    }
    return {
      ok: false,
      line: 1,
      byte: 1,
      offset: 0,
      value: `⟨${hex(bytes[0] as number)}⟩⟨${hex(bytes[1] as number)}⟩`,
      rule: `file is ${name} (it starts with that byte-order mark); it must be UTF-8 — save it as “UTF-8” or convert it (e.g. \`iconv -f UTF-16 -t UTF-8\`)`,
    };
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    let n = 1;
    while (n < 8 && bytes[nul + n] === 0) n++;
    return located(bytes, nul, "file holds binary data (a NUL byte), not text: is it the right file, or was it damaged by a disk or copy error?", n);
  }
  const bad = invalidUtf8At(bytes);
  if (bad < 0) {
    const text = utf8.decode(bytes);
    return { ok: true, text: text.replace(/^\uFEFF/u, ""), encoding: "utf-8" };
  }
  let gb: string | undefined;
  try {
    gb = gb18030.decode(bytes);
  } catch {
    gb = undefined;
  }
  if (gb !== undefined && allowLegacy) return { ok: true, text: gb, encoding: "gb18030" };
  if (gb !== undefined) {
    const at = lineOfOffset(bytes, bad);
    const lineText = (gb.split("\n")[at.line - 1] ?? "").replace(/\r$/u, "");
    return {
      ok: false,
      line: at.line,
      byte: at.byte,
      offset: bad,
      value: lineText.length > 80 ? `${lineText.slice(0, 77)}…` : lineText,
      rule: "file must be UTF-8; it is GBK/GB18030 (the value is this line read as GB18030) — convert it (e.g. `iconv -f GB18030 -t UTF-8`) or re-import the source with `npm run import`",
    };
  }
  // How many bytes from here are not UTF-8 (shown together).
  let n = 1;
  while (n < 4 && bad + n < bytes.length && invalidUtf8At(bytes.subarray(bad + n, bad + n + 4)) === 0) n++;
  return located(bytes, bad, "file must be UTF-8 text; these bytes are neither UTF-8 nor GB18030 (a damaged file, or another encoding)", n);
}
