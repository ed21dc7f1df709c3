import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { TrainingError } from '../../errors.js';
import { registerConv2dBackpropFilterWasm } from './conv-backprop-filter.js';

/**
 * A tfjs backend the trainer can run on.
 *
 * @example
 * ```ts
 * import { useTrainingBackend } from 'scl-wear/train';
 * await useTrainingBackend(process.env.SCL_BACKEND === 'cpu' ? 'cpu' : 'wasm');
 * ```
 */
export type TrainingBackend = 'wasm' | 'cpu';

let wasmPathSet = false;

/**
 * Selects the tfjs backend for training in Node: `wasm` (default, SIMD, about 7x faster than
 * `cpu` here) with the missing `Conv2DBackpropFilter` kernel registered, or the pure-JS `cpu`.
 *
 * @param backend - `wasm` or `cpu`
 * @throws TrainingError `E_BACKEND` when the backend cannot start
 * @example
 * ```ts
 * import { useTrainingBackend } from 'scl-wear/train';
 * await useTrainingBackend('wasm');
 * ```
 */
export async function useTrainingBackend(backend: TrainingBackend = 'wasm'): Promise<void> {
  if (backend === 'wasm') {
    registerConv2dBackpropFilterWasm();
    if (!wasmPathSet) {
      const require = createRequire(import.meta.url);
      const dist = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm')), '/');
      // tfjs-backend-wasm reads the .wasm files with fs when the prefix is a file path.
      setWasmPaths(dist.startsWith('/') ? dist : pathToFileURL(dist).href);
      wasmPathSet = true;
    }
  }
  if (tf.getBackend() === backend) return;
  const ok = await tf.setBackend(backend);
  if (!ok) throw new TrainingError('E_BACKEND', `the tfjs ${backend} backend could not start`);
  await tf.ready();
}
