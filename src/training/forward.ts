import * as tf from '@tensorflow/tfjs';
import { alignedCrop } from './align-crop.js';
import { invariantFeatures, physicsFeatures } from './invariant-features.js';
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
  if (spec.alignCrop) input = alignedCrop(spec.alignCrop, input);
  const physics = spec.features === 'imu-physics' ? physicsFeatures(input) : undefined;
  const h0 = physics ? tf.concat<tf.Tensor3D>([physics, input], 1) : input;
  if (h0.shape[1] !== featureChannels(spec)) throw new Error(`forward: expected ${featureChannels(spec)} feature channels`);
  const { last: h, pooled } = convPool(h0.transpose([0, 2, 1]), spec.conv, p, 'conv');
  const { inv, var: nVar, free } = spec.dims;
  let z = pooled.matMul(p['proj.w'] as tf.Tensor2D).add<tf.Tensor2D>(p['proj.b']!);
  if (spec.invariantConv) {
    // The accelerometer's physics channels are the first two (see physicsFeatures).
    const inside = spec.invariantFromAcc
      ? invariantFeatures(input.slice([0, 0, 0], [-1, 3, -1]), spec.invariantFrame, physics?.slice([0, 0, 0], [-1, 2, -1]))
      : invariantFeatures(input, spec.invariantFrame, physics);
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
