import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/random.js';
import type { EcgRecord } from '../../src/training/ecg-data.js';
import { ecgInput } from '../../src/training/ecg-task.js';
import { initNetwork } from '../../src/training/networks.js';
import { exportOnnx } from '../../src/training/onnx/export.js';
import { invMapOnnx } from '../../src/training/onnx/inv-map.js';
import type { OnnxModel } from '../../src/training/onnx-model.js';
import { ecgSpec } from '../../src/training/presets.js';
import { fitRecordWhitening } from '../../src/training/record-whitening.js';
import { symmetricEigen } from '../../src/training/symmetric-eigen.js';

const L = 130;
const RATE = 130;

/** A record: a sine whose frequency identifies it, plus a slow wander, with a beat every second. */
function record(k: number, seconds = 120): EcgRecord {
  const n = seconds * RATE;
  const signal = new Float32Array(n);
  for (let t = 0; t < n; t++)
    signal[t] = Math.sin((2 * Math.PI * (3 + 2 * k) * t) / RATE) + 0.3 * Math.sin((2 * Math.PI * t) / (RATE * 7.3));
  const beats = Int32Array.from({ length: seconds }, (_, i) => i * RATE);
  return { name: `r${k}`, rate: RATE, signal, beats, beatClass: new Uint8Array(seconds) };
}

/**
 * A stand-in encoder with 4 z_inv dims: dims 0 and 3 move a lot within a record (samples of the
 * window), dims 1-2 tell records apart but are small (the zero crossings, as an angle).
 */
function fakeEncoder(): OnnxModel {
  const dims = { inv: 4, var: 1, free: 1 };
  return {
    name: 'fake',
    channels: 1,
    samples: L,
    dims,
    metadata: {},
    async run(x: Float32Array, count: number) {
      const z = new Float32Array(count * 6);
      for (let w = 0; w < count; w++) {
        const o = w * L;
        let crossings = 0;
        for (let t = 1; t < L; t++) if (x[o + t - 1]! < 0 !== x[o + t]! < 0) crossings++;
        const a = (2 * Math.PI * crossings) / 24;
        z.set([20 * x[o]!, 0.05 * Math.cos(a), 0.05 * Math.sin(a), 10 * x[o + 50]!, x[o + 1]!, 0], w * 6);
      }
      return Promise.resolve({ z });
    },
    release: () => Promise.resolve(),
  };
}

/** Fraction of windows whose nearest other window (cosine after centring) is from the same record. */
function nearestSameRecord(z: number[][], rec: number[]): number {
  const mu = z[0]!.map((_, j) => z.reduce((a, r) => a + r[j]!, 0) / z.length);
  const c = z.map((r) => r.map((v, j) => v - mu[j]!));
  const cos = (a: number[], b: number[]) => a.reduce((s, v, j) => s + v * b[j]!, 0) / Math.hypot(...a) / Math.hypot(...b);
  let right = 0;
  c.forEach((a, i) => {
    let best = -Infinity;
    let at = -1;
    c.forEach((b, j) => {
      if (j === i) return;
      const s = cos(a, b);
      if (s > best) [best, at] = [s, j];
    });
    if (rec[at] === rec[i]) right++;
  });
  return right / z.length;
}

describe('symmetricEigen', () => {
  it('returns orthonormal eigenvectors that rebuild the matrix', () => {
    const rng = createRng(4);
    const n = 7;
    const b = Float64Array.from({ length: n * n }, () => rng.normal());
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = b[i * n + j]! + b[j * n + i]!;
    const { values, vectors } = symmetricEigen(a, n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let rebuilt = 0;
        let gram = 0;
        for (let k = 0; k < n; k++) {
          rebuilt += vectors[i * n + k]! * values[k]! * vectors[j * n + k]!;
          gram += vectors[k * n + i]! * vectors[k * n + j]!;
        }
        expect(rebuilt).toBeCloseTo(a[i * n + j]!, 9);
        expect(gram).toBeCloseTo(i === j ? 1 : 0, 9);
      }
    }
  });
});

