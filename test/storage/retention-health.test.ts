// Retention, storage health, stored results, fine-tuning runs and checkpoint activation.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { from, take } from 'rxjs';
import { createSession, getSession, listSessions } from '../../src/storage/sessions.js';
import { recordSession } from '../../src/storage/record-session.js';
import { applyRetention } from '../../src/storage/retention.js';
import { requestPersistence, storageHealth, watchStorage } from '../../src/storage/health.js';
import { listEmbeddings, listPredictions, putEmbeddings, putPredictions } from '../../src/storage/results.js';
import { getRun, saveRun } from '../../src/storage/runs.js';
import {
  activateCheckpoint,
  activeCheckpoint,
  listCheckpoints,
  rollbackCheckpoint,
  saveCheckpoint,
} from '../../src/storage/checkpoints.js';
import { idbOf, type WearDb } from '../../src/storage/wear-db.js';
import { all, freshDb, imuBatches, recordingStarted } from './helpers.js';

const DAY = 86_400_000;

async function recorded(db: WearDb, id: string, frames: number, endedDaysAgo: number) {
  await createSession(db, { id });
  await all(from(imuBatches(1, frames)).pipe(recordSession(db, id)));
  await idbOf(db).put('sessions', { ...(await getSession(db, id)), endedAt: Date.now() - endedDaysAgo * DAY });
}

afterEach(() => vi.unstubAllGlobals());

describe('applyRetention', () => {
  it('drops sessions past the age limit, then the oldest until under the size limit', async () => {
    const db = await freshDb();
    await recorded(db, 'ancient', 10, 40); // 240 bytes each per 10 frames of 6 channels
    await recorded(db, 'old', 10, 20);
    await recorded(db, 'mid', 10, 10);
    await recorded(db, 'new', 10, 1);
    expect(await applyRetention(db, { maxAgeDays: 30 })).toEqual(['ancient']);
    expect(await applyRetention(db, { maxBytes: 500 })).toEqual(['old']);
    expect((await listSessions(db)).map((s) => s.id)).toEqual(['mid', 'new']);
    expect(await idbOf(db).count('chunks')).toBe(2);
  });

  it('never removes a session being recorded or a protected one', async () => {
    const db = await freshDb();
    await recorded(db, 'precious', 10, 100);
    await updateNotes(db, 'precious', 'keep');
    const { id } = await createSession(db, { id: 'live' });
    const sub = await recordingStarted(db, id);
    expect(await applyRetention(db, { maxAgeDays: 0, maxBytes: 0, protect: (s) => s.notes === 'keep' })).toEqual([]);
    sub.unsubscribe();
  });
});

async function updateNotes(db: WearDb, id: string, notes: string) {
  await idbOf(db).put('sessions', { ...(await getSession(db, id)), notes });
}

describe('storage health', () => {
  it('reports usage, quota, persistence and the low mark from navigator.storage', async () => {
    let persisted = false;
    vi.stubGlobal('navigator', {
      storage: {
        estimate: async () => ({ usage: 950, quota: 1000 }),
        persisted: async () => persisted,
        persist: async () => (persisted = true),
      },
    });
    expect(await storageHealth({ minFreeBytes: 0 })).toEqual({ usage: 950, quota: 1000, fraction: 0.95, persisted: false, low: true });
    expect((await storageHealth({ lowFraction: 0.99, minFreeBytes: 10 })).low).toBe(false);
    expect((await storageHealth({ lowFraction: 0.99, minFreeBytes: 100 })).low).toBe(true);
    expect(await requestPersistence()).toBe(true);
    const watched = await all(watchStorage(5).pipe(take(3)));
    expect(watched.map((h) => h.persisted)).toEqual([true, true, true]);
  });

  it('says nothing it does not know where the Storage API is missing', async () => {
    vi.stubGlobal('navigator', {});
    expect(await storageHealth()).toEqual({ low: false });
    expect(await requestPersistence()).toBe(false);
  });
});

describe('results and fine-tuning records', () => {
  it('stores embeddings and predictions per session and model, replacing a window on rewrite', async () => {
    const db = await freshDb();
    const e = (t0: number, v: number) => ({
      session: 's',
      model: 'imu',
      stream: 'imu',
      t0,
      t1: t0 + 2.56,
      inv: new Float32Array([v]),
      var: new Float32Array(0),
      free: new Float32Array([v, v]),
    });
    await putEmbeddings(db, [e(1.28, 2), e(0, 1), { ...e(0, 9), model: 'acc' }]);
    await putEmbeddings(db, [e(0, 5)]);
    expect((await listEmbeddings(db, 's', 'imu')).map((r) => [r.t0, r.inv[0]])).toEqual([
      [0, 5],
      [1.28, 2],
    ]);
    await putPredictions(db, [
      { session: 's', model: 'imu', stream: 'imu', t0: 0, t1: 2.56, label: 'SITTING', probs: new Float32Array([0.9, 0.1]) },
    ]);
    expect((await listPredictions(db, 's', 'imu'))[0]!.probs).toEqual(new Float32Array([0.9, 0.1]));
    expect(await listPredictions(db, 's', 'acc')).toEqual([]);
  });

  it('activates checkpoints and rolls back through their history to the built-in head', async () => {
    const db = await freshDb();
    await saveRun(db, { id: 'r1', status: 'complete', createdAt: 1, updatedAt: 1, config: {}, epochs: [] });
    for (const id of ['c1', 'c2'])
      await saveCheckpoint(db, { id, run: 'r1', createdAt: id === 'c1' ? 1 : 2, model: 'imu', classes: ['a'], head: {}, metrics: {} });
    expect((await getRun(db, 'r1')).checkpoint).toBe('c2');
    expect((await listCheckpoints(db, 'imu')).map((c) => c.id)).toEqual(['c1', 'c2']);
    expect(await activeCheckpoint(db, 'imu')).toBeNull();
    await activateCheckpoint(db, 'c1');
    await activateCheckpoint(db, 'c2');
    expect(await activeCheckpoint(db, 'imu')).toBe('c2');
    expect(await rollbackCheckpoint(db, 'imu')).toBe('c1');
    expect(await rollbackCheckpoint(db, 'imu')).toBeNull();
    expect((await rollbackCheckpoint(db, 'imu').catch((e) => e)).code).toBe('E_STATE');
    expect((await activateCheckpoint(db, 'nope').catch((e) => e)).code).toBe('E_NOT_FOUND');
    expect(
      (await saveCheckpoint(db, { id: 'x', run: 'ghost', createdAt: 3, model: 'imu', classes: [], head: {}, metrics: {} }).catch((e) => e))
        .code,
    ).toBe('E_NOT_FOUND');
  });
});
