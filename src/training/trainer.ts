import * as tf from '@tensorflow/tfjs';
import { TrainingError } from '../errors.js';
import { createRng, type Rng } from '../scl/random.js';
import { loadCheckpoint, saveCheckpoint, toArrays } from './checkpoint.js';
import { forward } from './forward.js';
import { initEncoder, type EncoderParams, type EncoderSpec } from './models.js';
import { sclLossTf } from './scl-loss.js';

/** How the encoder is trained: task loss only, task loss on transformed views, or SCL. */
export type TrainMode = 'plain' | 'aug' | 'scl';

/** One training batch made by a {@link TrainTask}. */
export interface TrainBatch {
  /** Windows the task head sees, `[batch, channels, samples]`. */
  readonly x1: Float32Array;
  /** Their transformed views (SCL positives; the group head sees these), when the mode has them. */
  readonly x2?: Float32Array;
  /** Class per window (omitted for self-supervised tasks). */
  readonly y?: Uint8Array;
  /** Group per window for the group head. */
  readonly groupY?: Uint8Array;
  /** Negative groups: window j is a negative of i only when `negatives[j] !== negatives[i]`. */
  readonly negatives?: ArrayLike<number>;
}

/** The data side of training: how many windows, and how a batch of them is made. */
export interface TrainTask {
  /** Windows in the training set. */
  readonly count: number;
  /**
   * Makes the batch of the given windows.
   *
   * @param index - window indices
   * @param rng - seeded generator of this epoch
   * @param mode - the training mode
   */
  makeBatch(index: ArrayLike<number>, rng: Rng, mode: TrainMode): TrainBatch;
}

/** Options of {@link trainEncoder}. */
export interface TrainOptions {
  readonly mode: TrainMode;
  readonly epochs: number;
  readonly batch: number;
  /** Peak Adam learning rate (cosine decay to 5 % of it). */
  readonly lr: number;
  readonly seed: number;
  /** Weight λ of the SCL loss. */
  readonly lambda: number;
  readonly beta: number;
  readonly eps: number;
  /** Global gradient-norm clip. */
  readonly clip: number;
  /** Stop every epoch after this many steps (smoke runs). */
  readonly maxSteps?: number;
  /** Directory for checkpoints (one per epoch); resumes from it when `resume` is set. */
  readonly checkpointDir?: string;
  readonly resume?: boolean;
  /** Called after every step. */
  readonly onStep?: (p: StepReport) => void;
}

/** Loss terms of one step (or an epoch mean). */
export interface LossTerms {
  total: number;
  task: number;
  group: number;
  scl: number;
  dInvPos: number;
  dVarPos: number;
  dInvNeg: number;
}

/** Progress of one step. */
export interface StepReport extends LossTerms {
  readonly epoch: number;
  readonly step: number;
  readonly steps: number;
  readonly epochs: number;
  /** Seconds since training (re)started. */
  readonly elapsed: number;
  /** Estimated seconds left. */
  readonly eta: number;
}

/** Trained weights and the per-epoch mean loss terms. */
export interface TrainResult {
  readonly params: EncoderParams;
  readonly history: LossTerms[];
  /** Wall time of training in seconds, including the epochs restored from a checkpoint. */
  readonly seconds: number;
}

const TERMS: (keyof LossTerms)[] = ['total', 'task', 'group', 'scl', 'dInvPos', 'dVarPos', 'dInvNeg'];

function crossEntropy(logits: tf.Tensor2D, y: Uint8Array): tf.Scalar {
  const oneHot = tf.oneHot(tf.tensor1d(Int32Array.from(y), 'int32'), logits.shape[1]);
  return tf.neg(oneHot.mul(tf.logSoftmax(logits)).sum(1).mean()) as tf.Scalar;
}

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
 * @throws TrainingError `E_DIVERGED` when the loss becomes NaN, `E_CHECKPOINT` for a bad checkpoint
 * @example
 * ```ts
 * import { trainEncoder, imuSpec } from 'scl-wear/train';
 * const { params, history } = await trainEncoder(imuSpec(), task, { mode: 'scl', epochs: 30, batch: 64, lr: 3e-3, seed: 1, lambda: 1, beta: 1, eps: 1e-3, clip: 5 });
 * ```
 */
export async function trainEncoder(spec: EncoderSpec, task: TrainTask, o: TrainOptions): Promise<TrainResult> {
  const params = initEncoder(spec, o.seed);
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
        if (!a || a.shape.join() !== params[n]!.shape.join()) throw new TrainingError('E_CHECKPOINT', `checkpoint weight ${n} does not fit the model`);
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
      (optimizer as unknown as { learningRate: number }).learningRate = o.lr * (0.05 + 0.95 * 0.5 * (1 + Math.cos((Math.PI * done) / total)));
      const terms = trainStep(spec, params, optimizer, b, o);
      if (!Number.isFinite(terms.total)) throw new TrainingError('E_DIVERGED', `loss is ${terms.total} at epoch ${epoch + 1}, step ${step + 1}`);
      for (const k of TERMS) sums[k] += terms[k] / stepsPerEpoch;
      const elapsed = (performance.now() - t0) / 1000;
      const doneHere = (epoch - start) * stepsPerEpoch + step + 1;
      o.onStep?.({ ...terms, epoch: epoch + 1, epochs: o.epochs, step: step + 1, steps: stepsPerEpoch, elapsed, eta: (elapsed / doneHere) * (total - done - 1) });
      await new Promise((r) => setImmediate(r));
    }
    history.push(sums);
    if (o.checkpointDir) {
      const slots = await optimizer.getWeights();
      await saveCheckpoint(o.checkpointDir, { epoch: epoch + 1, params: toArrays(params), optimizer: toArrays(slots), state: { history, seconds: before + (performance.now() - t0) / 1000 } });
    }
  }
  optimizer.dispose();
  return { params, history, seconds: before + (performance.now() - t0) / 1000 };
}

function trainStep(spec: EncoderSpec, params: EncoderParams, optimizer: tf.Optimizer, b: TrainBatch, o: TrainOptions): LossTerms {
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
    let loss = task.add(group) as tf.Scalar;
    if (o.mode === 'scl' && b.x2) {
      const s = sclLossTf(first(out.z), second(out.z), spec.dims, o.beta, o.eps, b.negatives);
      [s.loss, s.dInvPos, s.dVarPos, s.dInvNeg].forEach(keep);
      loss = loss.add(s.loss.mul(o.lambda));
    } else [zero, zero, zero, zero].forEach((t) => keep(t.clone()));
    return loss;
  }, Object.values(params));
  const list = Object.values(grads);
  const norm = Math.sqrt(list.reduce((s, g) => s + g.square().sum().dataSync()[0]!, 0));
  const scale = norm > o.clip ? o.clip / norm : 1;
  const scaled = Object.fromEntries(Object.entries(grads).map(([k, g]) => [k, scale === 1 ? g : g.mul(scale)]));
  optimizer.applyGradients(scaled);
  const [task, group, scl, dInvPos, dVarPos, dInvNeg] = kept.map((t) => t.dataSync()[0]!);
  const terms = { total: value.dataSync()[0]!, task: task!, group: group!, scl: scl!, dInvPos: dInvPos!, dVarPos: dVarPos!, dInvNeg: dInvNeg! };
  tf.dispose([value, ...list, ...Object.values(scaled), ...kept]);
  return terms;
}
