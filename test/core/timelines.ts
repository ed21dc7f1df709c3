// Frame times shaped like real device timelines, for the timing-model tests.
import { createRng } from '../../src/core/random.js';

/** Kinds of device timeline {@link timeline} draws. */
export type TimelineKind = 'clean' | 'jitter' | 'pairs' | 'bursts';

/** Frame times of `n` samples at `rate` Hz shaped like a real device timeline. */
export function timeline(kind: TimelineKind, n: number, rate: number, seed = 1): Float64Array {
  const rng = createRng(seed);
  const p = 1 / rate;
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (kind === 'clean') t[i] = i * p;
    // Each time moved by up to ±40 % of the period: intervals from 0.2 to 1.8 periods.
    else if (kind === 'jitter') t[i] = i * p + (rng.next() - 0.5) * 0.8 * p;
    // iOS-style pairs: 1 ms, then the rest of two periods.
    else if (kind === 'pairs') t[i] = (i >> 1) * 2 * p + (i & 1) * 0.001;
    // Groups of 4 delivered 1 ms apart after the group's first sample is due.
    else t[i] = (i & ~3) * p + (i & 3) * 0.001;
  }
  return t;
}
