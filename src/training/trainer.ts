import * as tf from '@tensorflow/tfjs';
import { TrainingError } from '../errors.js';
import { createRng, type Rng } from '../core/random.js';
import { loadCheckpoint, saveCheckpoint, toArrays } from './checkpoint.js';
import { forward } from './forward.js';
import { initNetwork, type NetworkParams, type NetworkSpec } from './networks.js';
import { extraTerms } from './extra-terms.js';
import { sclLossTf } from './scl-loss.js';

/**
 * How the encoder is trained: task loss only, task loss on transformed views, or SCL.
 *
 * @example
 * ```ts
 * import { ecgSpec, ecgTask, loadEcgSplit, trainNetwork } from 'scl-wear/train';
 * const task = ecgTask(await loadEcgSplit('../shared/data', 'DS1'));
 * const base = { epochs: 5, batch: 64, lr: 3e-3, seed: 1, lambda: 1, beta: 1, eps: 1e-3, clip: 5 };
 * for (const mode of ['plain', 'aug', 'scl'] as const) await trainNetwork(ecgSpec(), task, { ...base, mode });
 * ```
 */
export type TrainMode = 'plain' | 'aug' | 'scl';

/**
 * One training batch made by a {@link TrainTask}.
 *
 * @example
 * ```ts
 * import type { TrainBatch } from 'scl-wear/train';
 * // An SCL batch: windows, their transformed views, classes; negatives only across subjects.
 * const batch: TrainBatch = { x1: windows, x2: rotatedWindows, y: classes, negatives: subjectOf };
 * ```
 */
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
  /**
   * Equivariance targets, `[rows, 2]`: (cos, sin) of a cyclic transform parameter (the cardiac
   * phase of the window start) for the x1 rows, then the x2 rows; `phaseMask` is 1 where known.
   */
  readonly phase?: Float32Array;
  /** 1 for the rows of `phase` whose phase is known, else 0. */
  readonly phaseMask?: Float32Array;
  /** Unit gravity direction of each `x1` window in its device frame `[batch, 3]` (equivariance target). */
  readonly gravity1?: Float32Array;
  /** The same for each `x2` window. */
  readonly gravity2?: Float32Array;
}

/**
 * The data side of training: how many windows, and how a batch of them is made.
 *
 * @example
 * ```ts
 * import { accSpec, trainNetwork, type TrainTask } from 'scl-wear/train';
 * // Windows already in memory: x planar [count, 3, 128], labels 0..5.
 * const size = 3 * 128;
 * const task: TrainTask = {
 *   count,
 *   makeBatch(index) {
 *     const x1 = new Float32Array(index.length * size);
 *     const y = new Uint8Array(index.length);
 *     for (let i = 0; i < index.length; i++) {
 *       x1.set(x.subarray(index[i]! * size, (index[i]! + 1) * size), i * size);
 *       y[i] = labels[index[i]!]!;
 *     }
 *     return { x1, y };
 *   },
 * };
 * await trainNetwork(accSpec(), task, { mode: 'plain', epochs: 10, batch: 64, lr: 3e-3, seed: 1, lambda: 0, beta: 1, eps: 1e-3, clip: 5 });
 * ```
 */
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

/**
 * Options of {@link trainNetwork}.
 *
 * @example
 * ```ts
 * import { trainNetwork, imuSpec } from 'scl-wear/train';
 * const { params } = await trainNetwork(imuSpec(), task, {
 *   mode: 'scl', epochs: 30, batch: 64, lr: 3e-3, seed: 1, lambda: 1, beta: 1, eps: 1e-3, clip: 5,
 *   checkpointDir: 'runs/imu/checkpoints',
 *   resume: true, // continue from the last epoch saved there
 * });
 * ```
 */
