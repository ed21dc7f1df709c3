import type { EcgQualityFlag } from '../dsp/ecg-quality.js';
import { EcgQualityMeter } from '../dsp/ecg-quality-meter.js';
import { HeartRateSmoother } from '../dsp/heart-rate.js';
import { HrvCalculator, type HrvSummary } from '../dsp/hrv.js';
import { RPeakDetector } from '../dsp/rpeak-detector.js';
import { RRClassifier, type RRInterval } from '../dsp/rr-intervals.js';

/** What `scl-wear rpeaks` reports for one ECG lead. */
export interface EcgReport {
  readonly rate: number;
  readonly samples: number;
  readonly durationSeconds: number;
  readonly method: string;
  /** R-peak sample indices of the input. */
  readonly peaks: number[];
  readonly heartRate: { mean: number; min: number; max: number; unit: 'bpm' };
  readonly rr: { intervals: number; normal: number; ectopic: number; artifact: number };
  readonly hrv: Omit<HrvSummary, 'start' | 'end'> & { units: string };
  readonly quality: {
    windowSeconds: number;
    windows: number;
    usable: number;
    usableFraction: number;
    meanQuality: number;
    flags: Partial<Record<EcgQualityFlag, number>>;
  };
}

/** The method, as reported. */
export const RPEAK_METHOD =
  'Hamilton-Tompkins (1986) QRS detection: 5-15 Hz Butterworth band-pass, |slope|, 80 ms moving window, adaptive thresholds from the last 8 QRS/noise peaks, search back, baseline-shift check, Pan-Tompkins (1985) T-wave rule';

/**
 * Runs the streaming ECG pipeline over a whole signal, in one-second batches: R peaks, RR
 * classification, smoothed heart rate, HRV over the whole recording and 10 s quality windows.
 *
 * @param x - one lead in mV (non-finite = missing)
 * @param rate - sample rate in Hz
 * @param timeOf - time in seconds of a sample index (default index / rate)
 */
export function summarizeEcg(x: Float32Array, rate: number, timeOf: (i: number) => number = (i) => i / rate): EcgReport {
  const det = new RPeakDetector(rate);
  const step = Math.max(1, Math.round(rate));
  const out = new Float64Array(det.capacityFor(step));
  const breaks = new Uint8Array(out.length);
  const peaks: number[] = [];
  const after: boolean[] = [];
  const take = (n: number) => {
    for (let i = 0; i < n; i++) {
      peaks.push(out[i] as number);
      after.push(breaks[i] === 1);
    }
  };
  for (let at = 0; at < x.length; at += step) take(det.process(x.subarray(at, Math.min(x.length, at + step)), out, breaks));
  take(det.flush(out, breaks));

  const classifier = new RRClassifier();
  const intervals: RRInterval[] = [];
  const push = (iv: RRInterval) => intervals.push(iv);
  for (let i = 0; i < peaks.length; i++) {
    if (after[i] || i === 0) {
      classifier.flush(push);
      classifier.reset();
    } else classifier.push(timeOf(peaks[i] as number), timeOf(peaks[i] as number) - timeOf(peaks[i - 1] as number), push);
  }
  classifier.flush(push);

  const smoother = new HeartRateSmoother(5);
  let min = Infinity;
  let max = -Infinity;
  let last = NaN;
  for (const iv of intervals) {
    if (!(Math.abs(iv.time - iv.rr - last) <= 1e-3)) smoother.reset();
    last = iv.time;
    const hr = smoother.push(iv).smoothedBpm;
    min = Math.min(min, hr);
    max = Math.max(max, hr);
  }
  const n = intervals.length;
  const hrv = new HrvCalculator(n).compute(
    Float64Array.from(intervals, (iv) => iv.time),
    Float64Array.from(intervals, (iv) => iv.rr),
    Uint8Array.from(intervals, (iv) => (iv.kind === 'normal' ? 1 : 0)),
    n,
  );
  const { start: _s, end: _e, ...hrvRest } = hrv;

  const meter = new EcgQualityMeter(rate, 10);
  const flags: Partial<Record<EcgQualityFlag, number>> = {};
  let windows = 0;
  let usable = 0;
  let qualitySum = 0;
  const onWindow = (q: { usable: boolean; quality: number; flags: readonly EcgQualityFlag[] }) => {
    windows++;
    if (q.usable) usable++;
    qualitySum += q.quality;
    for (const f of q.flags) flags[f] = (flags[f] ?? 0) + 1;
  };
  meter.process(x, onWindow);
  meter.flush(onWindow);

  return {
    rate,
    samples: x.length,
    durationSeconds: x.length / rate,
    method: RPEAK_METHOD,
    peaks,
    heartRate: { mean: hrv.meanHr, min: n ? min : NaN, max: n ? max : NaN, unit: 'bpm' },
    rr: {
      intervals: n,
      normal: intervals.filter((iv) => iv.kind === 'normal').length,
      ectopic: intervals.filter((iv) => iv.kind === 'ectopic').length,
      artifact: intervals.filter((iv) => iv.kind === 'artifact').length,
    },
    hrv: { ...hrvRest, units: 'intervals: count; meanNn, sdnn, rmssd: ms; pnn50: %; lf, hf: ms^2; meanHr: bpm' },
    quality: {
      windowSeconds: 10,
      windows,
      usable,
      usableFraction: windows ? usable / windows : 0,
      meanQuality: windows ? qualitySum / windows : 0,
      flags,
    },
  };
}
