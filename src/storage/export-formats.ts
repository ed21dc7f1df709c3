import type { FrameProgress, FrameSource } from '../formats/frames.js';
import { parquetBytes } from '../formats/parquet-write.js';
import { edfBytes } from '../formats/edf-write.js';
import type { SessionRecord } from './schema.js';
import type { WearDb } from './wear-db.js';
import { toStream } from './export-session.js';
import { importSession, type ImportOptions } from './import-session.js';
import { sclwBytes } from './sclw-frames.js';
import { sessionSource } from './session-source.js';

/**
 * Options of {@link exportSessionParquet} and {@link exportSessionEdf}.
 *
 * @example
 * ```ts
 * import { openWearDb, listSessions, exportSessionParquet, type FormatExportOptions } from 'scl-wear';
 * const db = await openWearDb();
 * const [session] = await listSessions(db, 'complete');
 * const options: FormatExportOptions = { stream: 'imu', rowGroupFrames: 16_384, onProgress: (p) => console.log(p.frames) };
 * const blob = await new Response(exportSessionParquet(db, session!.id, options)).blob();
 * ```
 */
export interface FormatExportOptions {
  /** Stream to export; may be omitted when the session has one stream. */
  stream?: string;
  /** Called as the file is produced. */
  onProgress?: (p: FrameProgress) => void;
  /** Parquet only: frames per row group; default 65,536. */
  rowGroupFrames?: number;
}

async function* lazily(make: () => Promise<AsyncGenerator<Uint8Array>>): AsyncGenerator<Uint8Array> {
  yield* await make();
}

/**
 * Exports one stream of a session as Parquet (layout in docs/export.md): a row per frame with
 * `t`, the channels and `label`, the session and labels in the key-value metadata. Streams row
 * group by row group, so a day-long session exports in bounded memory.
 *
 * @param db - the open database
 * @param session - session id
 * @param options - stream, progress, row group size
 * @returns a byte stream (`await new Response(stream).blob()` gives a Blob)
 * @throws (when read) InputError `E_ARGUMENT` for a missing or unknown stream; StorageError
 *   `E_NOT_FOUND`, `E_STORAGE`
 * @example
 * ```ts
 * import { exportSessionParquet } from 'scl-wear';
 * const blob = await new Response(exportSessionParquet(db, id, { stream: 'imu' })).blob();
 * ```
 */
export function exportSessionParquet(db: WearDb, session: string, options: FormatExportOptions = {}): ReadableStream<Uint8Array> {
  return toStream(lazily(async () => parquetBytes(await sessionSource(db, session, options.stream), options)));
}

/**
 * Exports one stream of a session as EDF+ (EDF+C, or EDF+D when it has gaps): one signal per channel with its physical
 * dimension and 16-bit scaling from the data's range, labels as annotations (details in
 * docs/export.md). Reads the stream twice (range, then samples); memory stays bounded.
 *
 * @param db - the open database
 * @param session - session id
 * @param options - stream, progress
 * @returns a byte stream
 * @throws (when read) FormatError `E_UNSUPPORTED` for a stream with irregular times or
 *   non-finite samples (EDF cannot hold them); InputError `E_ARGUMENT`; StorageError
 *   `E_NOT_FOUND`, `E_STORAGE`
 * @example
 * ```ts
 * import { exportSessionEdf } from 'scl-wear';
 * const blob = await new Response(exportSessionEdf(db, id, { stream: 'ecg' })).blob();
 * ```
 */
export function exportSessionEdf(db: WearDb, session: string, options: FormatExportOptions = {}): ReadableStream<Uint8Array> {
  return toStream(lazily(async () => edfBytes(await sessionSource(db, session, options.stream), options)));
}

/**
 * Imports a stream read from another format (`readParquet`, `readEdf`, `readSclw`) as a new
 * session, with the same guarantees as `importSession`: streamed, all or nothing.
 *
 * @param db - the open database
 * @param source - the stream
 * @param options - new id, progress, transaction size
 * @returns the imported session
 * @throws FormatError from the reader; StorageError `E_QUOTA`, `E_STORAGE`
 * @example
 * ```ts
 * import { importFrames, readParquet } from 'scl-wear';
 * const session = await importFrames(db, await readParquet(file));
 * ```
 */
export function importFrames(db: WearDb, source: FrameSource, options: ImportOptions = {}): Promise<SessionRecord> {
  return importSession(db, toStream(sclwBytes(source)), options);
}
