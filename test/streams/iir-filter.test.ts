import { describe, expect, it } from 'vitest';
import { BiquadCascade } from '../../src/dsp/biquad-cascade.js';
import { designBandpass, designFilter, designLowpass } from '../../src/dsp/biquad-design.js';
import { iirFilter } from '../../src/streams/iir-filter.js';
import { ACC, batch, concat, errorCode, scheduler, signal, split, values } from './helpers.js';

const spec = [
  { type: 'bandpass', low: 0.5, high: 40 },
  { type: 'notch', frequency: 50 },
] as const;

describe('iirFilter', () => {
  it('emits one filtered batch per batch, passes errors through and tears down on unsubscribe', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const a = batch([1, 1, 1]);
      const s = cold('a-a-#', { a });
      // Primed with a constant input, a low-pass outputs that constant.
      const out = { ...a, data: Float32Array.of(1, 1, 1) };
      expectObservable(s.pipe(iirFilter({ type: 'lowpass', cutoff: 10 }))).toBe('a-a-#', { a: out });
      const t = cold('a-a-a-a|', { a });
      expectObservable(t.pipe(iirFilter({ type: 'lowpass', cutoff: 10 })), '^--!').toBe('a-a', { a: out });
      expectSubscriptions(t.subscriptions).toBe('^--!');
    });
  });

  it('matches the cascade run over the whole signal, whatever the batch boundaries', () => {
    const x = signal(3000, 3);
    const whole = new Float32Array(x.length);
    const c = new BiquadCascade(designFilter(spec, 360), 3);
    c.prime(x);
    c.process(x, whole);
    for (const sizes of [[3000], [1, 359, 64, 7], [360]]) {
      const out = values(split(x, sizes, { channels: ACC, rate: 360 }), iirFilter(spec));
      expect(concat(out)).toEqual(whole);
      expect(out.map((b) => b.t0)).toEqual(split(x, sizes, { channels: ACC, rate: 360 }).map((b) => b.t0));
    }
  });

  it('starts from rest with prime: false, and never modifies its input', () => {
    const x = signal(200);
    const input = batch(x, { rate: 360 });
    const [out] = values([input], iirFilter(designLowpass(20, 360), { prime: false }));
    const ref = new Float32Array(200);
    new BiquadCascade(designLowpass(20, 360), 1).process(x, ref);
    expect(out!.data).toEqual(ref);
    expect(input.data).toEqual(signal(200));
  });

  it('resets its state at a gap: the batch after it is filtered as if the stream started there', () => {
    const d = designBandpass(0.5, 40, 360);
    const a = batch(signal(500), { rate: 360 });
    const b = batch(signal(300, 1, 0.05), { rate: 360, seq: 1, startFrame: 900, gapBefore: 1.1 });
    const [, afterGap] = values([a, b], iirFilter(d));
    const [fresh] = values([{ ...b, gapBefore: undefined, seq: 0 }], iirFilter(d));
    expect(afterGap!.data).toEqual(fresh!.data);
    expect(afterGap!.gapBefore).toBe(1.1);
  });

  it('errors the stream with E_RATE, E_ARGUMENT or E_SHAPE instead of throwing', () => {
    const a = batch([1, 2, 3], { rate: 100 });
    expect(errorCode([a], iirFilter(designLowpass(10, 250)))).toBe('E_RATE');
    expect(errorCode([a], iirFilter({ type: 'lowpass', cutoff: 60 }))).toBe('E_ARGUMENT');
    expect(errorCode([a, batch([1, 2, 3], { rate: 50, seq: 1 })], iirFilter({ type: 'lowpass', cutoff: 10 }))).toBe('E_RATE');
    expect(errorCode([a, batch([1, 2, 3], { channels: ACC, seq: 1 })], iirFilter({ type: 'lowpass', cutoff: 10 }))).toBe('E_SHAPE');
  });
});
