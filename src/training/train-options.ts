// What a training run takes (options) and reports (loss terms per step and epoch, the result).
import type { NetworkParams } from './networks.js';
import type { TrainMode } from './train-task.js';

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
