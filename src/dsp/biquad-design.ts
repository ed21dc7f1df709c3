import { checkArg } from '../errors.js';

/**
 * A cascade of second-order IIR sections designed for one sample rate, ready for
 * {@link dsp!BiquadCascade}.
 *
 * `sections` holds 5 coefficients per section, `b0, b1, b2, a1, a2`, normalised so `a0 = 1`:
 * `y[n] = b0·x[n] + b1·x[n-1] + b2·x[n-2] − a1·y[n-1] − a2·y[n-2]`. A first-order section has
 * `b2 = a2 = 0`.
 *
 * @example
 * ```ts
 * import { designLowpass, BiquadCascade } from 'scl-wear/dsp';
 * const design = designLowpass(5, 50, 4); // 5 Hz, 4th order, at 50 Hz
 * console.log(design.rate, design.sections.length / 5); // 50 2 (two biquad sections)
 * const smooth = new BiquadCascade(design, 3);
 * ```
 * @example
 * ```ts
 * import { iirFilter, type BiquadDesign } from 'scl-wear';
 * import { designLowpass } from 'scl-wear/dsp';
 * const design: BiquadDesign = designLowpass(5, 50, 4);
 * const smooth$ = imu$.pipe(iirFilter(design));
 * ```
 */
export interface BiquadDesign {
  /** Sample rate in Hz the coefficients were designed for. */
  readonly rate: number;
  /** Coefficients, 5 per section (`b0, b1, b2, a1, a2`). */
  readonly sections: Float64Array;
}

/**
 * A filter described as data, designed for a stream's rate when its first batch arrives.
 * Frequencies in Hz. `order` is the Butterworth order (1–12, default 2); a band-pass of order
 * N is a high-pass of order N followed by a low-pass of order N. `q` is the notch quality
 * factor (centre frequency / −3 dB bandwidth, default 30).
 *
 * @example
 * ```ts
 * import { designFilter } from 'scl-wear/dsp';
 * const design = designFilter(
 *   [{ type: 'highpass', cutoff: 0.5, order: 1 }, { type: 'notch', frequency: 60, q: 20 }],
 *   250, // Hz
 * );
 * ```
 * @example
 * ```ts
 * import { iirFilter, type FilterSpec } from 'scl-wear';
 * const ecgBand: FilterSpec = { type: 'bandpass', low: 0.5, high: 40 }; // Hz
 * const clean$ = ecg$.pipe(iirFilter(ecgBand));
 * ```
 */
export type FilterSpec =
  | { readonly type: 'lowpass'; readonly cutoff: number; readonly order?: number }
  | { readonly type: 'highpass'; readonly cutoff: number; readonly order?: number }
  | { readonly type: 'bandpass'; readonly low: number; readonly high: number; readonly order?: number }
  | { readonly type: 'notch'; readonly frequency: number; readonly q?: number };

/**
 * Butterworth low-pass of the given order (bilinear transform, pre-warped at the cutoff):
 * `|H(f)|² = 1 / (1 + (tan(πf/rate) / tan(π·cutoff/rate))^(2·order))`, −3 dB at `cutoff`.
 *
 * @param cutoff - −3 dB frequency in Hz, 0 < cutoff < rate/2
 * @param rate - sample rate in Hz
 * @param order - filter order, 1–12
 * @throws InputError `E_ARGUMENT` when an argument is out of range
 * @example
 * ```ts
 * import { designLowpass, BiquadCascade } from 'scl-wear/dsp';
 * const smooth = new BiquadCascade(designLowpass(5, 50, 4), 3); // 5 Hz, 3 channels at 50 Hz
 * ```
 */
export function designLowpass(cutoff: number, rate: number, order = 2): BiquadDesign {
  return butterworth('lowpass', cutoff, rate, order);
}

