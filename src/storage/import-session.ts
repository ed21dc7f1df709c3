import { FormatError } from '../errors.js';
import type { ChannelInfo, SensorKind } from '../core/batch.js';
import { type LabelRecord, type SessionRecord, type SessionStatus } from './schema.js';
import { idbOf, type WearDb } from './wear-db.js';
import type { PendingChunk } from './chunk-builder.js';
import { ContainerReader, decodeChunkPayload, RECORD_CHUNK, RECORD_END, type ContainerRecord } from './container.js';
import { SESSION_FORMAT, type TransferProgress } from './export-session.js';
import { bytesOf, sizeOf, type ByteSource } from './byte-source.js';
import { writeChunks, chunkBytes } from './chunks.js';
import { newId, purgeSession } from './sessions.js';
import { holdLock } from './locks.js';
import { settled } from './open.js';
import { toStorageError } from './with-store.js';

/**
 * Options of {@link importSession}.
 *
 * @example
 * ```ts
 * import { openWearDb, importSession, type ImportOptions } from 'scl-wear';
 * const db = await openWearDb();
 * const options: ImportOptions = { writeBytes: 1 << 20, onProgress: (p) => console.log(p.bytes, '/', p.totalBytes) };
 * input.onchange = async () => importSession(db, input.files![0]!, options); // an <input type=file>
 * ```
 */
export interface ImportOptions {
  /** Id of the new session; default a new random id (importing a file twice gives two sessions). */
  id?: string;
  /** Called after each write transaction and once at the end. */
  onProgress?: (p: TransferProgress) => void;
  /** Bytes of samples gathered before each write transaction; default 4 MiB. */
  writeBytes?: number;
}

interface StreamSpec {
  kind: SensorKind;
  channels: readonly ChannelInfo[];
  rate: number;
  next: number;
  /** Time of the last frame read so far, seconds (-Infinity before the first). */
  last: number;
}

const KINDS: readonly SensorKind[] = ['ecg', 'acc', 'gyro', 'imu', 'hr'];
const bad = (msg: string, offset: number) => new FormatError('E_PARSE', msg, { details: { offset } });

/**
 * Imports a `.sclw` session file (see {@link exportSession}) as a new session, streaming: the
 * file is read and written in transactions of about `writeBytes`, never held whole. The
 * samples, times, gap markers, labels and session fields come back exactly as exported.
 *
 * All or nothing: while it runs the session has status `importing`, which `listSessions` does
 * not show and `recoverSessions` never takes for an interrupted recording; the last write sets
 * the final status in the same transaction as the last chunks. A corrupt or truncated file
 * leaves nothing behind, and an import cut off by a closed page or a crash is deleted by the
 * next `recoverSessions`.
 *
 * @param db - the open database
 * @param source - the file: Blob, ReadableStream, async iterable of bytes, or bytes
 * @param options - new id, progress callback, transaction size
 * @returns the imported session
 * @throws FormatError `E_PARSE` (not a session file, bad record), `E_CHECKSUM` (damaged
 *   record, a chunk starting before the previous one's last frame), `E_TRUNCATED` (file ends
 *   early), `E_UNSUPPORTED` (container version 0 or newer than this SDK's); StorageError
 *   `E_QUOTA`, `E_STORAGE`
 * @example
 * ```ts
 * import { importSession } from 'scl-wear';
 * const session = await importSession(db, file, { onProgress: (p) => bar(p.bytes / p.totalBytes!) });
 * ```
 */
export async function importSession(db: WearDb, source: ByteSource, options: ImportOptions = {}): Promise<SessionRecord> {
  const totalBytes = sizeOf(source);
  const writeBytes = options.writeBytes ?? 4 << 20;
  const reader = new ContainerReader();
  const id = options.id ?? newId();
  let release: (() => void) | undefined;
  let created = false;
  let streams: Map<string, StreamSpec> | undefined;
  let finalStatus: { status: SessionStatus; reason?: string } = { status: 'complete' };
  let pending: PendingChunk[] = [];
  let pendingBytes = 0;
  let chunks = 0;
  let frames = 0;
  let ended = false;
  const report = (status: TransferProgress['status']) =>
    options.onProgress?.({ status, session: id, chunks, frames, bytes: reader.offset, ...(totalBytes !== undefined && { totalBytes }) });
  const flush = async (final?: typeof finalStatus) => {
    const s = await writeChunks(db, id, pending, final);
    pending = [];
    pendingBytes = 0;
    return s;
  };
  try {
    for await (const bytes of bytesOf(source)) {
      reader.push(bytes);
      for (let rec = reader.take(); rec; rec = reader.take()) {
        if (ended) throw bad('data after the end record', reader.offset);
        if (!streams) {
          release = await holdLock(`session:${id}`);
          ({ streams, finalStatus } = await begin(db, id, reader.header!));
          created = true;
        }
        if (rec.type === RECORD_END) {
          if (rec.meta.chunks !== chunks || rec.meta.frames !== frames) {
            throw new FormatError(
              'E_TRUNCATED',
              `file declares ${String(rec.meta.chunks)} chunks, ${String(rec.meta.frames)} frames; read ${chunks}, ${frames}`,
            );
          }
          ended = true;
          continue;
        }
        const c = toChunk(rec, streams, reader.offset);
        pending.push(c);
        pendingBytes += chunkBytes(c);
        chunks++;
        frames += c.frames;
        if (pendingBytes >= writeBytes) {
          await flush();
          report('importing');
        }
      }
    }
    if (reader.header && !streams) {
      release = await holdLock(`session:${id}`);
      ({ streams, finalStatus } = await begin(db, id, reader.header));
      created = true;
    }
    if (!ended || reader.buffered > 0) {
      throw new FormatError('E_TRUNCATED', `session file ends at byte ${reader.offset + reader.buffered} before its end record`, {
        details: { offset: reader.offset },
      });
    }
    const s = await flush(finalStatus);
    report('complete');
    return s;
  } catch (err) {
    if (created) await purgeSession(db, id).catch(() => undefined);
    throw err instanceof FormatError ? err : toStorageError(err, 'import session');
  } finally {
    release?.();
  }
}

