import { describe, expect, it } from 'vitest';
import { GravitySeparator } from '../../src/dsp/gravity.js';

/** Analytic magnitude of the bilinear Butterworth low-pass (pre-warped at the cut-off). */
const butterLow = (f: number, fc: number, rate: number, n: number) =>
  1 / Math.sqrt(1 + (Math.tan((Math.PI * f) / rate) / Math.tan((Math.PI * fc) / rate)) ** (2 * n));

describe('GravitySeparator', () => {
  it('starts from the first frame: a device at rest shows gravity and no body acceleration', () => {
    const sep = new GravitySeparator(50, 3);
    const x = new Float32Array(300);
    for (let i = 0; i < 100; i++) x.set([0.5, -9.7, 1.2], 3 * i);
    const g = new Float32Array(300);
    const b = new Float32Array(300);
    sep.process(x, g, b);
    for (let i = 0; i < 300; i++) {
      expect(g[i]).toBeCloseTo(x[i]!, 5);
      expect(Math.abs(b[i]!)).toBeLessThan(1e-5);
    }
  });

  it('leaves movement in body: a 2 Hz sway leaks into gravity only by the analytic low-pass gain', () => {
    const rate = 50;
    const sep = new GravitySeparator(rate, 1, { cutoff: 0.3, order: 3 });
    const n = rate * 60;
    const x = Float32Array.from({ length: n }, (_, i) => 9.81 + Math.sin((2 * Math.PI * 2 * i) / rate));
    const g = new Float32Array(n);
    const b = new Float32Array(n);
    sep.process(x, g, b);
    const tail = (a: Float32Array) => a.subarray(n / 2);
    const mean = (a: Float32Array) => a.reduce((s, v) => s + v, 0) / a.length;
    const amp = (a: Float32Array) => {
      const m = mean(a);
      return Math.sqrt((2 * a.reduce((s, v) => s + (v - m) ** 2, 0)) / a.length);
    };
    expect(mean(tail(g))).toBeCloseTo(9.81, 3);
    expect(amp(tail(g))).toBeCloseTo(butterLow(2, 0.3, rate, 3), 4);
    expect(mean(tail(b))).toBeCloseTo(0, 3);
    for (let i = 0; i < n; i++) expect(g[i]! + b[i]!).toBeCloseTo(x[i]!, 5);
  });

  it('follows a change of orientation and restarts from the next frame after reset()', () => {
    const sep = new GravitySeparator(50, 1);
    const n = 50 * 30;
    const x = new Float32Array(n).fill(9.81);
    x.fill(-9.81, 100);
    const g = new Float32Array(n);
    sep.process(x, g, new Float32Array(n));
    expect(g[100]).toBeGreaterThan(9);
    expect(g[n - 1]).toBeCloseTo(-9.81, 3);
    sep.reset();
    sep.process(Float32Array.of(3), g, new Float32Array(1), 1);
    expect(g[0]).toBeCloseTo(3, 6);
  });
});
