import { describe, expect, it } from 'vitest';
import { simulateImu } from '../../src/sources/imu-sim.js';
import { STANDARD_GRAVITY } from '../../src/core/batch.js';
import type { Activity } from '../../src/sources/imu-activities.js';

const G = STANDARD_GRAVITY;

function meanVector(d: Float32Array, from: number, to: number, offset = 0): [number, number, number] {
  const m = [0, 0, 0];
  for (let i = from; i < to; i++) for (let c = 0; c < 3; c++) m[c] = m[c]! + d[i * 6 + offset + c]!;
  return [m[0]! / (to - from), m[1]! / (to - from), m[2]! / (to - from)];
}

/** Frequency (Hz, 0.01 Hz grid from 0.5 to 4 Hz) of the largest DFT peak of |acc| over frames [from, to). */
function dominantFrequency(d: Float32Array, from: number, to: number, rate: number): number {
  const mag = Array.from({ length: to - from }, (_, k) => Math.hypot(d[(from + k) * 6]!, d[(from + k) * 6 + 1]!, d[(from + k) * 6 + 2]!));
  const mean = mag.reduce((s, v) => s + v, 0) / mag.length;
  let best = 0;
  let bestF = 0;
  for (let f = 0.5; f <= 4; f += 0.01) {
    let re = 0;
    let im = 0;
    mag.forEach((v, k) => {
      re += (v - mean) * Math.cos((2 * Math.PI * f * k) / rate);
      im += (v - mean) * Math.sin((2 * Math.PI * f * k) / rate);
    });
    if (re * re + im * im > best) [best, bestF] = [re * re + im * im, f];
  }
  return bestF;
}

