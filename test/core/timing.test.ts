// The timing model on real-device timelines: jitter, pairs and bursts are not gaps, a hole of
// more than k periods is, small disorder is reordered or counted, and the CSV rate estimate,
// `validate` and the motion batcher agree on it.
import { pipe } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { SampleBatch } from '../../src/core/batch.js';
import { GAP_PERIODS, measuredRate } from '../../src/core/timing.js';
import { MotionBatcher } from '../../src/sources/motion-batcher.js';
import { estimateRate } from '../../src/sources/rate-estimate.js';
import { slidingWindow } from '../../src/streams/sliding-window.js';
import { validate, type ValidationEvent } from '../../src/streams/validate.js';
import { ACC, collect, errorCode, values } from '../streams/helpers.js';
import { timeline } from './timelines.js';

/** Cuts timestamps into timestamped 1-channel batches of `size` frames (values = frame index). */
function batches(t: Float64Array, rate: number, size: number): SampleBatch[] {
  const out: SampleBatch[] = [];
  for (let a = 0, k = 0; a < t.length; a += size, k++) {
    const ts = t.slice(a, Math.min(t.length, a + size));
    const data = Float32Array.from(ts, (_, i) => a + i);
    out.push({ kind: 'ecg', channels: [{ name: 'ecg', unit: 'mV' }], rate, t0: ts[0]!, seq: k, length: ts.length, data, timestamps: ts });
  }
  return out;
}

describe('timing model', () => {
  it.each(['clean', 'jitter', 'pairs', 'bursts'] as const)('measures 50 Hz from %s timestamps, in the CSV estimate too', (kind) => {
    const t = timeline(kind, 3000, 50);
    expect(measuredRate(t)).toBeCloseTo(50, 0);
    expect(estimateRate(t)).toBeCloseTo(50, 0);
    expect(estimateRate(t, 50)).toBe(50);
  });

  it.each(['jitter', 'pairs', 'bursts'] as const)('validate passes %s timestamps whole, without gaps or errors', (kind) => {
    const events: ValidationEvent[] = [];
    const out = values(batches(timeline(kind, 3000, 50), 50, 37), validate({ report: { next: (e) => events.push(e) } }));
    expect(events).toEqual([]);
    expect(out.reduce((s, b) => s + b.length, 0)).toBe(3000);
    const windows = values(batches(timeline(kind, 3000, 50), 50, 37), pipe(validate(), slidingWindow(128, 25)));
    const clean = values(batches(timeline('clean', 3000, 50), 50, 37), pipe(validate(), slidingWindow(128, 25)));
    expect(windows.length).toBe(clean.length);
  });

  it(`marks a hole of more than ${GAP_PERIODS} periods as a gap, and not a shorter one`, () => {
    const t = timeline('clean', 100, 50);
    for (let i = 40; i < 100; i++) t[i] = t[i]! + 0.02; // 2 periods between frames 39 and 40: not a gap
    for (let i = 70; i < 100; i++) t[i] = t[i]! + 0.04; // 3 periods between 69 and 70: a gap of 2 periods
    const events: ValidationEvent[] = [];
    const out = values(batches(t, 50, 30), validate({ report: { next: (e) => events.push(e) } }));
    expect(events.map((e) => e.type)).toEqual(['gap']);
    expect(events[0]!.amount).toBeCloseTo(0.04, 9);
    expect(out.find((b) => b.gapBefore)!.t0).toBe(t[70]);
  });

  it('accepts a clock-timed batch that starts early by jitter but after the last frame', () => {
    const b0: SampleBatch = { kind: 'acc', channels: ACC.slice(0, 1), rate: 100, t0: 0, seq: 0, length: 4, data: new Float32Array(4) };
    const b1 = { ...b0, t0: 0.034, seq: 1 };
    expect(collect([b0, b1], validate()).error).toBeUndefined();
    expect(errorCode([b0, { ...b1, t0: 0.015 }], validate())).toBe('E_NON_MONOTONIC');
  });

  it('reorders small disorder within a batch and counts it; larger disorder is an error', () => {
    const ts = Float64Array.of(0, 0.02, 0.015, 0.03, 0.04);
    const b: SampleBatch = {
      kind: 'ecg',
      channels: [{ name: 'ecg', unit: 'mV' }],
      rate: 100,
      t0: 0,
      seq: 0,
      length: 5,
      data: Float32Array.of(0, 2, 1, 3, 4),
      timestamps: ts,
    };
    const events: ValidationEvent[] = [];
    const [out] = values([b], validate({ report: { next: (e) => events.push(e) } }));
    expect(Array.from(out!.data)).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(out!.timestamps!)).toEqual([0, 0.015, 0.02, 0.03, 0.04]);
    expect(events.map((e) => [e.type, e.amount, e.counts.reordered])).toEqual([['reordered', 1, 1]]);
    expect(Array.from(b.data)).toEqual([0, 2, 1, 3, 4]); // the input is untouched
    const far = { ...b, timestamps: Float64Array.of(0, 0.1, 0.05, 0.11, 0.12) };
    expect(errorCode([far], validate())).toBe('E_NON_MONOTONIC');
  });

  it('drops and counts frames of a batch that arrive slightly after later frames were emitted', () => {
    const [a, b] = batches(Float64Array.of(0, 0.01, 0.02, 0.03, 0.025, 0.04, 0.05), 100, 4);
    const events: ValidationEvent[] = [];
    const out = values([a!, b!], validate({ report: { next: (e) => events.push(e) } }));
    expect(out.flatMap((o) => Array.from(o.data))).toEqual([0, 1, 2, 3, 5, 6]);
    expect(events.map((e) => [e.type, e.amount, e.reason])).toEqual([['dropped', 1, 'late']]);
    expect(events[0]!.counts.droppedFrames).toBe(1);
  });
});

describe('motion batcher on pairs', () => {
  it('120 s of motion events in pairs give batches without gaps, and windows after validate', () => {
    const out: SampleBatch[] = [];
    const b = new MotionBatcher('acc', ACC, (x) => out.push(x));
    const t = timeline('pairs', 6000, 50);
    for (let i = 0; i < t.length; i++) b.push(100 + t[i]!, [0, 0, 9.81]);
    b.flush();
    expect(out.every((x) => x.gapBefore === undefined)).toBe(true);
    expect(out[0]!.rate).toBeCloseTo(50, 0);
    const windows = values(out, pipe(validate(), slidingWindow(128, 64)));
    expect(windows.length).toBeGreaterThanOrEqual(Math.floor((6000 - 50 - 128) / 64));
  });

  it('marks a hole of more than k measured periods as a gap, with the missing time', () => {
    const out: SampleBatch[] = [];
    const b = new MotionBatcher('acc', ACC, (x) => out.push(x), { warmupSeconds: 1 });
    for (let i = 0; i < 200; i++) b.push(i * 0.02 + (i >= 100 ? 0.06 : 0), [0, 0, 1]);
    b.flush();
    const gaps = out.filter((x) => x.gapBefore !== undefined);
    expect(gaps).toHaveLength(1);
    expect(gaps[0]!.gapBefore).toBeCloseTo(0.06, 6);
  });
});
