/**
 * Dot product of `taps` weights from `w[row…]` with samples `x[h], x[h + stride], …`, with four
 * accumulators so the multiply-adds overlap (the resampler's inner loop). Internal.
 *
 * @param w - weights
 * @param row - index of the first weight
 * @param x - samples (interleaved)
 * @param h - index of the first sample
 * @param taps - number of products
 * @param stride - distance between samples (the channel count)
 */
export function dot(w: Float64Array, row: number, x: Float32Array, h: number, taps: number, stride: number): number {
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let a3 = 0;
  let i = 0;
  if (stride === 1) {
    for (; i + 3 < taps; i += 4, h += 4) {
      a0 += w[row + i]! * x[h]!;
      a1 += w[row + i + 1]! * x[h + 1]!;
      a2 += w[row + i + 2]! * x[h + 2]!;
      a3 += w[row + i + 3]! * x[h + 3]!;
    }
  } else {
    const s2 = 2 * stride;
    const s3 = 3 * stride;
    const s4 = 4 * stride;
    for (; i + 3 < taps; i += 4, h += s4) {
      a0 += w[row + i]! * x[h]!;
      a1 += w[row + i + 1]! * x[h + stride]!;
      a2 += w[row + i + 2]! * x[h + s2]!;
      a3 += w[row + i + 3]! * x[h + s3]!;
    }
  }
  for (; i < taps; i++, h += stride) a0 += w[row + i]! * x[h]!;
  return a0 + a1 + (a2 + a3);
}
