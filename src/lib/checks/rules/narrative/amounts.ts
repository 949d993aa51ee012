/**
 * `narrative.amounts`: every amount quoted in the text that is not one of the key figures, matched to the cell it
 * quotes (or the sum or difference of two cells it describes). What matches nothing is listed as not verified
 * (`未能与表格核对`), not as an error.
 */
import type { Report } from "../../../model.ts";
import { type Cell, memo } from "../../cells.ts";
import type { CheckResult } from "../../types.ts";
import { mentionDec, mentionPlace, mentionPointer, states } from "./amount.ts";
import { figureOf, locate } from "./figures.ts";
import { entries, type Entry, matchAmount } from "./match.ts";
import type { Mention } from "./mentions.ts";

const isLevel = (m: Mention) => m.role === "level" && m.unit !== "%";

/** The cells another amount of the sentence quotes: its key figure's cells, or the cells with its value. */
function quotedCells(report: Report, all: Entry[], m: Mention): Cell[] {
  return memo(m, "quotedCells", () => readQuotedCells(report, all, m));
}

function readQuotedCells(report: Report, all: Entry[], m: Mention): Cell[] {
  const spec = figureOf(report.meta.kind, m);
  if (spec) {
    const loc = locate(report, spec.cells);
    return loc.state === "present" ? loc.cells : [];
  }
  if (mentionDec(m).units === 0n) return [];
  return all.filter((e) => e.cell.value !== "" && states(m, e.cell.value, e.ref.unit)).map((e) => e.cell);
}

export function checkAmounts(report: Report, id: string, list: Mention[]): CheckResult[] {
  const all = entries(report);
  return list
    .filter((m) => isLevel(m) && !figureOf(report.meta.kind, m))
    .map((m) => {
      const sentence = list.filter((x) => x !== m && isLevel(x) && x.paragraph === m.paragraph && x.sentence === m.sentence);
      const lead = sentence[0] && sentence[0].index < m.index ? sentence[0] : undefined;
      const related = sentence.filter((x) => x !== lead).flatMap((x) => quotedCells(report, all, x));
      const match = matchAmount(report, all, m, related, lead ? quotedCells(report, all, lead) : []);
      return {
        check: id,
        status: match.status,
        place: mentionPlace(m),
        table: 0,
        cells: [mentionPointer(m), ...match.cells],
        found: m.value,
        ...(match.expected !== undefined ? { expected: match.expected } : {}),
        ...(match.difference !== undefined ? { difference: match.difference } : {}),
        ...(match.tolerance !== undefined ? { tolerance: match.tolerance } : {}),
        ...(match.note !== undefined ? { note: match.note } : {}),
      };
    });
}
