// Two scatter plots of one encoder's embeddings, the invariant part beside the variant part.
// Grey: recent windows. Orange: the current window under several transforms (phase shifts or
// rotations). Each part is scaled to unit length (the encoders are compared by cosine), then
// projected on the two principal axes of the points shown, at a fixed scale: a distance of 1 on
// the plot is a distance of 1 between unit vectors, so both plots can be compared by eye.
//
// The number under each plot is the mean cosine similarity of the transformed copies with the
// current window: near 1, the transform does not move this part; near 0, it does.
import { cosineSimilarity } from 'scl-wear';

const HISTORY = 120;
/** Half the plot's width, in unit-vector distance. */
const RADIUS = 1.2;

function unit(v: Float32Array): Float32Array {
  let n = 0;
  for (let i = 0; i < v.length; i++) n += v[i]! * v[i]!;
  n = Math.sqrt(n) || 1;
  return v.map((x) => x / n);
}

/** Top-2 principal axes of `points` around `mean`, by power iteration with deflation. */
function principalAxes(points: Float32Array[], mean: Float64Array): [Float64Array, Float64Array] {
  const dim = mean.length;
  const axes: Float64Array[] = [];
  for (let k = 0; k < 2; k++) {
    let v = new Float64Array(dim).map((_, i) => 1 / Math.sqrt(dim) + (i === k ? 0.5 : 0));
    for (let it = 0; it < 40; it++) {
      // w = C v without forming C: Σ (p − m) ((p − m) · v)
      const w = new Float64Array(dim);
      for (const p of points) {
        let d = 0;
        for (let i = 0; i < dim; i++) d += (p[i]! - mean[i]!) * v[i]!;
        for (let i = 0; i < dim; i++) w[i] = w[i]! + (p[i]! - mean[i]!) * d;
      }
      for (const u of axes) {
        const d = u.reduce((s, x, i) => s + x * w[i]!, 0);
        for (let i = 0; i < dim; i++) w[i] = w[i]! - d * u[i]!;
      }
      const n = Math.hypot(...w) || 1;
      v = w.map((x) => x / n);
    }
    // A fixed sign keeps the picture from flipping between updates.
    let big = 0;
    for (let i = 1; i < dim; i++) if (Math.abs(v[i]!) > Math.abs(v[big]!)) big = i;
    if (v[big]! < 0) v = v.map((x) => -x);
    axes.push(v);
  }
  return [axes[0]!, axes[1]!];
}

class Scatter {
  private readonly history: Float32Array[] = [];
  private copies: Float32Array[] = [];
  private dirty = false;

  constructor(private readonly canvas: HTMLCanvasElement, private readonly label: HTMLElement) {}

  add(point: Float32Array): void {
    this.history.push(unit(point));
    if (this.history.length > HISTORY) this.history.shift();
    this.dirty = true;
  }

  /** Shows transformed copies of `current`, and their mean cosine similarity with it. */
  setCurrent(current: Float32Array, copies: Float32Array[]): void {
    this.copies = copies.map(unit);
    this.dirty = true;
    if (copies.length === 0) return;
    const similarity = copies.reduce((s, c) => s + cosineSimilarity(current, c), 0) / copies.length;
    this.label.textContent = `· similarity ${similarity.toFixed(3)}`;
    this.label.dataset.similarity = String(similarity);
  }

  /** Repaints when something changed since the last call. */
  draw(): void {
    if (!this.dirty) return;
    this.dirty = false;
    const ctx = this.canvas.getContext('2d')!;
    const { width: w, height: h } = this.canvas;
    ctx.clearRect(0, 0, w, h);
    const all = [...this.history, ...this.copies];
    if (all.length < 3) return;
    const dim = all[0]!.length;
    const mean = new Float64Array(dim);
    for (const p of all) for (let i = 0; i < dim; i++) mean[i] = mean[i]! + p[i]! / all.length;
    const [a, b] = principalAxes(all, mean);
    const scale = Math.min(w, h) / 2 / RADIUS;
    all.forEach((p, k) => {
      let x = 0;
      let y = 0;
      for (let i = 0; i < dim; i++) {
        x += (p[i]! - mean[i]!) * a[i]!;
        y += (p[i]! - mean[i]!) * b[i]!;
      }
      const copy = k >= this.history.length;
      ctx.fillStyle = copy ? '#ea580c' : 'rgba(100, 116, 139, 0.45)';
      ctx.beginPath();
      ctx.arc(w / 2 + x * scale, h / 2 - y * scale, copy ? 4.5 : 2.5, 0, 2 * Math.PI);
      ctx.fill();
    });
  }
}

/** The invariant and variant views of one encoder. */
export class EmbeddingView {
  readonly inv: Scatter;
  readonly var: Scatter;

  constructor(prefix: 'ecg' | 'imu') {
    const el = (id: string) => document.getElementById(id)!;
    this.inv = new Scatter(el(`${prefix}-inv`) as HTMLCanvasElement, el(`${prefix}-inv-sim`));
    this.var = new Scatter(el(`${prefix}-var`) as HTMLCanvasElement, el(`${prefix}-var-sim`));
  }

  /** Adds one window's embedding parts to the recent windows. */
  add(parts: { inv: Float32Array; var: Float32Array }): void {
    this.inv.add(parts.inv);
    this.var.add(parts.var);
  }

  /** Shows the current window's transformed copies. */
  setCurrent(current: { inv: Float32Array; var: Float32Array }, copies: { inv: Float32Array; var: Float32Array }[]): void {
    this.inv.setCurrent(current.inv, copies.map((c) => c.inv));
    this.var.setCurrent(current.var, copies.map((c) => c.var));
  }

  draw(): void {
    this.inv.draw();
    this.var.draw();
  }
}
