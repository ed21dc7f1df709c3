// Axes for the example plots: a canvas kept at its CSS size times the device pixel ratio (sharp
// text at any width, phone or desktop), a plot area inside margins, "nice" tick steps, and tick
// labels drawn in CSS pixels. Nothing here allocates per sample.

/** The plot area inside the axes, in CSS pixels. */
export interface PlotArea {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** Space around the plot area for tick labels and titles, CSS pixels. */
export interface Margins {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

export const AXIS_FONT = '11px system-ui, sans-serif';
export const AXIS_COLOR = '#4b5563';
export const GRID_COLOR = '#e3e7ee';

/**
 * Keeps a canvas's backing store at its displayed size times `devicePixelRatio`, so a plot
 * laid out for 390 px looks as sharp as one laid out for 1000 px. `fit()` is cheap when nothing
 * changed (a flag set by a ResizeObserver).
 */
export class CanvasFit {
  readonly ctx: CanvasRenderingContext2D;
  /** Drawing size in CSS pixels. */
  width: number;
  height: number;
  private stale = true;

  constructor(readonly canvas: HTMLCanvasElement) {
    this.ctx = canvas.getContext('2d')!;
    this.width = canvas.width;
    this.height = canvas.height;
    if (typeof ResizeObserver !== 'undefined') new ResizeObserver(() => (this.stale = true)).observe(canvas);
  }

  /** Resizes the backing store when the layout changed; true when it did (everything needs redrawing). */
  fit(): boolean {
    if (!this.stale) return false;
    this.stale = false;
    const dpr = window.devicePixelRatio || 1;
    const w = this.canvas.clientWidth;
    const h = this.canvas.clientHeight;
    if (w > 0 && h > 0) {
      this.width = w;
      this.height = h;
      this.canvas.width = Math.round(w * dpr);
      this.canvas.height = Math.round(h * dpr);
    }
    const scale = this.canvas.width / this.width;
    this.ctx.setTransform(scale, 0, 0, scale, 0, 0);
    return true;
  }

  /** The plot area inside `margins`; recorded on the canvas (`data-plot`, backing pixels) for tests and tools. */
  area(margins: Margins): PlotArea {
    const a = {
      x: margins.left,
      y: margins.top,
      w: Math.max(10, this.width - margins.left - margins.right),
      h: Math.max(10, this.height - margins.top - margins.bottom),
    };
    const s = this.canvas.width / this.width;
    this.canvas.dataset.plot = [a.x, a.y, a.w, a.h].map((v) => Math.round(v * s)).join(',');
    return a;
  }
}

/** A step of 1, 2 or 5 × 10^k giving about `count` intervals over `span`. */
export function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
}

/** Decimals that show a tick step exactly (0.05 → 2). */
export const decimalsOf = (step: number) => Math.max(0, -Math.floor(Math.log10(step) + 1e-9));

/** Formats a tick value, with a real minus sign and no "-0". */
export function tickLabel(v: number, decimals: number): string {
  const s = (Math.abs(v) < 10 ** -(decimals + 1) ? 0 : v).toFixed(decimals);
  return s.startsWith('-') ? `−${s.slice(1)}` : s;
}

/**
 * Draws horizontal grid lines with value labels left of the plot, from `lo` to `hi` (values
 * mapped by `y`), and the unit as the axis title above the labels.
 */
export function drawValueAxis(
  ctx: CanvasRenderingContext2D,
  area: PlotArea,
  lo: number,
  hi: number,
  y: (v: number) => number,
  unit: string,
): void {
  const step = niceStep(hi - lo, Math.max(2, Math.floor(area.h / 32)));
  const decimals = decimalsOf(step);
  ctx.font = AXIS_FONT;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  ctx.lineWidth = 1;
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-6; v += step) {
    const py = Math.round(y(v)) + 0.5;
    ctx.strokeStyle = GRID_COLOR;
    ctx.beginPath();
    ctx.moveTo(area.x, py);
    ctx.lineTo(area.x + area.w, py);
    ctx.stroke();
    ctx.fillStyle = AXIS_COLOR;
    ctx.fillText(tickLabel(v, decimals), area.x - 5, py);
  }
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  ctx.fillStyle = AXIS_COLOR;
  ctx.fillText(unit, 4, area.y - 6);
}

/**
 * Draws the time axis under the plot: `start`..`start + seconds` on the stream's clock, ticks
 * labelled in seconds since `origin` (the first sample shown since the source started).
 */
export function drawTimeAxis(ctx: CanvasRenderingContext2D, area: PlotArea, start: number, seconds: number, origin: number): void {
  const step = niceStep(seconds, Math.max(2, Math.floor(area.w / 70)));
  const decimals = decimalsOf(step);
  const bottom = area.y + area.h;
  ctx.font = AXIS_FONT;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  ctx.lineWidth = 1;
  ctx.strokeStyle = AXIS_COLOR;
  ctx.beginPath();
  ctx.moveTo(area.x, bottom + 0.5);
  ctx.lineTo(area.x + area.w, bottom + 0.5);
  ctx.stroke();
  const first = Math.ceil((start - origin) / step - 1e-9) * step;
  for (let s = first; s <= start - origin + seconds + 1e-9; s += step) {
    const px = Math.round(area.x + ((s + origin - start) / seconds) * area.w) + 0.5;
    ctx.strokeStyle = GRID_COLOR;
    ctx.beginPath();
    ctx.moveTo(px, area.y);
    ctx.lineTo(px, bottom);
    ctx.stroke();
    ctx.strokeStyle = AXIS_COLOR;
    ctx.beginPath();
    ctx.moveTo(px, bottom);
    ctx.lineTo(px, bottom + 4);
    ctx.stroke();
    // The last label would be cut at the right edge: the unit goes there instead.
    if (px < area.x + area.w - 24) {
      ctx.fillStyle = AXIS_COLOR;
      ctx.fillText(tickLabel(s, decimals), px, bottom + 6);
    }
  }
  ctx.textAlign = 'right';
  ctx.fillStyle = AXIS_COLOR;
  ctx.fillText('s', area.x + area.w, bottom + 6);
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
}

/** Draws coloured line swatches with names, right-aligned above the plot. */
export function drawLegend(ctx: CanvasRenderingContext2D, area: PlotArea, items: readonly { color: string; label: string }[]): void {
  ctx.font = AXIS_FONT;
  ctx.textBaseline = 'alphabetic';
  ctx.textAlign = 'left';
  let x = area.x + area.w;
  for (let k = items.length - 1; k >= 0; k--) {
    const item = items[k]!;
    x -= ctx.measureText(item.label).width;
    ctx.fillStyle = AXIS_COLOR;
    ctx.fillText(item.label, x, area.y - 6);
    x -= 18;
    ctx.strokeStyle = item.color;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(x, area.y - 10);
    ctx.lineTo(x + 14, area.y - 10);
    ctx.stroke();
    x -= 10;
  }
}
