import { Upload } from 'tus-js-client';
import { checkArg, SdkError, StorageError, messageOf } from '../errors.js';
import { type SessionRecord } from './schema.js';
import { idbOf, type WearDb } from './wear-db.js';
import { listSessions } from './sessions.js';
import { exportSession } from './export-session.js';
import { crc32 } from './container.js';
import { bytesOf } from './byte-source.js';
import { holdLock } from './locks.js';
import { withStore } from './with-store.js';

/**
 * Options of {@link syncSessions}. `endpoint` is required: nothing is sent without it.
 *
 * @example
 * ```ts
 * import { openWearDb, syncSessions, type SyncOptions } from 'scl-wear';
 * const stop = new AbortController();
 * const options: SyncOptions = {
 *   endpoint: 'https://study.example.org/files/',
 *   headers: { Authorization: `Bearer ${token}` },
 *   chunkSize: 4 << 20, // bytes per request
 *   select: (s) => s.subject !== 'test',
 *   signal: stop.signal,
 * };
 * const result = await syncSessions(await openWearDb(), options);
 * ```
 */
export interface SyncOptions {
  /** The tus endpoint of the app's own server, e.g. `https://study.example.org/files/`. */
  endpoint: string;
  /** Extra request headers (e.g. an authorisation token). */
  headers?: Readonly<Record<string, string>>;
  /** Bytes per PATCH request; default 1 MiB. */
  chunkSize?: number;
  /** Waits in ms before each retry after a failed request; default `[0, 1000, 3000, 10000]`. */
  retryDelays?: readonly number[];
  /** Which finished sessions to send; default all. */
  select?: (s: SessionRecord) => boolean;
  /** Called as bytes go out and when a session is done. */
  onProgress?: (p: SyncProgress) => void;
  /** Stops the upload in flight (it resumes on the next call). */
  signal?: AbortSignal;
}

/**
 * Progress of one session's upload.
 *
 * @example
 * ```ts
 * import { openWearDb, syncSessions, type SyncProgress } from 'scl-wear';
 * const show = (p: SyncProgress) => console.log(p.session, p.status, `${Math.round((100 * p.bytes) / p.totalBytes)} %`);
 * await syncSessions(await openWearDb(), { endpoint: 'https://study.example.org/files/', onProgress: show });
 * ```
 */
export interface SyncProgress {
  /** Session id. */
  readonly session: string;
  /** `sent` once the server holds every byte; `failed` when the upload failed (it resumes on the next call). */
  readonly status: 'uploading' | 'sent' | 'failed';
  /** Bytes the server has acknowledged. */
  readonly bytes: number;
  /** Size of the session file, bytes. */
  readonly totalBytes: number;
}

/**
 * What is stored (in the `meta` store, key `sync:<session>`) about a session's upload.
 *
 * @example
 * ```ts
 * import { openWearDb, listSessions } from 'scl-wear';
 * import { getSyncState, type SyncRecord } from 'scl-wear/advanced';
 * const db = await openWearDb();
 * const [session] = await listSessions(db, 'complete');
 * const sync: SyncRecord | undefined = await getSyncState(db, session!.id);
 * if (sync?.state === 'sent') console.log('uploaded to', sync.url, 'at', new Date(sync.sentAt!));
 * ```
 */
export interface SyncRecord {
  /** `sent` once the server confirmed the last byte. */
  readonly state: 'uploading' | 'sent';
  /** The upload's URL on the server. */
  readonly url: string;
  /** Session id, size and CRC-32 of the uploaded file: a different file never resumes an upload. */
  readonly fingerprint: string;
  /** Size of the uploaded file, bytes. */
  readonly size: number;
  /** Wall clock when the server confirmed the last byte, ms since the epoch. */
  readonly sentAt?: number;
}

/**
 * What {@link syncSessions} did.
 *
 * @example
 * ```ts
 * import { openWearDb, syncSessions, type SyncResult } from 'scl-wear';
 * const r: SyncResult = await syncSessions(await openWearDb(), { endpoint: 'https://study.example.org/files/' });
 * console.log(`${r.sent.length} sent, ${r.alreadySent.length} already there`);
 * for (const f of r.failed) console.warn(f.session, f.error.code); // retried on the next call
 * ```
 */
export interface SyncResult {
  /** Sessions uploaded (or finished uploading) now. */
  readonly sent: string[];
  /** Sessions sent before, left alone. */
  readonly alreadySent: string[];
  /** Sessions that failed; they resume on the next call. */
  readonly failed: { session: string; error: SdkError }[];
}

const FINISHED = new Set(['complete', 'interrupted', 'failed']);
const keyOf = (session: string) => `sync:${session}`;

/**
 * What is known about a session's upload, or undefined when it was never started.
 *
 * @param db - the open database
 * @param session - session id
 * @throws StorageError `E_STORAGE`
 * @example
 * ```ts
 * import { getSyncState } from 'scl-wear/advanced';
 * const sent = (await getSyncState(db, id))?.state === 'sent';
 * ```
 */
export async function getSyncState(db: WearDb, session: string): Promise<SyncRecord | undefined> {
  return withStore('read sync state', async () => {
    return (await idbOf(db).get('meta', keyOf(session)))?.value as SyncRecord | undefined;
  });
}

async function putState(db: WearDb, session: string, value: SyncRecord): Promise<void> {
  await withStore('write sync state', async () => {
    await idbOf(db).put('meta', { key: keyOf(session), value });
  });
}

/**
 * A tus file reader over a Blob that hands out bytes, usable by both the XHR and the Node HTTP
 * stacks (tus reads a body's length from its `size`, as on a Blob).
 */
