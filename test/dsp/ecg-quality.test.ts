import { describe, expect, it } from 'vitest';
import type { EcgQuality } from '../../src/dsp/ecg-quality.js';
import { EcgQualityMeter } from '../../src/dsp/ecg-quality-meter.js';
import { excerpt } from './ecg-fixtures.js';

function rate10(x: Float32Array, sizes = [x.length]): EcgQuality[] {
  const meter = new EcgQualityMeter(360, 10);
  const out: EcgQuality[] = [];
  for (let at = 0, k = 0; at < x.length; k++) {
    const n = Math.min(sizes[k % sizes.length]!, x.length - at);
    meter.process(x.subarray(at, at + n), (q) => out.push(q));
    at += n;
  }
  meter.flush((q) => out.push(q));
  return out;
}

/** Deterministic Gaussian noise (Box–Muller over a linear congruential generator). */
function noise(n: number, sd: number): Float32Array {
  let s = 12345;
  const u = () => ((s = (s * 1103515245 + 12345) % 2147483648) + 1) / 2147483649;
  return Float32Array.from({ length: n }, () => sd * Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u()));
}

describe('EcgQualityMeter', () => {
  it('calls clean real ECG usable, with high template correlation and kurtosis', async () => {
    const q = rate10((await excerpt('119a')).x);
    expect(q.map((w) => [w.start, w.length])).toEqual([
      [0, 3600],
      [3600, 3600],
    ]);
    for (const w of q) {
      expect(w.usable).toBe(true);
      expect(w.quality).toBeGreaterThan(0.8);
      expect(w.kurtosis).toBeGreaterThan(5);
      expect(w.beats).toBeGreaterThanOrEqual(10);
    }
  });

  it('flags the noisy MIT-BIH 105 excerpt, white noise, and a window with a 5.9 s pause', async () => {
    for (const w of rate10((await excerpt('105a')).x)) expect(w.flags).toContain('noisy');
    for (const w of rate10(noise(7200, 0.3))) {
      expect(w.usable).toBe(false);
      expect(w.quality).toBeLessThan(0.66);
    }
    // The pause spans samples 2881–4995: 2.0 s of window 0, 3.9 s of window 1 (limit 3 s).
    const pause = rate10((await excerpt('232a')).x);
    expect(pause[0]!.usable).toBe(true);
    expect(pause[1]!.flags).toEqual(['implausible-rate']);
  });

  it('gives 0 for a flat line and a lead-off, and flags clipping', async () => {
    const flat = rate10(new Float32Array(3600).fill(0.7))[0]!;
    expect(flat.flags).toEqual(['flat', 'few-beats']);
    expect(flat.quality).toBe(0);
    const off = (await excerpt('119a')).x.slice(0, 3600);
    off.fill(Number.NaN, 1000, 3000);
    const w = rate10(off)[0]!;
    expect(w.flags).toContain('lead-off');
    expect(w.missingFraction).toBeCloseTo(2000 / 3600, 9);
    expect(w.quality).toBe(0);
    const e = (await excerpt('119a')).x;
    const top = 0.25 * Math.max(...e);
    const clipped = rate10(e.map((v) => Math.min(v, top)));
    for (const c of clipped) {
      expect(c.flags).toContain('clipped');
      expect(c.clippedFraction).toBeGreaterThan(0.01);
    }
  });

  it('gives the same windows whatever the batch sizes, and ends a window early at a gap', async () => {
    const x = (await excerpt('232a')).x;
    expect(rate10(x, [1, 97, 360])).toEqual(rate10(x));
    const meter = new EcgQualityMeter(360, 10);
    const out: EcgQuality[] = [];
    meter.process(x.subarray(0, 5000), (q) => out.push(q));
    meter.gap((q) => out.push(q));
    meter.process(x.subarray(5000), (q) => out.push(q));
    meter.flush((q) => out.push(q));
    expect(out.map((w) => [w.start, w.length])).toEqual([
      [0, 3600],
      [3600, 1400],
      [5000, 2200],
    ]);
  });
});
