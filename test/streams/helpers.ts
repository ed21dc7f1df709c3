// Shared test helpers for the stream operators: batch builders and a TestScheduler that
// compares with vitest's deep equality (typed arrays included).
import { from, type OperatorFunction } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { expect } from 'vitest';
import type { ChannelInfo, SampleBatch, SensorKind } from '../../src/core/batch.js';

export const ECG: readonly ChannelInfo[] = [{ name: 'ecg', unit: 'mV' }];
export const ACC: readonly ChannelInfo[] = ['ax', 'ay', 'az'].map((name) => ({ name, unit: 'm/s^2' as const }));

export function scheduler(): TestScheduler {
  return new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
}

/** A batch of `data` (interleaved) starting at frame `startFrame` of a stream at `rate`. */
export function batch(
  data: ArrayLike<number>,
  opts: {
    rate?: number;
    seq?: number;
    startFrame?: number;
    t0?: number;
    channels?: readonly ChannelInfo[];
    kind?: SensorKind;
    gapBefore?: number;
  } = {},
): SampleBatch {
  const channels = opts.channels ?? ECG;
  const rate = opts.rate ?? 100;
  const values = Float32Array.from(data);
  const b: SampleBatch = {
    kind: opts.kind ?? (channels === ECG ? 'ecg' : 'acc'),
    channels,
    rate,
    t0: opts.t0 ?? (opts.startFrame ?? 0) / rate,
    seq: opts.seq ?? 0,
    length: values.length / channels.length,
    data: values,
  };
  return opts.gapBefore === undefined ? b : { ...b, gapBefore: opts.gapBefore };
}

/** Cuts an interleaved signal into consecutive batches of the given frame counts (cycled). */
export function split(
  signal: Float32Array,
  sizes: number[],
  opts: { rate?: number; channels?: readonly ChannelInfo[]; t0?: number } = {},
): SampleBatch[] {
  const channels = opts.channels ?? ECG;
  const nc = channels.length;
  const rate = opts.rate ?? 100;
  const frames = signal.length / nc;
  const out: SampleBatch[] = [];
  for (let at = 0, k = 0; at < frames; k++) {
    const n = Math.min(sizes[k % sizes.length]!, frames - at);
    out.push(batch(signal.subarray(at * nc, (at + n) * nc), { rate, channels, seq: k, t0: (opts.t0 ?? 0) + at / rate }));
    at += n;
  }
  return out;
}

/** Concatenates the `data` of batches or windows. */
export function concat(items: readonly { data: Float32Array }[]): Float32Array {
  const out = new Float32Array(items.reduce((s, b) => s + b.data.length, 0));
  let at = 0;
  for (const b of items) {
    out.set(b.data, at);
    at += b.data.length;
  }
  return out;
}

/** `frames` frames of a deterministic test signal with `nc` channels. */
export function signal(frames: number, nc = 1, f = 0.013): Float32Array {
  return Float32Array.from({ length: frames * nc }, (_, i) => Math.sin(i * f * (1 + (i % nc))) + 0.25 * Math.cos(i * 0.31) + (i % nc));
}

/** Runs items synchronously through an operator; returns the values and the error, if any. */
export function collect<T, R>(items: readonly T[], op: OperatorFunction<T, R>): { values: R[]; error: unknown; completed: boolean } {
  const values: R[] = [];
  let error: unknown;
  let completed = false;
  from(items)
    .pipe(op)
    .subscribe({ next: (v) => values.push(v), error: (e) => (error = e), complete: () => (completed = true) });
  return { values, error, completed };
}

/** Runs items through an operator and returns the values; fails the test on a stream error. */
export function values<T, R>(items: readonly T[], op: OperatorFunction<T, R>): R[] {
  const r = collect(items, op);
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows what the stream raised, as it was raised
  if (r.error !== undefined) throw r.error;
  expect(r.completed).toBe(true);
  return r.values;
}

/** The code of an SdkError a stream errored with. */
export function errorCode<T, R>(items: readonly T[], op: OperatorFunction<T, R>): string | undefined {
  const { error } = collect(items, op);
  return (error as { code?: string } | undefined)?.code;
}
