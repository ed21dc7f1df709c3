import { axisAngleRotation } from '../core/rotation.js';
import type { Rng } from '../core/random.js';
import { Resampler } from '../dsp/resampler.js';
import { randomMotionScale, scaleTime } from './motion-scale.js';
import { drawSwing, swingWindow } from './swing.js';

/**
 * Size of the per-device sensor error drawn by {@link deviceError} (uniform in ± the value).
 *
 * @example
 * ```ts
 * import { DEVICE_ERROR } from 'scl-wear/train';
 * const maxMisalignment = (DEVICE_ERROR.misalignment * 180) / Math.PI; // 3 degrees
 * ```
 */
export const DEVICE_ERROR = {
  /** Accelerometer scale error per axis (fraction). */
  accScale: 0.03,
  /** Accelerometer bias per axis (g). */
  accBias: 0.04,
  /** Gyroscope scale error per axis (fraction). */
  gyroScale: 0.03,
  /** Gyroscope bias per axis (rad/s). */
  gyroBias: 0.01,
  /** Axis misalignment: a rotation by at most this angle (radians) about a random axis. */
  misalignment: (3 * Math.PI) / 180,
} as const;

/**
 * Applies a random sensor error, fixed in the device frame, to one planar window
 * `[channels, samples]` in place: per-axis scale and bias of the accelerometer (and gyroscope),
 * then a small axis misalignment. Drawn once per window, i.e. as if every window came from
 * another device; apply it before any rotation of the device, so that the error stays attached
 * to the device (as on a real phone) and the gravity magnitude no longer identifies a posture.
 *
 * @param x - planar window (acc x/y/z in g, then gyro x/y/z in rad/s when 6 channels)
 * @param channels - 3 or 6
 * @param samples - samples per channel
 * @param rng - generator
 * @example
 * ```ts
 * import { createRng } from 'scl-wear/dsp';
 * import { deviceError } from 'scl-wear/train';
 * deviceError(imuWindow, 6, 128, createRng(1)); // in place: scale, bias and misalignment of one device
 * ```
 */
export function deviceError(x: Float32Array, channels: number, samples: number, rng: Rng): void {
  const m = axisAngleRotation([rng.normal(), rng.normal(), rng.normal()], (2 * rng.next() - 1) * DEVICE_ERROR.misalignment);
  for (let triad = 0; triad * 3 < channels; triad++) {
    const scale = triad === 0 ? DEVICE_ERROR.accScale : DEVICE_ERROR.gyroScale;
    const bias = triad === 0 ? DEVICE_ERROR.accBias : DEVICE_ERROR.gyroBias;
    const s = [0, 1, 2].map(() => 1 + (2 * rng.next() - 1) * scale);
    const b = [0, 1, 2].map(() => (2 * rng.next() - 1) * bias);
    const o = triad * 3 * samples;
    for (let t = 0; t < samples; t++) {
      const v0 = x[o + t]! * s[0]! + b[0]!;
      const v1 = x[o + samples + t]! * s[1]! + b[1]!;
      const v2 = x[o + 2 * samples + t]! * s[2]! + b[2]!;
      x[o + t] = m[0]! * v0 + m[1]! * v1 + m[2]! * v2;
      x[o + samples + t] = m[3]! * v0 + m[4]! * v1 + m[5]! * v2;
      x[o + 2 * samples + t] = m[6]! * v0 + m[7]! * v1 + m[8]! * v2;
    }
  }
}

const TAPS = 7; // half length of the low-pass

/**
 * Band-limits one planar window in place as a device sampling at `deviceRate` would (its
 * anti-aliasing low-pass at `deviceRate / 2`, then resampled up to the model rate): a
 * Hamming-windowed sinc FIR, edges extended. No change when `deviceRate >= rate`.
 *
 * @param x - planar window `[channels, samples]`
 * @param channels - channels
 * @param samples - samples per channel
 * @param rate - the window's sample rate (Hz)
 * @param deviceRate - the simulated device rate (Hz), e.g. 20
 * @example
 * ```ts
 * import { bandLimit } from 'scl-wear/train';
 * bandLimit(imuWindow, 3, 128, 50, 20); // in place: as if a 20 Hz device had recorded it
 * ```
 */
export function bandLimit(x: Float32Array, channels: number, samples: number, rate: number, deviceRate: number): void {
  if (deviceRate >= rate) return;
  const fc = deviceRate / 2 / rate; // cycles per sample
  const h = new Float64Array(2 * TAPS + 1);
  let sum = 0;
  for (let k = -TAPS; k <= TAPS; k++) {
    const sinc = k === 0 ? 2 * fc : Math.sin(2 * Math.PI * fc * k) / (Math.PI * k);
    h[k + TAPS] = sinc * (0.54 + 0.46 * Math.cos((Math.PI * k) / TAPS));
    sum += h[k + TAPS]!;
  }
  const tmp = new Float32Array(samples);
  for (let c = 0; c < channels; c++) {
    const o = c * samples;
    for (let t = 0; t < samples; t++) {
      let acc = 0;
      for (let k = -TAPS; k <= TAPS; k++) acc += h[k + TAPS]! * x[o + Math.min(samples - 1, Math.max(0, t + k))]!;
      tmp[t] = acc / sum;
    }
    x.set(tmp, o);
  }
}

