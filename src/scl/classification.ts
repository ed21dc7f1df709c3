import { checkArg } from '../errors.js';

/**
 * Fraction of predictions equal to the truth.
 *
 * @param pred - predicted class per window
 * @param truth - true class per window
 * @returns accuracy in [0, 1]
 * @throws InputError `E_ARGUMENT` for empty or mismatched arrays
 * @example
 * ```ts
 * import { accuracy } from 'scl-wear/scl';
 * accuracy([0, 1, 2, 2], [0, 1, 1, 2]); // 0.75
 * ```
 */
export function accuracy(pred: ArrayLike<number>, truth: ArrayLike<number>): number {
  checkArg(pred.length > 0 && pred.length === truth.length, 'pred', `${truth.length} predictions, one per label`, pred);
  let hits = 0;
  for (let i = 0; i < pred.length; i++) if (pred[i] === truth[i]) hits++;
  return hits / pred.length;
}

/**
 * Confusion matrix, row = true class, column = predicted class: `m[t * classes + p]` counts
 * windows of class t predicted as p.
 *
 * @param pred - predicted class per window, 0 … classes − 1
 * @param truth - true class per window, 0 … classes − 1
 * @param classes - number of classes
 * @throws InputError `E_ARGUMENT` for mismatched arrays or a class out of range
 * @example
 * ```ts
 * import { confusionMatrix } from 'scl-wear/scl';
 * const m = confusionMatrix(pred, truth, 6); // Uint32Array(36)
 * ```
 */
export function confusionMatrix(pred: ArrayLike<number>, truth: ArrayLike<number>, classes: number): Uint32Array {
  checkArg(Number.isInteger(classes) && classes > 0, 'classes', 'a positive integer', classes);
  checkArg(pred.length === truth.length, 'pred', `${truth.length} predictions, one per label`, pred);
  const m = new Uint32Array(classes * classes);
  for (let i = 0; i < pred.length; i++) {
    const t = truth[i] as number;
    const p = pred[i] as number;
    checkArg(Number.isInteger(t) && t >= 0 && t < classes, 'truth', `classes in 0..${classes - 1}`, t);
    checkArg(Number.isInteger(p) && p >= 0 && p < classes, 'pred', `classes in 0..${classes - 1}`, p);
    m[t * classes + p]!++;
  }
  return m;
}

/**
 * The four activity groups that stay separable under arbitrary rotation.
 *
 * @example
 * ```ts
 * import { ACTIVITY_GROUPS, toActivityGroups } from 'scl-wear/scl';
 * Array.from(toActivityGroups([0, 4]), (g) => ACTIVITY_GROUPS[g]); // ['WALKING', 'STATIC']
 * ```
 */
export const ACTIVITY_GROUPS = ['WALKING', 'WALKING_UPSTAIRS', 'WALKING_DOWNSTAIRS', 'STATIC'] as const;

/**
 * Maps the six UCI HAR classes (0 WALKING, 1 UPSTAIRS, 2 DOWNSTAIRS, 3 SITTING, 4 STANDING,
 * 5 LAYING) to the four groups of {@link ACTIVITY_GROUPS}: the three static postures become
 * STATIC (3), because under an unknown device rotation they differ only in where gravity points.
 *
 * @param classes - class per window, 0 … 5
 * @param out - destination (allocated when omitted; may be `classes` itself if a Uint8Array)
 * @throws InputError `E_ARGUMENT` for a class outside 0 … 5
 * @example
 * ```ts
 * import { toActivityGroups } from 'scl-wear/scl';
 * toActivityGroups([0, 3, 5, 2]); // Uint8Array [0, 3, 3, 2]
 * ```
 */
export function toActivityGroups(classes: ArrayLike<number>, out?: Uint8Array): Uint8Array {
  const dst = out ?? new Uint8Array(classes.length);
  checkArg(dst.length >= classes.length, 'out', `at least ${classes.length} entries`, dst);
  for (let i = 0; i < classes.length; i++) {
    const c = classes[i] as number;
    checkArg(Number.isInteger(c) && c >= 0 && c <= 5, 'classes', 'activity classes 0..5', c);
    dst[i] = c < 3 ? c : 3;
  }
  return dst;
}

/**
 * Result of {@link rotationConsistency}.
 *
 * @example
 * ```ts
 * import { rotationConsistency } from 'scl-wear/scl';
 * // 2 windows × 2 rotations: window 1 changes class under the second rotation.
 * const rc = rotationConsistency([0, 1], [0, 0, 1, 0], 2);
 * console.log(rc.mean, rc.worst, rc.perRotation, rc.perWindow); // 75 50 [100, 50] [1, 0.5]
 * ```
 */
export interface RotationConsistency {
  /** Mean over rotations of the per-rotation consistency, in percent. */
  readonly mean: number;
  /** Lowest per-rotation consistency, in percent. */
  readonly worst: number;
  /** Per rotation r: 100 × fraction of windows whose prediction under r equals the unrotated one. */
  readonly perRotation: Float64Array;
  /** Per window: fraction (0..1) of its rotations that kept the unrotated prediction. */
  readonly perWindow: Float64Array;
}

/**
 * Rotation consistency: 100 × fraction of windows whose predicted class is the same before and
 * after a rotation, for each of R rotations per window; reported as mean and worst over r.
 *
 * @param base - prediction per unrotated window, `[windows]`
 * @param rotated - predictions under rotation, `[windows, rotations]` (window-major)
 * @param rotations - rotations per window (10 in the model cards)
 * @throws InputError `E_ARGUMENT` for mismatched sizes
 * @example
 * ```ts
 * import { rotationConsistency } from 'scl-wear/scl';
 * const { mean, worst } = rotationConsistency(pred, predRotated, 10);
 * ```
 */
export function rotationConsistency(base: ArrayLike<number>, rotated: ArrayLike<number>, rotations: number): RotationConsistency {
  const n = base.length;
  checkArg(Number.isInteger(rotations) && rotations > 0, 'rotations', 'a positive integer', rotations);
  checkArg(n > 0 && rotated.length === n * rotations, 'rotated', `windows × rotations = ${n * rotations} predictions`, rotated);
  const perRotation = new Float64Array(rotations);
  const perWindow = new Float64Array(n);
  for (let w = 0; w < n; w++) {
    for (let r = 0; r < rotations; r++) {
      if (rotated[w * rotations + r] === base[w]) {
        perRotation[r]! += 100 / n;
        perWindow[w]! += 1 / rotations;
      }
    }
  }
  let mean = 0;
  let worst = Infinity;
  for (const v of perRotation) {
    mean += v / rotations;
    worst = Math.min(worst, v);
  }
  return { mean, worst, perRotation, perWindow };
}
