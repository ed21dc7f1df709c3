// Live streams for the end-to-end benchmark: simulated 130 Hz ECG and 50 Hz IMU cut into
// BLE-sized batches, each pair going through validate → embed (ECG) / classify (IMU).
import { Subject, Subscription } from 'rxjs';
import { createBatch, type SampleBatch } from '../src/core/batch.js';
import { classify } from '../src/model/classify.js';
import { embed } from '../src/model/embed.js';
import type { Encoder } from '../src/model/encoder.js';
import { simulateEcg } from '../src/sources/ecg-sim.js';
import { simulateImu } from '../src/sources/imu-sim.js';
import type { Recording } from '../src/sources/recording.js';
import { validate } from '../src/streams/validate.js';

/** Seconds of signal per batch (a BLE notification carries about this much): 26 ECG, 10 IMU frames. */
export const BATCH_SECONDS = 0.2;

/** The two signals, simulated once: `seconds` of ECG at 130 Hz and of IMU at 50 Hz. */
export function signals(seconds: number): { ecg: Recording; imu: Recording } {
  const ecg = simulateEcg({ seconds, rate: 130, seed: 3 }).recording;
  const acts = ['walking', 'sitting', 'standing', 'upstairs'] as const;
  const imu = simulateImu({
    activities: acts.map((activity) => ({ activity, seconds: seconds / acts.length })),
    rate: 50,
    seed: 3,
  }).recording;
  return { ecg, imu };
}

/** Batch `k` of a recording's first stream (cyclic, so any number of seconds can be played). */
export function batchOf(rec: Recording, k: number): SampleBatch {
  const s = rec.streams[0]!;
  const n = Math.round(BATCH_SECONDS * rec.rate);
  const nc = s.channels.length;
  const per = Math.floor(rec.length / n);
  const at = (k % per) * n;
  return createBatch({
    kind: s.kind,
    channels: s.channels,
    rate: rec.rate,
    t0: (k * n) / rec.rate,
    seq: k,
    data: s.data.subarray(at * nc, (at + n) * nc),
  });
}

/** One live stream pair: push batches, get a callback per result with the window's last frame. */
export interface StreamPair {
  ecg: Subject<SampleBatch>;
  imu: Subject<SampleBatch>;
  done: Promise<void>;
  subscription: Subscription;
}

/**
 * Wires one ECG + IMU stream pair to the encoders with a 1 s hop.
 *
 * @param onResult - called with the stream (`ecg`/`imu`) and the window's last frame index
 */
export function streamPair(
  ecgEncoder: Encoder,
  imuEncoder: Encoder,
  onResult: (kind: 'ecg' | 'imu', lastFrame: number) => void,
): StreamPair {
  const ecg = new Subject<SampleBatch>();
  const imu = new Subject<SampleBatch>();
  const ew = ecgEncoder.entry.windowSamples;
  const iw = imuEncoder.entry.windowSamples;
  let open = 2;
  let finish!: () => void;
  let fail!: (e: unknown) => void;
  const done = new Promise<void>((ok, ko) => ((finish = ok), (fail = ko)));
  const end = { error: (e: unknown) => fail(e), complete: () => --open === 0 && finish() };
  const subscription = new Subscription();
  subscription.add(
    ecg.pipe(validate(), embed(ecgEncoder, { hopSeconds: 1 })).subscribe({ next: (r) => onResult('ecg', r.start + ew - 1), ...end }),
  );
  subscription.add(
    imu.pipe(validate(), classify(imuEncoder, { hopSeconds: 1 })).subscribe({ next: (r) => onResult('imu', r.start + iw - 1), ...end }),
  );
  return { ecg, imu, done, subscription };
}

/** The value below which a fraction `q` of the sorted values lies. */
export function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}
