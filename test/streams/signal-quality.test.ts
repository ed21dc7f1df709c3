import { describe, expect, it } from 'vitest';
import { signalQuality } from '../../src/streams/signal-quality.js';
import { excerpt } from '../dsp/ecg-fixtures.js';
import { ACC, batch, collect, errorCode, split, values } from './helpers.js';

describe('signalQuality', () => {
  it('rates each window with its time, the same for any batching, and emits the last window on completion', async () => {
    const x = (await excerpt('119a')).x;
    const whole = values(split(x.subarray(0, 6000), [6000], { rate: 360, t0: 50 }), signalQuality({ windowSeconds: 10 }));
    expect(whole.map((q) => [q.start, q.length, q.time, q.duration])).toEqual([
      [0, 3600, 50, 10],
      [3600, 2400, 60, 2400 / 360],
    ]);
    expect(whole[0]!.usable).toBe(true);
    const pieces = values(split(x.subarray(0, 6000), [1, 500, 37], { rate: 360, t0: 50 }), signalQuality({ windowSeconds: 10 }));
    expect(pieces.map(({ time: _, ...q }) => q)).toEqual(whole.map(({ time: _, ...q }) => q));
    pieces.forEach((q, i) => expect(q.time).toBeCloseTo(whole[i]!.time, 9));
  });

  it('reports lead-off, flat line and noise as unusable windows instead of erroring', async () => {
    const x = (await excerpt('119a')).x.slice();
    x.fill(Number.NaN, 0, 3000);
    x.fill(0.5, 3600, 7200);
    const r = collect(split(x, [360], { rate: 360 }), signalQuality({ windowSeconds: 10 }));
    expect(r.error).toBeUndefined();
    expect(r.values.map((q) => q.flags[0])).toEqual(['lead-off', 'flat']);
    expect(r.values.map((q) => q.quality)).toEqual([0, 0]);
    const noisy = values(split((await excerpt('105a')).x, [720], { rate: 360 }), signalQuality({ windowSeconds: 10 }));
    expect(noisy.every((q) => !q.usable && q.flags.includes('noisy'))).toBe(true);
  });

  it('ends a window early at a gap', async () => {
    const x = (await excerpt('232a')).x;
    const a = batch(x.subarray(0, 5000), { rate: 360 });
    const b = batch(x.subarray(5000), { rate: 360, seq: 1, t0: 100, gapBefore: 86 });
    const out = values([a, b], signalQuality({ windowSeconds: 10 }));
    expect(out.map((q) => [q.start, q.length, q.time])).toEqual([
      [0, 3600, 0],
      [3600, 1400, 10],
      [5000, 2200, 100],
    ]);
  });

  it('errors the stream for a stream it cannot rate', () => {
    expect(errorCode([batch(new Float32Array(300), { rate: 100, channels: ACC })], signalQuality())).toBe('E_SHAPE');
    expect(errorCode([batch(new Float32Array(300), { rate: 50 })], signalQuality())).toBe('E_RATE');
    expect(errorCode([batch(new Float32Array(300), { rate: 250 })], signalQuality({ windowSeconds: 1 }))).toBe('E_ARGUMENT');
  });
});
