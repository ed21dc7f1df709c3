import { describe, expect, it } from 'vitest';
import type { SampleBatch } from '../../src/core/batch.js';
import { InputError } from '../../src/errors.js';
import { validate, type ValidationEvent } from '../../src/streams/validate.js';
import { ACC, batch, collect, errorCode, scheduler, values } from './helpers.js';

/** Batch k of a 100 Hz 1-channel stream of 4-frame batches, values k*4 ... k*4+3. */
const b = (k: number, extra: Partial<SampleBatch> = {}) => ({
  ...batch(
    [0, 1, 2, 3].map((i) => 4 * k + i),
    { seq: k, startFrame: 4 * k },
  ),
  ...extra,
});

describe('validate', () => {
  it('passes a clean stream through batch for batch, and errors at the bad batch', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const nan = b(2, { data: Float32Array.of(1, Number.NaN, 3, 4) });
      expectObservable(cold('a-b-c-d|', { a: b(0), b: b(1), c: nan, d: b(3) }).pipe(validate())).toBe(
        'a-b-#',
        { a: b(0), b: b(1) },
        new InputError('E_NAN', 'validate: batch 2 contains NaN or Infinity', { details: { seq: 2 } }),
      );
    });
  });

  it('passes source errors through and unsubscribes on teardown', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const err = new Error('ble');
      expectObservable(cold('a#', { a: b(0) }, err).pipe(validate())).toBe('a#', { a: b(0) }, err);
      const s = cold('a-b-c|', { a: b(0), b: b(1), c: b(2) });
      expectObservable(s.pipe(validate()), '^-!').toBe('a-', { a: b(0) });
      expectSubscriptions(s.subscriptions).toBe('^-!');
    });
  });

  it.each([
    ['NaN', b(1, { data: Float32Array.of(0, Number.NaN, 0, 0) }), 'E_NAN'],
    ['Infinity', b(1, { data: Float32Array.of(0, 0, 0, Number.NEGATIVE_INFINITY) }), 'E_NAN'],
    ['a repeated batch', b(0, { seq: 1 }), 'E_DUPLICATE_TIMESTAMP'],
    ['a batch starting at the previous frame time', b(1, { t0: 0.03 }), 'E_DUPLICATE_TIMESTAMP'],
    ['time going backwards', b(1, { t0: 0.015 }), 'E_NON_MONOTONIC'],
    ['a batch from before the previous one', b(1, { t0: -1 }), 'E_NON_MONOTONIC'],
    ['a clock-timed batch starting before the previous frame', b(1, { t0: 0.029 }), 'E_NON_MONOTONIC'],
    ['a rate change', b(1, { rate: 50 }), 'E_RATE'],
    ['a channel change', batch([1, 2, 3], { channels: ACC, seq: 1, startFrame: 4 }), 'E_SHAPE'],
    ['a kind change', b(1, { kind: 'acc' }), 'E_SHAPE'],
    ['data not matching length', b(1, { length: 5 }), 'E_SHAPE'],
    ['repeated timestamps within a batch', b(1, { timestamps: Float64Array.of(0.04, 0.05, 0.05, 0.06) }), 'E_DUPLICATE_TIMESTAMP'],
    [
      'timestamps going back more than k periods within a batch',
      b(1, { timestamps: Float64Array.of(0.04, 0.09, 0.06, 0.1) }),
      'E_NON_MONOTONIC',
    ],
  ])('errors with a code on %s', (_, bad, code) => {
    expect(errorCode([b(0), bad], validate())).toBe(code);
  });

  it('rejects a bad rate on the first batch and bad options at call', () => {
    expect(errorCode([b(0, { rate: 0 })], validate())).toBe('E_RATE');
    expect(() => validate({ gapPeriods: 1 })).toThrow(/gapPeriods/);
    expect(() => validate({ nonFinite: 'zero' as 'hold' })).toThrow(/nonFinite/);
  });

  it('accepts jitter within tolerance and marks a longer gap with the seconds missing', () => {
    const events: ValidationEvent[] = [];
    const late = b(2, { t0: 0.3 });
    const out = values([b(0), b(1, { t0: 0.044 }), late], validate({ report: { next: (e) => events.push(e) } }));
    expect(out[1]!.gapBefore).toBeUndefined();
    expect(out[2]!.gapBefore).toBeCloseTo(0.3 - 0.084, 12);
    expect(out[2]!.data).toBe(late.data); // not copied
    expect(events).toEqual([
      {
        type: 'gap',
        seq: 2,
        amount: out[2]!.gapBefore,
        counts: { held: 0, dropped: 0, droppedFrames: 0, reordered: 0, gaps: 1, missingSeq: 0 },
      },
    ]);
    expect(errorCode([b(0), b(2)], validate({ gaps: 'error' }))).toBe('E_GAP');
  });

  it("'hold' replaces non-finite values with the channel's last finite value, without touching the input", () => {
    const events: ValidationEvent[] = [];
    const a = batch([1, 10, 2, 20], { channels: ACC.slice(0, 2) });
    const bad = batch([Number.NaN, 30, 3, Number.POSITIVE_INFINITY, Number.NaN, Number.NaN], {
      channels: ACC.slice(0, 2),
      seq: 1,
      startFrame: 2,
    });
    const out = values([a, bad], validate({ nonFinite: 'hold', report: { next: (e) => events.push(e) } }));
    expect(Array.from(out[1]!.data)).toEqual([2, 30, 3, 30, 3, 30]);
    expect(Number.isNaN(bad.data[0])).toBe(true);
    expect(events.map((e) => [e.type, e.amount, e.counts.held])).toEqual([['held', 4, 4]]);
  });

  it("'drop' drops a bad batch and marks the gap it leaves on the next one", () => {
    const events: ValidationEvent[] = [];
    const nan = b(1, { data: Float32Array.of(0, Number.NaN, 0, 0) });
    const out = values([b(0), nan, b(2)], validate({ nonFinite: 'drop', report: { next: (e) => events.push(e) } }));
    expect(out.map((o) => [o.seq, o.t0])).toEqual([
      [0, 0],
      [1, 0.08],
    ]);
    expect(out[1]!.gapBefore).toBeCloseTo(0.04, 12);
    expect(events.map((e) => e.type)).toEqual(['dropped', 'gap']);
    expect(events[0]).toMatchObject({ reason: 'non-finite', amount: 4, counts: { dropped: 1 } });
  });

  it("order 'drop' drops duplicated and late batches and keeps going", () => {
    const out = values([b(0), b(1), b(1), b(0, { seq: 3 }), b(2, { seq: 4 })], validate({ order: 'drop' }));
    expect(out.map((o) => o.t0)).toEqual([0, 0.04, 0.08]);
    expect(out.map((o) => o.seq)).toEqual([0, 1, 2]);
  });

  it('reports seq holes, renumbering its output without holes', () => {
    const events: ValidationEvent[] = [];
    const out = values([b(0), b(1, { seq: 5 })], validate({ report: { next: (e) => events.push(e) } }));
    expect(out.map((o) => o.seq)).toEqual([0, 1]);
    expect(events).toEqual([
      { type: 'seq-hole', seq: 5, amount: 4, counts: { held: 0, dropped: 0, droppedFrames: 0, reordered: 0, gaps: 0, missingSeq: 4 } },
    ]);
  });

  it('splits a batch whose timestamps jump, marking the second piece', () => {
    const ts = Float64Array.of(0, 0.01, 0.02, 0.5, 0.51);
    const x = batch([1, 2, 3, 4, 5]);
    const out = values([{ ...x, timestamps: ts }], validate());
    expect(out.map((o) => Array.from(o.data))).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
    expect(out[1]!.t0).toBe(0.5);
    expect(out[1]!.gapBefore).toBeCloseTo(0.47, 12);
    expect(out.map((o) => o.seq)).toEqual([0, 1]);
  });

  it('checks heart-rate streams for order only', () => {
    const hr = (seq: number, t: number) => ({
      ...batch([60], { seq, t0: t, channels: [{ name: 'hr', unit: 'bpm' }] }),
      kind: 'hr' as const,
      timestamps: Float64Array.of(t),
    });
    expect(values([hr(0, 0), hr(1, 0.9), hr(2, 5)], validate()).every((o) => o.gapBefore === undefined)).toBe(true);
    expect(errorCode([hr(0, 1), hr(1, 0.9)], validate())).toBe('E_NON_MONOTONIC');
  });

  it('keeps a gap marker set by the source', () => {
    const out = values([b(0), b(1, { gapBefore: 2 })], validate());
    expect(out[1]!.gapBefore).toBe(2);
    expect(collect([b(0)], validate()).completed).toBe(true);
  });
});
