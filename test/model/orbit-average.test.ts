// Test-time orbit averaging: `classify(encoder, { rotationAverage: K })` runs each window as
// recorded and under K - 1 fixed rotations, and averages the probabilities.
import { from, lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/random.js';
import { orbitRotations } from '../../src/core/orbit-rotations.js';
import { randomRotation, rotationAngle, composeRotations, invertRotation } from '../../src/core/rotation.js';
import { rotateTriad } from '../../src/core/rotate-triad.js';
import type { SampleWindow } from '../../src/core/window.js';
import { classify } from '../../src/model/classify.js';
import type { ClassResult, Encoder } from '../../src/model/encoder.js';
import { orbitAverage } from '../../src/model/orbit-average.js';
import { split } from '../streams/helpers.js';
import { buildFixtureModel } from './fixture-model.js';
import { groupedEntry, rejection } from './helpers.js';

const m = buildFixtureModel();
const entry = groupedEntry(m);
const W = entry.windowSamples;
const NC = entry.channels.length;

const softmax = (v: number[]) => {
  const e = v.map((x) => Math.exp(x - Math.max(...v)));
  const s = e.reduce((a, b) => a + b, 0);
  return Float32Array.from(e, (x) => x / s);
};
const argmax = (p: ArrayLike<number>) => Array.from(p).indexOf(Math.max(...Array.from(p)));

/** Mean acc and gyro vectors of a window. */
function means(w: SampleWindow): number[] {
  const s = new Array<number>(NC).fill(0);
  for (let t = 0; t < w.length; t++) for (let c = 0; c < NC; c++) s[c]! += w.data[t * NC + c]! / w.length;
  return s;
}

/** A fake model: logits from the window's mean acc and gyro; `invariant` uses their norms only, otherwise also their device-frame direction. */
function fakeEncoder(invariant: boolean, calls: SampleWindow[][] = []): Encoder {
  const logits = (w: SampleWindow) => {
    const s = means(w);
    const a = Math.hypot(s[0]!, s[1]!, s[2]!);
    const g = Math.hypot(s[3]!, s[4]!, s[5]!);
    const base = [a, 0.5 * g, 0.2, 1.2];
    return invariant ? base : base.map((v, i) => v + (i < 3 ? (3 * s[i]!) / a : 0) + (i === 0 ? 2 * s[4]! : 0));
  };
  return {
    entry,
    device: 'wasm',
    deviceReason: 'test',
    embed: () => Promise.reject(new Error('unused')),
    close: () => Promise.resolve(),
    classify: async (ws) => {
      calls.push([...ws]);
      return ws.map((w) => {
        const l = logits(w);
        const groupProbs = softmax(l);
        const probs = softmax([l[0]!, l[1]!, l[2]!, l[3]!, l[3]! - 0.5, l[3]! - 1]);
        const group = entry.groups!.names[argmax(groupProbs)]!;
        return {
          seq: w.seq,
          start: w.start,
          t0: w.t0,
          t1: w.t0 + W / 50,
          embedding: Float32Array.from(means(w)),
          inv: new Float32Array(0),
          var: new Float32Array(0),
          free: new Float32Array(0),
          probs,
          labelIndex: argmax(probs),
          label: group,
          group,
          groupProbs,
          calibrated: false,
        } satisfies ClassResult;
      });
    },
  };
}

/** A window of gravity along `g` with a small sway, and a slow turn about `w` (rad/s). */
function window(seq: number, g: number[], w: number[]): SampleWindow {
  const data = new Float32Array(W * NC);
  for (let t = 0; t < W; t++) {
    const sway = 0.05 * Math.sin(0.3 * t + seq);
    data.set([g[0]! + sway, g[1]!, g[2]! - sway, w[0]!, w[1]!, w[2]! + 0.01 * Math.cos(0.2 * t)], t * NC);
  }
  return { kind: 'imu', channels: entry.channels, rate: 50, t0: seq * 2.56, start: seq * W, length: W, seq, data };
}

/** The window turned by a rotation `r` (acc and gyro). */
function rotated(w: SampleWindow, r: Float64Array): SampleWindow {
  const data = w.data.slice();
  rotateTriad(data, data, 0, 1, NC, W, r, 0);
  rotateTriad(data, data, 3, 1, NC, W, r, 0);
  return { ...w, data };
}

describe('orbitRotations', () => {
  it('starts at the identity, is deterministic, nested, and spread over SO(3)', () => {
    const set = orbitRotations(16);
    expect(Array.from(set.subarray(0, 9))).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    expect(Array.from(orbitRotations(4))).toEqual(Array.from(set.subarray(0, 36)));
    let nearest = Infinity;
    for (let i = 0; i < 16; i++) {
      for (let j = 0; j < i; j++) {
        const rel = composeRotations(invertRotation(set.subarray(9 * i, 9 * i + 9)), set.subarray(9 * j, 9 * j + 9));
        nearest = Math.min(nearest, rotationAngle(rel));
      }
    }
    // 16 independent uniform rotations have a closest pair at 8-52° (20 seeds); the spread set keeps every pair over 75° apart.
    expect(nearest).toBeGreaterThan((75 * Math.PI) / 180);
  });
});

describe('classify with rotationAverage', () => {
  const rng = createRng(5);
  const windows = Array.from({ length: 6 }, (_, k) => window(k, [0.2 * k - 0.5, 0.9, 0.3], [0.3, -0.1 * k, 0.2]));

  it('gives the same result as without averaging when the model is exactly invariant', async () => {
    const one = await fakeEncoder(true).classify(windows);
    const avg = await orbitAverage(fakeEncoder(true), 8).classify(windows);
    for (let i = 0; i < windows.length; i++) {
      expect(avg[i]!.group).toBe(one[i]!.group);
      expect(avg[i]!.labelIndex).toBe(one[i]!.labelIndex);
      for (let c = 0; c < 4; c++) expect(avg[i]!.groupProbs![c]).toBeCloseTo(one[i]!.groupProbs![c]!, 5);
      for (let c = 0; c < 6; c++) expect(avg[i]!.probs[c]).toBeCloseTo(one[i]!.probs[c]!, 5);
      expect(Array.from(avg[i]!.embedding)).toEqual(Array.from(one[i]!.embedding)); // the window as recorded
    }
  });

  it('makes a model that depends on the orientation agree with itself across rotated inputs', async () => {
    const spread = async (k: number) => {
      const enc = orbitAverage(fakeEncoder(false), k);
      let agree = 0;
      let worst = 0;
      for (const w of windows) {
        const turns = Array.from({ length: 24 }, () => rotated(w, randomRotation(rng)));
        const rs = await enc.classify([w, ...turns]);
        const ref = rs[0]!;
        for (const r of rs.slice(1)) {
          if (r.group === ref.group) agree++;
          for (let c = 0; c < 4; c++) worst = Math.max(worst, Math.abs(r.groupProbs![c]! - ref.groupProbs![c]!));
        }
      }
      return { agree: agree / (24 * windows.length), worst };
    };
    const plain = await spread(1);
    const avg = await spread(32);
    expect(plain.agree).toBeLessThan(0.5); // the fake really is orientation-dependent
    expect(avg.agree).toBeGreaterThan(0.9);
    expect(avg.worst).toBeLessThan(0.25 * plain.worst);
  });

  it('runs the K copies of a window as one batch and leaves the default path unchanged', async () => {
    const stream = () => from(split(windowsData(), [W * 2], { rate: 50, channels: entry.channels }));
    const seen: SampleWindow[][] = [];
    const plain = await lastValueFrom(stream().pipe(classify(fakeEncoder(false, seen)), toArray()));
    expect(seen.map((c) => c.length)).toEqual(windows.map(() => 1));
    const seenOne: SampleWindow[][] = [];
    const one = await lastValueFrom(stream().pipe(classify(fakeEncoder(false, seenOne), { rotationAverage: 1 }), toArray()));
    expect(one.map((r) => Array.from(r.groupProbs!))).toEqual(plain.map((r) => Array.from(r.groupProbs!)));
    expect(seenOne.map((c) => c[0]!.data)).toEqual(seen.map((c) => c[0]!.data));
    const seenK: SampleWindow[][] = [];
    const four = await lastValueFrom(stream().pipe(classify(fakeEncoder(false, seenK), { rotationAverage: 4 }), toArray()));
    expect(seenK.map((c) => c.length)).toEqual(windows.map(() => 4));
    expect(seenK.map((c) => c[0]!.data)).toEqual(seen.map((c) => c[0]!.data)); // the first copy is the window itself
    expect(four.map((r) => r.seq)).toEqual(plain.map((r) => r.seq));
    expect(four.some((r, i) => Math.abs(r.groupProbs![0]! - plain[i]!.groupProbs![0]!) > 1e-3)).toBe(true);
  });

  it('refuses a bad K, an orientation, and a model without a group head with E_ARGUMENT', () => {
    const enc = fakeEncoder(false);
    for (const k of [0, 65, 2.5, NaN, -1])
      expect(() => classify(enc, { rotationAverage: k })).toThrow(expect.objectContaining({ code: 'E_ARGUMENT' }));
    const rot = [1, 0, 0, 0, 1, 0, 0, 0, 1];
    const calibrated = { ...enc, entry: { ...entry, preprocessing: { ...entry.preprocessing, calibration: 'orientation' as const } } };
    expect(() => classify(calibrated, { rotationAverage: 4, orientation: rot })).toThrow(expect.objectContaining({ code: 'E_ARGUMENT' }));
    const noGroups = { ...enc, entry: { ...entry, groups: undefined } };
    expect(() => classify(noGroups, { rotationAverage: 4 })).toThrow(expect.objectContaining({ code: 'E_ARGUMENT' }));
  });

  it('rejects windows without acc or gyro triads with E_SHAPE', async () => {
    const w = windows[0]!;
    const odd = { ...w, channels: [...w.channels].reverse() };
    expect(await rejection(orbitAverage(fakeEncoder(false), 4).classify([odd]))).toMatchObject({ code: 'E_SHAPE' });
  });

  /** The test windows back to back, as one recording. */
  function windowsData(): Float32Array {
    const x = new Float32Array(windows.length * W * NC);
    windows.forEach((w, k) => x.set(w.data, k * W * NC));
    return x;
  }
});
