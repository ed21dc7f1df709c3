// Opt-in sync over tus against a real tus server: nothing without an endpoint; every finished
// session arrives once and whole, through cut connections, aborts and reopened databases.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { from } from 'rxjs';
import { createSession } from '../../src/storage/sessions.js';
import { addLabel } from '../../src/storage/labels.js';
import { recordSession } from '../../src/storage/record-session.js';
import { replaySession } from '../../src/storage/replay-session.js';
import { exportSession } from '../../src/storage/export-session.js';
import { importSession } from '../../src/storage/import-session.js';
import { getSyncState, syncSessions, type SyncProgress } from '../../src/storage/sync.js';
import { openWearDb } from '../../src/storage/open.js';
import { idbOf, type WearDb } from '../../src/storage/wear-db.js';
import { all, concatData, freshDb, imuBatches } from './helpers.js';
import { startTus, type TusFixture } from './tus-server.js';

let tus: TusFixture;
beforeEach(async () => (tus = await startTus()));
afterEach(async () => tus.close());

/** A finished session of about `frames * 24` bytes of samples. */
async function finished(db: WearDb, subject: string, batches = 40) {
  const { id } = await createSession(db, { subject });
  const imu = imuBatches(batches, 500);
  await all(from(imu).pipe(recordSession(db, id)));
  await addLabel(db, id, { label: 'WALKING', start: 1, end: 20 });
  return { id, imu };
}

const exported = async (db: WearDb, id: string) => {
  const s = (await idbOf(db).get('sessions', id))!;
  return new Uint8Array(await new Response(exportSession(db, id, { exportedAt: s.endedAt ?? s.updatedAt })).arrayBuffer());
};
const fast = { chunkSize: 64 << 10, retryDelays: [0, 50, 100, 200] };

