import { type SessionRecord } from './schema.js';
import { idbOf, type WearDb } from './wear-db.js';
import { liveness, STALE_MS } from './locks.js';
import { settled } from './open.js';
import { purgeSession } from './sessions.js';
import { withStore } from './with-store.js';

/**
 * Options of {@link recoverSessions}.
 *
 * @example
 * ```ts
 * import { openWearDb, recoverSessions, type RecoverOptions } from 'scl-wear';
 * const options: RecoverOptions = { staleMs: 30_000 }; // only used where Web Locks are missing
 * const interrupted = await recoverSessions(await openWearDb(), options);
 * ```
 */
export interface RecoverOptions {
  /**
   * Only where Web Locks are missing: a session another context is recording counts as dead
   * once its last write is older than this, ms; default 10000.
   */
  staleMs?: number;
}

/**
 * Finds sessions left `recording` by a page or worker that died (crash, reload, closed tab)
 * and marks them `interrupted`. Their chunks stay as written: every flush is a transaction
 * that stores chunks and totals together, so an interrupted session is complete up to its
 * last flush (at most one flush period, ≤ 1 s, before the end). Sessions still recorded by a
 * live tab or worker are left alone (they hold a Web Lock). Call it once at start-up.
 *
 * Imports cut off the same way (status `importing`) are not recordings: they are deleted with
 * every chunk they staged, and not returned. Imports still running elsewhere are left alone.
 *
 * @param db - the open database
 * @param options - staleness bound where Web Locks are missing
 * @returns the sessions marked interrupted
 * @throws StorageError `E_STORAGE`
 * @example
 * ```ts
 * import { openWearDb, recoverSessions } from 'scl-wear';
 * const db = await openWearDb();
 * for (const s of await recoverSessions(db)) console.warn(`session ${s.id} was interrupted`);
 * ```
 */
export async function recoverSessions(db: WearDb, options: RecoverOptions = {}): Promise<SessionRecord[]> {
  const alive = await liveness(options.staleMs ?? STALE_MS);
  return withStore('recover sessions', async () => {
    const tx = idbOf(db).transaction('sessions', 'readwrite');
    const done = settled(tx);
    const open = await tx.store.index('byStatus').getAll('recording');
    const recovered: SessionRecord[] = [];
    for (const s of open) {
      if (alive(`session:${s.id}`, s.updatedAt)) continue;
      s.status = 'interrupted';
      s.endedAt = s.updatedAt;
      s.reason = 'the page or worker stopped while recording';
      recovered.push(s);
    }
    await Promise.all(recovered.map((s) => tx.store.put(s)));
    const staged = await tx.store.index('byStatus').getAll('importing');
    await done;
    for (const s of staged) if (!alive(`session:${s.id}`, s.updatedAt)) await purgeSession(db, s.id);
    return recovered;
  });
}
