// A scrolling strip chart on a plain 2-D canvas: the last `seconds` of one or more channels in
// a display unit (mV, g, rad/s), with a value axis, a time axis in seconds since the source
// started, a legend, and optional event markers (R peaks). Samples go into preallocated rings;
// drawing happens at most once per animation frame and only when something changed, and
// draws at most a few line segments per pixel column (min/max per column), whatever the rate.
import { type SampleBatch } from 'scl-wear';
import { frameTime } from 'scl-wear/dsp';
import { CanvasFit, drawLegend, drawTimeAxis, drawValueAxis, AXIS_COLOR, AXIS_FONT, type Margins } from './chart-axes.js';
import { displayFactor, type DisplayUnit } from './display-units.js';

export interface StripChartOptions {
  /** Seconds shown. */
  seconds: number;
  /** Largest sample rate expected, Hz (sizes the rings). */
  maxRate: number;
  /** Unit the channels are drawn in; each batch's own unit is converted to it. */
  unit: DisplayUnit;
  /** Channels to plot, by name (`ecg`, `ax`, `gz`...), with a colour and a legend label each. */
  channels: { name: string; color: string; label: string }[];
  /** Smallest vertical range shown, in `unit` (keeps noise from filling the chart). */
  minRange?: number;
  /** Margins around the plot, CSS pixels. */
  margins?: Margins;
}

const MARGINS: Margins = { left: 44, right: 10, top: 18, bottom: 20 };
/** A jump of more than this between samples is a gap: the pen lifts. */
const GAP_SECONDS = 0.25;

export class StripChart {
  private readonly fit: CanvasFit;
  private readonly time: Float64Array;
  private readonly values: Float32Array[];
  private readonly index: Int32Array;
  private readonly factor: Float64Array;
  private readonly marks = new Float64Array(256);
  private head = 0;
  private size = 0;
  private markHead = 0;
  private markSize = 0;
  private lastTime = -Infinity;
  private origin = NaN;
  private dirty = true;
  /** Samples pushed since the start (for tests and status lines). */
  samples = 0;
  private idle = 'waiting for data';

  constructor(
    readonly canvas: HTMLCanvasElement,
    private readonly options: StripChartOptions,
  ) {
    this.fit = new CanvasFit(canvas);
    const capacity = Math.ceil(options.seconds * options.maxRate * 1.25) + 16;
    this.time = new Float64Array(capacity);
    this.values = options.channels.map(() => new Float32Array(capacity));
    this.index = new Int32Array(options.channels.length);
    this.factor = new Float64Array(options.channels.length);
  }

  /** Shown in the empty chart (e.g. "no gyroscope on this source"). */
  get idleText(): string {
    return this.idle;
  }

  set idleText(text: string) {
    this.dirty ||= text !== this.idle;
    this.idle = text;
  }

  /** Seconds of signal since the first sample after `clear()` (0 before any). */
  get elapsed(): number {
    return this.size ? this.lastTime - this.origin : 0;
  }

  /** Appends a batch (converted to the chart's unit); a batch without the chart's channels is ignored. */
  push(batch: SampleBatch): void {
    const chans = this.options.channels;
    for (let k = 0; k < chans.length; k++) {
      const c = batch.channels.findIndex((ch) => ch.name === chans[k]!.name);
      const f = c < 0 ? NaN : displayFactor(batch.channels[c]!.unit, this.options.unit);
      if (!Number.isFinite(f)) return;
      this.index[k] = c;
      this.factor[k] = f;
    }
    const nc = batch.channels.length;
    const cap = this.time.length;
    for (let i = 0; i < batch.length; i++) {
      let at = this.head + this.size;
      if (at >= cap) at -= cap;
      this.time[at] = frameTime(batch, i);
      for (let k = 0; k < this.values.length; k++) this.values[k]![at] = batch.data[i * nc + this.index[k]!]! * this.factor[k]!;
      if (this.size < cap) this.size++;
      else this.head = this.head + 1 === cap ? 0 : this.head + 1;
    }
    if (batch.length > 0) {
      this.lastTime = this.time[(this.head + this.size - 1) % cap]!;
      if (Number.isNaN(this.origin)) this.origin = frameTime(batch, 0);
      this.dirty = true;
    }
    this.samples += batch.length;
  }

  /** Adds a vertical marker at `time` (seconds on the stream's clock). */
  mark(time: number): void {
    this.marks[(this.markHead + this.markSize) % this.marks.length] = time;
    if (this.markSize < this.marks.length) this.markSize++;
    else this.markHead = (this.markHead + 1) % this.marks.length;
    this.dirty = true;
  }

  /** Forgets everything (a new source). */
  clear(): void {
    this.head = this.size = this.markHead = this.markSize = this.samples = 0;
    this.lastTime = -Infinity;
    this.origin = NaN;
    this.dirty = true;
  }

