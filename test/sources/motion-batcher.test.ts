// MotionBatcher and RateMeter: fixed-duration batches of event-driven samples, with the
// stream's rate measured from the timestamps (not taken from the sensor's nominal interval).
import { describe, expect, it } from 'vitest';
import type { SampleBatch } from '../../src/core/batch.js';
import { MotionBatcher } from '../../src/sources/motion-batcher.js';
import { RateMeter } from '../../src/sources/rate-meter.js';

const CH = [
  { name: 'ax', unit: 'm/s^2' },
  { name: 'ay', unit: 'm/s^2' },
] as const;

function collect(options = {}) {
  const out: SampleBatch[] = [];
  const b = new MotionBatcher('acc', CH, (x) => out.push(x), options);
  return { b, out };
}

describe('RateMeter', () => {
  it('takes the median interval, so a few late events do not move it', () => {
    const m = new RateMeter(9);
    for (const dt of [0.02, 0.02, 0.02, 0.1, 0.02, 0.001, 0.02, 0.02, 0.3]) m.push(dt);
    expect(m.rate).toBeCloseTo(50, 9);
  });

  it('forgets intervals older than its window', () => {
    const m = new RateMeter(4);
    for (let i = 0; i < 4; i++) m.push(0.01);
    for (let i = 0; i < 4; i++) m.push(0.02);
    expect(m.rate).toBeCloseTo(50, 9);
  });
});

describe('MotionBatcher', () => {
  it('measures the real rate over the warm-up and keeps it for the stream', () => {
    // Events every 16.2 ms (61.73 Hz) with ±1 ms alternating jitter; nominal would be 60 Hz.
    const { b, out } = collect({ warmupSeconds: 1, batchSeconds: 0.25 });
    for (let i = 0; i < 400; i++) b.push(10 + i * 0.0162 + (i % 2 ? 0.001 : -0.001), [i, -i]);
    expect(out.length).toBeGreaterThan(20);
    for (const batch of out) expect(batch.rate).toBe(out[0]!.rate);
    expect(out[0]!.rate).toBeCloseTo(1 / 0.0162, 0);
    expect(Math.abs(out[0]!.rate - 1 / 0.0162)).toBeLessThan(0.2);
  });

  it('cuts batches of the fixed duration with per-sample timestamps, numbered without holes', () => {
    const { b, out } = collect({ warmupSeconds: 0.5, batchSeconds: 0.25 });
    for (let i = 0; i < 500; i++) b.push(i * 0.01, [i, 2 * i]);
    out.forEach((batch, k) => {
      expect(batch.seq).toBe(k);
      expect(batch.length).toBe(25); // 0.25 s at 100 Hz
      expect(batch.timestamps![0]).toBe(batch.t0);
      expect(batch.timestamps![1]! - batch.timestamps![0]!).toBeCloseTo(0.01, 12);
      expect(batch.gapBefore).toBeUndefined();
    });
    // Values keep their sample: frame 3 of batch 2 is sample 53.
    expect(out[2]!.data[3 * 2]).toBe(53);
    expect(out[2]!.data[3 * 2 + 1]).toBe(106);
  });

  it('marks a pause of the events (page hidden) as a gap of the missing time', () => {
    const { b, out } = collect({ warmupSeconds: 0.2, batchSeconds: 0.25 });
    for (let i = 0; i < 100; i++) b.push(i * 0.01, [0, 0]);
    for (let i = 0; i < 100; i++) b.push(3.99 + i * 0.01, [0, 0]); // 3 s without events
    const gaps = out.filter((x) => x.gapBefore !== undefined);
    expect(gaps).toHaveLength(1);
    // Last sample at 0.99 s, next expected at 1.00 s, next seen at 3.99 s: 2.99 s missing.
    expect(gaps[0]!.gapBefore).toBeCloseTo(2.99, 6);
    expect(gaps[0]!.t0).toBeCloseTo(3.99, 9);
  });

  it('drops samples whose time does not increase and counts them', () => {
    const { b, out } = collect({ warmupSeconds: 0.05, batchSeconds: 0.1 });
    for (let i = 0; i < 50; i++) {
      b.push(i * 0.01, [i, i]);
      if (i === 20) b.push(i * 0.01, [99, 99]); // duplicate
      if (i === 30) b.push(0.05, [99, 99]); // backwards
    }
    expect(b.dropped).toBe(2);
    const values = out.flatMap((x) => Array.from(x.data));
    expect(values).not.toContain(99);
    const ts = out.flatMap((x) => Array.from(x.timestamps!));
    expect(ts.every((t, i) => i === 0 || t > ts[i - 1]!)).toBe(true);
  });

  it('holds nothing back beyond the warm-up: all samples come out in order', () => {
    const { b, out } = collect({ warmupSeconds: 1, batchSeconds: 0.1 });
    for (let i = 0; i < 300; i++) b.push(i / 50, [i, 0]);
    const firsts = out.flatMap((x) => Array.from({ length: x.length }, (_, k) => x.data[k * 2]!));
    expect(firsts).toEqual(Array.from({ length: firsts.length }, (_, i) => i));
    expect(firsts.length).toBeGreaterThan(290);
  });

  it('refuses bad options', () => {
    expect(() => collect({ batchSeconds: 0 })).toThrow(/batchSeconds/);
    expect(() => collect({ gapFactor: 1 })).toThrow(/gapFactor/);
  });
});
