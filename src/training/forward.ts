import * as tf from '@tensorflow/tfjs';
import { featureChannels, groupCount, invariantChannels, type ConvLayer, type NetworkParams, type NetworkSpec } from './networks.js';

/**
 * Outputs of {@link forward}.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { forward, initNetwork, imuSpec } from 'scl-wear/train';
 * const spec = imuSpec();
 * const { z, logits, groupLogits } = forward(spec, initNetwork(spec, 1), tf.zeros<tf.Rank.R3>([2, 6, 128]));
 * console.log(z.shape, logits?.shape, groupLogits?.shape); // [2, 64] [2, 6] [2, 4]
 * ```
 */
export interface NetworkOutputs {
  /** Latent vectors `[batch, inv + var + free]`. */
  readonly z: tf.Tensor2D;
  /** Class logits from `[z_inv, z_free]` `[batch, classes]`, when the spec has classes. */
  readonly logits?: tf.Tensor2D;
  /** Group logits from `z_inv` `[batch, groups]`, when the spec has groups. */
  readonly groupLogits?: tf.Tensor2D;
}

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
  const acc = x.slice([0, 0, 0], [-1, 3, -1]);
  const g = acc.mean(2, true);
  const gHat = g.div(g.square().sum(1, true).add(FEATURE_EPS).sqrt());
  const split = (v: tf.Tensor): tf.Tensor[] => {
    const vert = v.mul(gHat).sum(1, true);
    const horiz = v.square().sum(1, true).sub(vert.square()).relu().add(FEATURE_EPS).sqrt();
    return [vert, horiz];
  };
  const parts = split(acc.sub(g));
  if (hasGyro) parts.push(...split(x.slice([0, 3, 0], [-1, 3, -1])));
  return tf.concat(parts, 1) as tf.Tensor3D;
}

/**
 * The channels of the invariant stack (`NetworkSpec.invariantConv`): {@link physicsFeatures},
 * then with a gyroscope the couplings of body acceleration b and rotation rate ω, b·ω and
 * (b × ω)·ĝ, which a rotation of the device cannot change either. Returns `[batch, 2|6, time]`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { invariantFeatures } from 'scl-wear/train';
 * const x = tf.randomNormal<tf.Rank.R3>([8, 6, 128]); // acc (g) then gyro (rad/s)
 * console.log(invariantFeatures(x).shape); // [8, 6, 128]
 * ```
 */
export function invariantFeatures(x: tf.Tensor3D): tf.Tensor3D {
  const physics = physicsFeatures(x);
  if (x.shape[1] < 6) return physics;
  const acc = x.slice([0, 0, 0], [-1, 3, -1]);
  const g = acc.mean(2, true);
  const gHat = g.div(g.square().sum(1, true).add(FEATURE_EPS).sqrt());
  const b = acc.sub(g);
  const w = x.slice([0, 3, 0], [-1, 3, -1]);
  const [next, after] = [tf.tensor1d([1, 2, 0], 'int32'), tf.tensor1d([2, 0, 1], 'int32')];
  const cross = b
    .gather(next, 1)
    .mul(w.gather(after, 1))
    .sub(b.gather(after, 1).mul(w.gather(next, 1)));
  return tf.concat([physics, b.mul(w).sum(1, true), cross.mul(gHat).sum(1, true)], 1) as tf.Tensor3D;
}

/** Conv1D + ReLU layers over `[batch, time, channels]`, then the mean over time. */
function convPool(
  h: tf.Tensor3D,
  layers: readonly ConvLayer[],
  p: NetworkParams,
  prefix: string,
): { last: tf.Tensor3D; pooled: tf.Tensor2D } {
  layers.forEach((l, i) => {
    h = tf
      .conv1d(h, p[`${prefix}${i}.w`] as tf.Tensor3D, l.stride, 'same')
      .add<tf.Tensor3D>(p[`${prefix}${i}.b`]!)
      .relu();
  });
  return { last: h, pooled: h.mean<tf.Tensor2D>(1) };
}

/**
 * Runs an encoder on a batch of windows `[batch, channels, samples]` (planar, physical units).
 * Call inside `tf.tidy` or a gradient function.
 *
 * @param spec - the architecture
 * @param p - its weights
 * @param x - input windows
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { forward, initNetwork, imuSpec } from 'scl-wear/train';
 * const spec = imuSpec();
 * const p = initNetwork(spec, 1);
 * const z = tf.tidy(() => forward(spec, p, tf.zeros([2, 6, 128])).z.arraySync());
 * ```
 */
export function forward(spec: NetworkSpec, p: NetworkParams, x: tf.Tensor3D): NetworkOutputs {
  let input: tf.Tensor3D = x;
  if (spec.inputScale) input = input.mul(tf.tensor(spec.inputScale, [1, spec.channels, 1]));
  const h0 = spec.features === 'imu-physics' ? tf.concat<tf.Tensor3D>([physicsFeatures(input), input], 1) : input;
  if (h0.shape[1] !== featureChannels(spec)) throw new Error(`forward: expected ${featureChannels(spec)} feature channels`);
  const { last: h, pooled } = convPool(h0.transpose([0, 2, 1]), spec.conv, p, 'conv');
  const { inv, var: nVar, free } = spec.dims;
  let z = pooled.matMul(p['proj.w'] as tf.Tensor2D).add<tf.Tensor2D>(p['proj.b']!);
  if (spec.invariantConv) {
    const inside = invariantFeatures(input);
    if (inside.shape[1] !== invariantChannels(spec)) throw new Error(`forward: expected ${invariantChannels(spec)} invariant channels`);
    const branch = convPool(inside.transpose([0, 2, 1]), spec.invariantConv, p, 'inv').pooled;
    z = tf.concat([branch.matMul(p['invproj.w'] as tf.Tensor2D).add<tf.Tensor2D>(p['invproj.b']!), z], 1);
  }
  if (spec.startSteps) {
    const [batch, , filters] = h.shape;
    const start = h.slice([0, 0, 0], [batch, spec.startSteps, filters]).reshape<tf.Tensor2D>([batch, spec.startSteps * filters]);
    z = z.add(
      start.matMul(p['start.w'] as tf.Tensor2D).pad([
        [0, 0],
        [inv, free],
      ]),
    );
  }
  const out: { z: tf.Tensor2D; logits?: tf.Tensor2D; groupLogits?: tf.Tensor2D } = { z };
  if (spec.classes) {
    const parts: tf.Tensor2D[] = [];
    if (inv) parts.push(z.slice([0, 0], [-1, inv]));
    if (free) parts.push(z.slice([0, inv + nVar], [-1, free]));
    const hz = parts.length === 1 ? parts[0]! : tf.concat<tf.Tensor2D>(parts, 1);
    out.logits = hz.matMul(p['head.w'] as tf.Tensor2D).add<tf.Tensor2D>(p['head.b']!);
  }
  if (groupCount(spec)) {
    out.groupLogits = z
      .slice([0, 0], [-1, inv])
      .matMul(p['group.w'] as tf.Tensor2D)
      .add<tf.Tensor2D>(p['group.b']!);
  }
  return out;
}
