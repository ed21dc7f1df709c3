import type * as ort from 'onnxruntime-web';
import { ModelError, SdkError, messageOf } from '../errors.js';
import { deviceCandidates, runtimeCapabilities, type Device, type DeviceRequest, type RuntimeCapabilities } from './device.js';
import type { ModelEntry } from './manifest.js';
import { loadFailure, type Stage } from './load-failure.js';
import { report, type ProgressCallback } from './progress.js';
import type { OrtLoader } from './ort-module.js';
import { openSession, releaseOnError, runSession, type NamedOutputs, type OrtSession } from './session.js';
import { checkOutputDims, checkSessionSpec, inputDims, outputNames } from './spec.js';
import { requireAdapter, setWasmEnv } from './warm-runtime.js';

export type { OrtLoader, OrtModule } from './ort-module.js';

/**
 * What the runtime needs to load a model (all structured-clone safe).
 *
 * @example
 * ```ts
 * import { ModelRuntime, loadOrtWeb, type RuntimeLoadRequest } from 'scl-wear/advanced';
 * const req: RuntimeLoadRequest = { bytes, entry, device: 'auto', pick: 'fastest', warmupBatch: 8, threads: 1 };
 * const { device, reason } = await new ModelRuntime(loadOrtWeb).load(req);
 * ```
 */
export interface RuntimeLoadRequest {
  bytes: Uint8Array;
  entry: ModelEntry;
  device: DeviceRequest;
  /** With `auto` and WebGPU available: `fastest` also compiles WASM and keeps the faster. */
  pick: 'first' | 'fastest';
  /** Windows per batch used to time devices. */
  warmupBatch: number;
  /** WASM threads (1 = no thread pool) or onnxruntime-node intra-op threads. */
  threads: number;
  /** URL prefix of onnxruntime-web's `.wasm`/`.mjs` files. */
  wasmPaths?: string;
}

/**
 * The device the runtime chose and why.
 *
 * @example
 * ```ts
 * import { ModelRuntime, loadOrtWeb, type RuntimeInfo } from 'scl-wear/advanced';
 * const info: RuntimeInfo = await new ModelRuntime(loadOrtWeb).load(request);
 * console.log(`${info.device}: ${info.reason}`);
 * ```
 */
export interface RuntimeInfo {
  device: Device;
  reason: string;
}

/**
 * Output of one run of `n` windows, by the ONNX output names of the manifest entry
 * (`entry.outputs`): the embedding `[n, dim]`, and when the manifest lists them the class logits
 * `[n, classes]` and the group logits `[n, groups]`. Through a worker, the input buffer (handed
 * back for reuse) and every output buffer are transferred, not copied.
 *
 * @example
 * ```ts
 * import type { ModelEntry } from 'scl-wear';
 * import type { RunOutput } from 'scl-wear/advanced';
 * const embeddingsOf = (out: RunOutput, entry: ModelEntry) => out.outputs[entry.outputs.embedding];
 * ```
 */
export interface RunOutput extends NamedOutputs {
  /** The input buffer of the run, handed back for the next batch. */
  input: Float32Array;
}

interface Loaded extends OrtSession {
  device: Device;
}

/**
 * Runs one model with onnxruntime: chooses the device, checks the model against its manifest
 * entry and runs batches, returning the outputs by name. This is what lives inside the worker
 * (or in-process).
 *
 * @example
 * ```ts
 * import { ModelRuntime, loadOrtWeb } from 'scl-wear/advanced';
 * const rt = new ModelRuntime(loadOrtWeb);
 * await rt.load({ bytes, entry, device: 'auto', pick: 'first', warmupBatch: 8, threads: 1 });
 * const out = await rt.run(packed, n);
 * const embeddings = out.outputs[entry.outputs.embedding]; // n × entry.embedding.dim
 * ```
 */
export class ModelRuntime {
  private loaded: Loaded | undefined;
  private entry: ModelEntry | undefined;
  private tail: Promise<void> = Promise.resolve();

