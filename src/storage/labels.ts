import { checkArg, StorageError } from '../errors.js';
import { type LabelRecord } from './schema.js';
import { idbOf, type WearDb } from './wear-db.js';
import { settled } from './open.js';
import { withStore } from './with-store.js';

/**
 * What describes a new label.
 *
 * @example
 * ```ts
 * import { openWearDb, createSession, addLabel, type LabelInit } from 'scl-wear';
 * const db = await openWearDb();
 * const session = await createSession(db);
 * const stumble: LabelInit = { kind: 'event', label: 'STUMBLE', start: 42.3, note: 'tripped on the kerb' }; // s
 * await addLabel(db, session.id, stumble);
 * ```
 */
export interface LabelInit {
  /** `activity` (default) spans a range; `event` marks a moment. */
  kind?: 'activity' | 'event';
  /** Class name, e.g. `WALKING` or a user-defined class. */
  label: string;
  /** Start, seconds on the signal clock. */
  start: number;
  /** End, seconds; omit while the activity is still going on. */
  end?: number;
  /** Free text. */
  note?: string;
}

/**
 * Fields of a label that may be edited.
 *
 * @example
 * ```ts
 * import { openWearDb, createSession, addLabel, updateLabel, type LabelEdit } from 'scl-wear';
 * const db = await openWearDb();
 * const session = await createSession(db);
 * const walk = await addLabel(db, session.id, { label: 'WALKING', start: 12.5 });
 * const edit: LabelEdit = { end: 71.2, note: 'ended at the stairs' }; // s
 * await updateLabel(db, walk.id!, edit);
 * ```
 */
export type LabelEdit = Partial<Pick<LabelRecord, 'kind' | 'label' | 'start' | 'end' | 'note'>>;

function checkLabel(l: Pick<LabelRecord, 'label' | 'start' | 'end' | 'kind'>): void {
  checkArg(typeof l.label === 'string' && l.label.length > 0, 'label', 'a non-empty string', l.label);
  checkArg(Number.isFinite(l.start), 'start', 'a finite number of seconds', l.start);
  checkArg(l.end === undefined || (Number.isFinite(l.end) && l.end >= l.start), 'end', 'a number of seconds ≥ start', l.end);
  checkArg(l.kind === 'activity' || l.kind === 'event', 'kind', '"activity" or "event"', l.kind);
}

/**
 * Adds a label interval to a session (also while it is being recorded).
 *
 * @param db - the open database
 * @param session - session id
 * @param init - class, start and optional end in seconds
 * @returns the stored label with its id
 * @throws InputError `E_ARGUMENT` for an empty label or a bad range; StorageError `E_NOT_FOUND`
 *   when the session does not exist, `E_QUOTA`, `E_STORAGE`
 * @example
 * ```ts
 * import { addLabel } from 'scl-wear';
 * const walk = await addLabel(db, session.id, { label: 'WALKING', start: 12.5 });
 * ```
 */
export async function addLabel(db: WearDb, session: string, init: LabelInit): Promise<LabelRecord> {
  const kind = init.kind ?? 'activity';
  const end = kind === 'event' ? (init.end ?? init.start) : init.end;
  const rec: LabelRecord = { session, kind, label: init.label, start: init.start, updatedAt: Date.now() };
  if (end !== undefined) rec.end = end;
  if (init.note !== undefined) rec.note = init.note;
  checkLabel(rec);
  return withStore('add label', async () => {
    const tx = idbOf(db).transaction(['sessions', 'labels'], 'readwrite');
    const done = settled(tx);
    if (!(await tx.objectStore('sessions').getKey(session))) {
      throw new StorageError('E_NOT_FOUND', `no session ${JSON.stringify(session)}`, { details: { session } });
    }
    const id = await tx.objectStore('labels').add(rec);
    await done;
    return { ...rec, id };
  });
}

/**
 * Edits a label, e.g. closes an open activity by setting its `end`.
 *
 * @param db - the open database
 * @param id - label id
 * @param edit - fields to replace
 * @throws InputError `E_ARGUMENT` for a bad range; StorageError `E_NOT_FOUND`, `E_STORAGE`
 * @example
 * ```ts
 * import { updateLabel } from 'scl-wear';
 * await updateLabel(db, walk.id!, { end: 71.2 });
 * ```
 */
export async function updateLabel(db: WearDb, id: number, edit: LabelEdit): Promise<LabelRecord> {
  return withStore('update label', async () => {
    const tx = idbOf(db).transaction('labels', 'readwrite');
    const done = settled(tx);
    const old = await tx.store.get(id);
    if (!old) throw new StorageError('E_NOT_FOUND', `no label ${id}`, { details: { label: id } });
    const next: LabelRecord = { ...old, ...edit, updatedAt: Date.now() };
    checkLabel(next);
    await tx.store.put(next);
    await done;
    return next;
  });
}

/**
 * Removes a label.
 *
 * @param db - the open database
 * @param id - label id
 * @throws StorageError `E_STORAGE`
 * @example
 * ```ts
 * import { removeLabel } from 'scl-wear';
 * await removeLabel(db, walk.id!);
 * ```
 */
export async function removeLabel(db: WearDb, id: number): Promise<void> {
  await withStore('remove label', async () => {
    await idbOf(db).delete('labels', id);
  });
}

/**
 * Lists a session's labels ordered by start time.
 *
 * @param db - the open database
 * @param session - session id
 * @throws StorageError `E_STORAGE` when IndexedDB fails
 * @example
 * ```ts
 * import { listLabels } from 'scl-wear';
 * const labels = await listLabels(db, session.id);
 * ```
 */
export async function listLabels(db: WearDb, session: string): Promise<LabelRecord[]> {
  return withStore('list labels', async () => {
    const all = await idbOf(db).getAllFromIndex('labels', 'bySession', session);
    return all.sort((a, b) => a.start - b.start || (a.id ?? 0) - (b.id ?? 0));
  });
}
