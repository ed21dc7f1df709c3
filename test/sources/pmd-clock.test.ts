// FrameClock: per-sample timestamps from PMD frame timestamps. A simulated sensor samples at a
// known true schedule T(j); frames report T of their last sample (plus optional jitter). The
// rebuilt times, mapped back to sensor time, must match T(j) within stated bounds.
import { describe, expect, it } from 'vitest';
import { FrameClock } from '../../src/sources/pmd-clock.js';

const HOST0 = 1_700_000_000; // host seconds at the first frame
const S0 = 700_000_000; // sensor seconds (2000 epoch) of the first frame's last sample

interface Run {
  err: number[]; // rebuilt − true, per sample, in s
  times: number[];
  gaps: number[];
  clock: FrameClock;
}

/**
 * Feeds frames of `n` samples; `trueTime(j)` is the sensor time of sample j (from the first
 * frame's last sample = 0), `frameTs(k, tEnd)` what frame k reports, `skip(k)` drops frame k.
 */
function run(
  frames: number,
  n: number,
  trueTime: (j: number) => number,
  opts: {
    nominal?: number;
    frameTs?: (k: number, tEnd: number) => number;
    skip?: (k: number) => boolean;
  } = {},
): Run {
  const clock = new FrameClock(opts.nominal ?? 130);
  const err: number[] = [];
  const times: number[] = [];
  const gaps: number[] = [];
  const out = new Float64Array(n);
  for (let k = 0; k < frames; k++) {
    if (opts.skip?.(k)) continue;
    const endTrue = trueTime((k + 1) * n - 1);
    const ts = opts.frameTs ? opts.frameTs(k, endTrue) : endTrue;
    gaps.push(clock.place(S0 + ts, n, HOST0 + ts, out));
    for (let i = 0; i < n; i++) {
      const j = k * n + i;
      times.push(out[i]!);
      err.push(out[i]! - HOST0 - trueTime(j));
    }
  }
  return { err, times, gaps, clock };
}

const maxAbs = (a: number[]) => a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
const rms = (a: number[]) => Math.sqrt(a.reduce((s, v) => s + v * v, 0) / a.length);
const increasing = (a: number[]) => a.every((v, i) => i === 0 || v > a[i - 1]!);

// True schedule anchored so that the first frame's last sample (j = 72) is at time 0.
const at =
  (rate: number, n = 73) =>
  (j: number) =>
    (j - (n - 1)) / rate;

