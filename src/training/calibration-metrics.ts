/** Softmax of `[rows, k]` logits over a temperature, as a new array. */
export function softmaxRows(logits: Float32Array, k: number, temperature = 1): Float32Array {
  const out = new Float32Array(logits.length);
  for (let r = 0; r < logits.length / k; r++) {
    let max = -Infinity;
    for (let c = 0; c < k; c++) max = Math.max(max, logits[r * k + c]! / temperature);
    let sum = 0;
    for (let c = 0; c < k; c++) sum += out[r * k + c] = Math.exp(logits[r * k + c]! / temperature - max);
    for (let c = 0; c < k; c++) out[r * k + c]! /= sum;
  }
  return out;
}

/** Mean negative log-likelihood of the true labels under `softmax(logits / T)`. */
export function nll(logits: Float32Array, k: number, y: ArrayLike<number>, temperature: number): number {
  const p = softmaxRows(logits, k, temperature);
  let s = 0;
  for (let r = 0; r < y.length; r++) s -= Math.log(Math.max(1e-12, p[r * k + y[r]!]!));
  return s / y.length;
}

/**
 * Temperature scaling: the T in [0.25, 8] (log grid, then refined) that minimises the NLL of
 * held-out labels. Fit it on validation windows of training subjects, never on test subjects.
 *
 * @param logits - `[rows, k]`
 * @param k - classes
 * @param y - true class per row
 * @example
 * ```ts
 * import { fitTemperature } from 'scl-wear/train';
 * const t = fitTemperature(valLogits, 6, valLabels); // on validation subjects
 * const calibrated = testLogits.map((v) => v / t); // softmax of these is calibrated
 * ```
 */
export function fitTemperature(logits: Float32Array, k: number, y: ArrayLike<number>): number {
  return bestOnGrid((t) => nll(logits, k, y, t));
}

/** The T on the log grid 2^-2 … 2^3 (steps of 2^0.05) with the smallest loss, rounded to 1e-3. */
function bestOnGrid(loss: (t: number) => number): number {
  let best = 1;
  let bestLoss = Infinity;
  for (let e = -2; e <= 3; e += 0.05) {
    const t = 2 ** e;
    const l = loss(t);
    if (l < bestLoss) {
      bestLoss = l;
      best = t;
    }
  }
  return Math.round(best * 1000) / 1000;
}

/**
 * One temperature for several held-out sets (for example two devices): the T that minimises the
 * largest expected calibration error among them, so that no set is left badly calibrated for the
 * sake of the others (a pooled NLL fit favours the larger or easier set).
 *
 * @param parts - `[rows, k]` logits and true classes of each set
 * @param k - classes
 * @internal
 */
export function fitWorstCaseTemperature(parts: readonly { logits: Float32Array; y: ArrayLike<number> }[], k: number): number {
  return bestOnGrid((t) => Math.max(...parts.map((p) => expectedCalibrationError(softmaxRows(p.logits, k, t), k, p.y))));
}

/**
 * Expected calibration error (15 equal-width confidence bins): the weighted mean gap between
 * accuracy and mean confidence of the top class, as a fraction.
 *
 * @param probs - `[rows, k]` probabilities
 * @param k - classes
 * @param y - true class per row
 * @param bins - confidence bins (default 15)
 * @example
 * ```ts
 * import { expectedCalibrationError } from 'scl-wear/train';
 * // 4 rows of 2-class probabilities; the second row is wrong with confidence 0.6.
 * expectedCalibrationError(new Float32Array([0.9, 0.1, 0.6, 0.4, 0.8, 0.2, 0.3, 0.7]), 2, [0, 1, 0, 1]); // 0.3
 * ```
 */
export function expectedCalibrationError(probs: Float32Array, k: number, y: ArrayLike<number>, bins = 15): number {
  const conf = new Float64Array(bins);
  const hit = new Float64Array(bins);
  const count = new Float64Array(bins);
  for (let r = 0; r < y.length; r++) {
    let arg = 0;
    for (let c = 1; c < k; c++) if (probs[r * k + c]! > probs[r * k + arg]!) arg = c;
    const p = probs[r * k + arg]!;
    const b = Math.min(bins - 1, Math.floor(p * bins));
    conf[b]! += p;
    hit[b]! += arg === y[r] ? 1 : 0;
    count[b]!++;
  }
  let e = 0;
  for (let b = 0; b < bins; b++) if (count[b]) e += Math.abs(hit[b]! - conf[b]!) / y.length;
  return e;
}
