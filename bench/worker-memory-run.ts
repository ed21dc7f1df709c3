// One contender of the workerMemory suite, run in its own process so that its peak RSS is its
// own: the ECG + IMU end-to-end streams (as bench/end-to-end-setup.ts: 130 Hz ECG → embed,
// 50 Hz IMU → classify, 0.2 s batches, 1 s hop) for `seconds` of signal, with the encoders on one
// shared worker (`shared`) or one worker each (`separate`).
//
// It uses only the public API of a BUILT package, imported from its directory (argument 3,
// default: this repository), so the same runner measures this build and an earlier release's
// checkout (its own dist/, models and worker) alike. `pace` (argument 4) plays the signal at that
// many times real time, as live sensors would; 0 feeds it as fast as it goes, so that the
// windows queue up ahead of the worker.
// Prints one JSON line: peak RSS (MiB), RSS once both models are loaded, CPU seconds (all
// threads) and the number of results.
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Main from '../src/index.js';
import type * as NodeEntry from '../src/node.js';

const [mode = 'shared', secondsArg = '600', packageArg = '.', paceArg = '0'] = process.argv.slice(2);
const root = resolve(packageArg);
const url = (path: string) => pathToFileURL(resolve(root, path)).href;
const sdk = (await import(url('dist/index.js'))) as typeof Main;
const { createNodeEncoder } = (await import(url('dist/node.js'))) as typeof NodeEntry;
// The package's own rxjs (Node resolves `import 'rxjs'` and require alike, to one instance).
const { Subject } = (await import(pathToFileURL(createRequire(url('package.json')).resolve('rxjs')).href)) as typeof import('rxjs');

const BATCH_SECONDS = 0.2;
const options = { device: 'wasm', threads: 1, batch: { maxSize: 64 }, ...(mode === 'separate' ? { shareWorker: false } : {}) } as const;
const ecgEncoder = await createNodeEncoder({ model: 'ecg', ...options });
const imuEncoder = await createNodeEncoder({ model: 'imu', ...options });
const loadedRssMiB = process.memoryUsage().rss / 1048576;

const ecgRec = sdk.simulateEcg({ seconds: 60, rate: 130, seed: 3 }).recording;
const acts = ['walking', 'sitting', 'standing', 'upstairs'] as const;
const imuRec = sdk.simulateImu({ activities: acts.map((activity) => ({ activity, seconds: 15 })), rate: 50, seed: 3 }).recording;

/** Batch `k` of a recording (cyclic, so any number of seconds can be played). */
function batchOf(rec: Main.Recording, k: number): Main.SampleBatch {
  const s = rec.streams[0]!;
  const n = Math.round(BATCH_SECONDS * rec.rate);
  const nc = s.channels.length;
  const at = (k % Math.floor(rec.length / n)) * n;
  const data = s.data.subarray(at * nc, (at + n) * nc);
  return sdk.createBatch({ kind: s.kind, channels: s.channels, rate: rec.rate, t0: (k * n) / rec.rate, seq: k, data });
}

let results = 0;
const ecg = new Subject<Main.SampleBatch>();
const imu = new Subject<Main.SampleBatch>();
const done = Promise.all(
  [
    ecg.pipe(sdk.validate(), sdk.embed(ecgEncoder, { hopSeconds: 1 })),
    imu.pipe(sdk.validate(), sdk.classify(imuEncoder, { hopSeconds: 1 })),
  ].map(
    (s) =>
      new Promise<void>((ok, ko) =>
        s.subscribe({
          next: () => {
            results++;
          },
          error: ko,
          complete: ok,
        }),
      ),
  ),
);
const before = process.cpuUsage();
const seconds = Number(secondsArg);
const pace = Number(paceArg);
const start = performance.now();
for (let b = 0; b < Math.round(seconds / BATCH_SECONDS); b++) {
  ecg.next(batchOf(ecgRec, b));
  imu.next(batchOf(imuRec, b));
  if (b % 8 !== 7) continue; // let results flow every 1.6 s of signal, as live input would
  const wait = pace > 0 ? start + (b * BATCH_SECONDS * 1000) / pace - performance.now() : 0;
  await new Promise((r) => (wait > 0 ? setTimeout(r, wait) : setImmediate(r)));
}
ecg.complete();
imu.complete();
await done;
const used = process.cpuUsage(before);
const peakRssMiB = process.resourceUsage().maxRSS / 1024;
await ecgEncoder.close();
await imuEncoder.close();
console.log(
  JSON.stringify({
    mode,
    device: ecgEncoder.device,
    seconds,
    pace,
    peakRssMiB,
    loadedRssMiB,
    results,
    cpuSeconds: (used.user + used.system) / 1e6,
  }),
);