export interface TrainOptions {
  /** Training mode: task loss only, on transformed views, or SCL. */
  readonly mode: TrainMode;
  /** Passes over the training windows. */
  readonly epochs: number;
  /** Windows per step (SCL negatives come from the batch). */
  readonly batch: number;
  /** Peak Adam learning rate (cosine decay to 5 % of it). */
  readonly lr: number;
  /** Seed of the initialisation, shuffling and transforms. */
  readonly seed: number;
  /** Weight λ of the SCL loss. */
  readonly lambda: number;
  /**
   * Weight of the equivariance objective (ours): the first two z_var dims regress the batch's
   * `phase` targets, so a shift of the window rotates them by the phase it adds. 0 or absent: off.
   */
  readonly phase?: number;
  /** Strength β of the variant term of the SCL loss. */
  readonly beta: number;
  /** ε added to the SCL loss denominator. */
  readonly eps: number;
  /** Global gradient-norm clip. */
  readonly clip: number;
  /**
   * Weight of the equivariance term (ours; 0 or absent: off): a linear map of z_var must point
   * along the gravity direction of the view in its device frame, loss 1 − cos. Its weights are
   * used in training only (`equi.w`, `equi.b`), not exported.
   */
  readonly equi?: number;
  /**
   * Weight of the decorrelation term (ours; 0 or absent: off): the squared correlations between
   * z_inv and the batch's equivariance target (the phase's (cos, sin) for ECG, gravity's direction
   * for IMU), so that no linear probe reads the target from z_inv.
   */
  readonly decor?: number;
  /**
   * Weight of the consistency term (ours; 0 or absent: off): the symmetric KL divergence between
   * the group head's probabilities on the two views of each window (`x1`, `x2`).
   */
  readonly consist?: number;
  /**
   * Weight of the readout term (ours, IMU; 0 or absent: off): the in-batch R² of a ridge probe
   * from all z_inv dims together to gravity's direction (`readoutTerm`).
   */
  readonly readout?: number;
  /** Stop every epoch after this many steps (smoke runs). */
  readonly maxSteps?: number;
  /** Directory for checkpoints (one per epoch); resumes from it when `resume` is set. */
  readonly checkpointDir?: string;
  /** Resume from the last checkpoint in `checkpointDir`. */
  readonly resume?: boolean;
  /** Called after every step. */
  readonly onStep?: (p: StepReport) => void;
}

/**
 * Loss terms of one step (or an epoch mean).
 *
 * @example
 * ```ts
 * import { trainNetwork, imuSpec } from 'scl-wear/train';
 * const { history } = await trainNetwork(imuSpec(), task, options);
 * history.forEach((t, e) => console.log(e + 1, t.total, t.task, t.group, t.scl, t.dInvPos, t.dInvNeg));
 * ```
 */
export interface LossTerms {
  /** Loss minimised: task + group + λ · SCL, plus the phase, equivariance, decorrelation and consistency terms when on. */
  total: number;
  /** Cross-entropy of the class head. */
  task: number;
  /** Cross-entropy of the group head. */
  group: number;
  /** Mean SCL loss of the batch. */
  scl: number;
  /** Mean invariant cosine distance of positives (want → 0). */
  dInvPos: number;
  /** Mean variant cosine distance of positives (want large). */
  dVarPos: number;
  /** Mean invariant cosine distance of negatives (want large). */
  dInvNeg: number;
}

/**
 * Progress of one step.
 *
 * @example
 * ```ts
 * import { trainNetwork, imuSpec } from 'scl-wear/train';
 * await trainNetwork(imuSpec(), task, {
 *   ...options,
 *   onStep: (s) => console.log(`epoch ${s.epoch}/${s.epochs}, step ${s.step}/${s.steps}, loss ${s.total.toFixed(3)}, ${Math.round(s.eta)} s left`),
 * });
 * ```
 */
export interface StepReport extends LossTerms {
  /** Epoch of the step, counted from 1, of `epochs`. */
  readonly epoch: number;
  /** Step within the epoch, counted from 1, of `steps`. */
  readonly step: number;
  /** Steps per epoch. */
  readonly steps: number;
  /** Epochs of the run. */
  readonly epochs: number;
  /** Seconds since training (re)started. */
  readonly elapsed: number;
  /** Estimated seconds left. */
  readonly eta: number;
}

/**
 * Trained weights and the per-epoch mean loss terms.
 *
 * @example
 * ```ts
 * import { trainNetwork, exportOnnx, imuSpec } from 'scl-wear/train';
 * const spec = imuSpec();
 * const { params, history, seconds } = await trainNetwork(spec, task, options);
 * console.log(`${history.length} epochs in ${seconds.toFixed(0)} s`);
 * const onnx = exportOnnx(spec, params);
 * ```
 */
export interface TrainResult {
  /** Trained weights, by name. */
  readonly params: NetworkParams;
  /** Mean loss terms of each epoch, in order. */
  readonly history: LossTerms[];
  /** Wall time of training in seconds, including the epochs restored from a checkpoint. */
  readonly seconds: number;
}

const TERMS: (keyof LossTerms)[] = ['total', 'task', 'group', 'scl', 'dInvPos', 'dVarPos', 'dInvNeg'];

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

function trainStep(spec: NetworkSpec, params: NetworkParams, optimizer: tf.Optimizer, b: TrainBatch, o: TrainOptions): LossTerms {
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
