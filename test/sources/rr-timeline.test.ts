// RRTimeline: beat times for RR intervals. A simulated heart beats at known times; a strap
// reports the RR intervals of the beats since its last 1 Hz notification, which arrives a
// random 0–1 s after the last beat. Rebuilt beat times must keep the exact intervals and
// stay close to the true beat times; lost intervals must show as gaps.
import { describe, expect, it } from 'vitest';
import { RRTimeline } from '../../src/sources/rr-timeline.js';

function rng(seed: number) {
  return () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

/** True beat times (s) for RR intervals varying around `meanRr`. */
function beats(count: number, meanRr: number, rand: () => number): number[] {
  const t = [100];
  for (let i = 1; i < count; i++) t.push(t[i - 1]! + meanRr * (0.9 + 0.2 * rand()));
  return t;
}

/** Groups beats into notifications sent every second, each arriving 5–50 ms after it is sent. */
function notify(beatTimes: number[], rand: () => number, lose?: (i: number) => boolean) {
  const out: { rr: Float64Array; arrival: number; truth: number[] }[] = [];
  let i = 1;
  for (let send = beatTimes[0]! + 1; i < beatTimes.length; send += 1) {
    const rr: number[] = [];
    const truth: number[] = [];
    while (i < beatTimes.length && beatTimes[i]! <= send) {
      if (!lose?.(i)) {
        rr.push(Math.round((beatTimes[i]! - beatTimes[i - 1]!) * 1024) * (1000 / 1024));
        truth.push(beatTimes[i]!);
      }
      i++;
    }
    if (rr.length) out.push({ rr: Float64Array.from(rr), arrival: send + 0.005 + 0.045 * rand(), truth });
  }
  return out;
}

describe('RRTimeline', () => {
  it('keeps the exact intervals and places beats within the first notification latency', () => {
    const rand = rng(3);
    const truth = beats(600, 0.8, rand);
    const timeline = new RRTimeline();
    const placed: number[] = [];
    const real: number[] = [];
    for (const n of notify(truth, rand)) {
      const out = new Float64Array(n.rr.length);
      expect(timeline.place(n.rr, n.arrival, out)).toBe(0);
      placed.push(...out);
      real.push(...n.truth);
    }
    // Intervals between placed beats equal the reported RR (1/1024 s quantisation only).
    for (let i = 1; i < placed.length; i++) expect(placed[i]! - placed[i - 1]!).toBeCloseTo(real[i]! - real[i - 1]!, 2);
    // Offset to the true beat times: constant, at most the first notification's delay (≤ 1.05 s).
    const off = placed.map((t, i) => t - real[i]!);
    expect(Math.max(...off) - Math.min(...off)).toBeLessThan(0.05); // RR quantisation accumulates little
    expect(Math.min(...off)).toBeGreaterThanOrEqual(-0.03);
    expect(Math.max(...off)).toBeLessThan(1.06);
  });

  it('reports a long loss of intervals as a gap and re-anchors', () => {
    const rand = rng(5);
    const truth = beats(200, 0.75, rand);
    const lost = (i: number) => i >= 80 && i < 88; // ~6 s without RR (no skin contact)
    const timeline = new RRTimeline();
    const gaps: number[] = [];
    let last = -Infinity;
    for (const n of notify(truth, rand, lost)) {
      const out = new Float64Array(n.rr.length);
      gaps.push(timeline.place(n.rr, n.arrival, out));
      expect(out[0]!).toBeGreaterThan(last);
      last = out[out.length - 1]!;
    }
    const found = gaps.filter((g) => g > 0);
    expect(found).toHaveLength(1);
    const missing = truth[87]! - truth[79]!; // the time covered by the lost intervals
    expect(found[0]).toBeGreaterThan(missing - 1.1);
    expect(found[0]).toBeLessThan(missing + 1.1);
  });

  it('does not invent gaps when heart rate and notification rate beat against each other', () => {
    // At 60 bpm the beat phase drifts slowly against 1 Hz notifications: latencies stay high
    // or low for long runs. No interval is lost, so no gap may be reported.
    for (const seed of [11, 12, 13]) {
      const rand = rng(seed);
      const truth = beats(600, 1.0, rand);
      const timeline = new RRTimeline();
      for (const n of notify(truth, rand)) expect(timeline.place(n.rr, n.arrival, new Float64Array(n.rr.length))).toBe(0);
    }
  });

  it('after reset() resumes no earlier than the last beat and reports the time between', () => {
    const timeline = new RRTimeline();
    const out = new Float64Array(2);
    timeline.place(Float64Array.of(800, 800), 10, out);
    expect(out[0]).toBeCloseTo(9.2, 9);
    expect(out[1]).toBeCloseTo(10, 9);
    timeline.reset();
    // Reconnected: next notification arrives at 15 s with one 1 s interval → it starts at 14 s.
    const one = new Float64Array(1);
    expect(timeline.place(Float64Array.of(1000), 15, one)).toBeCloseTo(4, 9);
    expect(one[0]).toBeCloseTo(15, 9);
    timeline.reset();
    // A quick reconnect whose interval would start before the last beat: chained instead.
    expect(timeline.place(Float64Array.of(1000), 15.5, one)).toBe(0);
    expect(one[0]).toBeCloseTo(16, 9);
  });

  it('ignores notifications without intervals', () => {
    const timeline = new RRTimeline();
    expect(timeline.place(new Float64Array(0), 5, new Float64Array(0))).toBe(0);
  });
});