describe('syncSessions', () => {
  it('sends nothing without an explicit http(s) endpoint', async () => {
    const db = await freshDb();
    await finished(db, 'S1', 2);
    for (const bad of [undefined, '', 'ftp://x/files', 'files/']) {
      await expect(syncSessions(db, { endpoint: bad as unknown as string })).rejects.toMatchObject({ code: 'E_ARGUMENT' });
    }
    expect(tus.created + tus.forwarded).toBe(0);
  });

  it('uploads each finished session once, whole, and skips it afterwards', async () => {
    const db = await freshDb();
    const a = await finished(db, 'S1');
    const b = await finished(db, 'S2', 10);
    await createSession(db, { subject: 'not recorded yet' }); // status created: not sent
    const seen: SyncProgress[] = [];
    const r = await syncSessions(db, { endpoint: tus.endpoint, ...fast, onProgress: (p) => seen.push(p) });
    expect(r).toEqual({ sent: [a.id, b.id], alreadySent: [], failed: [] });
    expect(tus.finished.map((f) => f.metadata.session)).toEqual([a.id, b.id]);
    expect(tus.finished[0]!.metadata).toMatchObject({ filename: `${a.id}.sclw`, subject: 'S1' });
    expect(tus.file(tus.finished[0]!.id)).toEqual(await exported(db, a.id));
    // What the server holds imports back into the same samples.
    const copy = await importSession(db, tus.file(tus.finished[1]!.id));
    expect(concatData(await all(replaySession(db, copy.id)))).toEqual(concatData(b.imu));
    expect(await getSyncState(db, a.id)).toMatchObject({ state: 'sent', size: (await exported(db, a.id)).length });
    const ofA = seen.filter((p) => p.session === a.id);
    expect(ofA.map((p) => p.bytes)).toEqual([...ofA.map((p) => p.bytes)].sort((x, y) => x - y));
    expect(ofA.at(-1)).toMatchObject({ status: 'sent' });
    // Again: nothing goes out (the imported copy is finished too, and gets sent once).
    const before = tus.forwarded;
    const again = await syncSessions(db, { endpoint: tus.endpoint, ...fast, select: (s) => s.id !== copy.id });
    expect(again).toEqual({ sent: [], alreadySent: [a.id, b.id], failed: [] });
    expect(tus.forwarded).toBe(before);
    expect(tus.created).toBe(2);
  });

  it('a connection cut mid-upload is retried from the server offset: one upload, every byte once', async () => {
    const db = await freshDb();
    const a = await finished(db, 'S1');
    const size = (await exported(db, a.id)).length;
    tus.cutAfter(Math.floor(size / 2));
    const r = await syncSessions(db, { endpoint: tus.endpoint, ...fast });
    expect(r.sent).toEqual([a.id]);
    expect(tus.cuts).toBe(1);
    expect(tus.created).toBe(1);
    expect(tus.finished).toHaveLength(1);
    expect(tus.file(tus.finished[0]!.id)).toEqual(await exported(db, a.id));
    expect(tus.forwarded).toBeLessThan(size * 1.25); // resumed, not restarted
  });

  it('after an abort and a reopened database, the upload resumes where the server stopped', async () => {
    const name = `sync-reload-${process.pid}`;
    let db = await openWearDb({ name });
    const a = await finished(db, 'S1');
    const size = (await exported(db, a.id)).length;
    const stop = new AbortController();
    const r1 = await syncSessions(db, {
      endpoint: tus.endpoint,
      ...fast,
      onProgress: (p) => p.bytes > size / 3 && stop.abort(),
      signal: stop.signal,
    });
    expect(r1.failed.map((f) => [f.session, f.error.code])).toEqual([[a.id, 'E_NETWORK']]);
    expect(await getSyncState(db, a.id)).toMatchObject({ state: 'uploading' });
    db.close();
    db = await openWearDb({ name }); // as after a page reload
    const sentBefore = tus.forwarded;
    const r2 = await syncSessions(db, { endpoint: tus.endpoint, ...fast });
    expect(r2.sent).toEqual([a.id]);
    expect(tus.created).toBe(1);
    expect(tus.finished).toHaveLength(1);
    expect(tus.file(tus.finished[0]!.id)).toEqual(await exported(db, a.id));
    expect(tus.forwarded - sentBefore).toBeLessThan(size * 0.8);
    db.close();
  });

  it('a crash after the last byte but before marking sent: the next sync only confirms it', async () => {
    const db = await freshDb();
    const a = await finished(db, 'S1', 10);
    await syncSessions(db, { endpoint: tus.endpoint, ...fast });
    const state = (await getSyncState(db, a.id))!;
    await idbOf(db).put('meta', { key: `sync:${a.id}`, value: { ...state, state: 'uploading', sentAt: undefined } }); // as if the page died there
    const before = tus.forwarded;
    const r = await syncSessions(db, { endpoint: tus.endpoint, ...fast });
    expect(r.sent).toEqual([a.id]);
    expect(tus.created).toBe(1);
    expect(tus.finished).toHaveLength(1);
    expect(tus.forwarded - before).toBeLessThan(1000); // a HEAD request, no body
    expect(await getSyncState(db, a.id)).toMatchObject({ state: 'sent', url: state.url });
  });

  it('a session changed after a partial upload starts a new upload and removes the partial one', async () => {
    const db = await freshDb();
    const a = await finished(db, 'S1');
    const stop = new AbortController();
    await syncSessions(db, { endpoint: tus.endpoint, ...fast, onProgress: (p) => p.bytes > 100_000 && stop.abort(), signal: stop.signal });
    const partial = (await getSyncState(db, a.id))!.url;
    await addLabel(db, a.id, { label: 'SITTING', start: 30 });
    const r = await syncSessions(db, { endpoint: tus.endpoint, ...fast });
    expect(r.sent).toEqual([a.id]);
    expect(tus.created).toBe(2);
    expect(tus.terminated).toEqual([partial.split('/').pop()]);
    expect(tus.finished).toHaveLength(1);
    expect(tus.file(tus.finished[0]!.id)).toEqual(await exported(db, a.id));
  });

  it('a server that is down fails the session with E_NETWORK and marks nothing sent', async () => {
    const db = await freshDb();
    const a = await finished(db, 'S1', 2);
    const r = await syncSessions(db, { endpoint: 'http://127.0.0.1:9/files/', retryDelays: [0] });
    expect(r.failed.map((f) => [f.session, f.error.code])).toEqual([[a.id, 'E_NETWORK']]);
    expect(await getSyncState(db, a.id)).toBeUndefined();
  });
});
