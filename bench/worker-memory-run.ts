// One contender of the workerMemory suite, run in its own process so that its peak RSS is its
// own: the ECG + IMU end-to-end streams for `seconds` of signal, fed as fast as they go, with
// the encoders on one shared worker (`shared`) or one worker each (`separate`).
// Prints one JSON line: peak RSS (MiB), CPU seconds (all threads) and windows encoded.
import { createNodeEncoder } from '../src/model/node-encoder.js';
import { checkDevice } from '../src/model/device.js';
import { cpuPerSignalSecond, type Encs } from './end-to-end.js';

const [mode = 'shared', secondsArg = '600'] = process.argv.slice(2);
const device = checkDevice(process.env.SCL_WEAR_BENCH_DEVICE ?? 'wasm');
// When bundled, the suite names the built worker script and the package's manifest.
const { SCL_WEAR_BENCH_WORKER: worker, SCL_WEAR_BENCH_MANIFEST: manifestPath } = process.env;
const options = {
  device,
  threads: 1,
  batch: { maxSize: 64 },
  shareWorker: mode === 'shared',
  ...(worker ? { worker } : {}),
  ...(manifestPath ? { manifestPath } : {}),
} as const;
const enc: Encs = {
  ecg: await createNodeEncoder({ model: 'ecg', ...options }),
  imu: await createNodeEncoder({ model: 'imu', ...options }),
};
const before = process.cpuUsage();
const seconds = Number(secondsArg);
await cpuPerSignalSecond(enc, 1, seconds);
const used = process.cpuUsage(before);
const peakRssMiB = process.resourceUsage().maxRSS / 1024;
await enc.ecg.close();
await enc.imu.close();
console.log(JSON.stringify({ mode, device: enc.ecg.device, seconds, peakRssMiB, cpuSeconds: (used.user + used.system) / 1e6 }));
