// Two scatter plots of one encoder's embeddings, the invariant part beside the variant part.
// Grey: recent windows. Orange: the current window under several transforms (phase shifts or
// rotations). Each part is scaled to unit length (the encoders are compared by cosine), then
// projected on the two principal axes of the points shown, at a fixed scale: a distance of 1 on
// the plot is a distance of 1 between unit vectors, so both plots can be compared by eye. The
// axes are labelled in that distance.
//
// The number under each plot is the mean cosine similarity of the transformed copies with the
// current window: near 1, the transform does not move this part; near 0, it does.
import { cosineSimilarity } from 'scl-wear/scl';
import { AXIS_COLOR, AXIS_FONT, CanvasFit, GRID_COLOR, type Margins } from '../shared/chart-axes.js';
import { Pca2 } from './pca2.js';

const HISTORY = 120;
/** Most transformed copies shown at once. */
const MAX_COPIES = 16;
/** Half the plot's width, in unit-vector distance. */
const RADIUS = 1.2;
const MARGINS: Margins = { left: 34, right: 8, top: 8, bottom: 30 };
const TICKS = [-1, 0, 1];

/** Writes `v` scaled to unit length into row `r` of `rows`. */
function putUnit(rows: Float32Array, r: number, v: Float32Array): void {
  let n = 0;
  for (let i = 0; i < v.length; i++) n += v[i]! * v[i]!;
  n = Math.sqrt(n) || 1;
  for (let i = 0; i < v.length; i++) rows[r * v.length + i] = v[i]! / n;
}

class Scatter {
  private readonly fit: CanvasFit;
  /** Rows 0..HISTORY-1: recent windows (a ring); then the copies; packed before each fit. */
  private rows: Float32Array | undefined;
  private pca: Pca2 | undefined;
  private count = 0;
  private next = 0;
  private copies = 0;
  private dirty = true;

  constructor(
    canvas: HTMLCanvasElement,
    private readonly label: HTMLElement,
  ) {
    this.fit = new CanvasFit(canvas);
  }

  private ensure(dim: number): Float32Array {
    if (!this.rows || this.pca!.dim !== dim) {
      this.rows = new Float32Array((HISTORY + MAX_COPIES) * dim);
      this.pca = new Pca2(dim);
      this.count = this.next = this.copies = 0;
    }
    return this.rows;
  }

  add(point: Float32Array): void {
    putUnit(this.ensure(point.length), this.next, point);
    this.next = (this.next + 1) % HISTORY;
    this.count = Math.min(HISTORY, this.count + 1);
    this.dirty = true;
  }

  /** Shows transformed copies of `current`, and their mean cosine similarity with it. */
  setCurrent(current: Float32Array, copies: Float32Array[]): void {
    const rows = this.ensure(current.length);
    this.copies = Math.min(MAX_COPIES, copies.length);
    for (let k = 0; k < this.copies; k++) putUnit(rows, HISTORY + k, copies[k]!);
    this.dirty = true;
    if (copies.length === 0) return;
    const similarity = copies.reduce((s, c) => s + cosineSimilarity(current, c), 0) / copies.length;
    this.label.textContent = `· similarity ${similarity.toFixed(3)}`;
    this.label.dataset.similarity = String(similarity);
  }

  /** Repaints when something changed (or the canvas was resized) since the last call. */
  draw(): void {
    if (!this.fit.fit() && !this.dirty) return;
    this.dirty = false;
    const { ctx, width, height } = this.fit;
    ctx.clearRect(0, 0, width, height);
    const area = this.fit.area(MARGINS);
    const scale = Math.min(area.w, area.h) / 2 / RADIUS;
    const cx = area.x + area.w / 2;
    const cy = area.y + area.h / 2;
    this.axes(ctx, area, cx, cy, scale);
    const rows = this.rows;
    const total = this.count + this.copies;
    this.label.dataset.recent = String(this.count);
    if (!rows || total < 3) return;
    const pca = this.pca!;
    // The copies go right after the recent windows, so one fit sees them all.
    if (this.count < HISTORY) rows.copyWithin(this.count * pca.dim, HISTORY * pca.dim, (HISTORY + this.copies) * pca.dim);
    pca.fit(rows, total);
    for (let r = 0; r < total; r++) {
      const copy = r >= this.count;
      ctx.fillStyle = copy ? '#ea580c' : 'rgba(100, 116, 139, 0.45)';
      ctx.beginPath();
      ctx.arc(cx + pca.project(rows, r, 0) * scale, cy - pca.project(rows, r, 1) * scale, copy ? 4.5 : 2.5, 0, 2 * Math.PI);
      ctx.fill();
    }
  }

