/** Problems found in input data. Every check collects all of them; the build stops with the full list. */

export interface Problem {
  /** Path of the file, relative to the project root where possible. */
  file: string;
  /** 1-based line of the file (a CSV row counts its header as line 1; a source text its own lines). */
  line?: number;
  /** Column name or JSON path of the bad value. */
  column?: string;
  /** The bad value as found (shortened if long). */
  value?: string;
  /** What was expected. */
  rule: string;
}

export class DataError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem[]) {
    super(formatProblems(problems));
    this.name = "DataError";
    this.problems = problems;
  }
}

function shorten(value: string): string {
  const v = value.length > 80 ? `${value.slice(0, 77)}…` : value;
  return JSON.stringify(v);
}

export function formatProblem(p: Problem): string {
  const where = [p.file, p.line !== undefined ? `line ${p.line}` : undefined, p.column ? `column ${p.column}` : undefined]
    .filter(Boolean)
    .join(", ");
  const value = p.value !== undefined ? ` value ${shorten(p.value)}:` : "";
  return `${where}:${value} ${p.rule}`;
}

export function formatProblems(problems: Problem[]): string {
  const n = problems.length;
  return `${n} problem${n === 1 ? "" : "s"} in the data:\n${problems.map((p) => `  - ${formatProblem(p)}`).join("\n")}`;
}

/** Throws a DataError if there are problems. */
export function assertNoProblems(problems: Problem[]): void {
  if (problems.length > 0) throw new DataError(problems);
}
