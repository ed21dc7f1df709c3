// Run in a child process by worker-stops.test.ts: kills real worker threads that run
// onnxruntime-node (device 'cpu') at random moments mid-stream. An abort of the whole process
// (what interrupting onnxruntime-node's native code does) shows as a non-zero exit code.
import { createNodeEncoder } from '../../src/model/node-encoder.js';
import { startNodeWorker } from '../../src/model/node-worker.js';
import type { WorkerHandle } from '../../src/model/worker-handle.js';
import { buildFixtureModel } from './fixture-model.js';
import { fixtureWindow } from './helpers.js';
import { rng, sleep } from './kill-helpers.js';

const m = buildFixtureModel();
const windows = Array.from({ length: 40 }, (_, i) => fixtureWindow(m, i));
let whole = 0;
const trials = Number(process.argv[2] ?? 6);
for (let t = 0; t < trials; t++) {
  const random = rng(500 + t);
  const handles: WorkerHandle[] = [];
  const enc = await createNodeEncoder({
    model: { bytes: m.bytes, entry: m.entry },
    device: 'cpu',
    restartWorker: true,
    shareWorker: false,
    batch: { maxSize: 4 },
    worker: () => {
      const h = startNodeWorker();
      handles.push(h);
      return h;
    },
  });
  // Every window at once, so that the worker is inside a batch whenever it is stopped.
  const pending = windows.map((w) => enc.embed([w]));
  for (const k of [0, 8, 16]) {
    await pending[k];
    await sleep(random() * 4); // the moment of the kill is the input under test, not a wait
    await handles.at(-1)!.terminate();
  }
  const results = (await Promise.all(pending)).map((r) => r[0]!);
  await enc.close();
  if (results.map((r) => r.seq).join() === windows.map((w) => w.seq).join()) whole++;
}
console.log(JSON.stringify({ trials, whole }));
