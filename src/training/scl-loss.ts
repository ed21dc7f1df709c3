import * as tf from '@tensorflow/tfjs';
import { COSINE_EPS } from '../scl/cosine.js';
import type { SclDims } from '../scl/loss.js';

/**
 * Value of {@link sclLossTf}: scalar tensors, differentiable.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { sclLossTf } from 'scl-wear/train';
 * const z = tf.randomNormal<tf.Rank.R2>([8, 64]); // anchors
 * const zT = tf.randomNormal<tf.Rank.R2>([8, 64]); // positives
 * const { loss, dInvPos, dVarPos, dInvNeg } = sclLossTf(z, zT, { inv: 32, var: 16, free: 16 }, 1, 1e-3);
 * console.log(await loss.data(), await dInvPos.data(), await dInvNeg.data());
 * tf.dispose([loss, dInvPos, dVarPos, dInvNeg]);
 * ```
 */
export interface SclLossTensors {
  /** Mean over windows of L_scl. */
  readonly loss: tf.Scalar;
  /** Mean D(z_inv(x), z_inv(Tx)). */
  readonly dInvPos: tf.Scalar;
  /** Mean D(z_var(x), z_var(Tx)). */
  readonly dVarPos: tf.Scalar;
  /** Mean over windows of the mean D(z_inv(x), z_inv(x⁻)). */
  readonly dInvNeg: tf.Scalar;
}

/** Row-wise cosine distance of two `[batch, n]` tensors; 1 when n = 0 (as the reference). */
function rowDistance(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor1D {
  if (a.shape[1] === 0) return tf.ones([a.shape[0]]);
  const dot = a.mul(b).sum(1);
  const norms = a.square().sum(1).mul(b.square().sum(1)).sqrt().maximum(COSINE_EPS);
  return tf.sub(1, dot.div(norms));
}

/**
 * The SCL loss of `sclLoss` (`scl-wear/scl`) as differentiable tfjs operations, for training: for window i,
 * `L_i = D(z_inv_i, zT_inv_i) / ((1 + β·D(z_var_i, zT_var_i)) · mean_j D(z_inv_i, z_inv_j) + ε)`,
 * with in-batch negatives j ≠ i (restricted to other groups when `groups` is given), averaged
 * over the windows that have a negative.
 *
 * @param z - anchors `[batch, d]`
 * @param zT - positives `[batch, d]`
 * @param dims - the inv / var / free split of d
 * @param beta - strength of the variant term
 * @param eps - added to the denominator
 * @param groups - optional group id per window (negatives come from other groups)
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { sclLossTf } from 'scl-wear/train';
 * const { loss } = sclLossTf(tf.randomNormal([8, 64]), tf.randomNormal([8, 64]), { inv: 32, var: 16, free: 16 }, 1, 1e-3);
 * ```
 */
export function sclLossTf(
  z: tf.Tensor2D,
  zT: tf.Tensor2D,
  dims: SclDims,
  beta: number,
  eps: number,
  groups?: ArrayLike<number>,
): SclLossTensors {
  const batch = z.shape[0];
  const { inv, var: nVar } = dims;
  const zi = z.slice([0, 0], [-1, inv]);
  const dPos = rowDistance(zi, zT.slice([0, 0], [-1, inv]));
  const dVar = rowDistance(z.slice([0, inv], [-1, nVar]), zT.slice([0, inv], [-1, nVar]));
  const maskValues = new Float32Array(batch * batch);
  const counts = new Float32Array(batch);
  for (let i = 0; i < batch; i++) {
    for (let j = 0; j < batch; j++) {
      if (j === i || (groups && groups[j] === groups[i])) continue;
      maskValues[i * batch + j] = 1;
      counts[i]!++;
    }
  }
  const has = Float32Array.from(counts, (c) => (c > 0 ? 1 : 0));
  const windows = Math.max(
    has.reduce((s, v) => s + v, 0),
    1,
  );
  let dNeg: tf.Tensor1D;
  if (inv === 0) {
    dNeg = tf.ones([batch]);
  } else {
    const n = zi.square().sum(1).sqrt();
    const cos = zi.matMul(zi, false, true).div(
      n
        .reshape([batch, 1])
        .mul(n.reshape([1, batch]))
        .maximum(COSINE_EPS),
    );
    const dist = tf
      .sub(1, cos)
      .mul(tf.tensor2d(maskValues, [batch, batch]))
      .sum(1);
    dNeg = dist.div(tf.tensor1d(counts).maximum(1));
  }
  const hasT = tf.tensor1d(has);
  const perWindow = dPos.div(tf.add(1, dVar.mul(beta)).mul(dNeg).add(eps)).mul(hasT);
  const mean = (t: tf.Tensor) => t.mul(hasT).sum().div<tf.Scalar>(windows);
  return { loss: perWindow.sum().div<tf.Scalar>(windows), dInvPos: mean(dPos), dVarPos: mean(dVar), dInvNeg: mean(dNeg) };
}
