/**
 * The sentence shapes of src/templates/statements.json, compiled: `{TOKEN}`s expanded, one regular expression per
 * shape, the families' own shapes before those of the family they extend.
 */
import file from "../../templates/statements.json" with { type: "json" };

export type CurrentFrom = "earlier" | "execution" | "lead";

export interface ShapeFile {
  name: string;
  description: string;
  pattern: string;
  current?: CurrentFrom;
  example: string;
  examples?: string[];
  source?: string;
}

interface FamilyFile {
  name: string;
  extends?: string;
  lead?: string;
  shapes: ShapeFile[];
  cues: { kind: "change" | "execution"; pattern: string }[];
}

export interface StatementsFile {
  description: string;
  tokens: Record<string, string>;
  reasons: { description: string; markers: string[]; stop: string };
  families: Record<string, FamilyFile>;
}

export interface Shape {
  name: string;
  family: string;
  pattern: RegExp;
  current?: CurrentFrom;
  example: string;
  examples: string[];
}

export interface Family {
  id: string;
  name: string;
  shapes: Shape[];
  cues: { kind: "change" | "execution"; pattern: RegExp }[];
  lead?: RegExp;
  reasons: RegExp;
  reasonStop: RegExp;
}

export const STATEMENTS = file as StatementsFile;

/** `{TOKEN}`s replaced by their definitions (which may use other tokens). */
export function expand(source: string, tokens: Record<string, string> = STATEMENTS.tokens): string {
  let out = source;
  for (let i = 0; i < 8 && /\{[A-Z]+\}/u.test(out); i++) {
    out = out.replace(/\{([A-Z]+)\}/gu, (whole, name: string) => tokens[name] ?? whole);
  }
  if (/\{[A-Z]+\}/u.test(out)) throw new Error(`statements.json: unknown token in ${source}`);
  return out;
}

function chain(id: string): FamilyFile[] {
  const out: FamilyFile[] = [];
  let next: string | undefined = id;
  while (next !== undefined) {
    const f: FamilyFile | undefined = STATEMENTS.families[next];
    if (!f || out.includes(f)) break;
    out.push(f);
    next = f.extends;
  }
  return out;
}

const compiled = new Map<string, Family>();

/** The shapes of a template family (`national`, `shanghai`); an unknown family reads as national. */
export function familyOf(id: string | undefined): Family {
  const key = id !== undefined && STATEMENTS.families[id] ? id : "national";
  const known = compiled.get(key);
  if (known) return known;
  const files = chain(key);
  const ids = [key, ...files.slice(1).map((f) => Object.entries(STATEMENTS.families).find(([, v]) => v === f)?.[0] ?? "")];
  const lead = files.find((f) => f.lead !== undefined)?.lead;
  const family: Family = {
    id: key,
    name: files[0]?.name ?? key,
    shapes: files.flatMap((f, i) =>
      f.shapes.map((s) => ({
        name: s.name,
        family: ids[i] ?? key,
        pattern: new RegExp(expand(s.pattern), "gu"),
        ...(s.current ? { current: s.current } : {}),
        example: s.example,
        examples: s.examples ?? [],
      })),
    ),
    cues: files.flatMap((f) => f.cues.map((c) => ({ kind: c.kind, pattern: new RegExp(expand(c.pattern), "gu") }))),
    ...(lead ? { lead: new RegExp(expand(lead), "u") } : {}),
    reasons: new RegExp(STATEMENTS.reasons.markers.map((m) => `(?:${m})`).join("|"), "u"),
    reasonStop: new RegExp(STATEMENTS.reasons.stop, "u"),
  };
  compiled.set(key, family);
  return family;
}

/** Every family's id. */
export function familyIds(): string[] {
  return Object.keys(STATEMENTS.families);
}
