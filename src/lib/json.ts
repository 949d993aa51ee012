/**
 * Reading a data file's JSON strictly: a syntax error is located by line, and a key that appears twice in one object
 * is refused (JSON.parse silently keeps the last one: a report would quietly take another's title).
 */

export type JsonRead = { ok: true; value: unknown } | { ok: false; line?: number; key?: string; rule: string };

/** The 1-based line of a character offset. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * The first key that appears twice in one object, with its line and its path (`/tables/3/title`); undefined when
 * there is none. Expects syntactically valid JSON.
 */
export function duplicateKey(text: string): { key: string; path: string; line: number } | undefined {
  interface Frame {
    object: boolean;
    keys: Set<string>;
    path: string;
    index: number;
    expectKey: boolean;
    lastKey?: string;
  }
  const stack: Frame[] = [];
  let line = 1;
  const childPath = (f: Frame | undefined) => (f ? `${f.path}/${f.object ? (f.lastKey ?? "") : f.index}` : "");
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\n") line++;
    else if (c === "{" || c === "[") {
      const parent = stack.at(-1);
      stack.push({ object: c === "{", keys: new Set(), path: childPath(parent), index: 0, expectKey: c === "{" });
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
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        if (f.keys.has(key)) return { key, path: `${f.path}/${key}`, line };
        f.keys.add(key);
        f.lastKey = key;
        f.expectKey = false;
      }
      i = j;
    }
  }
  return undefined;
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
    return { ok: false, line: lineAt(text, syntaxErrorAt(text)), rule: `malformed JSON: ${message.replace(/\s+/gu, " ")}` };
  }
  const dup = duplicateKey(text);
  if (dup) return { ok: false, line: dup.line, key: dup.path, rule: `the key "${dup.key}" appears twice in the same object (JSON would silently keep the last one)` };
  return { ok: true, value };
}
