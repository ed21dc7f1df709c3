import { FormatError } from '../errors.js';
import type { FrameChunk, FrameSource } from '../formats/frames.js';
import { ContainerReader, decodeChunkPayload, encodePreamble, encodeRecord, leBytes, RECORD_CHUNK, RECORD_END } from './container.js';
import { SESSION_FORMAT } from './export-session.js';
import { bytesOf, type ByteSource } from './byte-source.js';
import type { StreamInfo } from './schema.js';
import { pickStream } from './session-source.js';

/**
 * Writes a {@link FrameSource} as a `.sclw` session file with one stream (the format of
 * `exportSession`), chunk by chunk, so any format converts to one `importSession` reads.
 *
 * @param source - the stream
 * @param exportedAt - wall clock written in the header, ms since the epoch
 * @returns the file's bytes, one record at a time
 */
export async function* sclwBytes(source: FrameSource, exportedAt = Date.now()): AsyncGenerator<Uint8Array> {
  let chunks = 0;
  let t0: number | undefined;
  let tEnd = 0;
  for await (const c of source.chunks()) {
    t0 ??= c.t0;
    tEnd = c.timestamps && c.frames > 0 ? c.timestamps[c.frames - 1]! + 1 / c.rate : c.t0 + c.frames / c.rate;
    chunks++;
  }
  const { kind, channels, rate } = source;
  const streams = { [source.stream]: { kind, channels, rate, chunks, frames: source.frames, t0: t0 ?? 0, tEnd } };
  yield encodePreamble({ format: SESSION_FORMAT, version: 1, exportedAt, session: source.session, streams, labels: source.labels });
  let seq = 0;
  let frames = 0;
  for await (const c of source.chunks()) {
    const meta = {
      stream: source.stream,
      seq: seq++,
      t0: c.t0,
      frames: c.frames,
      timestamps: !!c.timestamps,
      ...(c.gapBefore !== undefined && { gapBefore: c.gapBefore }),
    };
    frames += c.frames;
    yield encodeRecord(RECORD_CHUNK, meta, c.timestamps ? [leBytes(c.data), leBytes(c.timestamps)] : [leBytes(c.data)]);
  }
  yield encodeRecord(RECORD_END, { chunks: seq, frames });
}

/** The header of a `.sclw` file, checked. */
async function headerOf(file: Blob | Uint8Array): Promise<{ h: Record<string, unknown>; streams: Record<string, StreamInfo> }> {
  const reader = new ContainerReader();
  for await (const bytes of bytesOf(file)) {
    reader.push(bytes);
    reader.take();
    if (reader.header) break;
  }
  const h = reader.header;
  if (!h || h.format !== SESSION_FORMAT || typeof h.streams !== 'object' || !h.streams)
    throw new FormatError('E_PARSE', `not a ${SESSION_FORMAT} file`);
  return { h, streams: h.streams as Record<string, StreamInfo> };
}

/**
 * Names of the streams in a `.sclw` file.
 *
 * @param file - the file
 * @throws FormatError `E_PARSE` when it is not a session file
 */
export async function sclwStreams(file: Blob | Uint8Array): Promise<string[]> {
  return Object.keys((await headerOf(file)).streams);
}

/**
 * Reads one stream of a `.sclw` session file as a {@link FrameSource} (the file is read again,
 * streaming, each time its chunks are read).
 *
 * @param file - the file (read more than once: a Blob or bytes)
 * @param stream - stream name; may be omitted when the file has one stream
 * @throws FormatError `E_PARSE`, `E_CHECKSUM`, `E_TRUNCATED`, `E_UNSUPPORTED` as `importSession`;
 *   InputError `E_ARGUMENT` for a missing or unknown stream
 * @example
 * ```ts
 * import { readSclw, parquetBytes } from 'scl-wear/advanced';
 * const source = await readSclw(file, 'imu'); // file: a .sclw File from exportSession, e.g. picked in an <input type=file>
 * for await (const bytes of parquetBytes(source)) await writable.write(bytes); // its imu stream as Parquet
 * ```
 */
export async function readSclw(file: Blob | Uint8Array, stream?: string): Promise<FrameSource> {
  const { h, streams } = await headerOf(file);
  const name = pickStream({ streams }, stream);
  const info = streams[name]!;
  if (!Array.isArray(info.channels) || !(info.rate > 0))
    throw new FormatError('E_PARSE', `stream "${name}" in the header lacks channels or rate`);
  async function* chunks(): AsyncGenerator<FrameChunk> {
    const r = new ContainerReader();
    for await (const bytes of bytesOf(file as ByteSource)) {
      r.push(bytes);
      for (let rec = r.take(); rec; rec = r.take()) {
        if (rec.type !== RECORD_CHUNK || rec.meta.stream !== name) continue;
        const { t0, frames, timestamps, gapBefore } = rec.meta as { t0: number; frames: number; timestamps: boolean; gapBefore?: number };
        const samples = decodeChunkPayload(rec.payload, frames, info.channels.length, timestamps);
        if (!samples) throw new FormatError('E_PARSE', `chunk at byte ${r.offset} does not fit ${frames} frames`);
        yield { t0, rate: info.rate, frames, ...samples, ...(gapBefore !== undefined && { gapBefore }) };
      }
    }
  }
  return {
    session: h.session ?? {},
    stream: name,
    kind: info.kind,
    channels: info.channels,
    rate: info.rate,
    frames: info.frames,
    labels: Array.isArray(h.labels) ? h.labels : [],
    chunks,
  };
}
