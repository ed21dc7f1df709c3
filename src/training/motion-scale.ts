import { checkArg } from '../errors.js';
import type { Rng } from '../core/random.js';

/**
 * Scales the motion of one planar window `[channels, samples]` in place by `f`, keeping its
 * posture: the accelerometer's dynamic part about the window's mean (the gravity estimate) is
 * multiplied by `f`, `a → ḡ + f·(a − ḡ)`, and the gyroscope (channels 3..5) by `f`. A still
 * window is unchanged. Models the amplitude difference between placements (a waist phone moves
 * with the trunk, a pocket phone with the thigh).
 *
 * With `u ≠ 1` the scaling is anisotropic: the dynamic part's component along the window's mean
 * direction `ĝ = ḡ/|ḡ|` is multiplied by `f·u` and the component perpendicular to it by `f/u`,
 * changing the ratio of vertical to horizontal motion (a trunk bounces, a thigh swings); the
 * gyroscope is still scaled by `f`. A window with a zero mean acceleration has no `ĝ` and is
 * scaled by `f` alone.
 *
 * @param x - planar window (acc x/y/z in g, then gyro x/y/z in rad/s when 6 channels)
 * @param channels - 3 or 6
 * @param samples - samples per channel
 * @param f - amplitude factor (1: unchanged)
 * @param u - anisotropy factor (1, the default: the same factor in every direction)
 * @internal
 */
export function scaleMotion(x: Float32Array, channels: number, samples: number, f: number, u = 1): void {
  const m = [0, 0, 0];
  for (let c = 0; c < 3; c++) {
    const o = c * samples;
    for (let t = 0; t < samples; t++) m[c]! += x[o + t]!;
    m[c]! /= samples;
  }
  const n = Math.hypot(m[0]!, m[1]!, m[2]!);
  if (u === 1 || n === 0) {
    for (let c = 0; c < channels; c++) {
      const o = c * samples;
      const mean = c < 3 ? m[c]! : 0;
      for (let t = 0; t < samples; t++) x[o + t] = mean + f * (x[o + t]! - mean);
    }
    return;
  }
  const [g0, g1, g2] = [m[0]! / n, m[1]! / n, m[2]! / n];
  const across = f / u;
  const extra = f * u - across; // along ĝ: across + extra = f·u
  for (let t = 0; t < samples; t++) {
    const d0 = x[t]! - m[0]!;
    const d1 = x[samples + t]! - m[1]!;
    const d2 = x[2 * samples + t]! - m[2]!;
    const p = extra * (d0 * g0 + d1 * g1 + d2 * g2);
    x[t] = m[0]! + across * d0 + p * g0;
    x[samples + t] = m[1]! + across * d1 + p * g1;
    x[2 * samples + t] = m[2]! + across * d2 + p * g2;
  }
  for (let i = 3 * samples; i < channels * samples; i++) x[i] = f * x[i]!;
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
 * Checks the anisotropy range `A` of the motion-amplitude augmentation: a finite number of at least 1.
 *
 * @param a - the range (anisotropy factors are drawn in `[1/A, A]`)
 * @throws InputError `E_ARGUMENT` when `a` is below 1 or not finite
 * @internal
 */
export function checkMotionAnisotropy(a: number): void {
  checkArg(Number.isFinite(a) && a >= 1, 'motionAnisotropy', 'a finite number of at least 1', a);
}

/**
 * Draws an amplitude factor `f = exp(U(−ln S, ln S))` (log-uniform in `[1/S, S]`, so a factor
 * and its inverse are equally likely) and, when `a > 1`, an anisotropy factor
 * `u = exp(U(−ln A, ln A))`, then applies {@link scaleMotion} with them. With `a = 1` nothing
 * more is drawn: the same generator state and the same window as without it.
 *
 * @param x - planar window
 * @param channels - 3 or 6
 * @param samples - samples per channel
 * @param s - range `S` (at least 1; see {@link checkMotionScale})
 * @param rng - generator (one draw, two with `a > 1`)
 * @param a - anisotropy range `A` (at least 1; see {@link checkMotionAnisotropy}); 1 (default): isotropic
 * @returns the amplitude factor applied
 * @internal
 */
export function randomMotionScale(x: Float32Array, channels: number, samples: number, s: number, rng: Rng, a = 1): number {
  const f = Math.exp((2 * rng.next() - 1) * Math.log(s));
  const u = a > 1 ? Math.exp((2 * rng.next() - 1) * Math.log(a)) : 1;
  scaleMotion(x, channels, samples, f, u);
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