  /** Grid lines and ticks at −1, 0 and 1 (unit-vector distance) along both principal axes, with titles. */
  private axes(
    ctx: CanvasRenderingContext2D,
    area: { x: number; y: number; w: number; h: number },
    cx: number,
    cy: number,
    scale: number,
  ): void {
    const bottom = area.y + area.h;
    ctx.lineWidth = 1;
    ctx.font = AXIS_FONT;
    ctx.fillStyle = AXIS_COLOR;
    for (const t of TICKS) {
      const px = Math.round(cx + t * scale) + 0.5;
      const py = Math.round(cy - t * scale) + 0.5;
      ctx.strokeStyle = GRID_COLOR;
      ctx.beginPath();
      ctx.moveTo(px, area.y);
      ctx.lineTo(px, bottom);
      ctx.moveTo(area.x, py);
      ctx.lineTo(area.x + area.w, py);
      ctx.stroke();
      ctx.textAlign = 'center';
      ctx.textBaseline = 'top';
      ctx.fillText(t < 0 ? `−${-t}` : String(t), px, bottom + 3);
      ctx.textAlign = 'right';
      ctx.textBaseline = 'middle';
      ctx.fillText(t < 0 ? `−${-t}` : String(t), area.x - 4, py);
    }
    ctx.strokeStyle = AXIS_COLOR;
    ctx.strokeRect(area.x + 0.5, area.y + 0.5, area.w - 1, area.h - 1);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    ctx.fillText('principal axis 1', area.x + area.w / 2, area.y + area.h + MARGINS.bottom);
    ctx.save();
    ctx.translate(11, area.y + area.h / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textBaseline = 'middle';
    ctx.fillText('principal axis 2', 0, 0);
    ctx.restore();
    ctx.textAlign = 'left';
    ctx.textBaseline = 'alphabetic';
  }
}

/** The invariant and variant views of one encoder. */
export class EmbeddingView {
  readonly inv: Scatter;
  readonly var: Scatter;

  constructor(prefix: 'ecg' | 'imu') {
    const el = (id: string) => document.getElementById(id)!;
    const what =
      prefix === 'ecg'
        ? 'ECG windows; orange: the current window cut up to one beat later'
        : 'motion windows; orange: the current window turned as if the device were worn another way';
    const scatter = (part: 'invariant' | 'variant') => {
      const canvas = el(`${prefix}-${part.slice(0, 3)}`) as HTMLCanvasElement;
      canvas.setAttribute(
        'aria-label',
        `${prefix.toUpperCase()} embedding, ${part} part, projected on its two principal axes (unit-vector distance). Grey: recent ${what}`,
      );
      return new Scatter(canvas, el(`${prefix}-${part.slice(0, 3)}-sim`));
    };
    this.inv = scatter('invariant');
    this.var = scatter('variant');
  }

  /** Adds one window's embedding parts to the recent windows. */
  add(parts: { inv: Float32Array; var: Float32Array }): void {
    this.inv.add(parts.inv);
    this.var.add(parts.var);
  }

  /** Shows the current window's transformed copies. */
  setCurrent(current: { inv: Float32Array; var: Float32Array }, copies: { inv: Float32Array; var: Float32Array }[]): void {
    this.inv.setCurrent(
      current.inv,
      copies.map((c) => c.inv),
    );
    this.var.setCurrent(
      current.var,
      copies.map((c) => c.var),
    );
  }

  draw(): void {
    this.inv.draw();
    this.var.draw();
  }
}
