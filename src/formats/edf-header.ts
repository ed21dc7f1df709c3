/**
 * The EDF/EDF+ header (Kemp et al. 1992; Kemp & Olivan 2003, https://www.edfplus.info/specs/):
 * 256 bytes of fixed fields, then 256 bytes per signal, every field left-aligned printable
 * ASCII padded with spaces. Data records follow, each holding `samples` 16-bit little-endian
 * integers per signal in signal order.
 */
import { FormatError } from '../errors.js';

/** One signal of an EDF file. */
export interface EdfSignal {
  label: string;
  transducer: string;
  /** Physical dimension (unit), e.g. `mV`. */
  dimension: string;
  physicalMin: number;
  physicalMax: number;
  digitalMin: number;
  digitalMax: number;
  prefiltering: string;
  /** Samples per data record. */
  samples: number;
}

/** The fixed part of an EDF header. */
export interface EdfHeader {
  patient: string;
  recording: string;
  /** `dd.mm.yy`. */
  startDate: string;
  /** `hh.mm.ss`. */
  startTime: string;
  /** `EDF+C`, `EDF+D` or blank for plain EDF. */
  reserved: string;
  records: number;
  /** Seconds. */
  recordDuration: number;
  signals: EdfSignal[];
}

/** Label of the EDF+ annotation signal. */
export const EDF_ANNOTATIONS = 'EDF Annotations';

const SIGNAL_FIELDS: [keyof EdfSignal, number][] = [
  ['label', 16],
  ['transducer', 80],
  ['dimension', 8],
  ['physicalMin', 8],
  ['physicalMax', 8],
  ['digitalMin', 8],
  ['digitalMax', 8],
  ['prefiltering', 80],
  ['samples', 8],
];

const TEXT_FIELDS = new Set<keyof EdfSignal>(['label', 'transducer', 'dimension', 'prefiltering']);

const ascii = (s: string) => s.replace(/[^\x20-\x7e]/g, '_');
const field = (v: string | number, width: number): string => {
  const s = ascii(String(v));
  if (s.length > width) throw new FormatError('E_UNSUPPORTED', `EDF header field "${s}" is longer than ${width} characters`);
  return s.padEnd(width, ' ');
};

/**
 * A number as at most 8 characters of text, rounded towards `direction` so that the text's
 * value is never inside the range it bounds (physical minimum rounds down, maximum up).
 *
 * @param v - the value
 * @param direction - `down` for a minimum, `up` for a maximum
 * @throws FormatError `E_UNSUPPORTED` when the magnitude does not fit 8 characters
 */
export function edfNumber(v: number, direction: 'down' | 'up'): string {
  const intDigits = Math.max(1, Math.floor(Math.log10(Math.max(1, Math.abs(v)))) + 1);
  let decimals = 8 - intDigits - (v < 0 || direction === 'down' ? 1 : 0) - 1;
  if (decimals < 0) {
    if (intDigits + 1 > 8) throw new FormatError('E_UNSUPPORTED', `value ${v} does not fit an 8-character EDF field`);
    decimals = 0;
  }
  const scale = 10 ** decimals;
  let q = direction === 'down' ? Math.floor(v * scale) : Math.ceil(v * scale);
  let s = formatScaled(q, decimals);
  if (direction === 'down' ? Number(s) > v : Number(s) < v) s = formatScaled((q += direction === 'down' ? -1 : 1), decimals);
  return s;
}

function formatScaled(q: number, decimals: number): string {
  const s = (q / 10 ** decimals).toFixed(decimals);
  const t = s.includes('.') ? s.replace(/\.?0+$/, '') : s;
  return t === '-0' ? '0' : t;
}

/** The header's bytes: fixed part then every signal's fields. */
export function encodeEdfHeader(h: EdfHeader): Uint8Array {
  const ns = h.signals.length;
  const parts = [
    field('0', 8),
    field(h.patient, 80),
    field(h.recording, 80),
    field(h.startDate, 8),
    field(h.startTime, 8),
    field(256 * (ns + 1), 8),
    field(h.reserved, 44),
    field(h.records, 8),
    field(h.recordDuration, 8),
    field(ns, 4),
  ];
  for (const [key, width] of SIGNAL_FIELDS) for (const s of h.signals) parts.push(field(s[key], width));
  parts.push(' '.repeat(32 * ns));
  return new TextEncoder().encode(parts.join(''));
}

/**
 * Parses an EDF header from the first bytes of a file.
 *
 * @param bytes - at least the whole header
 * @returns the header and its length in bytes
 * @throws FormatError `E_PARSE` for a header that is not EDF, `E_TRUNCATED` when too short
 */
export function decodeEdfHeader(bytes: Uint8Array): { header: EdfHeader; bytes: number } {
  const text = (a: number, b: number) => new TextDecoder('latin1').decode(bytes.subarray(a, b)).trimEnd();
  if (bytes.length < 256) throw new FormatError('E_TRUNCATED', `EDF header needs 256 bytes; file has ${bytes.length}`);
  if (text(0, 8) !== '0') throw new FormatError('E_PARSE', 'not an EDF file (version field is not "0")', { details: { offset: 0 } });
  const num = (a: number, b: number, what: string) => {
    const v = Number(text(a, b));
    if (text(a, b) === '' || !Number.isFinite(v))
      throw new FormatError('E_PARSE', `EDF header field ${what} is not a number: "${text(a, b)}"`, { details: { offset: a } });
    return v;
  };
  const headerBytes = num(184, 192, 'header bytes');
  const ns = num(252, 256, 'number of signals');
  if (!Number.isInteger(ns) || ns < 1 || headerBytes !== 256 * (ns + 1))
    throw new FormatError('E_PARSE', `EDF header declares ${ns} signals in ${headerBytes} bytes`);
  if (bytes.length < headerBytes) throw new FormatError('E_TRUNCATED', `EDF header needs ${headerBytes} bytes; file has ${bytes.length}`);
  const signals: EdfSignal[] = Array.from({ length: ns }, () => ({}) as EdfSignal);
  let o = 256;
  for (const [key, width] of SIGNAL_FIELDS) {
    for (let i = 0; i < ns; i++, o += width) {
      const raw = text(o, o + width);
      (signals[i] as unknown as Record<string, string | number>)[key] = TEXT_FIELDS.has(key) ? raw : num(o, o + width, key);
    }
  }
  const header: EdfHeader = {
    patient: text(8, 88),
    recording: text(88, 168),
    startDate: text(168, 176),
    startTime: text(176, 184),
    reserved: text(192, 236),
    records: num(236, 244, 'number of data records'),
    recordDuration: num(244, 252, 'duration of a data record'),
    signals,
  };
  return { header, bytes: headerBytes };
}
