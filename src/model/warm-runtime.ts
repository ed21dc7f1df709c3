import { deviceCandidates, runtimeCapabilities, type DeviceRequest } from './device.js';
import type { OrtLoader, OrtModule } from './ort-module.js';
import { openSession } from './session.js';

/** What {@link warmRuntime} needs: the device asked for and onnxruntime-web's settings. */
export interface WarmRequest {
  device: DeviceRequest;
  threads: number;
  wasmPaths?: string;
}

/**
 * Starts onnxruntime for a device before the model is at hand (fetching and compiling its
 * `.wasm` while the model downloads), by opening a session on a one-node Identity graph. The
 * device is decided as `load` decides it: for `auto`, the WebGPU adapter is asked for first,
 * so only the build that will run is fetched. Failures are left for `load` to report.
 *
 * @param loadOrt - loads the onnxruntime module of a device
 * @param req - device and settings
 */
export async function warmRuntime(loadOrt: OrtLoader, req: WarmRequest): Promise<void> {
  const first = deviceCandidates(req.device, runtimeCapabilities()).devices[0];
  if (first === undefined || first === 'cpu') return; // native: nothing to download
  const adapter =
    first === 'webgpu'
      ? await requireAdapter().then(
          () => true,
          () => false,
        )
      : false;
  const device = first === 'webgpu' && !adapter ? (req.device === 'auto' ? 'wasm' : undefined) : first;
  if (!device) return;
  const ort = await loadOrt(device);
  setWasmEnv(ort, req);
  const { session } = await openSession(ort, IDENTITY_MODEL, { executionProviders: ['wasm'] });
  await session.release();
}

/** Applies the WASM settings onnxruntime-web reads once, when its backend starts. */
export function setWasmEnv(ort: OrtModule, req: { threads: number; wasmPaths?: string }): void {
  ort.env.wasm.numThreads = req.threads;
  ort.env.wasm.proxy = false;
  if (req.wasmPaths) ort.env.wasm.wasmPaths = req.wasmPaths;
}

/**
 * Resolves when `navigator.gpu` gives an adapter.
 *
 * @throws Error saying whether `navigator.gpu` is missing or gave no adapter
 */
export async function requireAdapter(): Promise<void> {
  const gpu = (globalThis.navigator as { gpu?: { requestAdapter(): Promise<unknown> } } | undefined)?.gpu;
  if (!gpu) throw new Error('WebGPU unavailable: navigator.gpu is missing');
  if (!(await gpu.requestAdapter())) throw new Error('WebGPU unavailable: no adapter');
}

// ModelProto (ir_version 7, opset 13) of one Identity node y = x, x: float[1]; protobuf bytes.
const str = (field: number, s: string) => [(field << 3) | 2, s.length, ...Array.from(s, (c) => c.charCodeAt(0))];
const msg = (field: number, body: number[]) => [(field << 3) | 2, body.length, ...body];
const valueInfo = (field: number, name: string) =>
  msg(field, [...str(1, name), ...msg(2, msg(1, [0x08, 1, ...msg(2, msg(1, [0x08, 1]))]))]);
const IDENTITY_MODEL = Uint8Array.from([
  0x08,
  7,
  ...msg(7, [
    ...msg(1, [...str(1, 'x'), ...str(2, 'y'), ...str(4, 'Identity')]),
    ...str(2, 'g'),
    ...valueInfo(11, 'x'),
    ...valueInfo(12, 'y'),
  ]),
  ...msg(8, [0x10, 13]),
]);
