import { checkArg } from '../errors.js';
import type { FrameSource } from '../formats/frames.js';
import type { SessionRecord } from './schema.js';
import type { WearDb } from './wear-db.js';
import { getSession } from './sessions.js';
import { listLabels } from './labels.js';
import { readChunks } from './chunks.js';

/**
 * The stream to export: the one named, or the only one.
 *
 * @param s - the session
 * @param stream - the name asked for, if any
 * @throws InputError `E_ARGUMENT` naming the session's streams
 */
export function pickStream(s: Pick<SessionRecord, 'streams'>, stream: string | undefined): string {
  const names = Object.keys(s.streams);
  const name = stream ?? (names.length === 1 ? names[0]! : undefined);
  checkArg(name !== undefined && name in s.streams, 'options.stream', `one of ${JSON.stringify(names)}`, stream);
  return name;
}

/**
 * One stream of a stored session as a {@link FrameSource}, for the Parquet and EDF+ writers:
 * the session's fields and labels, and its chunks read from IndexedDB a page at a time.
 *
 * @param db - the open database
 * @param session - session id
 * @param stream - stream name; may be omitted when the session has one stream
 * @throws StorageError `E_NOT_FOUND`, `E_STORAGE`; InputError `E_ARGUMENT` for a missing or
 *   unknown stream
 * @example
 * ```ts
 * import { sessionSource, parquetBytes } from 'scl-wear/advanced';
 * const source = await sessionSource(db, id, 'imu');
 * for await (const bytes of parquetBytes(source)) await writable.write(bytes);
 * ```
 */
export async function sessionSource(db: WearDb, session: string, stream?: string): Promise<FrameSource> {
  const s = await getSession(db, session);
  const name = pickStream(s, stream);
  const info = s.streams[name]!;
  const labels = (await listLabels(db, session)).map(({ kind, label, start, end, note }) => ({
    kind,
    label,
    start,
    ...(end !== undefined && { end }),
    ...(note !== undefined && { note }),
  }));
  const { streams: _streams, bytes: _bytes, updatedAt: _updated, origin: _origin, ...fields } = s;
  return {
    session: fields,
    stream: name,
    kind: info.kind,
    channels: info.channels,
    rate: info.rate,
    frames: info.frames,
    labels,
    chunks: () => readChunks(db, session, name),
  };
}
