import { openDB, deleteDB } from 'idb';
import { StorageError } from '../errors.js';
import { type WearSchema } from './schema.js';
import { DEFAULT_DB_NAME, wearDbOf, type WearDb } from './wear-db.js';
import { runMigrations, SCHEMA_VERSION } from './migrations.js';
import { toStorageError, withStore } from './with-store.js';

/**
 * Options of {@link openWearDb}.
 *
 * @example
 * ```ts
 * import { openWearDb, type OpenWearDbOptions } from 'scl-wear';
 * const options: OpenWearDbOptions = { name: 'study-2026', onBlocked: () => alert('close the other tabs of this app') };
 * const db = await openWearDb(options);
 * ```
 */
export interface OpenWearDbOptions {
  /** Database name; default `scl-wear`. */
  name?: string;
  /**
   * Schema version to open; default the current one. Older versions are for migration tests
   * and tools only.
   */
  version?: number;
  /** Called when another tab holds an older version open and blocks the upgrade. */
  onBlocked?: () => void;
}

/**
 * Opens (creating or upgrading as needed) the scl-wear IndexedDB database.
 *
 * The connection closes itself when another tab needs to upgrade the schema, so an old tab
 * never blocks a new version; calls on a closed connection then fail with `E_STORAGE`.
 *
 * @param options - name and version
 * @returns the open database, for the storage and fine-tuning functions
 * @throws StorageError `E_STORAGE` when IndexedDB is unavailable, the open fails, or a schema
 *   migration fails (the upgrade is then aborted as a whole: the database keeps its old version
 *   and data), `E_VERSION` when the database on disk is newer than this SDK
 * @example
 * ```ts
 * import { openWearDb, recoverSessions } from 'scl-wear';
 * const db = await openWearDb();
 * const interrupted = await recoverSessions(db);
 * ```
 */
export async function openWearDb(options: OpenWearDbOptions = {}): Promise<WearDb> {
  const name = options.name ?? DEFAULT_DB_NAME;
  const version = options.version ?? SCHEMA_VERSION;
  if (typeof indexedDB === 'undefined') {
    throw new StorageError('E_STORAGE', 'IndexedDB is not available in this environment');
  }
  let db: WearDb;
  let failed: unknown;
  try {
    const idb = await openDB<WearSchema>(name, version, {
      upgrade: (database, oldVersion, newVersion, tx) => {
        void settled(tx);
        // idb keeps the upgrade transaction open while the migrations' requests are pending;
        // a failing step aborts it, so the database keeps its old version and contents.
        runMigrations(database, tx, oldVersion, newVersion ?? version).catch((err: unknown) => {
          failed = err;
          try {
            tx.abort();
          } catch {
            // already finished: the open request reports the failure
          }
        });
      },
      blocked: () => options.onBlocked?.(),
      blocking: () => db?.close(),
    });
    db = wearDbOf(idb);
  } catch (err) {
    if (failed !== undefined) throw toStorageError(failed, 'upgrade');
    if (err instanceof DOMException && err.name === 'VersionError') {
      throw new StorageError('E_VERSION', `database "${name}" is newer than version ${version} of this SDK`, { cause: err });
    }
    throw toStorageError(err, 'open');
  }
  return db;
}

/**
 * Deletes the whole scl-wear database (every session, run and checkpoint).
 *
 * @param name - database name; default `scl-wear`
 * @throws StorageError `E_STORAGE` when the deletion fails
 * @example
 * ```ts
 * import { deleteWearDb } from 'scl-wear';
 * await deleteWearDb();
 * ```
 */
export async function deleteWearDb(name: string = DEFAULT_DB_NAME): Promise<void> {
  await withStore('delete database', () => deleteDB(name));
}

/**
 * A transaction's completion promise with its rejection observed, so that throwing before
 * awaiting it never leaves an unhandled rejection behind.
 *
 * @param tx - an idb transaction
 */
export function settled(tx: { done: Promise<void> }): Promise<void> {
  const done = tx.done;
  done.catch(() => {});
  return done;
}
