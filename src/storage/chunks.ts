import { StorageError } from '../errors.js';
import { type ChunkRecord, type SessionRecord, type SessionStatus } from './schema.js';
import { idbOf, type WearDb } from './wear-db.js';
import type { PendingChunk } from './chunk-builder.js';
import { settled } from './open.js';
import { ownValue, setOwn } from './own.js';
import { withStore } from './with-store.js';

/** Bytes of sample data a chunk holds. */
export const chunkBytes = (c: Pick<ChunkRecord, 'data' | 'timestamps'>) => c.data.byteLength + (c.timestamps?.byteLength ?? 0);

/** Time just after a chunk's last frame, seconds. */
export const chunkEnd = (c: Pick<ChunkRecord, 't0' | 'frames' | 'rate' | 'timestamps'>) =>
  c.timestamps && c.frames > 0 ? c.timestamps[c.frames - 1]! + 1 / c.rate : c.t0 + c.frames / c.rate;

/**
 * Writes chunks of one session and updates its totals in a single transaction: either all of
 * them and the totals are stored, or none (so the totals always describe what is on disk).
 *
 * @param db - the open database
 * @param session - session id
 * @param chunks - chunks to add
 * @param status - status to set in the same transaction, if any
 * @returns the updated session
 * @throws StorageError `E_QUOTA` when the quota is exceeded, `E_NOT_FOUND`, `E_STORAGE`
 */
export async function writeChunks(
  db: WearDb,
  session: string,
  chunks: readonly PendingChunk[],
  status?: { status: SessionStatus; reason?: string },
): Promise<SessionRecord> {
  return withStore('write chunks', async () => {
    const tx = idbOf(db).transaction(['sessions', 'chunks'], 'readwrite');
    const done = settled(tx);
    const sessions = tx.objectStore('sessions');
    const store = tx.objectStore('chunks');
    const s = await sessions.get(session);
    if (!s) throw new StorageError('E_NOT_FOUND', `no session ${JSON.stringify(session)}`, { details: { session } });
    const puts: Promise<unknown>[] = [];
    for (const c of chunks) {
      puts.push(store.put({ session, ...c }));
      const info =
        ownValue(s.streams, c.stream) ??
        setOwn(s.streams, c.stream, { kind: c.kind, channels: c.channels, rate: c.rate, chunks: 0, frames: 0, t0: c.t0, tEnd: c.t0 });
      info.chunks = Math.max(info.chunks, c.seq + 1);
      info.frames += c.frames;
      info.tEnd = chunkEnd(c);
      s.bytes += chunkBytes(c);
    }
    s.updatedAt = Date.now();
    if (status) {
      s.status = status.status;
      if (status.reason !== undefined) s.reason = status.reason;
      if (status.status !== 'recording') s.endedAt = s.updatedAt;
    }
    puts.push(sessions.put(s));
    await Promise.all(puts);
    await done;
    return s;
  });
}

/**
 * Reads a stream's chunks in order, a page at a time.
 *
 * @param db - the open database
 * @param session - session id
 * @param stream - stream name
 * @param pageSize - chunks per read transaction
 * @throws StorageError `E_STORAGE`
 */
export async function* readChunks(db: WearDb, session: string, stream: string, pageSize = 64): AsyncGenerator<ChunkRecord, void> {
  const fetch = (from: number) => {
    const p = idbOf(db).getAll('chunks', IDBKeyRange.bound([session, stream, from], [session, stream, Number.MAX_SAFE_INTEGER]), pageSize);
    p.catch(() => undefined); // observed here; rethrown where awaited
    return p;
  };
  // The next page is requested before the current one is handed out, so reading overlaps with
  // whatever the consumer does with the chunks.
  let next: Promise<ChunkRecord[]> | undefined = fetch(0);
  while (next) {
    const pending: Promise<ChunkRecord[]> = next;
    const page: ChunkRecord[] = await withStore('read chunks', () => pending);
    next = page.length === pageSize ? fetch(page[page.length - 1]!.seq + 1) : undefined;
    for (const c of page) yield c;
  }
}
