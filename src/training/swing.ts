import { checkArg } from '../errors.js';
import { axisAngleRotation } from '../core/rotation.js';
import type { Rng } from '../core/random.js';

/**
 * Smallest dynamic acceleration (g, RMS of the accelerometer about the window's mean, the three
 * axes together) of a window that {@link drawSwing} treats as moving. On the training subjects
 * of UCI HAR and MotionSense, in every walking class at most 1 % of the windows lie below 0.21 g,
 * and in every still class at least 95 % lie below 0.1 g.
 *
 * @internal
 */
export const SWING_MIN_MOTION = 0.1;

/** Share of the moving windows that {@link drawSwing} swings. */
const SWING_SHARE = 0.5;

/**
 * One swing: the device turns about `axis` (unit, device frame) by `θ(t) = amplitude·sin(2π·frequency·t + phase)`.
 *
 * @internal
 */
export interface SwingDraw {
  /** Unit rotation axis in the device frame, perpendicular to the window's mean acceleration. */
  readonly axis: readonly [number, number, number];
  /** Peak angle, radians. */
  readonly amplitude: number;
  /** Swing rate, Hz. */
  readonly frequency: number;
  /** Phase at the window's first sample, radians. */
  readonly phase: number;
}

/** Sums over samples of the three accelerometer channels of a planar window. */
function accelerationSums(x: Float32Array, samples: number): [number, number, number] {
  const sums: [number, number, number] = [0, 0, 0];
  for (let c = 0; c < 3; c++) {
    let sum = 0;
    for (let t = 0; t < samples; t++) sum += x[c * samples + t]!;
    sums[c] = sum;
  }
  return sums;
}

/**
 * Dynamic acceleration of one planar window: the RMS over samples of `|a(t) − ā|`, with `ā` the
 * window's mean acceleration (the three accelerometer channels first, in g).
 *
 * @param x - planar window `[channels, samples]`
 * @param samples - samples per channel
 * @param sums - the accelerometer channels' sums over samples, when already known
 * @returns the RMS, g
 * @internal
 */
export function dynamicAcceleration(x: Float32Array, samples: number, sums = accelerationSums(x, samples)): number {
  let sum = 0;
  for (let c = 0; c < 3; c++) {
    const o = c * samples;
    const mean = sums[c]! / samples;
    for (let t = 0; t < samples; t++) sum += (x[o + t]! - mean) ** 2;
  }
  return Math.sqrt(sum / samples);
}

/**
 * Checks the swing amplitude bound: a finite number of degrees in `[0, 90]` (0: off).
 *
 * @param deg - the largest peak angle, degrees
 * @throws InputError `E_ARGUMENT` when `deg` is outside `[0, 90]` or not finite
 * @internal
 */
export function checkSwing(deg: number): void {
  checkArg(Number.isFinite(deg) && deg >= 0 && deg <= 90, 'swing', 'a number of degrees in [0, 90]', deg);
}

/**
 * Draws a swing for one planar window, or none: a window whose {@link dynamicAcceleration} is
 * below {@link SWING_MIN_MOTION} is still and draws nothing; a moving one is swung with
 * probability 0.5, about a uniformly random axis perpendicular to its mean acceleration (the
 * gravity estimate), with amplitude `U(0, maxDeg)` degrees, rate `U(0.7, 1.2)` Hz (a stride) and
 * phase `U(0, 2π)`.
 *
 * @param x - planar window (acc x/y/z in g first)
 * @param samples - samples per channel
 * @param maxDeg - amplitude bound, degrees (see {@link checkSwing})
 * @param rng - generator (no draw for a still window; one, or five when swung, for a moving one)
 * @returns the swing, or undefined
 * @internal
 */
export function drawSwing(x: Float32Array, samples: number, maxDeg: number, rng: Rng): SwingDraw | undefined {
  const g = accelerationSums(x, samples);
  if (dynamicAcceleration(x, samples, g) < SWING_MIN_MOTION || rng.next() >= SWING_SHARE) return undefined;
  const n = Math.hypot(g[0], g[1], g[2]);
  const [gx, gy, gz] = n > 0 ? g.map((v) => v / n) : [0, 0, 1];
  // e1 = ĝ × (the basis axis least aligned with ĝ), normalised; e2 = ĝ × e1
  const k = [Math.abs(gx!), Math.abs(gy!), Math.abs(gz!)].reduce((best, v, i, a) => (v < a[best]! ? i : best), 0);
  const e1 = k === 0 ? [0, gz!, -gy!] : k === 1 ? [-gz!, 0, gx!] : [gy!, -gx!, 0];
  const m = Math.hypot(e1[0]!, e1[1]!, e1[2]!);
  const [ax, ay, az] = e1.map((v) => v / m) as [number, number, number];
  const e2 = [gy! * az - gz! * ay, gz! * ax - gx! * az, gx! * ay - gy! * ax];
  const psi = 2 * Math.PI * rng.next();
  const axis = [0, 1, 2].map((i) => Math.cos(psi) * [ax, ay, az][i]! + Math.sin(psi) * e2[i]!) as [number, number, number];
  const amplitude = (rng.next() * maxDeg * Math.PI) / 180;
  const frequency = 0.7 + 0.5 * rng.next();
  return { axis, amplitude, frequency, phase: 2 * Math.PI * rng.next() };
}

const turn = new Float64Array(9);

/**
 * Turns one planar window in place as if the device had swung by `θ(t) = A·sin(2πft + φ)` about
 * `axis` (device frame) relative to where it was: accelerometer `a(t) → R(u, θ(t))ᵀ a(t)`,
 * gyroscope `ω(t) → R(u, θ(t))ᵀ ω(t) + θ'(t)·u` (rad/s). Lever-arm accelerations of the swing are
 * not modelled. Allocates nothing.
 *
 * @param x - planar window (acc x/y/z in g, then gyro x/y/z in rad/s when 6 channels)
 * @param channels - 3 or 6
 * @param samples - samples per channel
 * @param rate - sample rate, Hz
 * @param s - the swing (see {@link drawSwing})
 * @internal
 */
export function swingWindow(x: Float32Array, channels: number, samples: number, rate: number, s: SwingDraw): void {
  const [ux, uy, uz] = s.axis;
  const w = 2 * Math.PI * s.frequency;
  for (let t = 0; t < samples; t++) {
    const arg = (w * t) / rate + s.phase;
    axisAngleRotation(s.axis, -s.amplitude * Math.sin(arg), turn); // R(u, θ)ᵀ = R(u, −θ)
    const rateOfTurn = s.amplitude * w * Math.cos(arg);
    for (let triad = 0; triad * 3 < channels; triad++) {
      const o = triad * 3 * samples + t;
      const v0 = x[o]!;
      const v1 = x[o + samples]!;
      const v2 = x[o + 2 * samples]!;
      const add = triad === 0 ? 0 : rateOfTurn;
      x[o] = turn[0]! * v0 + turn[1]! * v1 + turn[2]! * v2 + add * ux;
      x[o + samples] = turn[3]! * v0 + turn[4]! * v1 + turn[5]! * v2 + add * uy;
      x[o + 2 * samples] = turn[6]! * v0 + turn[7]! * v1 + turn[8]! * v2 + add * uz;
    }
  }
}
