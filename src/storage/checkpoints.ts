import { StorageError } from '../errors.js';
import { type CheckpointRecord, type RunRecord } from './schema.js';
import { idbOf, type WearDb } from './wear-db.js';
import { settled } from './open.js';
import { withStore } from './with-store.js';

/** Which checkpoint is active for a model, and the ones active before it (most recent last). */
interface ActiveValue {
  id: string | null;
  history: (string | null)[];
}
const activeKey = (model: string) => `active:${model}`;

/**
 * Stores a checkpoint and links it to its run, in one transaction.
 *
 * @param db - the open database
 * @param checkpoint - the checkpoint
 * @param run - the run's final record to store with it (default: the stored run, linked)
 * @throws StorageError `E_NOT_FOUND` when the run does not exist, `E_QUOTA`, `E_STORAGE`
 */
export async function saveCheckpoint(db: WearDb, checkpoint: CheckpointRecord, run?: RunRecord): Promise<void> {
  await withStore('save checkpoint', async () => {
    const tx = idbOf(db).transaction(['runs', 'checkpoints'], 'readwrite');
    const done = settled(tx);
    const stored = await tx.objectStore('runs').get(checkpoint.run);
    if (!stored) throw new StorageError('E_NOT_FOUND', `no fine-tuning run ${JSON.stringify(checkpoint.run)}`);
    await tx.objectStore('checkpoints').put(checkpoint);
    await tx.objectStore('runs').put({ ...(run ?? stored), checkpoint: checkpoint.id, updatedAt: Date.now() });
    await done;
  });
}

/**
 * Reads a checkpoint.
 *
 * @param db - the open database
 * @param id - checkpoint id
 * @throws StorageError `E_NOT_FOUND`
 * @example
 * ```ts
 * import { getCheckpoint } from 'scl-wear/advanced';
 * const { classes, metrics } = await getCheckpoint(db, id);
 * ```
 */
export async function getCheckpoint(db: WearDb, id: string): Promise<CheckpointRecord> {
  const c = await withStore('read checkpoint', () => idbOf(db).get('checkpoints', id));
  if (!c) throw new StorageError('E_NOT_FOUND', `no checkpoint ${JSON.stringify(id)}`, { details: { checkpoint: id } });
  return c;
}

/**
 * Lists the checkpoints trained for a model, oldest first.
 *
 * @param db - the open database
 * @param model - encoder name, e.g. `imu`
 * @throws StorageError `E_STORAGE` when IndexedDB fails
 * @example
 * ```ts
 * import { listCheckpoints } from 'scl-wear';
 * const heads = await listCheckpoints(db, 'imu');
 * ```
 */
export async function listCheckpoints(db: WearDb, model: string): Promise<CheckpointRecord[]> {
  const all = await withStore('list checkpoints', () => idbOf(db).getAllFromIndex('checkpoints', 'byModel', model));
  return all.sort((a, b) => a.createdAt - b.createdAt);
}

/**
 * Id of the checkpoint active for a model, or null when the model's built-in head is in use.
 *
 * @param db - the open database
 * @param model - encoder name
 * @throws StorageError `E_STORAGE` when IndexedDB fails
 * @example
 * ```ts
 * import { activeCheckpoint } from 'scl-wear/advanced';
 * const id = await activeCheckpoint(db, 'imu'); // null: built-in head
 * ```
 */
export async function activeCheckpoint(db: WearDb, model: string): Promise<string | null> {
  const m = await withStore('read active checkpoint', () => idbOf(db).get('meta', activeKey(model)));
  return (m?.value as ActiveValue | undefined)?.id ?? null;
}

/**
 * Makes a checkpoint the active head of its model; the previous choice is remembered for
 * {@link rollbackCheckpoint}.
 *
 * @param db - the open database
 * @param id - checkpoint id
 * @throws StorageError `E_NOT_FOUND`, `E_STORAGE`
 * @example
 * ```ts
 * import { activateCheckpoint } from 'scl-wear';
 * await activateCheckpoint(db, run.checkpoint!);
 * ```
 */
export async function activateCheckpoint(db: WearDb, id: string): Promise<CheckpointRecord> {
  return withStore('activate checkpoint', async () => {
    const tx = idbOf(db).transaction(['checkpoints', 'meta'], 'readwrite');
    const done = settled(tx);
    const c = await tx.objectStore('checkpoints').get(id);
    if (!c) throw new StorageError('E_NOT_FOUND', `no checkpoint ${JSON.stringify(id)}`, { details: { checkpoint: id } });
    const key = activeKey(c.model);
    const cur = ((await tx.objectStore('meta').get(key))?.value as ActiveValue | undefined) ?? { id: null, history: [] };
    if (cur.id !== id) await tx.objectStore('meta').put({ key, value: { id, history: [...cur.history, cur.id] } });
    await done;
    return c;
  });
}

/**
 * Goes back to the head that was active before the current one (the built-in head, null,
 * at the bottom of the history).
 *
 * @param db - the open database
 * @param model - encoder name
 * @returns the id now active, or null for the built-in head
 * @throws StorageError `E_STATE` when the built-in head is already active with no history
 * @example
 * ```ts
 * import { rollbackCheckpoint } from 'scl-wear';
 * const nowActive = await rollbackCheckpoint(db, 'imu');
 * ```
 */
export async function rollbackCheckpoint(db: WearDb, model: string): Promise<string | null> {
  return withStore('roll back checkpoint', async () => {
    const tx = idbOf(db).transaction('meta', 'readwrite');
    const done = settled(tx);
    const cur = ((await tx.store.get(activeKey(model)))?.value as ActiveValue | undefined) ?? { id: null, history: [] };
    if (cur.history.length === 0) throw new StorageError('E_STATE', `nothing to roll back to for model ${model}`, { details: { model } });
    const history = cur.history.slice(0, -1);
    const id = cur.history[cur.history.length - 1]!;
    await tx.store.put({ key: activeKey(model), value: { id, history } });
    await done;
    return id;
  });
}
