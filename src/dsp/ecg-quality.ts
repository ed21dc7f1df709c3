/**
 * Why a window's ECG is not usable.
 *
 * @example
 * ```ts
 * import { EcgQualityMeter } from 'scl-wear/dsp';
 * const meter = new EcgQualityMeter(130);
 * meter.process(samples, (q) => {
 *   if (q.flags.includes('lead-off')) console.warn('electrodes off');
 * });
 * ```
 * @example
 * ```ts
 * import { signalQuality, type EcgQualityFlag } from 'scl-wear';
 * const alarms: readonly EcgQualityFlag[] = ['lead-off', 'flat'];
 * ecg$.pipe(signalQuality()).subscribe((q) => {
 *   if (q.flags.some((f) => alarms.includes(f))) console.warn('check the electrodes');
 * });
 * ```
 */
export type EcgQualityFlag = 'lead-off' | 'flat' | 'clipped' | 'noisy' | 'few-beats' | 'implausible-rate';

/**
 * Signal quality of one window of one ECG lead.
 *
 * @example
 * ```ts
 * import { EcgQualityMeter } from 'scl-wear/dsp';
 * const meter = new EcgQualityMeter(130, 10); // 130 Hz, 10 s windows
 * meter.process(samples, (q) => {
 *   console.log(q.start / 130, q.quality.toFixed(2), q.usable ? 'usable' : q.flags.join(', '));
 * });
 * ```
 * @example
 * ```ts
 * import { signalQuality, type EcgQuality } from 'scl-wear';
 * const verdict = (q: EcgQuality) => (q.usable ? 'usable' : q.flags.join(', '));
 * ecg$.pipe(signalQuality()).subscribe((q) => console.log(q.time, verdict(q)));
 * ```
 */
export interface EcgQuality {
  /** Sample index of the window's first sample, counted from the stream start. */
  readonly start: number;
  /** Number of samples in the window. */
  readonly length: number;
  /** 0 (unusable) to 1 (clean): template correlation, less missing and clipped signal. */
  readonly quality: number;
  /** True when no flag is raised: heart rate and HRV from this window can be trusted. */
  readonly usable: boolean;
  /** Why the window is not usable; empty when `usable`. */
  readonly flags: readonly EcgQualityFlag[];
  /** R peaks detected in the window. */
  readonly beats: number;
  /** Mean heart rate from those beats, bpm (NaN under 2 beats). */
  readonly heartRate: number;
  /** Mean Pearson correlation of each beat with the window's average beat (NaN under 3 beats). */
  readonly templateCorrelation: number;
  /** Kurtosis of the first difference (about 3 for noise, well above 5 for clean ECG). */
  readonly kurtosis: number;
  /** Fraction of non-finite samples (lead-off). */
  readonly missingFraction: number;
  /** Fraction of samples in runs of ≥ 20 ms stuck at the window's extreme value. */
  readonly clippedFraction: number;
}

/**
 * Thresholds of the quality rules (Orphanidou et al. 2015, plus lead-off, flat and clipping).
 *
 * @example
 * ```ts
 * import { ECG_QUALITY_RULES } from 'scl-wear/dsp';
 * const usableRate = (bpm: number) => bpm >= ECG_QUALITY_RULES.minHr && bpm <= ECG_QUALITY_RULES.maxHr;
 * ```
 */
export const ECG_QUALITY_RULES = Object.freeze({
  /** Beat window for the template, seconds before and after the R peak. */
  before: 0.1,
  after: 0.15,
  /** Lowest mean template correlation of usable signal. */
  minCorrelation: 0.66,
  /** Usable heart rate range (bpm) and longest stretch without a beat (s, window edges included). */
  minHr: 40,
  maxHr: 180,
  maxRr: 3,
  /** Above this missing fraction the window is lead-off. */
  maxMissing: 0.5,
  /** Peak-to-peak below this (mV) is a flat line. */
  minRange: 0.05,
  /** Above this clipped fraction the window is clipped. */
  maxClipped: 0.01,
  /** Shortest plateau (s) counted as clipping. */
  clipRun: 0.02,
});

/** Where a window's samples and peaks are found. Internal to {@link EcgQualityMeter}. */
export interface QualityInput {
  /** Signal ring (indexed by `sample & mask`), holding the window and the beats around it. */
  readonly ring: Float32Array;
  readonly mask: number;
  /** First sample index not yet in the ring. */
  readonly written: number;
  readonly rate: number;
  /** Scratch of `2 × beatLength` values. */
  readonly scratch: Float64Array;
  /** R-peak sample indices in the window, ascending, and their count. */
  readonly peaks: Float64Array;
  readonly peakCount: number;
}

/**
 * Assesses one window `[start, start + length)`.
 *
 * @param q - signal ring, peaks and scratch
 * @param start - first sample index
 * @param length - samples in the window
 * @example
 * ```ts
 * const q = assessEcgWindow({ ring, mask, written, rate: 130, scratch, peaks, peakCount }, 1300, 1300);
 * if (!q.usable) console.log(q.flags);
 * ```
 */