  /**
   * @param loadOrt - loads the onnxruntime module of a device
   * @param caps - realm capabilities (tests inject these)
   */
  constructor(
    private readonly loadOrt: OrtLoader,
    private readonly caps: RuntimeCapabilities = runtimeCapabilities(),
  ) {}

  /**
   * Compiles the model on the requested device (trying the next one on failure for `auto`).
   *
   * @throws ModelError `E_MODEL_SPEC` (model does not match the entry), `E_DEVICE` (an explicit
   *   device is unavailable: runtime missing, no adapter, onnxruntime-web files not found at
   *   `wasmPaths`), `E_MODEL_LOAD` (the bytes do not compile: a damaged or foreign model file)
   */
  async load(req: RuntimeLoadRequest, onProgress?: ProgressCallback): Promise<RuntimeInfo> {
    await this.close();
    const { devices, skipped } = deviceCandidates(req.device, this.caps);
    const notes = [...skipped];
    const ready: Loaded[] = [];
    for (const device of devices) {
      if (ready.length && !(req.pick === 'fastest' && ready.some((l) => l.device === 'webgpu'))) break;
      const at: Stage = { stage: 'device' };
      try {
        if (device === 'webgpu') await requireAdapter();
        report(onProgress, { status: 'compile', device });
        ready.push(await this.compile(device, req, at));
      } catch (err) {
        if (err instanceof SdkError && err.code === 'E_MODEL_SPEC') {
          await Promise.all(ready.map((l) => l.session.release()));
          throw err;
        }
        const { code, message } = loadFailure(device, req, at.stage, err);
        notes.push(`${device} failed: ${message}`);
        if (req.device !== 'auto') {
          throw new ModelError(code, `cannot load ${req.entry.file} on ${device}: ${message}`, { cause: err, details: { device } });
        }
      }
    }
    if (!ready.length)
      throw new ModelError('E_MODEL_LOAD', `cannot load ${req.entry.file}: ${notes.join('; ')}`, { details: { attempts: notes } });
    const picked = ready.length > 1 ? await fastest(ready, req, onProgress) : { chosen: ready[0]!, reason: '' };
    const chosen = picked.chosen;
    let reason = picked.reason || (req.device === 'auto' ? `auto: ${chosen.device}` : `requested ${chosen.device}`);
    if (notes.length) reason += ` (${notes.join('; ')})`;
    this.loaded = chosen;
    this.entry = req.entry;
    report(onProgress, { status: 'ready', device: chosen.device, reason });
    return { device: chosen.device, reason };
  }

  private async compile(device: Device, req: RuntimeLoadRequest, at: Stage): Promise<Loaded> {
    const o = await this.loadOrt(device);
    if (device !== 'cpu') setWasmEnv(o, req);
    // WebGPU keeps NCHW: its NHWC Conv miscomputes inputs of 5-7 channels (measured: 6-channel
    // IMU windows off by up to 3.2 against WASM; microsoft/onnxruntime#29651). NCHW matches WASM.
    const ep: ort.InferenceSession.ExecutionProviderConfig = device === 'webgpu' ? { name: 'webgpu', preferredLayout: 'NCHW' } : device;
    // WASM runs the graph as exported: onnxruntime's graph optimisers are WebAssembly code that
    // V8 compiles and re-optimises at load, in background threads whose memory stays allocated.
    // Without them the ECG + IMU end-to-end run peaks 11-25 MiB lower and uses less CPU, with
    // bit-identical outputs (docs/inference.md, "One worker for all encoders").
    const options: ort.InferenceSession.SessionOptions = {
      executionProviders: [ep],
      graphOptimizationLevel: device === 'wasm' ? 'disabled' : 'all',
    };
    if (device === 'cpu') options.intraOpNumThreads = req.threads;
    at.stage = 'model';
    const loaded: Loaded = { device, ...(await openSession(o, req.bytes, options)) };
    return releaseOnError(loaded, async () => {
      checkSessionSpec(loaded.session, req.entry);
      const out = await runEntry(loaded, req.entry, new Float32Array(inputDims(req.entry, 1).reduce((a, b) => a * b, 1)), 1);
      checkOutputDims(req.entry, 1, out.dims);
      return loaded;
    });
  }

