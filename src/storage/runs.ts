import { StorageError } from '../errors.js';
import { type RunExamplesRecord, type RunRecord, type RunStatus } from './schema.js';
import { idbOf, type WearDb } from './wear-db.js';
import { settled } from './open.js';
import { withStore } from './with-store.js';

/**
 * Stores (creates or replaces) a fine-tuning run.
 *
 * @param db - the open database
 * @param run - the run
 * @throws StorageError `E_QUOTA`, `E_STORAGE`
 */
export const saveRun = (db: WearDb, run: RunRecord) => withStore('save run', () => idbOf(db).put('runs', run)).then(() => undefined);

/**
 * Stores a new fine-tuning run with its examples, in one transaction.
 *
 * @param db - the open database
 * @param run - the run
 * @param examples - what it trains on
 * @throws StorageError `E_QUOTA`, `E_STORAGE`
 */
export async function createRun(db: WearDb, run: RunRecord, examples: Omit<RunExamplesRecord, 'run'>): Promise<void> {
  await withStore('create run', async () => {
    const tx = idbOf(db).transaction(['runs', 'examples'], 'readwrite');
    const done = settled(tx);
    await Promise.all([tx.objectStore('runs').add(run), tx.objectStore('examples').put({ ...examples, run: run.id })]);
    await done;
  });
}

/**
 * Reads the examples of a fine-tuning run.
 *
 * @param db - the open database
 * @param run - run id
 * @throws StorageError `E_NOT_FOUND`
 */
export async function getRunExamples(db: WearDb, run: string): Promise<RunExamplesRecord> {
  const e = await withStore('read run examples', () => idbOf(db).get('examples', run));
  if (!e) throw new StorageError('E_NOT_FOUND', `no examples for fine-tuning run ${JSON.stringify(run)}`, { details: { run } });
  return e;
}

/**
 * Reads a fine-tuning run.
 *
 * @param db - the open database
 * @param id - run id
 * @throws StorageError `E_NOT_FOUND`
 * @example
 * ```ts
 * import { getRun } from 'scl-wear/advanced';
 * const { status, epochs } = await getRun(db, runId);
 * ```
 */
export async function getRun(db: WearDb, id: string): Promise<RunRecord> {
  const r = await withStore('read run', () => idbOf(db).get('runs', id));
  if (!r) throw new StorageError('E_NOT_FOUND', `no fine-tuning run ${JSON.stringify(id)}`, { details: { run: id } });
  return r;
}

/**
 * Lists fine-tuning runs, oldest first, optionally with one status.
 *
 * @param db - the open database
 * @param status - keep only runs with this status
 * @throws StorageError `E_STORAGE` when IndexedDB fails
 * @example
 * ```ts
 * import { listRuns } from 'scl-wear';
 * const finished = await listRuns(db, 'complete');
 * ```
 */
export async function listRuns(db: WearDb, status?: RunStatus): Promise<RunRecord[]> {
  const all = await withStore('list runs', () =>
    status ? idbOf(db).getAllFromIndex('runs', 'byStatus', status) : idbOf(db).getAll('runs'),
  );
  return all.sort((a, b) => a.createdAt - b.createdAt);
}
