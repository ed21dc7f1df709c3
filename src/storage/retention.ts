import { checkArg } from '../errors.js';
import type { SessionRecord } from './schema.js';
import type { WearDb } from './wear-db.js';
import { listSessions, purgeSession } from './sessions.js';

/**
 * Which recorded sessions to keep. Sessions being recorded are never removed.
 *
 * @example
 * ```ts
 * import { openWearDb, applyRetention, type RetentionPolicy } from 'scl-wear';
 * const policy: RetentionPolicy = { maxAgeDays: 14, maxBytes: 1e9, protect: (s) => s.subject === 'reference' };
 * const removed = await applyRetention(await openWearDb(), policy); // ids of the deleted sessions
 * ```
 */
export interface RetentionPolicy {
  /** Remove sessions that ended (or were last written) more than this many days ago. */
  maxAgeDays?: number;
  /** Then remove the oldest sessions until the stored sample data fits in this many bytes. */
  maxBytes?: number;
  /** Sessions for which this returns true are kept whatever their age or size. */
  protect?: (session: SessionRecord) => boolean;
}

/**
 * Applies a retention policy: deletes old sessions, then the oldest ones while the total size
 * is over `maxBytes`. Sessions being recorded (status `recording`) and protected sessions are
 * never deleted.
 *
 * @param db - the open database
 * @param policy - age and size limits
 * @returns ids of the deleted sessions, oldest first
 * @throws InputError `E_ARGUMENT` for a negative limit; StorageError `E_STORAGE`
 * @example
 * ```ts
 * import { applyRetention } from 'scl-wear';
 * await applyRetention(db, { maxAgeDays: 30, maxBytes: 500e6, protect: (s) => s.notes?.includes('keep') ?? false });
 * ```
 */
export async function applyRetention(db: WearDb, policy: RetentionPolicy): Promise<string[]> {
  const { maxAgeDays, maxBytes, protect = () => false } = policy;
  checkArg(maxAgeDays === undefined || maxAgeDays >= 0, 'policy.maxAgeDays', 'a number of days ≥ 0', maxAgeDays);
  checkArg(maxBytes === undefined || maxBytes >= 0, 'policy.maxBytes', 'a number of bytes ≥ 0', maxBytes);
  const lastTouched = (s: SessionRecord) => s.endedAt ?? s.updatedAt ?? s.createdAt;
  const sessions = (await listSessions(db)).sort((a, b) => lastTouched(a) - lastTouched(b));
  const removable = (s: SessionRecord) => s.status !== 'recording' && s.status !== 'importing' && !protect(s);
  const doomed = new Set<SessionRecord>();
  if (maxAgeDays !== undefined) {
    const cutoff = Date.now() - maxAgeDays * 86_400_000;
    for (const s of sessions) if (lastTouched(s) < cutoff && removable(s)) doomed.add(s);
  }
  if (maxBytes !== undefined) {
    let total = sessions.reduce((n, s) => n + (doomed.has(s) ? 0 : s.bytes), 0);
    for (const s of sessions) {
      if (total <= maxBytes) break;
      if (doomed.has(s) || !removable(s)) continue;
      doomed.add(s);
      total -= s.bytes;
    }
  }
  const ids = sessions.filter((s) => doomed.has(s)).map((s) => s.id);
  for (const id of ids) await purgeSession(db, id);
  return ids;
}
