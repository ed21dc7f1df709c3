import { FormatError } from '../errors.js';

/**
 * One signal line of a WFDB header.
 *
 * @example
 * ```ts
 * import { readWfdbRecord, type WfdbSignalSpec } from 'scl-wear/node';
 * const rec = await readWfdbRecord('data/mitdb/100');
 * const spec: WfdbSignalSpec = rec.header.signals[0]!;
 * console.log(spec.name, spec.format, spec.gain, 'adu/', spec.units); // MLII 212 200 adu/ mV
 * ```
 */
export interface WfdbSignalSpec {
  /** Data file name, e.g. `100.dat`. */
  readonly file: string;
  /** Storage format: 212 (two 12-bit samples in 3 bytes) or 16 (int16 little-endian). */
  readonly format: 212 | 16;
  /** ADC units per physical unit (e.g. 200 per mV). */
  readonly gain: number;
  /** ADC value of 0 physical units. */
  readonly baseline: number;
  /** Physical unit, `mV` unless the header says otherwise. */
  readonly units: string;
  /** ADC zero. */
  readonly adcZero: number;
  /** First sample value, as stored in the header (undefined when absent). */
  readonly initValue: number | undefined;
  /** 16-bit checksum of all samples, as stored in the header (undefined when absent). */
  readonly checksum: number | undefined;
  /** Signal description, usually the lead name (`MLII`, `V5`...). */
  readonly name: string;
}

/**
 * A parsed WFDB header (`.hea`).
 *
 * @example
 * ```ts
 * import { readWfdbRecord, type WfdbHeader } from 'scl-wear/node';
 * const header: WfdbHeader = (await readWfdbRecord('data/mitdb/100')).header;
 * console.log(header.record, header.rate, header.comments); // '100', 360 Hz, age/sex/medication lines
 * ```
 */
export interface WfdbHeader {
  /** Record name. */
  readonly record: string;
  /** Sampling frequency in Hz. */
  readonly rate: number;
  /** Samples per signal (undefined when the header omits it). */
  readonly length: number | undefined;
  /** One spec per signal, in order. */
  readonly signals: readonly WfdbSignalSpec[];
  /** `#` comment lines, without the `#`. */
  readonly comments: readonly string[];
}

function num(text: string | undefined, what: string, line: number): number {
  const v = Number(text);
  if (text === undefined || text === '' || !Number.isFinite(v)) {
    throw new FormatError('E_PARSE', `WFDB header line ${line}: ${what} is not a number: ${JSON.stringify(text)}`, {
      details: { line, field: what },
    });
  }
  return v;
}

/**
 * Parses a WFDB header (`.hea` text). Supports single-segment records in formats 212 and 16.
 *
 * @param text - the header file's text
 * @throws FormatError `E_PARSE` for malformed lines, `E_UNSUPPORTED` for other storage formats
 * @example
 * ```ts
 * import { parseWfdbHeader } from 'scl-wear/node';
 * const h = parseWfdbHeader('100 2 360 650000\n100.dat 212 200 11 1024 995 -22131 0 MLII\n100.dat 212 200 11 1024 1011 20052 0 V5\n');
 * console.log(h.rate, h.length, h.signals.map((s) => s.name)); // 360 Hz, 650000 samples, ['MLII', 'V5']
 * ```
 */
export function parseWfdbHeader(text: string): WfdbHeader {
  const comments: string[] = [];
  const lines: { text: string; no: number }[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const t = raw.trim();
    if (t.startsWith('#')) comments.push(t.slice(1).trim());
    else if (t) lines.push({ text: t, no: i + 1 });
  });
  const first = lines[0];
  if (!first) throw new FormatError('E_PARSE', 'WFDB header is empty');
  const [record = '', nsigText, fsText, lenText] = first.text.split(/\s+/);
  if (record.includes('/')) throw new FormatError('E_UNSUPPORTED', 'multi-segment WFDB records are not supported');
  const nsig = num(nsigText, 'number of signals', first.no);
  const rate = fsText === undefined ? 250 : num(fsText.split(/[/(]/)[0], 'sampling frequency', first.no);
  const length = lenText === undefined ? undefined : num(lenText, 'number of samples', first.no);
  const signals: WfdbSignalSpec[] = [];
  for (let s = 0; s < nsig; s++) {
    const line = lines[s + 1];
    if (!line) throw new FormatError('E_PARSE', `WFDB header declares ${nsig} signals but has ${s} signal lines`);
    signals.push(parseSignalLine(line.text, line.no));
  }
  return { record, rate, length, signals, comments };
}

