import { describe, expect, it } from 'vitest';
import { LombScargle } from '../../src/dsp/lomb-scargle.js';

describe('LombScargle', () => {
  it('equals the classical periodogram |DFT|²/N at Fourier frequencies of evenly sampled data', () => {
    // With even sampling at Fourier frequencies Σcos2ωt = Σsin2ωt = 0, so τ = 0 and
    // P = (YC² + YS²)/N, the Schuster periodogram; the PSD is then 2·T·P/N.
    const N = 128;
    const dt = 0.5;
    const t = Float64Array.from({ length: N }, (_, i) => i * dt);
    const y = Float64Array.from(t, (ti, i) => Math.sin(0.7 * ti) + 0.3 * Math.cos(2.1 * ti + 1) + ((i * 7919) % 13) / 13);
    const df = 1 / (N * dt);
    const ls = new LombScargle(df, df, N / 2 - 1);
    const psd = ls.psd(t, y, N, new Float64Array(N / 2 - 1));
    const mean = y.reduce((a, b) => a + b) / N;
    for (let k = 1; k < N / 2; k++) {
      let re = 0;
      let im = 0;
      for (let i = 0; i < N; i++) {
        re += (y[i]! - mean) * Math.cos((2 * Math.PI * k * i) / N);
        im -= (y[i]! - mean) * Math.sin((2 * Math.PI * k * i) / N);
      }
      const expected = ((2 * (t[N - 1]! - t[0]!)) / N) * ((re * re + im * im) / N);
      expect(psd[k - 1]).toBeCloseTo(expected, 8);
    }
  });

  it('gives a band power close to the variance A²/2 of a sinusoid sampled unevenly', () => {
    const t: number[] = [];
    for (let s = 0, i = 0; s < 300; i++) t.push((s += 0.6 + 0.4 * Math.abs(Math.sin(i * 12.9898))));
    const A = 40;
    const y = t.map((s) => 800 + A * Math.sin(2 * Math.PI * 0.25 * s + 0.4));
    const ls = new LombScargle(0.001, 0.001, 500);
    const psd = ls.psd(Float64Array.from(t), Float64Array.from(y), t.length, new Float64Array(500));
    expect(ls.bandPower(psd, 0.15, 0.4) / ((A * A) / 2)).toBeGreaterThan(0.95);
    expect(ls.bandPower(psd, 0.15, 0.4) / ((A * A) / 2)).toBeLessThan(1.05);
    expect(ls.bandPower(psd, 0.04, 0.15)).toBeLessThan(0.03 * ((A * A) / 2)); // leakage only
  });

  it('returns zeros for fewer than 3 points and rejects a bad grid', () => {
    const ls = new LombScargle(0.01, 0.01, 10);
    expect(Array.from(ls.psd(Float64Array.of(0, 1), Float64Array.of(1, 2), 2, new Float64Array(10)))).toEqual(new Array(10).fill(0));
    expect(() => new LombScargle(0, 0.01, 10)).toThrow(expect.objectContaining({ code: 'E_ARGUMENT' }));
    expect(() => ls.psd(Float64Array.of(0, 1, 2), Float64Array.of(1, 2, 3), 3, new Float64Array(5))).toThrow(
      expect.objectContaining({ code: 'E_ARGUMENT' }),
    );
  });
});
