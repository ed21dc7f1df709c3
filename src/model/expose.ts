import { expose, transfer, type Endpoint } from 'comlink';
import { ModelError } from '../errors.js';
import { installErrorTransfer } from '../core/error-transfer.js';
import { ModelRuntime, type OrtLoader, type RunOutput, type RuntimeInfo, type RuntimeLoadRequest } from './runtime.js';
import { warmRuntime, type WarmRequest } from './warm-runtime.js';

/**
 * The API a worker exposes over comlink (see {@link exposeModelRuntime}): any number of
 * models, each under a number the caller picks, sharing one onnxruntime instance.
 *
 * @example
 * ```ts
 * import { wrap } from 'comlink';
 * import { installErrorTransfer, type RemoteRuntime } from 'scl-wear/advanced';
 * installErrorTransfer();
 * const remote = wrap<RemoteRuntime>(new Worker(new URL('./my-encoder.worker.js', import.meta.url), { type: 'module' }));
 * const { device } = await remote.load(1, request);
 * const out = await remote.run(1, input, n);
 * ```
 */
export interface RemoteRuntime {
  /** Loads a model as `id`; progress events are posted on `progress` (closed when done). */
  load(id: number, req: RuntimeLoadRequest, progress?: MessagePort): Promise<RuntimeInfo>;
  /** Runs a batch on model `id`; the input buffer and the named outputs are transferred back, not copied. */
  run(id: number, input: Float32Array, n: number): Promise<RunOutput>;
  /** Releases model `id`. */
  unload(id: number): Promise<void>;
  /** Starts onnxruntime for a device ahead of the first `load` (see `warmRuntime`); never fails. */
  prepare(req: WarmRequest): Promise<void>;
  /** Answers at once (liveness check). */
  ping(): boolean;
  /** Releases every model. */
  close(): Promise<void>;
}

/**
 * Serves encoder runtimes over a comlink endpoint: the whole body of a worker entry. The models
 * of one worker share its onnxruntime module and run one batch at a time. Errors keep their
 * class and code on the caller's side.
 *
 * @param endpoint - `self` in a Web Worker, `nodeEndpoint(parentPort)` in a Node worker thread,
 *   or one end of a `MessageChannel`
 * @param loadOrt - loads the onnxruntime module of a device
 * @example
 * ```ts
 * // my-encoder.worker.ts
 * import { exposeModelRuntime, loadOrtWeb } from 'scl-wear/advanced';
 * exposeModelRuntime(self as never, loadOrtWeb);
 * ```
 */
export function exposeModelRuntime(endpoint: Endpoint, loadOrt: OrtLoader): void {
  installErrorTransfer();
  const models = new Map<number, ModelRuntime>();
  // One batch at a time across models: onnxruntime sessions (WebGPU above all) must not overlap.
  let tail: Promise<unknown> = Promise.resolve();
  let warming: Promise<void> = Promise.resolve();
  const api: RemoteRuntime = {
    prepare(req) {
      warming = warmRuntime(loadOrt, req).catch(() => undefined);
      return warming;
    },
    async load(id, req, progress) {
      const rt = new ModelRuntime(loadOrt);
      try {
        await warming;
        const info = await rt.load(req, progress ? (e) => progress.postMessage(e) : undefined);
        await models.get(id)?.close();
        models.set(id, rt);
        return info;
      } finally {
        progress?.close();
      }
    },
    run(id, input, n) {
      const rt = models.get(id);
      if (!rt) return Promise.reject(new ModelError('E_CLOSED', `no model ${id} is loaded in this worker`));
      const out = tail.then(() => rt.run(input, n));
      tail = out.catch(() => undefined);
      // Every output spans a buffer of its own (see runSession), so all of them can move.
      return out.then((o) => transfer(o, [o.input.buffer, ...Object.values(o.outputs).map((v) => v.buffer)] as ArrayBuffer[]));
    },
    async unload(id) {
      const rt = models.get(id);
      models.delete(id);
      await rt?.close();
    },
    ping: () => true,
    async close() {
      const all = [...models.values()];
      models.clear();
      await Promise.all(all.map((rt) => rt.close()));
    },
  };
  expose(api, endpoint);
}
