import { describe, expect, it } from 'vitest';
import { HeartRateSmoother } from '../../src/dsp/heart-rate.js';
import { RRClassifier, type RRInterval } from '../../src/dsp/rr-intervals.js';

function classify(rrs: number[]): RRInterval[] {
  const c = new RRClassifier();
  const out: RRInterval[] = [];
  let t = 0;
  for (const rr of rrs) c.push((t += rr), rr, (iv) => out.push(iv));
  c.flush((iv) => out.push(iv));
  return out;
}

describe('RRClassifier', () => {
  it('flags a premature beat and its compensatory pause, and corrects both to the local median', () => {
    const out = classify([0.8, 0.82, 0.8, 0.81, 0.5, 1.1, 0.8, 0.8]);
    expect(out.map((iv) => iv.kind)).toEqual(['normal', 'normal', 'normal', 'normal', 'ectopic', 'ectopic', 'normal', 'normal']);
    expect(out[4]!.corrected).toBeCloseTo(0.805, 9); // median of 0.8, 0.82, 0.8, 0.81
    expect(out[5]!.corrected).toBeCloseTo(0.8, 9); // median of 0.8, 0.82, 0.8, 0.81, 0.5
    expect(out.map((iv) => iv.time)).toEqual([0.8, 1.62, 2.42, 3.23, 3.73, 4.83, 5.63, 6.43].map((v) => expect.closeTo(v, 9)));
  });

  it('marks implausible intervals as artifacts and follows a real rate change within 3 beats', () => {
    const out = classify([0.8, 0.8, 0.8, 0.1, 4, 0.8, 0.6, 0.6, 0.6, 0.6, 0.6]);
    // 0.8 → 0.6 s: the median of the 5 preceding plausible intervals is still 0.8 for three beats.
    expect(out.map((iv) => iv.kind)).toEqual([
      'normal',
      'normal',
      'normal',
      'artifact',
      'artifact',
      'normal',
      'ectopic',
      'ectopic',
      'ectopic',
      'normal',
      'normal',
    ]);
  });

  it('holds the first 3 intervals and judges them against their own median', () => {
    const c = new RRClassifier();
    const out: RRInterval[] = [];
    c.push(1, 0.5, (iv) => out.push(iv));
    c.push(2, 1.0, (iv) => out.push(iv));
    expect(out).toHaveLength(0);
    c.push(3, 1.0, (iv) => out.push(iv));
    expect(out.map((iv) => iv.kind)).toEqual(['ectopic', 'normal', 'normal']);
  });
});

describe('HeartRateSmoother', () => {
  it('follows a step in RR as an exponential with the given time constant, ignoring ectopic jolts', () => {
    const hr = new HeartRateSmoother(4);
    for (let i = 0; i < 20; i++) expect(hr.push({ time: i, rr: 1, kind: 'normal', corrected: 1 }).smoothedBpm).toBeCloseTo(60, 9);
    const jolt = hr.push({ time: 20.4, rr: 0.4, kind: 'ectopic', corrected: 1 });
    expect(jolt.bpm).toBeCloseTo(150, 9);
    expect(jolt.smoothedBpm).toBeCloseTo(60, 9);
    // RR steps from 1 s to 0.5 s: after k beats the average is 0.5 + 0.5·exp(−0.5·k / 4).
    let last = 0;
    for (let k = 1; k <= 10; k++) last = hr.push({ time: 20.4 + 0.5 * k, rr: 0.5, kind: 'normal', corrected: 0.5 }).smoothedBpm;
    expect(last).toBeCloseTo(60 / (0.5 + 0.5 * Math.exp(-5 / 4)), 9);
    expect(() => new HeartRateSmoother(0)).toThrow(expect.objectContaining({ code: 'E_ARGUMENT' }));
  });
});
