// One optimisation step of the encoder: the joint loss, its gradients, global-norm clipping and
// the Adam update.
import * as tf from '@tensorflow/tfjs';
import { extraTerms } from './extra-terms.js';
import { forward } from './forward.js';
import type { NetworkParams, NetworkSpec } from './networks.js';
import { sclLossTf } from './scl-loss.js';
import type { LossTerms, TrainOptions } from './train-options.js';
import type { TrainBatch } from './train-task.js';

/** The loss terms of a step, in the order of {@link LossTerms}. */
export const TERMS: (keyof LossTerms)[] = ['total', 'task', 'group', 'scl', 'dInvPos', 'dVarPos', 'dInvNeg'];

/** Mean cross-entropy over the rows whose label is a class (others, e.g. 255, are ignored). */
function crossEntropy(logits: tf.Tensor2D, y: Uint8Array): tf.Scalar {
  const k = logits.shape[1];
  const labelled = y.reduce((a, v) => a + (v < k ? 1 : 0), 0);
  const oneHot = tf.oneHot(
    tf.tensor1d(
      Int32Array.from(y, (v) => (v < k ? v : -1)),
      'int32',
    ),
    k,
  );
  return tf.neg(oneHot.mul(tf.logSoftmax(logits)).sum()).div<tf.Scalar>(Math.max(1, labelled));
}

/**
 * Runs one step on batch `b`: forward pass, joint loss (task + group + λ · SCL + the extra
 * terms that are on), gradients clipped to the global norm `o.clip`, Adam update.
 *
 * @returns the step's loss terms
 */
export function trainStep(spec: NetworkSpec, params: NetworkParams, optimizer: tf.Optimizer, b: TrainBatch, o: TrainOptions): LossTerms {
  const n = b.y?.length ?? b.groupY?.length ?? b.x1.length / (spec.channels * spec.samples);
  const shape = [n, spec.channels, spec.samples];
  const kept: tf.Tensor[] = [];
  const keep = (t: tf.Scalar) => (kept.push(tf.keep(t)), t);
  const { value, grads } = tf.variableGrads((): tf.Scalar => {
    const x = b.x2 ? tf.concat([tf.tensor(b.x1, shape), tf.tensor(b.x2, shape)]) : tf.tensor(b.x1, shape);
    const out = forward(spec, params, x as tf.Tensor3D);
    const first = (t: tf.Tensor2D) => (b.x2 ? t.slice([0, 0], [n, -1]) : t);
    const second = (t: tf.Tensor2D) => (b.x2 ? t.slice([n, 0], [n, -1]) : t);
    const zero = tf.scalar(0);
    const task = out.logits && b.y ? keep(crossEntropy(first(out.logits), b.y)) : keep(zero);
    const group = out.groupLogits && b.groupY ? keep(crossEntropy(second(out.groupLogits), b.groupY)) : keep(zero);
    let loss = task.add<tf.Scalar>(group);
    if (o.mode === 'scl' && b.x2) {
      const s = sclLossTf(first(out.z), second(out.z), spec.dims, o.beta, o.eps, b.negatives);
      [s.loss, s.dInvPos, s.dVarPos, s.dInvNeg].forEach(keep);
      loss = loss.add(s.loss.mul(o.lambda));
    } else [zero, zero, zero, zero].forEach((t) => keep(t.clone()));
    loss = loss.add(extraTerms(spec, params, out, b, o));
    return loss;
  }, Object.values(params));
  const list = Object.values(grads);
  const norm = Math.sqrt(list.reduce((s, g) => s + g.square().sum().dataSync()[0]!, 0));
  const scale = norm > o.clip ? o.clip / norm : 1;
  const scaled = Object.fromEntries<tf.Tensor>(Object.entries(grads).map(([k, g]) => [k, scale === 1 ? g : g.mul(scale)]));
  optimizer.applyGradients(scaled);
  const [task, group, scl, dInvPos, dVarPos, dInvNeg] = kept.map((t) => t.dataSync()[0]!);
  const terms = {
    total: value.dataSync()[0]!,
    task: task!,
    group: group!,
    scl: scl!,
    dInvPos: dInvPos!,
    dVarPos: dVarPos!,
    dInvNeg: dInvNeg!,
  };
  tf.dispose([value, ...list, ...Object.values(scaled), ...kept]);
  return terms;
}
