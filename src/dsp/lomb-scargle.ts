import { checkArg } from '../errors.js';

/**
 * Lomb–Scargle power spectral density of unevenly sampled data over a fixed frequency grid,
 * planned once and evaluated into caller-owned arrays.
 *
 * For each grid frequency f (ω = 2πf) and mean-removed values y at times t (seconds), the
 * Lomb (1976) / Scargle (1982) periodogram with the time offset τ that makes it
 * shift-invariant (`tan 2ωτ = Σ sin 2ωt / Σ cos 2ωt`):
 * `P(f) = ½ [ (Σ y cos ω(t−τ))² / Σ cos² ω(t−τ) + (Σ y sin ω(t−τ))² / Σ sin² ω(t−τ) ]`,
 * scaled to a one-sided density `psd(f) = 2·T·P(f) / N` (T = t_last − t_first, N points), so
 * that a sinusoid of amplitude A gives a band power (Σ psd·Δf) close to its variance A²/2.
 * Sines and cosines over the grid come from a rotation recurrence (two multiplications per
 * point and frequency), not from `Math.sin`.
 *
 * @example
 * ```ts
 * import { LombScargle } from 'scl-wear/dsp';
 * const ls = new LombScargle(0.001, 0.001, 500); // 0.001–0.5 Hz
 * const psd = new Float64Array(ls.frequencies.length);
 * ls.psd(beatTimes, nnMs, nnMs.length, psd); // ms²/Hz
 * ```
 */
export class LombScargle {
  /** Grid frequencies in Hz. */
  readonly frequencies: Float64Array;
  /** Grid spacing in Hz. */
  readonly step: number;
  private readonly sc = new Float64Array(0);
  private readonly acc: Float64Array;

  /**
   * @param start - first grid frequency in Hz (> 0)
   * @param step - grid spacing in Hz (> 0)
   * @param count - number of grid frequencies (≥ 1)
   * @throws InputError `E_ARGUMENT` for a bad grid
   */
  constructor(start: number, step: number, count: number) {
    checkArg(Number.isFinite(start) && start > 0, 'start', 'a positive frequency in Hz', start);
    checkArg(Number.isFinite(step) && step > 0, 'step', 'a positive frequency step in Hz', step);
    checkArg(Number.isInteger(count) && count >= 1, 'count', 'a positive integer', count);
    this.step = step;
    this.frequencies = new Float64Array(count);
    for (let k = 0; k < count; k++) this.frequencies[k] = start + k * step;
    // Per frequency: Σ y cos ωt, Σ y sin ωt, Σ cos 2ωt, Σ sin 2ωt.
    this.acc = new Float64Array(4 * count);
  }

  /**
   * Writes the PSD of `y` (mean removed here) sampled at `t` into `out`.
   *
   * @param t - sample times in seconds, ascending
   * @param y - values (any unit u); the PSD is in u²/Hz
   * @param n - number of points used from `t` and `y`
   * @param out - receives one density per grid frequency
   * @returns `out`; all zeros when fewer than 3 points or zero duration
   * @throws InputError `E_ARGUMENT` when the arrays are too short
   */
  psd(t: Float64Array, y: Float64Array, n: number, out: Float64Array): Float64Array {
    const K = this.frequencies.length;
    checkArg(t.length >= n && y.length >= n, 'n', 'at most the length of t and y', n);
    checkArg(out.length >= K, 'out', `room for ${K} values`, out);
    out.fill(0, 0, K);
    const duration = n > 0 ? (t[n - 1] as number) - (t[0] as number) : 0;
    if (n < 3 || !(duration > 0)) return out;
    let mean = 0;
    for (let i = 0; i < n; i++) mean += y[i] as number;
    mean /= n;
    const acc = this.acc;
    acc.fill(0);
    const f0 = this.frequencies[0] as number;
    const t0 = t[0] as number;
    for (let i = 0; i < n; i++) {
      const ti = (t[i] as number) - t0; // the periodogram is shift-invariant; small angles keep precision
      const yi = (y[i] as number) - mean;
      let c = Math.cos(2 * Math.PI * f0 * ti);
      let s = Math.sin(2 * Math.PI * f0 * ti);
      const dc = Math.cos(2 * Math.PI * this.step * ti);
      const ds = Math.sin(2 * Math.PI * this.step * ti);
      for (let k = 0, a = 0; k < K; k++, a += 4) {
        acc[a] = (acc[a] as number) + yi * c;
        acc[a + 1] = (acc[a + 1] as number) + yi * s;
        acc[a + 2] = (acc[a + 2] as number) + (c * c - s * s);
        acc[a + 3] = (acc[a + 3] as number) + 2 * c * s;
        const c2 = c * dc - s * ds;
        s = s * dc + c * ds;
        c = c2;
      }
    }
    const scale = (2 * duration) / n;
    for (let k = 0, a = 0; k < K; k++, a += 4) {
      const yc = acc[a] as number;
      const ys = acc[a + 1] as number;
      const c2 = acc[a + 2] as number;
      const s2 = acc[a + 3] as number;
      // 2ωτ = atan2(S2, C2); cos and sin of 2ωτ, then of ωτ by the half-angle formulas.
      const r = Math.hypot(c2, s2);
      const cos2 = r > 0 ? c2 / r : 1;
      const sin2 = r > 0 ? s2 / r : 0;
      const cosT = Math.sqrt((1 + cos2) / 2);
      const sinT = cos2 > -1 ? sin2 / (2 * cosT) : 1;
      const ycT = yc * cosT + ys * sinT;
      const ysT = ys * cosT - yc * sinT;
      const ccT = n / 2 + (c2 * cos2 + s2 * sin2) / 2;
      const ssT = n - ccT;
      const p = 0.5 * ((ccT > 0 ? (ycT * ycT) / ccT : 0) + (ssT > 0 ? (ysT * ysT) / ssT : 0));
      out[k] = p * scale;
    }
    return out;
  }

  /**
   * Sums a PSD over `[low, high)` Hz times the grid step: the power in that band.
   *
   * @param psd - a density from {@link LombScargle.psd}
   * @param low - band start in Hz (inclusive)
   * @param high - band end in Hz (exclusive)
   */
  bandPower(psd: Float64Array, low: number, high: number): number {
    let sum = 0;
    for (let k = 0; k < this.frequencies.length; k++) {
      const f = this.frequencies[k] as number;
      if (f >= low && f < high) sum += psd[k] as number;
    }
    return sum * this.step;
  }
}
