import { checkArg } from '../errors.js';
import { cosineAt } from './cosine.js';
import type { SclDims } from './loss.js';

/**
 * A slice of each embedding row: `length` dims from `offset` (e.g. the invariant dims).
 *
 * @example
 * ```ts
 * import { latentSlice, retrievalTop1 } from 'scl-wear/scl';
 * const inv = latentSlice({ inv: 32, var: 8, free: 24 }, 'inv'); // { offset: 0, length: 32 }
 * const top1 = retrievalTop1(zLater, rec, z, rec, 64, inv);
 * ```
 */
export interface DimSlice {
  /** Index of the first dim in each row. */
  readonly offset: number;
  /** Number of dims. */
  readonly length: number;
}

/**
 * Where a group of latent dims sits in each embedding row (order: inv, var, free).
 *
 * @param dims - sizes of the groups
 * @param group - which group
 * @example
 * ```ts
 * import { latentSlice } from 'scl-wear/scl';
 * latentSlice({ inv: 32, var: 8, free: 24 }, 'var'); // { offset: 32, length: 8 }
 * ```
 */
export function latentSlice(dims: SclDims, group: 'inv' | 'var' | 'free'): DimSlice {
  if (group === 'inv') return { offset: 0, length: dims.inv };
  if (group === 'var') return { offset: dims.inv, length: dims.var };
  return { offset: dims.inv + dims.var, length: dims.free };
}

function checkSlice(slice: DimSlice, dim: number): void {
  checkArg(Number.isInteger(dim) && dim > 0, 'dim', 'a positive integer', dim);
  checkArg(
    Number.isInteger(slice.offset) &&
      Number.isInteger(slice.length) &&
      slice.offset >= 0 &&
      slice.length > 0 &&
      slice.offset + slice.length <= dim,
    'slice',
    `a non-empty range of dims within ${dim}`,
    slice,
  );
}

/**
 * Cosine similarity of two vectors: `a·b / max(‖a‖‖b‖, 1e-8)` (0 for a zero vector).
 *
 * @param a - first vector
 * @param b - second vector of the same length
 * @throws InputError `E_ARGUMENT` when the lengths differ
 * @example
 * ```ts
 * import { cosineSimilarity } from 'scl-wear/scl';
 * cosineSimilarity(new Float32Array([1, 0]), new Float32Array([1, 1])); // 0.7071
 * ```
 */
export function cosineSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  checkArg(a.length === b.length, 'b', `a vector of ${a.length} values like a`, b);
  return cosineAt(a, 0, b, 0, a.length);
}

/**
 * Result of {@link phaseSimilarity}.
 *
 * @example
 * ```ts
 * import { phaseSimilarity } from 'scl-wear/scl';
 * const sim = phaseSimilarity(z, zShifted, n, 21, 64, { offset: 0, length: 32 });
 * console.log(sim.mean, sim.min, sim.worst, sim.meanCurve.length); // … 21
 * ```
 */
export interface PhaseSimilarity {
  /** Per shift: mean over windows of the cosine similarity (the curve). */
  readonly meanCurve: Float64Array;
  /** Per shift: the lowest similarity over windows. */
  readonly minCurve: Float64Array;
  /** Mean of the curve over the shift grid. */
  readonly mean: number;
  /** Minimum of the curve over the shift grid ("minimum over s"). */
  readonly min: number;
  /** Lowest similarity of any single window at any shift. */
  readonly worst: number;
}

/**
 * Similarity of each window's embedding with the embeddings of the same record cut later, on
 * a grid of shifts (usually over one cardiac cycle, see `shiftGrid`).
 *
 * @param base - unshifted embeddings, `[windows, dim]`
 * @param shifted - shifted embeddings, `[windows, shifts, dim]` (window-major)
 * @param windows - number of windows
 * @param shifts - number of shifts in the grid
 * @param dim - embedding size
 * @param slice - the dims compared (e.g. `{ offset: 0, length: dInv }`)
 * @throws InputError `E_ARGUMENT` for mismatched sizes
 * @example
 * ```ts
 * import { phaseSimilarity } from 'scl-wear/scl';
 * const { mean, min, meanCurve } = phaseSimilarity(z, zShifted, n, 21, 64, { offset: 0, length: 32 });
 * ```
 */
export function phaseSimilarity(
  base: Float32Array,
  shifted: Float32Array,
  windows: number,
  shifts: number,
  dim: number,
  slice: DimSlice,
): PhaseSimilarity {
  checkSlice(slice, dim);
  checkArg(Number.isInteger(windows) && windows > 0, 'windows', 'a positive integer', windows);
  checkArg(Number.isInteger(shifts) && shifts > 0, 'shifts', 'a positive integer', shifts);
  checkArg(base.length === windows * dim, 'base', `windows × dim = ${windows * dim} values`, base);
  checkArg(shifted.length === windows * shifts * dim, 'shifted', `windows × shifts × dim = ${windows * shifts * dim} values`, shifted);
  const meanCurve = new Float64Array(shifts);
  const minCurve = new Float64Array(shifts).fill(Infinity);
  for (let w = 0; w < windows; w++) {
    for (let s = 0; s < shifts; s++) {
      const c = cosineAt(base, w * dim + slice.offset, shifted, (w * shifts + s) * dim + slice.offset, slice.length);
      meanCurve[s]! += c / windows;
      if (c < minCurve[s]!) minCurve[s] = c;
    }
  }
  let mean = 0;
  let min = Infinity;
  let worst = Infinity;
  for (let s = 0; s < shifts; s++) {
    mean += meanCurve[s]! / shifts;
    min = Math.min(min, meanCurve[s]!);
    worst = Math.min(worst, minCurve[s]!);
  }
  return { meanCurve, minCurve, mean, min, worst };
}

/**
 * Shift-robust retrieval: for each query (a window cut later), is its nearest neighbour by
 * cosine among the gallery (the unshifted windows of all records) from the same record?
 *
 * @param queries - `[nq, dim]`
 * @param queryGroup - record (or class) of each query
 * @param gallery - `[ng, dim]`
 * @param galleryGroup - record of each gallery window
 * @param dim - embedding size
 * @param slice - the dims compared
 * @returns top-1 accuracy as a fraction in [0, 1]
 * @throws InputError `E_ARGUMENT` for mismatched sizes or an empty gallery
 * @example
 * ```ts
 * import { retrievalTop1 } from 'scl-wear/scl';
 * const top1 = retrievalTop1(zLater, rec, z, rec, 64, { offset: 0, length: 32 });
 * ```
 */
export function retrievalTop1(
  queries: Float32Array,
  queryGroup: ArrayLike<number>,
  gallery: Float32Array,
  galleryGroup: ArrayLike<number>,
  dim: number,
  slice: DimSlice,
): number {
  checkSlice(slice, dim);
  const nq = queryGroup.length;
  const ng = galleryGroup.length;
  checkArg(nq > 0 && queries.length === nq * dim, 'queries', `${nq} rows of ${dim} values`, queries);
  checkArg(ng > 0 && gallery.length === ng * dim, 'gallery', `${ng} rows of ${dim} values`, gallery);
  let hits = 0;
  for (let q = 0; q < nq; q++) {
    let best = -Infinity;
    let bestGroup = NaN;
    for (let g = 0; g < ng; g++) {
      const c = cosineAt(queries, q * dim + slice.offset, gallery, g * dim + slice.offset, slice.length);
      if (c > best) {
        best = c;
        bestGroup = galleryGroup[g] as number;
      }
    }
    if (bestGroup === queryGroup[q]) hits++;
  }
  return hits / nq;
}
