import { describe, expect, it } from "vitest";
import { duplicateKey, pointerLines, readJsonText } from "../../src/lib/json.ts";

describe("readJsonText", () => {
  it("reads valid JSON", () => {
    expect(readJsonText('{"a": [1, {"b": "x"}], "c": null}')).toEqual({ ok: true, value: { a: [1, { b: "x" }], c: null } });
  });

  it("refuses a key twice in one object, with its line and path (the last value would silently win)", () => {
    const text = '{\n  "meta": {\n    "title": "2024年度部门决算",\n    "year": 2024,\n    "title": "另一份报告"\n  }\n}';
    expect(readJsonText(text)).toEqual({ ok: false, line: 5, key: "/meta/title", value: "title", rule: 'the key "title" appears twice in the same object (JSON would silently keep the last one)' });
  });

  it("allows the same key in different objects and array items, and values that look like keys", () => {
    expect(duplicateKey('{"a": {"x": 1}, "b": {"x": 2}, "c": [{"x": 1}, {"x": 2}], "d": "a", "e": ["a", "a"]}')).toBeUndefined();
  });

  it("compares keys as JSON strings (escapes decoded) and finds them in arrays of objects", () => {
    expect(duplicateKey('{"tables": [{"no": 1}, {"no": 2, "n\\u006f": 3}]}')).toEqual({ key: "no", path: "/tables/1/no", line: 1 });
    expect(duplicateKey('{"a\\"b": 1, "a\\"b": 2}')).toMatchObject({ key: 'a"b' });
  });

  it("locates a syntax error by line", () => {
    const r = readJsonText('{\n  "a": 1,\n  "b": \n}');
    expect(r).toMatchObject({ ok: false, line: 4 });
    expect(r.ok ? "" : r.rule).toMatch(/^malformed JSON: /u);
  });
});

describe("pointerLines", () => {
  const text = `{
  "meta": {
    "id": "a",
    "year": 2024,
    "a/b": [1,
      {"x": null}]
  },
  "tables": [
    { "no": 1 },
    { "no": 2, "file": "tables/02.csv" }
  ]
}
`;
  it("finds the line where each value starts, pointers escaped as Ajv writes them", () => {
    const lines = pointerLines(text, ["", "/meta", "/meta/year", "/meta/a~1b/0", "/meta/a~1b/1/x", "/tables/1/file", "/tables/0"]);
    expect(Object.fromEntries(lines)).toMatchObject({ "": 1, "/meta": 2, "/meta/year": 4, "/meta/a~1b/0": 5, "/meta/a~1b/1/x": 6, "/tables/1/file": 10, "/tables/0": 9 });
  });
  it("locates a missing property at its nearest ancestor", () => {
    expect(pointerLines(text, ["/tables/0/file", "/meta/title"]).get("/tables/0/file")).toBe(9);
    expect(pointerLines(text, ["/meta/title"]).get("/meta/title")).toBe(2);
  });
});
