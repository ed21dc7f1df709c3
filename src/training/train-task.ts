// The data side of training: the training modes, the batch a task makes, and the task.
import type { Rng } from '../core/random.js';

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
