// Shared helpers of the storage tests: deterministic synthetic streams and a fresh database.
import 'fake-indexeddb/auto';
import { lastValueFrom, toArray, type Observable } from 'rxjs';
import type { SampleBatch } from '../../src/core/batch.js';
import { openWearDb } from '../../src/storage/open.js';
import type { WearDb } from '../../src/storage/schema.js';

let dbCount = 0;

/** A fresh, empty database with a unique name. */
export function freshDb(): Promise<WearDb> {
  return openWearDb({ name: `test-${process.pid}-${++dbCount}` });
}

const IMU_CHANNELS = [
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
export function concatData(batches: readonly SampleBatch[]): Float32Array {
  const out = new Float32Array(batches.reduce((n, b) => n + b.data.length, 0));
  let o = 0;
  for (const b of batches) {
    out.set(b.data, o);
    o += b.data.length;
  }
  return out;
}

/** Every value of an observable, once it completes. */
export const all = <T>(o: Observable<T>) => lastValueFrom(o.pipe(toArray()));

/** The bytes of a byte stream (an export). */
export const bytesOf = async (s: ReadableStream<Uint8Array>) => new Uint8Array(await new Response(s).arrayBuffer());