/**
 * Options of the realism augmentation of the IMU training views.
 *
 * @example
 * ```ts
 * import { imuTask, loadImuWindows, referenceUp } from 'scl-wear/train';
 * const train = await loadImuWindows('../shared/data', 'train', 'imu');
 * const task = imuTask(train, referenceUp(train), 'class', { realism: { deviceError: true, lowRate: 0.25 } });
 * ```
 */
export interface RealismOptions {
  /** Apply {@link deviceError} to every window. */
  readonly deviceError: boolean;
  /** Fraction of windows band-limited as from a slower device (rate uniform in 20..50 Hz). */
  readonly lowRate: number;
  /**
   * Motion-amplitude range `S` (at least 1): every window's body acceleration and rotation rate
   * scaled by a log-uniform factor in `[1/S, S]` (see `randomMotionScale`); absent or 1: off.
   */
  readonly motionScale?: number;
  /**
   * Motion-shape range `A` (at least 1), with `motionScale`: every window's body acceleration
   * along its mean direction (the gravity estimate) scaled by a further log-uniform factor `u` in
   * `[1/A, A]` and across it by `1/u` (see `randomMotionScale`); absent or 1: off.
   */
  readonly motionAnisotropy?: number;
  /**
   * Cadence jitter `J` (in `[0, 0.5)`): every window resampled about its centre as if the motion
   * were `U(1 − J, 1 + J)` times faster (see `scaleTime`); absent or 0: off.
   */
  readonly timeScale?: number;
  /**
   * Pocket swing bound, degrees (in `[0, 90]`): half of the moving windows turned back and forth
   * about a horizontal axis by up to this angle at a stride rate (see `drawSwing`,
   * `swingWindow`); absent or 0: off.
   */
  readonly swing?: number;
}

/**
 * Applies the realism augmentation to one planar window in place: the motion-amplitude factor
 * (and its anisotropy), the cadence jitter and the pocket swing (when set; whether a window moves
 * enough to swing is decided on the window as given), then the sensor error, then the low-rate
 * band-limiting.
 *
 * @param x - window
 * @param channels - 3 or 6
 * @param samples - samples per channel
 * @param rate - its sample rate
 * @param rng - generator
 * @param o - which parts
 * @example
 * ```ts
 * import { createRng } from 'scl-wear/dsp';
 * import { applyRealism } from 'scl-wear/train';
 * // imuWindow: planar [6, 128] at 50 Hz; a sensor error always, a 20–50 Hz device for 30 % of windows
 * applyRealism(imuWindow, 6, 128, 50, createRng(3), { deviceError: true, lowRate: 0.3 });
 * ```
 */
export function applyRealism(x: Float32Array, channels: number, samples: number, rate: number, rng: Rng, o: RealismOptions): void {
  const swing = o.swing ? drawSwing(x, samples, o.swing, rng) : undefined;
  const a = o.motionAnisotropy ?? 1;
  if ((o.motionScale !== undefined && o.motionScale !== 1) || a !== 1) randomMotionScale(x, channels, samples, o.motionScale ?? 1, rng, a);
  if (o.timeScale) scaleTime(x, channels, samples, 1 + (2 * rng.next() - 1) * o.timeScale, new Float32Array(samples));
  if (swing) swingWindow(x, channels, samples, rate, swing);
  if (o.deviceError) deviceError(x, channels, samples, rng);
  if (rng.next() < o.lowRate) bandLimit(x, channels, samples, rate, 20 + 30 * rng.next());
}

/**
 * Planar windows through a device at `rate` Hz: resampled 50 → rate → 50 Hz with the SDK's
 * resampler, each window on its own.
 *
 * @param x - planar windows `[count][C][S]` at 50 Hz
 * @param count - windows
 * @param C - channels
 * @param S - samples per channel
 * @param rate - the device's rate, Hz
 * @returns new windows, laid out as `x`
 * @internal
 */
export function throughRate(x: Float32Array, count: number, C: number, S: number, rate: number): Float32Array {
  const out = new Float32Array(x.length);
  const inter = new Float32Array(S * C);
  for (let w = 0; w < count; w++) {
    for (let t = 0; t < S; t++) for (let c = 0; c < C; c++) inter[t * C + c] = x[(w * C + c) * S + t]!;
    const down = new Resampler(50, rate, C);
    const low = new Float32Array((down.outputFrames(S) + down.flushFrames() + S) * C);
    let n = down.process(inter, S, low);
    n += down.flush(low.subarray(n * C));
    const up = new Resampler(rate, 50, C);
    const back = new Float32Array((up.outputFrames(n) + n * 4 + S) * C);
    let m = up.process(low.subarray(0, n * C), n, back);
    m += up.flush(back.subarray(m * C));
    for (let t = 0; t < S; t++) for (let c = 0; c < C; c++) out[(w * C + c) * S + t] = back[Math.min(t, m - 1) * C + c]!;
  }
  return out;
}
