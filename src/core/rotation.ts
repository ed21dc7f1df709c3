import { checkArg } from '../errors.js';
import type { Rng } from './random.js';

/**
 * A 3×3 rotation matrix, row-major: `v' = R v` means `v'[i] = Σ_j R[3i + j] v[j]`.
 * Any array-like of 9 numbers is accepted as input; outputs are `Float64Array(9)`.
 *
 * @example
 * ```ts
 * import { axisAngleRotation, rotationAngle, type Mat3 } from 'scl-wear/dsp';
 * const R: Mat3 = axisAngleRotation([0, 0, 1], Math.PI / 2); // 90° about z
 * const v = [1, 0, 0];
 * // v' = R v, row-major: v'[i] = Σ_j R[3i + j] v[j]
 * const rotated = [0, 1, 2].map((i) => R[3 * i]! * v[0]! + R[3 * i + 1]! * v[1]! + R[3 * i + 2]! * v[2]!); // ≈ [0, 1, 0]
 * rotationAngle(R); // π/2
 * ```
 */
export type Mat3 = ArrayLike<number>;

const mat = (out?: Float64Array) => {
  checkArg(!out || out.length >= 9, 'out', 'an array of at least 9 values', out);
  return out ?? new Float64Array(9);
};

/**
 * Rotation matrix of a unit quaternion `w + xi + yj + zk` (normalised here, so any non-zero
 * quaternion is accepted).
 *
 * @param q - `[w, x, y, z]`
 * @param out - destination of 9 values (allocated when omitted)
 * @throws InputError `E_ARGUMENT` for a zero quaternion
 * @example
 * ```ts
 * import { quaternionToMatrix } from 'scl-wear/dsp';
 * const R = quaternionToMatrix([Math.cos(0.5), 0, 0, Math.sin(0.5)]); // 1 rad about z
 * ```
 */
export function quaternionToMatrix(q: ArrayLike<number>, out?: Float64Array): Float64Array {
  const [w0, x0, y0, z0] = [q[0] ?? 0, q[1] ?? 0, q[2] ?? 0, q[3] ?? 0];
  const n = Math.hypot(w0, x0, y0, z0);
  checkArg(n > 0 && Number.isFinite(n), 'q', 'a finite non-zero quaternion [w, x, y, z]', q);
  const w = w0 / n,
    x = x0 / n,
    y = y0 / n,
    z = z0 / n;
  const r = mat(out);
  r[0] = 1 - 2 * (y * y + z * z);
  r[1] = 2 * (x * y - w * z);
  r[2] = 2 * (x * z + w * y);
  r[3] = 2 * (x * y + w * z);
  r[4] = 1 - 2 * (x * x + z * z);
  r[5] = 2 * (y * z - w * x);
  r[6] = 2 * (x * z - w * y);
  r[7] = 2 * (y * z + w * x);
  r[8] = 1 - 2 * (x * x + y * y);
  return r;
}

/**
 * Draws a unit quaternion uniformly from the 3-sphere (Shoemake's method, three uniforms),
 * which makes its rotation uniform (Haar-distributed) on SO(3).
 *
 * @param rng - seeded generator
 * @param out - destination `[w, x, y, z]` (allocated when omitted)
 * @example
 * ```ts
 * import { createRng, randomQuaternion } from 'scl-wear/dsp';
 * const q = randomQuaternion(createRng(1));
 * ```
 */
export function randomQuaternion(rng: Rng, out?: Float64Array): Float64Array {
  const q = out ?? new Float64Array(4);
  const u1 = rng.next();
  const a = 2 * Math.PI * rng.next();
  const b = 2 * Math.PI * rng.next();
  const s1 = Math.sqrt(1 - u1);
  const s2 = Math.sqrt(u1);
  q[0] = s2 * Math.cos(b);
  q[1] = s1 * Math.sin(a);
  q[2] = s1 * Math.cos(a);
  q[3] = s2 * Math.sin(b);
  return q;
}

const scratchQ = new Float64Array(4);

/**
 * Draws a rotation uniformly from SO(3) (from a uniform unit quaternion).
 *
 * @param rng - seeded generator
 * @param out - destination of 9 values (allocated when omitted)
 * @example
 * ```ts
 * import { createRng, randomRotation } from 'scl-wear/dsp';
 * const R = randomRotation(createRng(1)); // Float64Array(9), row-major
 * ```
 */
export function randomRotation(rng: Rng, out?: Float64Array): Float64Array {
  return quaternionToMatrix(randomQuaternion(rng, scratchQ), out);
}

/**
 * Rotation by `angle` radians about `axis` (right-handed; Rodrigues' formula).
 *
 * @param axis - rotation axis (normalised here)
 * @param angle - radians
 * @param out - destination of 9 values (allocated when omitted)
 * @throws InputError `E_ARGUMENT` for a zero axis or a non-finite angle
 * @example
 * ```ts
 * import { axisAngleRotation } from 'scl-wear/dsp';
 * const yaw = axisAngleRotation([0, 0, 1], Math.PI / 2);
 * ```
 */
