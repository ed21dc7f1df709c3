import { describe, expect, it } from 'vitest';
import type { RRInterval } from '../../src/dsp/rr-intervals.js';
import { heartRate } from '../../src/streams/heart-rate.js';
import { hrv } from '../../src/streams/hrv.js';
import type { RPeak } from '../../src/streams/rpeaks.js';
import { rrIntervals } from '../../src/streams/rr-intervals.js';
import { collect, scheduler, values } from './helpers.js';

const peak = (time: number, afterBreak = false): RPeak => ({ index: Math.round(time * 250), time, afterBreak });

describe('rrIntervals', () => {
  it('holds the first 3 intervals of a segment, then emits one per beat; flushes on completion', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const src = cold('a 9ms b 9ms c 9ms d 9ms e 9ms f 9ms |', {
        a: peak(0, true),
        b: peak(0.8),
        c: peak(1.6),
        d: peak(2.4),
        e: peak(2.9), // premature
        f: peak(4.0), // compensatory pause
      });
      const near = (v: number) => expect.closeTo(v, 12) as unknown as number;
      const iv = (time: number, rr: number, kind: RRInterval['kind'], corrected: number): RRInterval => ({
        time,
        rr: near(rr),
        kind,
        corrected: near(corrected),
      });
      expectObservable(src.pipe(rrIntervals())).toBe('30ms (xyz) 5ms u 9ms v 9ms |', {
        x: iv(0.8, 0.8, 'normal', 0.8),
        y: iv(1.6, 0.8, 'normal', 0.8),
        z: iv(2.4, 0.8, 'normal', 0.8),
        u: iv(2.9, 0.5, 'ectopic', 0.8),
        v: iv(4.0, 1.1, 'ectopic', 0.8),
      });
    });
  });

  it('forms no interval across a break and restarts the classifier there', () => {
    const out = values(
      [peak(0, true), peak(1), peak(2), peak(3), peak(10, true), peak(10.5), peak(11), peak(11.5), peak(12)],
      rrIntervals(),
    );
    expect(out.map((iv) => iv.rr)).toEqual([1, 1, 1, 0.5, 0.5, 0.5, 0.5]);
    expect(out.every((iv) => iv.kind === 'normal')).toBe(true); // 0.5 s is judged against its own segment
  });
});

describe('heartRate', () => {
  it('gives 60/RR per beat and restarts smoothing after a break', () => {
    const ivs: RRInterval[] = [
      { time: 1, rr: 1, kind: 'normal', corrected: 1 },
      { time: 2, rr: 1, kind: 'normal', corrected: 1 },
      { time: 12, rr: 0.5, kind: 'normal', corrected: 0.5 }, // does not start at 2: a break
    ];
    const out = values(ivs, heartRate({ timeConstant: 5 }));
    expect(out.map((h) => h.bpm)).toEqual([60, 60, 120]);
    expect(out.map((h) => h.smoothedBpm)).toEqual([60, 60, 120]);
    expect(collect(ivs, heartRate({ timeConstant: -1 })).error).toMatchObject({ code: 'E_ARGUMENT' });
  });
});

describe('hrv', () => {
  it('emits a summary every step once the span is reached, and a last one on completion', () => {
    const ivs: RRInterval[] = [];
    let t = 0;
    for (let i = 0; i < 200; i++) {
      const rr = 0.8 + 0.04 * Math.sin(2 * Math.PI * 0.25 * t);
      t += rr;
      ivs.push({ time: t, rr, kind: 'normal', corrected: rr });
    }
    const out = values(ivs, hrv({ window: 90, step: 20, minSpan: 60 }));
    const ends = out.map((s) => s.end);
    expect(ends[0]).toBeGreaterThanOrEqual(60);
    expect(ends.at(-1)).toBe(t);
    // RMSSD of a 0.25 Hz sinusoid of amplitude 40 ms sampled every ~0.8 s: 40·√2·|sin(π·0.25·0.8)| ≈ 33 ms.
    expect(out[0]!.rmssd).toBeGreaterThan(30);
    expect(out[0]!.rmssd).toBeLessThan(36);
    expect(out[0]!.hf).toBeGreaterThan(out[0]!.lf * 10);
  });
});
