import type * as ort from 'onnxruntime-web';
import type { Device } from './device.js';

/**
 * An onnxruntime module (onnxruntime-web or onnxruntime-node: they share this API).
 *
 * @example
 * ```ts
 * import * as ort from 'onnxruntime-web';
 * import type { OrtModule } from 'scl-wear/advanced';
 * const module: OrtModule = ort;
 * ```
 */
export type OrtModule = Pick<typeof ort, 'InferenceSession' | 'Tensor' | 'env'>;

/**
 * Loads the onnxruntime module that runs `device`; throws when it is not installed.
 *
 * @example
 * ```ts
 * import { ModelRuntime, type OrtLoader } from 'scl-wear/advanced';
 * const loadOrt: OrtLoader = (device) => (device === 'webgpu' ? import('onnxruntime-web/webgpu') : import('onnxruntime-web'));
 * const runtime = new ModelRuntime(loadOrt);
 * ```
 */
export type OrtLoader = (device: Device) => Promise<OrtModule>;
