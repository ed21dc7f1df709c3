import { InputError } from '../errors.js';
import { designHighpass, designLowpass } from './biquad-design.js';

/**
 * Constants of the R-peak detector, in seconds unless noted. The structure and most values are
 * those of Hamilton & Tompkins (1986) and Pan & Tompkins (1985); `hold` (250 ms) and
 * `threshold` (0.3125) were chosen on the MIT-BIH DS1 records only (see docs/ecg.md).
 *
 * @example
 * ```ts
 * import { RPEAK_CONSTANTS } from 'scl-wear/dsp';
 * const refractory = Math.round(RPEAK_CONSTANTS.refractory * 360); // 72 samples at 360 Hz
 * ```
 */
export const RPEAK_CONSTANTS = Object.freeze({
  /** Band-pass of the QRS feature: Butterworth high-pass and low-pass, order 2 each (Hz). */
  bandLow: 5,
  bandHigh: 15,
  /** Moving-window integrator length over |slope|. */
  window: 0.08,
  /** A feature peak ends when the feature halves or this long after its maximum. */
  peakWait: 0.095,
  /** A peak is held this long in case a larger one follows (only one QRS per hold). */
  hold: 0.25,
  /** Shortest RR interval reported. */
  refractory: 0.2,
  /** Detection threshold: noise level + `threshold` × (QRS level − noise level). */
  threshold: 0.3125,
  /** Search back after `searchBack` × mean RR without a beat, for a peak above half the threshold. */
  searchBack: 1.5,
  /** Peaks closer than this to the previous beat are not taken in search back (T waves). */
  searchBackGap: 0.36,
  /**
   * T-wave rule (Pan & Tompkins 1985, "T-wave identification"): a candidate within the T-wave
   * window of the previous QRS whose largest slope is below `tWaveSlope` × that QRS's slope is
   * its T wave. The window is 360 ms (Pan & Tompkins), widened at slow rates to the longest
   * normal QT, 0.45 × √RR s (Bazett's formula with QTc 450 ms).
   */
  tWaveGap: 0.36,
  tWaveQtc: 0.45,
  tWaveSlope: 0.5,
  /** RR intervals above this are capped when they set the search-back time. */
  maxRr: 2,
  /** Learning time at the start of each segment (stream start, gap, lead-off). */
  learn: 2,
  /** Without a beat for this long, the levels are re-learnt from the last 8 one-second maxima. */
  relearn: 8,
  /** The R peak is sought this far around the centre of the feature's steepest point. */
  rHalf: 0.06,
  /** Group delay of the band-pass near 10 Hz, removed from the located centre. */
  groupDelay: 0.01,
  /** Baseline-shift check: 10 ms raw slopes within ±110 ms, opposite slopes < 150 ms apart. */
  slopeLag: 0.01,
  slopeHalf: 0.11,
  slopePair: 0.15,
  /** Non-finite input shorter than this is bridged; longer runs restart the detector (lead-off). */
  leadOff: 0.1,
  /** Feature peaks below this (mV/s, about a 0.05 mV QRS) are ignored: flat line, lead-off. */
  minAmplitude: 0.7,
  /** Input slew-rate limit (mV/s), ten times the steepest QRS in MIT-BIH: spikes become bumps. */
  maxSlew: 2000,
});

/** Lowest and highest sample rate the detector accepts, in Hz. */
export const RPEAK_RATES = Object.freeze({ min: 100, max: 2000 });

/** Everything the detector derives from the sample rate, computed once (all lengths in samples). */
export interface RPeakPlan {
  readonly rate: number;
  /** High-pass then low-pass coefficients: b0, b1, b2, a1, a2 each. */
  readonly highpass: Float64Array;
  readonly lowpass: Float64Array;
  readonly window: number;
  readonly peakWait: number;
  readonly hold: number;
  readonly refractory: number;
  /** Search-back factor on the mean RR (dimensionless). */
  readonly searchBack: number;
  readonly searchBackGap: number;
  /** Shortest T-wave window (samples). */
  readonly tWaveGap: number;
  readonly maxRr: number;
  readonly learn: number;
  readonly block: number;
  readonly relearn: number;
  /** How far before a feature peak its QRS is sought. */
  readonly locateBack: number;
  readonly rHalf: number;
  /** An extremum this close to the edge of the R search window may be a slope running out of it. */
  readonly edge: number;
  /** How far past that edge the signal is checked for going on rising (falling): 20 ms. */
  readonly past: number;
  readonly groupDelay: number;
  readonly slopeLag: number;
  readonly slopeHalf: number;
  readonly slopePair: number;
  readonly leadOff: number;
  /** Length of the signal history rings (a power of two). */
  readonly ring: number;
  /** Longest delay between an R peak and its report, in samples. */
  readonly maxDelay: number;
}

/**
 * Plans the detector for a sample rate.
 *
 * @param rate - sample rate in Hz, 100–2000
 * @throws InputError `E_RATE` when the rate is outside 100–2000 Hz
 * @example
 * ```ts
 * const plan = planRPeaks(130); // plan.window === 10 samples (80 ms), plan.maxDelay ≈ 3.07 s × 130
 * ```
 */
export function planRPeaks(rate: number): RPeakPlan {
  if (!(Number.isFinite(rate) && rate >= RPEAK_RATES.min && rate <= RPEAK_RATES.max)) {
    throw new InputError('E_RATE', `R-peak detection needs a rate from ${RPEAK_RATES.min} to ${RPEAK_RATES.max} Hz; got ${rate}`, {
      details: { rate, min: RPEAK_RATES.min, max: RPEAK_RATES.max },
    });
  }
  const c = RPEAK_CONSTANTS;
  const n = (s: number) => Math.max(1, Math.round(s * rate));
  const window = n(c.window);
  const peakWait = n(c.peakWait);
  const hold = n(c.hold);
  const locateBack = window + n(0.1);
  const groupDelay = Math.round(c.groupDelay * rate);
  const rHalf = n(c.rHalf);
  const slopeHalf = n(c.slopeHalf);
  const slopeLag = n(c.slopeLag);
  // History needed when a held peak is judged: back to its QRS window and the slope check.
  const history = peakWait + hold + 2 + locateBack + groupDelay + Math.max(rHalf, slopeHalf + slopeLag);
  let ring = 1;
  while (ring < history) ring <<= 1;
  const maxRr = n(c.maxRr);
  const searchBackWait = Math.ceil(c.searchBack * maxRr) + window + hold + peakWait;
  const primary = peakWait + hold + 2 + locateBack + groupDelay + rHalf;
  const learn = n(c.learn);
  return {
    rate,
    highpass: designHighpass(c.bandLow, rate, 2).sections,
    lowpass: designLowpass(c.bandHigh, rate, 2).sections,
    window,
    peakWait,
    hold,
    refractory: n(c.refractory),
    searchBack: c.searchBack,
    searchBackGap: n(c.searchBackGap),
    tWaveGap: n(c.tWaveGap),
    maxRr,
    learn,
    block: n(1),
    relearn: n(c.relearn),
    locateBack,
    rHalf,
    edge: n(0.005),
    past: n(0.02),
    groupDelay,
    slopeLag,
    slopeHalf,
    slopePair: n(c.slopePair),
    leadOff: n(c.leadOff),
    ring,
    maxDelay: Math.max(primary, learn, searchBackWait + 1 - n(c.searchBackGap)),
  };
}
