import * as tf from '@tensorflow/tfjs';
import * as ortWeb from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { forward } from '../../src/training/forward.js';
import { checkSpec, convSteps, initNetwork, parameterCount, type NetworkSpec } from '../../src/training/networks.js';
import { exportOnnx } from '../../src/training/onnx/export.js';
import { ecgSpec } from '../../src/training/presets.js';
import { useTrainingBackend } from '../../src/training/tf/backend.js';
import { TINY_ECG } from '../fixtures/models/make-tiny-models.js';

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
};

const embed = (spec: NetworkSpec, p: ReturnType<typeof initNetwork>, x: Float32Array, batch: number) =>
  tf.tidy(() => forward(spec, p, tf.tensor3d(x, [batch, spec.channels, spec.samples])).z.dataSync() as Float32Array);

describe('start-of-window readout of z_var', () => {
  beforeAll(async () => {
    await useTrainingBackend('wasm');
  });

  it('adds a[·]·h at the first steps to z_var only (closed form, one identity layer)', () => {
    // One 1×1 convolution of weight 1 and bias 0: h = relu(x). z = mean(h)·proj.w + proj.b, and
    // z_var additionally gets Σ_k start.w[k] · h[k] over the first two steps.
    const spec: NetworkSpec = {
      channels: 1,
      samples: 6,
      features: 'raw',
      conv: [{ filters: 1, kernel: 1, stride: 1 }],
      dims: { inv: 1, var: 1, free: 1 },
      classes: 0,
      startSteps: 2,
    };
    const p = initNetwork(spec, 3);
    p['conv0.w']!.assign(tf.ones([1, 1, 1]));
    p['proj.w']!.assign(tf.tensor2d([[2, 3, 5]]));
    p['proj.b']!.assign(tf.tensor1d([0.5, -1, 0.25]));
    p['start.w']!.assign(tf.tensor2d([[7], [11]]));
    const x = [4, -1, 2, 0, 3, 1];
    const mean = (4 + 0 + 2 + 0 + 3 + 1) / 6;
    const z = embed(spec, p, Float32Array.from(x), 1);
    expect(z[0]).toBeCloseTo(2 * mean + 0.5, 5);
    expect(z[1]).toBeCloseTo(3 * mean - 1 + 7 * 4 + 11 * 0, 5);
    expect(z[2]).toBeCloseTo(5 * mean + 0.25, 5);
    // The same values later in the window: the mean is unchanged, the readout is not.
    const moved = embed(spec, p, Float32Array.from([0, 1, 4, -1, 2, 3]), 1);
    expect(Array.from(moved)).toEqual([z[0], expect.not.closeTo(z[1]!, 3), z[2]]);
  });

  it('leaves z_inv and z_free as the mean-pooled model computes them', () => {
    const spec: NetworkSpec = { ...TINY_ECG, startSteps: 3 };
    const p = initNetwork(spec, 2);
    const plain = initNetwork(TINY_ECG, 2);
    const x = Float32Array.from({ length: 3 * 256 }, (_, i) => Math.sin(i * 0.11) + 0.3 * Math.cos(i * 0.7));
    const [a, b] = [embed(spec, p, x, 3), embed(TINY_ECG, plain, x, 3)];
    const d = 8;
    for (let r = 0; r < 3; r++) {
      for (const c of [0, 1, 2, 3, 6, 7]) expect(a[r * d + c]).toBe(b[r * d + c]);
      expect(Math.abs(a[r * d + 4]! - b[r * d + 4]!) + Math.abs(a[r * d + 5]! - b[r * d + 5]!)).toBeGreaterThan(1e-3);
    }
  });

  it('exports to ONNX with onnxruntime-web outputs equal to tfjs within 1e-4', async () => {
    const spec: NetworkSpec = { ...TINY_ECG, classes: 4, startSteps: 4 };
    const p = initNetwork(spec, 5);
    const s = await ortWeb.InferenceSession.create(exportOnnx(spec, p));
    for (const batch of [1, 5]) {
      const x = Float32Array.from({ length: batch * 256 }, (_, i) => Math.sin(i * 0.05 + batch) * (1 + (i % 17) / 9));
      const ref = tf.tidy(() => {
        const o = forward(spec, p, tf.tensor3d(x, [batch, 1, 256]));
        return { z: o.z.dataSync(), logits: o.logits!.dataSync() };
      });
      const r = await s.run({ x: new ortWeb.Tensor('float32', x, [batch, 1, 256]) });
      expect(r.z!.dims).toEqual([batch, 8]);
      expect(maxDiff(r.z!.data as Float32Array, ref.z)).toBeLessThan(1e-4);
      expect(maxDiff(r.logits!.data as Float32Array, ref.logits)).toBeLessThan(1e-4);
    }
  });

  it('counts its weights and keeps the ECG encoder within 50k parameters', () => {
    const spec: NetworkSpec = { ...ecgSpec(), startSteps: 4 };
    const p = initNetwork(spec, 1);
    const stored = Object.values(p).reduce((n, v) => n + v.size, 0);
    expect(parameterCount(spec)).toBe(stored);
    expect(p['start.w']!.shape).toEqual([4 * 64, 16]);
    expect(stored - parameterCount(ecgSpec())).toBe(4 * 64 * 16);
    expect(stored).toBeLessThanOrEqual(50_000);
    expect(exportOnnx(spec, p).length).toBeLessThanOrEqual(250_000);
    expect(Object.keys(initNetwork(ecgSpec(), 1))).not.toContain('start.w');
  });

  it('rejects a readout longer than the last layer, fractional, or without z_var', () => {
    expect(convSteps(ecgSpec())).toBe(33); // 520 → 260 → 130 → 65 → 33 → 33
    for (const startSteps of [34, 1.5, -1])
      expect(() => checkSpec({ ...ecgSpec(), startSteps })).toThrow(expect.objectContaining({ code: 'E_ARGUMENT' }));
    const noVar = { ...ecgSpec({ inv: 32, var: 0, free: 16 }), startSteps: 2 };
    expect(() => checkSpec(noVar)).toThrow(expect.objectContaining({ code: 'E_ARGUMENT' }));
    expect(() => checkSpec({ ...ecgSpec(), startSteps: 33 })).not.toThrow();
  });
});
