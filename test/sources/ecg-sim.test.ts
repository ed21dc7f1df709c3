import { describe, expect, it } from 'vitest';
import { simulateEcg } from '../../src/sources/ecg-sim.js';
import { rrTachogram } from '../../src/sources/rr-process.js';
import { createRng } from '../../src/core/random.js';

const clean = { noise: 0, baselineWander: 0 };

/** R peaks found from the signal alone: local maxima above half the signal's maximum, 200 ms apart. */
function detectPeaks(x: Float32Array, rate: number): number[] {
  let max = -Infinity;
  for (const v of x) max = Math.max(max, v);
  const peaks: number[] = [];
  const half = Math.round(0.2 * rate);
  for (let i = 1; i < x.length - 1; i++) {
    if (x[i]! < 0.5 * max) continue;
    let isMax = true;
    for (let j = Math.max(0, i - half); j <= Math.min(x.length - 1, i + half) && isMax; j++) if (x[j]! > x[i]!) isMax = false;
    if (isMax && (peaks.length === 0 || i - peaks[peaks.length - 1]! > half)) peaks.push(i);
  }
  return peaks;
}

describe('simulateEcg', () => {
  it.each([
    [50, 250],
    [75, 360],
    [120, 500],
  ])('produces the requested mean heart rate (%i bpm at %i Hz) within 3 percent', (hr, rate) => {
    const { recording } = simulateEcg({ seconds: 120, rate, heartRate: hr, seed: 11, ...clean });
    const peaks = detectPeaks(recording.streams[0]!.data, rate);
    const measured = (60 * (peaks.length - 1) * rate) / (peaks[peaks.length - 1]! - peaks[0]!);
    expect(Math.abs(measured - hr) / hr).toBeLessThan(0.03);
  });

  it('states R peaks where the signal has them', () => {
    const rate = 360;
    const { recording, rPeaks } = simulateEcg({ seconds: 30, rate, heartRate: 70, seed: 5, ...clean });
    const found = detectPeaks(recording.streams[0]!.data, rate);
    expect(rPeaks.length).toBe(found.length);
    rPeaks.forEach((t, k) => expect(Math.abs(t * rate - found[k]!)).toBeLessThanOrEqual(1.5));
    // R waves reach the model's 1.2 mV top, S waves and the floor sit below zero.
    const x = recording.streams[0]!.data;
    const amp = found.map((i) => x[i]!);
    expect(Math.min(...amp)).toBeGreaterThan(1.0);
    expect(Math.max(...amp)).toBeLessThan(1.4);
    expect(Math.min(...x)).toBeLessThan(-0.2);
  });

  it('varies RR intervals by the requested spread', () => {
    const hr = 60;
    const { rPeaks } = simulateEcg({ seconds: 600, rate: 100, heartRate: hr, heartRateStd: 3, seed: 2, ...clean });
    const rr = Array.from(rPeaks.slice(1), (t, i) => t - rPeaks[i]!);
    const mean = rr.reduce((s, v) => s + v, 0) / rr.length;
    const std = Math.sqrt(rr.reduce((s, v) => s + (v - mean) ** 2, 0) / rr.length);
    const expected = (60 * 3) / (hr * hr); // 0.05 s for 3 bpm at 60 bpm
    expect(std).toBeGreaterThan(0.6 * expected);
    expect(std).toBeLessThan(1.4 * expected);
  });

  it('is deterministic per seed, differs between seeds, and a shorter run is a prefix of a longer one', () => {
    const a = simulateEcg({ seconds: 10, rate: 250, seed: 9 });
    const b = simulateEcg({ seconds: 10, rate: 250, seed: 9 });
    const c = simulateEcg({ seconds: 10, rate: 250, seed: 10 });
    expect(Array.from(a.recording.streams[0]!.data)).toEqual(Array.from(b.recording.streams[0]!.data));
    expect(Array.from(a.rPeaks)).toEqual(Array.from(b.rPeaks));
    expect(Array.from(a.rPeaks)).not.toEqual(Array.from(c.rPeaks));
    const long = simulateEcg({ seconds: 20, rate: 250, seed: 9, ...clean });
    const short = simulateEcg({ seconds: 10, rate: 250, seed: 9, ...clean });
    expect(Array.from(long.recording.streams[0]!.data.subarray(0, 2500))).toEqual(Array.from(short.recording.streams[0]!.data));
  });

  it('adds baseline wander at the respiratory rate and white noise of the requested size', () => {
    const base = simulateEcg({ seconds: 40, rate: 100, seed: 3, ...clean }).recording.streams[0]!.data;
    const noisy = simulateEcg({ seconds: 40, rate: 100, seed: 3, noise: 0.05, baselineWander: 0 }).recording.streams[0]!.data;
    let s2 = 0;
    for (let i = 0; i < base.length; i++) s2 += (noisy[i]! - base[i]!) ** 2;
    expect(Math.sqrt(s2 / base.length)).toBeCloseTo(0.05, 2);
    const wander = simulateEcg({ seconds: 40, rate: 100, seed: 3, noise: 0, baselineWander: 0.3, respirationHz: 0.25 }).recording
      .streams[0]!.data;
    // The difference is a 0.25 Hz sinusoid of amplitude 0.3: its DFT magnitude at 0.25 Hz is 0.3 * N / 2.
    let re = 0;
    let im = 0;
    for (let i = 0; i < base.length; i++) {
      const d = wander[i]! - base[i]!;
      re += d * Math.cos((2 * Math.PI * 0.25 * i) / 100);
      im += d * Math.sin((2 * Math.PI * 0.25 * i) / 100);
    }
    expect(Math.hypot(re, im) / (base.length / 2)).toBeCloseTo(0.3, 3);
  });

  it('rejects impossible options', () => {
    expect(() => simulateEcg({ seconds: 0 })).toThrow(expect.objectContaining({ code: 'E_ARGUMENT' }));
    expect(() => simulateEcg({ seconds: 5, heartRate: 400 })).toThrow(expect.objectContaining({ code: 'E_ARGUMENT' }));
    expect(() => simulateEcg({ seconds: 5, rate: -1 })).toThrow(expect.objectContaining({ code: 'E_ARGUMENT' }));
  });
});

