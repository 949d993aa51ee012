/** Text decoding: strict UTF-8; text in GB18030/GBK (common in Chinese offices) is recognised and named. */

const utf8 = new TextDecoder("utf-8", { fatal: true });
const gb18030 = new TextDecoder("gb18030", { fatal: true });

export type Decoded = { ok: true; text: string; encoding: "utf-8" | "gb18030" } | { ok: false; rule: string };

/**
 * Decodes bytes. UTF-8 (with or without BOM) is decoded; with `allowGb18030`, bytes that are valid GB18030 but not
 * UTF-8 are decoded too, otherwise they are refused with a message saying how to convert them.
 */
export function decode(bytes: Uint8Array, allowGb18030: boolean): Decoded {
  try {
    const text = utf8.decode(bytes);
    return { ok: true, text: text.replace(/^\uFEFF/u, ""), encoding: "utf-8" };
  } catch {
    let gb: string | undefined;
    try {
      gb = gb18030.decode(bytes);
    } catch {
      gb = undefined;
    }
    if (gb !== undefined && allowGb18030) return { ok: true, text: gb, encoding: "gb18030" };
    if (gb !== undefined) {
      return {
        ok: false,
        rule: "file must be UTF-8; it looks like GBK/GB18030 — convert it (e.g. `iconv -f GB18030 -t UTF-8`) or re-import the source with `npm run import`",
      };
    }
    return { ok: false, rule: "file must be UTF-8 text; it is neither UTF-8 nor GB18030" };
  }
}
