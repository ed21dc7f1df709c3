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
  windows: (Omit<SampleWindow, 'data'> & { data: number[] })[];
  /** Kill the first worker after the first result (restart test). */
  crashAfterFirst?: boolean;
  /** Also kill the replacement worker as soon as it starts (while it loads). */
  killReplacement?: boolean;
  /** Kill the newest worker this many times, at random moments (seeded) while windows trickle in. */
  randomKills?: { count: number; seed: number };
  /** Start the worker from this URL (the SDK's own path) instead of the test's bundle. */
  workerUrl?: string;
  /** Pass no `worker` option: the SDK starts its own worker from beside its code. */
  packageWorker?: boolean;
  /** Override the page's `wasmPaths`. */
  wasmPaths?: string;
  pick?: 'first' | 'fastest';
}

async function run(req: EncoderPageRequest) {
  const bytes = Uint8Array.from(atob(req.modelB64), (c) => c.charCodeAt(0));
  const events: LoadProgress[] = [];
  const workers: Worker[] = [];
  /** Fires 'change' when a worker starts or a window is answered. */
  const changes = new EventTarget();
  const started = performance.now();
  try {
    const enc = await createEncoder({
      model: { bytes, entry: req.entry },
      device: req.device,
      pick: req.pick ?? 'fastest',
      wasmPaths: req.wasmPaths ?? '/node_modules/onnxruntime-web/dist/',
      restartWorker: Boolean(req.crashAfterFirst || req.randomKills),
      // WebGPU on SwiftShader compiles shaders on the CPU for each new batch size: slow, not dead.
      runTimeoutMs: req.crashAfterFirst || req.randomKills ? 2000 : 150_000,
      ...(req.killReplacement || req.randomKills ? { startTimeoutMs: 10_000 } : {}),
      worker: req.packageWorker
        ? undefined
        : (req.workerUrl ??
          ((): WorkerHandle => {
            const w = new Worker('/__bundle/workers/encoder.worker.js', { type: 'module' });
            workers.push(w);
            changes.dispatchEvent(new Event('change'));
            if (req.killReplacement && workers.length === 2) w.terminate(); // dies while it loads: no event
            return webWorkerHandle(w);
          })),
      batch: { maxSize: 4 },
      onProgress: (e) => events.push(e),
    });
    const loadMs = performance.now() - started;
    const windows: SampleWindow[] = req.windows.map((w) => ({ ...w, data: Float32Array.from(w.data) }));
    const pending = req.randomKills
      ? await killAtRandom(req.randomKills, windows, workers, changes, (w) => enc.classify([w]))
      : windows.map((w) => enc.classify([w]));
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
      killed: (globalThis as { killed?: number }).killed,
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

/** Sends windows at random intervals while the newest worker is terminated at random moments. */
async function killAtRandom<T>(
  kills: { count: number; seed: number },
  windows: SampleWindow[],
  workers: Worker[],
  changes: EventTarget,
  send: (w: SampleWindow) => Promise<T>,
): Promise<Promise<T>[]> {
  let a = kills.seed >>> 0;
  const random = () => (a = (a * 1664525 + 1013904223) >>> 0) / 4294967296;
  const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));
  const changed = () => new Promise((ok) => changes.addEventListener('change', ok, { once: true }));
  let answered = 0;
  let killed = 0;
  const killer = (async () => {
    for (let k = 0; k < kills.count; k++) {
      // Wait for the replacement of the last worker killed (started on the next batch, if any is left).
      while (workers.length <= k) {
        if (answered === windows.length) return;
        await changed();
      }
      await sleep(random() * 1000); // the moment of the kill is the input under test, not a wait
      workers.at(-1)!.terminate(); // serving or still loading; a terminated worker sends no event
      killed++;
    }
  })();
  const pending: Promise<T>[] = [];
  for (const w of windows) {
    const p = send(w);
    const answer = () => {
      answered++;
      changes.dispatchEvent(new Event('change'));
    };
    p.then(answer, answer);
    pending.push(p);
    await sleep(random() * 1500); // random arrival of windows is the input under test, not a wait
  }
  await killer;
  (globalThis as { killed?: number }).killed = killed;
  return pending;
}

(globalThis as { encoderPage?: unknown }).encoderPage = { run, ready: true };
