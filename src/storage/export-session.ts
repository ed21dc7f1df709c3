import type { WearDb } from './wear-db.js';
import { getSession } from './sessions.js';
import { listLabels } from './labels.js';
import { readChunks } from './chunks.js';
import { encodePreamble, encodeRecord, leBytes, RECORD_CHUNK, RECORD_END } from './container.js';

/** Name written in the header's `format` field. */
export const SESSION_FORMAT = 'scl-wear-session';

/**
 * Progress of an export or import, by frames and bytes.
 *
 * @example
 * ```ts
 * import { openWearDb, listSessions, exportSession, type TransferProgress } from 'scl-wear';
 * const db = await openWearDb();
 * const [session] = await listSessions(db, 'complete');
 * const show = (p: TransferProgress) => console.log(p.status, p.frames, 'frames', p.bytes, 'bytes');
 * const blob = await new Response(exportSession(db, session!.id, { onProgress: show })).blob();
 * ```
 */
export interface TransferProgress {
  /** `complete` once, after the last byte. */
  readonly status: 'exporting' | 'importing' | 'complete';
  /** Session id. */
  readonly session: string;
  /** Chunks encoded or written so far. */
  readonly chunks: number;
  /** Frames encoded or written so far. */
  readonly frames: number;
  /** Bytes of file produced or consumed so far. */
  readonly bytes: number;
  /** Size of the whole file when known (import of a Blob or bytes), else undefined. */
  readonly totalBytes?: number;
}

/**
 * Options of {@link exportSession}.
 *
 * @example
 * ```ts
 * import { openWearDb, listSessions, exportSession, type ExportOptions } from 'scl-wear';
 * const db = await openWearDb();
 * const [session] = await listSessions(db, 'complete');
 * const options: ExportOptions = { exportedAt: Date.UTC(2026, 0, 1) }; // fixed header time: byte-identical files
 * const bytes = new Uint8Array(await new Response(exportSession(db, session!.id, options)).arrayBuffer());
 * ```
 */
export interface ExportOptions {
  /** Called after each chunk is encoded. */
  onProgress?: (p: TransferProgress) => void;
  /** Wall clock written in the header (ms since the epoch); default now. Fix it for byte-identical exports. */
  exportedAt?: number;
}

/**
 * Exports a session as a `.sclw` file (format in docs/storage.md): a JSON header with the
 * session, its streams and labels, then every chunk with samples as raw little-endian float32
 * (bit-exact), each record checksummed. Produced as a stream, one chunk at a time, so long
 * sessions never sit whole in memory.
 *
 * @param db - the open database
 * @param session - session id
 * @param options - progress callback
 * @returns a byte stream (`await new Response(stream).blob()` gives a Blob to download)
 * @throws (when read) StorageError `E_NOT_FOUND`, `E_STORAGE`
 * @example
 * ```ts
 * import { exportSession } from 'scl-wear';
 * const blob = await new Response(exportSession(db, id)).blob();
 * ```
 */
export function exportSession(db: WearDb, session: string, options: ExportOptions = {}): ReadableStream<Uint8Array> {
  return toStream(encodeSession(db, session, options));
}

async function* encodeSession(db: WearDb, id: string, options: ExportOptions): AsyncGenerator<Uint8Array> {
  const s = await getSession(db, id);
  const labels = (await listLabels(db, id)).map(({ kind, label, start, end, note }) => ({ kind, label, start, end, note }));
  const { streams, ...session } = s;
  const preamble = encodePreamble({
    format: SESSION_FORMAT,
    version: 1,
    exportedAt: options.exportedAt ?? Date.now(),
    session,
    streams,
    labels,
  });
  yield preamble;
  let bytes = preamble.length;
  let chunks = 0;
  let frames = 0;
  for (const stream of Object.keys(streams)) {
    for await (const c of readChunks(db, id, stream)) {
      const meta = {
        stream,
        seq: c.seq,
        t0: c.t0,
        frames: c.frames,
        timestamps: !!c.timestamps,
        ...(c.gapBefore !== undefined && { gapBefore: c.gapBefore }),
      };
      const rec = encodeRecord(RECORD_CHUNK, meta, c.timestamps ? [leBytes(c.data), leBytes(c.timestamps)] : [leBytes(c.data)]);
      bytes += rec.length;
      chunks++;
      frames += c.frames;
      options.onProgress?.({ status: 'exporting', session: id, chunks, frames, bytes });
      yield rec;
    }
  }
  const end = encodeRecord(RECORD_END, { chunks, frames });
  yield end;
  options.onProgress?.({ status: 'complete', session: id, chunks, frames, bytes: bytes + end.length });
}

/**
 * Wraps an async generator of byte chunks as a pull-based ReadableStream (cancel stops it).
 *
 * @param gen - the generator
 */
export function toStream(gen: AsyncGenerator<Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = (await gen.next()) as IteratorResult<Uint8Array, unknown>;
      if (done) controller.close();
      else controller.enqueue(value);
    },
    async cancel() {
      await gen.return(undefined);
    },
  });
}
