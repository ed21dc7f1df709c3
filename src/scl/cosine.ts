/**
 * Smallest norm product used by every cosine in the SDK: `cos(a, b) = a·b / max(‖a‖‖b‖, 1e-8)`.
 * A zero vector therefore has cosine 0 with everything (cosine distance 1), as in PyTorch's
 * `cosine_similarity`.
 */
export const COSINE_EPS = 1e-8;

/**
 * Cosine similarity of two equal-length slices, without allocating.
 *
 * @param a - first array
 * @param ai - offset of the first slice in `a`
 * @param b - second array
 * @param bi - offset of the second slice in `b`
 * @param n - slice length
 * @internal
 */
export function cosineAt(a: ArrayLike<number>, ai: number, b: ArrayLike<number>, bi: number, n: number): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let k = 0; k < n; k++) {
    const x = a[ai + k] as number;
    const y = b[bi + k] as number;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return dot / Math.max(Math.sqrt(na * nb), COSINE_EPS);
}
