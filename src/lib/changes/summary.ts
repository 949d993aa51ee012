/** Counts of a list of statements: by kind and direction, what they print, how many carry a reason or a note. */
import type { ChangeStatement, Direction } from "./types.ts";

export interface StatementSummary {
  statements: number;
  /** Statements kept with a note (half understood). */
  withNote: number;
  change: Record<Direction, number> & { total: number; amountAndPercent: number; amountOnly: number; percentOnly: number; withReason: number };
  execution: Record<Direction, number> & { total: number; withRate: number; withReason: number };
}

export function summarize(list: readonly ChangeStatement[]): StatementSummary {
  const changes = list.filter((s) => s.kind === "change");
  const executions = list.filter((s) => s.kind === "execution");
  const by = (xs: ChangeStatement[], d: Direction) => xs.filter((s) => s.direction === d).length;
  return {
    statements: list.length,
    withNote: list.filter((s) => s.note !== undefined).length,
    change: {
      total: changes.length,
      increase: by(changes, "increase"),
      decrease: by(changes, "decrease"),
      unchanged: by(changes, "unchanged"),
      amountAndPercent: changes.filter((s) => s.change && s.percent).length,
      amountOnly: changes.filter((s) => s.change && !s.percent).length,
      percentOnly: changes.filter((s) => !s.change && s.percent).length,
      withReason: changes.filter((s) => s.reason !== undefined).length,
    },
    execution: {
      total: executions.length,
      increase: by(executions, "increase"),
      decrease: by(executions, "decrease"),
      unchanged: by(executions, "unchanged"),
      withRate: executions.filter((s) => s.percent).length,
      withReason: executions.filter((s) => s.reason !== undefined).length,
    },
  };
}
