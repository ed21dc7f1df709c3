import { lastValueFrom, tap, type Observable, type OperatorFunction } from 'rxjs';
import type { SampleBatch } from '../core/batch.js';
import { validate, type ValidationEvent } from '../streams/validate.js';
import { iirFilter } from '../streams/iir-filter.js';
import { separateGravity } from '../streams/separate-gravity.js';
import { resample } from '../streams/resample.js';
import { slidingWindow } from '../streams/sliding-window.js';
import { replay } from '../sources/replay.js';
import { labelAt, type Recording } from '../sources/recording.js';
import { formatWindowSummary, WindowStats, type WindowSummary } from './window-stats.js';

/** How a recorded stream is preprocessed and windowed. */
export interface ChainOptions {
  /** Resample to this rate in Hz (default: keep the rate). */
  readonly resampleTo?: number;
  /** Window length in seconds. */
  readonly windowSeconds: number;
  /** Seconds between window starts. */
  readonly hopSeconds: number;
  /** ECG band-pass in Hz (default 0.5–40, capped below the Nyquist frequency). */
  readonly ecgBand?: readonly [number, number];
  /** Seconds per replayed batch (default 1). */
  readonly batchSeconds?: number;
}

/** One named operator of the chain. */
export interface ChainStage {
  readonly name: string;
  readonly operator: OperatorFunction<SampleBatch, SampleBatch>;
}

/** What running the chain over one stream found. */
export interface StreamReport {
  readonly kind: string;
  readonly frames: number;
  readonly seconds: number;
  readonly inputRate: number;
  readonly outputRate: number;
  readonly stages: readonly string[];
  readonly gaps: { readonly count: number; readonly seconds: number };
  readonly nonFiniteHeld: number;
  readonly windows: WindowSummary;
}

/**
 * The preprocessing stages for one stream: validate (NaN held, gaps marked), then a band-pass
 * for ECG or gravity separation for accelerometers, then resampling when asked.
 *
 * @param kind - sensor kind of the stream
 * @param rate - its rate in Hz
 * @param options - chain options
 * @param onEvent - receives validate's recovery events (gaps, held values)
 */
export function preprocessStages(kind: string, rate: number, options: ChainOptions, onEvent: (e: ValidationEvent) => void): ChainStage[] {
  const stages: ChainStage[] = [
    { name: 'validate (NaN held, gaps marked)', operator: validate({ nonFinite: 'hold', report: { next: onEvent } }) },
  ];
  if (kind === 'ecg') {
    const [low, high] = options.ecgBand ?? [0.5, 40];
    const top = Math.min(high, 0.45 * rate);
    stages.push({ name: `band-pass ${low}–${+top.toFixed(1)} Hz`, operator: iirFilter({ type: 'bandpass', low, high: top }) });
  } else if (kind === 'acc' || kind === 'imu') {
    stages.push({ name: 'gravity separation (0.3 Hz low-pass; body acc + gravity_*)', operator: separateGravity() });
  }
  if (options.resampleTo !== undefined && options.resampleTo !== rate) {
    stages.push({ name: `resample ${rate} → ${options.resampleTo} Hz`, operator: resample(options.resampleTo) });
  }
  return stages;
}

/**
 * Replays one stream of a recording through the preprocessing stages and a sliding window,
 * and summarises the windows.
 *
 * @param rec - the recording
 * @param stream - index of the stream
 * @param options - chain options
 * @throws the stream's typed errors (validate, filters) as a rejected promise
 */
export async function runChain(rec: Recording, stream: number, options: ChainOptions): Promise<StreamReport> {
  const s = rec.streams[stream]!;
  const gaps = { count: 0, seconds: 0 };
  let held = 0;
  const stages = preprocessStages(s.kind, rec.rate, options, (e) => {
    if (e.type === 'gap') [gaps.count, gaps.seconds] = [gaps.count + 1, gaps.seconds + e.amount];
    if (e.type === 'held') held += e.amount;
  });
  const outRate = options.resampleTo ?? rec.rate;
  const size = Math.max(1, Math.round(options.windowSeconds * outRate));
  const hop = Math.max(1, Math.round(options.hopSeconds * outRate));
  let batches: Observable<SampleBatch> = replay(rec, { kind: s.kind, batchSeconds: options.batchSeconds ?? 1 });
  for (const stage of stages) batches = batches.pipe(stage.operator);
  const stats = new WindowStats();
  const labelled = rec.labels !== undefined;
  await lastValueFrom(
    batches.pipe(
      slidingWindow(size, hop),
      tap((w) => stats.add(w, labelled ? labelAt(rec, frameAt(rec, w.t0 + w.length / (2 * w.rate))) : undefined)),
    ),
    { defaultValue: undefined },
  );
  return {
    kind: s.kind,
    frames: rec.length,
    seconds: rec.length / rec.rate,
    inputRate: rec.rate,
    outputRate: outRate,
    stages: [
      ...stages.map((st) => st.name),
      `windows of ${options.windowSeconds} s (${size} frames), hop ${options.hopSeconds} s (${hop} frames)`,
    ],
    gaps,
    nonFiniteHeld: held,
    windows: stats.summary(),
  };
}

/** Index of the frame of a recording taken at (or just before) time `t` seconds. */
function frameAt(rec: Recording, t: number): number {
  const ts = rec.timestamps;
  if (!ts) return Math.floor((t - rec.t0) * rec.rate);
  let lo = 0;
  let hi = ts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((ts[mid] as number) <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Formats a stream report as readable lines.
 *
 * @param r - the report
 * @param indent - prefix of every line
 */
export function formatStreamReport(r: StreamReport, indent = '  '): string[] {
  const gap = r.gaps.count ? `${r.gaps.count} (${+r.gaps.seconds.toFixed(2)} s missing in all)` : 'none';
  return [
    `${indent}${r.frames} frames, ${+r.seconds.toFixed(2)} s of samples at ${r.inputRate} Hz`,
    `${indent}chain: ${r.stages.join(' → ')}`,
    `${indent}gaps: ${gap}; non-finite values held: ${r.nonFiniteHeld}`,
    ...formatWindowSummary(r.windows, indent),
  ];
}
