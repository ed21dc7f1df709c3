import * as tf from '@tensorflow/tfjs';
import { TrainingError, messageOf } from '../errors.js';
import { importOrtForNode } from '../model/ort-node.js';
import { forward } from './forward.js';
import type { NetworkParams, NetworkSpec } from './networks.js';
import { openModelSession } from './onnx-model.js';
import { ONNX_NAMES } from './onnx/export.js';

/**
 * Largest absolute difference between onnxruntime (onnxruntime-node when installed, else WASM) running the exported bytes and tfjs
 * running the weights, over every output, on the given windows.
 *
 * @param spec - the architecture
 * @param p - the weights that were exported
 * @param onnx - the exported model
 * @param x - windows `[count, channels, samples]`
 * @param count - number of windows
 * @throws TrainingError `E_EXPORT` when onnxruntime cannot load or run the model
 * @example
 * ```ts
 * import { exportOnnx, exportParity, initNetwork, imuSpec } from 'scl-wear/train';
 * const spec = imuSpec();
 * const params = initNetwork(spec, 1);
 * const maxAbs = await exportParity(spec, params, exportOnnx(spec, params), windows, 8); // windows: [8, 6, 128]
 * if (maxAbs > 1e-4) throw new Error(`the export differs by ${maxAbs}`);
 * ```
 */
export async function exportParity(spec: NetworkSpec, p: NetworkParams, onnx: Uint8Array, x: Float32Array, count: number): Promise<number> {
  const { ort } = await importOrtForNode();
  let session;
  try {
    session = await openModelSession(ort, onnx, spec.channels, spec.samples);
  } catch (err) {
    throw new TrainingError('E_EXPORT', `onnxruntime cannot load the exported model: ${messageOf(err)}`, { cause: err });
  }
  try {
    const got = await session.run(x, count);
    const ref = tf.tidy(() => {
      const size = count * spec.channels * spec.samples;
      const o = forward(spec, p, tf.tensor3d(x.subarray(0, size), [count, spec.channels, spec.samples]));
      return {
        [ONNX_NAMES.embedding]: o.z.dataSync(),
        [ONNX_NAMES.logits]: o.logits?.dataSync(),
        [ONNX_NAMES.groupLogits]: o.groupLogits?.dataSync(),
      };
    });
    const have: Record<string, Float32Array | undefined> = {
      [ONNX_NAMES.embedding]: got.z,
      [ONNX_NAMES.logits]: got.logits,
      [ONNX_NAMES.groupLogits]: got.groupLogits,
    };
    let max = 0;
    for (const [name, want] of Object.entries(ref)) {
      if (!want) continue;
      const out = have[name];
      if (!out || out.length !== want.length) throw new TrainingError('E_EXPORT', `exported model lacks output ${name}`);
      for (let i = 0; i < want.length; i++) max = Math.max(max, Math.abs(out[i]! - want[i]!));
    }
    return max;
  } finally {
    await session.release();
  }
}
