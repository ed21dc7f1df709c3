import { type EmbeddingRecord, type PredictionRecord } from './schema.js';
import { idbOf, type WearDb } from './wear-db.js';
import { settled } from './open.js';
import { withStore } from './with-store.js';

/**
 * Stores window embeddings of a session (one transaction; a window already stored for the
 * same session, model, stream and start time is replaced).
 *
 * @param db - the open database
 * @param records - embeddings with their session, model, stream and window times
 * @throws StorageError `E_QUOTA`, `E_STORAGE`
 * @example
 * ```ts
 * import { putEmbeddings } from 'scl-wear/advanced';
 * await putEmbeddings(db, results.map((r) => ({ session: id, model: 'imu', stream: 'imu', t0: r.t0, t1: r.t1, inv: r.inv, var: r.var, free: r.free })));
 * ```
 */
export async function putEmbeddings(db: WearDb, records: readonly EmbeddingRecord[]): Promise<void> {
  await putAll(db, 'embeddings', records);
}

/**
 * Stores window predictions of a session (replacing any for the same window).
 *
 * @param db - the open database
 * @param records - predictions with their session, model, stream and window times
 * @throws StorageError `E_QUOTA`, `E_STORAGE`
 * @example
 * ```ts
 * import { putPredictions } from 'scl-wear/advanced';
 * await putPredictions(db, [{ session: id, model: 'imu', stream: 'imu', t0: 0, t1: 2.56, label: 'WALKING', probs }]);
 * ```
 */
export async function putPredictions(db: WearDb, records: readonly PredictionRecord[]): Promise<void> {
  await putAll(db, 'predictions', records);
}

/**
 * Lists a session's embeddings from one model, ordered by stream then time.
 *
 * @param db - the open database
 * @param session - session id
 * @param model - model name
 * @throws StorageError `E_STORAGE` when IndexedDB fails
 * @example
 * ```ts
 * import { listEmbeddings } from 'scl-wear/advanced';
 * const rows = await listEmbeddings(db, id, 'imu');
 * ```
 */
export async function listEmbeddings(db: WearDb, session: string, model: string): Promise<EmbeddingRecord[]> {
  return getRange(db, 'embeddings', session, model) as Promise<EmbeddingRecord[]>;
}

/**
 * Lists a session's predictions from one model, ordered by stream then time.
 *
 * @param db - the open database
 * @param session - session id
 * @param model - model name
 * @throws StorageError `E_STORAGE` when IndexedDB fails
 * @example
 * ```ts
 * import { listPredictions } from 'scl-wear/advanced';
 * const labels = (await listPredictions(db, id, 'imu')).map((p) => p.label);
 * ```
 */
export async function listPredictions(db: WearDb, session: string, model: string): Promise<PredictionRecord[]> {
  return getRange(db, 'predictions', session, model) as Promise<PredictionRecord[]>;
}

async function putAll(db: WearDb, store: 'embeddings' | 'predictions', records: readonly (EmbeddingRecord | PredictionRecord)[]) {
  await withStore(`store ${store}`, async () => {
    const tx = idbOf(db).transaction(store, 'readwrite');
    const done = settled(tx);
    await Promise.all(records.map((r) => tx.store.put(r as EmbeddingRecord & PredictionRecord)));
    await done;
  });
}

async function getRange(db: WearDb, store: 'embeddings' | 'predictions', session: string, model: string) {
  return withStore(`read ${store}`, async () => {
    return await idbOf(db).getAll(store, IDBKeyRange.bound([session, model], [session, model, []]));
  });
}
