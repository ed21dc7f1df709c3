import { messageOf } from '../errors.js';
import type { Device } from './device.js';

/** How far loading got on one device: starting the runtime, or compiling the model. */
export interface Stage {
  stage: 'device' | 'model';
}

/**
 * The code and message of a failed load: the runtime not starting (module missing, no
 * adapter, onnxruntime-web's own files not found) is `E_DEVICE`; the model not compiling on a
 * runtime that works is `E_MODEL_LOAD` (a damaged or foreign file).
 *
 * @param device - the device that failed
 * @param req - where onnxruntime-web's files were looked for
 * @param stage - how far loading got
 * @param err - what was thrown
 */
export function loadFailure(
  device: Device,
  req: { wasmPaths?: string },
  stage: Stage['stage'],
  err: unknown,
): { code: 'E_DEVICE' | 'E_MODEL_LOAD'; message: string } {
  const said = messageOf(err);
  // onnxruntime-web starts its WebAssembly backend on the first session and says this when its
  // .wasm/.mjs files cannot be fetched or imported.
  if (device !== 'cpu' && /no available backend/i.test(said)) {
    const where =
      req.wasmPaths === undefined
        ? 'the default location (set the wasmPaths option to where they are served)'
        : `wasmPaths ${JSON.stringify(req.wasmPaths)}`;
    return { code: 'E_DEVICE', message: `onnxruntime-web could not load its WebAssembly files from ${where}: ${said}` };
  }
  return { code: stage === 'device' ? 'E_DEVICE' : 'E_MODEL_LOAD', message: said };
}
