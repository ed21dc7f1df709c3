import { checkArg, InputError } from '../errors.js';

/**
 * Input of {@link linearProbe} and {@link linearProbeAccuracy}.
 *
 * @example
 * ```ts
 * import { linearProbe } from 'scl-wear/scl';
 * // 5 rows of 2 features; the first 3 fit the probe, the last 2 are scored.
 * const data = { features: [0, 1, 1, 0, 1, 1, 2, 1, 0, 2], rows: 5, dim: 2, isTrain: [1, 1, 1, 0, 0], lambda: 0 };
 * linearProbe(data, [1, 1, 2, 3, 2]).r2; // 1: the target is the sum of the features
 * ```
 */
export interface ProbeData {
  /** Features, `[rows, dim]` row-major (e.g. z_var of each window, or a pair difference). */
  readonly features: ArrayLike<number>;
  /** Number of rows. */
  readonly rows: number;
  /** Features per row. */
  readonly dim: number;
  /** 1 (or true) for rows the probe is fitted on; the others are scored. */
  readonly isTrain: ArrayLike<number | boolean>;
  /** Ridge penalty λ on the (centred) weights. Default 1e-3 × rows in the training set. */
  readonly lambda?: number;
}

/**
 * Result of {@link linearProbe}.
 *
 * @example
 * ```ts
 * import { linearProbe } from 'scl-wear/scl';
 * const data = { features: [0, 1, 1, 0, 1, 1, 2, 1, 0, 2], rows: 5, dim: 2, isTrain: [1, 1, 1, 0, 0], lambda: 0 };
 * const { r2, rmse, weights } = linearProbe(data, [1, 1, 2, 3, 2]);
 * // r2 ≈ 1, rmse ≈ 0, weights ≈ [1, 1, 0] (two feature weights, then the intercept)
 * ```
 */
export interface ProbeResult {
  /** Coefficient of determination on the held-out rows, averaged over outputs. */
  readonly r2: number;
  /** Root mean squared error on the held-out rows, averaged over outputs. */
  readonly rmse: number;
  /** Weights `[dim + 1, outputs]`, the last row the intercept. */
  readonly weights: Float64Array;
}

/** Solves the ridge normal equations on the training rows: weights `[dim + 1, k]`. */
function fitRidge(data: ProbeData, y: ArrayLike<number>, k: number): Float64Array {
  const { features: x, rows, dim: p, isTrain } = data;
  checkArg(Number.isInteger(rows) && rows > 0 && Number.isInteger(p) && p > 0, 'rows, dim', 'positive integers', { rows, dim: p });
  checkArg(x.length === rows * p, 'features', `rows × dim = ${rows * p} values`, x);
  checkArg(isTrain.length === rows, 'isTrain', `${rows} flags`, isTrain);
  const mx = new Float64Array(p);
  const my = new Float64Array(k);
  let nt = 0;
  for (let i = 0; i < rows; i++) {
    if (!isTrain[i]) continue;
    nt++;
    for (let a = 0; a < p; a++) mx[a]! += x[i * p + a] as number;
    for (let c = 0; c < k; c++) my[c]! += y[i * k + c] as number;
  }
  checkArg(nt > 0 && nt < rows, 'isTrain', 'some training rows and some held-out rows', nt);
  for (let a = 0; a < p; a++) mx[a]! /= nt;
  for (let c = 0; c < k; c++) my[c]! /= nt;
  const lambda = data.lambda ?? 1e-3 * nt;
  checkArg(Number.isFinite(lambda) && lambda >= 0, 'lambda', 'a finite number ≥ 0', lambda);
  // A = XcᵀXc + λI, B = XcᵀYc on centred training rows.
  const A = new Float64Array(p * p);
  const B = new Float64Array(p * k);
  const xi = new Float64Array(p);
  for (let i = 0; i < rows; i++) {
    if (!isTrain[i]) continue;
    for (let a = 0; a < p; a++) xi[a] = (x[i * p + a] as number) - mx[a]!;
    for (let a = 0; a < p; a++) {
      for (let b = 0; b <= a; b++) A[a * p + b]! += xi[a]! * xi[b]!;
      for (let c = 0; c < k; c++) B[a * k + c]! += xi[a]! * ((y[i * k + c] as number) - my[c]!);
    }
  }
  for (let a = 0; a < p; a++) A[a * p + a]! += lambda + 1e-12 * (A[a * p + a]! + 1);
  // Cholesky A = LLᵀ in the lower triangle, then two triangular solves per output.
  for (let j = 0; j < p; j++) {
    let s = A[j * p + j]!;
    for (let m = 0; m < j; m++) s -= A[j * p + m]! ** 2;
    if (!(s > 0))
      throw new InputError('E_ARGUMENT', 'probe features are degenerate: add a ridge penalty (lambda > 0)', {
        details: { argument: 'lambda' },
      });
    const l = Math.sqrt(s);
    A[j * p + j] = l;
    for (let i = j + 1; i < p; i++) {
      let t = A[i * p + j]!;
      for (let m = 0; m < j; m++) t -= A[i * p + m]! * A[j * p + m]!;
      A[i * p + j] = t / l;
    }
  }
  const w = new Float64Array((p + 1) * k);
  for (let c = 0; c < k; c++) {
    for (let i = 0; i < p; i++) {
      let t = B[i * k + c]!;
      for (let m = 0; m < i; m++) t -= A[i * p + m]! * xi[m]!;
      xi[i] = t / A[i * p + i]!;
    }
    for (let i = p - 1; i >= 0; i--) {
      let t = xi[i]!;
      for (let m = i + 1; m < p; m++) t -= A[m * p + i]! * w[m * k + c]!;
      w[i * k + c] = t / A[i * p + i]!;
    }
    let b = my[c]!;
    for (let a = 0; a < p; a++) b -= mx[a]! * w[a * k + c]!;
    w[p * k + c] = b;
  }
  return w;
}

