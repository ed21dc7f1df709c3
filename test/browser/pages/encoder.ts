// Test page: runs createEncoder in the page with the SDK's worker entry and reports plain data.
import type { ModelEntry } from '../../../src/model/manifest.js';
import { createEncoder } from '../../../src/model/create-encoder.js';
import type { DeviceRequest } from '../../../src/model/device.js';
import type { SampleWindow } from '../../../src/core/window.js';
import type { LoadProgress } from '../../../src/model/progress.js';
import type { WorkerHandle } from '../../../src/model/worker-backend.js';
import { webWorkerHandle } from '../../../src/model/web-worker.js';

/** What the Node side sends: the model as base64 and windows as plain arrays. */
export interface EncoderPageRequest {
  modelB64: string;
  entry: ModelEntry;
  device: DeviceRequest;
  windows: Array<Omit<SampleWindow, 'data'> & { data: number[] }>;
  /** Kill the first worker after the first result (restart test). */
  crashAfterFirst?: boolean;
  /** Also kill the replacement worker as soon as it starts (while it loads). */
  killReplacement?: boolean;
  /** Start the worker from this URL (the SDK's own path) instead of the test's bundle. */
  workerUrl?: string;
  /** Override the page's `wasmPaths`. */
  wasmPaths?: string;
  pick?: 'first' | 'fastest';
}

async function run(req: EncoderPageRequest) {
  const bytes = Uint8Array.from(atob(req.modelB64), (c) => c.charCodeAt(0));
  const events: LoadProgress[] = [];
  const workers: Worker[] = [];
  const started = performance.now();
  try {
    const enc = await createEncoder({
      model: { bytes, entry: req.entry },
      device: req.device,
      pick: req.pick ?? 'fastest',
      wasmPaths: req.wasmPaths ?? '/node_modules/onnxruntime-web/dist/',
      restartWorker: !!req.crashAfterFirst,
      // WebGPU on SwiftShader compiles shaders on the CPU for each new batch size: slow, not dead.
      runTimeoutMs: req.crashAfterFirst ? 2000 : 150_000,
      ...(req.killReplacement ? { startTimeoutMs: 10_000 } : {}),
      worker: req.workerUrl ?? ((): WorkerHandle => {
        const w = new Worker('/__bundle/workers/encoder.worker.js', { type: 'module' });
        workers.push(w);
        if (req.killReplacement && workers.length === 2) w.terminate(); // dies while it loads: no event
        return webWorkerHandle(w);
      }),
      batch: { maxSize: 4 },
      onProgress: (e) => events.push(e),
    });
    const loadMs = performance.now() - started;
    const windows: SampleWindow[] = req.windows.map((w) => ({ ...w, data: Float32Array.from(w.data) }));
    const pending = windows.map((w) => enc.classify([w]));
    if (req.crashAfterFirst) {
      await pending[0];
      // A killed worker sends no event: the batch timeout finds it, then a new worker takes over.
      workers[0]!.terminate();
    }
    const results = (await Promise.all(pending)).map((r) => r[0]!);
    await enc.close();
    return {
      device: enc.device,
      reason: enc.deviceReason,
      loadMs,
      workers: workers.length,
      events,
      embeddings: results.map((r) => Array.from(r.embedding)),
      probs: results.map((r) => Array.from(r.probs)),
      labels: results.map((r) => r.label),
      seqs: results.map((r) => r.seq),
    };
  } catch (err) {
    const e = err as { name?: string; code?: string; message?: string };
    return { error: { name: e.name, code: e.code, message: e.message }, events, workers: workers.length };
  }
}

(globalThis as { encoderPage?: unknown }).encoderPage = { run, ready: true };
