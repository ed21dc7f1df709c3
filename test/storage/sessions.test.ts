// Sessions and labels: create, edit, list, delete, recover after a crash.
import { describe, expect, it, vi } from 'vitest';
import { from, Subject } from 'rxjs';
import { createSession, deleteSession, getSession, listSessions, updateSession } from '../../src/storage/sessions.js';
import { addLabel, listLabels, removeLabel, updateLabel } from '../../src/storage/labels.js';
import { recordSession } from '../../src/storage/record-session.js';
import { recoverSessions } from '../../src/storage/recover.js';
import { replaySession } from '../../src/storage/replay-session.js';
import { InputError } from '../../src/errors.js';
import type { SampleBatch } from '../../src/core/batch.js';
import { all, concatData, freshDb, imuBatches, recordingStarted } from './helpers.js';
import { idbOf } from '../../src/storage/wear-db.js';

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: { code?: string }) => e.code,
  );

describe('sessions', () => {
  it('creates, edits, lists by status and refuses duplicates and missing ids', async () => {
    const db = await freshDb();
    const a = await createSession(db, { id: 'a', subject: 'S1', device: { model: 'H10' } });
    expect(a).toMatchObject({ id: 'a', status: 'created', streams: {}, bytes: 0 });
    await createSession(db, { id: 'b' });
    expect(await codeOf(createSession(db, { id: 'a' }))).toBe('E_STATE');
    expect(await codeOf(getSession(db, 'nope'))).toBe('E_NOT_FOUND');
    await updateSession(db, 'a', { notes: 'loose strap' });
    expect(await getSession(db, 'a')).toMatchObject({ subject: 'S1', notes: 'loose strap', device: { model: 'H10' } });
    await all(from(imuBatches(1, 10)).pipe(recordSession(db, 'b')));
    expect((await listSessions(db, 'complete')).map((s) => s.id)).toEqual(['b']);
    expect((await listSessions(db)).map((s) => s.id)).toEqual(['a', 'b']);
  });

  it('deletes a session with its chunks and labels, leaving other sessions whole', async () => {
    const db = await freshDb();
    for (const id of ['keep', 'drop']) {
      await createSession(db, { id });
      await all(from(imuBatches(3, 20)).pipe(recordSession(db, id, { maxChunkFrames: 20 })));
      await addLabel(db, id, { label: 'SITTING', start: 0, end: 1 });
    }
    await deleteSession(db, 'drop');
    expect(await codeOf(getSession(db, 'drop'))).toBe('E_NOT_FOUND');
    expect(await idbOf(db).count('chunks')).toBe(3);
    expect(await idbOf(db).count('labels')).toBe(1);
    expect(concatData(await all(replaySession(db, 'keep')))).toEqual(concatData(imuBatches(3, 20)));
  });

  it('refuses to delete a session that is being recorded', async () => {
    const db = await freshDb();
    const { id } = await createSession(db);
    const sub = await recordingStarted(db, id);
    expect(await codeOf(deleteSession(db, id))).toBe('E_STATE');
    sub.unsubscribe();
  });
});

describe('labels', () => {
  it('adds open intervals, closes and edits them, lists by start time', async () => {
    const db = await freshDb();
    const { id } = await createSession(db);
    const walk = await addLabel(db, id, { label: 'WALKING', start: 10 });
    expect(walk.end).toBeUndefined();
    const fall = await addLabel(db, id, { label: 'fall', kind: 'event', start: 4 });
    expect(fall.end).toBe(4);
    await updateLabel(db, walk.id!, { end: 25, note: 'park' });
    expect((await listLabels(db, id)).map((l) => [l.label, l.start, l.end])).toEqual([
      ['fall', 4, 4],
      ['WALKING', 10, 25],
    ]);
    await removeLabel(db, fall.id!);
    expect((await listLabels(db, id)).map((l) => l.label)).toEqual(['WALKING']);
  });

  it('rejects bad ranges and unknown sessions with typed errors', async () => {
    const db = await freshDb();
    const { id } = await createSession(db);
    const err = await addLabel(db, id, { label: 'X', start: 5, end: 2 }).catch((e) => e);
    expect(err).toBeInstanceOf(InputError);
    expect(err.details.argument).toBe('end');
    expect(await codeOf(addLabel(db, id, { label: '', start: 0 }))).toBe('E_ARGUMENT');
    expect(await codeOf(addLabel(db, 'ghost', { label: 'X', start: 0 }))).toBe('E_NOT_FOUND');
    const l = await addLabel(db, id, { label: 'X', start: 1 });
    expect(await codeOf(updateLabel(db, l.id!, { start: Number.NaN }))).toBe('E_ARGUMENT');
    expect(await codeOf(updateLabel(db, 9999, { end: 3 }))).toBe('E_NOT_FOUND');
    expect((await listLabels(db, id))[0]!.start).toBe(1);
  });
});

describe('recoverSessions', () => {
  it('marks sessions left recording by a dead context interrupted and keeps their chunks', async () => {
    const db = await freshDb();
    const { id } = await createSession(db);
    const batches = imuBatches(2, 25);
    await all(from(batches).pipe(recordSession(db, id)));
    // What a page that died after two flushes leaves behind: status still `recording`.
    const lastFlush = Date.now() - 60_000;
    await idbOf(db).put('sessions', { ...(await getSession(db, id)), status: 'recording', updatedAt: lastFlush });
    // A session being recorded right now in this context stays untouched.
    const { id: liveId } = await createSession(db);
    const live = new Subject<SampleBatch>();
    const sub = live.pipe(recordSession(db, liveId)).subscribe();
    await vi.waitFor(async () => expect((await getSession(db, liveId)).status).toBe('recording'));
    const recovered = await recoverSessions(db);
    expect(recovered.map((r) => r.id)).toEqual([id]);
    expect(await getSession(db, id)).toMatchObject({ status: 'interrupted', endedAt: lastFlush });
    expect((await getSession(db, liveId)).status).toBe('recording');
    expect(concatData(await all(replaySession(db, id)))).toEqual(concatData(batches));
    sub.unsubscribe();
  });

  it('without Web Locks, leaves a recently written session of another context alone', async () => {
    const db = await freshDb();
    const { id } = await createSession(db);
    const s = await getSession(db, id);
    await idbOf(db).put('sessions', { ...s, status: 'recording', updatedAt: Date.now() });
    expect(await recoverSessions(db)).toEqual([]);
    expect((await recoverSessions(db, { staleMs: 0 })).map((r) => r.id)).toEqual([id]);
  });
});
