import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/random.js';
import { importOrtForNode } from '../../src/model/ort-node.js';
import { randomRotations, rotateWindows } from '../../src/scl/transforms.js';
import { forward } from '../../src/training/forward.js';
import { invariantFeatures } from '../../src/training/invariant-features.js';
import { initNetwork, parameterCount, type NetworkSpec } from '../../src/training/networks.js';
import { exportOnnx } from '../../src/training/onnx/export.js';
import { accSpec, imuSpec, invariantBranch } from '../../src/training/presets.js';
import { useTrainingBackend } from '../../src/training/tf/backend.js';

const { ort } = await importOrtForNode();

const small = (spec: NetworkSpec): NetworkSpec => ({
  ...spec,
  dims: { inv: 4, var: 3, free: 2 },
  conv: [{ filters: 5, kernel: 5, stride: 2 }],
  invariantConv: [
    { filters: 6, kernel: 5, stride: 2 },
    { filters: 4, kernel: 3, stride: 1 },
  ],
});

/** Walking-like windows: gravity plus body motion, and a rotation rate not parallel to it. */
function windows(count: number, channels: number, seed: number): Float32Array {
  const rng = createRng(seed);
  const x = new Float32Array(count * channels * 128);
  for (let w = 0; w < count; w++) {
    const phase = rng.next() * 6;
    for (let c = 0; c < channels; c++) {
      for (let t = 0; t < 128; t++) {
        const base = c === 2 ? 1 : c === 0 ? 0.3 : 0;
        x[(w * channels + c) * 128 + t] = base + 0.3 * Math.sin(0.2 * t * (1 + c * 0.3) + phase) + 0.05 * rng.normal();
      }
    }
  }
  return x;
}

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
};

const columns = (z: Float32Array, width: number, from: number, to: number) =>
  Float32Array.from(
    { length: (z.length / width) * (to - from) },
    (_, i) => z[Math.floor(i / (to - from)) * width + from + (i % (to - from))]!,
  );

describe('invariant branch', () => {
  beforeAll(async () => {
    await useTrainingBackend('wasm');
  });

  it('counts the parameters it creates, within the 50k budget for the shipped shapes', () => {
    for (const spec of [invariantBranch(imuSpec()), invariantBranch(accSpec()), invariantBranch(imuSpec(), true), small(imuSpec())]) {
      const params = initNetwork(spec, 1);
      const created = Object.values(params).reduce((n, v) => n + v.size, 0);
      expect(parameterCount(spec)).toBe(created);
    }
    expect(parameterCount(invariantBranch(imuSpec(), true))).toBeLessThanOrEqual(50_000);
  });

  it('gives six invariant channels with a gyroscope, two without; ten and four with the frame', () => {
    const x = tf.tensor3d(windows(2, 6, 1), [2, 6, 128]);
    const acc = x.slice([0, 0, 0], [-1, 3, -1]);
    expect([invariantFeatures(x).shape, invariantFeatures(acc).shape]).toEqual([
      [2, 6, 128],
      [2, 2, 128],
    ]);
    expect([invariantFeatures(x, true).shape, invariantFeatures(acc, true).shape]).toEqual([
      [2, 10, 128],
      [2, 4, 128],
    ]);
  });

  for (const [name, base] of [
    ['imu', imuSpec()],
    ['acc', accSpec()],
    ['imu with the frame', { ...imuSpec(), invariantFrame: true }],
    ['acc with the frame', { ...accSpec(), invariantFrame: true }],
    ['imu with the frame, accelerometer only', { ...imuSpec(), invariantFrame: true, invariantFromAcc: true }],
  ] as const) {
    it(`${name}: z_inv and the group logits do not change under a rotation; z_var does`, async () => {
      const spec = small(base);
      const p = initNetwork(spec, 2);
      const n = 6;
      const shape = { frames: 128, channels: spec.channels, layout: 'planar' } as const;
      const x = windows(n, spec.channels, 3);
      const turned = rotateWindows(x, n, shape, randomRotations(createRng(4), n));
      const run = (v: Float32Array) =>
        tf.tidy(() => {
          const o = forward(spec, p, tf.tensor3d(v, [n, spec.channels, 128]));
          return { z: o.z.dataSync() as Float32Array, group: o.groupLogits!.dataSync() as Float32Array };
        });
      const [a, b] = [run(x), run(turned)];
      const width = 9;
      expect(maxDiff(columns(a.z, width, 0, 4), columns(b.z, width, 0, 4))).toBeLessThan(1e-4);
      expect(maxDiff(a.group, b.group)).toBeLessThan(1e-4);
      expect(maxDiff(columns(a.z, width, 4, 7), columns(b.z, width, 4, 7))).toBeGreaterThan(1e-3);

      // The exported model computes the same.
      const session = await ort.InferenceSession.create(exportOnnx(spec, p));
      const r = await session.run({ x: new ort.Tensor('float32', turned, [n, spec.channels, 128]) });
      expect(maxDiff(r.z!.data as Float32Array, b.z)).toBeLessThan(1e-4);
      expect(maxDiff(r.group_logits!.data as Float32Array, b.group)).toBeLessThan(1e-4);
      await session.release();
    });
  }

  it('needs physics features and z_inv dims', () => {
    const spec = small(imuSpec());
    expect(() => initNetwork({ ...spec, features: 'raw' }, 1)).toThrow(expect.objectContaining({ code: 'E_ARGUMENT' }));
    expect(() => initNetwork({ ...spec, dims: { inv: 0, var: 4, free: 4 }, classes: 6 }, 1)).toThrow(
      expect.objectContaining({ code: 'E_ARGUMENT' }),
    );
  });
});
