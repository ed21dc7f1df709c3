/**
 * Bytes that can be read at any offset: a `slice(start, end)` returning (a promise of) an ArrayBuffer.
 *
 * @example
 * ```ts
 * import { readParquet, type AsyncBytes } from 'scl-wear';
 * // read a large remote file by HTTP range requests instead of downloading it whole
 * const url = 'https://example.org/big.parquet';
 * const size = Number((await fetch(url, { method: 'HEAD' })).headers.get('content-length'));
 * const remote: AsyncBytes = {
 *   byteLength: size,
 *   slice: async (start, end = size) => (await fetch(url, { headers: { Range: `bytes=${start}-${end - 1}` } })).arrayBuffer(),
 * };
 * const source = await readParquet(remote);
 * ```
 */
export interface AsyncBytes {
  /** Size in bytes. */
  readonly byteLength: number;
  /** Bytes `start` (inclusive) to `end` (exclusive, default the end). */
  slice(start: number, end?: number): ArrayBuffer | Promise<ArrayBuffer>;
}

/**
 * Random-access bytes: a Blob (or File), bytes in memory, or anything with `byteLength` and `slice`.
 *
 * @example
 * ```ts
 * import { readParquet, type RandomAccessBytes } from 'scl-wear';
 * input.onchange = async () => {
 *   const file: RandomAccessBytes = input.files![0]!; // a File is a Blob; bytes in memory work too
 *   console.log((await readParquet(file)).frames);
 * };
 * ```
 */
export type RandomAccessBytes = Blob | Uint8Array | AsyncBytes;

/**
 * Wraps a Blob or bytes as random-access bytes (the readers fetch only the ranges they need).
 *
 * @param file - the file
 */
export function asyncBufferOf(file: RandomAccessBytes): AsyncBytes {
  if (file instanceof Uint8Array) {
    return {
      byteLength: file.byteLength,
      slice: (s, e) => file.buffer.slice(file.byteOffset + s, file.byteOffset + (e ?? file.byteLength)) as ArrayBuffer,
    };
  }
  if (typeof Blob !== 'undefined' && file instanceof Blob)
    return { byteLength: file.size, slice: (s, e) => file.slice(s, e).arrayBuffer() };
  return file as AsyncBytes;
}

/**
 * Reads `[start, end)` as bytes.
 *
 * @param file - the file
 * @param start - first byte
 * @param end - byte after the last
 */
export async function readRange(file: AsyncBytes, start: number, end: number): Promise<Uint8Array> {
  return new Uint8Array(await file.slice(start, Math.min(end, file.byteLength)));
}
