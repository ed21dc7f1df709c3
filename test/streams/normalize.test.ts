import { describe, expect, it } from 'vitest';
import type { SampleWindow } from '../../src/core/window.js';
import { normalize } from '../../src/streams/normalize.js';
import { slidingWindow } from '../../src/streams/sliding-window.js';
import { ACC, batch, concat, scheduler, signal, split, values } from './helpers.js';

const meanStd = (xs: number[]) => {
  const m = xs.reduce((a, v) => a + v, 0) / xs.length;
  return [m, Math.sqrt(xs.reduce((a, v) => a + (v - m) ** 2, 0) / xs.length)] as const;
};

describe('normalize', () => {
  it('maps each item, passes errors through and tears down', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const a = batch([1, 3]);
      const z = { ...a, data: Float32Array.of(-1, 1) };
      const err = new Error('x');
      expectObservable(cold('a-a#', { a }, err).pipe(normalize())).toBe('a-a#', { a: z }, err);
      const s = cold('a-a-a|', { a });
      expectObservable(s.pipe(normalize()), '^--!').toBe('a-a', { a: z });
      expectSubscriptions(s.subscriptions).toBe('^--!');
    });
  });

  it("'window' standardises each window per channel without touching the input", () => {
    const x = signal(256, 3, 0.1);
    const [w] = values(split(x, [256], { channels: ACC }), slidingWindow(256));
    const copy = Float32Array.from(w!.data);
    const [z] = values([w!], normalize<SampleWindow>());
    expect(w!.data).toEqual(copy);
    expect(z!.start).toBe(0);
    for (let c = 0; c < 3; c++) {
      const [m, s] = meanStd(Array.from({ length: 256 }, (_, i) => z!.data[3 * i + c]!));
      expect(m).toBeCloseTo(0, 5);
      expect(s).toBeCloseTo(1, 5);
    }
  });

  it("'running' on batches uses the statistics of all frames so far, for any batching, restarting at a gap", () => {
    const x = signal(300, 1, 0.05);
    const out = concat(values(split(x, [7, 50, 1]), normalize({ mode: 'running' })));
    expect(concat(values(split(x, [300]), normalize({ mode: 'running' })))).toEqual(out);
    for (const i of [1, 2, 10, 150, 299]) {
      const [m, s] = meanStd(Array.from(x.subarray(0, i + 1)));
      expect(out[i]).toBeCloseTo((x[i]! - m) / s, 4);
    }
    const [, after] = values(
      [batch([5, 6, 7]), batch([100, 101], { seq: 1, startFrame: 10, gapBefore: 0.07 })],
      normalize({ mode: 'running' }),
    );
    expect(Array.from(after!.data)).toEqual([0, 1]);
  });

  it("'running' on overlapping windows counts each frame once and keeps a window's shape", () => {
    const x = signal(200, 1, 0.07);
    const ws = values(split(x, [200]), slidingWindow(50, 10));
    const zs = values(ws, normalize<SampleWindow>({ mode: 'running' }));
    for (const k of [0, 3, ws.length - 1]) {
      const w = ws[k]!;
      const [m, s] = meanStd(Array.from(x.subarray(0, w.start + w.length)));
      for (let i = 0; i < 50; i += 7) expect(zs[k]!.data[i]).toBeCloseTo((w.data[i]! - m) / s, 4);
    }
  });

  it('rejects bad options at call', () => {
    expect(() => normalize({ mode: 'global' as 'window' })).toThrow(/mode/);
    expect(() => normalize({ minStd: 0 })).toThrow(/minStd/);
  });
});
