import { FormatError } from '../errors.js';
import { need, toView } from './bytes.js';

/**
 * Polar Measurement Data (PMD) control point: command and response formats, as published in
 * Polar's open BLE SDK (`technical_documentation/Polar_Measurement_Data_Specification.pdf`).
 * Pure functions over bytes; the GATT side lives in `pmd-client.ts`.
 */

/** PMD service UUID. */
export const PMD_SERVICE = 'fb005c80-02e7-f387-1cad-8acd2d8df0c8';
/** PMD control point characteristic (write with response, notify, read = feature bits). */
export const PMD_CONTROL = 'fb005c81-02e7-f387-1cad-8acd2d8df0c8';
/** PMD data characteristic (notify: measurement frames). */
export const PMD_DATA = 'fb005c82-02e7-f387-1cad-8acd2d8df0c8';

/** Measurement type ids of the PMD protocol. */
export const PMD_TYPE = { ecg: 0, ppg: 1, acc: 2, ppi: 3, gyro: 5, mag: 6 } as const;
/**
 * A measurement the PMD protocol can stream.
 *
 * @example
 * ```ts
 * import { requestPolarDevice, polarH10 } from 'scl-wear';
 * button.onclick = async () => {
 *   const names = await polarH10(await requestPolarDevice()).features(); // PmdMeasurementName[]
 *   console.log(names.includes('ecg'), names.includes('acc'));
 * };
 * ```
 */
export type PmdMeasurementName = keyof typeof PMD_TYPE;

/** Control point op codes (client to sensor). */
export const PMD_OP = { getSettings: 1, start: 2, stop: 3 } as const;

/** First byte of every control point response. */
export const PMD_RESPONSE_CODE = 0xf0;
/** First byte of the sensor's "online measurement stopped" notice. */
export const PMD_STOPPED_NOTICE = 0x01;

/** Status names of control point responses, indexed by status byte. */
export const PMD_STATUS = [
  'success',
  'invalid op code',
  'invalid measurement type',
  'not supported',
  'invalid length',
  'invalid parameter',
  'already in state',
  'invalid resolution',
  'invalid sample rate',
  'invalid range',
  'invalid MTU',
  'invalid number of channels',
  'invalid state',
  'device in charger',
  'disk full',
] as const;

/** Status byte meaning "the measurement is already running / already stopped". */
export const PMD_ALREADY_IN_STATE = 6;

/** A decoded control point response. */
export interface PmdResponse {
  /** Op code the response answers. */
  readonly op: number;
  /** Measurement type byte (low 6 bits: type id). */
  readonly type: number;
  /** Status byte: 0 = success, see {@link PMD_STATUS}. */
  readonly status: number;
  /** Human-readable status. */
  readonly statusName: string;
  /** More response packets follow (long settings lists). */
  readonly more: boolean;
  /** Parameters (settings for getSettings/start), empty on error. */
  readonly params: Uint8Array;
}

/**
 * Builds a control point command: `[op, type, ...params]`.
 *
 * @param op - op code, see {@link PMD_OP}
 * @param type - measurement type id, see {@link PMD_TYPE}
 * @param params - encoded settings (for start)
 */
export function pmdCommand(op: number, type: number, params: Uint8Array = new Uint8Array(0)): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(2 + params.length);
  out[0] = op;
  out[1] = type;
  out.set(params, 2);
  return out;
}

/**
 * Decodes a control point response `[0xF0, op, type, status, more, ...params]`.
 *
 * @param bytes - the notification value
 * @throws FormatError `E_TRUNCATED` when shorter than 4 bytes, `E_PARSE` when it is not a response
 * @example
 * ```ts
 * parsePmdResponse(new Uint8Array([0xf0, 0x02, 0x00, 0x08])).statusName; // 'invalid sample rate'
 * ```
 */
export function parsePmdResponse(bytes: DataView | ArrayBufferView | ArrayBuffer | readonly number[]): PmdResponse {
  const view = toView(bytes);
  need(view, 0, 4, 'PMD control point response');
  if (view.getUint8(0) !== PMD_RESPONSE_CODE) {
    throw new FormatError('E_PARSE', `PMD control point message starts with 0x${view.getUint8(0).toString(16)}, not 0xf0`, {
      details: { first: view.getUint8(0) },
    });
  }
  const status = view.getUint8(3);
  const ok = status === 0;
  const more = ok && view.byteLength > 4 && view.getUint8(4) !== 0;
  const params =
    ok && view.byteLength > 5 ? new Uint8Array(view.buffer, view.byteOffset + 5, view.byteLength - 5).slice() : new Uint8Array(0);
  return {
    op: view.getUint8(1),
    type: view.getUint8(2),
    status,
    statusName: PMD_STATUS[status] ?? `unknown status ${status}`,
    more,
    params,
  };
}

/**
 * Decodes the feature read of the control point (`[0x0F, bits...]`): which measurements the
 * sensor can stream.
 *
 * @param bytes - the value read from the control point
 * @throws FormatError `E_TRUNCATED` when shorter than 2 bytes, `E_PARSE` when byte 0 is not 0x0F
 */
export function parsePmdFeatures(bytes: DataView | ArrayBufferView | ArrayBuffer | readonly number[]): PmdMeasurementName[] {
  const view = toView(bytes);
  need(view, 0, 2, 'PMD feature read');
  if (view.getUint8(0) !== 0x0f) {
    throw new FormatError('E_PARSE', `PMD feature read starts with 0x${view.getUint8(0).toString(16)}, not 0x0f`);
  }
  const bits = view.getUint8(1);
  return (Object.keys(PMD_TYPE) as PmdMeasurementName[]).filter((name) => (bits >> PMD_TYPE[name]) & 1);
}

/**
 * Decodes the sensor's "online measurement stopped" notice `[0x01, type...]`; returns the
 * stopped measurement type ids, or `undefined` when the message is something else.
 *
 * @param bytes - a control point notification
 */
export function parsePmdStopNotice(bytes: DataView | ArrayBufferView | ArrayBuffer | readonly number[]): number[] | undefined {
  const view = toView(bytes);
  if (view.byteLength < 1 || view.getUint8(0) !== PMD_STOPPED_NOTICE) return undefined;
  const types: number[] = [];
  for (let i = 1; i < view.byteLength; i++) types.push(view.getUint8(i) & 0x3f);
  return types;
}
