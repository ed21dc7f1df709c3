import * as tf from '@tensorflow/tfjs';
import type { NetworkParams, NetworkSpec } from './networks.js';

/**
 * Cardiac-phase term (ours): squared error of the first two z_var dims against the (cos, sin)
 * targets of the rows whose phase is known, averaged over those rows.
 *
 */
export function phaseTerm(z: tf.Tensor2D, phase: Float32Array, mask: Float32Array, dims: NetworkSpec['dims']): tf.Scalar {
  const rows = mask.length;
  const err = z
    .slice([0, dims.inv], [rows, 2])
    .sub(tf.tensor2d(phase, [rows, 2]))
    .square()
    .sum(1)
    .mul(tf.tensor1d(mask));
  return err.sum().div<tf.Scalar>(
    Math.max(
      1,
      mask.reduce((a, v) => a + v, 0),
    ),
  );
}

/**
 * Gravity equivariance term (ours): mean of 1 − cos(W·z_var + b, g) over the rows, `g` the unit
 * gravity direction of each view in its device frame, `W`, `b` the training-only `equi.*` weights.
 *
 */
export function gravityTerm(z: tf.Tensor2D, g: Float32Array, params: NetworkParams, dims: NetworkSpec['dims']): tf.Scalar {
  const pred = z.slice([0, dims.inv], [-1, dims.var]).matMul(params['equi.w']!).add(params['equi.b']!);
  const target = tf.tensor2d(g, [g.length / 3, 3]);
  const cos = pred.mul(target).sum(1).div(pred.square().sum(1).add(1e-6).sqrt());
  return tf.scalar(1).sub<tf.Scalar>(cos.mean());
}

/**
 * Decorrelation term (ours): keeps a target out of z_inv. It is the mean over the target's
 * columns of the summed squared Pearson correlations between each z_inv dim and that column, over
 * the rows whose `mask` is 1 (all rows when absent). When every correlation is 0, a linear probe
 * fitted on those rows reads nothing of the target from z_inv (its least-squares weights are 0).
 *
 * @param z - embeddings `[rows, dim]`; z_inv is `z[:, 0:dims.inv]`.
 * @param target - `[rows, cols]` (phase (cos, sin), or gravity's direction).
 * @param mask - optional `[rows]` of 0/1.
 */
export function decorrelationTerm(z: tf.Tensor2D, target: tf.Tensor2D, dims: NetworkSpec['dims'], mask?: Float32Array): tf.Scalar {
  const rows = target.shape[0];
  const m = mask ? tf.tensor2d(mask, [rows, 1]) : tf.ones([rows, 1]);
  const count = tf.maximum(m.sum(), 2);
  const centre = (t: tf.Tensor2D) => t.sub(t.mul(m).sum(0, true).div(count)).mul(m);
  const a = centre(z.slice([0, 0], [rows, dims.inv]));
  const b = centre(target);
  const cov = a.transpose().matMul(b).div(count); // [inv, cols]
  const sdA = a.square().sum(0).div(count).add(1e-6).sqrt().reshape([dims.inv, 1]);
  const sdB = b.square().sum(0).div(count).add(1e-6).sqrt().reshape([1, target.shape[1]]);
  return cov.div(sdA.mul(sdB)).square().sum().div<tf.Scalar>(target.shape[1]);
}

/**
 * Readout term (ours): keeps a target out of z_inv for every linear probe, not just one dim at a
 * time. It is the in-batch R² of the ridge regression from the standardised z_inv dims to each
 * target column, averaged over the columns: `cᵀ (C + ρI)⁻¹ c / var(t)`, with `C` the correlation
 * matrix of the z_inv dims, `c` their covariances with the column (over its standard deviations)
 * and ρ the ridge. The inverse is an unrolled Newton–Schulz iteration (matrix products only), so
 * the gradient reaches combinations of dims that the decorrelation term cannot see.
 *
 * @param z - embeddings `[rows, dim]`; z_inv is `z[:, 0:dims.inv]`.
 * @param target - `[rows, cols]` (gravity's direction, or the phase's (cos, sin)).
 * @param ridge - ρ, relative to the unit variance of a standardised dim.
 */
export function readoutTerm(z: tf.Tensor2D, target: tf.Tensor2D, dims: NetworkSpec['dims'], ridge = 0.01): tf.Scalar {
  const rows = target.shape[0];
  const centre = (t: tf.Tensor2D) => t.sub(t.mean(0, true));
  const a = centre(z.slice([0, 0], [rows, dims.inv]));
  const s = a.div(a.square().mean(0, true).add(1e-6).sqrt()); // standardised dims
  const b = centre(target);
  const eye = tf.eye(dims.inv);
  const c = s.transpose().matMul(s).div(rows).add<tf.Tensor2D>(eye.mul(ridge));
  // Newton–Schulz: X ← X (2I − C X) from X = I / tr(C), which bounds C's largest eigenvalue.
  let x = eye.div<tf.Tensor2D>(dims.inv * (1 + ridge));
  for (let i = 0; i < 24; i++) x = tf.matMul(x, eye.mul<tf.Tensor2D>(2).sub<tf.Tensor2D>(c.matMul(x)));
  const cov = s.transpose().matMul(b).div(rows); // [inv, cols]
  const explained = cov.mul(x.matMul(cov)).sum(0); // [cols]
  return explained.div(b.square().mean(0).add(1e-6)).mean<tf.Scalar>();
}
