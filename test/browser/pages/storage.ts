// Storage test page: exposes recording, recovery, quota and export/import scenarios to the
// Playwright tests in test/browser/storage.test.ts through `globalThis.storagePage`.
import { Subject, type Subscription } from 'rxjs';
import type { SampleBatch } from '../../../src/core/batch.js';
import { openWearDb } from '../../../src/storage/open.js';
import { createSession, getSession, listSessions } from '../../../src/storage/sessions.js';
import { addLabel, listLabels, updateLabel } from '../../../src/storage/labels.js';
import { recordSession, type RecordingProgress } from '../../../src/storage/record-session.js';
import { recoverSessions } from '../../../src/storage/recover.js';
import { replaySession } from '../../../src/storage/replay-session.js';
import { exportSession } from '../../../src/storage/export-session.js';
import { importSession } from '../../../src/storage/import-session.js';
import { storageHealth } from '../../../src/storage/health.js';
import { SdkError } from '../../../src/errors.js';
import { idbOf } from '../../../src/storage/wear-db.js';

const CHANNELS = ['ax', 'ay', 'az', 'gx', 'gy', 'gz'].map((name) => ({
  name,
  unit: name.startsWith('a') ? ('m/s^2' as const) : ('rad/s' as const),
}));
const RATE = 100;

/** Value of frame i, channel c: the same generator on both sides of a reload. */
const value = (i: number, c: number) => Math.fround(Math.sin(i * 0.013 + c) * 9.81 + i * 1e-6);

function batch(firstFrame: number, frames: number, seq: number): SampleBatch {
  const data = new Float32Array(frames * 6);
  for (let i = 0; i < frames; i++) for (let c = 0; c < 6; c++) data[i * 6 + c] = value(firstFrame + i, c);
  return { kind: 'imu', channels: CHANNELS, rate: RATE, t0: firstFrame / RATE, seq, length: frames, data };
}

/** Replays a session and checks every value against the generator; returns frames read. */
async function verify(db: Awaited<ReturnType<typeof openWearDb>>, id: string): Promise<{ frames: number; exact: boolean }> {
  let frames = 0;
  let exact = true;
  await new Promise<void>((done, fail) =>
    replaySession(db, id).subscribe({
      next: (b) => {
        for (let i = 0; i < b.length; i++) for (let c = 0; c < 6; c++) if (b.data[i * 6 + c] !== value(frames + i, c)) exact = false;
        if (Math.abs(b.t0 - frames / RATE) > 1e-9) exact = false;
        frames += b.length;
      },
      error: fail,
      complete: done,
    }),
  );
  return { frames, exact };
}

let live: { sub: Subscription; progress: RecordingProgress[]; error?: { name: string; code?: string; message: string } } | undefined;

