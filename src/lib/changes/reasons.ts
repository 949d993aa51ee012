/**
 * The reason a statement gives, quoted exactly: after its marker (主要原因是, 主要原因, 原因是, 主要是…), up to the next
 * statement of the paragraph or a sentence opening with 其中. Statements joined only by punctuation, of one kind and
 * one direction (`收入总计减少…，支出总计减少…。主要原因是…`), share the reason after the last of them.
 */
import type { Family, Shape } from "./shapes.ts";
import type { ChangeStatement } from "./types.ts";

/** A stretch of a paragraph a shape (or a cue) matched, and the statements read from it. */
export interface Hit {
  shape: Shape | undefined;
  groups: Record<string, string | undefined>;
  start: number;
  end: number;
  text: string;
  statements: ChangeStatement[];
  /** Where its reason was quoted from, if any. */
  reasonSpan?: [number, number];
}

const ONLY_LINKS = /^[\s，,；;、]*$/u;

interface Reason {
  reason?: string;
  marker: string;
  span: [number, number];
}

/** The reason in `region` (text after a statement, up to the next): after its marker, up to a sentence opening with 其中. */
export function reasonIn(text: string, from: number, to: number, family: Family): Reason | undefined {
  const region = text.slice(from, to);
  const m = family.reasons.exec(region);
  if (!m) return undefined;
  let rest = region.slice(m.index + m[0].length);
  const stop = family.reasonStop.exec(rest);
  if (stop) rest = rest.slice(0, stop.index);
  const quoted = rest.replace(/[\s。；;，,、：:]+$/u, "").trim();
  const start = from + m.index;
  const end = from + m.index + m[0].length + rest.length;
  return { ...(quoted !== "" ? { reason: quoted } : {}), marker: m[0].replace(/[：:]$/u, ""), span: [start, end] };
}

/** The statement of a hit a reason explains: its change if it has one, else its execution. */
function target(hit: Hit): ChangeStatement | undefined {
  return hit.statements.find((s) => s.kind === "change") ?? hit.statements[0];
}

export function assignReasons(hits: Hit[], text: string, family: Family): void {
  for (let i = hits.length - 1; i >= 0; i--) {
    const hit = hits[i] as Hit;
    const next = hits[i + 1];
    const to = next?.start ?? text.length;
    const own = reasonIn(text, hit.end, to, family);
    const t = target(hit);
    if (!t) continue;
    const nextTarget = next ? target(next) : undefined;
    if (own) {
      hit.reasonSpan = own.span;
      if (own.reason !== undefined) Object.assign(t, { reason: own.reason, reasonMarker: own.marker });
      else Object.assign(t, { reasonMarker: own.marker, note: [t.note, `写了“${own.marker}”，但未写原因`].filter(Boolean).join("；") });
    } else if (next && nextTarget && nextTarget.kind === t.kind && nextTarget.direction === t.direction && ONLY_LINKS.test(text.slice(hit.end, to)) && nextTarget.reason !== undefined) {
      // `收入总计减少…，支出总计减少…。主要原因是…`: one reason for both (a list of items each with its own
      // direction — `因公出国费…与上年相同；公务接待费…增加…，主要原因是…` — does not share).
      Object.assign(t, { reason: nextTarget.reason, ...(nextTarget.reasonMarker ? { reasonMarker: nextTarget.reasonMarker } : {}) });
      if (next.reasonSpan) hit.reasonSpan = next.reasonSpan;
    }
  }
}

