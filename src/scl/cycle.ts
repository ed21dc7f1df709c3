import { checkArg, InputError } from '../errors.js';
import type { Rng } from '../core/random.js';

function upperBound(beats: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = beats.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((beats[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Length of the cardiac cycle around a window, in samples, from the reference beat positions:
 * the median of the RR intervals between consecutive beats inside `[start, start + length)`
 * (robust to one ectopic beat); with fewer than two beats there, the RR interval that contains
 * `start`; outside the annotated beats, `fallback`.
 *
 * @param beats - beat positions in samples, increasing (e.g. annotations with a beat symbol)
 * @param start - first sample of the window
 * @param length - window length in samples
 * @param fallback - cycle length to use when no RR interval covers the window (samples)
 * @throws InputError `E_ARGUMENT` when `beats` is not increasing near the window, or when no
 *   interval covers the window and no fallback is given
 * @example
 * ```ts
 * import { cycleLength } from 'scl-wear/scl';
 * const rr = cycleLength(beatSamples, 36_000, 1080); // e.g. 290 samples at 360 Hz
 * ```
 */
export function cycleLength(beats: ArrayLike<number>, start: number, length: number, fallback?: number): number {
  checkArg(
    Number.isFinite(start) && Number.isFinite(length) && length > 0,
    'start, length',
    'a finite start and positive length (samples)',
    { start, length },
  );
  const first = upperBound(beats, start - 1e-9); // first beat ≥ start
  const end = upperBound(beats, start + length - 1e-9); // first beat ≥ start + length
  const rr: number[] = [];
  for (let k = first + 1; k < end; k++) rr.push((beats[k] as number) - (beats[k - 1] as number));
  if (rr.length === 0 && first > 0 && first < beats.length) {
    rr.push((beats[first] as number) - (beats[first - 1] as number));
  }
  if (rr.some((v) => !(v > 0))) {
    throw new InputError('E_ARGUMENT', 'beats must be strictly increasing sample positions', { details: { argument: 'beats', start } });
  }
  if (rr.length === 0) {
    checkArg(
      fallback !== undefined && fallback > 0,
      'fallback',
      'a positive cycle length when no beat interval covers the window',
      fallback,
    );
    return fallback;
  }
  rr.sort((a, b) => a - b);
  const m = rr.length >> 1;
  return rr.length % 2 ? (rr[m] as number) : ((rr[m - 1] as number) + (rr[m] as number)) / 2;
}

/**
 * Draws a phase shift uniformly across one whole cardiac cycle: an integer number of samples
 * in `[0, round(cycle)]`.
 *
 * @param rng - seeded generator
 * @param cycle - cycle length in samples (see {@link cycleLength})
 * @throws InputError `E_ARGUMENT` for a non-positive cycle
 * @example
 * ```ts
 * import { createRng } from 'scl-wear/dsp';
 * import { drawCycleShift } from 'scl-wear/scl';
 * const s = drawCycleShift(createRng(1), 104); // 0..104 samples at 130 Hz
 * ```
 */
export function drawCycleShift(rng: Rng, cycle: number): number {
  checkArg(Number.isFinite(cycle) && cycle > 0, 'cycle', 'a positive number of samples', cycle);
  const n = Math.round(cycle);
  return Math.min(n, Math.floor(rng.next() * (n + 1)));
}

/**
 * Evenly spaced shifts over one cardiac cycle, from 0 to the whole cycle inclusive:
 * `round(k · cycle / (steps − 1))` for k = 0 … steps − 1. Shift k sits at cycle fraction
 * `k / (steps − 1)` whatever the heart rate, so curves of different windows can be averaged.
 *
 * @param cycle - cycle length in samples
 * @param steps - number of shifts, at least 2
 * @param out - destination of `steps` values (allocated when omitted)
 * @throws InputError `E_ARGUMENT` for a bad cycle or step count
 * @example
 * ```ts
 * import { shiftGrid } from 'scl-wear/scl';
 * shiftGrid(100, 5); // Int32Array [0, 25, 50, 75, 100]
 * ```
 */
export function shiftGrid(cycle: number, steps: number, out?: Int32Array): Int32Array {
  checkArg(Number.isFinite(cycle) && cycle > 0, 'cycle', 'a positive number of samples', cycle);
  checkArg(Number.isInteger(steps) && steps >= 2, 'steps', 'an integer ≥ 2', steps);
  const dst = out ?? new Int32Array(steps);
  for (let k = 0; k < steps; k++) dst[k] = Math.round((k * cycle) / (steps - 1));
  return dst;
}
