import type { Device } from './device.js';
import type { OrtModule } from './runtime.js';

/**
 * Loads onnxruntime-web for a device: its WASM-only build for `wasm` (smaller download), its
 * WebGPU build for `webgpu`. Modules are imported on first use only, so importing the SDK
 * stays cheap.
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
  // The WASM-only build fetches a .wasm half the size of the WebGPU-capable (JSEP) one.
  if (device === 'wasm') return (await import('onnxruntime-web/wasm')) as OrtModule;
  return (await import('onnxruntime-web/webgpu')) as OrtModule;
}
