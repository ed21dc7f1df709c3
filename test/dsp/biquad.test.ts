// IIR filters against closed forms (Butterworth and notch magnitude responses) and against
// SciPy's outputs (test/fixtures/dsp-reference.json, written by scripts/dsp-reference.py).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BiquadCascade } from '../../src/dsp/biquad-cascade.js';
import {
  chainDesigns,
  designBandpass,
  designFilter,
  designHighpass,
  designLowpass,
  designNotch,
  type BiquadDesign,
  type FilterSpec,
} from '../../src/dsp/biquad-design.js';
import { InputError } from '../../src/errors.js';

interface Reference {
  impulse: { spec: FilterSpec; rate: number; impulse: number[] }[];
  primed: { specs: FilterSpec[]; rate: number; input: number[]; output: number[] };
}
const reference = JSON.parse(readFileSync(new URL('../fixtures/dsp-reference.json', import.meta.url), 'utf8')) as Reference;

/** |H(e^jω)| evaluated directly from the coefficients (complex arithmetic, section by section). */
function magnitude(design: BiquadDesign, f: number): number {
  const w = (2 * Math.PI * f) / design.rate;
  const [c1, s1, c2, s2] = [Math.cos(w), -Math.sin(w), Math.cos(2 * w), -Math.sin(2 * w)];
  let mag = 1;
  const s = design.sections;
  for (let k = 0; k < s.length; k += 5) {
    const [b0, b1, b2, a1, a2] = [s[k]!, s[k + 1]!, s[k + 2]!, s[k + 3]!, s[k + 4]!];
    const num = Math.hypot(b0 + b1 * c1 + b2 * c2, b1 * s1 + b2 * s2);
    const den = Math.hypot(1 + a1 * c1 + a2 * c2, a1 * s1 + a2 * s2);
    mag *= num / den;
  }
  return mag;
}

/** Butterworth magnitude after the bilinear transform pre-warped at the cutoff. */
const warp = (f: number, rate: number) => Math.tan((Math.PI * f) / rate);
const butterLow = (f: number, fc: number, rate: number, n: number) => 1 / Math.sqrt(1 + (warp(f, rate) / warp(fc, rate)) ** (2 * n));
const butterHigh = (f: number, fc: number, rate: number, n: number) => 1 / Math.sqrt(1 + (warp(fc, rate) / warp(f, rate)) ** (2 * n));

const freqs = [0.1, 0.5, 1, 2, 5, 10, 20, 39, 40, 41, 60, 100, 150, 179];

describe('Butterworth design', () => {
  it.each([1, 2, 3, 4, 5, 6, 8])('low-pass of order %i matches the analytic |H|', (order) => {
    const d = designLowpass(40, 360, order);
    expect(d.sections.length).toBe(5 * Math.ceil(order / 2));
    for (const f of freqs) expect(magnitude(d, f)).toBeCloseTo(butterLow(f, 40, 360, order), 10);
    expect(magnitude(d, 40)).toBeCloseTo(Math.SQRT1_2, 10);
  });

  it.each([1, 2, 3, 4, 7])('high-pass of order %i matches the analytic |H|', (order) => {
    const d = designHighpass(0.5, 360, order);
    for (const f of freqs) expect(magnitude(d, f)).toBeCloseTo(butterHigh(f, 0.5, 360, order), 10);
  });

  it('well below the rate the digital response approaches the analog 1/sqrt(1+(f/fc)^2N)', () => {
    const d = designLowpass(5, 1000, 4);
    for (const f of [1, 3, 5, 8]) expect(magnitude(d, f)).toBeCloseTo(1 / Math.sqrt(1 + (f / 5) ** 8), 3);
  });

  it('band-pass is the product of its high-pass and low-pass halves', () => {
    const d = designBandpass(0.5, 40, 360, 3);
    for (const f of freqs) expect(magnitude(d, f)).toBeCloseTo(butterHigh(f, 0.5, 360, 3) * butterLow(f, 40, 360, 3), 10);
  });

  it('rejects cutoffs outside (0, rate/2), bad orders and unknown types with E_ARGUMENT', () => {
    const bad = [
      () => designLowpass(180, 360),
      () => designHighpass(0, 360),
      () => designLowpass(10, 360, 0),
      () => designLowpass(10, 360, 2.5),
      () => designBandpass(40, 0.5, 360),
      () => designLowpass(10, Number.NaN),
      () => designFilter({ type: 'comb' } as unknown as FilterSpec, 360),
      () => designFilter([], 360),
      () => chainDesigns(designLowpass(10, 360), designLowpass(10, 250)),
    ];
    for (const f of bad) {
      expect(f).toThrow(InputError);
      try {
        f();
      } catch (err) {
        expect((err as InputError).code).toBe('E_ARGUMENT');
      }
    }
  });
});