const blobReader = {
  openFile: (input: Blob) =>
    Promise.resolve({
      size: input.size,
      slice: async (start: number, end: number) => {
        const value = new Uint8Array(await input.slice(start, end).arrayBuffer());
        return { value: Object.assign(value, { size: value.length }), done: end >= input.size };
      },
      close: () => {},
    }),
};

async function crcOf(blob: Blob): Promise<number> {
  let c = 0;
  for await (const b of bytesOf(blob)) c = crc32(b, c);
  return c;
}

/**
 * Uploads finished sessions (status complete, interrupted or failed) as `.sclw` files to the
 * app's own server with the tus resumable-upload protocol (https://tus.io): in `chunkSize`
 * pieces, retrying after lost connections and resuming from the server's offset after a
 * reload (the upload URL is kept in IndexedDB). A session is sent at most once and never in
 * part: the file is the same bytes on every try (its header's time is the session's end), an
 * upload resumes only when the file's fingerprint matches, and a session is marked sent only
 * after the server has every byte. Sessions are sent one at a time, in creation order.
 *
 * Off by default: nothing in the SDK calls this; nothing is sent without an explicit endpoint.
 *
 * @param db - the open database
 * @param options - endpoint (required), headers, chunk size, retries, selection, progress, abort
 * @returns what was sent, skipped and failed (a failure does not stop the other sessions)
 * @throws InputError `E_ARGUMENT` for a missing or non-http(s) endpoint; StorageError
 *   `E_STORAGE`. Per-session failures are StorageError `E_NETWORK` in the result.
 * @example
 * ```ts
 * import { syncSessions } from 'scl-wear';
 * const r = await syncSessions(db, { endpoint: 'https://study.example.org/files/', onProgress: (p) => bar(p.bytes / p.totalBytes) });
 * if (r.failed.length) retryButton.hidden = false;
 * ```
 */
export async function syncSessions(db: WearDb, options: SyncOptions): Promise<SyncResult> {
  const endpoint = options?.endpoint;
  checkArg(
    typeof endpoint === 'string' && /^https?:\/\/[^/]/i.test(endpoint),
    'options.endpoint',
    'an http(s) URL of a tus endpoint',
    endpoint,
  );
  const select = options.select ?? (() => true);
  const result: SyncResult = { sent: [], alreadySent: [], failed: [] };
  for (const s of await listSessions(db)) {
    if (!FINISHED.has(s.status) || !select(s)) continue;
    if (options.signal?.aborted) break;
    try {
      (await uploadOne(db, s, options)) ? result.sent.push(s.id) : result.alreadySent.push(s.id);
    } catch (err) {
      const error =
        err instanceof SdkError
          ? (err as SdkError)
          : new StorageError('E_NETWORK', `upload of session ${s.id} failed: ${messageOf(err)}`, {
              cause: err,
              details: { session: s.id },
            });
      result.failed.push({ session: s.id, error });
      options.onProgress?.({ session: s.id, status: 'failed', bytes: 0, totalBytes: 0 });
    }
  }
  return result;
}

/** Uploads one session; false when it was sent before. */
async function uploadOne(db: WearDb, s: SessionRecord, options: SyncOptions): Promise<boolean> {
  const release = await holdLock(keyOf(s.id));
  try {
    const prev = await getSyncState(db, s.id);
    if (prev?.state === 'sent') return false;
    const blob = await new Response(exportSession(db, s.id, { exportedAt: s.endedAt ?? s.updatedAt })).blob();
    const fingerprint = `scl-wear:${s.id}:${blob.size}:${(await crcOf(blob)).toString(16)}`;
    const resume = prev?.fingerprint === fingerprint ? prev.url : undefined;
    if (prev && !resume) await Upload.terminate(prev.url, { headers: { ...options.headers } }).catch(() => undefined);
    let saved: Promise<void> = Promise.resolve();
    const url = await new Promise<string>((resolve, reject) => {
      const upload = new Upload(blob, {
        endpoint: options.endpoint,
        uploadUrl: resume ?? null,
        chunkSize: options.chunkSize ?? 1 << 20,
        retryDelays: [...(options.retryDelays ?? [0, 1000, 3000, 10000])],
        headers: { ...options.headers },
        metadata: {
          filename: `${s.id}.sclw`,
          filetype: 'application/octet-stream',
          session: s.id,
          fingerprint,
          ...(s.subject !== undefined && { subject: s.subject }),
        },
        fileReader: blobReader,
        fingerprint: () => Promise.resolve(fingerprint),
        storeFingerprintForResuming: false,
        onUploadUrlAvailable: () => {
          saved = putState(db, s.id, { state: 'uploading', url: upload.url!, fingerprint, size: blob.size });
        },
        onProgress: (bytes) => options.onProgress?.({ session: s.id, status: 'uploading', bytes, totalBytes: blob.size }),
        onSuccess: () => resolve(upload.url!),
        onError: (err) => reject(err),
      });
      options.signal?.addEventListener(
        'abort',
        () => {
          void upload.abort();
          reject(
            new StorageError('E_NETWORK', `upload of session ${s.id} was stopped; it resumes on the next sync`, {
              details: { session: s.id },
            }),
          );
        },
        { once: true },
      );
      upload.start();
    });
    await saved;
    await putState(db, s.id, { state: 'sent', url, fingerprint, size: blob.size, sentAt: Date.now() });
    options.onProgress?.({ session: s.id, status: 'sent', bytes: blob.size, totalBytes: blob.size });
    return true;
  } finally {
    release();
  }
}
