// The two principal axes of a set of points, by power iteration with deflation, in workspace
// allocated once per dimension (the embedding views refit them on every new window).

export class Pca2 {
  /** Mean of the points fitted. */
  readonly mean: Float64Array;
  /** First and second principal axes (unit length). */
  readonly axes: [Float64Array, Float64Array];
  private readonly w: Float64Array;

  constructor(readonly dim: number) {
    this.mean = new Float64Array(dim);
    this.axes = [new Float64Array(dim), new Float64Array(dim)];
    this.w = new Float64Array(dim);
  }

  /** Fits the axes to the first `count` rows of `points` (row-major, `dim` values a row). */
  fit(points: Float32Array, count: number): void {
    const { dim, mean, w } = this;
    mean.fill(0);
    for (let r = 0; r < count; r++) for (let i = 0; i < dim; i++) mean[i] = mean[i]! + points[r * dim + i]! / count;
    for (let k = 0; k < 2; k++) {
      const v = this.axes[k]!;
      for (let i = 0; i < dim; i++) v[i] = 1 / Math.sqrt(dim) + (i === k ? 0.5 : 0);
      for (let it = 0; it < 40; it++) {
        // w = C v without forming C: Σ (p − m) ((p − m) · v)
        w.fill(0);
        for (let r = 0; r < count; r++) {
          let d = 0;
          for (let i = 0; i < dim; i++) d += (points[r * dim + i]! - mean[i]!) * v[i]!;
          for (let i = 0; i < dim; i++) w[i] = w[i]! + (points[r * dim + i]! - mean[i]!) * d;
        }
        if (k === 1) {
          const u = this.axes[0];
          let d = 0;
          for (let i = 0; i < dim; i++) d += u[i]! * w[i]!;
          for (let i = 0; i < dim; i++) w[i] = w[i]! - d * u[i]!;
        }
        let n = 0;
        for (let i = 0; i < dim; i++) n += w[i]! * w[i]!;
        n = Math.sqrt(n) || 1;
        for (let i = 0; i < dim; i++) v[i] = w[i]! / n;
      }
      // A fixed sign keeps the picture from flipping between updates.
      let big = 0;
      for (let i = 1; i < dim; i++) if (Math.abs(v[i]!) > Math.abs(v[big]!)) big = i;
      if (v[big]! < 0) for (let i = 0; i < dim; i++) v[i] = -v[i]!;
    }
  }

  /** Coordinate of row `r` of `points` along axis `k` (0 or 1), around the mean. */
  project(points: Float32Array, r: number, k: 0 | 1): number {
    const { dim, mean } = this;
    const a = this.axes[k];
    let s = 0;
    for (let i = 0; i < dim; i++) s += (points[r * dim + i]! - mean[i]!) * a[i]!;
    return s;
  }
}
