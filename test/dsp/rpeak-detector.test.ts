import { describe, expect, it } from 'vitest';
import { detectRPeaks } from '../../src/dsp/detect-rpeaks.js';
import { RPeakDetector } from '../../src/dsp/rpeak-detector.js';
import { InputError } from '../../src/errors.js';
import { simulateEcg } from '../../src/sources/ecg-sim.js';
import { excerpt, nearest, resampled, type Excerpt } from './ecg-fixtures.js';

/** Runs the detector over `x` in batches of the given sizes (cycled); peaks, flags, emission sample. */
function stream(x: Float32Array, rate: number, sizes: number[]) {
  const det = new RPeakDetector(rate);
  const peaks: number[] = [];
  const breaks: number[] = [];
  const seenAt: number[] = [];
  const out = new Float64Array(det.capacityFor(Math.max(...sizes)));
  const flags = new Uint8Array(out.length);
  const take = (n: number) => {
    for (let i = 0; i < n; i++) {
      peaks.push(out[i]!);
      breaks.push(flags[i]!);
      seenAt.push(det.samples);
    }
  };
  for (let at = 0, k = 0; at < x.length; k++) {
    const n = Math.min(sizes[k % sizes.length]!, x.length - at);
    take(det.process(x.subarray(at, at + n), out, flags));
    at += n;
  }
  take(det.flush(out, flags));
  return { peaks, breaks, seenAt, det };
}

/** Every reference beat has a detection within `tol` samples and there is no other detection. */
function expectExact(e: Excerpt, peaks: ArrayLike<number>, tolSeconds: number) {
  expect(Math.max(...nearest(e.beats, peaks))).toBeLessThanOrEqual(tolSeconds * e.rate);
  expect(peaks.length).toBe(e.beats.length);
}

describe('RPeakDetector on real ECG', () => {
  it('finds every annotated beat of MIT-BIH excerpts (bigeminy, a 5.9 s pause), within 15 ms, and nothing else', async () => {
    for (const name of ['119a', '232a']) expectExact(await excerpt(name), detectRPeaks((await excerpt(name)).x, 360), 0.015);
  });

  it('works from 125 to 1000 Hz (filters designed for the rate)', async () => {
    const e = await excerpt('119a');
    for (const rate of [125, 130, 250, 500, 1000]) {
      const r = resampled(e, rate);
      expectExact(r, detectRPeaks(r.x, rate), 0.02);
    }
  });

  it('finds the true R peaks of simulated ECG (ECGSYN) at 45 to 200 bpm, within 15 ms', () => {
    for (const [rate, heartRate] of [
      [130, 200],
      [250, 45],
      [1000, 120],
    ] as const) {
      const { recording, rPeaks } = simulateEcg({ seconds: 40, rate, heartRate, seed: 11, noise: 0.05 });
      const truth = Array.from(rPeaks, (t) => t * rate);
      expectExact(
        { x: recording.streams[0]!.data, rate, beats: truth, symbols: [] },
        detectRPeaks(recording.streams[0]!.data, rate),
        0.015,
      );
    }
  });

  it('finds a beat too small for the threshold by search back (before a pause), later than the others', async () => {
    const e = await excerpt('232a');
    const x = e.x.slice();
    const small = e.beats[9]!; // the beat before the pause, shrunk to 20 %
    for (let i = small - 40; i < small + 40; i++) x[i] = x[small - 40]! + 0.2 * (x[i]! - x[small - 40]!);
    const { peaks, seenAt } = stream(x, 360, [1]);
    expectExact(e, peaks, 0.03);
    const k = peaks.findIndex((p) => Math.abs(p - small) < 20);
    // Beats judged normally (after the 2 s of learning) are reported sooner.
    const delays = peaks.map((p, i) => seenAt[i]! - p);
    expect(delays[k]).toBeGreaterThan(Math.max(...delays.filter((_, i) => i !== k && peaks[i]! > 2.5 * 360)));
  });
});

describe('RPeakDetector streaming', () => {
  it('gives identical peaks whatever the batch sizes, bad stretches included', async () => {
    const a = await excerpt('119a');
    const b = await excerpt('232a');
    const x = new Float32Array(a.x.length + 360 + b.x.length);
    x.set(a.x);
    x.fill(Number.NaN, a.x.length, a.x.length + 360);
    x.set(b.x, a.x.length + 360);
    x[3000] = 1e6;
    const whole = stream(x, 360, [x.length]);
    expect(whole.peaks.length).toBeGreaterThan(35);
    for (const sizes of [[1], [7, 300, 1], [3600]]) {
      const s = stream(x, 360, sizes);
      expect(s.peaks).toEqual(whole.peaks);
      expect(s.breaks).toEqual(whole.breaks);
    }
  });

  it('reports each peak after it occurred and at most maxDelay samples later (about 3.1 s)', async () => {
    for (const name of ['119a', '232a', '105a']) {
      const { peaks, seenAt, det } = stream((await excerpt(name)).x, 360, [1]);
      peaks.forEach((p, i) => {
        expect(seenAt[i]! - p).toBeGreaterThan(0);
        expect(seenAt[i]! - p).toBeLessThanOrEqual(det.maxDelay);
      });
      expect(det.maxDelay / 360).toBeLessThan(3.5);
    }
  });

  it('flags the first peak, and only that one, as having no RR interval before it', async () => {
    const { breaks } = stream((await excerpt('119a')).x, 360, [500]);
    expect(breaks[0]).toBe(1);
    expect(breaks.slice(1).every((f) => f === 0)).toBe(true);
  });

  it('restarts at a gap: pending beats are decided, indices continue, the next peak is flagged', async () => {
    const e = await excerpt('119a');
    const det = new RPeakDetector(360);
    const out = new Float64Array(det.capacityFor(3600));
    const flags = new Uint8Array(out.length);
    const first = Array.from(out.subarray(0, det.process(e.x.subarray(0, 3600), out, flags)));
    first.push(...out.subarray(0, det.gap(out, flags)));
    expect(first).toEqual(stream(e.x.subarray(0, 3600), 360, [3600]).peaks);
    const n = det.process(e.x.subarray(3600), out, flags);
    const m = det.flush(out.subarray(n), flags.subarray(n));
    const after = Array.from(out.subarray(0, n + m));
    expect(flags[0]).toBe(1);
    expect(after.every((p) => p >= 3600)).toBe(true);
    expect(after).toEqual(stream(e.x.subarray(3600), 360, [3600]).peaks.map((p) => p + 3600));
  });
});