  /** Lowest and highest value of channel `k` (all channels when omitted) over the visible span. */
  range(k?: number): [number, number] {
    const cap = this.time.length;
    const start = this.lastTime - this.options.seconds;
    let lo = Infinity;
    let hi = -Infinity;
    for (let c = k ?? 0; c < (k === undefined ? this.values.length : k + 1); c++) {
      const v = this.values[c]!;
      for (let j = 0, at = this.head; j < this.size; j++, at = at + 1 === cap ? 0 : at + 1) {
        if (this.time[at]! < start) continue;
        if (v[at]! < lo) lo = v[at]!;
        if (v[at]! > hi) hi = v[at]!;
      }
    }
    return [lo, hi];
  }

  /** One sentence of what the chart shows now, for its text alternative. */
  describe(): string {
    const { seconds, unit, channels } = this.options;
    if (!this.size) return `${this.idleText}.`;
    const parts = channels.map((ch, k) => {
      const [lo, hi] = this.range(k);
      return `${ch.label} from ${lo.toFixed(2)} to ${hi.toFixed(2)} ${unit}`;
    });
    let marks = 0;
    for (let m = 0; m < this.markSize; m++) if (this.marks[(this.markHead + m) % this.marks.length]! >= this.lastTime - seconds) marks++;
    return `Last ${seconds} s, up to ${this.elapsed.toFixed(0)} s: ${parts.join('; ')}${this.markSize ? `; ${marks} beats marked` : ''}.`;
  }

  /** Draws the visible span with its axes, when something changed since the last call. */
  draw(): void {
    if (!this.fit.fit() && !this.dirty) return;
    this.dirty = false;
    const { ctx, width, height } = this.fit;
    const { seconds, unit, channels } = this.options;
    ctx.clearRect(0, 0, width, height);
    const area = this.fit.area(this.options.margins ?? MARGINS);
    // Until `seconds` have passed the trace grows from the left edge; then it scrolls.
    const start = this.size ? Math.max(this.lastTime - seconds, this.origin) : 0;
    let [lo, hi] = this.size ? this.range() : [0, 0];
    const span = Math.max(this.options.minRange ?? 0, hi - lo) * 1.1 || 1;
    const mid = (hi + lo) / 2;
    lo = mid - span / 2;
    hi = mid + span / 2;
    const yScale = area.h / span;
    const yTop = area.y + hi * yScale;
    drawValueAxis(ctx, area, lo, hi, (v) => yTop - v * yScale, unit);
    drawTimeAxis(ctx, area, start, seconds, this.size ? this.origin : 0);
    drawLegend(ctx, area, channels);
    this.canvas.dataset.seconds = this.elapsed.toFixed(2);
    if (!this.size) {
      ctx.font = AXIS_FONT;
      ctx.fillStyle = AXIS_COLOR;
      ctx.textAlign = 'center';
      ctx.fillText(this.idleText, area.x + area.w / 2, area.y + area.h / 2);
      ctx.textAlign = 'left';
      return;
    }
    const xScale = area.w / seconds;
    ctx.save();
    ctx.beginPath();
    ctx.rect(area.x, area.y, area.w, area.h);
    ctx.clip();
    ctx.strokeStyle = 'rgba(220, 38, 38, 0.55)';
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (let m = 0; m < this.markSize; m++) {
      const t = this.marks[(this.markHead + m) % this.marks.length]!;
      if (t < start) continue;
      const px = Math.round(area.x + (t - start) * xScale) + 0.5;
      ctx.moveTo(px, area.y);
      ctx.lineTo(px, area.y + area.h);
    }
    ctx.stroke();
    for (let k = 0; k < channels.length; k++) this.trace(ctx, this.values[k]!, channels[k]!.color, start, area.x, xScale, yTop, yScale);
    ctx.restore();
  }

  /** One channel's line: consecutive samples in the same pixel column collapse to their min and max. */
  private trace(
    ctx: CanvasRenderingContext2D,
    v: Float32Array,
    color: string,
    start: number,
    x0: number,
    xScale: number,
    yTop: number,
    yScale: number,
  ): void {
    const cap = this.time.length;
    ctx.strokeStyle = color;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    let prev = -Infinity;
    let col = NaN;
    let lo = 0;
    let hi = 0;
    let last = 0;
    for (let j = 0, at = this.head; j < this.size; j++, at = at + 1 === cap ? 0 : at + 1) {
      const t = this.time[at]!;
      if (t < start) continue;
      const value = v[at]!;
      const px = x0 + (t - start) * xScale;
      const c = Math.floor(px);
      if (c === col && t - prev <= GAP_SECONDS) {
        if (value < lo) lo = value;
        if (value > hi) hi = value;
        last = value;
      } else {
        if (hi > lo) {
          ctx.lineTo(col + 0.5, yTop - lo * yScale);
          ctx.lineTo(col + 0.5, yTop - hi * yScale);
          ctx.lineTo(col + 0.5, yTop - last * yScale);
        }
        if (t - prev > GAP_SECONDS) ctx.moveTo(px, yTop - value * yScale);
        else ctx.lineTo(px, yTop - value * yScale);
        col = c;
        lo = hi = last = value;
      }
      prev = t;
    }
    ctx.stroke();
  }
}
