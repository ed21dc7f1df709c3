import type * as ort from 'onnxruntime-web';
import type { Device } from './device.js';

/** An onnxruntime module (onnxruntime-web or onnxruntime-node: they share this API). */
export type OrtModule = Pick<typeof ort, 'InferenceSession' | 'Tensor' | 'env'>;

/** Loads the onnxruntime module that runs `device`; throws when it is not installed. */
export type OrtLoader = (device: Device) => Promise<OrtModule>;
