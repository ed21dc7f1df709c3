import type { Rng } from '../core/random.js';
import { rotateTriad } from '../core/rotate-triad.js';
import { randomRotation, type Mat3 } from '../core/rotation.js';
import { checkArg, InputError } from '../errors.js';

/**
 * Shape of one multichannel window. `interleaved`: frame-major, `x[t * channels + c]` (like
 * `SampleWindow`); `planar`: channel-major, `x[c * frames + t]` (like UCI HAR and model input).
 *
 * @example
 * ```ts
 * import { createRng } from 'scl-wear/dsp';
 * import { randomRotations, rotateWindows } from 'scl-wear/scl';
 * // 32 planar windows of 128 frames × 6 channels: accelerometer 0–2, gyroscope 3–5.
 * const shape = { frames: 128, channels: 6, layout: 'planar', triads: [0, 3] } as const;
 * const rotated = rotateWindows(windows, 32, shape, randomRotations(createRng(7), 32));
 * ```
 * @example
 * ```ts
 * import { calibrateOrientation, type WindowShape } from 'scl-wear';
 * // 5 s of standing at 50 Hz, accelerometer in channels 0–2, interleaved.
 * const shape: WindowShape = { frames: 250, channels: 3, layout: 'interleaved' };
 * const cal = calibrateOrientation(standing, shape, { reference: [0, 0, 1] });
 * ```
 */
export interface WindowShape {
  /** Frames (samples per channel). */
  readonly frames: number;
  /** Channels per frame. */
  readonly channels: number;
  /** Memory order of the values. */
  readonly layout: 'interleaved' | 'planar';
  /**
   * First channel of every 3-axis vector to rotate (accelerometer, gyroscope...). Default:
   * every consecutive triple `0, 3, 6...`, which needs `channels` to be a multiple of 3.
   */
  readonly triads?: readonly number[];
}

function triadsOf(shape: WindowShape): readonly number[] {
  const { frames, channels, triads } = shape;
  checkArg(Number.isInteger(frames) && frames > 0, 'shape.frames', 'a positive integer', frames);
  checkArg(Number.isInteger(channels) && channels > 0, 'shape.channels', 'a positive integer', channels);
  checkArg(shape.layout === 'interleaved' || shape.layout === 'planar', 'shape.layout', '"interleaved" or "planar"', shape.layout);
  if (triads) {
    for (const t of triads)
      checkArg(
        Number.isInteger(t) && t >= 0 && t + 3 <= channels,
        'shape.triads',
        `first channels of 3-axis groups within ${channels} channels`,
        triads,
      );
    return triads;
  }
  checkArg(channels % 3 === 0, 'shape.channels', 'a multiple of 3 when shape.triads is not given', channels);
  return Array.from({ length: channels / 3 }, (_, k) => 3 * k);
}

function rotateInto(
  x: ArrayLike<number>,
  xo: number,
  shape: WindowShape,
  triads: readonly number[],
  r: ArrayLike<number>,
  ro: number,
  out: Float32Array,
): void {
  const { frames, channels } = shape;
  const planar = shape.layout === 'planar';
  const cs = planar ? frames : 1; // stride between channels
  const ts = planar ? 1 : channels; // stride between frames
  if (out !== x) for (let k = 0, n = frames * channels; k < n; k++) out[xo + k] = x[xo + k] as number;
  for (const c of triads) rotateTriad(x, out, xo + c * cs, cs, ts, frames, r, ro);
}

/**
 * Rotates every 3-axis vector of a window (accelerometer and gyroscope alike) by `R`:
 * `v' = R v` at every frame. Other channels are copied unchanged. Works in place when
 * `out === x`; allocates nothing when `out` is given.
 *
 * @param x - the window, `frames × channels` values
 * @param shape - frames, channels, layout and which channels form 3-axis vectors
 * @param r - rotation matrix, row-major
 * @param out - destination of the same size (allocated when omitted; may be `x`)
 * @throws InputError `E_ARGUMENT` for a bad shape or a window of the wrong size
 * @example
 * ```ts
 * import { createRng, randomRotation } from 'scl-wear/dsp';
 * import { rotateWindow } from 'scl-wear/scl';
 * const rotated = rotateWindow(imuWindow, { frames: 128, channels: 6, layout: 'interleaved' }, randomRotation(createRng(1)));
 * ```
 */
