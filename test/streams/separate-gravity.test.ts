import { describe, expect, it } from 'vitest';
import type { ChannelInfo } from '../../src/core/batch.js';
import { GravitySeparator } from '../../src/dsp/gravity.js';
import { separateGravity } from '../../src/streams/separate-gravity.js';
import { ACC, batch, concat, errorCode, scheduler, signal, split, values } from './helpers.js';

const IMU: readonly ChannelInfo[] = [...ACC, ...['gx', 'gy', 'gz'].map((name) => ({ name, unit: 'rad/s' as const }))];

describe('separateGravity', () => {
  it('emits one batch per batch, passes errors through and tears down', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const a = batch([0, 0, 9.81], { channels: ACC, rate: 50 });
      const err = new Error('x');
      const body = { ...a, data: Float32Array.of(0, 0, 0) };
      expectObservable(cold('a-#', { a }, err).pipe(separateGravity({ output: 'body' }))).toBe('a-#', { a: body }, err);
      const s = cold('a-a-a|', { a });
      expectObservable(s.pipe(separateGravity({ output: 'gravity' })), '^-!').toBe('a-', { a });
      expectSubscriptions(s.subscriptions).toBe('^-!');
    });
  });

  it("'both' keeps gyroscope channels, puts body acceleration under ax..az and appends gravity_*", () => {
    const frames = 500;
    const x = signal(frames, 6, 0.05);
    const out = values(
      split(x, [50], { channels: IMU, rate: 50 }).map((b) => ({ ...b, kind: 'imu' as const })),
      separateGravity(),
    );
    expect(out[0]!.channels.map((c) => c.name)).toEqual(['ax', 'ay', 'az', 'gx', 'gy', 'gz', 'gravity_ax', 'gravity_ay', 'gravity_az']);
    expect(out[0]!.channels[6]!.unit).toBe('m/s^2');
    // Reference: the separator over the accelerometer channels alone.
    const acc = new Float32Array(frames * 3);
    for (let i = 0; i < frames; i++) for (let c = 0; c < 3; c++) acc[3 * i + c] = x[6 * i + c]!;
    const g = new Float32Array(acc.length);
    const b = new Float32Array(acc.length);
    new GravitySeparator(50, 3).process(acc, g, b);
    const y = concat(out);
    for (let i = 0; i < frames; i++) {
      for (let c = 0; c < 3; c++) {
        expect(y[9 * i + c]).toBe(b[3 * i + c]);
        expect(y[9 * i + 3 + c]).toBe(x[6 * i + 3 + c]);
        expect(y[9 * i + 6 + c]).toBe(g[3 * i + c]);
      }
    }
  });

  it('gives the same output for any batching and resets at a gap', () => {
    const x = signal(400, 3, 0.02);
    const a = concat(values(split(x, [400], { channels: ACC, rate: 50 }), separateGravity({ output: 'gravity' })));
    const c = concat(values(split(x, [3, 170, 1], { channels: ACC, rate: 50 }), separateGravity({ output: 'gravity' })));
    expect(c).toEqual(a);
    const [, afterGap] = values(
      [batch([0, 0, 9.81], { channels: ACC }), batch([9.81, 0, 0], { channels: ACC, seq: 1, startFrame: 20, gapBefore: 0.19 })],
      separateGravity({ output: 'gravity' }),
    );
    expect(Array.from(afterGap!.data)).toEqual([9.81, 0, 0].map(Math.fround));
  });

  it('errors the stream when the accelerometer channels are missing or the cut-off does not fit the rate', () => {
    expect(errorCode([{ ...batch([1, 2, 3], { channels: IMU.slice(3) }), kind: 'gyro' as const }], separateGravity())).toBe('E_SHAPE');
    expect(errorCode([batch([1, 2, 3], { channels: ACC, rate: 0.5 })], separateGravity())).toBe('E_ARGUMENT');
    expect(() => separateGravity({ output: 'total' as 'body' })).toThrow(/output/);
  });
});
