import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HrvCalculator } from '../../src/dsp/hrv.js';
import { HrvWindow } from '../../src/dsp/hrv-window.js';

interface Fixture {
  records: { record: string; time: number[]; rr: number[]; normal: number[]; reference: Record<string, number> }[];
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/hrv/hrv-reference.json', import.meta.url), 'utf8')) as Fixture;

describe('HrvCalculator', () => {
  it('matches the independent numpy / scipy.signal.lombscargle values on MIT-BIH RR series (scripts/hrv_reference.py)', () => {
    const calc = new HrvCalculator();
    for (const r of fixture.records) {
      const s = calc.compute(Float64Array.from(r.time), Float64Array.from(r.rr), Uint8Array.from(r.normal), r.rr.length);
      expect(s.nn).toBe(r.reference.nn);
      for (const key of ['meanNn', 'sdnn', 'rmssd', 'pnn50', 'lf', 'hf', 'lfHf'] as const) {
        expect(Math.abs(s[key] / r.reference[key]! - 1), `${r.record} ${key}`).toBeLessThan(1e-9);
      }
    }
  });

  it('pairs only NN intervals that follow each other directly (worked example)', () => {
    // Beats at 0, 0.8, 1.6, 2.1 (ectopic), 3.2, 4.0, then a gap, 10.0, 10.9 s.
    const time = Float64Array.of(0.8, 1.6, 2.1, 3.2, 4.0, 10.9);
    const rr = Float64Array.of(0.8, 0.8, 0.5, 1.1, 0.8, 0.9);
    const normal = Uint8Array.of(1, 1, 0, 0, 1, 1);
    const s = new HrvCalculator().compute(time, rr, normal, 6);
    // NN: 800, 800, 800, 900 ms; successive pairs: (800, 800) only -> one difference of 0 ms.
    expect(s.nn).toBe(4);
    expect(s.meanNn).toBeCloseTo(825, 9);
    expect(s.sdnn).toBeCloseTo(50, 9); // sqrt(((-25)² × 3 + 75²) / 3)
    expect(s.rmssd).toBe(0);
    expect(s.pnn50).toBe(0);
    expect(Number.isNaN(s.lf)).toBe(true); // span under 60 s
  });
});

describe('HrvWindow', () => {
  it('summarises every step over the last window, after the minimum span', () => {
    const hrv = new HrvWindow({ window: 120, step: 30, minSpan: 60 });
    const out: { end: number; start: number; intervals: number }[] = [];
    let t = 0;
    for (let i = 0; i < 300; i++) {
      const rr = 1 + 0.05 * Math.sin(2 * Math.PI * 0.25 * t);
      t += rr;
      const s = hrv.push({ time: t, rr, kind: 'normal', corrected: rr });
      if (s) out.push(s);
    }
    expect(out.length).toBeGreaterThan(6);
    expect(out[0]!.end).toBeGreaterThanOrEqual(60);
    for (const s of out) expect(s.end - s.start).toBeLessThanOrEqual(120 + 1e-9);
    for (let i = 1; i < out.length; i++) expect(out[i]!.end - out[i - 1]!.end).toBeCloseTo(30, 0);
  });
});
