// The resampler against the signals it should reproduce exactly: a sine sampled at the new
// rate (amplitude, frequency and time base), tones above the new Nyquist (aliasing), DC.
import { describe, expect, it } from 'vitest';
import { rationalApproximation } from '../../src/dsp/resample-kernel.js';
import { Resampler } from '../../src/dsp/resampler.js';

const tone = (f: number, rate: number, frames: number, amp = 1) =>
  Float32Array.from({ length: frames }, (_, i) => amp * Math.sin((2 * Math.PI * f * i) / rate));

/** Runs a whole signal through, in batches of the given sizes (cycled), then flushes. */
function run(rs: Resampler, x: Float32Array, sizes: number[] = [x.length / rs.channels]): Float32Array {
  const nc = rs.channels;
  const parts: Float32Array[] = [];
  let at = 0;
  for (let b = 0; at < x.length / nc; b++) {
    const n = Math.min(sizes[b % sizes.length]!, x.length / nc - at);
    const out = new Float32Array(rs.outputFrames(n) * nc);
    expect(rs.process(x.subarray(at * nc, (at + n) * nc), n, out)).toBe(out.length / nc);
    parts.push(out);
    at += n;
  }
  const tail = new Float32Array(rs.flushFrames() * nc);
  rs.flush(tail);
  parts.push(tail);
  const all = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    all.set(p, o);
    o += p.length;
  }
  return all;
}

const rms = (x: Float32Array) => Math.sqrt(x.reduce((s, v) => s + v * v, 0) / x.length);

describe('Resampler', () => {
  it.each([
    [360, 250, 10],
    [360, 250, 95],
    [50, 100, 12],
    [100, 33.3, 8],
    [1000, 1000 / Math.SQRT2, 60], // irrational ratio: interpolated phases
  ])('%d Hz -> %d Hz keeps a %d Hz sine: amplitude, frequency and time base', (fin, fout, f) => {
    const seconds = 4;
    const y = run(new Resampler(fin, fout, 1), tone(f, fin, Math.round(fin * seconds)));
    // Output covers the input's duration: frames at n / fout < (input frames) / fin.
    expect(y.length).toBe(Math.ceil((Math.round(fin * seconds) * fout) / fin - 1e-9));
    const edge = 40; // frames near the ends see the extended first/last frame
    let worst = 0;
    for (let n = edge; n < y.length - edge; n++) worst = Math.max(worst, Math.abs(y[n]! - Math.sin((2 * Math.PI * f * n) / fout)));
    expect(worst).toBeLessThan(1.5e-3);
  });

  it.each([
    [360, 250, 130],
    [360, 250, 170],
    [360, 128, 70],
    [100, 50, 26],
    [100, 50, 45],
  ])('%d Hz -> %d Hz attenuates a %d Hz tone (above the new Nyquist) by more than 55 dB (goal: 40)', (fin, fout, f) => {
    const y = run(new Resampler(fin, fout, 1), tone(f, fin, fin * 4));
    const middle = y.subarray(60, y.length - 60);
    expect(20 * Math.log10(rms(middle) / Math.SQRT1_2)).toBeLessThan(-55);
  });

  it('gives identical output for any batching', () => {
    const fin = 360;
    const x = Float32Array.from({ length: fin * 6 * 2 }, (_, i) => Math.sin(i * 0.05) + 0.3 * Math.cos(i * 0.9));
    const whole = run(new Resampler(fin, 250, 2), x);
    expect(run(new Resampler(fin, 250, 2), x, [1, 7, 360, 3, 1000, 2])).toEqual(whole);
    expect(run(new Resampler(fin, 250, 2), x, [17])).toEqual(whole);
    const irrational = run(new Resampler(fin, 100 * Math.E, 2), x);
    expect(run(new Resampler(fin, 100 * Math.E, 2), x, [5, 91, 2])).toEqual(irrational);
  });

  it('keeps channels apart and a constant level exact (gravity stays 9.81)', () => {
    const frames = 500;
    const x = new Float32Array(frames * 2);
    const a = tone(3, 100, frames);
    for (let i = 0; i < frames; i++) [x[2 * i], x[2 * i + 1]] = [a[i]!, 9.81];
    const y = run(new Resampler(100, 64, 2), x);
    const ya = run(new Resampler(100, 64, 1), a);
    for (let i = 0; i < ya.length; i++) {
      expect(y[2 * i]).toBe(ya[i]);
      expect(y[2 * i + 1]).toBeCloseTo(9.81, 5);
    }
  });

  it('starts again from frame 0 after reset()', () => {
    const rs = new Resampler(360, 250, 1);
    const x = tone(5, 360, 720);
    const first = run(rs, x);
    expect(run(rs, x)).toEqual(first); // flush resets
    rs.process(x, 100, new Float32Array(rs.outputFrames(100)));
    rs.reset();
    expect(run(rs, x)).toEqual(first);
  });

  it('rejects bad rates, channels, options and a short output', () => {
    expect(() => new Resampler(0, 250, 1)).toThrow(/inRate/);
    expect(() => new Resampler(360, Number.POSITIVE_INFINITY, 1)).toThrow(/outRate/);
    expect(() => new Resampler(360, 250, 0)).toThrow(/channels/);
    expect(() => new Resampler(360, 250, 1, { attenuation: 10 })).toThrow(/attenuation/);
    const rs = new Resampler(360, 250, 1);
    expect(() => rs.process(new Float32Array(360), 360, new Float32Array(1))).toThrow(/output/);
  });
});

describe('rationalApproximation', () => {
  it('finds exact ratios and the continued-fraction convergents of pi', () => {
    expect(rationalApproximation(360 / 250, 1 << 20)).toEqual({ num: 36, den: 25 });
    expect(rationalApproximation(44100 / 48000, 1 << 20)).toEqual({ num: 147, den: 160 });
    // Convergents of pi: 3, 22/7, 333/106, 355/113, 103993/33102, 104348/33215.
    expect(rationalApproximation(Math.PI, 100)).toEqual({ num: 22, den: 7 });
    expect(rationalApproximation(Math.PI, 110)).toEqual({ num: 333, den: 106 });
    expect(rationalApproximation(Math.PI, 1000)).toEqual({ num: 355, den: 113 });
    expect(rationalApproximation(Math.PI, 33200)).toEqual({ num: 103993, den: 33102 });
  });
});