export function rotateWindow(x: Float32Array, shape: WindowShape, r: Mat3, out?: Float32Array): Float32Array {
  const triads = triadsOf(shape);
  const size = shape.frames * shape.channels;
  checkArg(x.length === size, 'x', `${size} values (frames × channels)`, x);
  checkArg(r.length >= 9, 'r', 'a 3×3 matrix of 9 values', r);
  const dst = out ?? new Float32Array(size);
  checkArg(dst.length === size, 'out', `${size} values`, dst);
  rotateInto(x, 0, shape, triads, r, 0, dst);
  return dst;
}

/**
 * Rotates a batch of windows, window `w` by the matrix `rotations[9w .. 9w + 9)`: one
 * rotation per window, as the SCL positives and the rotation tests need.
 *
 * @param x - `count` windows back to back
 * @param count - number of windows
 * @param shape - shape of one window
 * @param rotations - `count × 9` matrix entries (see {@link randomRotations})
 * @param out - destination of the same size (allocated when omitted; may be `x`)
 * @throws InputError `E_ARGUMENT` for mismatched sizes
 * @example
 * ```ts
 * import { createRng } from 'scl-wear/dsp';
 * import { randomRotations, rotateWindows } from 'scl-wear/scl';
 * const shape = { frames: 128, channels: 9, layout: 'planar' } as const;
 * const rotated = rotateWindows(x, n, shape, randomRotations(createRng(1), n));
 * ```
 */
export function rotateWindows(
  x: Float32Array,
  count: number,
  shape: WindowShape,
  rotations: ArrayLike<number>,
  out?: Float32Array,
): Float32Array {
  const triads = triadsOf(shape);
  const size = shape.frames * shape.channels;
  checkArg(Number.isInteger(count) && count >= 0, 'count', 'a non-negative integer', count);
  checkArg(x.length === count * size, 'x', `count × ${size} values`, x);
  checkArg(rotations.length >= count * 9, 'rotations', `count × 9 = ${count * 9} values`, rotations);
  const dst = out ?? new Float32Array(x.length);
  checkArg(dst.length === x.length, 'out', `${x.length} values`, dst);
  for (let w = 0; w < count; w++) rotateInto(x, w * size, shape, triads, rotations, w * 9, dst);
  return dst;
}

/**
 * Draws `count` independent uniform SO(3) rotations, 9 row-major entries each.
 *
 * @param rng - seeded generator
 * @param count - number of rotations
 * @param out - destination of `count × 9` values (allocated when omitted)
 * @throws InputError `E_ARGUMENT` when `count` is not a non-negative integer or `out` is too short
 * @example
 * ```ts
 * import { createRng } from 'scl-wear/dsp';
 * import { randomRotations } from 'scl-wear/scl';
 * const rs = randomRotations(createRng(5), 64); // Float64Array(576)
 * ```
 */
export function randomRotations(rng: Rng, count: number, out?: Float64Array): Float64Array {
  checkArg(Number.isInteger(count) && count >= 0, 'count', 'a non-negative integer', count);
  const dst = out ?? new Float64Array(count * 9);
  checkArg(dst.length >= count * 9, 'out', `at least ${count * 9} values`, dst);
  for (let w = 0; w < count; w++) randomRotation(rng, dst.subarray(w * 9, w * 9 + 9));
  return dst;
}

/**
 * Cuts `length` samples of a continuous record starting `shift` samples after `start`: a real
 * window offset (new signal enters at the end), never a circular roll.
 *
 * @param record - the whole record (one lead), samples
 * @param start - first sample of the unshifted window
 * @param shift - offset in samples (may be negative)
 * @param length - window length in samples
 * @param out - destination of `length` values (allocated when omitted)
 * @throws InputError `E_ARGUMENT` when the shifted window does not lie inside the record
 * @example
 * ```ts
 * import { cutShifted } from 'scl-wear/scl';
 * const later = cutShifted(mlii, 36_000, 27, 390); // 75 ms later at 360 Hz
 * ```
 */
export function cutShifted(record: ArrayLike<number>, start: number, shift: number, length: number, out?: Float32Array): Float32Array {
  checkArg(Number.isInteger(start) && Number.isInteger(shift), 'start, shift', 'integers (samples)', { start, shift });
  checkArg(Number.isInteger(length) && length > 0, 'length', 'a positive integer (samples)', length);
  const from = start + shift;
  if (from < 0 || from + length > record.length) {
    throw new InputError('E_ARGUMENT', `window [${from}, ${from + length}) lies outside the record of ${record.length} samples`, {
      details: { argument: 'shift', start, shift, length, recordLength: record.length },
    });
  }
  const dst = out ?? new Float32Array(length);
  checkArg(dst.length >= length, 'out', `at least ${length} values`, dst);
  for (let i = 0; i < length; i++) dst[i] = record[from + i] as number;
  return dst;
}