/**
 * Butterworth high-pass of the given order (bilinear transform, pre-warped at the cutoff):
 * `|H(f)|² = 1 / (1 + (tan(π·cutoff/rate) / tan(πf/rate))^(2·order))`, −3 dB at `cutoff`.
 *
 * @param cutoff - −3 dB frequency in Hz, 0 < cutoff < rate/2
 * @param rate - sample rate in Hz
 * @param order - filter order, 1–12
 * @throws InputError `E_ARGUMENT` when an argument is out of range
 * @example
 * ```ts
 * import { designHighpass } from 'scl-wear/dsp';
 * const baselineRemoval = designHighpass(0.5, 360); // ECG baseline wander below 0.5 Hz
 * ```
 */
export function designHighpass(cutoff: number, rate: number, order = 2): BiquadDesign {
  return butterworth('highpass', cutoff, rate, order);
}

/**
 * Butterworth band-pass: a high-pass at `low` then a low-pass at `high`, each of `order`.
 *
 * @param low - lower −3 dB frequency in Hz
 * @param high - upper −3 dB frequency in Hz, low < high < rate/2
 * @param rate - sample rate in Hz
 * @param order - order of each half, 1–12
 * @throws InputError `E_ARGUMENT` when an argument is out of range
 * @example
 * ```ts
 * import { designBandpass } from 'scl-wear/dsp';
 * const ecgBand = designBandpass(0.5, 40, 360); // 0.5–40 Hz at 360 Hz
 * ```
 */
export function designBandpass(low: number, high: number, rate: number, order = 2): BiquadDesign {
  checkArg(low < high, 'low', `below high (${high} Hz)`, low);
  return chainDesigns(butterworth('highpass', low, rate, order), butterworth('lowpass', high, rate, order));
}

/**
 * Second-order notch (Orfanidis): zero gain at `frequency`, −3 dB bandwidth exactly
 * `frequency / q` Hz, unity gain far from the notch. Use 50 or 60 Hz to remove mains hum.
 *
 * @param frequency - notch centre in Hz, 0 < frequency < rate/2
 * @param rate - sample rate in Hz
 * @param q - quality factor (> 0): centre frequency / −3 dB bandwidth, default 30
 * @throws InputError `E_ARGUMENT` when an argument is out of range
 * @example
 * ```ts
 * import { designNotch } from 'scl-wear/dsp';
 * const mains = designNotch(50, 360); // 50 Hz hum, 1.67 Hz wide at −3 dB
 * ```
 */
export function designNotch(frequency: number, rate: number, q = 30): BiquadDesign {
  checkRate(rate);
  checkFrequency('frequency', frequency, rate);
  checkArg(Number.isFinite(q) && q > 0, 'q', 'a positive number', q);
  const w0 = (2 * Math.PI * frequency) / rate;
  const beta = Math.tan(w0 / q / 2);
  const gain = 1 / (1 + beta);
  const cos = Math.cos(w0);
  return { rate, sections: Float64Array.of(gain, -2 * cos * gain, gain, -2 * cos * gain, 2 * gain - 1) };
}

/**
 * Designs a {@link FilterSpec} (or a list of them, applied in order) for a sample rate.
 *
 * @param spec - one filter or a list
 * @param rate - sample rate in Hz
 * @throws InputError `E_ARGUMENT` when a spec is invalid for the rate
 * @example
 * ```ts
 * import { designFilter } from 'scl-wear/dsp';
 * const d = designFilter([{ type: 'bandpass', low: 0.5, high: 40 }, { type: 'notch', frequency: 50 }], 360);
 * ```
 */
export function designFilter(spec: FilterSpec | readonly FilterSpec[], rate: number): BiquadDesign {
  if (isSpecList(spec)) {
    checkArg(spec.length > 0, 'spec', 'a filter or a non-empty list of filters', spec);
    return chainDesigns(...spec.map((s) => designFilter(s, rate)));
  }
  switch (spec.type) {
    case 'lowpass':
      return designLowpass(spec.cutoff, rate, spec.order);
    case 'highpass':
      return designHighpass(spec.cutoff, rate, spec.order);
    case 'bandpass':
      return designBandpass(spec.low, spec.high, rate, spec.order);
    case 'notch':
      return designNotch(spec.frequency, rate, spec.q);
    default:
      checkArg(false, 'spec.type', '"lowpass", "highpass", "bandpass" or "notch"', (spec as { type: unknown }).type);
  }
}

