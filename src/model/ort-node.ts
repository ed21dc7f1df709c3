import type { Device } from './device.js';
import type { OrtModule } from './runtime.js';

/**
 * Loads the onnxruntime of a device in Node: onnxruntime-node (native, an optional
 * dependency) for `cpu`, onnxruntime-web for `wasm`. Node only.
 *
 * @param device - the device about to be compiled
 * @throws Error when onnxruntime-node is not installed (`auto` then falls back to WASM)
 * @example
 * ```ts
 * import { EncoderRuntime, loadOrtNode } from 'scl-wear/node';
 * const runtime = new EncoderRuntime(loadOrtNode);
 * ```
 */
export async function loadOrtNode(device: Device): Promise<OrtModule> {
  if (device === 'webgpu') throw new Error('WebGPU is not available in Node');
  if (device === 'cpu') return (await import('onnxruntime-node')) as unknown as OrtModule;
  return (await import('onnxruntime-web')) as OrtModule;
}