  /**
   * Runs `n` windows packed in `input` (the manifest's layout).
   *
   * @param input - `n` windows, `n × channels × samples` values in the entry's input layout
   * @param n - windows in `input`
   * @returns the input buffer and the outputs by ONNX name (see {@link RunOutput})
   * @throws ModelError `E_CLOSED` before `load`/after `close`, `E_INFERENCE` when onnxruntime fails
   */
  run(input: Float32Array, n: number): Promise<RunOutput> {
    // One run at a time: onnxruntime sessions (WebGPU above all) must not run concurrently.
    const next = this.tail.then(() => this.runNow(input, n));
    this.tail = next.then(
      () => undefined,
      () => undefined,
    );
    return next;
  }

  private async runNow(input: Float32Array, n: number): Promise<RunOutput> {
    const { loaded, entry } = this;
    if (!loaded || !entry) throw new ModelError('E_CLOSED', 'the encoder runtime has no model loaded');
    let out;
    try {
      out = await runEntry(loaded, entry, input, n);
    } catch (err) {
      if (err instanceof SdkError) throw err;
      throw new ModelError('E_INFERENCE', `inference failed on ${loaded.device}: ${messageOf(err)}`, { cause: err });
    }
    checkOutputDims(entry, n, out.dims);
    return { input, outputs: out.outputs, dims: out.dims };
  }

  /** Releases the session (after the batch running now, if any; queued ones fail with `E_CLOSED`). */
  async close(): Promise<void> {
    const l = this.loaded;
    this.loaded = undefined;
    await this.tail; // let a running batch finish before releasing its session
    if (l) await l.session.release();
  }
}

/** Runs `n` packed windows and fetches the outputs the manifest lists. */
function runEntry(l: Loaded, entry: ModelEntry, input: Float32Array, n: number): Promise<NamedOutputs> {
  return runSession(l, entry.input.name, input, inputDims(entry, n), outputNames(entry));
}

/**
 * Times a batch on each compiled device and keeps the fastest; the other sessions are released,
 * and all of them when timing fails.
 */
async function fastest(
  ready: Loaded[],
  req: RuntimeLoadRequest,
  onProgress?: ProgressCallback,
): Promise<{ chosen: Loaded; reason: string }> {
  const timed: { l: Loaded; ms: number }[] = [];
  try {
    for (const l of ready) {
      const ms = await timeBatch(l, req.entry, req.warmupBatch);
      report(onProgress, { status: 'warmup', device: l.device, msPerBatch: ms });
      timed.push({ l, ms });
    }
  } catch (err) {
    await Promise.all(ready.map((l) => l.session.release().catch(() => undefined)));
    if (err instanceof SdkError) throw err;
    throw new ModelError(
      'E_MODEL_LOAD',
      `cannot time ${req.entry.file} on ${ready.map((l) => l.device).join(' and ')}: ${messageOf(err)}`,
      { cause: err },
    );
  }
  timed.sort((a, b) => a.ms - b.ms);
  const chosen = timed[0]!.l;
  await Promise.all(timed.slice(1).map((t) => t.l.session.release()));
  return {
    chosen,
    reason: `auto: ${chosen.device} was faster (${timed.map((t) => `${t.l.device} ${t.ms.toFixed(2)} ms`).join(' vs ')} per batch of ${req.warmupBatch})`,
  };
}

async function timeBatch(l: Loaded, entry: ModelEntry, n: number): Promise<number> {
  const input = new Float32Array(inputDims(entry, n).reduce((a, b) => a * b, 1));
  await runEntry(l, entry, input, n);
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    await runEntry(l, entry, input, n);
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[1]!;
}