export function axisAngleRotation(axis: ArrayLike<number>, angle: number, out?: Float64Array): Float64Array {
  const n = Math.hypot(axis[0] ?? 0, axis[1] ?? 0, axis[2] ?? 0);
  checkArg(n > 0 && Number.isFinite(n), 'axis', 'a finite non-zero 3-vector', axis);
  checkArg(Number.isFinite(angle), 'angle', 'a finite number of radians', angle);
  const half = angle / 2;
  const s = Math.sin(half) / n;
  scratchQ[0] = Math.cos(half);
  scratchQ[1] = (axis[0] as number) * s;
  scratchQ[2] = (axis[1] as number) * s;
  scratchQ[3] = (axis[2] as number) * s;
  return quaternionToMatrix(scratchQ, out);
}

/**
 * Draws a rotation about a fixed axis with a uniform angle in [0, 2π): the augmentation of
 * a calibrated model, whose remaining uncertainty is the yaw about gravity.
 *
 * @param axis - rotation axis (e.g. the training frame's "up")
 * @param rng - seeded generator
 * @param out - destination of 9 values (allocated when omitted)
 * @example
 * ```ts
 * import { createRng, randomRotationAbout } from 'scl-wear/dsp';
 * const R = randomRotationAbout([1, 0, 0], createRng(3));
 * ```
 */
export function randomRotationAbout(axis: ArrayLike<number>, rng: Rng, out?: Float64Array): Float64Array {
  return axisAngleRotation(axis, 2 * Math.PI * rng.next(), out);
}

/**
 * Angle of a rotation matrix in radians, in [0, π]: `acos((trace − 1) / 2)`.
 *
 * @param r - rotation matrix (row-major)
 * @example
 * ```ts
 * import { axisAngleRotation, rotationAngle } from 'scl-wear/dsp';
 * rotationAngle(axisAngleRotation([0, 1, 0], 2)); // 2
 * ```
 */
export function rotationAngle(r: Mat3): number {
  const c = ((r[0] as number) + (r[4] as number) + (r[8] as number) - 1) / 2;
  return Math.acos(Math.min(1, Math.max(-1, c)));
}

/**
 * The smallest rotation taking the direction of `from` onto the direction of `to` (about
 * their common normal). Opposite vectors get a half turn about an axis normal to both.
 *
 * @param from - source vector (any length)
 * @param to - target vector (any length)
 * @param out - destination of 9 values (allocated when omitted)
 * @throws InputError `E_ARGUMENT` for a zero or non-finite vector
 * @example
 * ```ts
 * import { rotationBetween } from 'scl-wear/dsp';
 * const R = rotationBetween([0, 0, 1], [1, 0, 0]); // R · [0,0,1] = [1,0,0]
 * ```
 */
export function rotationBetween(from: ArrayLike<number>, to: ArrayLike<number>, out?: Float64Array): Float64Array {
  const na = Math.hypot(from[0] ?? 0, from[1] ?? 0, from[2] ?? 0);
  const nb = Math.hypot(to[0] ?? 0, to[1] ?? 0, to[2] ?? 0);
  checkArg(na > 0 && Number.isFinite(na), 'from', 'a finite non-zero 3-vector', from);
  checkArg(nb > 0 && Number.isFinite(nb), 'to', 'a finite non-zero 3-vector', to);
  const ax = (from[0] as number) / na,
    ay = (from[1] as number) / na,
    az = (from[2] as number) / na;
  const bx = (to[0] as number) / nb,
    by = (to[1] as number) / nb,
    bz = (to[2] as number) / nb;
  const dot = ax * bx + ay * by + az * bz;
  if (dot < -1 + 1e-12) {
    // Half turn about any axis normal to `from`: pick the coordinate axis least aligned.
    const [px, py, pz] = Math.abs(ax) < 0.9 ? [0, az, -ay] : [-az, 0, ax];
    return axisAngleRotation([px, py, pz], Math.PI, out);
  }
  // Quaternion (1 + a·b, a × b), normalised by quaternionToMatrix.
  scratchQ[0] = 1 + dot;
  scratchQ[1] = ay * bz - az * by;
  scratchQ[2] = az * bx - ax * bz;
  scratchQ[3] = ax * by - ay * bx;
  return quaternionToMatrix(scratchQ, out);
}

/**
 * Product `a · b` of two rotations (apply `b` first, then `a`).
 *
 * @param a - left factor
 * @param b - right factor
 * @param out - destination of 9 values, may not alias `a` or `b` (allocated when omitted)
 * @example
 * ```ts
 * import { axisAngleRotation, composeRotations } from 'scl-wear/dsp';
 * const r = composeRotations(axisAngleRotation([0, 0, 1], 1), axisAngleRotation([1, 0, 0], 1));
 * ```
 */
export function composeRotations(a: Mat3, b: Mat3, out?: Float64Array): Float64Array {
  const r = mat(out);
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      r[3 * i + j] =
        (a[3 * i] as number) * (b[j] as number) +
        (a[3 * i + 1] as number) * (b[3 + j] as number) +
        (a[3 * i + 2] as number) * (b[6 + j] as number);
    }
  }
  return r;
}

/**
 * Inverse of a rotation (its transpose).
 *
 * @param r - rotation matrix
 * @param out - destination of 9 values, may not alias `r` (allocated when omitted)
 * @example
 * ```ts
 * import { axisAngleRotation, invertRotation } from 'scl-wear/dsp';
 * const back = invertRotation(axisAngleRotation([0, 0, 1], 1));
 * ```
 */
export function invertRotation(r: Mat3, out?: Float64Array): Float64Array {
  const t = mat(out);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) t[3 * j + i] = r[3 * i + j] as number;
  return t;
}
