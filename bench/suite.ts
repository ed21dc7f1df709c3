/** Figures a benchmark suite reports: numbers (rates, ratios) or short strings (device names). */
export type BenchFigures = Record<string, number | string>;

/** A benchmark suite run by `npm run bench`. */
export interface BenchSuite {
  /** Key of the suite in the `--json` object, e.g. `pipeline`. */
  readonly name: string;
  /** One line saying what it measures and against which baseline. */
  readonly summary: string;
  /** Runs the suite and returns its figures (measure a baseline in the same run). */
  run(): Promise<BenchFigures>;
}

/**
 * Runs `fn` repeatedly for at least `minMs` milliseconds after one warm-up call and returns
 * the best rate over rounds, in units of `work` per second.
 *
 * @param fn - the work; one call does `work` units
 * @param work - units of work per call (e.g. samples)
 * @param minMs - measuring time per round
 * @param rounds - rounds; the best one is reported (least disturbed by the machine)
 */
export function measureRate(fn: () => void, work: number, minMs = 300, rounds = 5): number {
  fn();
  let best = 0;
  for (let r = 0; r < rounds; r++) {
    let calls = 0;
    const start = performance.now();
    let elapsed = 0;
    do {
      fn();
      calls++;
      elapsed = performance.now() - start;
    } while (elapsed < minMs);
    best = Math.max(best, (calls * work) / (elapsed / 1000));
  }
  return best;
}
