import { measuredRate } from '../core/timing.js';
import { InputError } from '../errors.js';

/**
 * Estimates the sample rate of strictly increasing timestamps, ignoring gaps.
 *
 * The measured rate of the timing model (`measuredRate`): intervals that are gaps (more than
 * 2.5 typical periods, the typical period taken over spans of 8 intervals so jitter and
 * pairs average out) are left out; the rate is the number of the other intervals over their
 * total duration. A result within 0.1 % of a whole number of
 * Hz is rounded to it (timestamps written with a few decimals, e.g. 1/360 s as 0.002778).
 *
 * @param timestamps - frame times in seconds, strictly increasing
 * @param given - a rate in Hz to check against the estimate, if the caller knows one
 * @param tolerance - largest relative difference allowed between `given` and the estimate
 * @returns `given` when it agrees with the timestamps, else the estimate (Hz)
 * @throws InputError `E_RATE` when fewer than two timestamps and no `given` rate, or when
 *   `given` differs from the estimate by more than `tolerance`
 * @example
 * ```ts
 * import { estimateRate } from 'scl-wear';
 * estimateRate(new Float64Array([0, 0.01, 0.02, 0.5, 0.51])); // 100 (the 0.48 s gap is ignored)
 * ```
 */
export function estimateRate(timestamps: Float64Array, given?: number, tolerance = 0.02): number {
  const n = timestamps.length;
  if (n < 2) {
    if (given !== undefined) return given;
    throw new InputError('E_RATE', 'cannot estimate a rate from fewer than two timestamps; give the rate', { details: { frames: n } });
  }
  let rate = measuredRate(timestamps);
  const whole = Math.round(rate);
  if (whole > 0 && Math.abs(rate - whole) <= 1e-3 * rate) rate = whole;
  if (given === undefined) return rate;
  if (Math.abs(rate - given) > tolerance * given) {
    throw new InputError('E_RATE', `the timestamps imply ${rate.toPrecision(6)} Hz but the rate was given as ${given} Hz`, {
      details: { estimated: rate, given },
    });
  }
  return given;
}