describe('simulateImu', () => {
  it.each(['sitting', 'standing', 'laying'] as Activity[])('reads |acc| ≈ 1 g while %s, whatever the orientation', (activity) => {
    for (let seed = 0; seed < 8; seed++) {
      const { recording } = simulateImu({ activities: [{ activity, seconds: 10 }], rate: 50, seed });
      const d = recording.streams[0]!.data;
      let sum = 0;
      for (let i = 0; i < recording.length; i++) sum += Math.hypot(d[i * 6]!, d[i * 6 + 1]!, d[i * 6 + 2]!);
      expect(Math.abs(sum / recording.length - G) / G).toBeLessThan(0.005);
    }
    const inG = simulateImu({ activities: [{ activity, seconds: 5 }], accUnit: 'g', seed: 1 }).recording;
    expect(Math.hypot(...meanVector(inG.streams[0]!.data, 0, inG.length))).toBeCloseTo(1, 2);
    expect(inG.streams[0]!.channels[0]!.unit).toBe('g');
  });

  it('draws device orientations uniformly: gravity seen by the device covers the sphere evenly', () => {
    const n = 300;
    const mean = [0, 0, 0];
    const second = [0, 0, 0];
    for (let seed = 0; seed < n; seed++) {
      const { recording } = simulateImu({ activities: [{ activity: 'standing', seconds: 0.2 }], seed, accNoise: 0 });
      const g = meanVector(recording.streams[0]!.data, 0, recording.length);
      const norm = Math.hypot(...g);
      for (let c = 0; c < 3; c++) {
        mean[c] = mean[c]! + g[c]! / norm / n;
        second[c] = second[c]! + (g[c]! / norm) ** 2 / n;
      }
    }
    // Uniform unit vectors: each component has mean 0 (sd 1/sqrt(3n) ≈ 0.033) and mean square 1/3.
    for (let c = 0; c < 3; c++) {
      expect(Math.abs(mean[c]!)).toBeLessThan(0.12);
      expect(Math.abs(second[c]! - 1 / 3)).toBeLessThan(0.06);
    }
  });

  it('shows the gait frequency in the spectrum: 1.8-2 Hz walking, slower upstairs, faster downstairs', () => {
    const rate = 50;
    const sim = simulateImu({
      activities: [
        { activity: 'walking', seconds: 40 },
        { activity: 'upstairs', seconds: 40 },
        { activity: 'downstairs', seconds: 40 },
      ],
      rate,
      seed: 21,
    });
    const d = sim.recording.streams[0]!.data;
    const found = sim.segments.map((s) => dominantFrequency(d, s.start + rate, s.end, rate));
    sim.segments.forEach((s, k) => expect(Math.abs(found[k]! - s.stepHz)).toBeLessThan(0.04));
    expect(found[0]).toBeGreaterThanOrEqual(1.75);
    expect(found[0]).toBeLessThanOrEqual(2.05);
    expect(found[1]).toBeLessThan(found[0]!);
    expect(found[2]).toBeGreaterThan(found[1]!);
  });

  it('turns gravity with the posture and the gyroscope integrates to the turn', () => {
    const rate = 100;
    const sim = simulateImu({
      activities: [
        { activity: 'standing', seconds: 3 },
        { activity: 'laying', seconds: 3 },
      ],
      rate,
      seed: 8,
      gyroNoise: 0,
    });
    const d = sim.recording.streams[0]!.data;
    const a = meanVector(d, rate, 3 * rate);
    const b = meanVector(d, 4 * rate, 6 * rate);
    const angle = Math.acos((a[0] * b[0] + a[1] * b[1] + a[2] * b[2]) / (Math.hypot(...a) * Math.hypot(...b)));
    expect((angle * 180) / Math.PI).toBeCloseTo(90, 0);
    // Integrated angular velocity over the 1 s transition: a 90° turn about one axis.
    const turn = [0, 0, 0];
    for (let i = 3 * rate; i < 4 * rate; i++) for (let c = 0; c < 3; c++) turn[c] = turn[c]! + d[i * 6 + 3 + c]! / rate;
    expect((Math.hypot(...turn) * 180) / Math.PI).toBeGreaterThan(85);
    expect((Math.hypot(...turn) * 180) / Math.PI).toBeLessThan(95);
  });

  it('labels the activities and is deterministic per seed', () => {
    const opts = {
      activities: [
        { activity: 'sitting' as const, seconds: 2 },
        { activity: 'walking' as const, seconds: 3 },
      ],
      rate: 20,
      seed: 6,
    };
    const a = simulateImu(opts);
    expect(a.recording.labels).toEqual([
      { label: 'sitting', start: 0, end: 40 },
      { label: 'walking', start: 40, end: 100 },
    ]);
    expect(a.recording.streams[0]!.channels.map((c) => c.name)).toEqual(['ax', 'ay', 'az', 'gx', 'gy', 'gz']);
    expect(Array.from(simulateImu(opts).recording.streams[0]!.data)).toEqual(Array.from(a.recording.streams[0]!.data));
    expect(Array.from(simulateImu({ ...opts, seed: 7 }).orientation)).not.toEqual(Array.from(a.orientation));
    const upright = simulateImu({ ...opts, orientation: 'upright', activities: [{ activity: 'standing', seconds: 1 }] });
    const g = meanVector(upright.recording.streams[0]!.data, 0, upright.recording.length);
    expect(g[2]).toBeCloseTo(G, 1);
  });

  it('rejects an empty session, unknown activities and bad durations', () => {
    expect(() => simulateImu({ activities: [] })).toThrow(expect.objectContaining({ code: 'E_ARGUMENT' }));
    expect(() => simulateImu({ activities: [{ activity: 'running' as Activity, seconds: 1 }] })).toThrow(
      expect.objectContaining({ code: 'E_ARGUMENT' }),
    );
    expect(() => simulateImu({ activities: [{ activity: 'walking', seconds: -1 }] })).toThrow(
      expect.objectContaining({ code: 'E_ARGUMENT' }),
    );
    expect(() => simulateImu({ activities: [{ activity: 'walking', seconds: 1 }], orientation: [0, 0, 0, 0] })).toThrow(
      expect.objectContaining({ code: 'E_ARGUMENT' }),
    );
  });
});
