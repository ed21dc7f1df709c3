import { checkArg } from '../errors.js';
import type { Rng } from '../core/random.js';

/**
 * Scales the motion of one planar window `[channels, samples]` in place by `f`, keeping its
 * posture: the accelerometer's dynamic part about the window's mean (the gravity estimate) is
 * multiplied by `f`, `a → ḡ + f·(a − ḡ)`, and the gyroscope (channels 3..5) by `f`. A still
 * window is unchanged. Models the amplitude difference between placements (a waist phone moves
 * with the trunk, a pocket phone with the thigh).
 *
 * @param x - planar window (acc x/y/z in g, then gyro x/y/z in rad/s when 6 channels)
 * @param channels - 3 or 6
 * @param samples - samples per channel
 * @param f - amplitude factor (1: unchanged)
 * @internal
 */
export function scaleMotion(x: Float32Array, channels: number, samples: number, f: number): void {
  for (let c = 0; c < channels; c++) {
    const o = c * samples;
    let mean = 0;
    if (c < 3) {
      for (let t = 0; t < samples; t++) mean += x[o + t]!;
      mean /= samples;
    }
    for (let t = 0; t < samples; t++) x[o + t] = mean + f * (x[o + t]! - mean);
  }
}

/**
 * Checks the range `S` of the motion-amplitude augmentation: a finite number of at least 1.
 *
 * @param s - the range (factors are drawn in `[1/S, S]`)
 * @throws InputError `E_ARGUMENT` when `s` is below 1 or not finite
 * @internal
 */
export function checkMotionScale(s: number): void {
  checkArg(Number.isFinite(s) && s >= 1, 'motionScale', 'a finite number of at least 1', s);
}

/**
 * Draws an amplitude factor `f = exp(U(−ln S, ln S))` (log-uniform in `[1/S, S]`, so a factor
 * and its inverse are equally likely) and applies {@link scaleMotion} with it.
 *
 * @param x - planar window
 * @param channels - 3 or 6
 * @param samples - samples per channel
 * @param s - range `S` (at least 1; see {@link checkMotionScale})
 * @param rng - generator (one draw)
 * @returns the factor applied
 * @internal
 */
export function randomMotionScale(x: Float32Array, channels: number, samples: number, s: number, rng: Rng): number {
  const f = Math.exp((2 * rng.next() - 1) * Math.log(s));
  scaleMotion(x, channels, samples, f);
  return f;
}

/**
 * Resamples one planar window in place as if the same motion had been `r` times faster (a
 * cadence change): `x'(t) = x(c + r·(t − c))` about the window's centre `c`, linear
 * interpolation, positions beyond an edge mirrored back into the window. Amplitudes are kept.
 *
 * @param x - planar window `[channels, samples]`
 * @param channels - channels
 * @param samples - samples per channel
 * @param r - speed factor (1: unchanged; 1.1: 10 % faster, about 1.1 × the cycles per window)
 * @param scratch - `samples` floats of working space
 * @internal
 */
export function scaleTime(x: Float32Array, channels: number, samples: number, r: number, scratch: Float32Array): void {
  const c = (samples - 1) / 2;
  const last = samples - 1;
  for (let ch = 0; ch < channels; ch++) {
    const o = ch * samples;
    for (let t = 0; t < samples; t++) {
      let p = c + r * (t - c);
      if (p < 0) p = -p;
      if (p > last) p = 2 * last - p;
      p = Math.min(last, Math.max(0, p));
      const i = Math.min(last - 1, Math.floor(p));
      const w = p - i;
      scratch[t] = (1 - w) * x[o + i]! + w * x[o + i + 1]!;
    }
    x.set(scratch.subarray(0, samples), o);
  }
}

/**
 * Checks the range `J` of the cadence jitter: a number in `[0, 0.5)`.
 *
 * @param j - the range (speed factors are drawn in `[1 − J, 1 + J]`)
 * @throws InputError `E_ARGUMENT` when `j` is outside `[0, 0.5)` or not finite
 * @internal
 */
export function checkTimeScale(j: number): void {
  checkArg(Number.isFinite(j) && j >= 0 && j < 0.5, 'timeScale', 'a number in [0, 0.5)', j);
}
