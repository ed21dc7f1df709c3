import type { Device } from './device.js';
import type { OrtModule } from './runtime.js';

let webgpuBuild: Promise<OrtModule> | undefined;
let wasmBuild: Promise<OrtModule> | undefined;

/**
 * Loads onnxruntime-web for a device, fetching one build per realm: the WASM-only build for
 * `wasm` (its `.wasm` is half the size), the WebGPU build for `webgpu`. Once the WebGPU build is
 * loaded, `wasm` runs on it too (it carries the WASM backend), so `auto` timing WebGPU against
 * WASM downloads one runtime, not two. Modules are imported on first use only, so importing
 * the SDK stays cheap.
 *
 * @param device - the device about to be compiled
 * @throws Error for `cpu` (onnxruntime-node, Node only)
 * @example
 * ```ts
 * import { exposeModelRuntime, loadOrtWeb } from 'scl-wear/advanced';
 * exposeModelRuntime(self as never, loadOrtWeb);
 * ```
 */
export function loadOrtWeb(device: Device): Promise<OrtModule> {
  if (device === 'cpu') return Promise.reject(new Error('the cpu device needs onnxruntime-node (Node only)'));
  if (device === 'webgpu') return (webgpuBuild ??= import('onnxruntime-web/webgpu') as Promise<OrtModule>);
  return webgpuBuild ?? (wasmBuild ??= import('onnxruntime-web/wasm') as Promise<OrtModule>);
}
