// Streams without validate in front: a bad sample stays one bad sample, a bad batch is a typed error.
import { describe, expect, it } from 'vitest';
import type { OperatorFunction } from 'rxjs';
import { SdkError } from '../../src/errors.js';
import { BiquadCascade } from '../../src/dsp/biquad-cascade.js';
import { designFilter } from '../../src/dsp/biquad-design.js';
import { iirFilter } from '../../src/streams/iir-filter.js';
import { separateGravity } from '../../src/streams/separate-gravity.js';
import { normalize } from '../../src/streams/normalize.js';
import { resample } from '../../src/streams/resample.js';
import { slidingWindow } from '../../src/streams/sliding-window.js';
import { rpeaks } from '../../src/streams/rpeaks.js';
import { signalQuality } from '../../src/streams/signal-quality.js';
import { Resampler } from '../../src/dsp/resampler.js';
import { rrIntervals } from '../../src/streams/rr-intervals.js';
import { heartRate } from '../../src/streams/heart-rate.js';
import { hrv } from '../../src/streams/hrv.js';
import { rotateTriads } from '../../src/model/rotate-triads.js';
import { ACC, collect, concat, signal, split, values } from './helpers.js';

const spec = [
  { type: 'bandpass', low: 0.5, high: 40 },
  { type: 'notch', frequency: 50 },
] as const;
const BAD = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];

/** `x` without frame `k` (all channels). */
const without = (x: Float32Array, k: number, nc: number) => Float32Array.from([...x.subarray(0, k * nc), ...x.subarray((k + 1) * nc)]);

describe('non-finite samples do not poison filter state', () => {
  it('iirFilter: the bad sample comes out NaN and every later sample is as if it had been skipped', () => {
    let tried = 0;
    for (const bad of BAD) {
      for (const k of [0, 1, 150, 399]) {
        tried++;
        const x = signal(400, 1);
        const clean = concat(values(split(without(x, k, 1), [400], { rate: 250 }), iirFilter(spec)));
        x[k] = bad;
        const out = concat(values(split(x, [37, 100, 263], { rate: 250 }), iirFilter(spec)));
        expect(Number.isNaN(out[k]!)).toBe(true);
        expect(Array.from(out.subarray(0, k))).toEqual(Array.from(clean.subarray(0, k)));
        expect(Array.from(out.subarray(k + 1))).toEqual(Array.from(clean.subarray(k)));
      }
    }
    expect(tried).toBe(12);
  });

  it('iirFilter: a run of NaN, an overflowing value and a NaN first frame leave the rest finite', () => {
    const x = signal(600, 3);
    x.fill(Number.NaN, 30, 90); // 20 frames of nothing
    x[3 * 200] = 3e38; // the largest float32 values
    x[1] = Number.NaN;
    const out = concat(values(split(x, [50, 50, 500], { channels: ACC }), iirFilter({ type: 'highpass', cutoff: 0.5 })));
    const finite = Array.from(out.subarray(3 * 210)).every(Number.isFinite);
    expect(finite).toBe(true);
  });

  it('separateGravity: a NaN accelerometer sample stays one NaN; gravity and body stay finite after it', () => {
    const frames = 500;
    const x = new Float32Array(frames * 3);
    for (let i = 0; i < frames; i++) x.set([0.3 * Math.sin(i / 7), 0.2, 9.81 + 0.1 * Math.cos(i / 5)], i * 3);
    const ref = concat(values(split(without(x, 120, 3), [frames], { channels: ACC }), separateGravity({ output: 'both' })));
    x[120 * 3 + 2] = Number.NaN;
    x[0] = Number.NaN; // the first frame, used to start the gravity estimate
    const out = concat(values(split(x, [64], { channels: ACC }), separateGravity({ output: 'both' })));
    expect(Number.isNaN(out[120 * 6 + 2]!)).toBe(true);
    expect(Array.from(out.subarray(121 * 6)).every(Number.isFinite)).toBe(true);
    // Gravity after the bad sample still tracks 9.81 on z (channel 5 of the output).
    expect(out[400 * 6 + 5]!).toBeCloseTo(ref[399 * 6 + 5]!, 3);
  });

  it('normalize running: a NaN stays one NaN and the statistics go on as if it were absent', () => {
    const x = signal(300, 3);
    const clean = concat(values(split(without(x, 100, 3), [299], { channels: ACC }), normalize({ mode: 'running' })));
    x[100 * 3 + 1] = Number.NaN;
    const out = concat(values(split(x, [64], { channels: ACC }), normalize({ mode: 'running' })));
    expect(Number.isNaN(out[100 * 3 + 1]!)).toBe(true);
    // Channel 1 after the NaN equals the clean run shifted by one frame (channels 0 and 2 kept the sample).
    for (let i = 101; i < 300; i++) expect(out[i * 3 + 1]).toBeCloseTo(clean[(i - 1) * 3 + 1]!, 5);
    expect(Array.from(out.subarray(101 * 3)).every(Number.isFinite)).toBe(true);
  });

  it('the cascade counts the samples it skipped', () => {
    const f = new BiquadCascade(designFilter({ type: 'lowpass', cutoff: 5 }, 100), 1);
    const x = Float32Array.from([1, Number.NaN, 2, Number.POSITIVE_INFINITY, 3e38, 3e38, 1, 1]);
    const y = new Float32Array(x.length);
    f.process(x, y);
    expect(f.skipped).toBe(2);
    expect(Number.isFinite(y[7]!)).toBe(true);
  });
});

