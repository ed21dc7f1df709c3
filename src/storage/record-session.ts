import { Observable, type OperatorFunction, type Subscription } from 'rxjs';
import { checkArg, SdkError, StorageError, messageOf } from '../errors.js';
import { checkBatch, type SampleBatch } from '../core/batch.js';
import type { SessionRecord } from './schema.js';
import type { WearDb } from './wear-db.js';
import { ChunkBuilder, type PendingChunk } from './chunk-builder.js';
import { writeChunks } from './chunks.js';
import { getSession } from './sessions.js';
import { holdLock } from './locks.js';
import { onPageHide } from './page-hide.js';
import { ownValue } from './own.js';
import { toStorageError } from './with-store.js';

/**
 * Options of {@link recordSession}.
 *
 * @example
 * ```ts
 * import { openWearDb, createSession, recordSession, simulateEcg, replay, type RecordOptions } from 'scl-wear';
 * const db = await openWearDb();
 * const { id } = await createSession(db);
 * const options: RecordOptions = { flushMs: 500, maxChunkFrames: 2048, streamOf: (b) => `chest-${b.kind}` };
 * replay(simulateEcg({ seconds: 30, seed: 1 }).recording).pipe(recordSession(db, id, options)).subscribe();
 * ```
 */
export interface RecordOptions {
  /** Stream a batch belongs to; default its `kind` (`ecg`, `imu`...). */
  streamOf?: (batch: SampleBatch) => string;
  /** Longest time buffered samples wait before being written, ms; default 1000, at most 1000. */
  flushMs?: number;
  /** Largest chunk, frames; default 4096. */
  maxChunkFrames?: number;
  /** Buffered values (frames × channels) that trigger a write at once; default 262144. */
  flushValues?: number;
}

/**
 * What a recording has written so far (totals over all its streams).
 *
 * @example
 * ```ts
 * import { openWearDb, createSession, recordSession, simulateEcg, replay, type RecordingProgress } from 'scl-wear';
 * const db = await openWearDb();
 * const { id } = await createSession(db);
 * replay(simulateEcg({ seconds: 30, seed: 1 }).recording)
 *   .pipe(recordSession(db, id))
 *   .subscribe((p: RecordingProgress) => console.log(p.status, p.frames, 'frames', p.bytes, 'bytes'));
 * ```
 */
export interface RecordingProgress {
  /** `recording` after each write, `complete` once, after the last write. */
  readonly status: 'recording' | 'complete';
  /** Session id. */
  readonly session: string;
  /** Chunks written. */
  readonly chunks: number;
  /** Frames written. */
  readonly frames: number;
  /** Values written (frames × channels). */
  readonly samples: number;
  /** Bytes of sample data written. */
  readonly bytes: number;
}

function progressOf(s: SessionRecord, status: RecordingProgress['status']): RecordingProgress {
  let chunks = 0;
  let frames = 0;
  let samples = 0;
  for (const st of Object.values(s.streams)) {
    chunks += st.chunks;
    frames += st.frames;
    samples += st.frames * st.channels.length;
  }
  return { status, session: s.id, chunks, frames, samples, bytes: s.bytes };
}

/**
 * Records the batches of one or more streams into a session created with `createSession`.
 * Batches are gathered into chunks and written in one transaction per flush: at least every
 * `flushMs` (≤ 1 s), when `flushValues` are buffered, on `pagehide` / `visibilitychange`, and
 * at the end. Emits a {@link RecordingProgress} after each write. If the page dies, the session
 * stays `recording` and `recoverSessions` marks it `interrupted`, with every flushed chunk kept.
 *
 * Completing or unsubscribing writes what is buffered and marks the session `complete`. A
 * failure marks it `failed` (keeping what was written) and errors the output.
 *
 * @param db - the open database
 * @param session - id of a session with status `created`
 * @param options - stream naming, flush period and chunk size
 * @throws (as an error notification) StorageError `E_QUOTA` when storage is full, `E_STATE`
 *   when the session is not `created`, `E_NOT_FOUND`, `E_STORAGE`; InputError `E_SHAPE`,
 *   `E_RATE`, `E_NON_MONOTONIC` for a batch that does not continue its stream
 * @example
 * ```ts
 * import { openWearDb, createSession, recordSession } from 'scl-wear';
 * const db = await openWearDb();
 * const { id } = await createSession(db, { subject: 'S01' });
 * imu$.pipe(recordSession(db, id)).subscribe((p) => console.log(`${p.samples} samples saved`));
 * ```
 * @see recoverSessions
 * @see replaySession
 */