/** Validates the header and creates the staged session (status `importing`) with its labels. */
async function begin(db: WearDb, id: string, header: Record<string, unknown>) {
  const session = header.session as Partial<SessionRecord> | undefined;
  const declared = header.streams as Record<string, Partial<StreamSpec>> | undefined;
  if (header.format !== SESSION_FORMAT || !session || typeof session !== 'object' || !declared || typeof declared !== 'object') {
    throw bad(`header is not a ${SESSION_FORMAT} header`, 16);
  }
  const streams = new Map<string, StreamSpec>();
  for (const [name, s] of Object.entries(declared)) {
    const channelsOk =
      Array.isArray(s.channels) &&
      s.channels.length > 0 &&
      s.channels.every(
        (c: unknown) =>
          typeof c === 'object' && c !== null && typeof (c as ChannelInfo).name === 'string' && typeof (c as ChannelInfo).unit === 'string',
      );
    if (!KINDS.includes(s.kind as SensorKind) || !channelsOk || !(typeof s.rate === 'number' && Number.isFinite(s.rate) && s.rate > 0)) {
      throw bad(
        `stream "${name}" in the header needs a kind (${KINDS.join(', ')}), channels of { name, unit } and a positive finite rate`,
        16,
      );
    }
    streams.set(name, {
      kind: s.kind as SensorKind,
      channels: s.channels as readonly ChannelInfo[],
      rate: s.rate,
      next: 0,
      last: Number.NEGATIVE_INFINITY,
    });
  }
  const was = session.status;
  const finalStatus =
    was === 'complete' || was === 'interrupted' || was === 'failed'
      ? { status: was, ...(session.reason !== undefined && { reason: session.reason }) }
      : { status: 'interrupted' as const, reason: 'exported while recording' };
  const now = Date.now();
  const record: SessionRecord = {
    id,
    status: 'importing',
    origin: 'imported',
    streams: {},
    bytes: 0,
    updatedAt: now,
    createdAt: typeof session.createdAt === 'number' ? session.createdAt : now,
    ...pick(session, ['startedAt', 'subject', 'notes', 'device']),
  };
  const labels = Array.isArray(header.labels) ? (header.labels as Partial<LabelRecord>[]) : [];
  const tx = idbOf(db).transaction(['sessions', 'labels'], 'readwrite');
  const done = settled(tx);
  await tx.objectStore('sessions').add(record);
  for (const l of labels) {
    if (typeof l.label !== 'string' || typeof l.start !== 'number') throw bad('a label in the header lacks label or start', 16);
    await tx.objectStore('labels').add({
      session: id,
      kind: l.kind === 'event' ? 'event' : 'activity',
      label: l.label,
      start: l.start,
      updatedAt: now,
      ...(typeof l.end === 'number' && { end: l.end }),
      ...(typeof l.note === 'string' && { note: l.note }),
    });
  }
  await done;
  return { streams, finalStatus };
}

function pick<T extends object, K extends keyof T>(o: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

/** Checks a chunk record against its stream and decodes its samples. */
function toChunk(rec: ContainerRecord, streams: Map<string, StreamSpec>, offset: number): PendingChunk {
  if (rec.type !== RECORD_CHUNK) throw bad(`unknown record type ${rec.type}`, offset);
  const { stream, seq, t0, frames, timestamps, gapBefore } = rec.meta;
  const spec = typeof stream === 'string' ? streams.get(stream) : undefined;
  if (!spec) throw bad(`chunk of undeclared stream ${JSON.stringify(stream)}`, offset);
  if (seq !== spec.next) throw bad(`chunk ${String(seq)} of "${String(stream)}" out of order (expected ${spec.next})`, offset);
  if (!Number.isInteger(frames) || (frames as number) < 0 || typeof t0 !== 'number' || !Number.isFinite(t0))
    throw bad('chunk with bad frames or t0', offset);
  const n = frames as number;
  const samples = decodeChunkPayload(rec.payload, n, spec.channels.length, !!timestamps);
  if (!samples) throw bad(`chunk payload of ${rec.payload.length} bytes does not fit ${n} frames`, offset);
  const times = samples.timestamps;
  const first = times && n > 0 ? times[0]! : t0;
  if (!(first > spec.last)) {
    throw bad(
      `chunk ${String(seq)} of "${String(stream)}" starts at ${first} s, not after the previous chunk's last frame at ${spec.last} s`,
      offset,
    );
  }
  if (times) {
    for (let i = 1; i < n; i++)
      if (!(times[i]! >= times[i - 1]!))
        throw bad(`chunk ${String(seq)} of "${String(stream)}": timestamp ${i} goes backwards or is not a number`, offset);
  }
  if (n > 0) spec.last = times ? times[n - 1]! : t0 + (n - 1) / spec.rate;
  spec.next++;
  return {
    stream: stream as string,
    seq,
    kind: spec.kind,
    channels: spec.channels,
    rate: spec.rate,
    t0,
    frames: n,
    ...samples,
    ...(typeof gapBefore === 'number' && { gapBefore }),
  };
}
