// End to end on the shipped ECG and IMU encoders: simulated 130 Hz ECG + 50 Hz IMU live streams
// in 0.2 s batches, 1 s hop, through validate → preprocessing → windows → encoder worker.
// - cpuFraction: process CPU seconds (all threads, workers included) per second of signal of
//   one stream pair, fed as fast as it goes;
// - latency: from pushing the batch that holds a window's last sample to its result, one pair
//   paced at 10× real time (so 120 s of signal give about 230 windows in 12 s);
// - maxRealtimeStreams: with K pairs sharing the encoders (their windows batch together), the
//   most pairs one core's worth of CPU keeps up with: 1 / (CPU s per signal s per pair), at the
//   largest K measured that still fits in one core (largestMeasuredStreams).
import { createNodeEncoder } from '../src/model/node-encoder.js';
import { checkDevice } from '../src/model/device.js';
import { BATCH_SECONDS, batchOf, quantile, signals, streamPair } from './end-to-end-setup.js';
import type { BenchFigures, BenchSuite } from './suite.js';

const SPEED = 10;

export async function cpuPerSignalSecond(enc: Encs, k: number, seconds: number): Promise<number> {
  const sig = signals(60);
  const pairs = Array.from({ length: k }, () => streamPair(enc.ecg, enc.imu, () => undefined));
  const before = process.cpuUsage();
  const batches = Math.round(seconds / BATCH_SECONDS);
  for (let b = 0; b < batches; b++) {
    for (const [i, p] of pairs.entries()) {
      p.ecg.next(batchOf(sig.ecg, b + 7 * i));
      p.imu.next(batchOf(sig.imu, b + 7 * i));
    }
    if (b % 8 === 7) await new Promise((r) => setImmediate(r)); // let results flow, as live input would
  }
  for (const p of pairs) {
    p.ecg.complete();
    p.imu.complete();
  }
  await Promise.all(pairs.map((p) => p.done));
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1e6 / (k * seconds);
}

export async function latencies(enc: Encs, seconds: number): Promise<number[]> {
  const sig = signals(60);
  const pushed = { ecg: [] as number[], imu: [] as number[] };
  const out: number[] = [];
  const frames = { ecg: Math.round(BATCH_SECONDS * 130), imu: Math.round(BATCH_SECONDS * 50) };
  const pair = streamPair(enc.ecg, enc.imu, (kind, last) => out.push(performance.now() - pushed[kind][Math.floor(last / frames[kind])]!));
  const start = performance.now();
  for (let b = 0; b < seconds / BATCH_SECONDS; b++) {
    const due = start + (b * BATCH_SECONDS * 1000) / SPEED;
    await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
    pushed.ecg[b] = pushed.imu[b] = performance.now();
    pair.ecg.next(batchOf(sig.ecg, b));
    pair.imu.next(batchOf(sig.imu, b));
  }
  pair.ecg.complete();
  pair.imu.complete();
  await pair.done;
  return out.sort((a, b) => a - b);
}

export interface Encs {
  ecg: Awaited<ReturnType<typeof createNodeEncoder>>;
  imu: Awaited<ReturnType<typeof createNodeEncoder>>;
}

/** The `endToEnd` suite. */
export const endToEnd: BenchSuite = {
  name: 'endToEnd',
  summary: 'ECG 130 Hz + IMU 50 Hz live streams, 1 s hop, shipped encoders in a worker: CPU per signal second, latency, streams per core',
  async run() {
    const device = checkDevice(process.env.SCL_WEAR_BENCH_DEVICE ?? 'wasm');
    const options = { device, threads: 1, batch: { maxSize: 64 } } as const;
    const enc: Encs = {
      ecg: await createNodeEncoder({ model: 'ecg', ...options }),
      imu: await createNodeEncoder({ model: 'imu', ...options }),
    };
    try {
      const f: BenchFigures = { device: enc.ecg.device };
      await cpuPerSignalSecond(enc, 1, 10); // warm-up
      f.cpuFraction = await cpuPerSignalSecond(enc, 1, 60);
      const lat = await latencies(enc, 120);
      f.latencyP50Ms = quantile(lat, 0.5);
      f.latencyP99Ms = quantile(lat, 0.99);
      f.latencyWindows = lat.length;
      let best = 1 / f.cpuFraction;
      for (const k of [4, 16, 64, 256, 1024, 2048]) {
        const perStream = await cpuPerSignalSecond(enc, k, k >= 1024 ? 10 : 30);
        f[`cpuFractionPerStreamK${k}`] = perStream;
        if (k * perStream > 1) break;
        best = 1 / perStream;
        f.largestMeasuredStreams = k;
      }
      f.maxRealtimeStreams = Math.floor(best);
      return f;
    } finally {
      await enc.ecg.close();
      await enc.imu.close();
    }
  },
};
