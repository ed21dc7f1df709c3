// Property-based tests of the timing model (fast-check): random device timelines made of
// jitter, pairs, bursts, gaps and reordering, cut into random batches, through `validate` and
// the motion batcher. Invariants: every input frame ends up in exactly one output batch or is
// counted as dropped; output times strictly increase; jitter, pairs and bursts are never gaps;
// every hole of more than k periods after an on-time sample is one; every error is an SdkError with a code.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SampleBatch } from '../../src/core/batch.js';
import { GAP_PERIODS } from '../../src/core/timing.js';
import { SdkError } from '../../src/errors.js';
import { MotionBatcher } from '../../src/sources/motion-batcher.js';
import { validate, type ValidationEvent } from '../../src/streams/validate.js';
import { collect } from '../streams/helpers.js';

/** One step of a timeline on a device clock of period p (pairs and bursts give several samples). */
const step = fc.oneof(
  // Up to ±45 % of the period around the sample's slot: intervals from 0.1 to 1.9 periods.
  fc.record({ kind: fc.constant('jitter' as const), x: fc.double({ min: -0.45, max: 0.45, noNaN: true }) }),
  // iOS pairs: a sample on its slot and the next one 0.5 to 5 ms later.
  fc.record({ kind: fc.constant('pair' as const), x: fc.double({ min: 0.0005, max: 0.005, noNaN: true }) }),
  // A burst delivered early: `size` samples 0.5 ms apart from the first one's slot.
  fc.record({ kind: fc.constant('burst' as const), x: fc.integer({ min: 2, max: 8 }) }),
);
/** A sample more than k − 1 periods late (a hole of more than k periods after an on-time sample). */
const hole = fc.record({ kind: fc.constant('gap' as const), x: fc.double({ min: GAP_PERIODS - 0.4, max: 200, noNaN: true }) });

/** Sample times (s) of steps at `rate` Hz, from slot 0. */
function times(steps: { kind: string; x: number }[], rate: number): number[] {
  const p = 1 / rate;
  const t: number[] = [0];
  let due = p; // slot of the next sample
  const push = (v: number) => t.push(Math.max(v, t[t.length - 1]! + 1e-4));
  for (const s of steps) {
    if (s.kind === 'jitter') push(due + s.x * p);
    else if (s.kind === 'pair') {
      push(due);
      push(due + s.x);
    } else if (s.kind === 'burst') for (let i = 0; i < s.x; i++) push(due + i * 0.0005);
    else {
      due += s.x * p; // the slots skipped by the hole
      push(due + 0.04 * p);
    }
    due += (s.kind === 'pair' ? 2 : s.kind === 'burst' ? s.x : 1) * p;
  }
  return t;
}

/** Cuts timestamped 1-channel frames (value = frame index) into batches of the given sizes. */
function cut(t: ArrayLike<number>, rate: number, sizes: number[], values?: ArrayLike<number>): SampleBatch[] {
  const out: SampleBatch[] = [];
  for (let a = 0, k = 0; a < t.length; k++) {
    const n = Math.min(sizes[k % sizes.length]!, t.length - a);
    const ts = Float64Array.from({ length: n }, (_, i) => t[a + i]!);
    const data = Float32Array.from({ length: n }, (_, i) => (values ? values[a + i]! : a + i));
    out.push({ kind: 'acc', channels: [{ name: 'ax', unit: 'm/s^2' }], rate, t0: ts[0]!, seq: k, length: n, data, timestamps: ts });
    a += n;
  }
  return out;
}

const sizes = fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 5 });
const rate = fc.constantFrom(25, 50, 100, 130);

describe('timing model properties', () => {
  it('jitter, pairs and bursts in any batches give every frame once, in order, without gaps or errors', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 5, maxLength: 300 }), rate, sizes, (steps, r, sz) => {
        const t = times(steps, r);
        const events: ValidationEvent[] = [];
        const res = collect(cut(t, r, sz), validate({ report: { next: (e) => events.push(e) } }));
        expect(res.error).toBeUndefined();
        expect(events.filter((e) => e.type === 'gap')).toEqual([]);
        const out = res.values.flatMap((b) => Array.from(b.data));
        expect(out).toEqual(t.map((_, i) => i));
      }),
      { numRuns: 300 },
    );
  });

  it('every sample more than k − 1 periods late (a hole over k periods) is one gap, between jitter, pairs and bursts', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof({ weight: 9, arbitrary: step }, { weight: 1, arbitrary: hole }), { minLength: 5, maxLength: 300 }),
        rate,
        sizes,
        (steps, r, sz) => {
          const events: ValidationEvent[] = [];
          const res = collect(cut(times(steps, r), r, sz), validate({ report: { next: (e) => events.push(e) } }));
          expect(res.error).toBeUndefined();
          expect(events.filter((e) => e.type === 'gap')).toHaveLength(steps.filter((s) => s.kind === 'gap').length);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('any timestamps (disorder, repeats, gaps): each frame out once or counted as dropped, else an SdkError with a code', () => {
    const anyTimes = fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 1, maxLength: 200 });
    fc.assert(
      fc.property(anyTimes, rate, sizes, fc.constantFrom<'error' | 'drop'>('error', 'drop'), (noise, r, sz, order) => {
        // A rising line with noise of up to ±1 s: small and large disorder, repeats when rounded.
        const t = noise.map((v, i) => Math.round((i / r + v * (Math.abs(v) > 0.9 ? 1 : 0.01)) * 1e4) / 1e4);
        let dropped = 0;
        const res = collect(cut(t, r, sz), validate({ order, report: { next: (e) => (dropped = e.counts.droppedFrames) } }));
        if (res.error !== undefined) {
          expect(res.error).toBeInstanceOf(SdkError);
          expect((res.error as SdkError).code).toMatch(/^E_[A-Z_]+$/);
          return;
        }
        const out = res.values.flatMap((b) => Array.from(b.data));
        expect(new Set(out).size).toBe(out.length);
        expect(out.length + dropped).toBe(t.length);
        const ts = res.values.flatMap((b) => Array.from(b.timestamps!));
        ts.forEach((v, i) => i > 0 && expect(v).toBeGreaterThan(ts[i - 1]!));
      }),
      { numRuns: 500 },
    );
  });

  it('the motion batcher keeps or counts every pushed sample, whatever the timeline', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(step, hole), { minLength: 5, maxLength: 300 }),
        fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 5 }),
        (steps, swaps) => {
          const t = times(steps, 50);
          for (const s of swaps) if (s + 1 < t.length) [t[s], t[s + 1]] = [t[s + 1]!, t[s]!]; // reordering
          const batches: SampleBatch[] = [];
          const b = new MotionBatcher('acc', [{ name: 'ax', unit: 'm/s^2' }], (x) => batches.push(x), { warmupSeconds: 0.2 });
          t.forEach((v, i) => b.push(v, [i]));
          b.flush();
          const out = batches.flatMap((x) => Array.from(x.data));
          if (batches.length > 0) {
            expect(new Set(out).size).toBe(out.length);
            expect(out.length + b.dropped).toBe(t.length);
          } else expect(b.dropped).toBeLessThan(t.length); // the warm-up never completed: nothing emitted yet
        },
      ),
      { numRuns: 300 },
    );
  });
});
