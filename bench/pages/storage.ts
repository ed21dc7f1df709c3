// Storage benchmark page (runs in Chromium, driven by bench/storage.ts): writes a 6-axis IMU
// stream through recordSession, reads it back with replaySession, and writes the same batches
// the naive way (one record and one transaction per batch) as the same-run baseline.
import { lastValueFrom, Subject } from 'rxjs';
import type { SampleBatch } from '../../src/core/batch.js';
import { openWearDb, deleteWearDb } from '../../src/storage/open.js';
import { createSession, deleteSession } from '../../src/storage/sessions.js';
import { recordSession } from '../../src/storage/record-session.js';
import { replaySession } from '../../src/storage/replay-session.js';
import { idbOf, type WearDb } from '../../src/storage/wear-db.js';

const NC = 6;
const BATCH = 64; // frames per batch: 0.64 s of a 100 Hz IMU
const CHANNELS = ['ax', 'ay', 'az', 'gx', 'gy', 'gz'].map((name) => ({
  name,
  unit: name.startsWith('a') ? ('m/s^2' as const) : ('rad/s' as const),
}));

/** 97 batches of uniform noise (incompressible, and a chunk never repeats the previous one). */
function pool(): Float32Array[] {
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296) * 20 - 10;
  return Array.from({ length: 97 }, () => Float32Array.from({ length: BATCH * NC }, rnd));
}

const batchAt = (data: Float32Array[], n: number): SampleBatch => ({
  kind: 'imu',
  channels: CHANNELS,
  rate: 100,
  t0: (n * BATCH) / 100,
  seq: n,
  length: BATCH,
  data: data[n % data.length]!,
});

/** Lets the event loop run (IndexedDB callbacks) without the 4 ms clamp of nested timers. */
const yieldTask = () =>
  new Promise<void>((ok) => {
    const c = new MessageChannel();
    c.port1.onmessage = () => ok();
    c.port2.postMessage(0);
  });

async function writeChunked(
  db: WearDb,
  data: Float32Array[],
  batches: number,
  maxChunkFrames?: number,
): Promise<{ id: string; ms: number }> {
  const { id } = await createSession(db);
  const src = new Subject<SampleBatch>();
  const t = performance.now();
  const done = lastValueFrom(src.pipe(recordSession(db, id, maxChunkFrames ? { maxChunkFrames } : {})));
  for (let n = 0; n < batches; n++) {
    src.next(batchAt(data, n));
    if (n % 64 === 63) await yieldTask();
  }
  src.complete();
  await done;
  return { id, ms: performance.now() - t };
}

async function readBack(db: WearDb, id: string): Promise<{ ms: number; values: number }> {
  let values = 0;
  const t = performance.now();
  await new Promise<void>((ok, fail) =>
    replaySession(db, id).subscribe({ next: (b) => (values += b.data.length), error: fail, complete: ok }),
  );
  return { ms: performance.now() - t, values };
}

async function writePerBatch(db: WearDb, data: Float32Array[], batches: number): Promise<number> {
  const { id } = await createSession(db);
  const t = performance.now();
  for (let n = 0; n < batches; n++) {
    const b = batchAt(data, n);
    await idbOf(db).put('chunks', {
      session: id,
      stream: 'imu',
      seq: n,
      kind: 'imu',
      channels: CHANNELS,
      rate: 100,
      t0: b.t0,
      frames: BATCH,
      data: b.data.slice(),
    });
  }
  const ms = performance.now() - t;
  await deleteSession(db, id);
  return ms;
}

async function run(rounds: number, batches: number, baselineBatches: number, maxChunkFrames?: number) {
  await deleteWearDb('bench');
  const db = await openWearDb({ name: 'bench' });
  const data = pool();
  const per = BATCH * NC;
  let write = 0;
  let read = 0;
  let baseline = 0;
  for (let r = 0; r < rounds; r++) {
    const w = await writeChunked(db, data, batches, maxChunkFrames);
    const rd = await readBack(db, w.id);
    if (rd.values !== batches * per) throw new Error(`read ${rd.values} values, wrote ${batches * per}`);
    write = Math.max(write, (batches * per) / (w.ms / 1000));
    read = Math.max(read, rd.values / (rd.ms / 1000));
    await deleteSession(db, w.id);
    baseline = Math.max(baseline, (baselineBatches * per) / ((await writePerBatch(db, data, baselineBatches)) / 1000));
  }
  db.close();
  await deleteWearDb('bench');
  return { write, read, baseline };
}

(globalThis as { storageBench?: typeof run }).storageBench = run;
