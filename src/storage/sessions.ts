import { checkArg, StorageError } from '../errors.js';
import { type SessionRecord, type SessionStatus } from './schema.js';
import { idbOf, type WearDb } from './wear-db.js';
import { settled } from './open.js';
import { liveness, STALE_MS } from './locks.js';
import { withStore } from './with-store.js';

/**
 * What describes a new session.
 *
 * @example
 * ```ts
 * import { openWearDb, createSession, type SessionInit } from 'scl-wear';
 * const init: SessionInit = { subject: 'S07', notes: 'treadmill', device: { model: 'Polar H10', placement: 'chest' } };
 * const session = await createSession(await openWearDb(), init);
 * ```
 */
export interface SessionInit {
  /** Id to use; a random UUID when omitted. */
  id?: string;
  /** Who or what is recorded, e.g. a participant code. */
  subject?: string;
  /** Free text. */
  notes?: string;
  /** Device and sensor description (model, firmware, placement...). */
  device?: Readonly<Record<string, string | number | boolean>>;
}

/**
 * Fields of a session that may be edited at any time.
 *
 * @example
 * ```ts
 * import { openWearDb, createSession, updateSession, type SessionEdit } from 'scl-wear';
 * const db = await openWearDb();
 * const { id } = await createSession(db);
 * const edit: SessionEdit = { subject: 'S08', notes: 'strap re-wetted at 5 min' };
 * await updateSession(db, id, edit);
 * ```
 */
export type SessionEdit = Pick<SessionRecord, 'subject' | 'notes' | 'device'>;

/** A random session id (UUID v4 when `crypto.randomUUID` exists). */
export function newId(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (c?.randomUUID) return c.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

/**
 * Creates an empty session (status `created`); record into it with `recordSession`.
 *
 * @param db - the open database
 * @param init - subject, notes, device description, optional id
 * @returns the stored session
 * @throws StorageError `E_STATE` when the id exists, `E_QUOTA` / `E_STORAGE` on write failure
 * @example
 * ```ts
 * import { openWearDb, createSession } from 'scl-wear';
 * const db = await openWearDb();
 * const session = await createSession(db, { subject: 'S01', device: { model: 'Polar H10' } });
 * ```
 */
export async function createSession(db: WearDb, init: SessionInit = {}): Promise<SessionRecord> {
  const now = Date.now();
  const record: SessionRecord = {
    id: init.id ?? newId(),
    status: 'created',
    createdAt: now,
    updatedAt: now,
    streams: {},
    bytes: 0,
    origin: 'recorded',
    ...(init.subject !== undefined && { subject: init.subject }),
    ...(init.notes !== undefined && { notes: init.notes }),
    ...(init.device !== undefined && { device: init.device }),
  };
  checkArg(typeof record.id === 'string' && record.id.length > 0, 'init.id', 'a non-empty string', record.id);
  await withStore('create session', async () => {
    const tx = idbOf(db).transaction('sessions', 'readwrite');
    const done = settled(tx);
    if (await tx.store.getKey(record.id)) throw new StorageError('E_STATE', `session ${record.id} already exists`);
    await tx.store.add(record);
    await done;
  });
  return record;
}

/**
 * Reads one session.
 *
 * @param db - the open database
 * @param id - session id
 * @throws StorageError `E_NOT_FOUND` when there is no such session
 * @example
 * ```ts
 * import { getSession } from 'scl-wear';
 * const { status, streams } = await getSession(db, id);
 * ```
 */
export async function getSession(db: WearDb, id: string): Promise<SessionRecord> {
  const s = await withStore('read session', () => idbOf(db).get('sessions', id));
  if (!s) throw new StorageError('E_NOT_FOUND', `no session ${JSON.stringify(id)}`, { details: { session: id } });
  return s;
}

/**
 * Lists sessions, oldest first, optionally only those with one status. Imports still running
 * (status `importing`) are listed only when asked for by that status.
 *
 * @param db - the open database
 * @param status - keep only sessions with this status
 * @throws StorageError `E_STORAGE` when IndexedDB fails
 * @example
 * ```ts
 * import { listSessions } from 'scl-wear';
 * for (const s of await listSessions(db, 'interrupted')) console.log(s.id, s.reason);
 * ```
 */
export async function listSessions(db: WearDb, status?: SessionStatus): Promise<SessionRecord[]> {
  return withStore('list sessions', async () => {
    if (status) return (await idbOf(db).getAllFromIndex('sessions', 'byStatus', status)).sort((a, b) => a.createdAt - b.createdAt);
    return (await idbOf(db).getAllFromIndex('sessions', 'byCreated')).filter((s) => s.status !== 'importing');
  });
}

/**
 * Edits a session's subject, notes or device description (allowed while recording).
 *
 * @param db - the open database
 * @param id - session id
 * @param edit - fields to replace
 * @throws StorageError `E_NOT_FOUND`, `E_QUOTA`, `E_STORAGE`
 * @example
 * ```ts
 * import { updateSession } from 'scl-wear';
 * await updateSession(db, id, { notes: 'strap loose after 10 min' });
 * ```
 */
export async function updateSession(db: WearDb, id: string, edit: Partial<SessionEdit>): Promise<SessionRecord> {
  return withStore('update session', async () => {
    const tx = idbOf(db).transaction('sessions', 'readwrite');
    const done = settled(tx);
    const s = await tx.store.get(id);
    if (!s) throw new StorageError('E_NOT_FOUND', `no session ${JSON.stringify(id)}`, { details: { session: id } });
    if ('subject' in edit) s.subject = edit.subject;
    if ('notes' in edit) s.notes = edit.notes;
    if ('device' in edit) s.device = edit.device;
    await tx.store.put(s);
    await done;
    return s;
  });
}

/**
 * Deletes a session with its chunks, labels, embeddings and predictions, in one transaction.
 *
 * @param db - the open database
 * @param id - session id
 * @throws StorageError `E_STATE` when a live recorder is still writing it, `E_NOT_FOUND`,
 *   `E_STORAGE`
 * @example
 * ```ts
 * import { deleteSession } from 'scl-wear';
 * await deleteSession(db, id);
 * ```
 */
export async function deleteSession(db: WearDb, id: string): Promise<void> {
  const s = await getSession(db, id);
  if ((s.status === 'recording' || s.status === 'importing') && (await liveness(STALE_MS))(`session:${id}`, s.updatedAt)) {
    const what = s.status === 'recording' ? 'recorded; stop the recording first' : 'imported; wait for the import to end';
    throw new StorageError('E_STATE', `session ${id} is being ${what}`, { details: { session: id } });
  }
  await purgeSession(db, id);
}

/**
 * Removes a session and everything recorded under it in one transaction, without checking
 * whether it is being recorded (for the SDK's own clean-up of failed imports).
 *
 * @param db - the open database
 * @param id - session id
 */
export async function purgeSession(db: WearDb, id: string): Promise<void> {
  await withStore('delete session', async () => {
    const tx = idbOf(db).transaction(['sessions', 'chunks', 'labels', 'embeddings', 'predictions'], 'readwrite');
    const done = settled(tx);
    const range = IDBKeyRange.bound([id], [id, []]);
    const labelKeys = await tx.objectStore('labels').index('bySession').getAllKeys(id);
    await Promise.all([
      tx.objectStore('chunks').delete(range),
      tx.objectStore('embeddings').delete(range),
      tx.objectStore('predictions').delete(range),
      ...labelKeys.map((k) => tx.objectStore('labels').delete(k)),
      tx.objectStore('sessions').delete(id),
    ]);
    await done;
  });
}
