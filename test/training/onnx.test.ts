import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { importOrtForNode } from '../../src/model/ort-node.js';
import * as ortWeb from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { forward } from '../../src/training/forward.js';
import { initNetwork, type NetworkSpec } from '../../src/training/networks.js';
import { exportOnnx, samePads } from '../../src/training/onnx/export.js';
import { OnnxGraph } from '../../src/training/onnx/graph.js';
import { onnxRoot } from '../../src/training/onnx/schema.js';
import { useTrainingBackend } from '../../src/training/tf/backend.js';
import { TINY_ECG, TINY_IMU } from '../fixtures/models/make-tiny-models.js';

// onnxruntime-node when installed (an optional peer dependency), else onnxruntime-web's WASM.
const { ort: ortNode } = await importOrtForNode();

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
};

describe('ONNX writer', () => {
  beforeAll(async () => {
    await useTrainingBackend('wasm');
  });

  it('writes a model onnxruntime runs, with a dynamic batch', async () => {
    const g = new OnnxGraph('affine');
    g.input('x', ['batch', 3]);
    const w = g.constant(new Float32Array([1, 2, 3, 4, 5, 6]), [3, 2]);
    g.output(g.node('Add', [g.node('MatMul', ['x', w]), g.constant(new Float32Array([10, 20]), [2])]), ['batch', 2], 'y');
    const s = await ortNode.InferenceSession.create(g.toBytes());
    const r = await s.run({ x: new ortNode.Tensor('float32', new Float32Array([1, 0, 0, 0, 1, 1]), [2, 3]) });
    // [1,0,0]·W = [1,2]; [0,1,1]·W = [3+5, 4+6]; plus the bias.
    expect(Array.from(r.y!.data as Float32Array)).toEqual([11, 22, 18, 30]);
  });

  it('encodes the header fields of the ONNX schema', () => {
    const g = new OnnxGraph('id');
    g.output(g.input('x', ['batch', 4]), ['batch', 4]);
    const m = onnxRoot()
      .lookupType('onnx.ModelProto')
      .toObject(
        onnxRoot()
          .lookupType('onnx.ModelProto')
          .decode(g.toBytes({ metadata: { task: 'imu' } })),
        { longs: Number },
      );
    expect(m.ir_version).toBe(8);
    expect(m.opset_import).toEqual([{ domain: '', version: 17 }]);
    expect(m.graph.input[0].type.tensor_type.shape.dim).toEqual([{ dim_param: 'batch' }, { dim_value: 4 }]);
    expect(m.metadata_props).toEqual([{ key: 'task', value: 'imu' }]);
  });

  it('rejects an initializer whose data does not fill its shape', () => {
    expect(() => new OnnxGraph('g').constant(new Float32Array(5), [2, 3])).toThrow(expect.objectContaining({ code: 'E_EXPORT' }));
  });

  it('pads like tfjs "same" (extra padding after)', () => {
    // out = ceil(128 / 2) = 64; total = 63·2 + 7 − 128 = 5 → 2 before, 3 after.
    expect(samePads(128, 7, 2)).toEqual([2, 3, 64]);
    expect(samePads(16, 3, 1)).toEqual([1, 1, 16]);
  });

  it('exports an encoder whose onnxruntime outputs equal tfjs within 1e-4', async () => {
    const spec: NetworkSpec = {
      ...TINY_IMU,
      inputScale: [1, 1, 1, 0.5, 0.5, 0.5],
      conv: [...TINY_IMU.conv, { filters: 6, kernel: 3, stride: 1 }],
    };
    const p = initNetwork(spec, 4);
    const s = await ortNode.InferenceSession.create(exportOnnx(spec, p));
    for (const batch of [1, 7]) {
      const x = tf.tidy(() => tf.randomNormal([batch, 6, 128], 0, 0.5, 'float32', batch).add(tf.tensor([0, 0, 1, 0, 0, 0], [1, 6, 1])));
      const ref = tf.tidy(() => {
        const o = forward(spec, p, x as tf.Tensor3D);
        return { z: o.z.dataSync(), logits: o.logits!.dataSync(), group: o.groupLogits!.dataSync() };
      });
      const r = await s.run({ x: new ortNode.Tensor('float32', x.dataSync() as Float32Array, [batch, 6, 128]) });
      expect(r.z!.dims).toEqual([batch, 8]);
      expect(maxDiff(r.z!.data as Float32Array, ref.z)).toBeLessThan(1e-4);
      expect(maxDiff(r.logits!.data as Float32Array, ref.logits)).toBeLessThan(1e-4);
      expect(maxDiff(r.group_logits!.data as Float32Array, ref.group)).toBeLessThan(1e-4);
    }
  });

  it('ships tiny fixtures that onnxruntime-web loads and that match their generator', async () => {
    for (const [file, spec] of [
      ['tiny-imu', TINY_IMU],
      ['tiny-ecg', TINY_ECG],
    ] as const) {
      const bytes = readFileSync(new URL(`../fixtures/models/${file}.onnx`, import.meta.url));
      expect(Buffer.from(exportOnnx(spec, initNetwork(spec, 1), { doc: `${file}: untrained test encoder (seed 1)` })).equals(bytes)).toBe(
        true,
      );
      const s = await ortWeb.InferenceSession.create(new Uint8Array(bytes));
      const r = await s.run({
        x: new ortWeb.Tensor('float32', new Float32Array(2 * spec.channels * spec.samples).fill(0.3), [2, spec.channels, spec.samples]),
      });
      expect(r.z!.dims).toEqual([2, 8]);
    }
  });
});
