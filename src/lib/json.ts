/**
 * Reading a data file's JSON strictly: a syntax error is located by line, and a key that appears twice in one object
 * is refused (JSON.parse silently keeps the last one: a report would quietly take another's title).
 */

export type JsonRead =
  | { ok: true; value: unknown }
  | {
      ok: false;
      line?: number;
      /** The path of the key at fault (duplicate keys), or the character of the line (syntax errors). */
      key?: string;
      /** What is there: the key, or the line's text up to the error. */
      value?: string;
      rule: string;
    };

/** The 1-based line of a character offset. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** `a/b~c` → the JSON pointer segment `a~1b~0c`. */
const escapeKey = (key: string) => key.replace(/~/gu, "~0").replace(/\//gu, "~1");

interface ScanEvents {
  /** A key of the object at `path` (a JSON pointer), on `line`; return true to stop. */
  key?(path: string, key: string, line: number): boolean | void;
  /** A value starting at `path` on `line`; return true to stop. */
  value?(path: string, line: number): boolean | void;
}

/** One pass over a syntactically valid JSON text, reporting keys and where values start, by JSON pointer and line. */
function scanJson(text: string, on: ScanEvents): void {
  interface Frame {
    object: boolean;
    path: string;
    index: number;
    expectKey: boolean;
    key?: string;
  }
  const stack: Frame[] = [];
  let line = 1;
  const valuePath = (): string => {
    const f = stack.at(-1);
    return f ? `${f.path}/${f.object ? escapeKey(f.key ?? "") : f.index}` : "";
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === "\n") line++;
    else if (c === " " || c === "\t" || c === "\r" || c === ":") continue;
    else if (c === "{" || c === "[") {
      const path = valuePath();
      if (on.value?.(path, line)) return;
      stack.push({ object: c === "{", path, index: 0, expectKey: c === "{" });
    } else if (c === "}" || c === "]") stack.pop();
    else if (c === ",") {
      const f = stack.at(-1);
      if (f) {
        f.index++;
        if (f.object) f.expectKey = true;
      }
    } else if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      const f = stack.at(-1);
      if (f?.object && f.expectKey) {
        f.key = JSON.parse(text.slice(i, j + 1)) as string;
        f.expectKey = false;
        if (on.key?.(f.path, f.key, line)) return;
      } else if (on.value?.(valuePath(), line)) return;
      i = j;
    } else {
      if (on.value?.(valuePath(), line)) return;
      while (i + 1 < text.length && !",]}\n \t\r".includes(text[i + 1] as string)) i++;
    }
  }
}

/**
 * The first key that appears twice in one object, with its line and its path (`/tables/3/title`); undefined when
 * there is none. Expects syntactically valid JSON.
 */
export function duplicateKey(text: string): { key: string; path: string; line: number } | undefined {
  const seen = new Map<string, Set<string>>();
  let found: { key: string; path: string; line: number } | undefined;
  scanJson(text, {
    // A new object at a path starts with no keys (an array's items are objects at different paths).
    value: (path) => void seen.delete(path),
    key: (path, key, line) => {
      const keys = seen.get(path) ?? new Set<string>();
      seen.set(path, keys);
      if (keys.has(key)) {
        found = { key, path: `${path}/${escapeKey(key)}`, line };
        return true;
      }
      keys.add(key);
      return false;
    },
  });
  return found;
}

/**
 * The offset of the first syntax error of a JSON text (where JSON.parse stopped: V8's messages do not always say).
 * A small recursive-descent reader; only called on text JSON.parse refused.
 */
export function syntaxErrorAt(text: string): number {
  let i = 0;
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i] as string)) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const literal = (word: string) => (text.startsWith(word, i) ? (i += word.length) : fail());
  const string = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text.charCodeAt(i) < 0x20) fail();
      i += text[i] === "\\" ? 2 : 1;
    }
    if (i >= text.length) fail();
    i++;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === "{" || c === "[") {
      const close = c === "{" ? "}" : "]";
      i++;
      ws();
      if (text[i] === close) {
        i++;
        return;
      }
      for (;;) {
        if (c === "{") {
          ws();
          if (text[i] !== '"') fail();
          string();
          ws();
          if (text[i] !== ":") fail();
          i++;
        }
        value();
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === close) {
          i++;
          return;
        }
        fail();
      }
    } else if (c === '"') string();
    else if (c === "t") literal("true");
    else if (c === "f") literal("false");
    else if (c === "n") literal("null");
    else {
      const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/u.exec(text.slice(i, i + 400));
      if (!m) fail();
      i += (m as RegExpExecArray)[0].length;
    }
  };
  try {
    value();
    ws();
    return i < text.length ? i : text.length;
  } catch (at) {
    return typeof at === "number" ? at : 0;
  }
}

/** Parses JSON text, refusing syntax errors (with their line) and duplicate keys (with their line and path). */
export function readJsonText(text: string): JsonRead {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const at = syntaxErrorAt(text);
    const start = text.lastIndexOf("\n", at - 1) + 1;
    const end = text.indexOf("\n", at);
    const lineText = text.slice(start, end < 0 ? text.length : end).replace(/\r$/u, "");
    const before = lineText.slice(0, at - start);
    return {
      ok: false,
      line: lineAt(text, at),
      key: `character ${at - start + 1}`,
      value: at >= text.length ? `${before.slice(-60)}⟨end of file⟩` : `${before.length > 60 ? `…${before.slice(-59)}` : before}⟨here⟩${lineText.slice(at - start, at - start + 20)}`,
      rule: `malformed JSON: ${message.replace(/\s+/gu, " ")}${at >= text.length ? " (the file ends too soon: was it cut short?)" : ""}`,
    };
  }
  const dup = duplicateKey(text);
  if (dup) return { ok: false, line: dup.line, key: dup.path, value: dup.key, rule: `the key "${dup.key}" appears twice in the same object (JSON would silently keep the last one)` };
  return { ok: true, value };
}

/**
 * The 1-based line where the value at each JSON pointer (`/tables/4/file`, "" for the whole document) starts in a JSON
 * text; for a pointer that is not there (a missing property), the line of the deepest value that is. Expects valid
 * JSON. One pass, only run when there are problems to locate.
 */
export function pointerLines(text: string, pointers: readonly string[]): Map<string, number> {
  // The ancestors too: a missing property is located at its parent.
  const wanted = new Set(pointers.flatMap((p) => p.split("/").map((_, k, parts) => parts.slice(0, k + 1).join("/"))));
  const found = new Map<string, number>();
  scanJson(text, {
    value: (path, line) => {
      if (wanted.has(path) && !found.has(path)) found.set(path, line);
    },
  });
  // A pointer that is not in the text (a required property that is missing) gets the line of its nearest ancestor.
  for (const p of wanted) {
    if (found.has(p)) continue;
    const parts = p.split("/");
    for (let k = parts.length - 1; k >= 1; k--) {
      const anc = parts.slice(0, k).join("/");
      const at = found.get(anc) ?? (anc === "" ? 1 : undefined);
      if (at !== undefined) {
        found.set(p, at);
        break;
      }
    }
  }
  return found;
}
