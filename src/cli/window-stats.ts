import type { ChannelInfo } from '../core/batch.js';
import type { SampleWindow } from '../core/window.js';

/** Statistics of one channel over every frame of every window. */
export interface ChannelStats {
  readonly name: string;
  readonly unit: string;
  readonly mean: number;
  readonly std: number;
  readonly min: number;
  readonly max: number;
}

/** What {@link WindowStats} summarises. */
export interface WindowSummary {
  /** Number of windows. */
  readonly count: number;
  /** Frames per window. */
  readonly size: number;
  /** Rate of the windows in Hz. */
  readonly rate: number;
  readonly channels: readonly ChannelStats[];
  /** Windows per ground-truth label (label at the window's centre), when the input had labels. */
  readonly labels?: Readonly<Record<string, number>>;
}

/** Accumulates per-channel mean, standard deviation, minimum and maximum over windows. */
export class WindowStats {
  private count = 0;
  private size = 0;
  private rate = 0;
  private channels: readonly ChannelInfo[] = [];
  private sum = new Float64Array(0);
  private sumSq = new Float64Array(0);
  private min = new Float64Array(0);
  private max = new Float64Array(0);
  private frames = 0;
  private readonly labels = new Map<string, number>();

  /**
   * Adds one window.
   *
   * @param w - the window
   * @param label - its ground-truth label, if known
   */
  add(w: SampleWindow, label?: string): void {
    const nc = w.channels.length;
    if (this.count === 0) {
      this.channels = w.channels;
      this.size = w.length;
      this.rate = w.rate;
      this.sum = new Float64Array(nc);
      this.sumSq = new Float64Array(nc);
      this.min = new Float64Array(nc).fill(Infinity);
      this.max = new Float64Array(nc).fill(-Infinity);
    }
    this.count++;
    this.frames += w.length;
    const d = w.data;
    for (let i = 0, k = 0; i < w.length; i++) {
      for (let c = 0; c < nc; c++, k++) {
        const v = d[k] as number;
        this.sum[c] = (this.sum[c] as number) + v;
        this.sumSq[c] = (this.sumSq[c] as number) + v * v;
        if (v < (this.min[c] as number)) this.min[c] = v;
        if (v > (this.max[c] as number)) this.max[c] = v;
      }
    }
    if (label !== undefined) this.labels.set(label, (this.labels.get(label) ?? 0) + 1);
  }

  /** The statistics so far. */
  summary(): WindowSummary {
    const channels = this.channels.map((ch, c) => {
      const mean = (this.sum[c] as number) / this.frames;
      const variance = Math.max(0, (this.sumSq[c] as number) / this.frames - mean * mean);
      return { name: ch.name, unit: ch.unit, mean, std: Math.sqrt(variance), min: this.min[c] as number, max: this.max[c] as number };
    });
    const base = { count: this.count, size: this.size, rate: this.rate, channels };
    return this.labels.size > 0 ? { ...base, labels: Object.fromEntries(this.labels) } : base;
  }
}

const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(1) : Math.abs(v) >= 1 ? v.toFixed(3) : v.toFixed(4));

/**
 * Formats a summary as an aligned table, one line per channel.
 *
 * @param s - the summary
 * @param indent - prefix of every line
 */
export function formatWindowSummary(s: WindowSummary, indent = '  '): string[] {
  const lines = [`${indent}windows: ${s.count} × ${s.size} frames at ${s.rate} Hz`];
  if (s.count === 0) return lines;
  const w = Math.max(7, ...s.channels.map((c) => c.name.length)) + 2;
  lines.push(`${indent}${'channel'.padEnd(w)}${'unit'.padEnd(7)}${['mean', 'std', 'min', 'max'].map((h) => h.padStart(10)).join('')}`);
  for (const c of s.channels) {
    lines.push(`${indent}${c.name.padEnd(w)}${c.unit.padEnd(7)}${[c.mean, c.std, c.min, c.max].map((v) => fmt(v).padStart(10)).join('')}`);
  }
  if (s.labels)
    lines.push(
      `${indent}windows by label: ${Object.entries(s.labels)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );
  return lines;
}
