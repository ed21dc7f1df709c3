/**
 * The `.sclw` session file: a portable, streamable container that keeps samples bit-exact.
 * Layout (integers are unsigned 32-bit little-endian; see docs/storage.md):
 *
 *     "SCLWSESS" | u32 version (1) | u32 H | H bytes of header JSON
 *     records: u8 type | u32 M | M bytes of meta JSON | u32 P | P bytes of payload | u32 CRC-32
 *
 * Record type 1 is a chunk (payload: float32 LE samples, then float64 LE timestamps when the
 * meta says so); type 2 ends the file (meta: totals, no payload). The CRC-32 (IEEE) covers
 * the meta and payload bytes.
 */
import { FormatError } from '../errors.js';

/** File signature. */
export const MAGIC = 'SCLWSESS';
/** Container version written by this SDK. */
export const FORMAT_VERSION = 1;
/** Record type of a chunk (payload: float32 samples, then float64 timestamps when the meta says so). */
export const RECORD_CHUNK = 1;
/** Record type that ends the file (meta: totals; no payload). */
export const RECORD_END = 2;
const MAX_META = 1 << 24;
const MAX_PAYLOAD = 1 << 30;

let crcTable: Uint32Array | undefined;

/**
 * CRC-32 (IEEE 802.3, as in zip and PNG) of a byte range, continuing from `crc`.
 *
 * @param bytes - input
 * @param crc - running value from a previous call, or 0
 */
export function crc32(bytes: Uint8Array, crc = 0): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  const t = crcTable;
  let c = ~crc;
  for (let i = 0; i < bytes.length; i++) c = t[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

const littleEndian = () => new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The bytes of a typed array in little-endian order (a view where the platform is little-endian). */
export function leBytes(a: Float32Array | Float64Array): Uint8Array {
  if (littleEndian()) return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const out = new Uint8Array(a.byteLength);
  const v = new DataView(out.buffer);
  const f64 = a instanceof Float64Array;
  for (let i = 0; i < a.length; i++) f64 ? v.setFloat64(i * 8, a[i]!, true) : v.setFloat32(i * 4, a[i]!, true);
  return out;
}

/** Copies little-endian bytes into a new typed array. */
export function fromLeBytes<T extends Float32Array | Float64Array>(
  bytes: Uint8Array,
  Ctor: { new (n: number): T; BYTES_PER_ELEMENT: number },
): T {
  const out = new Ctor(bytes.length / Ctor.BYTES_PER_ELEMENT);
  if (littleEndian()) {
    new Uint8Array(out.buffer).set(bytes);
    return out;
  }
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < out.length; i++) out[i] = Ctor.BYTES_PER_ELEMENT === 8 ? v.getFloat64(i * 8, true) : v.getFloat32(i * 4, true);
  return out;
}

/**
 * Splits a chunk record's payload into its samples and, when present, its timestamps.
 *
 * @param payload - the record's payload
 * @param frames - frames in the chunk
 * @param channels - channels of the stream
 * @param timestamps - whether the record carries timestamps
 * @returns undefined when the payload size does not fit the frames
 */
export function decodeChunkPayload(
  payload: Uint8Array,
  frames: number,
  channels: number,
  timestamps: boolean,
): { data: Float32Array; timestamps?: Float64Array } | undefined {
  const dataBytes = frames * channels * 4;
  if (payload.length !== dataBytes + (timestamps ? frames * 8 : 0)) return undefined;
  const data = fromLeBytes(payload.subarray(0, dataBytes), Float32Array);
  return timestamps ? { data, timestamps: fromLeBytes(payload.subarray(dataBytes), Float64Array) } : { data };
}

/** The file preamble: signature, version and header JSON. */
export function encodePreamble(header: unknown): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(16 + json.length);
  out.set(new TextEncoder().encode(MAGIC), 0);
  const v = new DataView(out.buffer);
  v.setUint32(8, FORMAT_VERSION, true);
  v.setUint32(12, json.length, true);
  out.set(json, 16);
  return out;
}

/** One record: type, meta JSON, payload parts and their CRC-32. */
export function encodeRecord(type: number, meta: unknown, payload: readonly Uint8Array[] = []): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(meta));
  const p = payload.reduce((n, b) => n + b.length, 0);
  const out = new Uint8Array(1 + 4 + json.length + 4 + p + 4);
  const v = new DataView(out.buffer);
  out[0] = type;
  v.setUint32(1, json.length, true);
  out.set(json, 5);
  v.setUint32(5 + json.length, p, true);
  let o = 9 + json.length;
  for (const b of payload) {
    out.set(b, o);
    o += b.length;
  }
  v.setUint32(o, crc32(out.subarray(9 + json.length, o), crc32(json)), true);
  return out;
}