function parseSignalLine(text: string, no: number): WfdbSignalSpec {
  const f = text.split(/\s+/);
  const formatText = (f[1] ?? '').split(/[x:+]/)[0];
  const format = num(formatText, 'format', no);
  if (format !== 212 && format !== 16) {
    throw new FormatError('E_UNSUPPORTED', `WFDB format ${format} is not supported (212 and 16 are)`, { details: { line: no } });
  }
  const gainField = f[2] ?? '200';
  const m = /^([-+.\deE]+)(?:\(([-+\d]+)\))?(?:\/(\S+))?$/.exec(gainField);
  if (!m) throw new FormatError('E_PARSE', `WFDB header line ${no}: bad gain field ${JSON.stringify(gainField)}`);
  const gain = num(m[1], 'gain', no) || 200;
  const adcZero = f[4] === undefined ? 0 : num(f[4], 'ADC zero', no);
  return {
    file: f[0] ?? '',
    format,
    gain,
    baseline: m[2] === undefined ? adcZero : num(m[2], 'baseline', no),
    units: m[3] ?? 'mV',
    adcZero,
    initValue: f[5] === undefined ? undefined : num(f[5], 'initial value', no),
    checksum: f[6] === undefined ? undefined : num(f[6], 'checksum', no),
    name: f.slice(8).join(' ') || `signal ${no - 1}`,
  };
}

/**
 * Decodes the interleaved samples of a WFDB data file into one `Int16Array` of ADC values per
 * signal.
 *
 * @param bytes - the `.dat` file's bytes
 * @param nsig - number of interleaved signals in the file
 * @param format - 212 or 16
 * @param length - expected samples per signal; when the file is shorter this throws
 * @throws FormatError `E_TRUNCATED` when the file holds fewer than `length` frames
 * @example
 * ```ts
 * import { decodeWfdbSamples } from 'scl-wear/node';
 * // format 212: two 12-bit samples in 3 bytes; here one frame of two signals
 * const [a, b] = decodeWfdbSamples(Uint8Array.of(0xfb, 0x03, 0x03), 2, 212); // a = [1019], b = [3]
 * ```
 */
export function decodeWfdbSamples(bytes: Uint8Array, nsig: number, format: 212 | 16, length?: number): Int16Array[] {
  const total = format === 16 ? bytes.length >> 1 : Math.floor((bytes.length * 2) / 3);
  const frames = Math.floor(total / nsig);
  if (length !== undefined && frames < length) {
    throw new FormatError('E_TRUNCATED', `WFDB data holds ${frames} of ${length} samples per signal`, {
      details: { frames, expected: length, bytes: bytes.length },
    });
  }
  const n = length ?? frames;
  const out = Array.from({ length: nsig }, () => new Int16Array(n));
  const count = n * nsig;
  if (format === 16) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let k = 0; k < count; k++) out[k % nsig]![Math.floor(k / nsig)] = view.getInt16(2 * k, true);
    return out;
  }
  for (let k = 0, b = 0; k < count; k += 2, b += 3) {
    const b0 = bytes[b] as number;
    const b1 = bytes[b + 1] as number;
    const b2 = bytes[b + 2] as number;
    let a = b0 | ((b1 & 0x0f) << 8);
    if (a >= 2048) a -= 4096;
    out[k % nsig]![Math.floor(k / nsig)] = a;
    if (k + 1 < count) {
      let c = b2 | ((b1 & 0xf0) << 4);
      if (c >= 2048) c -= 4096;
      out[(k + 1) % nsig]![Math.floor((k + 1) / nsig)] = c;
    }
  }
  return out;
}

/**
 * The WFDB 16-bit checksum of a signal: the sum of its samples modulo 2^16, as a signed value
 * (the form stored in `.hea` files).
 *
 * @param samples - ADC values of one signal
 * @example
 * ```ts
 * import { readWfdbRecord, wfdbChecksum } from 'scl-wear/node';
 * const rec = await readWfdbRecord('data/mitdb/100'); // already checked against the header
 * wfdbChecksum(rec.signals[0]!.adc) === rec.header.signals[0]!.checksum; // true
 * wfdbChecksum(Int16Array.of(32767, 1)); // -32768 (sum modulo 2^16, signed)
 * ```
 */
export function wfdbChecksum(samples: Int16Array): number {
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum = (sum + (samples[i] as number)) & 0xffff;
  return sum >= 0x8000 ? sum - 0x10000 : sum;
}
