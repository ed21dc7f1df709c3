import * as tf from '@tensorflow/tfjs';

/** Small constant inside square roots of the physics features (keeps gradients finite). */
export const FEATURE_EPS = 1e-6;

/**
 * Rotation-invariant IMU channels of `[batch, 3|6, time]` input against the window's gravity
 * estimate ĝ (mean acceleration, normalised): body acceleration b = a − mean(a) split into
 * vertical v = b·ĝ and horizontal h = √(|b|² − v²); with a gyroscope the same for ω.
 * Returns `[batch, 2|4, time]`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { physicsFeatures } from 'scl-wear/train';
 * const x = tf.randomNormal<tf.Rank.R3>([8, 6, 128]); // acc (g) then gyro (rad/s)
 * console.log(physicsFeatures(x).shape); // [8, 4, 128]
 * ```
 */
export function physicsFeatures(x: tf.Tensor3D): tf.Tensor3D {
  const hasGyro = x.shape[1] >= 6;
  const { acc, g, gHat } = gravity(x);
  const split = (v: tf.Tensor): tf.Tensor[] => {
    const vert = v.mul(gHat).sum(1, true);
    const horiz = v.square().sum(1, true).sub(vert.square()).relu().add(FEATURE_EPS).sqrt();
    return [vert, horiz];
  };
  const parts = split(acc.sub(g));
  if (hasGyro) parts.push(...split(x.slice([0, 3, 0], [-1, 3, -1])));
  return tf.concat(parts, 1) as tf.Tensor3D;
}

/** The accelerometer channels of `[batch, 3|6, time]` input, their window mean g and its direction ĝ. */
function gravity(x: tf.Tensor3D): { acc: tf.Tensor3D; g: tf.Tensor; gHat: tf.Tensor } {
  const acc = x.slice([0, 0, 0], [-1, 3, -1]);
  const g = acc.mean(2, true);
  return { acc, g, gHat: g.div(g.square().sum(1, true).add(FEATURE_EPS).sqrt()) };
}

/** Squarings of the horizontal covariance before it picks the window's main horizontal axis (power 2⁵ = 32). */
export const FRAME_SQUARINGS = 5;

/** Vectors `[batch, 3, time]` × directions `[batch, 3, 1]` → `[batch, 1, time]`. */
const along = (v: tf.Tensor, dir: tf.Tensor) => v.mul(dir).sum(1, true);

/** Cross product of `[batch, 3, n]` vectors. */
function cross(a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const [next, after] = [tf.tensor1d([1, 2, 0], 'int32'), tf.tensor1d([2, 0, 1], 'int32')];
  return a
    .gather(next, 1)
    .mul(b.gather(after, 1))
    .sub(a.gather(after, 1).mul(b.gather(next, 1)));
}

/**
 * The window's own horizontal axis e₁ (`[batch, 3, 1]`), a direction that turns with the device:
 * the main axis of the horizontal body acceleration h (covariance hhᵀ raised to the power 32),
 * applied to Σ v·h (v: vertical body acceleration), whose sign it keeps. It shrinks towards 0 when
 * the window barely moves.
 */
function horizontalAxis(h: tf.Tensor, v: tf.Tensor): tf.Tensor {
  const eye = tf.eye(3).expandDims(0);
  let m = tf.matMul(h, h, false, true);
  for (let i = 0; i < FRAME_SQUARINGS; i++) {
    m = m.div(m.mul(eye).sum([1, 2], true).add(FEATURE_EPS));
    m = tf.matMul(m, m);
  }
  const u = tf.matMul(m, h.mul(v).sum(2, true));
  return u.div(u.square().sum(1, true).add(FEATURE_EPS).sqrt());
}

/**
 * The channels of the invariant stack (`NetworkSpec.invariantConv`), none of which a rotation of
 * the device can change:
 * - {@link physicsFeatures} (vertical and horizontal body acceleration, and rotation rate);
 * - with a gyroscope, the couplings of body acceleration b and rotation rate ω: b·ω and (b × ω)·ĝ;
 * - with `frame`, b along the window's own horizontal frame (e₁, e₂ = ĝ × e₁; e₁ the main
 *   horizontal axis of the body acceleration, signed by its correlation with the vertical), and with
 *   a gyroscope ω too.
 * Returns `[batch, 2|6, time]` for `[batch, 3|6, time]` input (acc in g, gyro in rad/s), with
 * `frame` `[batch, 4|10, time]`.
 *
 * @param x - windows `[batch, 3|6, time]`
 * @param frame - add the channels in the window's horizontal frame
 * @param physics - `physicsFeatures(x)` when already computed (the forward pass shares it)
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { invariantFeatures } from 'scl-wear/train';
 * const x = tf.randomNormal<tf.Rank.R3>([8, 6, 128]); // acc (g) then gyro (rad/s)
 * console.log(invariantFeatures(x).shape, invariantFeatures(x, true).shape); // [8, 6, 128] [8, 10, 128]
 * ```
 */
export function invariantFeatures(x: tf.Tensor3D, frame = false, physics?: tf.Tensor3D): tf.Tensor3D {
  const gyro = x.shape[1] >= 6;
  const { acc, g, gHat } = gravity(x);
  const b = acc.sub(g);
  const parts: tf.Tensor[] = [physics ?? physicsFeatures(x)];
  const w = gyro ? x.slice([0, 3, 0], [-1, 3, -1]) : undefined;
  if (w) parts.push(b.mul(w).sum(1, true), along(cross(b, w), gHat));
  if (frame) {
    const v = along(b, gHat);
    const e1 = horizontalAxis(b.sub(v.mul(gHat)), v);
    const e2 = cross(gHat, e1);
    parts.push(along(b, e1), along(b, e2));
    if (w) parts.push(along(w, e1), along(w, e2));
  }
  return tf.concat(parts, 1) as tf.Tensor3D;
}
