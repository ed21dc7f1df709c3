import { FormatError } from '../errors.js';
import { need, toView } from './bytes.js';

/** GATT UUID of the standard Heart Rate Service (16-bit, as Web Bluetooth accepts it). */
export const HEART_RATE_SERVICE = 0x180d;
/** GATT UUID of the Heart Rate Measurement characteristic. */
export const HEART_RATE_MEASUREMENT = 0x2a37;

/**
 * One Heart Rate Measurement notification, decoded.
 *
 * @example
 * ```ts
 * import { requestHeartRateDevice, heartRateSource } from 'scl-wear';
 * button.onclick = async () => {
 *   // each reading carries the HeartRateMeasurement fields plus its arrival time
 *   heartRateSource(await requestHeartRateDevice()).readings$.subscribe((r) => console.log(r.heartRate, r.contact, r.rr));
 * };
 * ```
 */
export interface HeartRateMeasurement {
  /** Heart rate in beats per minute, as the sensor reports it (0 when it has no reading). */
  readonly heartRate: number;
  /** Whether the sensor can tell if it touches the skin. */
  readonly contactSupported: boolean;
  /** Skin contact detected; `undefined` when the sensor cannot tell. */
  readonly contact: boolean | undefined;
  /** Energy expended since the last reset, in kilojoules; `undefined` when absent. */
  readonly energyExpended: number | undefined;
  /** Every RR interval of the notification, in milliseconds, oldest first (may be empty). */
  readonly rr: Float64Array;
}

const FLAG_HR_16 = 0x01;
const FLAG_CONTACT_DETECTED = 0x02;
const FLAG_CONTACT_SUPPORTED = 0x04;
const FLAG_ENERGY = 0x08;
const FLAG_RR = 0x10;

/**
 * Decodes a Heart Rate Measurement (characteristic 0x2A37, Bluetooth Heart Rate Service 1.0):
 * flags byte, heart rate (uint8 or uint16 bpm), optional energy expended (uint16 kJ), and any
 * number of RR intervals (uint16, 1/1024 s units, converted to ms).
 *
 * @param bytes - the characteristic value
 * @returns the decoded measurement
 * @throws FormatError `E_TRUNCATED` when a field announced by the flags is missing,
 *   `E_PARSE` when the RR list has an odd number of bytes or RR data is present without its flag
 * @example
 * ```ts
 * const m = parseHeartRateMeasurement(new Uint8Array([0x10, 72, 0x00, 0x04]));
 * m.heartRate; // 72
 * m.rr;        // Float64Array [1000]
 * ```
 */
export function parseHeartRateMeasurement(bytes: DataView | ArrayBufferView | ArrayBuffer | readonly number[]): HeartRateMeasurement {
  const view = toView(bytes);
  need(view, 0, 1, 'heart rate flags');
  const flags = view.getUint8(0);
  let offset = 1;
  const wide = (flags & FLAG_HR_16) !== 0;
  need(view, offset, wide ? 2 : 1, 'heart rate value');
  const heartRate = wide ? view.getUint16(offset, true) : view.getUint8(offset);
  offset += wide ? 2 : 1;
  const contactSupported = (flags & FLAG_CONTACT_SUPPORTED) !== 0;
  const contact = contactSupported ? (flags & FLAG_CONTACT_DETECTED) !== 0 : undefined;
  let energyExpended: number | undefined;
  if (flags & FLAG_ENERGY) {
    need(view, offset, 2, 'energy expended');
    energyExpended = view.getUint16(offset, true);
    offset += 2;
  }
  const rest = view.byteLength - offset;
  if (!(flags & FLAG_RR)) {
    if (rest !== 0) {
      throw new FormatError('E_PARSE', `heart rate measurement has ${rest} trailing byte(s) but no RR-interval flag`, {
        details: { offset, flags },
      });
    }
    return { heartRate, contactSupported, contact, energyExpended, rr: new Float64Array(0) };
  }
  if (rest % 2 !== 0) {
    throw new FormatError('E_PARSE', `RR-interval list has an odd number of bytes (${rest})`, { details: { offset, flags } });
  }
  const rr = new Float64Array(rest / 2);
  for (let i = 0; i < rr.length; i++) rr[i] = (view.getUint16(offset + 2 * i, true) * 1000) / 1024;
  return { heartRate, contactSupported, contact, energyExpended, rr };
}
