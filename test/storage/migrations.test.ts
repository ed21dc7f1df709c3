// Upgrading a database written by schema v1 to the current version keeps every record.
import { describe, expect, it } from 'vitest';
import { openWearDb } from '../../src/storage/open.js';
import { SCHEMA_VERSION } from '../../src/storage/migrations.js';
import { getSession, listSessions } from '../../src/storage/sessions.js';
import { listLabels } from '../../src/storage/labels.js';
import { replaySession } from '../../src/storage/replay-session.js';
import { StorageError } from '../../src/errors.js';
import { all, concatData, imuBatches } from './helpers.js';
import { idbOf } from '../../src/storage/wear-db.js';

describe('schema migrations', () => {
  it('carries sessions, chunks and labels from v1 to the current version and backfills totals', async () => {
    const name = `migrate-${process.pid}`;
    const v1 = await openWearDb({ name, version: 1 });
    expect([...idbOf(v1).objectStoreNames].sort()).toEqual(['chunks', 'labels', 'sessions']);
    const batches = imuBatches(3, 40);
    // A v1 session: no totals (v1 computed them on read).
    const tx = idbOf(v1).transaction(['sessions', 'chunks', 'labels'], 'readwrite');
    const raw = tx.objectStore('sessions') as unknown as { put(v: unknown): Promise<unknown> };
    await raw.put({
      id: 'old',
      status: 'complete',
      createdAt: 1000,
      updatedAt: 5000,
      subject: 'S7',
      streams: { imu: { kind: 'imu', channels: batches[0]!.channels, rate: 50 } },
    });
    for (const [seq, b] of batches.entries()) {
      await tx
        .objectStore('chunks')
        .put({ session: 'old', stream: 'imu', seq, kind: 'imu', channels: b.channels, rate: 50, t0: b.t0, frames: 40, data: b.data });
    }
    await tx.objectStore('labels').add({ session: 'old', kind: 'activity', label: 'WALKING', start: 0.5, end: 2, updatedAt: 1 });
    await tx.done;
    v1.close();

    const db = await openWearDb({ name });
    expect(db.version).toBe(SCHEMA_VERSION);
    expect([...idbOf(db).objectStoreNames].sort()).toEqual([
      'checkpoints',
      'chunks',
      'embeddings',
      'examples',
      'labels',
      'meta',
      'predictions',
      'runs',
      'sessions',
    ]);
    const s = await getSession(db, 'old');
    expect(s.subject).toBe('S7');
    expect(s.bytes).toBe(3 * 40 * 6 * 4);
    expect(s.streams.imu).toMatchObject({ chunks: 3, frames: 120, t0: 0 });
    expect(s.streams.imu!.tEnd).toBeCloseTo(120 / 50, 12);
    expect((await listSessions(db)).map((x) => x.id)).toEqual(['old']);
    expect((await listLabels(db, 'old')).map((l) => [l.label, l.start, l.end])).toEqual([['WALKING', 0.5, 2]]);
    expect(concatData(await all(replaySession(db, 'old')))).toEqual(concatData(batches));
    db.close();
  });

  it('refuses a database written by a newer version with E_VERSION', async () => {
    const name = `newer-${process.pid}`;
    (await openWearDb({ name, version: SCHEMA_VERSION + 1 })).close();
    const err = await openWearDb({ name }).catch((e) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect(err.code).toBe('E_VERSION');
  });
});

describe('a migration that fails', () => {
  it('aborts the upgrade: the database stays at its old version with its data, and the open fails with a StorageError', async () => {
    const name = `migrate-fail-${process.pid}`;
    const v1 = await openWearDb({ name, version: 1 });
    const batches = imuBatches(2, 40);
    const tx = idbOf(v1).transaction(['sessions', 'chunks'], 'readwrite');
    const raw = (store: string) => tx.objectStore(store as 'sessions') as unknown as { put(v: unknown): Promise<unknown> };
    await raw('sessions').put({ id: 'old', status: 'complete', createdAt: 1000, updatedAt: 5000, streams: {} });
    await raw('chunks').put({
      session: 'old',
      stream: 'imu',
      seq: 0,
      kind: 'imu',
      channels: batches[0]!.channels,
      rate: 50,
      t0: 0,
      frames: 40,
      data: batches[0]!.data,
    });
    // A damaged chunk: the v3 step (totals backfill) fails on it after the v2 stores and the v3 index exist.
    await raw('chunks').put({
      session: 'old',
      stream: 'imu',
      seq: 1,
      kind: 'imu',
      channels: batches[0]!.channels,
      rate: 50,
      t0: 0.8,
      frames: 40,
      data: null,
    });
    await tx.done;
    v1.close();

    const err = await openWearDb({ name }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect((err as StorageError).code).toBe('E_STORAGE');
    expect((err as StorageError).message).toMatch(/migration to version 3/);

    const again = await openWearDb({ name, version: 1 });
    expect(again.version).toBe(1);
    expect([...idbOf(again).objectStoreNames].sort()).toEqual(['chunks', 'labels', 'sessions']);
    expect([...idbOf(again).transaction('sessions').store.indexNames]).toEqual(['byStatus']);
    expect(await idbOf(again).count('chunks')).toBe(2);
    expect(await idbOf(again).get('sessions', 'old')).toMatchObject({ id: 'old', status: 'complete' });
    again.close();
  });
});
