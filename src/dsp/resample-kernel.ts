import { checkArg } from '../errors.js';

/**
 * Quality settings of the anti-aliasing low-pass used by {@link dsp!Resampler}.
 *
 * @example
 * ```ts
 * import { Resampler } from 'scl-wear/dsp';
 * // 500 Hz to 50 Hz, 3 channels, 80 dB stop band, pass band up to 0.9 × 25 Hz
 * const rs = new Resampler(500, 50, 3, { attenuation: 80, passband: 0.9 });
 * ```
 * @example
 * ```ts
 * import { resample, type ResamplerOptions } from 'scl-wear';
 * const quality: ResamplerOptions = { attenuation: 80, passband: 0.9 };
 * const at50$ = imu$.pipe(resample(50, quality)); // Hz
 * ```
 */
export interface ResamplerOptions {
  /** Stop-band attenuation in dB (40–120, default 60). */
  readonly attenuation?: number;
  /**
   * Pass-band edge as a fraction of the lower of the two Nyquist frequencies (0.5–0.95,
   * default 0.8). The stop band starts at that Nyquist frequency, so nothing above the new
   * Nyquist folds back when downsampling.
   */
  readonly passband?: number;
}

/**
 * A polyphase table of a Kaiser-windowed sinc low-pass: row `p` holds the `taps` weights that
 * produce the output lying `p / phases` of an input sample after input frame `k`, applied to
 * input frames `k − half + 1 … k + half`. Each row sums to 1 (unity gain at DC).
 */
export interface ResampleKernel {
  readonly table: Float64Array;
  readonly phases: number;
  readonly taps: number;
  /** Half the number of taps: input frames of context needed on each side. */
  readonly half: number;
}

/** Most phases tabulated exactly; ratios needing more use interpolated phases. */
export const MAX_EXACT_PHASES = 1024;
/** Phases tabulated (plus one) when interpolating between them. */
export const INTERPOLATED_PHASES = 512;

/**
 * Designs the polyphase anti-aliasing kernel for resampling `inRate` to `outRate`.
 *
 * @param inRate - input rate in Hz
 * @param outRate - output rate in Hz
 * @param rows - number of table rows (phases, plus one when interpolating)
 * @param phases - phase resolution: row `p` is the fractional offset `p / phases`
 * @param options - attenuation and pass band
 * @throws InputError `E_ARGUMENT` when the attenuation or pass band is out of range
 */
export function designResampleKernel(
  inRate: number,
  outRate: number,
  rows: number,
  phases: number,
  options: ResamplerOptions = {},
): ResampleKernel {
  const attenuation = options.attenuation ?? 60;
  const passband = options.passband ?? 0.8;
  checkArg(attenuation >= 40 && attenuation <= 120, 'attenuation', 'between 40 and 120 dB', attenuation);
  checkArg(passband >= 0.5 && passband <= 0.95, 'passband', 'between 0.5 and 0.95', passband);
  const nyquist = Math.min(inRate, outRate) / 2;
  const stop = nyquist / inRate; // cycles per input sample
  const pass = (passband * nyquist) / inRate;
  const cutoff = (pass + stop) / 2;
  // Kaiser's estimates: taps for the attenuation over the transition width, and the window's beta.
  const half = Math.max(2, Math.ceil((attenuation - 7.95) / (2.285 * 2 * Math.PI * (stop - pass)) / 2));
  const beta = attenuation > 50 ? 0.1102 * (attenuation - 8.7) : 0.5842 * (attenuation - 21) ** 0.4 + 0.07886 * (attenuation - 21);
  const taps = 2 * half;
  const table = new Float64Array(rows * taps);
  const i0Beta = besselI0(beta);
  for (let p = 0; p < rows; p++) {
    const phi = p / phases;
    let sum = 0;
    for (let i = 0; i < taps; i++) {
      const t = phi + half - 1 - i; // distance in input samples from tap i to the output instant
      const u = t / half;
      const w = Math.abs(u) >= 1 ? 0 : besselI0(beta * Math.sqrt(1 - u * u)) / i0Beta;
      const x = 2 * cutoff * t;
      const h = 2 * cutoff * (x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x)) * w;
      table[p * taps + i] = h;
      sum += h;
    }
    for (let i = 0; i < taps; i++) table[p * taps + i]! /= sum;
  }
  return { table, phases, taps, half };
}

/**
 * The last continued-fraction convergent `num / den` of `x > 0` with `den ≤ maxDen` (exact when
 * `x` is such a fraction).
 *
 * @param x - the value
 * @param maxDen - largest denominator allowed
 */
export function rationalApproximation(x: number, maxDen: number): { num: number; den: number } {
  let [h0, h1, k0, k1] = [0, 1, 1, 0];
  let r = x;
  for (let iter = 0; iter < 64; iter++) {
    const a = Math.floor(r);
    const [h2, k2] = [a * h1 + h0, a * k1 + k0];
    if (k2 > maxDen) break;
    [h0, h1, k0, k1] = [h1, h2, k1, k2];
    const frac = r - a;
    if (frac < 1e-12 || Math.abs(h1 / k1 - x) <= 1e-15 * x) break;
    r = 1 / frac;
  }
  return { num: h1, den: k1 };
}

/** Modified Bessel function of the first kind, order 0 (power series). */
function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  const q = (x * x) / 4;
  for (let k = 1; k < 200 && term > 1e-17 * sum; k++) {
    term *= q / (k * k);
    sum += term;
  }
  return sum;
}
