// A scrolling strip chart on a plain 2-D canvas: the last `seconds` of one or more channels,
// with optional event markers (R peaks). Samples go into preallocated rings; drawing happens
// once per animation frame, never per sample.
import { frameTime, type SampleBatch } from 'scl-wear';

export interface StripChartOptions {
  /** Seconds shown. */
  seconds: number;
  /** Largest sample rate expected, Hz (sizes the rings). */
  maxRate: number;
  /** Channel indices of the batches to plot, with a colour each. */
  channels: { index: number; color: string; label: string }[];
  /** Smallest vertical range shown, in signal units (keeps noise from filling the chart). */
  minRange?: number;
}

export class StripChart {
  private readonly ctx: CanvasRenderingContext2D;
  private readonly time: Float64Array;
  private readonly values: Float32Array[];
  private readonly marks = new Float64Array(256);
  private head = 0;
  private size = 0;
  private markHead = 0;
  private markSize = 0;
  private lastTime = -Infinity;
  /** Samples pushed since the start (for tests and status lines). */
  samples = 0;

  constructor(readonly canvas: HTMLCanvasElement, private readonly options: StripChartOptions) {
    this.ctx = canvas.getContext('2d')!;
    const capacity = Math.ceil(options.seconds * options.maxRate * 1.25) + 16;
    this.time = new Float64Array(capacity);
    this.values = options.channels.map(() => new Float32Array(capacity));
  }

  /** Appends a batch; a gap breaks the line. */
  push(batch: SampleBatch): void {
    const nc = batch.channels.length;
    const cap = this.time.length;
    for (let i = 0; i < batch.length; i++) {
      const at = (this.head + this.size) % cap;
      this.time[at] = frameTime(batch, i);
      for (let k = 0; k < this.values.length; k++) this.values[k]![at] = batch.data[i * nc + this.options.channels[k]!.index]!;
      if (this.size < cap) this.size++;
      else this.head = (this.head + 1) % cap;
    }
    if (batch.length > 0) this.lastTime = this.time[(this.head + this.size - 1) % cap]!;
    this.samples += batch.length;
  }

  /** Adds a vertical marker at `time` (seconds on the stream's clock). */
  mark(time: number): void {
    this.marks[(this.markHead + this.markSize) % this.marks.length] = time;
    if (this.markSize < this.marks.length) this.markSize++;
    else this.markHead = (this.markHead + 1) % this.marks.length;
  }

  /** Forgets everything (a new source). */
  clear(): void {
    this.head = this.size = this.markHead = this.markSize = this.samples = 0;
    this.lastTime = -Infinity;
  }

  /** Draws the visible span. */
  draw(): void {
    const { ctx, canvas } = this;
    const w = canvas.width;
    const h = canvas.height;
    ctx.clearRect(0, 0, w, h);
    ctx.strokeStyle = '#e3e7ee';
    ctx.lineWidth = 1;
    for (let g = 1; g < 4; g++) {
      ctx.beginPath();
      ctx.moveTo(0, (g * h) / 4);
      ctx.lineTo(w, (g * h) / 4);
      ctx.stroke();
    }
    if (this.size === 0) return;
    const end = this.lastTime;
    const start = end - this.options.seconds;
    const cap = this.time.length;
    let lo = Infinity;
    let hi = -Infinity;
    for (let j = 0; j < this.size; j++) {
      const at = (this.head + j) % cap;
      if (this.time[at]! < start) continue;
      for (const v of this.values) {
        const x = v[at]!;
        if (x < lo) lo = x;
        if (x > hi) hi = x;
      }
    }
    const pad = Math.max(this.options.minRange ?? 0, hi - lo) * 0.55;
    const mid = (hi + lo) / 2;
    const y = (v: number) => h / 2 - ((v - mid) / pad) * (h / 2);
    const x = (t: number) => ((t - start) / this.options.seconds) * w;
    ctx.strokeStyle = 'rgba(220, 38, 38, 0.55)';
    for (let m = 0; m < this.markSize; m++) {
      const t = this.marks[(this.markHead + m) % this.marks.length]!;
      if (t < start) continue;
      ctx.beginPath();
      ctx.moveTo(x(t), 0);
      ctx.lineTo(x(t), h);
      ctx.stroke();
    }
    this.options.channels.forEach((ch, k) => {
      const v = this.values[k]!;
      ctx.strokeStyle = ch.color;
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      let prev = -Infinity;
      for (let j = 0; j < this.size; j++) {
        const at = (this.head + j) % cap;
        const t = this.time[at]!;
        if (t < start) continue;
        // A jump of more than 0.25 s is a gap: lift the pen.
        if (t - prev > 0.25) ctx.moveTo(x(t), y(v[at]!));
        else ctx.lineTo(x(t), y(v[at]!));
        prev = t;
      }
      ctx.stroke();
      ctx.fillStyle = ch.color;
      ctx.font = '12px system-ui, sans-serif';
      ctx.fillText(ch.label, 6 + k * 44, 14);
    });
  }
}
