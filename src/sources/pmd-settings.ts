import { FormatError } from '../errors.js';
import { need, readUintLE, toView } from './bytes.js';

/**
 * Settings of a PMD measurement, as listed by the sensor (every allowed value) or chosen
 * to start a stream. Units: `sampleRate` Hz, `resolution` bits, `range` g (acc) or sensor
 * units, `rangeMilliunit` thousandths of the unit, `channels` count, `factor` the multiplier
 * that turns raw values into the stream's unit (µV for ECG, mG for ACC).
 *
 * @example
 * ```ts
 * import { requestPolarDevice, polarH10 } from 'scl-wear';
 * button.onclick = async () => {
 *   const settings = await polarH10(await requestPolarDevice()).settings('acc'); // a PmdSettings
 *   console.log(settings.sampleRate, settings.range); // e.g. [25, 50, 100, 200] Hz, [2, 4, 8] g
 * };
 * ```
 */
export interface PmdSettings {
  sampleRate?: number[];
  resolution?: number[];
  range?: number[];
  rangeMilliunit?: number[];
  channels?: number[];
  factor?: number[];
}

/** One chosen value per setting, to start a measurement. */
export type PmdSelection = Partial<Record<Exclude<keyof PmdSettings, 'factor'>, number>>;

/** Setting ids and field sizes (bytes) of the PMD protocol, in id order. */
const FIELDS: readonly (readonly [keyof PmdSettings, number])[] = [
  ['sampleRate', 2],
  ['resolution', 2],
  ['range', 2],
  ['rangeMilliunit', 4],
  ['channels', 1],
  ['factor', 4],
];

/**
 * Decodes a settings list `[id, count, value × count]…` (the parameters of a get-settings or
 * start response). `factor` is an IEEE-754 float32; every other value an unsigned integer.
 *
 * @param bytes - the response parameters
 * @throws FormatError `E_PARSE` on an unknown setting id or a scale factor that is not a
 *   positive finite number, `E_TRUNCATED` when values are missing
 * @example
 * ```ts
 * parsePmdSettings(new Uint8Array([0x00, 0x01, 0x82, 0x00, 0x01, 0x01, 0x0e, 0x00]));
 * // { sampleRate: [130], resolution: [14] }
 * ```
 */
export function parsePmdSettings(bytes: DataView | ArrayBufferView | ArrayBuffer | readonly number[]): PmdSettings {
  const view = toView(bytes);
  const out: PmdSettings = {};
  let offset = 0;
  while (offset < view.byteLength) {
    need(view, offset, 2, 'PMD setting header');
    const id = view.getUint8(offset);
    const count = view.getUint8(offset + 1);
    const field = FIELDS[id];
    if (!field) {
      throw new FormatError('E_PARSE', `unknown PMD setting id ${id} at offset ${offset}`, { details: { offset, id } });
    }
    const [name, size] = field;
    offset += 2;
    need(view, offset, count * size, `PMD setting ${name}`);
    const values = out[name] ?? [];
    for (let i = 0; i < count; i++, offset += size) {
      const v = name === 'factor' ? view.getFloat32(offset, true) : readUintLE(view, offset, size);
      // A factor of NaN, 0 or below would turn every sample into NaN, 0 or its opposite.
      if (name === 'factor' && !(Number.isFinite(v) && v > 0)) {
        throw new FormatError('E_PARSE', `PMD setting factor is ${v}; a scale factor must be a positive finite number`, {
          details: { offset, factor: v },
        });
      }
      values.push(v);
    }
    out[name] = values;
  }
  return out;
}

/**
 * Encodes chosen settings for a start command (`[id, 1, value]` per setting, little-endian).
 *
 * @param selection - one value per setting
 * @throws InputError `E_ARGUMENT` via the caller's checks; values out of the field's range
 *   throw FormatError `E_PARSE`
 */
export function encodePmdSelection(selection: PmdSelection): Uint8Array {
  const parts: number[] = [];
  FIELDS.forEach(([name, size], id) => {
    if (name === 'factor') return;
    const value = selection[name];
    if (value === undefined) return;
    if (!Number.isInteger(value) || value < 0 || value >= 2 ** (8 * size)) {
      throw new FormatError('E_PARSE', `PMD setting ${name}=${value} does not fit ${size} byte(s)`, { details: { name, value } });
    }
    parts.push(id, 1);
    for (let i = 0; i < size; i++) parts.push(Math.floor(value / 2 ** (8 * i)) & 0xff);
  });
  return Uint8Array.from(parts);
}
