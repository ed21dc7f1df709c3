/**
 * Rotates one 3-axis vector per frame by a row-major 3×3 matrix, `v' = R v`, over strided
 * memory: axis `k` of frame `t` lies at `first + k * axisStride + t * frameStride` in both `x`
 * and `out`. Works in place when `out === x`; allocates nothing. The one SO(3) kernel behind
 * both the live `rotateTriads` operator (interleaved batches) and the window transforms
 * (interleaved or planar windows).
 *
 * @param x - source values
 * @param out - destination (may be `x`)
 * @param first - index of axis 0 of frame 0
 * @param axisStride - distance between the three axes of one frame
 * @param frameStride - distance between consecutive frames
 * @param frames - number of frames to rotate
 * @param r - the matrix entries, row-major, starting at `ro`
 * @param ro - offset of the first matrix entry in `r`
 */
export function rotateTriad(
  x: ArrayLike<number>,
  out: Float32Array,
  first: number,
  axisStride: number,
  frameStride: number,
  frames: number,
  r: ArrayLike<number>,
  ro: number,
): void {
  const r0 = r[ro] as number,
    r1 = r[ro + 1] as number,
    r2 = r[ro + 2] as number;
  const r3 = r[ro + 3] as number,
    r4 = r[ro + 4] as number,
    r5 = r[ro + 5] as number;
  const r6 = r[ro + 6] as number,
    r7 = r[ro + 7] as number,
    r8 = r[ro + 8] as number;
  const s = axisStride;
  for (let t = 0, i = first; t < frames; t++, i += frameStride) {
    const a = x[i] as number,
      b = x[i + s] as number,
      d = x[i + 2 * s] as number;
    out[i] = r0 * a + r1 * b + r2 * d;
    out[i + s] = r3 * a + r4 * b + r5 * d;
    out[i + 2 * s] = r6 * a + r7 * b + r8 * d;
  }
}
