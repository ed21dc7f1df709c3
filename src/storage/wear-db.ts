// The opaque database handle of the public API, and the two casts the storage layer uses to
// reach idb's typed connection behind it.
import type { IDBPDatabase } from 'idb';
import type { WearSchema } from './schema.js';

declare const wearDbBrand: unique symbol;

/**
 * An open scl-wear database, as returned by `openWearDb`. Opaque: pass it to the storage and
 * fine-tuning functions; its IndexedDB connection is not part of the API.
 *
 * @example
 * ```ts
 * import { openWearDb, listSessions } from 'scl-wear';
 * const db = await openWearDb();
 * console.log(db.name, db.version, (await listSessions(db)).length);
 * db.close();
 * ```
 */
export interface WearDb {
  /** Marks the type as opaque; no such property exists at run time. */
  readonly [wearDbBrand]: true;
  /** Database name. */
  readonly name: string;
  /** Schema version of the open database. */
  readonly version: number;
  /** Closes the connection; later calls on it fail with `E_STORAGE`. */
  close(): void;
}

/**
 * The typed idb connection behind a {@link WearDb}, for the storage layer's own use.
 *
 * @param db - an open database from `openWearDb`
 * @returns the same object, typed as idb's database
 */
export function idbOf(db: WearDb): IDBPDatabase<WearSchema> {
  return db as unknown as IDBPDatabase<WearSchema>;
}

/**
 * Wraps an idb connection as the opaque {@link WearDb} (the same object).
 *
 * @param idb - an open idb database with the scl-wear schema
 */
export function wearDbOf(idb: IDBPDatabase<WearSchema>): WearDb {
  return idb as unknown as WearDb;
}

/** Default database name. */
export const DEFAULT_DB_NAME = 'scl-wear';
