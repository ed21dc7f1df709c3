import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { FormatError, messageOf } from '../errors.js';
import { decodeWfdbSamples, parseWfdbHeader, wfdbChecksum, type WfdbHeader } from './wfdb-format.js';
import { parseWfdbAnnotations, type WfdbAnnotation } from './wfdb-annotations.js';

/**
 * One decoded signal of a WFDB record.
 *
 * @example
 * ```ts
 * import { readWfdbRecord, type WfdbSignal } from 'scl-wear/node';
 * const rec = await readWfdbRecord('data/mitdb/100');
 * const v5: WfdbSignal | undefined = rec.signals.find((s) => s.name === 'V5');
 * if (v5) console.log(v5.data[0], v5.units, '=', (v5.adc[0]! - v5.baseline) / v5.gain);
 * ```
 */
export interface WfdbSignal {
  /** Signal description, usually the lead (`MLII`, `V1`...). */
  readonly name: string;
  /** ADC units per physical unit. */
  readonly gain: number;
  /** ADC value of 0 physical units. */
  readonly baseline: number;
  /** Physical unit of `data` (normally `mV`). */
  readonly units: string;
  /** Raw ADC values. */
  readonly adc: Int16Array;
  /** Physical values: `(adc - baseline) / gain`. */
  readonly data: Float32Array;
}

/**
 * A decoded WFDB record.
 *
 * @example
 * ```ts
 * import { readWfdbRecord, type WfdbRecord } from 'scl-wear/node';
 * const rec: WfdbRecord = await readWfdbRecord('data/mitdb/100');
 * console.log(rec.name, rec.rate, 'Hz,', rec.length / rec.rate, 's,', rec.signals.length, 'signals');
 * ```
 */
export interface WfdbRecord {
  /** Record name, e.g. `100`. */
  readonly name: string;
  /** Sampling frequency in Hz. */
  readonly rate: number;
  /** Samples per signal. */
  readonly length: number;
  /** The signals, in header order. */
  readonly signals: readonly WfdbSignal[];
  /** The parsed header. */
  readonly header: WfdbHeader;
}

async function readBytes(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (err) {
    throw new FormatError('E_IO', `cannot read ${path}: ${messageOf(err)}`, { cause: err, details: { path } });
  }
}

/**
 * Reads a WFDB record (`.hea` + `.dat`, formats 212 and 16) and checks every signal against
 * the checksum and first value stored in its header.
 *
 * @param path - record path without extension, e.g. `../shared/data/mitdb/100`
 * @throws FormatError `E_IO` (missing file), `E_PARSE` (bad header), `E_TRUNCATED` (short data
 *   file), `E_CHECKSUM` (data does not match the header), `E_UNSUPPORTED` (other formats)
 * @example
 * ```ts
 * import { readWfdbRecord } from 'scl-wear/node';
 * const rec = await readWfdbRecord('data/mitdb/100');
 * const mlii = rec.signals.find((s) => s.name === 'MLII')!.data; // mV at rec.rate Hz
 * ```
 */
export async function readWfdbRecord(path: string): Promise<WfdbRecord> {
  const header = parseWfdbHeader(new TextDecoder().decode(await readBytes(`${path}.hea`)));
  const files = [...new Set(header.signals.map((s) => s.file))];
  const signals: WfdbSignal[] = [];
  for (const file of files) {
    const specs = header.signals.filter((s) => s.file === file);
    const bytes = await readBytes(join(dirname(path), file));
    const adcs = decodeWfdbSamples(bytes, specs.length, specs[0]!.format, header.length);
    specs.forEach((spec, i) => {
      const adc = adcs[i]!;
      if (spec.checksum !== undefined && wfdbChecksum(adc) !== spec.checksum) {
        throw new FormatError('E_CHECKSUM', `${basename(path)} ${spec.name}: checksum ${wfdbChecksum(adc)} != header ${spec.checksum}`);
      }
      if (spec.initValue !== undefined && adc.length > 0 && adc[0] !== spec.initValue) {
        throw new FormatError('E_CHECKSUM', `${basename(path)} ${spec.name}: first sample ${adc[0]} != header ${spec.initValue}`);
      }
      const data = new Float32Array(adc.length);
      for (let k = 0; k < adc.length; k++) data[k] = ((adc[k] as number) - spec.baseline) / spec.gain;
      signals.push({ name: spec.name, gain: spec.gain, baseline: spec.baseline, units: spec.units, adc, data });
    });
  }
  return { name: header.record, rate: header.rate, length: signals[0]?.adc.length ?? 0, signals, header };
}

/**
 * Reads a WFDB annotation file (MIT format).
 *
 * @param path - record path without extension
 * @param ext - annotator extension (`atr` for reference annotations)
 * @throws FormatError `E_IO` or `E_TRUNCATED`
 * @example
 * ```ts
 * import { readWfdbRecord, readWfdbAnnotations, isBeatSymbol } from 'scl-wear/node';
 * const rec = await readWfdbRecord('data/mitdb/100');
 * const rPeaks = (await readWfdbAnnotations('data/mitdb/100')) // reference annotations (.atr)
 *   .filter((a) => isBeatSymbol(a.symbol))
 *   .map((a) => a.sample / rec.rate); // s
 * ```
 */
export async function readWfdbAnnotations(path: string, ext = 'atr'): Promise<WfdbAnnotation[]> {
  return parseWfdbAnnotations(await readBytes(`${path}.${ext}`));
}
