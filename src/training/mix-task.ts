import { InputError } from '../errors.js';
import type { Rng } from '../core/random.js';
import type { TrainBatch, TrainMode, TrainTask } from './trainer.js';

/**
 * Class label the task loss ignores (any value ≥ the number of classes).
 *
 * @internal
 */
export const NO_CLASS = 255;

/**
 * Rows of the mixed-in task in a batch of `n` windows at the given share (at least one row is
 * left to the main task).
 *
 * @param n - windows in the batch
 * @param share - fraction from the mixed-in task
 * @internal
 */
export function extraRows(n: number, share: number): number {
  return Math.max(0, Math.min(n - 1, Math.round(n * share)));
}

function join(a: ArrayLike<number> | undefined, b: ArrayLike<number> | undefined, make: (n: number) => Float32Array | Int32Array) {
  if (!a || !b) return undefined;
  const out = make(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Joins per-row arrays laid out as [x1 rows; x2 rows] (`width` values a row) of two batches. */
function joinRows(
  a: Float32Array | undefined,
  b: Float32Array | undefined,
  na: number,
  nb: number,
  width: number,
): Float32Array | undefined {
  if (!a || !b) return undefined;
  const twoViews = a.length === 2 * na * width;
  if (!twoViews) return join(a, b, (n) => new Float32Array(n)) as Float32Array;
  const out = new Float32Array(a.length + b.length);
  out.set(a.subarray(0, na * width));
  out.set(b.subarray(0, nb * width), na * width);
  out.set(a.subarray(na * width), (na + nb) * width);
  out.set(b.subarray(nb * width), (2 * na + nb) * width);
  return out;
}

/**
 * A task whose batches mix two tasks' windows at a fixed share: the first `n − round(n·share)`
 * rows of every batch are `main`'s windows (the ids the trainer drew, so an epoch is a pass over
 * `main`), the last `round(n·share)` rows are `extra`'s, drawn uniformly from the batch's
 * generator. The extra windows carry no class (their label is {@link NO_CLASS}, which the task
 * loss skips) and their negative groups become `−1 − g`, so they never share a group with a main
 * window (whose groups are non-negative); phase targets and their mask travel with their rows.
 *
 * @param main - the labelled task (its `count` is the mixed task's)
 * @param extra - the unlabelled task mixed in
 * @param share - fraction of every batch taken from `extra`, in [0, 1)
 * @throws InputError `E_ARGUMENT` for a share outside [0, 1)
 * @internal
 * @example
 * ```ts
 * const task = mixTasks(ecgTask(ds1), ecgTask(ludb.records, { negatives: 'record', groups: ludb.subject }), 0.5);
 * ```
 */
export function mixTasks(main: TrainTask, extra: TrainTask, share: number): TrainTask {
  if (!(share >= 0 && share < 1)) throw new InputError('E_ARGUMENT', `the share of mixed-in windows must be in [0, 1); got ${share}`);
  return {
    count: main.count,
    makeBatch(ids: ArrayLike<number>, rng: Rng, mode: TrainMode): TrainBatch {
      const nb = extraRows(ids.length, share);
      const na = ids.length - nb;
      const a = main.makeBatch(Array.prototype.slice.call(ids, 0, na) as number[], rng, mode);
      const bIds = Array.from({ length: nb }, () => rng.int(extra.count));
      const b = extra.makeBatch(bIds, rng, mode);
      const y = new Uint8Array(na + nb).fill(NO_CLASS);
      if (a.y) y.set(a.y);
      const negB = b.negatives ? Int32Array.from(b.negatives, (g) => -1 - g) : undefined;
      const batch: TrainBatch = {
        x1: join(a.x1, b.x1, (n) => new Float32Array(n)) as Float32Array,
        x2: join(a.x2, b.x2, (n) => new Float32Array(n)) as Float32Array | undefined,
        y,
        negatives: join(a.negatives, negB, (n) => new Int32Array(n)),
        phase: joinRows(a.phase, b.phase, na, nb, 2),
        phaseMask: joinRows(a.phaseMask, b.phaseMask, na, nb, 1),
      };
      return Object.fromEntries(Object.entries(batch).filter(([, v]) => v !== undefined)) as unknown as TrainBatch;
    },
  };
}