describe('rrTachogram', () => {
  /** Power of x (1 Hz samples) between lo and hi Hz, from its DFT. */
  function bandPower(x: Float64Array, lo: number, hi: number): number {
    const n = x.length;
    let p = 0;
    for (let k = Math.ceil(lo * n); k <= Math.floor(hi * n); k++) {
      let re = 0;
      let im = 0;
      for (let t = 0; t < n; t++) {
        re += x[t]! * Math.cos((2 * Math.PI * k * t) / n);
        im += x[t]! * Math.sin((2 * Math.PI * k * t) / n);
      }
      p += re * re + im * im;
    }
    return p;
  }

  it.each([0.5, 2])('has the requested mean, spread and LF/HF power ratio (%f)', (ratio) => {
    const x = rrTachogram(createRng(4), { meanRr: 0.8, stdRr: 0.04, lfHfRatio: ratio }, 100);
    const n = x.length;
    const mean = x.reduce((s, v) => s + v, 0) / n;
    const std = Math.sqrt(x.reduce((s, v) => s + (v - mean) ** 2, 0) / n);
    expect(mean).toBeCloseTo(0.8, 9);
    expect(std).toBeCloseTo(0.04, 9);
    const centred = x.map((v) => v - mean);
    // LF band 0.04-0.15 Hz, HF band 0.15-0.4 Hz (the standard HRV bands).
    expect(bandPower(centred, 0.04, 0.15) / bandPower(centred, 0.15, 0.4)).toBeCloseTo(ratio, 1);
  });
});
