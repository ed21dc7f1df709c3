// recordSession: chunked writes, flush timing, totals, failures that keep what was written.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Subject, firstValueFrom, from } from 'rxjs';
import { createSession, getSession } from '../../src/storage/sessions.js';
import { recordSession, type RecordingProgress } from '../../src/storage/record-session.js';
import { replaySession } from '../../src/storage/replay-session.js';
import { InputError, StorageError } from '../../src/errors.js';
import type { SampleBatch } from '../../src/core/batch.js';
import { idbOf, type WearDb } from '../../src/storage/wear-db.js';
import { all, concatData, ecgBatch, freshDb, imuBatches } from './helpers.js';

/** Resolves after the pending promise callbacks have run (one macrotask turn, no wall-clock wait). */
const settle = () => new Promise((r) => setImmediate(r));

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('recordSession', () => {
  it('writes at once when the page is hidden or unloaded, without waiting for the timer', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] }); // the flush timer never fires here
    const handlers = new Map<string, () => void>();
    const page = { visibilityState: 'visible' };
    vi.stubGlobal('document', page);
    vi.stubGlobal('addEventListener', (type: string, fn: () => void) => handlers.set(type, fn));
    vi.stubGlobal('removeEventListener', (type: string) => handlers.delete(type));
    const db = await freshDb();
    const { id } = await createSession(db);
    const live = new Subject<SampleBatch>();
    const progress = new Subject<RecordingProgress>();
    const seen: number[] = [];
    progress.subscribe((p) => seen.push(p.frames));
    const sub = live.pipe(recordSession(db, id, { flushMs: 1000 })).subscribe(progress);
    const [a, b, c] = imuBatches(3, 10);
    live.next(a!);
    await vi.waitFor(async () => expect((await getSession(db, id)).status).toBe('recording'));
    handlers.get('visibilitychange')!(); // still visible: nothing to do
    await settle(); // a write started by that event would have taken batch a alone by now
    live.next(b!);
    page.visibilityState = 'hidden';
    const hidden = firstValueFrom(progress);
    handlers.get('visibilitychange')!();
    expect((await hidden).frames).toBe(20);
    expect(seen).toEqual([20]); // one write, of both batches: the visible event wrote nothing
    expect((await getSession(db, id)).streams.imu!.frames).toBe(20);
    live.next(c!);
    const unloaded = firstValueFrom(progress);
    handlers.get('pagehide')!();
    expect((await unloaded).frames).toBe(30);
    expect((await getSession(db, id)).streams.imu!.frames).toBe(30);
    sub.unsubscribe();
    expect(handlers.size).toBe(0); // listeners removed when the recording stops
    await vi.waitFor(async () => expect((await getSession(db, id)).status).toBe('complete'));
  });

  it('stores every sample of two streams and replays them bit-identically', async () => {
    const db = await freshDb();
    const { id } = await createSession(db, { subject: 'S1' });
    const imu = imuBatches(40, 25);
    const ecg = Array.from({ length: 30 }, (_, i) => ecgBatch(i, 65));
    const mixed: SampleBatch[] = [];
    for (let i = 0; i < 40; i++) mixed.push(imu[i]!, ...(i < 30 ? [ecg[i]!] : []));
    const progress = await all(from(mixed).pipe(recordSession(db, id, { maxChunkFrames: 100 })));
    const last = progress.at(-1)!;
    expect(last.status).toBe('complete');
    expect(last.frames).toBe(40 * 25 + 30 * 65);
    expect(last.samples).toBe(40 * 25 * 6 + 30 * 65);
    const s = await getSession(db, id);
    expect(s.status).toBe('complete');
    expect(s.streams.imu!.chunks).toBe(10); // 1000 frames in chunks of at most 100
    expect(s.bytes).toBe((40 * 25 * 6 + 30 * 65) * 4);
    const imuBack = await all(replaySession(db, id, { streams: ['imu'] }));
    expect(imuBack.map((b) => b.seq)).toEqual([...Array(10).keys()]);
    expect(concatData(imuBack)).toEqual(concatData(imu));
    expect(imuBack[3]!.t0).toBeCloseTo(300 / 50, 12);
    expect(concatData(await all(replaySession(db, id, { streams: ['ecg'] })))).toEqual(concatData(ecg));
    // Merged replay is ordered by time.
    const both = await all(replaySession(db, id));
    expect(both.map((b) => b.t0)).toEqual([...both.map((b) => b.t0)].sort((a, b) => a - b));
  });

  it('writes buffered samples within flushMs while the stream stays open, and reports them', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const db = await freshDb();
    const { id } = await createSession(db);
    const live = new Subject<SampleBatch>();
    const progress = new Subject<RecordingProgress>();
    const seen: RecordingProgress[] = [];
    progress.subscribe((p) => seen.push(p));
    const sub = live.pipe(recordSession(db, id, { flushMs: 50 })).subscribe(progress);
    for (const b of imuBatches(4, 10)) live.next(b);
    const flushed = firstValueFrom(progress);
    vi.advanceTimersByTime(50); // the flush timer: nothing else writes while the stream stays open
    expect(await flushed).toMatchObject({ status: 'recording', frames: 40, samples: 240 });
    const s = await getSession(db, id);
    expect(s.status).toBe('recording');
    expect(s.streams.imu!.frames).toBe(40);
    for (const b of imuBatches(2, 10, 50, 40)) live.next(b);
    sub.unsubscribe(); // stopping writes what is buffered and closes the session
    await vi.waitFor(async () => expect((await getSession(db, id)).status).toBe('complete'));
    expect((await getSession(db, id)).streams.imu!.frames).toBe(60);
  });

  it('keeps gap markers and batch times across a dropout', async () => {
    const db = await freshDb();
    const { id } = await createSession(db);
    const [a, b] = imuBatches(2, 20);
    const late = { ...imuBatches(1, 20, 50, 100)[0]!, gapBefore: 1.2 };
    await all(from([a!, b!, late]).pipe(recordSession(db, id)));
    const back = await all(replaySession(db, id));
    expect(back.map((x) => [x.t0, x.length, x.gapBefore])).toEqual([
      [0, 40, undefined],
      [2, 20, 1.2],
    ]);
  });

  it('splits replay into batches of batchFrames without changing samples', async () => {
    const db = await freshDb();
    const { id } = await createSession(db);
    const input = imuBatches(5, 30);
    await all(from(input).pipe(recordSession(db, id)));
    const back = await all(replaySession(db, id, { batchFrames: 32 }));
    expect(back.map((b) => b.length)).toEqual([32, 32, 32, 32, 22]);
    expect(back.map((b) => b.t0)).toEqual([0, 32, 64, 96, 128].map((f) => f / 50));
    expect(concatData(back)).toEqual(concatData(input));
  });

  it('reads back sessions of many read pages in order', async () => {
    const db = await freshDb();
    const { id } = await createSession(db);
    const input = imuBatches(100, 7);
    await all(from(input).pipe(recordSession(db, id, { maxChunkFrames: 5 })));
    const back = await all(replaySession(db, id));
    expect(back.length).toBe(140); // 700 frames in chunks of 5: three pages of 64 chunks
    expect(back.map((b) => b.seq)).toEqual([...Array(140).keys()]);
    expect(concatData(back)).toEqual(concatData(input));
  });

  it('fails on a batch that goes back in time, keeping what came before it', async () => {
    const db = await freshDb();
    const { id } = await createSession(db);
    const [a, b] = imuBatches(2, 20);
    const err = await all(from([a!, b!, a!]).pipe(recordSession(db, id))).catch((e) => e);
    expect(err).toBeInstanceOf(InputError);
    expect(err.code).toBe('E_NON_MONOTONIC');
    const s = await getSession(db, id);
    expect(s.status).toBe('failed');
    expect(concatData(await all(replaySession(db, id)))).toEqual(concatData([a!, b!]));
  });

  it('passes a source error through and marks the session failed', async () => {
    const db = await freshDb();
    const { id } = await createSession(db);
    const live = new Subject<SampleBatch>();
    const out = all(live.pipe(recordSession(db, id))).catch((e) => e);
    live.next(imuBatches(1, 10)[0]!);
    live.error(new Error('strap disconnected'));
    expect((await out).message).toBe('strap disconnected');
    expect(await getSession(db, id)).toMatchObject({ status: 'failed', reason: 'strap disconnected' });
    expect((await all(replaySession(db, id)))[0]!.length).toBe(10);
  });

  it('refuses a session that is not new', async () => {
    const db = await freshDb();
    const { id } = await createSession(db);
    await all(from(imuBatches(1, 10)).pipe(recordSession(db, id)));
    const err = await all(from(imuBatches(1, 10)).pipe(recordSession(db, id))).catch((e) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect(err.code).toBe('E_STATE');
    expect((await getSession(db, id)).status).toBe('complete');
  });

  it('turns a full quota into StorageError E_QUOTA and keeps every earlier flush readable', async () => {
    const db = await freshDb();
    const { id } = await createSession(db);
    const quotaAfter = quotaAfterWrites(db, 3); // three flushes fit, the fourth hits the quota
    const live = new Subject<SampleBatch>();
    const seen: RecordingProgress[] = [];
    const out = new Promise<unknown>((resolve) =>
      live.pipe(recordSession(quotaAfter, id, { flushMs: 30 })).subscribe({ next: (p) => seen.push(p), error: resolve }),
    );
    const batches = imuBatches(5, 10);
    for (const b of batches.slice(0, 3)) {
      live.next(b);
      await vi.waitFor(() => expect(seen.at(-1)?.frames).toBe(b.t0 * b.rate + b.length));
    }
    live.next(batches[3]!);
    const err = (await out) as StorageError;
    expect(err).toBeInstanceOf(StorageError);
    expect(err.code).toBe('E_QUOTA');
    expect(err.details).toEqual({ session: id, framesWritten: 30, framesLost: 10 });
    expect(live.observed).toBe(false); // recording stopped: the source was unsubscribed
    expect(seen.at(-1)!.frames).toBe(30);
    expect(concatData(await all(replaySession(db, id)))).toEqual(concatData(batches.slice(0, 3)));
  });
});

/** A view of `db` whose chunk writes fail with QuotaExceededError after `n` of them succeed. */
function quotaAfterWrites(db: WearDb, n: number): WearDb {
  let writes = 0;
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'transaction') {
        return (stores: string | string[], mode?: IDBTransactionMode) => {
          if (mode === 'readwrite' && Array.isArray(stores) && stores.includes('chunks') && ++writes > n + 1) {
            throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
          }
          return idbOf(target).transaction(stores as 'chunks', mode);
        };
      }
      const v = Reflect.get(target, prop);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}