describe('notch design', () => {
  it('removes its centre frequency, keeps DC and Nyquist, and is f0/q wide at -3 dB', () => {
    const f0 = 50;
    const q = 30;
    const d = designNotch(f0, 360, q);
    expect(magnitude(d, f0)).toBeLessThan(1e-9);
    expect(magnitude(d, 0)).toBeCloseTo(1, 12);
    expect(magnitude(d, 180)).toBeCloseTo(1, 12);
    // Find both -3 dB points by bisection on the magnitude and compare their distance to f0/q.
    const edge = (lo: number, hi: number, falling: boolean) => {
      for (let i = 0; i < 100; i++) {
        const mid = (lo + hi) / 2;
        if (magnitude(d, mid) > Math.SQRT1_2 === falling) lo = mid;
        else hi = mid;
      }
      return lo;
    };
    const below = edge(40, f0, true);
    const above = edge(f0, 60, false);
    expect(above - below).toBeCloseTo(f0 / q, 6);
  });
});

describe('BiquadCascade', () => {
  it.each(reference.impulse.map((c) => [JSON.stringify(c.spec), c] as const))('impulse response of %s matches SciPy', (_, c) => {
    const cascade = new BiquadCascade(designFilter(c.spec, c.rate), 1);
    const x = new Float32Array(c.impulse.length);
    x[0] = 1;
    const y = new Float32Array(x.length);
    cascade.process(x, y);
    const peak = Math.max(...c.impulse.map(Math.abs));
    c.impulse.forEach((v, i) => expect(Math.abs(y[i]! - v)).toBeLessThan(1e-6 * peak + 1e-9));
  });

  it('primed with the first sample, filters a signal with an offset like SciPy sosfilt with sosfilt_zi', () => {
    const { specs, rate, input, output } = reference.primed;
    const cascade = new BiquadCascade(designFilter(specs, rate), 1);
    const x = Float32Array.from(input);
    cascade.prime(x);
    const y = new Float32Array(x.length);
    cascade.process(x, y);
    output.forEach((v, i) => expect(Math.abs(y[i]! - v)).toBeLessThan(2e-6));
  });

  it('passes a sine in the pass band with the analytic gain and attenuates one in the stop band', () => {
    const rate = 360;
    const d = designLowpass(40, rate, 4);
    for (const f of [10, 40, 80]) {
      const cascade = new BiquadCascade(d, 1);
      const x = Float32Array.from({ length: rate * 4 }, (_, i) => Math.sin((2 * Math.PI * f * i) / rate));
      cascade.process(x, x);
      const tail = x.subarray(rate * 2);
      const amp = Math.sqrt((2 * tail.reduce((s, v) => s + v * v, 0)) / tail.length);
      expect(amp).toBeCloseTo(butterLow(f, 40, rate, 4), 3);
    }
  });

  it('keeps one state per interleaved channel', () => {
    const d = designHighpass(1, 100, 2);
    const frames = 300;
    const a = Float32Array.from({ length: frames }, (_, i) => Math.sin(i / 7) + 2);
    const b = Float32Array.from({ length: frames }, (_, i) => Math.cos(i / 3) - 1);
    const inter = new Float32Array(frames * 2);
    for (let i = 0; i < frames; i++) [inter[2 * i], inter[2 * i + 1]] = [a[i]!, b[i]!];
    new BiquadCascade(d, 2).process(inter, inter);
    new BiquadCascade(d, 1).process(a, a);
    new BiquadCascade(d, 1).process(b, b);
    for (let i = 0; i < frames; i++) expect([inter[2 * i], inter[2 * i + 1]]).toEqual([a[i], b[i]]);
  });

  it('gives identical output whatever the batch boundaries', () => {
    const d = chainDesigns(designBandpass(0.5, 40, 360, 2), designNotch(50, 360));
    const frames = 2000;
    const x = Float32Array.from({ length: frames * 3 }, (_, i) => Math.sin(i * 0.37) + Math.cos(i * 0.011) * 3);
    const whole = new Float32Array(x.length);
    new BiquadCascade(d, 3).process(x, whole);
    const cascade = new BiquadCascade(d, 3);
    const pieces = new Float32Array(x.length);
    for (let at = 0, n = 1; at < frames; at += n, n = (n * 7 + 3) % 401) {
      const m = Math.min(n, frames - at);
      cascade.process(x.subarray(at * 3, (at + m) * 3), pieces.subarray(at * 3, (at + m) * 3), m);
    }
    expect(pieces).toEqual(whole);
  });

  it('reset() returns to rest and prime() starts a step without ringing', () => {
    const cascade = new BiquadCascade(designLowpass(2, 50, 3), 1);
    const step = new Float32Array(100).fill(9.81);
    const first = new Float32Array(100);
    cascade.process(step, first);
    expect(first[0]).toBeLessThan(0.1);
    cascade.reset();
    const again = new Float32Array(100);
    cascade.process(step, again);
    expect(again).toEqual(first);
    cascade.prime([9.81]);
    cascade.process(step, again);
    for (const v of again) expect(v).toBeCloseTo(9.81, 4);
  });

  it('rejects a bad channel count and a too-small output', () => {
    expect(() => new BiquadCascade(designLowpass(2, 50), 0)).toThrow(/channels/);
    expect(() => new BiquadCascade(designLowpass(2, 50), 2).process(new Float32Array(8), new Float32Array(4))).toThrow(/output/);
  });
});
