import type { RPeakPlan } from './rpeak-plan.js';

/** Result of {@link locateQrs}, reused between calls so judging a peak allocates nothing. */
export interface QrsLocation {
  /** Sample index of the R peak (the QRS's dominant extremum in the raw signal). */
  r: number;
  /** Largest 10 ms raw slope magnitude around the QRS (mV per lag). */
  slope: number;
  /** False when only one slope direction is found: a baseline shift, not a QRS. */
  biphasic: boolean;
}

/** Signal history shared by the detector loop and its rules. */
export interface QrsHistory {
  /** Band-passed signal, indexed by `sample & mask`. */
  readonly bandpassed: Float32Array;
  /** Raw input (non-finite samples bridged), indexed by `sample & mask`. */
  readonly raw: Float32Array;
  readonly mask: number;
}

/**
 * Finds the QRS behind a feature peak and checks it is not a baseline shift.
 *
 * The QRS centre is the largest |band-passed| sample within the integrator window before the
 * peak (less the band-pass group delay). The R peak is the raw extremum within ±60 ms of it:
 * the maximum, unless the minimum lies clearly further (1.4×) from the window mean (an
 * inverted or QS complex), or unless one of the two sits at the window's edge with the signal
 * still rising (falling) past it: a slope running out of the window (an ST segment or T wave),
 * so the other is the peak. Baseline-shift rule (after Hamilton & Tompkins): a QRS has, within
 * 150 ms of its largest 10 ms slope, a slope of the other sign above 1/8 of it.
 *
 * @param plan - the detector plan
 * @param h - signal history
 * @param at - sample index of the feature peak
 * @param lo - earliest sample index still valid in the history
 * @param hi - latest sample index written
 * @param out - receives the result
 * @example
 * ```ts
 * const loc = locateQrs(plan, history, featurePeakAt, segmentStart, lastWritten, reusable);
 * if (loc.biphasic) accept(loc.r);
 * ```
 */
export function locateQrs(plan: RPeakPlan, h: QrsHistory, at: number, lo: number, hi: number, out: QrsLocation): QrsLocation {
  const { bandpassed, raw, mask } = h;
  let k = Math.max(at - plan.locateBack, lo);
  let kv = -1;
  for (let j = k; j <= at; j++) {
    const a = Math.abs(bandpassed[j & mask] as number);
    if (a > kv) {
      kv = a;
      k = j;
    }
  }
  const c = Math.max(k - plan.groupDelay, lo);
  const from = Math.max(c - plan.rHalf, lo);
  const to = Math.min(c + plan.rHalf, hi);
  let max = -Infinity;
  let min = Infinity;
  let maxAt = c;
  let minAt = c;
  let sum = 0;
  for (let j = from; j <= to; j++) {
    const y = raw[j & mask] as number;
    sum += y;
    if (y > max) {
      max = y;
      maxAt = j;
    }
    if (y < min) {
      min = y;
      minAt = j;
    }
  }
  const mean = sum / (to - from + 1);
  // An extremum at the edge of the search window (within 5 ms of it) where the signal goes on
  // rising (or falling) past the edge is a slope running out of the window, not a peak (not a
  // local extremum): when only one of the two extrema is like that, the other is the R peak.
  // "Past the edge" is the 20 ms beyond it, not one sample, so that noise on a slow ST segment
  // does not turn the end of the QRS upstroke into a peak.
  const near = plan.edge;
  const b0 = Math.max(from - plan.past, lo);
  const a1 = Math.min(to + plan.past, hi);
  const maxEdge =
    (maxAt - from < near && beyond(raw, mask, b0, from - 1, max, 1)) || (to - maxAt < near && beyond(raw, mask, to + 1, a1, max, 1));
  const minEdge =
    (minAt - from < near && beyond(raw, mask, b0, from - 1, min, -1)) || (to - minAt < near && beyond(raw, mask, to + 1, a1, min, -1));
  out.r = maxEdge !== minEdge ? (maxEdge ? minAt : maxAt) : max - mean >= (mean - min) / 1.4 ? maxAt : minAt;

  // Largest 10 ms slope, then the largest slope of the other sign within 150 ms of it.
  const lag = plan.slopeLag;
  const first = Math.max(c - plan.slopeHalf, lo + lag);
  const last = Math.min(c + plan.slopeHalf, hi);
  let big = 0;
  let bigAt = c;
  for (let j = first; j <= last; j++) {
    const d = (raw[j & mask] as number) - (raw[(j - lag) & mask] as number);
    if (Math.abs(d) > Math.abs(big)) {
      big = d;
      bigAt = j;
    }
  }
  let other = 0;
  for (let j = Math.max(first, bigAt - plan.slopePair); j <= Math.min(last, bigAt + plan.slopePair); j++) {
    const d = (raw[(j - lag) & mask] as number) - (raw[j & mask] as number);
    const opposite = big > 0 ? d : -d;
    if (opposite > other) other = opposite;
  }
  out.slope = Math.abs(big);
  out.biphasic = other > out.slope / 8;
  return out;
}

/** True when a sample in [a, b] lies beyond `level` (above it for `sign` 1, below for -1). */
function beyond(raw: Float32Array, mask: number, a: number, b: number, level: number, sign: number): boolean {
  for (let j = a; j <= b; j++) if (sign * ((raw[j & mask] as number) - level) > 0) return true;
  return false;
}
