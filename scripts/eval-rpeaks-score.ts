// Beat-by-beat scoring for scripts/eval-rpeaks.ts.
import { Resampler } from '../src/dsp/resampler.js';

/** True positives, false negatives (missed beats) and false positives (extra detections). */
export interface Score {
  tp: number;
  fn: number;
  fp: number;
}

/** DS1 records of the inter-patient split of de Chazal et al. (2004), as in mitdb/records.json. */
export const DS1 = new Set([
  '101',
  '106',
  '108',
  '109',
  '112',
  '114',
  '115',
  '116',
  '118',
  '119',
  '122',
  '124',
  '201',
  '203',
  '205',
  '207',
  '208',
  '209',
  '215',
  '220',
  '223',
  '230',
]);

/**
 * Matches detections to reference beats one-to-one: walking both in time order, a detection
 * within `tol` samples of a reference beat matches it unless the next detection is closer to
 * that beat. Both lists ascending. Beats and detections inside an excluded interval
 * ([start, end] in samples) are not scored.
 *
 * @param ref - reference beat positions (samples)
 * @param det - detections (samples)
 * @param tol - matching window in samples (each side)
 * @param excluded - intervals left out of the scoring
 */
export function matchBeats(ref: ArrayLike<number>, det: ArrayLike<number>, tol: number, excluded: [number, number][]): Score {
  const keep = (s: number) => !excluded.some(([a, b]) => s >= a && s <= b);
  const r = Array.from(ref).filter(keep);
  const d = Array.from(det).filter(keep);
  let i = 0;
  let j = 0;
  let tp = 0;
  let fn = 0;
  let fp = 0;
  while (i < r.length && j < d.length) {
    const diff = d[j]! - r[i]!;
    if (diff < -tol) {
      fp++;
      j++;
    } else if (diff > tol) {
      fn++;
      i++;
    } else if (j + 1 < d.length && Math.abs(d[j + 1]! - r[i]!) < Math.abs(diff)) {
      fp++;
      j++;
    } else {
      tp++;
      i++;
      j++;
    }
  }
  return { tp, fn: fn + (r.length - i), fp: fp + (d.length - j) };
}

/** `x` resampled from `from` to `to` Hz with `Resampler` (Kaiser-windowed sinc), flushed. */
export function resample(x: Float32Array, from: number, to: number): Float32Array {
  if (from === to) return x;
  const rs = new Resampler(from, to, 1);
  const head = new Float32Array(rs.outputFrames(x.length));
  const n = rs.process(x, x.length, head);
  const tail = new Float32Array(rs.flushFrames());
  const m = rs.flush(tail);
  const out = new Float32Array(n + m);
  out.set(head.subarray(0, n));
  out.set(tail.subarray(0, m), n);
  return out;
}
