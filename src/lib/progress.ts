/**
 * Progress of a long build phase on stderr: its count, elapsed time and an estimate of the time left, at most every
 * two seconds (and once at the end), so a province's build is never minutes of silence. `TOUMING_QUIET=1`
 * (`npm run build -- --quiet`) silences it; stdout stays for the build's results.
 */
const EVERY_MS = 2000;

const seconds = (ms: number) => (ms < 60_000 ? `${(ms / 1000).toFixed(0)} s` : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`);

/** A finished phase: its name, how many items, how long. */
export interface Phase {
  phase: string;
  count: number;
  ms: number;
}

/**
 * The phases finished in this process, in order. Kept on `globalThis` because the build script, the downloads
 * integration and the pages each load their own copy of this module (Astro bundles the pages).
 */
export function finishedPhases(): Phase[] {
  const key = Symbol.for("touming.phases");
  const g = globalThis as { [key]?: Phase[] };
  return (g[key] ??= []);
}

export interface Progress {
  /** One more item done. */
  tick(): void;
  /** The phase is over: its count and time. */
  done(): void;
}

export function progress(phase: string, total: number, unit = "reports"): Progress {
  const quiet = process.env.TOUMING_QUIET === "1";
  const started = performance.now();
  let count = 0;
  let last = started;
  let printed = -1;
  const line = (final: boolean) => {
    printed = count;
    const elapsed = performance.now() - started;
    const left = count > 0 && count < total ? ` — about ${seconds((elapsed / count) * (total - count))} left` : "";
    process.stderr.write(`${phase}: ${count}/${total} ${unit}, ${seconds(elapsed)}${final ? "" : left}\n`);
  };
  return {
    tick() {
      count++;
      const now = performance.now();
      if (quiet || now - last < EVERY_MS) return;
      last = now;
      line(false);
    },
    done() {
      finishedPhases().push({ phase, count, ms: performance.now() - started });
      if (!quiet && printed !== count && performance.now() - started >= EVERY_MS) line(true);
    },
  };
}