export function recordSession(db: WearDb, session: string, options: RecordOptions = {}): OperatorFunction<SampleBatch, RecordingProgress> {
  const flushMs = options.flushMs ?? 1000;
  const maxFrames = options.maxChunkFrames ?? 4096;
  const flushValues = options.flushValues ?? 262_144;
  checkArg(flushMs > 0 && flushMs <= 1000, 'options.flushMs', 'a number of ms in (0, 1000]', flushMs);
  checkArg(Number.isInteger(maxFrames) && maxFrames > 0, 'options.maxChunkFrames', 'a positive integer', maxFrames);
  const streamOf = options.streamOf ?? ((b: SampleBatch) => b.kind);
  return (source) =>
    new Observable<RecordingProgress>((subscriber) => {
      const builder = new ChunkBuilder(maxFrames);
      let stopped = false;
      let failed = false;
      let started = false;
      let release: (() => void) | undefined;
      let firstSeq: Record<string, number> = {};
      let queued = false;
      /** Frames accepted from the source, and frames known to be stored. */
      let received = 0;
      let written = 0;

      const fail = (err: unknown) => {
        if (failed) return;
        failed = stopped = true;
        cleanup();
        const cause = err instanceof SdkError ? err : toStorageError(err, 'recording');
        const lost = received - written;
        const error =
          cause instanceof StorageError && cause.code !== 'E_STATE' && cause.code !== 'E_NOT_FOUND'
            ? new StorageError(
                cause.code,
                `${cause.message}; recording stopped with ${written} frames stored, ${lost} buffered frames not stored`,
                {
                  cause,
                  details: { session, framesWritten: written, framesLost: lost },
                },
              )
            : cause;
        // Mark the session failed (best effort: with a full quota even this may not fit; the
        // session then stays `recording` until recoverSessions marks it interrupted).
        const mark = started ? writeChunks(db, session, [], { status: 'failed', reason: error.message }) : Promise.resolve();
        void mark
          .catch(() => undefined)
          .then(() => {
            release?.();
            subscriber.error(error);
          });
      };
      const write = async (final?: { status: 'complete' | 'failed'; reason?: string }) => {
        if (failed) return;
        const chunks: PendingChunk[] = builder.drain();
        if (chunks.length === 0 && !final) return;
        const s = await writeChunks(db, session, chunks, final);
        written = progressOf(s, 'recording').frames;
        if (chunks.length > 0 && !final) subscriber.next(progressOf(s, 'recording'));
        if (final?.status === 'complete') subscriber.next(progressOf(s, 'complete'));
      };
      let chain: Promise<void> = (async () => {
        const s = await getSession(db, session);
        if (s.status !== 'created')
          throw new StorageError('E_STATE', `session ${session} is ${s.status}; record into a new session`, { details: { session } });
        firstSeq = Object.fromEntries(Object.entries(s.streams).map(([k, v]) => [k, v.chunks]));
        release = await holdLock(`session:${session}`);
        await writeChunks(db, session, [], { status: 'recording' });
        started = true;
      })().catch(fail);
      const flush = () => {
        if (queued || stopped) return;
        queued = true;
        chain = chain
          .then(() => {
            queued = false;
            return write();
          })
          .catch(fail);
      };
      /** Stops taking batches, writes what is buffered with the final status, then `done`. */
      const finish = (final: { status: 'complete' | 'failed'; reason?: string }, done: () => void) => {
        if (stopped) return;
        stopped = true;
        cleanup();
        chain = chain
          .then(() => write(final))
          .then(() => {
            if (failed) return;
            release?.();
            done();
          })
          .catch(fail);
      };

      const timer = setInterval(flush, flushMs);
      const stopHide = onPageHide(flush);
      const cleanup = () => {
        clearInterval(timer);
        stopHide();
      };
      let sub: Subscription | undefined = undefined;
      sub = source.subscribe({
        next: (b) => {
          if (stopped) return;
          try {
            checkBatch(b, 'recordSession');
            const name = streamOf(b);
            builder.push(name, b, ownValue(firstSeq, name) ?? 0);
            received += b.length;
          } catch (err) {
            // Keep what came before the bad batch: write it, then fail with the batch's error.
            finish({ status: 'failed', reason: messageOf(err) }, () => subscriber.error(err));
            sub?.unsubscribe();
            return;
          }
          if (builder.pendingValues >= flushValues) flush();
        },
        error: (err) => finish({ status: 'failed', reason: messageOf(err) }, () => subscriber.error(err)),
        complete: () => finish({ status: 'complete' }, () => subscriber.complete()),
      });
      if (stopped) sub.unsubscribe();
      return () => {
        sub?.unsubscribe();
        // Unsubscribing stops the recording: write what is buffered and close the session.
        finish({ status: 'complete', reason: 'stopped' }, () => {});
      };
    });
}
