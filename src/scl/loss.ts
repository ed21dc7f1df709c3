import { checkArg } from '../errors.js';
import { COSINE_EPS, cosineAt } from './cosine.js';

/**
 * Sizes of the three groups of latent dimensions, in this order: `inv`, `var`, `free`.
 *
 * @example
 * ```ts
 * import { sclLoss, latentSlice } from 'scl-wear/scl';
 * const dims = { inv: 32, var: 8, free: 24 }; // a 64-dim embedding
 * const { loss } = sclLoss(z, zT, 64, dims);
 * latentSlice(dims, 'var'); // { offset: 32, length: 8 }
 * ```
 */
export interface SclDims {
  /** Invariant dims (first `inv` entries of z). */
  readonly inv: number;
  /** Variant dims (the next `var` entries). */
  readonly var: number;
  /** Free dims (the last `free` entries). */
  readonly free: number;
}

/**
 * Options of {@link sclLoss}.
 *
 * @example
 * ```ts
 * import { sclLoss } from 'scl-wear/scl';
 * const perWindow = new Float64Array(64);
 * // β = 0.5; negatives only from other subjects; each window's loss written to perWindow.
 * const { loss } = sclLoss(z, zT, 64, { inv: 32, var: 8, free: 24 }, { beta: 0.5, groups: subjectOf, perWindow });
 * ```
 */
export interface SclLossOptions {
  /** Strength of the variant term; 0 turns the variant mechanism off. Default 1. */
  readonly beta?: number;
  /** Added to the denominator so the ratio cannot explode. Default 1e-3. */
  readonly eps?: number;
  /**
   * Optional group id per window (subject, record or class): window j is a negative of window
   * i only when `groups[j] !== groups[i]`. Default: every other window is a negative.
   */
  readonly groups?: ArrayLike<number>;
  /** Optional output: the loss of each window (NaN for windows without a negative). */
  readonly perWindow?: Float64Array;
}

/**
 * Value of {@link sclLoss}: the loss and its three distance terms, each a batch mean.
 *
 * @example
 * ```ts
 * import { sclLoss } from 'scl-wear/scl';
 * const r = sclLoss(z, zT, 64, { inv: 32, var: 8, free: 24 });
 * console.log(r.loss, r.dInvPos, r.dVarPos, r.dInvNeg, `${r.windows} windows`);
 * ```
 */
export interface SclLossResult {
  /** Mean over windows of L_scl. */
  readonly loss: number;
  /** Mean D(z_inv(x), z_inv(Tx)): invariant distance of positives (want → 0). */
  readonly dInvPos: number;
  /** Mean D(z_var(x), z_var(Tx)): variant distance of positives (want large). */
  readonly dVarPos: number;
  /** Mean over windows of the mean D(z_inv(x), z_inv(x⁻)) over its negatives (want large). */
  readonly dInvNeg: number;
  /** Windows that had at least one negative and entered the means. */
  readonly windows: number;
}

/**
 * The Structured Contrastive Learning loss on precomputed embeddings (the reference the
 * training code is tested against). For window i with anchor z_i and positive zT_i:
 *
 *     L_i = D(z_inv_i, zT_inv_i) / ( (1 + β·D(z_var_i, zT_var_i)) · mean_j D(z_inv_i, z_inv_j) + ε )
 *
 * with D(a, b) = 1 − a·b / max(‖a‖‖b‖, 1e-8) the cosine distance and j running over the other
 * windows of the batch (in-batch negatives, optionally restricted to other groups). The
 * result is the mean over windows. An empty group (`inv` or `var` = 0) has distance 1.
 *
 * @param z - anchors, `[batch, inv + var + free]` row-major
 * @param zT - positives (embeddings of the transformed windows), same layout
 * @param batch - number of windows, at least 2
 * @param dims - sizes of the inv / var / free groups
 * @param options - β, ε, negative groups, per-window output
 * @returns the loss and the three distance terms (batch means)
 * @throws InputError `E_ARGUMENT` for a bad batch, dims, β, ε or groups, or when `z` or `zT`
 *   does not hold `batch` rows of `inv + var + free` values
 * @example
 * ```ts
 * import { sclLoss } from 'scl-wear/scl';
 * const { loss, dInvPos, dVarPos, dInvNeg } = sclLoss(z, zT, 64, { inv: 32, var: 8, free: 24 }, { beta: 1, eps: 1e-3 });
 * ```
 */
