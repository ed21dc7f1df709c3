import { checkArg, InputError } from '../errors.js';
import { rotationAngle, rotationBetween } from '../core/rotation.js';
import type { WindowShape } from './transforms.js';

/**
 * Options of {@link calibrateOrientation}.
 *
 * @example
 * ```ts
 * import { calibrateOrientation } from 'scl-wear';
 * // 5 s of standing at 50 Hz, 6 channels with the accelerometer in channels 3–5.
 * const cal = calibrateOrientation(standing, { frames: 250, channels: 6, layout: 'interleaved' }, {
 *   reference: [0, 0, 1], // "up" in the training frame
 *   accChannel: 3,
 *   maxMotion: 0.05,
 * });
 * ```
 */
export interface CalibrationOptions {
  /** First channel of the total-acceleration triad (gravity included). Default 0. */
  readonly accChannel?: number;
  /**
   * Direction of gravity's reaction ("up" as an accelerometer at rest reads it) in the model's
   * training frame for the reference posture, e.g. the mean total acceleration of the
   * training set's STANDING windows (stored with the model).
   */
  readonly reference: ArrayLike<number>;
  /** Largest relative spread (std / mean) of ‖a‖ accepted as "still". Default 0.1. */
  readonly maxMotion?: number;
}

/**
 * Result of {@link calibrateOrientation}.
 *
 * @example
 * ```ts
 * import { calibrateOrientation } from 'scl-wear';
 * import { rotateWindow } from 'scl-wear/scl';
 * const cal = calibrateOrientation(standing, { frames: 250, channels: 3, layout: 'interleaved' }, { reference: [0, 0, 1] });
 * console.log(`tilt ${((cal.tilt * 180) / Math.PI).toFixed(1)}°, motion ${cal.motion.toFixed(3)}`);
 * const aligned = rotateWindow(imuWindow, { frames: 128, channels: 3, layout: 'interleaved' }, cal.rotation);
 * ```
 */
export interface OrientationCalibration {
  /** Rotation from the device frame to the training frame (apply with `rotateWindow`). */
  readonly rotation: Float64Array;
  /** Mean acceleration measured in the device frame (input units). */
  readonly gravity: Float64Array;
  /** Angle between the measured gravity and the reference, in radians (the tilt corrected). */
  readonly tilt: number;
  /** Relative spread of ‖a‖ over the calibration samples (std / mean). */
  readonly motion: number;
}

/**
 * Estimates the device-to-body rotation from a few seconds of a known still posture (standing):
 * the smallest rotation that turns the measured mean acceleration onto the training frame's
 * reference direction.
 *
 * Only the tilt is observable this way: any rotation about the vertical (yaw) leaves gravity
 * unchanged, so the returned rotation is exact up to an unknown yaw about `reference`. Models
 * meant for calibrated input are therefore trained with random rotations about the vertical
 * only; sitting, standing and laying stay apart because they differ by tilt relative to the
 * vertical, which yaw does not change.
 *
 * @param x - calibration samples (one or more windows of the still posture back to back,
 *   shaped by `shape`, `frames` counting all of them)
 * @param shape - frames, channels and layout of `x`
 * @param options - reference direction, accelerometer channel, stillness threshold
 * @throws InputError `E_ARGUMENT` for bad shapes or reference, and when the device moved
 *   (spread of ‖a‖ above `maxMotion`) or reads no gravity
 * @example
 * ```ts
 * import { calibrateOrientation } from 'scl-wear';
 * import { rotateWindow } from 'scl-wear/scl';
 * const cal = calibrateOrientation(standing, { frames: 250, channels: 3, layout: 'interleaved' }, { reference: model.up });
 * const aligned = rotateWindow(imuWindow, shape, cal.rotation);
 * ```
 */
export function calibrateOrientation(x: Float32Array, shape: WindowShape, options: CalibrationOptions): OrientationCalibration {
  const { frames, channels, layout } = shape;
  const c0 = options.accChannel ?? 0;
  const maxMotion = options.maxMotion ?? 0.1;
  checkArg(Number.isInteger(frames) && frames > 1, 'shape.frames', 'an integer ≥ 2', frames);
  checkArg(Number.isInteger(channels) && channels >= 3, 'shape.channels', 'an integer ≥ 3', channels);
  checkArg(x.length === frames * channels, 'x', `frames × channels = ${frames * channels} values`, x);
  checkArg(Number.isInteger(c0) && c0 >= 0 && c0 + 3 <= channels, 'options.accChannel', `the first of 3 channels within ${channels}`, c0);
  checkArg(maxMotion > 0, 'options.maxMotion', 'a positive number', maxMotion);
  const cs = layout === 'planar' ? frames : 1;
  const ts = layout === 'planar' ? 1 : channels;
  const g = new Float64Array(3);
  let sumNorm = 0;
  let sumNorm2 = 0;
  for (let t = 0; t < frames; t++) {
    const i = c0 * cs + t * ts;
    const a = x[i] as number,
      b = x[i + cs] as number,
      c = x[i + 2 * cs] as number;
    g[0]! += a / frames;
    g[1]! += b / frames;
    g[2]! += c / frames;
    const n = Math.hypot(a, b, c);
    sumNorm += n;
    sumNorm2 += n * n;
  }
  const meanNorm = sumNorm / frames;
  const motion = Math.sqrt(Math.max(0, sumNorm2 / frames - meanNorm * meanNorm)) / meanNorm;
  if (!(meanNorm > 0) || !Number.isFinite(motion) || Math.hypot(g[0]!, g[1]!, g[2]!) < 0.5 * meanNorm) {
    throw new InputError('E_ARGUMENT', 'calibration samples read no steady gravity: record a still posture', {
      details: { argument: 'x', reason: 'no-gravity' },
    });
  }
  if (motion > maxMotion) {
    throw new InputError(
      'E_ARGUMENT',
      `the device moved during calibration (spread ${motion.toFixed(3)} > ${maxMotion}): hold the posture still`,
      {
        details: { argument: 'x', reason: 'moving', motion },
      },
    );
  }
  const rotation = rotationBetween(g, options.reference);
  return { rotation, gravity: g, tilt: rotationAngle(rotation), motion };
}