export function assessEcgWindow(q: QualityInput, start: number, length: number): EcgQuality {
  const R = ECG_QUALITY_RULES;
  const { ring, mask } = q;
  let missing = 0;
  let min = Infinity;
  let max = -Infinity;
  let prev = NaN;
  let n = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  for (let i = start; i < start + length; i++) {
    const v = ring[i & mask] as number;
    if (!Number.isFinite(v)) {
      missing++;
      prev = NaN;
      continue;
    }
    if (v < min) min = v;
    if (v > max) max = v;
    if (!Number.isNaN(prev)) {
      const d = v - prev;
      const d2 = d * d;
      n++;
      s1 += d;
      s2 += d2;
      s3 += d2 * d;
      s4 += d2 * d2;
    }
    prev = v;
  }
  const mu = s1 / n;
  const m2 = s2 / n - mu * mu;
  const m4 = s4 / n - 4 * mu * (s3 / n) + 6 * mu * mu * (s2 / n) - 3 * mu ** 4;
  const kurtosis = m2 > 1e-12 ? m4 / (m2 * m2) : NaN;
  const clipped = length > 0 && max > min ? plateaus(q, start, length, min, max) / length : 0;
  const missingFraction = length > 0 ? missing / length : 1;
  const { correlation, heartRate, longestRr } = beatStats(q, start, length);
  const flags: EcgQualityFlag[] = [];
  if (missingFraction > R.maxMissing) flags.push('lead-off');
  else if (!(max - min >= R.minRange)) flags.push('flat');
  if (clipped > R.maxClipped) flags.push('clipped');
  if (q.peakCount < 3) flags.push('few-beats');
  else if (!(correlation >= R.minCorrelation)) flags.push('noisy');
  if (q.peakCount >= 2 && (heartRate < R.minHr || heartRate > R.maxHr || longestRr > R.maxRr * q.rate)) flags.push('implausible-rate');
  const dead = flags.includes('lead-off') || flags.includes('flat') || q.peakCount < 3;
  const quality = dead ? 0 : Math.max(0, correlation) * (1 - missingFraction) * Math.max(0, 1 - 10 * clipped);
  return {
    start,
    length,
    quality,
    usable: flags.length === 0,
    flags,
    beats: q.peakCount,
    heartRate,
    templateCorrelation: correlation,
    kurtosis,
    missingFraction,
    clippedFraction: clipped,
  };
}

/** Samples in plateaus of at least `clipRun` at the window's maximum or minimum. */
function plateaus(q: QualityInput, start: number, length: number, min: number, max: number): number {
  const minRun = Math.max(3, Math.round(ECG_QUALITY_RULES.clipRun * q.rate));
  let total = 0;
  let run = 0;
  let level = NaN;
  for (let i = start; i <= start + length; i++) {
    const v = i < start + length ? (q.ring[i & q.mask] as number) : NaN;
    if ((v === max || v === min) && v === level) run++;
    else {
      if (run >= minRun) total += run;
      run = v === max || v === min ? 1 : 0;
      level = v;
    }
  }
  return total;
}

/** Template correlation, heart rate and the longest stretch without a beat (samples, edges included). */
function beatStats(q: QualityInput, start: number, length: number): { correlation: number; heartRate: number; longestRr: number } {
  const R = ECG_QUALITY_RULES;
  const { peaks, peakCount, rate } = q;
  let longestRr = peakCount > 0 ? Math.max((peaks[0] as number) - start, start + length - (peaks[peakCount - 1] as number)) : length;
  for (let i = 1; i < peakCount; i++) longestRr = Math.max(longestRr, (peaks[i] as number) - (peaks[i - 1] as number));
  const heartRate = peakCount >= 2 ? (60 * rate * (peakCount - 1)) / ((peaks[peakCount - 1] as number) - (peaks[0] as number)) : NaN;
  if (peakCount < 3) return { correlation: NaN, heartRate, longestRr };
  const before = Math.round(R.before * rate);
  const len = before + Math.round(R.after * rate) + 1;
  const template = q.scratch.subarray(0, len);
  const beat = q.scratch.subarray(len, 2 * len);
  template.fill(0);
  let used = 0;
  for (let b = 0; b < peakCount; b++)
    if (segment(q, (peaks[b] as number) - before, beat)) {
      for (let k = 0; k < len; k++) template[k] = (template[k] as number) + (beat[k] as number);
      used++;
    }
  if (used < 3) return { correlation: NaN, heartRate, longestRr };
  let sum = 0;
  for (let b = 0; b < peakCount; b++) if (segment(q, (peaks[b] as number) - before, beat)) sum += pearson(beat, template);
  return { correlation: sum / used, heartRate, longestRr };
}

/** Copies a beat into `out` with its mean removed; false when it has missing samples. */
function segment(q: QualityInput, from: number, out: Float64Array): boolean {
  if (from < 0 || from + out.length > q.written) return false;
  let mean = 0;
  for (let k = 0; k < out.length; k++) {
    const v = q.ring[(from + k) & q.mask] as number;
    if (!Number.isFinite(v)) return false;
    out[k] = v;
    mean += v;
  }
  mean /= out.length;
  for (let k = 0; k < out.length; k++) out[k] = (out[k] as number) - mean;
  return true;
}

function pearson(a: Float64Array, b: Float64Array): number {
  let ma = 0;
  let mb = 0;
  for (let k = 0; k < a.length; k++) {
    ma += a[k] as number;
    mb += b[k] as number;
  }
  ma /= a.length;
  mb /= b.length;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let k = 0; k < a.length; k++) {
    const x = (a[k] as number) - ma;
    const y = (b[k] as number) - mb;
    sab += x * y;
    saa += x * x;
    sbb += y * y;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
}
