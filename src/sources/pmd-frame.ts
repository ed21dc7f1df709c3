import { FormatError } from '../errors.js';
import { need, readIntLE, toView } from './bytes.js';
import { decodeDeltaFrame } from './pmd-delta.js';
import { PMD_TYPE } from './pmd-control-format.js';

/** Seconds between the Unix epoch and the PMD epoch 2000-01-01T00:00:00Z. */
export const PMD_EPOCH_UNIX_SECONDS = 946_684_800;

/** A decoded PMD data frame. */
export interface PmdFrame {
  /** Measurement type id (0 = ECG, 2 = ACC, see `PMD_TYPE`). */
  readonly type: number;
  /** Sensor time of the frame's last sample, in ns since 2000-01-01T00:00:00Z. */
  readonly timestamp: bigint;
  /** Frame type (low 7 bits of byte 9). */
  readonly frameType: number;
  /** Delta-compressed frame (bit 0x80 of byte 9). */
  readonly compressed: boolean;
  /** Values per sample. */
  readonly channels: number;
  /** Number of samples. */
  readonly length: number;
  /** Interleaved raw integer values, `length × channels`. */
  readonly raw: Int32Array;
  /** Multiplier from raw values to the measurement's unit: µV for ECG, mG for ACC. */
  readonly scale: number;
}

/** How a (measurement, frame type) pair is laid out: values per sample and bits per value. */
interface Layout {
  channels: number;
  bits: number;
  /** Unit multiplier applied on top of the sensor's `factor` setting. */
  unit: number;
}

/** Layouts of the measurements this SDK streams, keyed by `type * 256 + frameType byte`. */
const LAYOUTS = new Map<number, Layout>([
  [PMD_TYPE.ecg * 256 + 0x00, { channels: 1, bits: 24, unit: 1 }], // H10: int24 µV
  [PMD_TYPE.acc * 256 + 0x00, { channels: 3, bits: 8, unit: 1 }], // int8 mG
  [PMD_TYPE.acc * 256 + 0x01, { channels: 3, bits: 16, unit: 1 }], // H10: int16 mG
  [PMD_TYPE.acc * 256 + 0x02, { channels: 3, bits: 24, unit: 1 }], // int24 mG
  [PMD_TYPE.acc * 256 + 0x80, { channels: 3, bits: 16, unit: 1000 }], // delta, G × factor
  [PMD_TYPE.acc * 256 + 0x81, { channels: 3, bits: 16, unit: 1 }], // delta, mG × factor
]);

/**
 * Decodes a PMD data notification: `[type, timestamp u64 LE (ns since 2000-01-01), frame type,
 * samples…]`. Raw frames hold fixed-size little-endian signed values; compressed frames (frame
 * type bit 0x80) use the delta encoding decoded by `decodeDeltaFrame`.
 *
 * Supported: ECG frame type 0 (int24 µV, Polar H10) and ACC frame types 0, 1, 2 (int8/16/24 mG)
 * and compressed 0x80 / 0x81.
 *
 * @param bytes - the notification value
 * @param factor - the sensor's `factor` setting for this measurement (1 when it sent none)
 * @throws FormatError `E_TRUNCATED` when shorter than the header or a block is cut,
 *   `E_UNSUPPORTED` for other measurement or frame types, `E_PARSE` when the body is not a
 *   whole number of samples or a delta block is malformed
 * @example
 * ```ts
 * const f = parsePmdFrame(notification); // f.raw[i] * f.scale µV for ECG
 * ```
 */
export function parsePmdFrame(bytes: DataView | ArrayBufferView | ArrayBuffer | readonly number[], factor = 1): PmdFrame {
  const view = toView(bytes);
  need(view, 0, 10, 'PMD frame header');
  const type = view.getUint8(0) & 0x3f;
  const timestamp = view.getBigUint64(1, true);
  const frameByte = view.getUint8(9);
  const layout = LAYOUTS.get(type * 256 + frameByte);
  if (!layout) {
    throw new FormatError('E_UNSUPPORTED', `PMD measurement type ${type} with frame type 0x${frameByte.toString(16)} is not supported`, {
      details: { type, frameType: frameByte },
    });
  }
  const compressed = (frameByte & 0x80) !== 0;
  const { channels, bits } = layout;
  const scale = compressed ? factor * layout.unit : layout.unit;
  let raw: Int32Array;
  if (compressed) {
    raw = decodeDeltaFrame(view, 10, channels, bits);
  } else {
    const size = bits / 8;
    const body = view.byteLength - 10;
    if (body % (size * channels) !== 0) {
      throw new FormatError('E_PARSE', `PMD frame body of ${body} bytes is not a whole number of ${size * channels}-byte samples`, {
        details: { type, frameType: frameByte, body },
      });
    }
    raw = new Int32Array(body / size);
    for (let i = 0; i < raw.length; i++) raw[i] = readIntLE(view, 10 + i * size, size);
  }
  return { type, timestamp, frameType: frameByte & 0x7f, compressed, channels, length: raw.length / channels, raw, scale };
}