describe('FrameClock', () => {
  it('anchors the first frame at its arrival and fills it back at the nominal period', () => {
    const clock = new FrameClock(130);
    const out = new Float64Array(73);
    expect(clock.place(S0, 73, HOST0, out)).toBe(0);
    expect(out[72]).toBe(HOST0);
    expect(out[0]).toBeCloseTo(HOST0 - 72 / 130, 9);
  });

  it('follows a real rate that differs from nominal (130.061 Hz started as 130 Hz)', () => {
    const r = run(1000, 73, at(130.061)); // ~9.4 minutes
    // A nominal-rate schedule would be 0.26 s off by the end; the rebuilt one stays sub-ms.
    expect(maxAbs(r.err)).toBeLessThan(0.5e-3);
    expect(r.clock.rate).toBeCloseTo(130.061, 3);
    expect(r.gaps.every((g) => g === 0)).toBe(true);
    expect(increasing(r.times)).toBe(true);
  });

  it('smooths frame timestamp jitter below the jitter itself', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
    const jitter = 2e-3;
    const r = run(600, 73, at(130.02), { frameTs: (_k, t) => t + jitter * rand() });
    expect(rms(r.err)).toBeLessThan(jitter / Math.sqrt(3)); // below the rms of the jitter itself
    expect(maxAbs(r.err)).toBeLessThan(2 * jitter);
    expect(increasing(r.times)).toBe(true);
  });

  it('ignores a single wild frame timestamp', () => {
    const r = run(200, 73, at(130), { frameTs: (k, t) => (k === 100 ? t + 0.05 : t) });
    expect(maxAbs(r.err)).toBeLessThan(1e-3);
    expect(r.gaps.every((g) => g === 0)).toBe(true);
  });

  it('turns dropped frames into a gap of the missing time and keeps later samples exact', () => {
    const r = run(100, 73, at(130.061), { skip: (k) => k === 50 || k === 51 });
    const gaps = r.gaps.filter((g) => g > 0);
    expect(gaps).toHaveLength(1);
    expect(gaps[0]).toBeCloseTo((2 * 73) / 130.061, 3); // two frames of samples missing
    expect(maxAbs(r.err)).toBeLessThan(0.5e-3);
    expect(increasing(r.times)).toBe(true);
  });

  it('re-bases when the sensor clock jumps back, keeping output time continuous', () => {
    const r = run(60, 73, at(130), { frameTs: (k, t) => (k >= 30 ? t - 3600 : t) });
    expect(r.clock.rebases).toBe(1);
    expect(r.gaps.every((g) => g === 0)).toBe(true);
    expect(increasing(r.times)).toBe(true);
    const steps = r.times.slice(1).map((t, i) => t - r.times[i]!);
    expect(Math.max(...steps)).toBeLessThan(1.5 / 130);
    expect(Math.min(...steps)).toBeGreaterThan(0.5 / 130);
  });

  it('tracks a sensor rate that drifts during a long recording', () => {
    // Period drifts by +200 ppm over 30 minutes (e.g. the sensor warming up).
    const p0 = 1 / 130.05;
    const total = 234_000;
    const trueTime = (j: number) => {
      const x = j - 72;
      return p0 * x + (p0 * 2e-4 * x * x) / (2 * total);
    };
    const r = run(Math.floor(total / 73), 73, trueTime);
    expect(maxAbs(r.err)).toBeLessThan(1e-3);
    const finalPeriod = p0 * (1 + 2e-4);
    expect(r.clock.rate).toBeCloseTo(1 / finalPeriod, 2);
  });

  it('after a reconnect, measures the gap by sensor time when the sensor clock ran on', () => {
    const clock = new FrameClock(130);
    const out = new Float64Array(73);
    for (let k = 0; k < 5; k++) clock.place(S0 + (k * 73) / 130, 73, HOST0 + (k * 73) / 130, out);
    const last = out[72]!;
    clock.reset();
    // Frames 5–8 were lost; frame 9 arrives 0.3 s late on the host (reconnect latency).
    const gap = clock.place(S0 + (9 * 73) / 130, 73, HOST0 + (9 * 73) / 130 + 0.3, out);
    expect(gap).toBeCloseTo((4 * 73) / 130, 6);
    expect(out[0]! - last - 1 / 130).toBeCloseTo(gap, 6);
    expect(clock.rebases).toBe(0);
  });

  it('after a reconnect to a restarted sensor, re-anchors to host time and never steps back', () => {
    const clock = new FrameClock(130);
    const out = new Float64Array(73);
    for (let k = 0; k < 5; k++) clock.place(S0 + (k * 73) / 130, 73, HOST0 + (k * 73) / 130, out);
    const last = out[72]!;
    clock.reset();
    // The sensor rebooted (clock back to its default); the host is 20 s further on.
    const host = HOST0 + (4 * 73) / 130 + 20;
    const gap = clock.place(S0 - 5000, 73, host, out);
    expect(out[72]).toBeCloseTo(host, 6);
    expect(gap).toBeCloseTo(out[0]! - last - 1 / 130, 6);
    expect(gap).toBeGreaterThan(19);
    expect(clock.rebases).toBe(1);
    // And a reconnect that comes back "too early" for the host clock still moves forward.
    clock.reset();
    const before = out[72]!;
    clock.place(S0 - 9000, 73, host - 5, out);
    expect(out[0]!).toBeGreaterThan(before);
  });

  it('refuses bad arguments', () => {
    expect(() => new FrameClock(0)).toThrow(/nominalRate/);
    expect(() => new FrameClock(130, { window: 1 })).toThrow(/window/);
  });
});
