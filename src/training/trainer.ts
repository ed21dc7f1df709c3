// The training loop of the encoders: epochs of shuffled batches, the learning-rate schedule,
// checkpoints after every epoch and resuming from them.
import * as tf from '@tensorflow/tfjs';
import { TrainingError } from '../errors.js';
import { createRng, type Rng } from '../core/random.js';
import { loadCheckpoint, saveCheckpoint, toArrays } from './checkpoint.js';
import { initNetwork, type NetworkSpec } from './networks.js';
import type { LossTerms, TrainOptions, TrainResult } from './train-options.js';
import { TERMS, trainStep } from './train-step.js';
import type { TrainTask } from './train-task.js';

export type { TrainMode, TrainBatch, TrainTask } from './train-task.js';
export type { TrainOptions, LossTerms, StepReport, TrainResult } from './train-options.js';

/** A seeded random permutation of 0 .. n-1 (Fisher–Yates). */
function permutation(n: number, rng: Rng): Int32Array {
  const p = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [p[i], p[j]] = [p[j]!, p[i]!];
  }
  return p;
}

/**
 * Trains an encoder jointly on `L = L_task + L_group + λ · mean L_scl` with Adam, global
 * gradient clipping and a cosine learning-rate decay. Deterministic for a fixed seed (seeded
 * initialisation, shuffling and transforms; epoch e uses generator `seed·7919 + e`), so a run
 * resumed from a checkpoint ends with the same weights as an uninterrupted one.
 *
 * @param spec - the architecture
 * @param task - the data and its views
 * @param o - mode, schedule, SCL weights, checkpointing
 * @throws TrainingError `E_DATA` when the task has fewer windows than one batch, `E_DIVERGED` when
 *   the loss becomes NaN, `E_CHECKPOINT` for a bad checkpoint
 * @example
 * ```ts
 * import { trainNetwork, imuSpec } from 'scl-wear/train';
 * const { params, history } = await trainNetwork(imuSpec(), task, { mode: 'scl', epochs: 30, batch: 64, lr: 3e-3, seed: 1, lambda: 1, beta: 1, eps: 1e-3, clip: 5 });
 * ```
 */
export async function trainNetwork(spec: NetworkSpec, task: TrainTask, o: TrainOptions): Promise<TrainResult> {
  const params = initNetwork(spec, o.seed);
  if (o.equi) {
    const rng = createRng(o.seed + 1);
    const w = Float32Array.from({ length: spec.dims.var * 3 }, () => rng.normal() * Math.sqrt(1 / Math.max(1, spec.dims.var)));
    params['equi.w'] = tf.variable(tf.tensor2d(w, [spec.dims.var, 3]), true);
    params['equi.b'] = tf.variable(tf.zeros([3]), true);
  }
  const names = Object.keys(params);
  const optimizer = tf.train.adam(o.lr);
  const stepsPerEpoch = Math.min(Math.floor(task.count / o.batch), o.maxSteps ?? Infinity);
  if (stepsPerEpoch < 1) throw new TrainingError('E_DATA', `${task.count} windows do not fill one batch of ${o.batch}`);
  let history: LossTerms[] = [];
  let start = 0;
  let before = 0;
  if (o.resume && o.checkpointDir) {
    const ck = await loadCheckpoint<{ history: LossTerms[]; seconds?: number }>(o.checkpointDir);
    if (ck) {
      for (const n of names) {
        const a = ck.params[n];
        if (!a || a.shape.join() !== params[n]!.shape.join())
          throw new TrainingError('E_CHECKPOINT', `checkpoint weight ${n} does not fit the model`);
        params[n]!.assign(tf.tensor(a.values, a.shape));
      }
      const slots = Object.entries(ck.optimizer).map(([name, a]) => ({ name, tensor: tf.tensor(a.values, a.shape) }));
      await optimizer.setWeights(slots);
      history = ck.state.history;
      before = ck.state.seconds ?? 0;
      start = ck.epoch;
    }
  }
  const total = stepsPerEpoch * o.epochs;
  const t0 = performance.now();
  for (let epoch = start; epoch < o.epochs; epoch++) {
    const rng = createRng(o.seed * 7919 + epoch);
    const order = permutation(task.count, rng);
    const sums = Object.fromEntries(TERMS.map((k) => [k, 0])) as unknown as LossTerms;
    for (let step = 0; step < stepsPerEpoch; step++) {
      const b = task.makeBatch(order.subarray(step * o.batch, (step + 1) * o.batch), rng, o.mode);
      const done = epoch * stepsPerEpoch + step;
      (optimizer as unknown as { learningRate: number }).learningRate =
        o.lr * (0.05 + 0.95 * 0.5 * (1 + Math.cos((Math.PI * done) / total)));
      const terms = trainStep(spec, params, optimizer, b, o);
      if (!Number.isFinite(terms.total))
        throw new TrainingError('E_DIVERGED', `loss is ${terms.total} at epoch ${epoch + 1}, step ${step + 1}`);
      for (const k of TERMS) sums[k] += terms[k] / stepsPerEpoch;
      const elapsed = (performance.now() - t0) / 1000;
      const doneHere = (epoch - start) * stepsPerEpoch + step + 1;
      o.onStep?.({
        ...terms,
        epoch: epoch + 1,
        epochs: o.epochs,
        step: step + 1,
        steps: stepsPerEpoch,
        elapsed,
        eta: (elapsed / doneHere) * (total - done - 1),
      });
      await new Promise((r) => setImmediate(r));
    }
    history.push(sums);
    if (o.checkpointDir) {
      const slots = await optimizer.getWeights();
      await saveCheckpoint(o.checkpointDir, {
        epoch: epoch + 1,
        params: toArrays(params),
        optimizer: toArrays(slots),
        state: { history, seconds: before + (performance.now() - t0) / 1000 },
      });
    }
  }
  optimizer.dispose();
  return { params, history, seconds: before + (performance.now() - t0) / 1000 };
}
