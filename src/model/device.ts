import { InputError } from '../errors.js';

/**
 * Where an encoder may run, as asked by the caller:
 * - `auto`: the best available; in browsers WebGPU, then WASM; in Node the native
 *   onnxruntime-node CPU backend when installed, then WASM;
 * - `webgpu`: onnxruntime-web's WebGPU backend (browsers and workers with `navigator.gpu`);
 * - `wasm`: onnxruntime-web's WebAssembly backend (everywhere);
 * - `cpu`: onnxruntime-node's native CPU backend (Node only).
 *
 * @example
 * ```ts
 * import { createEncoder, type DeviceRequest } from 'scl-wear';
 * const device: DeviceRequest = settings.saveBattery ? 'wasm' : 'auto';
 * const encoder = await createEncoder({ model: 'imu', device });
 * ```
 */
export type DeviceRequest = 'auto' | 'webgpu' | 'wasm' | 'cpu';

/**
 * The backend an encoder actually runs on.
 *
 * @example
 * ```ts
 * import { createEncoder, type Device } from 'scl-wear';
 * const encoder = await createEncoder({ model: 'imu' });
 * const device: Device = encoder.device; // 'webgpu', 'wasm' or 'cpu', never 'auto'
 * ```
 */
export type Device = Exclude<DeviceRequest, 'auto'>;

/**
 * Every accepted value of {@link DeviceRequest}, in the order `auto` tries them.
 *
 * @example
 * ```ts
 * import { DEVICE_REQUESTS } from 'scl-wear/advanced';
 * deviceSelect.append(...DEVICE_REQUESTS.map((d) => new Option(d)));
 * ```
 */
export const DEVICE_REQUESTS: readonly DeviceRequest[] = Object.freeze(['auto', 'webgpu', 'cpu', 'wasm']);

/**
 * What the current realm can run; computed once by {@link runtimeCapabilities}.
 *
 * @example
 * ```ts
 * import { deviceCandidates, type RuntimeCapabilities } from 'scl-wear/advanced';
 * const noGpu: RuntimeCapabilities = { webgpu: false, node: false };
 * deviceCandidates('auto', noGpu).devices; // ['wasm']
 * ```
 */
export interface RuntimeCapabilities {
  /** `navigator.gpu` exists (an adapter may still be refused). */
  readonly webgpu: boolean;
  /** Running in Node (onnxruntime-node may be loadable). */
  readonly node: boolean;
}

let caps: RuntimeCapabilities | undefined;

/**
 * Capability flags of the current realm, frozen and computed on first use (never at import).
 *
 * @example
 * ```ts
 * import { runtimeCapabilities } from 'scl-wear/advanced';
 * if (!runtimeCapabilities().webgpu) console.info('no WebGPU here: encoders run on WASM');
 * ```
 */
export function runtimeCapabilities(): RuntimeCapabilities {
  caps ??= Object.freeze({
    webgpu: typeof navigator !== 'undefined' && 'gpu' in navigator && !!(navigator as { gpu?: unknown }).gpu,
    node: typeof process !== 'undefined' && typeof process.versions?.node === 'string',
  });
  return caps;
}

/**
 * Checks a device request.
 *
 * @param device - the value to check
 * @throws InputError `E_ARGUMENT` listing the allowed values
 * @example
 * ```ts
 * import { checkDevice } from 'scl-wear';
 * const device = checkDevice(new URLSearchParams(location.search).get('device') ?? 'auto');
 * ```
 */
export function checkDevice(device: unknown): DeviceRequest {
  if (typeof device === 'string' && (DEVICE_REQUESTS as readonly string[]).includes(device)) return device as DeviceRequest;
  throw new InputError(
    'E_ARGUMENT',
    `device must be one of ${DEVICE_REQUESTS.map((d) => `'${d}'`).join(', ')}; got ${JSON.stringify(device)}`,
    {
      details: { argument: 'device', allowed: DEVICE_REQUESTS },
    },
  );
}

/**
 * The devices to try for a request, best first, with a reason for each left out.
 *
 * @param request - the requested device
 * @param capabilities - what the realm offers
 * @example
 * ```ts
 * import { deviceCandidates, runtimeCapabilities } from 'scl-wear/advanced';
 * const { devices, skipped } = deviceCandidates('auto', runtimeCapabilities());
 * console.log(`will try ${devices.join(', ')}`, skipped);
 * ```
 */
export function deviceCandidates(request: DeviceRequest, capabilities: RuntimeCapabilities): { devices: Device[]; skipped: string[] } {
  if (request !== 'auto') return { devices: [request], skipped: [] };
  const skipped: string[] = [];
  const devices: Device[] = [];
  if (capabilities.node) devices.push('cpu');
  else if (capabilities.webgpu) devices.push('webgpu');
  else skipped.push('WebGPU unavailable: navigator.gpu is missing');
  devices.push('wasm');
  return { devices, skipped };
}
