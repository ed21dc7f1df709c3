import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { checkArg, ModelError, messageOf } from '../errors.js';
import { openEncoder, type EncoderOptions } from './create-encoder.js';
import type { Encoder } from './encoder.js';
import { modelEntry, parseManifest, type ModelEntry, type ModelManifest } from './manifest.js';
import { nodeWorkerHandle, startNodeWorker } from './node-worker.js';
import { loadOrtNode } from './ort-node.js';
import { report } from './progress.js';
import type { WorkerHandle } from './worker-handle.js';

/**
 * Options of {@link createNodeEncoder}: those of `createEncoder`, plus where the manifest is.
 *
 * @example
 * ```ts
 * import { createNodeEncoder, type NodeEncoderOptions } from 'scl-wear/node';
 * const options: NodeEncoderOptions = { model: 'ecg', manifestPath: './my-models/manifest.json', worker: false };
 * const encoder = await createNodeEncoder(options);
 * ```
 */
export interface NodeEncoderOptions extends Omit<EncoderOptions, 'worker'> {
  /** Path of `manifest.json` (default: the package's `models/manifest.json`). */
  manifestPath?: string;
  /**
   * `true` (default): a `worker_threads` worker; `false`: in-process; a path/URL of a worker
   * script calling `serveNodeWorker()`; or a function starting one.
   */
  worker?: boolean | string | URL | (() => Worker | WorkerHandle);
}

/**
 * Path of the package's bundled `models/manifest.json` (from `src/model/` or `dist/`).
 *
 * @example
 * ```ts
 * import { defaultManifestPath } from 'scl-wear/node';
 * console.log(defaultManifestPath()); // e.g. /app/node_modules/scl-wear/models/manifest.json
 * ```
 */
export function defaultManifestPath(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [resolve(here, '../../models/manifest.json'), resolve(here, '../models/manifest.json')];
  return candidates.find((p) => existsSync(p)) ?? candidates[0]!;
}

/**
 * Reads and checks a manifest file.
 *
 * @param path - path of `manifest.json` (default: the package's)
 * @throws ModelError `E_MODEL_NOT_FOUND` when the file is missing, `E_MODEL_SPEC` when malformed
 * @example
 * ```ts
 * import { readManifest } from 'scl-wear/node';
 * const manifest = readManifest(); // the package's models
 * console.log(manifest.models.imu?.classes);
 * ```
 */
export function readManifest(path = defaultManifestPath()): ModelManifest {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ModelError('E_MODEL_NOT_FOUND', `cannot read ${path}: ${messageOf(err)}`, { cause: err });
  }
  try {
    return parseManifest(JSON.parse(text));
  } catch (err) {
    if (err instanceof ModelError) throw err;
    throw new ModelError('E_MODEL_SPEC', `${path} is not valid JSON: ${messageOf(err)}`, { cause: err });
  }
}

/**
 * Node's `createEncoder`: reads models from disk, runs them in a `worker_threads` worker (through
 * comlink's Node adapter, the same protocol as the browser's Web Worker) on onnxruntime-node's
 * native CPU backend when it is installed, else on onnxruntime-web's WASM.
 *
 * @param options - model, device, progress, worker and batching options
 * @throws as `createEncoder`
 * @example
 * ```ts
 * import { createNodeEncoder } from 'scl-wear/node';
 * const encoder = await createNodeEncoder({ model: 'imu' });
 * console.log(encoder.device); // 'cpu' with onnxruntime-node, else 'wasm'
 * await encoder.close();
 * ```
 */
export function createNodeEncoder(options: NodeEncoderOptions): Promise<Encoder> {
  const { manifestPath, worker, ...rest } = options;
  return openEncoder(rest, {
    // eslint-disable-next-line @typescript-eslint/require-await -- async so that a bad name rejects rather than throws
    async resolveName(name, opts) {
      const path = manifestPath ?? defaultManifestPath();
      const entry = modelEntry(readManifest(path), name);
      return { bytes: readModelFile(join(dirname(path), entry.file), entry, opts.onProgress), entry };
    },
    worker() {
      checkArg(
        worker === undefined || ['boolean', 'string', 'function'].includes(typeof worker) || worker instanceof URL,
        'worker',
        'a boolean, a path or URL, or a function',
        worker,
      );
      if (worker === false) return undefined;
      if (worker === undefined || worker === true) return { start: startNodeWorker, key: 'default' };
      if (typeof worker === 'function') {
        const start = () => {
          const w = worker();
          return w instanceof Worker ? nodeWorkerHandle(w) : w;
        };
        return { start, key: worker };
      }
      return { start: () => nodeWorkerHandle(new Worker(worker)), key: String(worker) };
    },
    loadOrt: loadOrtNode,
  });
}

function readModelFile(path: string, entry: ModelEntry, onProgress: EncoderOptions['onProgress']): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(path));
  } catch (err) {
    throw new ModelError('E_MODEL_NOT_FOUND', `cannot read ${path} (model file of the manifest): ${messageOf(err)}`, {
      cause: err,
      details: { file: entry.file },
    });
  }
  report(onProgress, { status: 'download', file: path, loaded: bytes.length, total: bytes.length });
  return bytes;
}
