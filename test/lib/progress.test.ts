/** Build progress on stderr: counts, elapsed and time left at most every two seconds, and silence with --quiet. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { progress } from "../../src/lib/progress.ts";

describe("progress", () => {
  afterEach(() => {
    vi.restoreAllMocks();
    delete process.env.TOUMING_QUIET;
  });

  function run(quiet: boolean): string[] {
    if (quiet) process.env.TOUMING_QUIET = "1";
    let now = 0;
    vi.spyOn(performance, "now").mockImplementation(() => now);
    const lines: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((s) => (lines.push(String(s)), true));
    const p = progress("downloads and checks", 10);
    for (let i = 0; i < 10; i++) {
      now += 1000; // a report a second
      p.tick();
    }
    now += 500; // the phase's last work after its last report
    p.done();
    return lines;
  }

  it("prints the count, the time so far and the time left, every two seconds, and a last line", () => {
    expect(run(false)).toEqual([
      "downloads and checks: 2/10 reports, 2 s — about 8 s left\n",
      "downloads and checks: 4/10 reports, 4 s — about 6 s left\n",
      "downloads and checks: 6/10 reports, 6 s — about 4 s left\n",
      "downloads and checks: 8/10 reports, 8 s — about 2 s left\n",
      "downloads and checks: 10/10 reports, 10 s\n",
    ]);
  });

  it("says nothing with --quiet", () => {
    expect(run(true)).toEqual([]);
  });
});
