import { RPeakDetector } from './rpeak-detector.js';

/**
 * Detects the R peaks of a whole recording (one lead, mV).
 *
 * @param signal - ECG samples in mV
 * @param rate - sample rate in Hz (100–2000)
 * @returns R-peak sample indices, ascending
 * @throws InputError `E_RATE` when the rate is outside 100–2000 Hz
 * @example
 * ```ts
 * import { detectRPeaks } from 'scl-wear';
 * const peaks = detectRPeaks(ecgMillivolts, 250);
 * ```
 */
export function detectRPeaks(signal: Float32Array, rate: number): Float64Array {
  const det = new RPeakDetector(rate);
  const out = new Float64Array(det.capacityFor(signal.length));
  const n = det.process(signal, out);
  const tail = new Float64Array(det.capacityFor(0));
  const m = det.flush(tail);
  if (m === 0) return out.slice(0, n);
  const all = new Float64Array(n + m);
  all.set(out.subarray(0, n));
  all.set(tail.subarray(0, m), n);
  return all;
}
