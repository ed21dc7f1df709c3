import { FormatError } from '../errors.js';

/**
 * Throws a {@link FormatError} `E_TRUNCATED` unless `view` holds `n` bytes from `offset`.
 *
 * @param view - the bytes being read
 * @param offset - byte offset of the field
 * @param n - size of the field in bytes
 * @param what - the field's name, for the message
 */
export function need(view: DataView, offset: number, n: number, what: string): void {
  if (offset + n > view.byteLength) {
    throw new FormatError('E_TRUNCATED', `${what}: needs ${n} byte(s) at offset ${offset}, message has ${view.byteLength}`, {
      details: { offset, needed: n, length: view.byteLength, field: what },
    });
  }
}

/**
 * Reads a little-endian signed integer of 1 to 4 bytes (sign taken from the top bit of the last byte).
 *
 * @param view - the bytes
 * @param offset - byte offset
 * @param size - 1 to 4 bytes
 */
export function readIntLE(view: DataView, offset: number, size: number): number {
  let v = 0;
  for (let i = 0; i < size; i++) v |= view.getUint8(offset + i) << (8 * i);
  const shift = 32 - 8 * size;
  return shift === 0 ? v | 0 : (v << shift) >> shift;
}

/**
 * Reads a little-endian unsigned integer of 1 to 4 bytes.
 *
 * @param view - the bytes
 * @param offset - byte offset
 * @param size - 1 to 4 bytes
 */
export function readUintLE(view: DataView, offset: number, size: number): number {
  let v = 0;
  for (let i = 0; i < size; i++) v += view.getUint8(offset + i) * 2 ** (8 * i);
  return v;
}

/**
 * Returns a DataView over any byte container (DataView, typed array, ArrayBuffer, number list).
 *
 * @param bytes - the bytes
 */
export function toView(bytes: DataView | ArrayBufferView | ArrayBuffer | readonly number[]): DataView {
  if (bytes instanceof DataView) return bytes;
  if (ArrayBuffer.isView(bytes)) return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes instanceof ArrayBuffer) return new DataView(bytes);
  return new DataView(Uint8Array.from(bytes).buffer);
}
