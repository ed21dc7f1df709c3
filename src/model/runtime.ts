import type * as ort from 'onnxruntime-web';
import { ModelError, SdkError, messageOf } from '../errors.js';
import { deviceCandidates, runtimeCapabilities, type Device, type DeviceRequest, type RuntimeCapabilities } from './device.js';
import type { ModelEntry } from './manifest.js';
import { report, type ProgressCallback } from './progress.js';
import type { OrtLoader, OrtModule } from './ort-module.js';
import { checkOutputDims, checkSessionSpec, inputDims } from './spec.js';
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

/** Output of one run: the input buffer handed back for reuse, embeddings then logits. */
export interface RunOutput {
  input: Float32Array;
  /** `n × dim` embedding values followed by `n × classes` logits, then `n × groups` group logits when the manifest lists groups. */
  output: Float32Array;
}

interface Loaded {
  device: Device;
  ort: OrtModule;
  session: ort.InferenceSession;
}

/**
 * Runs one model with onnxruntime: chooses the device, checks the model against its manifest
 * entry and runs batches. This is what lives inside the worker (or in-process).
 *
 * @example
 * ```ts
 * import { ModelRuntime } from 'scl-wear';
 * const rt = new ModelRuntime(async () => import('onnxruntime-web'));
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
    if (!ready.length) throw new ModelError('E_MODEL_LOAD', `cannot load ${req.entry.file}: ${notes.join('; ')}`, { details: { attempts: notes } });
    let chosen = ready[0]!;
    let reason = req.device === 'auto' ? `auto: ${chosen.device}` : `requested ${chosen.device}`;
    if (ready.length > 1) {
      const timed = [];
      for (const l of ready) {
        const ms = await timeBatch(l, req.entry, req.warmupBatch);
        report(onProgress, { status: 'warmup', device: l.device, msPerBatch: ms });
        timed.push({ l, ms });
      }
      timed.sort((a, b) => a.ms - b.ms);
      chosen = timed[0]!.l;
      reason = `auto: ${chosen.device} was faster (${timed.map((t) => `${t.l.device} ${t.ms.toFixed(2)} ms`).join(' vs ')} per batch of ${req.warmupBatch})`;
      await Promise.all(timed.slice(1).map((t) => t.l.session.release()));
    }
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
    const options: ort.InferenceSession.SessionOptions = { executionProviders: [ep], graphOptimizationLevel: 'all' };
    if (device === 'cpu') options.intraOpNumThreads = req.threads;
    at.stage = 'model';
    const session = await o.InferenceSession.create(req.bytes, options);
    const loaded = { device, ort: o, session };
    try {
      checkSessionSpec(session, req.entry);
      const out = await runSession(loaded, req.entry, new Float32Array(inputDims(req.entry, 1).reduce((a, b) => a * b, 1)), 1);
      checkOutputDims(req.entry, 1, out.embDims, out.logitDims);
    } catch (err) {
      await session.release();
      throw err;
    }
    return loaded;
  }

  /**
   * Runs `n` windows packed in `input` (the manifest's layout).
   *
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
      out = await runSession(loaded, entry, input, n);
    } catch (err) {
      if (err instanceof SdkError) throw err;
      throw new ModelError('E_INFERENCE', `inference failed on ${loaded.device}: ${messageOf(err)}`, { cause: err });
    }
    checkOutputDims(entry, n, out.embDims, out.logitDims);
    return { input, output: out.output };
  }

  /** Releases the session (after the batch running now, if any; queued ones fail with `E_CLOSED`). */
  async close(): Promise<void> {
    const l = this.loaded;
    this.loaded = undefined;
    await this.tail; // let a running batch finish before releasing its session
    if (l) await l.session.release();
  }
}

async function runSession(l: Loaded, entry: ModelEntry, input: Float32Array, n: number) {
  const tensor = new l.ort.Tensor('float32', input, inputDims(entry, n));
  const groupName = entry.outputs.logits && entry.groups ? entry.outputs.groupLogits : undefined;
  const fetches = [entry.outputs.embedding, ...(entry.outputs.logits ? [entry.outputs.logits] : []), ...(groupName ? [groupName] : [])];
  const res = await l.session.run({ [entry.input.name]: tensor }, fetches);
  const emb = res[entry.outputs.embedding]!;
  const logits = entry.outputs.logits ? res[entry.outputs.logits] : undefined;
  const groups = groupName ? res[groupName] : undefined;
  if (groups && groups.data.length !== n * entry.groups!.names.length) {
    throw new ModelError('E_MODEL_SPEC', `output "${groupName}" has ${groups.data.length} values, expected ${n} × ${entry.groups!.names.length} groups`);
  }
  const e = emb.data as Float32Array;
  const nl = logits ? logits.data.length : 0;
  const output = new Float32Array(e.length + nl + (groups ? groups.data.length : 0));
  output.set(e);
  if (logits) output.set(logits.data as Float32Array, e.length);
  if (groups) output.set(groups.data as Float32Array, e.length + nl);
  for (const t of Object.values(res)) t.dispose?.();
  return { output, embDims: emb.dims, logitDims: logits?.dims };
}

async function timeBatch(l: Loaded, entry: ModelEntry, n: number): Promise<number> {
  const input = new Float32Array(inputDims(entry, n).reduce((a, b) => a * b, 1));
  await runSession(l, entry, input, n);
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    await runSession(l, entry, input, n);
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[1]!;
}

/** How far loading got on one device: starting the runtime, or compiling the model. */
interface Stage {
  stage: 'device' | 'model';
}

/**
 * The code and message of a failed load: the runtime not starting (module missing, no
 * adapter, onnxruntime-web's own files not found) is `E_DEVICE`; the model not compiling on a
 * runtime that works is `E_MODEL_LOAD` (a damaged or foreign file).
 */
function loadFailure(device: Device, req: RuntimeLoadRequest, stage: Stage['stage'], err: unknown): { code: 'E_DEVICE' | 'E_MODEL_LOAD'; message: string } {
  const said = messageOf(err);
  // onnxruntime-web starts its WebAssembly backend on the first session and says this when its
  // .wasm/.mjs files cannot be fetched or imported.
  if (device !== 'cpu' && /no available backend/i.test(said)) {
    const where = req.wasmPaths === undefined ? 'the default location (set the wasmPaths option to where they are served)' : `wasmPaths ${JSON.stringify(req.wasmPaths)}`;
    return { code: 'E_DEVICE', message: `onnxruntime-web could not load its WebAssembly files from ${where}: ${said}` };
  }
  return { code: stage === 'device' ? 'E_DEVICE' : 'E_MODEL_LOAD', message: said };
}
