/**
 * The classifier head trained on device: softmax regression (`hidden` = 0) or a one-hidden-layer
 * ReLU MLP, over standardised embedding features. Parameters live in one flat Float32Array:
 *
 * - `hidden` = 0: `W` (classes × inputDim, row-major), then `b` (classes);
 * - `hidden` > 0: `W1` (hidden × inputDim), `b1` (hidden), `W2` (classes × hidden), `b2` (classes).
 *
 * Forward and backward passes loop over typed arrays and allocate nothing.
 */

/**
 * Sizes of a head: input features, hidden units (0 for softmax regression) and classes.
 *
 * @example
 * ```ts
 * import type { HeadParams, HeadShape } from 'scl-wear';
 * const shape: HeadShape = (checkpoint.head as HeadParams).shape;
 * console.log(`${shape.inputDim} features → ${shape.hidden} hidden → ${shape.classes} classes`);
 * ```
 */
export interface HeadShape {
  /** Features per example. */
  readonly inputDim: number;
  /** Hidden units; 0 for softmax regression. */
  readonly hidden: number;
  /** Number of classes. */
  readonly classes: number;
}

/** Number of parameters of a head. */
export function paramCount(s: HeadShape): number {
  const { inputDim: d, hidden: h, classes: k } = s;
  return h === 0 ? k * d + k : h * d + h + k * h + k;
}

/** Scratch buffers for one example's activations. */
export interface HeadScratch {
  readonly pre: Float64Array;
  readonly act: Float64Array;
  readonly logits: Float64Array;
  /** Gradient of the loss with respect to the hidden activations. */
  readonly dact: Float64Array;
}

/** Allocates the scratch buffers of {@link headLogits}. */
export function headScratch(s: HeadShape): HeadScratch {
  return {
    pre: new Float64Array(s.hidden),
    act: new Float64Array(s.hidden),
    logits: new Float64Array(s.classes),
    dact: new Float64Array(s.hidden),
  };
}

/**
 * Computes the class probabilities of one example into `sc.logits` (overwritten by the softmax).
 *
 * @param s - head sizes
 * @param p - parameters
 * @param x - all examples, row-major
 * @param row - index of the example
 * @param sc - scratch; `sc.act` holds the hidden activations afterwards
 */
export function headProbs(s: HeadShape, p: Float32Array, x: Float32Array, row: number, sc: HeadScratch): Float64Array {
  const { inputDim: d, hidden: h, classes: k } = s;
  const xo = row * d;
  const z = sc.logits;
  if (h === 0) {
    for (let c = 0; c < k; c++) {
      let acc = p[k * d + c]!;
      for (let j = 0, wo = c * d; j < d; j++) acc += p[wo + j]! * x[xo + j]!;
      z[c] = acc;
    }
  } else {
    const b1 = h * d;
    const w2 = b1 + h;
    const b2 = w2 + k * h;
    for (let u = 0; u < h; u++) {
      let acc = p[b1 + u]!;
      for (let j = 0, wo = u * d; j < d; j++) acc += p[wo + j]! * x[xo + j]!;
      sc.pre[u] = acc;
      sc.act[u] = acc > 0 ? acc : 0;
    }
    for (let c = 0; c < k; c++) {
      let acc = p[b2 + c]!;
      for (let u = 0, wo = w2 + c * h; u < h; u++) acc += p[wo + u]! * sc.act[u]!;
      z[c] = acc;
    }
  }
  let max = -Infinity;
  for (let c = 0; c < k; c++) if (z[c]! > max) max = z[c]!;
  let sum = 0;
  for (let c = 0; c < k; c++) sum += z[c] = Math.exp(z[c]! - max);
  for (let c = 0; c < k; c++) z[c]! /= sum;
  return z;
}

/**
 * Adds one example's cross-entropy gradient, scaled by `scale`, to `g`, after {@link headProbs}
 * ran on it with the same scratch.
 *
 * @returns the example's loss, −log p(label)
 */
export function headBackward(
  s: HeadShape,
  p: Float32Array,
  x: Float32Array,
  row: number,
  label: number,
  sc: HeadScratch,
  g: Float64Array,
  scale: number,
): number {
  const { inputDim: d, hidden: h, classes: k } = s;
  const xo = row * d;
  const probs = sc.logits;
  const loss = -Math.log(Math.max(probs[label]!, 1e-300));
  if (h === 0) {
    for (let c = 0; c < k; c++) {
      const dz = (probs[c]! - (c === label ? 1 : 0)) * scale;
      g[k * d + c]! += dz;
      for (let j = 0, wo = c * d; j < d; j++) g[wo + j]! += dz * x[xo + j]!;
    }
    return loss;
  }
  const b1 = h * d;
  const w2 = b1 + h;
  const b2 = w2 + k * h;
  const dact = sc.dact.fill(0);
  for (let c = 0; c < k; c++) {
    const dz = (probs[c]! - (c === label ? 1 : 0)) * scale;
    g[b2 + c]! += dz;
    for (let u = 0, wo = w2 + c * h; u < h; u++) {
      g[wo + u]! += dz * sc.act[u]!;
      dact[u]! += dz * p[wo + u]!;
    }
  }
  for (let u = 0; u < h; u++) {
    if (sc.act[u]! <= 0) continue; // ReLU: no gradient where the unit is off
    const du = dact[u]!;
    g[b1 + u]! += du;
    for (let j = 0, wo = u * d; j < d; j++) g[wo + j]! += du * x[xo + j]!;
  }
  return loss;
}

/**
 * Whether parameter `i` is a weight (decayed) rather than a bias.
 *
 * @param s - head sizes
 * @param i - parameter index
 */
export function isWeight(s: HeadShape, i: number): boolean {
  const { inputDim: d, hidden: h, classes: k } = s;
  if (h === 0) return i < k * d;
  return i < h * d || (i >= h * d + h && i < h * d + h + k * h);
}