describe('bad batches are typed errors', () => {
  const ops: [string, () => OperatorFunction<never, unknown>][] = [
    ['iirFilter', () => iirFilter({ type: 'lowpass', cutoff: 5 })],
    ['separateGravity', () => separateGravity()],
    ['normalize', () => normalize()],
    ['normalize running', () => normalize({ mode: 'running' })],
    ['resample', () => resample(25)],
    ['slidingWindow', () => slidingWindow(10, 5)],
    ['rpeaks', () => rpeaks()],
    ['signalQuality', () => signalQuality()],
  ];
  const good = split(signal(40, 3), [40], { channels: ACC })[0]!;
  const bads: [string, unknown][] = [
    ['null', null],
    ['undefined', undefined],
    ['a number', 42],
    ['no data', { ...good, data: undefined }],
    ['data as a plain array', { ...good, data: [...good.data] }],
    ['short data', { ...good, data: good.data.subarray(3) }],
    ['no channels', { ...good, channels: undefined }],
    ['timestamps of the wrong length', { ...good, timestamps: new Float64Array(3) }],
  ];

  it('every operator errors with an SdkError carrying a code, for every bad batch', () => {
    let tried = 0;
    let typed = 0;
    for (const [name, op] of ops) {
      for (const [what, bad] of bads) {
        tried++;
        const { error } = collect([bad as never], op());
        expect(error, `${name} / ${what}`).toBeInstanceOf(SdkError);
        expect((error as SdkError).code, `${name} / ${what}`).toMatch(/^E_(SHAPE|ARGUMENT)$/);
        typed++;
      }
    }
    expect(typed).toBe(tried);
  });

  it('beat streams and rotateTriads refuse what is not an event or a batch with a code', () => {
    const events: [string, () => OperatorFunction<never, unknown>][] = [
      ['rrIntervals', () => rrIntervals()],
      ['heartRate', () => heartRate()],
      ['hrv', () => hrv()],
    ];
    const bad: unknown[] = [
      null,
      5,
      'x',
      {},
      { time: Number.NaN, rr: 0.8, corrected: 0.8, kind: 'normal' },
      { time: Number.POSITIVE_INFINITY, rr: 0.8, corrected: 0.8, kind: 'normal' },
    ];
    let tried = 0;
    for (const [name, op] of events) {
      for (const v of bad) {
        tried++;
        const { error } = collect([v as never], op());
        expect(error, `${name} ${JSON.stringify(v)}`).toBeInstanceOf(SdkError);
        expect((error as SdkError).code).toMatch(/^E_(SHAPE|NAN)$/);
      }
    }
    for (const [, b] of bads) {
      tried++;
      const { error } = collect([b as never], rotateTriads([1, 0, 0, 0, 1, 0, 0, 0, 1]));
      expect(error).toBeInstanceOf(SdkError);
    }
    expect(tried).toBe(3 * 6 + bads.length);
  });

  it('a wrong number of timestamps is named as such', () => {
    const { error } = collect([{ ...good, timestamps: new Float64Array(3) }], iirFilter({ type: 'lowpass', cutoff: 5 }));
    expect((error as SdkError).message).toMatch(/3 timestamps for 40 frames/);
  });

  it('normalize rejects windows whose data does not hold length × channels values', () => {
    const w = { kind: 'acc', channels: ACC, rate: 50, t0: 0, start: 0, length: 10, seq: 0, data: new Float32Array(29) };
    const { error } = collect([w as never], normalize());
    expect(error).toBeInstanceOf(SdkError);
    expect((error as SdkError).code).toBe('E_SHAPE');
  });
});

describe('resampling limits', () => {
  it('rates too far apart are an E_ARGUMENT naming the limit, not a RangeError', () => {
    for (const [from, to] of [
      [50, 1e-6],
      [50, 1e9],
      [1e-3, 50],
      [100, 0.5],
    ] as const) {
      let err: unknown;
      try {
        new Resampler(from, to, 3);
      } catch (e) {
        err = e;
      }
      expect(err, `${from} -> ${to}`).toBeInstanceOf(SdkError);
      expect((err as SdkError).code).toBe('E_ARGUMENT');
      expect((err as SdkError).message).toMatch(/factor of 100\b/);
      const { error } = collect(split(signal(40, 3), [40], { channels: ACC, rate: from }), resample(to));
      expect(error, `${from} -> ${to} in a stream`).toBeInstanceOf(SdkError);
    }
    // Within the limit it works.
    expect(() => new Resampler(50, 0.5, 3)).not.toThrow();
    expect(() => new Resampler(0.5, 50, 1)).not.toThrow();
    expect(() => new Resampler(50, 0.5000001, 3)).not.toThrow();
  });
});
