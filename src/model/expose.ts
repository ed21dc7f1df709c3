import { expose, transfer, type Endpoint } from 'comlink';
import { installErrorTransfer } from './error-transfer.js';
import { EncoderRuntime, type OrtLoader, type RunOutput, type RuntimeInfo, type RuntimeLoadRequest } from './runtime.js';

/** The API a worker exposes over comlink (see {@link exposeEncoderRuntime}). */
export interface RemoteRuntime {
  /** Loads the model; progress events are posted on `progress` (closed when done). */
  load(req: RuntimeLoadRequest, progress?: MessagePort): Promise<RuntimeInfo>;
  /** Runs a batch; the input buffer and the output are transferred back, not copied. */
  run(input: Float32Array, n: number): Promise<RunOutput>;
  close(): Promise<void>;
}

/**
 * Serves an {@link EncoderRuntime} over a comlink endpoint: the whole body of a worker entry.
 * Errors keep their class and code on the caller's side.
 *
 * @param endpoint - `self` in a Web Worker, `nodeEndpoint(parentPort)` in a Node worker thread,
 *   or one end of a `MessageChannel`
 * @param loadOrt - loads the onnxruntime module of a device
 * @example
 * ```ts
 * // my-encoder.worker.ts
 * import { exposeEncoderRuntime, loadOrtWeb } from 'scl-wear';
 * exposeEncoderRuntime(self as never, loadOrtWeb);
 * ```
 */
export function exposeEncoderRuntime(endpoint: Endpoint, loadOrt: OrtLoader): void {
  installErrorTransfer();
  const rt = new EncoderRuntime(loadOrt);
  const api: RemoteRuntime = {
    async load(req, progress) {
      try {
        return await rt.load(req, progress ? (e) => progress.postMessage(e) : undefined);
      } finally {
        progress?.close();
      }
    },
    async run(input, n) {
      const out = await rt.run(input, n);
      return transfer(out, [out.input.buffer as ArrayBuffer, out.output.buffer as ArrayBuffer]);
    },
    close: () => rt.close(),
  };
  expose(api, endpoint);
}
