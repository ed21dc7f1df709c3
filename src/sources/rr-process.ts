import type { Rng } from '../core/random.js';

/** Spectrum of the RR-interval process (McSharry et al. 2003, after Malik & Camm). */
export interface RRSpectrum {
  /** Mean RR interval in seconds. */
  meanRr: number;
  /** Standard deviation of the RR interval in seconds. */
  stdRr: number;
  /** Ratio of low-frequency (Mayer waves, ~0.1 Hz) to high-frequency (respiratory) power. */
  lfHfRatio: number;
  /** Centre of the low-frequency band in Hz (default 0.1). */
  lfHz?: number;
  /** Centre of the high-frequency band (respiratory rate) in Hz (default 0.25). */
  hfHz?: number;
  /** Standard deviation of both bands in Hz (default 0.01). */
  bandwidthHz?: number;
}

/**
 * Draws an RR tachogram with a bimodal (LF + HF) power spectrum, as the ECGSYN model does:
 * a sum of sinusoids at the frequencies of an `n`-point grid at 1 Hz, with amplitudes from
 * the spectrum and random phases, scaled to the requested mean and standard deviation.
 *
 * @param rng - seeded generator (phases)
 * @param spec - mean, spread and LF/HF shape
 * @param seconds - length of the tachogram in seconds (at least 1024 are drawn, so shorter
 *   requests with one seed give prefixes of the same series)
 * @returns RR interval in seconds, one value per second of time
 */
export function rrTachogram(rng: Rng, spec: RRSpectrum, seconds: number): Float64Array {
  let n = 1024;
  while (n < seconds + 2) n *= 2;
  const f1 = spec.lfHz ?? 0.1;
  const f2 = spec.hfHz ?? 0.25;
  const c = spec.bandwidthHz ?? 0.01;
  const norm = 1 / Math.sqrt(2 * Math.PI * c * c);
  const x = new Float64Array(n);
  for (let k = 1; k < n / 2; k++) {
    const f = k / n;
    const phase = 2 * Math.PI * rng.next();
    const h = norm * (spec.lfHfRatio * Math.exp(-0.5 * ((f - f1) / c) ** 2) + Math.exp(-0.5 * ((f - f2) / c) ** 2));
    if (h < 1e-9 * norm) continue;
    const amp = Math.sqrt(h);
    const w = 2 * Math.PI * f;
    for (let t = 0; t < n; t++) x[t] = (x[t] as number) + amp * Math.cos(w * t + phase);
  }
  let mean = 0;
  for (let t = 0; t < n; t++) mean += x[t] as number;
  mean /= n;
  let v = 0;
  for (let t = 0; t < n; t++) v += ((x[t] as number) - mean) ** 2;
  const scale = v > 0 ? spec.stdRr / Math.sqrt(v / n) : 0;
  for (let t = 0; t < n; t++) x[t] = spec.meanRr + ((x[t] as number) - mean) * scale;
  return x;
}

/**
 * Beat onsets (R-peak times) driven by a tachogram: each beat lasts the RR interval the
 * tachogram gives at its start (linearly interpolated), as in ECGSYN.
 *
 * @param rr - tachogram at 1 Hz from {@link rrTachogram}; time 0 of the tachogram is `start`
 * @param start - time of the first beat in seconds
 * @param end - no beat starts after this time (s); one more beat is added to close the last
 * @returns beat times in seconds, strictly increasing
 */
export function beatTimes(rr: Float64Array, start: number, end: number): Float64Array {
  const times: number[] = [start];
  let t = start;
  while (t <= end) {
    const u = Math.min(Math.max(t - start, 0), rr.length - 1.000001);
    const i = Math.floor(u);
    const interval = (rr[i] as number) + ((rr[i + 1] as number) - (rr[i] as number)) * (u - i);
    t += Math.max(interval, 0.2);
    times.push(t);
  }
  return Float64Array.from(times);
}
