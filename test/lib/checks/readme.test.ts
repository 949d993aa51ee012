/** The README documents every rule: its id, title and basis in the rules table, and nothing that is not a rule. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RULES } from "../../../src/lib/checks/index.ts";

const readme = readFileSync(join(import.meta.dirname, "../../../README.md"), "utf8");
const table = /<!-- rules:start -->([\s\S]*)<!-- rules:end -->/u.exec(readme)?.[1] ?? "";
const documented = [...table.matchAll(/^\| `([a-z.-]+)` \|(.*)$/gmu)].map((m) => ({ id: m[1] as string, text: m[2] as string }));

describe("README rules table", () => {
  it.each(RULES.map((r) => [r.id, r] as const))("documents %s with its title and basis", (id, rule) => {
    const row = documented.find((d) => d.id === id);
    expect(row, `${id} is not in the README's rules table`).toBeDefined();
    expect(row?.text).toContain(rule.title.replace(/\|/gu, "\\|"));
    expect(row?.text).toContain(rule.basis.replace(/\|/gu, "\\|"));
  });

  it("lists no rule that does not exist", () => {
    expect(documented.map((d) => d.id).filter((id) => !RULES.some((r) => r.id === id))).toEqual([]);
  });
});
