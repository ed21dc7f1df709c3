/**
 * Anything a session file can be read from.
 *
 * @example
 * ```ts
 * import { openWearDb, importSession } from 'scl-wear';
 * const db = await openWearDb();
 * // a ByteSource: a File/Blob, bytes, a ReadableStream (e.g. a fetch body) or an async iterable of bytes
 * const response = await fetch('/sessions/S07.sclw');
 * const session = await importSession(db, response.body!);
 * ```
 */
export type ByteSource = Blob | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | Uint8Array | ArrayBuffer;

const SLICE = 1 << 20;

/**
 * Size of a source in bytes when it is known up front (Blob, bytes), else undefined.
 *
 * @param source - the source
 */
export function sizeOf(source: ByteSource): number | undefined {
  if (source instanceof Uint8Array || source instanceof ArrayBuffer) return source.byteLength;
  if (typeof Blob !== 'undefined' && source instanceof Blob) return source.size;
  return undefined;
}

/**
 * Reads any {@link ByteSource} as a sequence of byte chunks (bytes in memory come in 1 MiB
 * slices, so consumers can report progress).
 *
 * @param source - the source
 */
export async function* bytesOf(source: ByteSource): AsyncGenerator<Uint8Array> {
  if (source instanceof ArrayBuffer) source = new Uint8Array(source);
  if (source instanceof Uint8Array) {
    for (let o = 0; o < source.length; o += SLICE) yield source.subarray(o, o + SLICE);
    return;
  }
  if (typeof Blob !== 'undefined' && source instanceof Blob) source = source.stream() as ReadableStream<Uint8Array>;
  if (typeof (source as ReadableStream<Uint8Array>).getReader === 'function') {
    const reader = (source as ReadableStream<Uint8Array>).getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        yield value;
      }
    } finally {
      reader.releaseLock();
    }
  }
  yield* source as AsyncIterable<Uint8Array>;
}