function predict(data: ProbeData, w: Float64Array, k: number, i: number, c: number): number {
  const p = data.dim;
  let v = w[p * k + c]!;
  for (let a = 0; a < p; a++) v += (data.features[i * p + a] as number) * w[a * k + c]!;
  return v;
}

/**
 * Linear probe by closed-form ridge regression: fits `target ≈ W·features + b` on the training
 * rows and reports R² on the held-out rows. Used to show which latent dims encode the applied
 * transform (shift fraction, rotation angle).
 *
 * @param data - features, split and ridge penalty
 * @param targets - `[rows, outputs]` row-major
 * @param outputs - targets per row (default 1)
 * @throws InputError `E_ARGUMENT` for mismatched sizes, an empty split or degenerate features
 * @example
 * ```ts
 * import { linearProbe } from 'scl-wear/scl';
 * const { r2 } = linearProbe({ features: zVar, rows: n, dim: 8, isTrain }, shiftFraction);
 * ```
 */
export function linearProbe(data: ProbeData, targets: ArrayLike<number>, outputs = 1): ProbeResult {
  checkArg(Number.isInteger(outputs) && outputs > 0, 'outputs', 'a positive integer', outputs);
  checkArg(targets.length === data.rows * outputs, 'targets', `rows × outputs = ${data.rows * outputs} values`, targets);
  const w = fitRidge(data, targets, outputs);
  let r2 = 0;
  let rmse = 0;
  for (let c = 0; c < outputs; c++) {
    let n = 0;
    let mean = 0;
    for (let i = 0; i < data.rows; i++) {
      if (!data.isTrain[i]) {
        mean += targets[i * outputs + c] as number;
        n++;
      }
    }
    mean /= n;
    let res = 0;
    let tot = 0;
    for (let i = 0; i < data.rows; i++) {
      if (data.isTrain[i]) continue;
      const t = targets[i * outputs + c] as number;
      res += (t - predict(data, w, outputs, i, c)) ** 2;
      tot += (t - mean) ** 2;
    }
    r2 += (tot > 0 ? 1 - res / tot : res === 0 ? 1 : 0) / outputs;
    rmse += Math.sqrt(res / n) / outputs;
  }
  return { r2, rmse, weights: w };
}

/**
 * Linear probe for classes: one-vs-rest ridge regression on one-hot targets, arg-max
 * prediction; returns the accuracy on the held-out rows as a fraction.
 *
 * @param data - features, split and ridge penalty
 * @param labels - class per row, 0 … classes − 1
 * @param classes - number of classes
 * @throws InputError `E_ARGUMENT` for mismatched sizes or labels out of range
 * @example
 * ```ts
 * import { linearProbeAccuracy } from 'scl-wear/scl';
 * const acc = linearProbeAccuracy({ features: zInv, rows: n, dim: 32, isTrain }, subject, 30);
 * ```
 */
export function linearProbeAccuracy(data: ProbeData, labels: ArrayLike<number>, classes: number): number {
  checkArg(labels.length === data.rows, 'labels', `${data.rows} labels`, labels);
  checkArg(Number.isInteger(classes) && classes > 1, 'classes', 'an integer ≥ 2', classes);
  const y = new Float64Array(data.rows * classes);
  for (let i = 0; i < data.rows; i++) {
    const c = labels[i] as number;
    checkArg(Number.isInteger(c) && c >= 0 && c < classes, 'labels', `classes in 0..${classes - 1}`, c);
    y[i * classes + c] = 1;
  }
  const w = fitRidge(data, y, classes);
  let hits = 0;
  let n = 0;
  for (let i = 0; i < data.rows; i++) {
    if (data.isTrain[i]) continue;
    n++;
    let best = 0;
    for (let c = 1; c < classes; c++) if (predict(data, w, classes, i, c) > predict(data, w, classes, i, best)) best = c;
    if (best === labels[i]) hits++;
  }
  return hits / n;
}

/**
 * Probe features of a pair of embedding slices (a window and its transformed view): with both
 * slices scaled to unit length, `[â ⊙ b̂, (â − b̂)²]` (2n values). Their sums are the cosine and
 * twice the cosine distance, so a linear probe on them can read how far, and along which dims,
 * the transform moved the embedding; raw concatenation cannot (that is bilinear).
 *
 * @param a - first array
 * @param ai - offset of the slice in `a`
 * @param b - second array
 * @param bi - offset of the slice in `b`
 * @param n - slice length
 * @param out - destination of `2n` values from `oi`
 * @param oi - offset in `out`
 * @example
 * ```ts
 * import { pairFeatures } from 'scl-wear/scl';
 * const f = new Float32Array(2 * 16);
 * pairFeatures(z, 32, zRotated, 32, 16, f, 0); // the var dims of one window pair
 * ```
 */
export function pairFeatures(
  a: ArrayLike<number>,
  ai: number,
  b: ArrayLike<number>,
  bi: number,
  n: number,
  out: Float32Array | Float64Array,
  oi: number,
): void {
  let na = 0;
  let nb = 0;
  for (let k = 0; k < n; k++) {
    na += (a[ai + k] as number) ** 2;
    nb += (b[bi + k] as number) ** 2;
  }
  const sa = 1 / Math.max(Math.sqrt(na), 1e-8);
  const sb = 1 / Math.max(Math.sqrt(nb), 1e-8);
  for (let k = 0; k < n; k++) {
    const x = (a[ai + k] as number) * sa;
    const y = (b[bi + k] as number) * sb;
    out[oi + k] = x * y;
    out[oi + n + k] = (x - y) ** 2;
  }
}