describe('fitRecordWhitening', () => {
  const records = [0, 1, 2, 3, 4].map((k) => record(k));

  it('makes windows of the same record nearest neighbours where the raw z_inv did not', async () => {
    const enc = fakeEncoder();
    const w = await fitRecordWhitening(enc, [records], { perRecord: 100, shiftWeight: 0, alpha: 1e-6 });
    expect([w.records, w.windows]).toEqual([5, 500]);
    // New windows, not those of the fit.
    const rng = createRng(9);
    const raw: number[][] = [];
    const rec: number[] = [];
    for (const [k, r] of records.entries()) {
      for (let i = 0; i < 12; i++) {
        const s = 300 + rng.int(r.signal.length - L - 400);
        const x = new Float32Array(L);
        ecgInput(r, s, 0, L, x, 0);
        const { z } = await enc.run(x, 1);
        raw.push(Array.from(z.subarray(0, 4)));
        rec.push(k);
      }
    }
    const mapped = raw.map((z) =>
      Array.from({ length: 4 }, (_, i) => z.reduce((a, v, j) => a + w.matrix[i * 4 + j]! * (v - w.mean[j]!), 0)),
    );
    const before = nearestSameRecord(raw, rec);
    const after = nearestSameRecord(mapped, rec);
    expect(after).toBeGreaterThan(0.9);
    expect(after).toBeGreaterThan(before + 0.3);
  });

  it('is reproducible for a seed and rejects bad settings and a single record', async () => {
    const enc = fakeEncoder();
    const a = await fitRecordWhitening(enc, [records.slice(0, 3)], { perRecord: 20, seed: 3 });
    const b = await fitRecordWhitening(enc, [records.slice(0, 3)], { perRecord: 20, seed: 3 });
    expect(Array.from(a.matrix)).toEqual(Array.from(b.matrix));
    await expect(fitRecordWhitening(enc, [records], { alpha: -1 })).rejects.toMatchObject({ code: 'E_ARGUMENT' });
    await expect(fitRecordWhitening(enc, [records.slice(0, 1)], { perRecord: 5 })).rejects.toMatchObject({ code: 'E_DATA' });
  });
});

describe('invMapOnnx', () => {
  it('maps z_inv in the graph as in JavaScript and leaves z_var and z_free alone', async () => {
    const spec = ecgSpec(undefined, 520);
    const D = spec.dims.inv;
    const dim = D + spec.dims.var + spec.dims.free;
    const base = exportOnnx(spec, initNetwork(spec, 2));
    const rng = createRng(5);
    const map = {
      mean: Float32Array.from({ length: D }, () => rng.normal()),
      matrix: Float32Array.from({ length: D * D }, () => rng.normal() / 4),
    };
    const x = Float32Array.from({ length: 2 * 520 }, () => rng.normal());
    const run = async (bytes: Uint8Array) => {
      const s = await ort.InferenceSession.create(bytes);
      const z = (await s.run({ x: new ort.Tensor('float32', x, [2, 1, 520]) })).z!.data as Float32Array;
      await s.release();
      return z;
    };
    const before = await run(base);
    const after = await run(invMapOnnx(base, map, spec.dims, 'test'));
    let worst = 0;
    for (let w = 0; w < 2; w++) {
      for (let i = 0; i < D; i++) {
        let want = 0;
        for (let j = 0; j < D; j++) want += map.matrix[i * D + j]! * (before[w * dim + j]! - map.mean[j]!);
        worst = Math.max(worst, Math.abs(want - after[w * dim + i]!));
      }
      for (let i = D; i < dim; i++) expect(after[w * dim + i]).toBe(before[w * dim + i]);
    }
    expect(worst).toBeLessThan(1e-4);
    expect(() => invMapOnnx(base, { mean: new Float32Array(3), matrix: new Float32Array(9) }, spec.dims, 'bad')).toThrow(
      expect.objectContaining({ code: 'E_EXPORT' }),
    );
  });
});