describe('RPeakDetector on bad signal', () => {
  it('never throws, finds nothing in a flat line, zeros or a lead-off run, and recovers after it', async () => {
    const e = await excerpt('119a');
    expect(detectRPeaks(new Float32Array(36000), 360)).toHaveLength(0);
    expect(detectRPeaks(new Float32Array(36000).fill(1.5), 360)).toHaveLength(0);
    expect(detectRPeaks(new Float32Array(36000).fill(Number.NaN), 360)).toHaveLength(0);
    for (const fill of [Number.NaN, Infinity, -Infinity]) {
      const x = e.x.slice();
      x.fill(fill, 3000, 3720); // 2 s lead-off
      const { peaks, breaks } = stream(x, 360, [360]);
      expect(peaks.filter((p) => p >= 3000 && p < 3720)).toEqual([]);
      expectExact({ ...e, beats: e.beats.filter((b) => b < 3000 || b >= 3720) }, peaks, 0.015);
      expect(breaks[peaks.findIndex((p) => p >= 3720)]).toBe(1);
    }
  });

  it('bridges a lead-off shorter than 100 ms without a break', async () => {
    const e = await excerpt('119a');
    const x = e.x.slice();
    x.fill(Number.NaN, 3000, 3018);
    const { peaks, breaks } = stream(x, 360, [360]);
    expectExact(e, peaks, 0.015);
    expect(breaks.slice(1).every((f) => f === 0)).toBe(true);
  });

  it('keeps the beat held before a baseline step (electrode motion) that comes right after it', async () => {
    const e = await excerpt('119a');
    const x = e.x.slice();
    const beat = e.beats[8]!; // well after the 2 s of learning
    // A 6 mV step rising over 20 ms, 180 ms after the R peak, decaying over 2 s: a larger
    // feature peak than the QRS within the 250 ms hold, with no slope of the other sign.
    const start = beat + Math.round(0.18 * 360);
    const rise = Math.round(0.02 * 360);
    for (let i = start; i < x.length; i++) x[i]! += 6 * Math.min(1, (i - start) / rise) * Math.exp(-(i - start) / (2 * 360));
    const found = detectRPeaks(x, 360);
    expect(Math.min(...nearest([beat], found))).toBeLessThanOrEqual(0.015 * 360);
    expect(Math.max(...nearest(e.beats, found))).toBeLessThanOrEqual(0.015 * 360);
  });

  it('keeps finding the beats through huge spikes, clipping and inverted polarity', async () => {
    const e = await excerpt('119a');
    const spike = e.x.slice();
    spike[3450] = 1e6; // between beats at 3296 and 3613
    spike[3451] = -1e6;
    spike.fill(40, 5070, 5080); // between 4906 and 5240
    const found = detectRPeaks(spike, 360);
    expect(Math.max(...nearest(e.beats, found))).toBeLessThanOrEqual(0.015 * 360);
    // At most the spikes themselves are extra detections.
    const extra = Array.from(found).filter((p) => Math.min(...nearest([p], e.beats)) > 0.15 * 360);
    expect(extra.every((p) => Math.abs(p - 3450) < 20 || Math.abs(p - 5075) < 20)).toBe(true);
    const top = 0.5 * Math.max(...e.x);
    expectExact(
      e,
      detectRPeaks(
        e.x.map((v) => Math.min(v, top)),
        360,
      ),
      0.03,
    );
    expectExact(
      e,
      detectRPeaks(
        e.x.map((v) => -v),
        360,
      ),
      0.06,
    );
  });
});

describe('RPeakDetector arguments', () => {
  it('rejects rates outside 100–2000 Hz with E_RATE and a too small output with E_ARGUMENT', () => {
    for (const rate of [50, 2500, Number.NaN]) expect(() => new RPeakDetector(rate)).toThrow(expect.objectContaining({ code: 'E_RATE' }));
    const det = new RPeakDetector(130);
    expect(() => det.process(new Float32Array(1300), new Float64Array(2))).toThrow(InputError);
    expect(() => det.process(new Float32Array(1300), new Float64Array(2))).toThrow(/out must be room/);
  });
});