const api = {
  /** Starts a live recording of `frames`-frame batches every `everyMs`, with labels. */
  async startRecording(frames: number, everyMs: number, flushMs: number): Promise<string> {
    const db = await openWearDb();
    const { id } = await createSession(db, { subject: 'browser' });
    const source = new Subject<SampleBatch>();
    const progress: RecordingProgress[] = [];
    live = {
      progress,
      sub: source.pipe(recordSession(db, id, { flushMs })).subscribe({
        next: (p) => progress.push(p),
        error: (e: Error) => (live!.error = { name: e.name, code: (e as SdkError).code, message: e.message }),
      }),
    };
    const walk = await addLabel(db, id, { label: 'WALKING', start: 0 });
    let n = 0;
    const timer = setInterval(() => {
      if (live?.error) return clearInterval(timer);
      source.next(batch(n * frames, frames, n));
      n++;
    }, everyMs);
    setTimeout(() => void updateLabel(db, walk.id!, { end: 0.5 }).then(() => addLabel(db, id, { label: 'RUNNING', start: 0.5 })), 50);
    return id;
  },
  /** Totals of the live recording as last reported, and its error if any. */
  status: () => ({ last: live?.progress.at(-1), error: live?.error }),
  /** After a reload: recover, then read the session back. */
  async recover(id: string) {
    const db = await openWearDb();
    const recovered = (await recoverSessions(db)).map((s) => s.id);
    const s = await getSession(db, id);
    const labels = (await listLabels(db, id)).map((l) => [l.label, l.start, l.end ?? null]);
    return { recovered, status: s.status, storedFrames: s.streams.imu?.frames ?? 0, ...(await verify(db, id)), labels };
  },
  /** Records as fast as possible until the quota stops it; returns what was reported and what is stored. */
  async fillQuota(batchFrames: number) {
    const db = await openWearDb({ name: 'quota' });
    const { id } = await createSession(db);
    const source = new Subject<SampleBatch>();
    const progress: RecordingProgress[] = [];
    const error = await new Promise<{ name: string; code?: string; isSdkError: boolean; message: string }>((done) => {
      source.pipe(recordSession(db, id, { flushMs: 200, flushValues: batchFrames * 6 })).subscribe({
        next: (p) => progress.push(p),
        error: (e: Error) => done({ name: e.name, code: (e as SdkError).code, isSdkError: e instanceof SdkError, message: e.message }),
        complete: () => done({ name: 'none', isSdkError: false, message: 'completed' }),
      });
      let n = 0;
      const push = () => {
        if (!source.observed || n > 2000) {
          source.complete();
          return;
        }
        source.next(batch(n * batchFrames, batchFrames, n));
        n++;
        setTimeout(push, 0);
      };
      push();
    });
    const s = await getSession(db, id);
    return {
      error,
      lastReported: progress.at(-1)?.frames ?? 0,
      status: s.status,
      storedFrames: s.streams.imu?.frames ?? 0,
      ...(await verify(db, id)),
      health: await storageHealth(),
    };
  },
  /** Records a short session, exports it, imports the file and compares both sessions. */
  async roundTrip() {
    const db = await openWearDb({ name: 'roundtrip' });
    const { id } = await createSession(db, { subject: 'rt' });
    const src = new Subject<SampleBatch>();
    const done = new Promise<void>((ok, fail) => src.pipe(recordSession(db, id)).subscribe({ error: fail, complete: ok }));
    for (let n = 0; n < 50; n++) src.next(batch(n * 37, 37, n));
    src.complete();
    await done;
    await addLabel(db, id, { label: 'SITTING', start: 1, end: 4 });
    const blob = await new Response(exportSession(db, id)).blob();
    const copy = await importSession(db, blob);
    return {
      bytes: blob.size,
      original: await verify(db, id),
      copy: await verify(db, copy.id),
      copyLabels: (await listLabels(db, copy.id)).map((l) => l.label),
    };
  },
  /** Starts importing a recorded session's file from a source that stops after half of it. */
  async startImport(): Promise<{ original: string; staged: string }> {
    const db = await openWearDb({ name: 'import' });
    const { id } = await createSession(db, { subject: 'imp' });
    const src = new Subject<SampleBatch>();
    const done = new Promise<void>((ok, fail) =>
      src.pipe(recordSession(db, id, { maxChunkFrames: 50 })).subscribe({ error: fail, complete: ok }),
    );
    for (let n = 0; n < 80; n++) src.next(batch(n * 50, 50, n));
    src.complete();
    await done;
    const file = new Uint8Array(await new Response(exportSession(db, id)).arrayBuffer());
    let fed = 0;
    const stalled = new ReadableStream<Uint8Array>({
      pull(c) {
        if (fed >= file.length / 2) return new Promise<void>(() => {});
        c.enqueue(file.slice(fed, (fed += 1000)));
      },
    });
    let reports = 0;
    const staged = await new Promise<string>((thirdReport, failed) => {
      importSession(db, stalled, {
        writeBytes: 8000,
        onProgress: (p) => {
          if (++reports === 3) thirdReport(p.session);
        },
      }).then(() => failed(new Error('the import finished from half a file')), failed);
    });
    return { original: id, staged };
  },
  /** After a reload: recovery, listing, and what is left of a staged import. */
  async afterImport(staged: string) {
    const db = await openWearDb({ name: 'import' });
    const recovered = (await recoverSessions(db, { staleMs: 0 })).map((s) => s.id);
    return {
      recovered,
      listed: (await listSessions(db)).map((s) => s.id),
      stagedLeft: (await idbOf(db).get('sessions', staged)) !== undefined,
      chunksLeft: await idbOf(db).count('chunks', IDBKeyRange.bound([staged], [staged, []])),
    };
  },
  /** Opens a version-1 database holding a damaged chunk with the current SDK: the upgrade must fail whole. */
  async failedMigration() {
    const name = 'migration';
    const v1 = await openWearDb({ name, version: 1 });
    const raw = (store: string) =>
      idbOf(v1).transaction(store as 'chunks', 'readwrite').store as unknown as { put(v: unknown): Promise<unknown> };
    await raw('sessions').put({ id: 'old', status: 'complete', createdAt: 1, updatedAt: 2, streams: {} });
    const b = batch(0, 10, 0);
    await raw('chunks').put({
      session: 'old',
      stream: 'imu',
      seq: 0,
      kind: 'imu',
      channels: CHANNELS,
      rate: RATE,
      t0: 0,
      frames: 10,
      data: b.data,
    });
    await raw('chunks').put({
      session: 'old',
      stream: 'imu',
      seq: 1,
      kind: 'imu',
      channels: CHANNELS,
      rate: RATE,
      t0: 0.1,
      frames: 10,
      data: null,
    });
    v1.close();
    const error = await openWearDb({ name }).then(
      () => undefined,
      (e: Error) => ({ name: e.name, code: (e as SdkError).code, isSdkError: e instanceof SdkError, message: e.message }),
    );
    const again = await openWearDb({ name, version: 1 });
    const after = { version: again.version, stores: [...idbOf(again).objectStoreNames].sort(), chunks: await idbOf(again).count('chunks') };
    again.close();
    return { error, after };
  },
};

(globalThis as { storagePage?: typeof api }).storagePage = api;