/**
 * Joins designs for the same rate into one cascade applied left to right.
 *
 * @param designs - at least one design, all for the same rate
 * @throws InputError `E_ARGUMENT` when the rates differ or no design is given
 * @example
 * ```ts
 * import { chainDesigns, designHighpass, designNotch } from 'scl-wear/dsp';
 * const clean = chainDesigns(designHighpass(0.5, 250), designNotch(50, 250));
 * ```
 */
export function chainDesigns(...designs: BiquadDesign[]): BiquadDesign {
  const first = designs[0];
  checkArg(first !== undefined, 'designs', 'at least one design', designs);
  for (const d of designs) checkArg(d.rate === first.rate, 'designs', `all for ${first.rate} Hz`, d.rate);
  const sections = new Float64Array(designs.reduce((n, d) => n + d.sections.length, 0));
  let at = 0;
  for (const d of designs) {
    sections.set(d.sections, at);
    at += d.sections.length;
  }
  return { rate: first.rate, sections };
}

function butterworth(type: 'lowpass' | 'highpass', cutoff: number, rate: number, order: number): BiquadDesign {
  checkRate(rate);
  checkFrequency('cutoff', cutoff, rate);
  checkArg(Number.isInteger(order) && order >= 1 && order <= 12, 'order', 'an integer from 1 to 12', order);
  const w0 = (2 * Math.PI * cutoff) / rate;
  const pairs = Math.floor(order / 2);
  const sections = new Float64Array(5 * (pairs + (order % 2)));
  for (let m = 0; m < pairs; m++) {
    // Analog Butterworth pole pairs sit at angle θ from the negative real axis: s² + 2cosθ·s + 1.
    const theta = order % 2 === 0 ? (Math.PI * (2 * m + 1)) / (2 * order) : (Math.PI * (m + 1)) / order;
    sections.set(secondOrder(type, w0, 1 / (2 * Math.cos(theta))), 5 * m);
  }
  if (order % 2 === 1) sections.set(firstOrder(type, w0), 5 * pairs);
  return { rate, sections };
}

/** RBJ cookbook low/high-pass section: bilinear transform of 1/(s² + s/Q + 1), pre-warped. */
function secondOrder(type: 'lowpass' | 'highpass', w0: number, q: number): number[] {
  const cos = Math.cos(w0);
  const alpha = Math.sin(w0) / (2 * q);
  const a0 = 1 + alpha;
  const b0 = (type === 'lowpass' ? 1 - cos : 1 + cos) / 2;
  const b1 = type === 'lowpass' ? 1 - cos : -(1 + cos);
  return [b0 / a0, b1 / a0, b0 / a0, (-2 * cos) / a0, (1 - alpha) / a0];
}

/** Bilinear transform of 1/(s + 1) (low-pass) or s/(s + 1) (high-pass), pre-warped. */
function firstOrder(type: 'lowpass' | 'highpass', w0: number): number[] {
  const k = Math.tan(w0 / 2);
  const a1 = (k - 1) / (k + 1);
  return type === 'lowpass' ? [k / (1 + k), k / (1 + k), 0, a1, 0] : [1 / (1 + k), -1 / (1 + k), 0, a1, 0];
}

function checkRate(rate: number): void {
  checkArg(Number.isFinite(rate) && rate > 0, 'rate', 'a positive number of Hz', rate);
}

function checkFrequency(name: string, f: number, rate: number): void {
  checkArg(Number.isFinite(f) && f > 0 && f < rate / 2, name, `between 0 and ${rate / 2} Hz (half the rate)`, f);
}

function isSpecList(spec: FilterSpec | readonly FilterSpec[]): spec is readonly FilterSpec[] {
  return Array.isArray(spec);
}
