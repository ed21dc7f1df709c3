import { Observable } from 'rxjs';
import { checkArg } from '../errors.js';
import type { SampleBatch } from '../core/batch.js';
import type { ChunkRecord } from './schema.js';
import type { WearDb } from './wear-db.js';
import { readChunks } from './chunks.js';
import { getSession } from './sessions.js';

/**
 * Options of {@link replaySession}.
 *
 * @example
 * ```ts
 * import { openWearDb, listSessions, replaySession, type ReplaySessionOptions } from 'scl-wear';
 * const db = await openWearDb();
 * const [last] = (await listSessions(db, 'complete')).slice(-1);
 * const options: ReplaySessionOptions = { streams: ['ecg'], batchFrames: 130 };
 * replaySession(db, last!.id, options).subscribe((b) => console.log(b.t0, b.length));
 * ```
 */
export interface ReplaySessionOptions {
  /** Streams to read; default all of the session's streams. */
  streams?: readonly string[];
  /** Largest batch, frames; default one batch per stored chunk. */
  batchFrames?: number;
}

/**
 * Reads a stored session back as batches, so it can go through the same pipeline as a live
 * stream. Each stream's batches come in order with `seq` from 0 and the stored `t0`,
 * timestamps and gap markers; the streams are merged by time (chunk by chunk). Batches are
 * emitted as fast as they are read; samples are bit-identical to what was recorded.
 *
 * @param db - the open database
 * @param session - session id
 * @param options - streams and batch size
 * @throws (as an error notification) StorageError `E_NOT_FOUND`, `E_STORAGE`; InputError
 *   `E_ARGUMENT` naming an unknown stream
 * @example
 * ```ts
 * import { replaySession } from 'scl-wear';
 * replaySession(db, id, { streams: ['imu'], batchFrames: 50 }).subscribe((b) => pipeline.next(b));
 * ```
 */
export function replaySession(db: WearDb, session: string, options: ReplaySessionOptions = {}): Observable<SampleBatch> {
  const batchFrames = options.batchFrames ?? Number.POSITIVE_INFINITY;
  checkArg(batchFrames > 0, 'options.batchFrames', 'a positive number of frames', batchFrames);
  return new Observable<SampleBatch>((subscriber) => {
    const iterators: AsyncGenerator<ChunkRecord, void>[] = [];
    void (async () => {
      const s = await getSession(db, session);
      const names = options.streams ?? Object.keys(s.streams);
      for (const n of names)
        checkArg(Object.hasOwn(s.streams, n), 'options.streams', `names among ${JSON.stringify(Object.keys(s.streams))}`, n);
      const seq = names.map(() => 0);
      const heads: (ChunkRecord | undefined)[] = [];
      for (const n of names) {
        const it = readChunks(db, session, n);
        iterators.push(it);
        heads.push((await it.next()).value ?? undefined);
      }
      for (;;) {
        let k = -1;
        for (let i = 0; i < heads.length; i++) if (heads[i] && (k < 0 || heads[i]!.t0 < heads[k]!.t0)) k = i;
        if (k < 0 || subscriber.closed) break;
        const c = heads[k]!;
        for (let from = 0; from < c.frames && !subscriber.closed; from += batchFrames) {
          subscriber.next(slice(c, from, Math.min(c.frames, from + batchFrames), seq[k]!++));
        }
        heads[k] = (await iterators[k]!.next()).value ?? undefined;
      }
      subscriber.complete();
    })().catch((err: unknown) => subscriber.error(err));
    return () => {
      for (const it of iterators) void it.return(undefined);
    };
  });
}

function slice(c: ChunkRecord, from: number, to: number, seq: number): SampleBatch {
  const nc = c.channels.length;
  const whole = from === 0 && to === c.frames;
  const b: { -readonly [K in keyof SampleBatch]: SampleBatch[K] } = {
    kind: c.kind,
    channels: c.channels,
    rate: c.rate,
    t0: c.timestamps ? c.timestamps[from]! : c.t0 + from / c.rate,
    seq,
    length: to - from,
    data: whole ? c.data : c.data.subarray(from * nc, to * nc),
  };
  if (c.timestamps) b.timestamps = whole ? c.timestamps : c.timestamps.subarray(from, to);
  if (from === 0 && c.gapBefore !== undefined) b.gapBefore = c.gapBefore;
  return b;
}
