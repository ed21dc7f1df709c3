import { describe, expect, it } from 'vitest';
import { slidingWindow } from '../../src/streams/sliding-window.js';
import { ACC, batch, collect, errorCode, scheduler, signal, split, values } from './helpers.js';

describe('slidingWindow', () => {
  it('emits each window when its last frame arrives, and completes with the source', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const a = batch([0, 1, 2]);
      const b = batch([3, 4, 5], { seq: 1, startFrame: 3 });
      const c = batch([6, 7, 8], { seq: 2, startFrame: 6 });
      const win = (start: number, seq: number) => ({
        kind: 'ecg',
        channels: a.channels,
        rate: 100,
        t0: start / 100,
        start,
        length: 4,
        seq,
        data: Float32Array.from([start, start + 1, start + 2, start + 3]),
      });
      expectObservable(cold('a---b---c---|', { a, b, c }).pipe(slidingWindow(4, 2))).toBe('----(xy)z---|', {
        x: win(0, 0),
        y: win(2, 1),
        z: win(4, 2),
      });
    });
  });

  it('passes errors through and drops the partial window', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const err = new Error('sensor');
      expectObservable(cold('a-#', { a: batch([1, 2, 3]) }, err).pipe(slidingWindow(2))).toBe(
        'a-#',
        {
          a: { kind: 'ecg', channels: batch([]).channels, rate: 100, t0: 0, start: 0, length: 2, seq: 0, data: Float32Array.of(1, 2) },
        },
        err,
      );
    });
  });

  it('unsubscribes from the source on early unsubscribe', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('a-a-a-a-a|', { a: batch([1]) });
      expectObservable(source.pipe(slidingWindow(2)), '^--!').toBe('--w', {
        w: { kind: 'ecg', channels: batch([]).channels, rate: 100, t0: 0, start: 0, length: 2, seq: 0, data: Float32Array.of(1, 1) },
      });
      expectSubscriptions(source.subscriptions).toBe('^--!');
    });
  });

  it.each([
    [50, 25, [7, 1, 130, 40]],
    [50, 50, [50]],
    [16, 40, [3, 11]], // hop > size: frames between windows are skipped
    [1, 1, [5]],
  ])('size %i hop %i: windows equal the stream sliced at start, for any batching', (size, hop, sizes) => {
    const frames = 400;
    const x = signal(frames, 3);
    const windows = values(split(x, sizes, { channels: ACC, rate: 50, t0: 10 }), slidingWindow(size, hop));
    expect(windows).toHaveLength(Math.floor((frames - size) / hop) + 1);
    windows.forEach((w, i) => {
      expect(w.seq).toBe(i);
      expect(w.start).toBe(i * hop);
      expect(w.t0).toBeCloseTo(10 + (i * hop) / 50, 9);
      expect(w.data).toEqual(x.subarray(w.start * 3, (w.start + size) * 3));
    });
  });

  it('gives each window its own buffer (transferable, not a view of the input)', () => {
    const [w] = values([batch(signal(10))], slidingWindow(10));
    expect(w!.data.byteOffset).toBe(0);
    expect(w!.data.buffer.byteLength).toBe(40);
  });

  it('takes t0 from per-frame timestamps when batches carry them', () => {
    const b = { ...batch([1, 2, 3, 4]), timestamps: Float64Array.of(5, 5.011, 5.019, 5.03) };
    const ws = values([b], slidingWindow(2, 1));
    expect(ws.map((w) => w.t0)).toEqual([5, 5.011, 5.019]);
  });

  it('never lets a window span a gap; frames are still counted in start', () => {
    const a = batch([0, 1, 2], { seq: 0 });
    const b = batch([3, 4, 5, 6], { seq: 1, startFrame: 50, gapBefore: 0.47 });
    const ws = values([a, b], slidingWindow(2, 2));
    expect(ws.map((w) => Array.from(w.data))).toEqual([
      [0, 1],
      [3, 4],
      [5, 6],
    ]);
    expect(ws.map((w) => w.start)).toEqual([0, 3, 5]);
    expect(ws[1]!.t0).toBeCloseTo(0.5, 12);
  });

  it('errors the stream (not the caller) when the channels or rate change', () => {
    const a = batch([1, 2]);
    expect(errorCode([a, batch([1, 2, 3], { channels: ACC })], slidingWindow(2))).toBe('E_SHAPE');
    expect(errorCode([a, batch([1, 2], { rate: 50 })], slidingWindow(2))).toBe('E_RATE');
    expect(errorCode([{ ...a, length: 3 }], slidingWindow(2))).toBe('E_SHAPE');
    expect(collect([a], slidingWindow(2)).values).toHaveLength(1);
  });

  it('rejects a bad size or hop when called', () => {
    expect(() => slidingWindow(0)).toThrow(/size/);
    expect(() => slidingWindow(10, 2.5)).toThrow(/hop/);
  });
});
