import type { Device } from './device.js';
import type { OrtModule } from './runtime.js';

/**
 * Loads onnxruntime-web, which runs the `webgpu` and `wasm` devices. The module is imported on
 * first use only, so importing the SDK stays cheap.
 *
 * @param device - the device about to be compiled
 * @throws Error for `cpu` (onnxruntime-node, Node only)
 * @example
 * ```ts
 * import { exposeEncoderRuntime, loadOrtWeb } from 'scl-wear';
 * exposeEncoderRuntime(self as never, loadOrtWeb);
 * ```
 */
export async function loadOrtWeb(device: Device): Promise<OrtModule> {
  if (device === 'cpu') throw new Error('the cpu device needs onnxruntime-node (Node only)');
  return (await import('onnxruntime-web')) as OrtModule;
}
