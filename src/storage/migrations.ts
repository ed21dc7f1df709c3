/**
 * Versioned schema migrations. Each step takes the database from `version - 1` to `version`
 * inside the upgrade transaction; opening an old database runs every missing step in order,
 * so data written by any earlier version is carried forward. All steps share one transaction:
 * when one fails the whole upgrade is aborted and the database stays at its old version,
 * untouched.
 *
 * History:
 * - v1: recording: `sessions` (by status), `chunks` keyed `[session, stream, seq]`, `labels`.
 * - v2: fine-tuning and results: `embeddings`, `predictions`, `runs`, `checkpoints`, `meta`.
 * - v3: per-session totals (`bytes`, per-stream `chunks`/`frames`/`t0`/`tEnd`) kept on write
 *   for retention and listing; sessions indexed by creation time. Older sessions are backfilled
 *   from their chunks.
 * - v4: `examples`: the training examples of a fine-tuning run, stored once rather than with
 *   every per-epoch save of the run.
 */
import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import { messageOf, StorageError } from '../errors.js';
import type { StreamInfo, WearSchema } from './schema.js';

type UpgradeDb = IDBPDatabase<WearSchema>;
type UpgradeTx = IDBPTransaction<WearSchema, StoreNames<WearSchema>[], 'versionchange'>;

/** One schema step. */
export interface Migration {
  /** The version this step produces. */
  readonly version: number;
  readonly summary: string;
  /** Runs inside the upgrade transaction; may only await requests of `tx`. */
  apply(db: UpgradeDb, tx: UpgradeTx): Promise<void> | void;
}

/** Every migration, in order; the last one's version is the current schema version. */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    summary: 'sessions, chunks, labels',
    apply(db) {
      const sessions = db.createObjectStore('sessions', { keyPath: 'id' });
      sessions.createIndex('byStatus', 'status');
      db.createObjectStore('chunks', { keyPath: ['session', 'stream', 'seq'] });
      const labels = db.createObjectStore('labels', { keyPath: 'id', autoIncrement: true });
      labels.createIndex('bySession', 'session');
    },
  },
  {
    version: 2,
    summary: 'embeddings, predictions, fine-tuning runs, checkpoints, meta',
    apply(db) {
      db.createObjectStore('embeddings', { keyPath: ['session', 'model', 'stream', 't0'] });
      db.createObjectStore('predictions', { keyPath: ['session', 'model', 'stream', 't0'] });
      db.createObjectStore('runs', { keyPath: 'id' }).createIndex('byStatus', 'status');
      db.createObjectStore('checkpoints', { keyPath: 'id' }).createIndex('byModel', 'model');
      db.createObjectStore('meta', { keyPath: 'key' });
    },
  },
  {
    version: 3,
    summary: 'session totals kept on write; sessions by creation time',
    async apply(_db, tx) {
      tx.objectStore('sessions').createIndex('byCreated', 'createdAt');
      await backfillTotals(tx);
    },
  },
  {
    version: 4,
    summary: 'fine-tuning examples in their own store',
    apply(db) {
      db.createObjectStore('examples', { keyPath: 'run' });
    },
  },
];

/**
 * The current schema version.
 *
 * @example
 * ```ts
 * import { openWearDb } from 'scl-wear';
 * import { SCHEMA_VERSION } from 'scl-wear/advanced';
 * console.assert((await openWearDb()).version === SCHEMA_VERSION);
 * ```
 */
export const SCHEMA_VERSION = migrations[migrations.length - 1]!.version;

/**
 * Applies the migrations after `oldVersion` up to `newVersion` (both inclusive of the steps
 * between them).
 *
 * @param db - the database being upgraded
 * @param tx - the upgrade transaction
 * @param oldVersion - version found on disk (0 for a new database)
 * @param newVersion - version being opened
 * @throws StorageError `E_STORAGE` naming the step that failed (the caller aborts the upgrade)
 */
export async function runMigrations(db: UpgradeDb, tx: UpgradeTx, oldVersion: number, newVersion: number): Promise<void> {
  for (const m of migrations) {
    if (m.version <= oldVersion || m.version > newVersion) continue;
    try {
      await m.apply(db, tx);
    } catch (err) {
      throw new StorageError('E_STORAGE', `migration to version ${m.version} (${m.summary}) failed: ${messageOf(err)}`, {
        cause: err,
        details: { version: m.version, from: oldVersion },
      });
    }
  }
}

/** Recomputes every session's totals from its chunks (v1 sessions had none). */
async function backfillTotals(tx: UpgradeTx): Promise<void> {
  const sessions = tx.objectStore('sessions');
  const totals = new Map<string, { bytes: number; streams: Record<string, StreamInfo> }>();
  // Stream names are outside data: null-prototype records keep `__proto__` an ordinary key.
  let cursor = await tx.objectStore('chunks').openCursor();
  while (cursor) {
    const c = cursor.value;
    let t = totals.get(c.session);
    if (!t) totals.set(c.session, (t = { bytes: 0, streams: Object.create(null) as Record<string, StreamInfo> }));
    const end = c.timestamps && c.frames > 0 ? c.timestamps[c.frames - 1]! + 1 / c.rate : c.t0 + c.frames / c.rate;
    const s = (t.streams[c.stream] ??= { kind: c.kind, channels: c.channels, rate: c.rate, chunks: 0, frames: 0, t0: c.t0, tEnd: end });
    s.chunks++;
    s.frames += c.frames;
    s.tEnd = end;
    t.bytes += c.data.byteLength + (c.timestamps?.byteLength ?? 0);
    cursor = await cursor.continue();
  }
  let sc = await sessions.openCursor();
  while (sc) {
    const old = sc.value;
    const t = totals.get(old.id);
    const streams = Object.create(null) as Record<string, StreamInfo>;
    for (const [name, s] of Object.entries(old.streams ?? {})) streams[name] = { ...s, chunks: 0, frames: 0, t0: 0, tEnd: 0 };
    Object.assign(streams, t?.streams);
    await sc.update({ ...old, bytes: t?.bytes ?? 0, streams, updatedAt: old.updatedAt ?? old.createdAt });
    sc = await sc.continue();
  }
}