/** A decoded record. */
export interface ContainerRecord {
  readonly type: number;
  readonly meta: Record<string, unknown>;
  readonly payload: Uint8Array;
}

const parseJson = (bytes: Uint8Array, what: string, offset: number): Record<string, unknown> => {
  try {
    const v: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new FormatError('E_PARSE', `${what} at byte ${offset} is not a JSON object`, { details: { offset } });
};

/**
 * Incremental reader: feed byte chunks of any size with `push`, take decoded items with `take`.
 * Validates the signature, lengths and checksums as it goes.
 */
export class ContainerReader {
  private buf = new Uint8Array(1 << 16);
  private start = 0;
  private end = 0;
  /** Bytes consumed so far (offset of the next unread byte in the file). */
  offset = 0;
  /** The header, once read. */
  header: Record<string, unknown> | undefined;

  /** Appends bytes. */
  push(bytes: Uint8Array): void {
    if (this.end + bytes.length > this.buf.length) {
      const live = this.end - this.start;
      if (live + bytes.length > this.buf.length) {
        const grown = new Uint8Array(Math.max(this.buf.length * 2, live + bytes.length));
        grown.set(this.buf.subarray(this.start, this.end));
        this.buf = grown;
      } else {
        this.buf.copyWithin(0, this.start, this.end);
      }
      this.start = 0;
      this.end = live;
    }
    this.buf.set(bytes, this.end);
    this.end += bytes.length;
  }

  /**
   * Returns the next complete record, or undefined when more bytes are needed. Reads the
   * preamble first (then `header` is set).
   *
   * @throws FormatError `E_PARSE` (bad signature, lengths or JSON), `E_UNSUPPORTED` (container
   *   version 0 or newer than this SDK's), `E_CHECKSUM` (CRC mismatch)
   */
  take(): ContainerRecord | undefined {
    const avail = this.end - this.start;
    const v = new DataView(this.buf.buffer, this.start, avail);
    if (!this.header) {
      if (avail < 16) return undefined;
      const magic = new TextDecoder().decode(this.buf.subarray(this.start, this.start + 8));
      if (magic !== MAGIC) throw new FormatError('E_PARSE', 'not a scl-wear session file (bad signature)', { details: { offset: 0 } });
      const version = v.getUint32(8, true);
      if (version > FORMAT_VERSION)
        throw new FormatError('E_UNSUPPORTED', `session file version ${version} is newer than ${FORMAT_VERSION}`, {
          details: { offset: 8, version },
        });
      if (version < 1)
        throw new FormatError('E_UNSUPPORTED', `session file version ${version} does not exist; versions start at 1`, {
          details: { offset: 8, version },
        });
      const h = v.getUint32(12, true);
      if (h > MAX_META) throw new FormatError('E_PARSE', `header length ${h} is implausible`, { details: { offset: 12 } });
      if (avail < 16 + h) return undefined;
      this.header = parseJson(this.buf.subarray(this.start + 16, this.start + 16 + h), 'header', 16);
      this.consume(16 + h);
      return this.take();
    }
    if (avail < 5) return undefined;
    const type = v.getUint8(0);
    const m = v.getUint32(1, true);
    if (m > MAX_META)
      throw new FormatError('E_PARSE', `record meta length ${m} at byte ${this.offset} is implausible`, {
        details: { offset: this.offset },
      });
    if (avail < 9 + m) return undefined;
    const p = v.getUint32(5 + m, true);
    if (p > MAX_PAYLOAD)
      throw new FormatError('E_PARSE', `record payload length ${p} at byte ${this.offset} is implausible`, {
        details: { offset: this.offset },
      });
    const total = 9 + m + p + 4;
    if (avail < total) return undefined;
    const metaBytes = this.buf.subarray(this.start + 5, this.start + 5 + m);
    const payload = this.buf.slice(this.start + 9 + m, this.start + 9 + m + p);
    if (crc32(payload, crc32(metaBytes)) !== v.getUint32(9 + m + p, true)) {
      throw new FormatError('E_CHECKSUM', `record at byte ${this.offset} fails its checksum`, { details: { offset: this.offset } });
    }
    const meta = parseJson(metaBytes, 'record meta', this.offset + 5);
    this.consume(total);
    return { type, meta, payload };
  }

  /** Bytes received but not yet decoded. */
  get buffered(): number {
    return this.end - this.start;
  }

  private consume(n: number): void {
    this.start += n;
    this.offset += n;
    if (this.start === this.end) this.start = this.end = 0;
  }
}
