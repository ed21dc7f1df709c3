import { describe, expect, it } from 'vitest';
import { resample } from '../../src/streams/resample.js';
import { ACC, batch, concat, errorCode, scheduler, signal, split, values } from './helpers.js';

const tone = (f: number, rate: number, frames: number) =>
  Float32Array.from({ length: frames }, (_, i) => Math.sin((2 * Math.PI * f * i) / rate));

describe('resample', () => {
  it('emits late by the filter length and flushes the rest on complete', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const a = batch(new Float32Array(100).fill(2), { rate: 100 });
      const b = batch(new Float32Array(100).fill(2), { rate: 100, seq: 1, startFrame: 100 });
      // 100 Hz -> 50 Hz at the default 60 dB and pass band 0.8: Kaiser's estimate gives
      // (60 - 7.95) / (2.285 * 2pi * 0.05) = 72.5 taps, so half = 37 input frames are needed
      // after an output. The first batch yields the outputs at input frames 0, 2, ... 62 (32),
      // the second those up to 162 (50 more), completion the last 18 (ceil(200 / 2) = 100).
      const out = (seq: number, first: number, n: number) => ({
        kind: 'ecg',
        channels: a.channels,
        rate: 50,
        t0: first / 50,
        seq,
        length: n,
        data: new Float32Array(n).fill(2),
      });
      expectObservable(cold('a-b-|', { a, b }).pipe(resample(50))).toBe('a-b-(c|)', {
        a: out(0, 0, 32),
        b: out(1, 32, 50),
        c: out(2, 82, 18),
      });
    });
  });

  it('passes errors through and unsubscribes on teardown', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const err = new Error('disconnected');
      const s = cold('a-#', { a: batch([1, 2], { rate: 100 }) }, err);
      expectObservable(s.pipe(resample(50))).toBe('--#', undefined, err);
      const t = cold('a-a-a|', { a: batch([1, 2], { rate: 100 }) });
      expectObservable(t.pipe(resample(50)), '^!').toBe('-');
      expectSubscriptions(t.subscriptions).toBe('^!');
    });
  });

  it('keeps a sine and its time base across batches, the same for any batching', () => {
    const x = tone(7, 360, 360 * 3);
    const whole = values(split(x, [1080], { rate: 360, t0: 20 }), resample(250));
    const out = values(split(x, [1, 100, 37, 360], { rate: 360, t0: 20 }), resample(250));
    expect(concat(out)).toEqual(concat(whole));
    const y = concat(out);
    expect(y.length).toBe(750);
    for (let n = 40; n < 710; n++) expect(Math.abs(y[n]! - Math.sin((2 * Math.PI * 7 * n) / 250))).toBeLessThan(1.5e-3);
    let frames = 0;
    out.forEach((b, i) => {
      expect(b.seq).toBe(i);
      expect(b.rate).toBe(250);
      expect(b.t0).toBeCloseTo(20 + frames / 250, 9);
      frames += b.length;
    });
  });

  it('flushes before a gap and starts a new segment at the gap, marking it', () => {
    const a = batch(new Float32Array(60 * 3).fill(1), { rate: 60, channels: ACC });
    const b = batch(new Float32Array(60 * 3).fill(3), { rate: 60, channels: ACC, seq: 1, t0: 5, gapBefore: 4 });
    const out = values([a, b], resample(30));
    const before = out.filter((o) => o.t0 < 5);
    const after = out.filter((o) => o.t0 >= 5);
    expect(before.reduce((s, o) => s + o.length, 0)).toBe(30);
    expect(after.reduce((s, o) => s + o.length, 0)).toBe(30);
    expect(after[0]!.t0).toBe(5);
    expect(after[0]!.gapBefore).toBe(4);
    expect(out.filter((o) => o.gapBefore !== undefined)).toHaveLength(1);
    for (const v of concat(before)) expect(v).toBeCloseTo(1, 5); // nothing of the 3s leaks back
    for (const v of concat(after)) expect(v).toBeCloseTo(3, 5);
  });

  it('passes a stream already at the target rate through unchanged', () => {
    const a = batch(signal(10), { rate: 250 });
    expect(values([a], resample(250))).toEqual([a]);
  });

  it('errors the stream on a rate change and rejects a bad target rate at call', () => {
    expect(errorCode([batch([1], { rate: 100 }), batch([1], { rate: 50, seq: 1 })], resample(25))).toBe('E_RATE');
    expect(() => resample(0)).toThrow(/targetRate/);
  });
});
