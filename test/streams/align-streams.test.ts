import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { SampleBatch } from '../../src/core/batch.js';
import { alignStreams, type AlignedPair } from '../../src/streams/align-streams.js';
import { ACC, batch, scheduler, split } from './helpers.js';

/** A signal whose value is its own time in ms, so pairing can be checked value by value. */
const clock = (rate: number, t0: number, frames: number, nc = 1) =>
  Float32Array.from({ length: frames * nc }, (_, i) => Math.round((t0 + Math.floor(i / nc) / rate) * 1000));

function pairs(
  a: SampleBatch[],
  b: SampleBatch[],
  options = {},
): { out: AlignedPair[]; unpaired: { a: number; b: number }; done: boolean } {
  const sa = new Subject<SampleBatch>();
  const sb = new Subject<SampleBatch>();
  const out: AlignedPair[] = [];
  let unpaired = { a: 0, b: 0 };
  let done = false;
  alignStreams(sa, sb, { ...options, unpaired: { next: (c) => (unpaired = c) } }).subscribe({
    next: (p) => out.push(p),
    complete: () => (done = true),
    error: (e) => {
      throw e;
    },
  });
  // Interleave the two streams batch by batch, as live sources would.
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i]) sa.next(a[i]!);
    if (b[i]) sb.next(b[i]!);
  }
  sa.complete();
  sb.complete();
  return { out, unpaired, done };
}

describe('alignStreams', () => {
  it('emits a pair as soon as both streams have the frames, completing when a stream is exhausted', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const x = batch([0, 10], { rate: 100 });
      const y = batch([20, 30], { rate: 100, seq: 1, startFrame: 2 });
      const p = batch([0, 10, 0, 10, 0, 10], { rate: 100, channels: ACC });
      const q = batch([20, 30, 20, 30, 20, 30], { rate: 100, channels: ACC, seq: 1, startFrame: 2 });
      expectObservable(alignStreams(cold('x---y---|', { x, y }), cold('--p---q-|', { p, q }))).toBe('--P---Q-|', {
        P: [x, p],
        Q: [y, q],
      });
    });
  });

  it('passes errors through and unsubscribes both sources on teardown', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const a = cold<SampleBatch>('--#');
      const b = cold<SampleBatch>('-----');
      expectObservable(alignStreams(a, b)).toBe('--#');
      const c = cold<SampleBatch>('------');
      const d = cold<SampleBatch>('------');
      expectObservable(alignStreams(c, d), '^--!').toBe('---');
      expectSubscriptions(c.subscriptions).toBe('^--!');
      expectSubscriptions(d.subscriptions).toBe('^--!');
    });
  });

  it('pairs frames of the same time, dropping those without a partner, whatever the batching', () => {
    const rate = 100;
    const ecg = split(clock(rate, 0, 500), [37, 100, 3], { rate });
    const imu = split(clock(rate, 1, 300, 3), [50, 9], { rate, channels: ACC, t0: 1 }); // starts 1 s later
    const { out, unpaired, done } = pairs(ecg, imu);
    expect(done).toBe(true);
    expect(unpaired).toEqual({ a: 200, b: 0 }); // ecg before 1 s and after 4 s
    let frames = 0;
    out.forEach(([e, m], i) => {
      expect([e.seq, m.seq, e.length, m.length, e.t0, m.t0]).toEqual([i, i, e.length, e.length, e.t0, e.t0]);
      expect(e.t0).toBeCloseTo(1 + frames / rate, 9);
      for (let k = 0; k < e.length; k++) {
        expect(m.data[3 * k]).toBe(e.data[k]);
        expect(m.data[3 * k + 2]).toBe(e.data[k]);
      }
      frames += e.length;
    });
    expect(frames).toBe(300);
  });

  it('snaps a grid offset by less than half a frame to the first stream', () => {
    const { out } = pairs(split(clock(50, 0, 100), [100], { rate: 50 }), split(clock(50, 0.006, 100), [30], { rate: 50, t0: 0.006 }));
    expect(out.reduce((s, [e]) => s + e.length, 0)).toBe(100);
    expect(out[1]![1].t0).toBe(out[1]![0].t0);
  });

  it('marks the gap of one stream on the pair after it and drops the other stream there', () => {
    const a = split(clock(100, 0, 300), [100], { rate: 100 });
    const b = [batch(clock(100, 0, 100), { rate: 100 }), batch(clock(100, 2, 100), { rate: 100, seq: 1, t0: 2, gapBefore: 1 })];
    const { out, unpaired } = pairs(a, b);
    expect(out.map(([e]) => [e.t0, e.length, e.gapBefore])).toEqual([
      [0, 100, undefined],
      [2, 100, 1],
    ]);
    expect(out[1]![1].gapBefore).toBe(1);
    expect(unpaired).toEqual({ a: 100, b: 0 });
  });

  it('bounds what waits for a stalled stream by maxLag', () => {
    const sa = new Subject<SampleBatch>();
    const sb = new Subject<SampleBatch>();
    let unpaired = { a: 0, b: 0 };
    alignStreams(sa, sb, { maxLag: 2, unpaired: { next: (c) => (unpaired = c) } }).subscribe();
    sb.next(batch(clock(10, 0, 10), { rate: 10 }));
    for (let s = 0; s < 10; s++) sa.next(batch(clock(10, s, 10), { rate: 10, seq: s, t0: s }));
    expect(unpaired).toEqual({ a: 70, b: 0 }); // 10 paired, 2 s (20 frames) still waiting
  });

  it('resamples both to a common rate when given one, and errors on different rates otherwise', () => {
    const ecg = split(new Float32Array(360 * 4).fill(1), [360], { rate: 360 });
    const imu = split(new Float32Array(50 * 4 * 3).fill(2), [50], { rate: 50, channels: ACC });
    const { out } = pairs(ecg, imu, { rate: 100 });
    expect(out.every(([e, m]) => e.rate === 100 && m.rate === 100 && e.length === m.length)).toBe(true);
    expect(out.reduce((s, [e]) => s + e.length, 0)).toBe(400);
    let code: string | undefined;
    alignStreams(new Subject<SampleBatch>(), new Subject<SampleBatch>()).subscribe();
    const sa = new Subject<SampleBatch>();
    const sb = new Subject<SampleBatch>();
    alignStreams(sa, sb).subscribe({ error: (e) => (code = e.code) });
    sa.next(ecg[0]!);
    sb.next(imu[0]!);
    expect(code).toBe('E_RATE');
    expect(() => alignStreams(sa, sb, { maxLag: 0 })).toThrow(/maxLag/);
  });
});