export function sclLoss(z: Float32Array, zT: Float32Array, batch: number, dims: SclDims, options: SclLossOptions = {}): SclLossResult {
  const { inv, var: nVar, free } = dims;
  const beta = options.beta ?? 1;
  const eps = options.eps ?? 1e-3;
  const groups = options.groups;
  const perWindow = options.perWindow;
  checkArg(Number.isInteger(batch) && batch >= 2, 'batch', 'an integer ≥ 2 (negatives come from the batch)', batch);
  for (const [k, v] of [
    ['dims.inv', inv],
    ['dims.var', nVar],
    ['dims.free', free],
  ] as const) {
    checkArg(Number.isInteger(v) && v >= 0, k, 'a non-negative integer', v);
  }
  const d = inv + nVar + free;
  checkArg(d > 0, 'dims', 'at least one dimension', dims);
  checkArg(z.length === batch * d, 'z', `a Float32Array of batch × ${d} = ${batch * d} values`, z);
  checkArg(zT.length === batch * d, 'zT', `a Float32Array of batch × ${d} = ${batch * d} values`, zT);
  checkArg(Number.isFinite(beta) && beta >= 0, 'options.beta', 'a finite number ≥ 0', beta);
  checkArg(Number.isFinite(eps) && eps >= 0, 'options.eps', 'a finite number ≥ 0', eps);
  checkArg(!groups || groups.length === batch, 'options.groups', `${batch} group ids`, groups);
  checkArg(!perWindow || perWindow.length >= batch, 'options.perWindow', `at least ${batch} entries`, perWindow);

  // Squared norms of the anchors' invariant parts, reused by all B² negative pairs.
  const invNorm2 = new Float64Array(batch);
  for (let i = 0; i < batch; i++) {
    let s = 0;
    for (let k = 0, o = i * d; k < inv; k++) s += (z[o + k] as number) ** 2;
    invNorm2[i] = s;
  }
  let sumLoss = 0;
  let sumPos = 0;
  let sumVar = 0;
  let sumNeg = 0;
  let windows = 0;
  for (let i = 0; i < batch; i++) {
    const oi = i * d;
    let neg = 0;
    let count = 0;
    for (let j = 0; j < batch; j++) {
      if (j === i || (groups && groups[j] === groups[i])) continue;
      const oj = j * d;
      let dot = 0;
      for (let k = 0; k < inv; k++) dot += (z[oi + k] as number) * (z[oj + k] as number);
      neg += 1 - dot / Math.max(Math.sqrt((invNorm2[i] as number) * (invNorm2[j] as number)), COSINE_EPS);
      count++;
    }
    if (count === 0) {
      if (perWindow) perWindow[i] = NaN;
      continue;
    }
    const dNeg = neg / count;
    const dPos = 1 - cosineAt(z, oi, zT, oi, inv);
    const dVar = 1 - cosineAt(z, oi + inv, zT, oi + inv, nVar);
    const li = dPos / ((1 + beta * dVar) * dNeg + eps);
    if (perWindow) perWindow[i] = li;
    sumLoss += li;
    sumPos += dPos;
    sumVar += dVar;
    sumNeg += dNeg;
    windows++;
  }
  const n = Math.max(windows, 1);
  return { loss: sumLoss / n, dInvPos: sumPos / n, dVarPos: sumVar / n, dInvNeg: sumNeg / n, windows };
}
