// Shared helpers of the storage tests: deterministic synthetic streams and a fresh database.
import 'fake-indexeddb/auto';
import { firstValueFrom, from, lastValueFrom, Subject, toArray, type Observable, type Subscription } from 'rxjs';
import type { SampleBatch } from '../../src/core/batch.js';
import { addLabel } from '../../src/storage/labels.js';
import { openWearDb } from '../../src/storage/open.js';
import { recordSession, type RecordingProgress } from '../../src/storage/record-session.js';
import { createSession, type SessionInit } from '../../src/storage/sessions.js';
import type { WearDb } from '../../src/storage/wear-db.js';

let dbCount = 0;

/** A fresh, empty database with a unique name. */
export function freshDb(): Promise<WearDb> {
  return openWearDb({ name: `test-${process.pid}-${++dbCount}` });
}

/** Six IMU channels in SI units (acc m/s², gyro rad/s), as a phone source reports them. */
export const IMU_CHANNELS = [
  { name: 'ax', unit: 'm/s^2' },
  { name: 'ay', unit: 'm/s^2' },
  { name: 'az', unit: 'm/s^2' },
  { name: 'gx', unit: 'rad/s' },
  { name: 'gy', unit: 'rad/s' },
  { name: 'gz', unit: 'rad/s' },
] as const;

/** Value of frame `i`, channel `c` of the synthetic stream: distinct, non-round float32 values. */
export const sampleValue = (i: number, c: number) => Math.fround(Math.sin(i * 0.37 + c) * 9.81 + c * 1e-3 + i * 1e-7);

/**
 * `count` consecutive 6-channel IMU batches of `frames` frames at `rate` Hz, starting at frame
 * `firstFrame` (batch seq counts from `firstFrame / frames`).
 */
export function imuBatches(count: number, frames: number, rate = 50, firstFrame = 0): SampleBatch[] {
  const out: SampleBatch[] = [];
  for (let b = 0; b < count; b++) {
    const start = firstFrame + b * frames;
    const data = new Float32Array(frames * 6);
    for (let i = 0; i < frames; i++) for (let c = 0; c < 6; c++) data[i * 6 + c] = sampleValue(start + i, c);
    out.push({ kind: 'imu', channels: IMU_CHANNELS, rate, t0: start / rate, seq: start / frames, length: frames, data });
  }
  return out;
}

/** One 1-channel ECG batch. */
export function ecgBatch(seq: number, frames: number, rate = 130): SampleBatch {
  const data = new Float32Array(frames);
  for (let i = 0; i < frames; i++) data[i] = sampleValue(seq * frames + i, 7);
  return { kind: 'ecg', channels: [{ name: 'ecg', unit: 'mV' }], rate, t0: (seq * frames) / rate, seq, length: frames, data };
}

/** Concatenates the data of batches. */
export { concat as concatData } from '../streams/helpers.js';

/** Every value of an observable, once it completes. */
export const all = <T>(o: Observable<T>) => lastValueFrom(o.pipe(toArray()));

/** The bytes of a byte stream (an export). */
export const bytesOf = async (s: ReadableStream<Uint8Array>) => new Uint8Array(await new Response(s).arrayBuffer());

/** Six 40-frame IMU batches at 50 Hz, then one more after a 3.2 s dropout (from frame 400). */
export const imuWithDropout = (): SampleBatch[] => [...imuBatches(6, 40), { ...imuBatches(1, 40, 50, 400)[0]!, gapBefore: 3.2 }];

/**
 * A new session of `batches` (stored in chunks of at most 64 frames), labelled WALKING from 0 to
 * 4.8 s and with a `trip` event at 2.5 s (note `kerb`). Returns its id.
 */
export async function labelledSession(db: WearDb, init: SessionInit, batches: readonly SampleBatch[]): Promise<string> {
  const { id } = await createSession(db, init);
  await all(from(batches).pipe(recordSession(db, id, { maxChunkFrames: 64 })));
  await addLabel(db, id, { label: 'WALKING', start: 0, end: 4.8 });
  await addLabel(db, id, { label: 'trip', kind: 'event', start: 2.5, note: 'kerb' });
  return id;
}

/**
 * Starts recording session `id` and resolves once its first IMU batch is stored: the session is
 * then being recorded. Unsubscribing the result stops the recording.
 */
export async function recordingStarted(db: WearDb, id: string): Promise<Subscription> {
  const live = new Subject<SampleBatch>();
  const progress = new Subject<RecordingProgress>();
  const sub = live.pipe(recordSession(db, id, { flushMs: 10 })).subscribe(progress);
  const flushed = firstValueFrom(progress);
  live.next(imuBatches(1, 10)[0]!);
  await flushed;
  return sub;
}
