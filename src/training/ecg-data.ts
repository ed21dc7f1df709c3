import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BiquadCascade } from '../dsp/biquad-cascade.js';
import { designBandpass } from '../dsp/biquad-design.js';
import { Resampler } from '../dsp/resampler.js';
import { FormatError, TrainingError, messageOf } from '../errors.js';
import { aamiClass, isBeatSymbol } from '../io/wfdb-annotations.js';
import { readWfdbAnnotations, readWfdbRecord } from '../io/wfdb.js';

/**
 * Model input rate of the ECG encoder in Hz: the rate chest straps stream at (Polar H10 sends
 * ECG at 130 Hz), so the commonest wearable needs no resampling on the phone. 130 Hz keeps the
 * QRS complex (energy up to ~40 Hz) below Nyquist (65 Hz).
 *
 * @example
 * ```ts
 * import { ECG_RATE, ECG_WINDOW } from 'scl-wear/train';
 * console.log(ECG_WINDOW / ECG_RATE); // 4: seconds per model window
 * ```
 */
export const ECG_RATE = 130;
/**
 * Window length in samples at {@link ECG_RATE}: 4 s, three to six beats at rest.
 *
 * @example
 * ```ts
 * import { ECG_WINDOW, ecgSpec } from 'scl-wear/train';
 * const spec = ecgSpec(undefined, ECG_WINDOW); // 520 samples, 4 s at 130 Hz
 * ```
 */
export const ECG_WINDOW = 520;
/**
 * Band-pass applied to the stream before windowing, in Hz (baseline wander, EMG and mains).
 *
 * @example
 * ```ts
 * import { designBandpass } from 'scl-wear/dsp';
 * import { ECG_BAND, ECG_RATE } from 'scl-wear/train';
 * const band = designBandpass(ECG_BAND[0], ECG_BAND[1], ECG_RATE); // 0.5–40 Hz at 130 Hz
 * ```
 */
export const ECG_BAND: readonly [number, number] = [0.5, 40];
/**
 * Window classes of the ECG task head (AAMI), index = class id.
 *
 * @example
 * ```ts
 * import { ECG_CLASSES } from 'scl-wear/train';
 * const label = ECG_CLASSES[2]; // 'V': ventricular ectopic
 * ```
 */
export const ECG_CLASSES = ['N', 'S', 'V', 'F'] as const;
/** Seconds skipped at the start of a record while the band-pass settles. */
export const ECG_SETTLE_SECONDS = 2;

/**
 * One preprocessed MIT-BIH record: the MLII lead at the model rate and its reference beats.
 *
 * @example
 * ```ts
 * import { loadEcgRecord } from 'scl-wear/train';
 * const rec = await loadEcgRecord('../shared/data/mitdb/100');
 * console.log(rec.name, rec.rate, rec.signal.length / rec.rate, 's,', rec.beats.length, 'beats');
 * ```
 */
export interface EcgRecord {
  /** Record name, e.g. `100`. */
  readonly name: string;
  /** Sample rate of `signal` in Hz. */
  readonly rate: number;
  /** MLII lead in mV, resampled to `rate` and band-passed ({@link ECG_BAND}). */
  readonly signal: Float32Array;
  /** Beat positions in samples at `rate`, increasing. */
  readonly beats: Int32Array;
  /** AAMI class per beat: 0 N, 1 S, 2 V, 3 F, 4 Q (unclassifiable). */
  readonly beatClass: Uint8Array;
}

/**
 * Options of {@link loadEcgRecord} and {@link loadEcgSplit}.
 *
 * @example
 * ```ts
 * import { loadEcgSplit } from 'scl-wear/train';
 * // The first 60 s of two DS1 records, at 250 Hz.
 * const recs = await loadEcgSplit('../shared/data', 'DS1', { rate: 250, seconds: 60, records: ['101', '106'] });
 * ```
 */
export interface EcgLoadOptions {
  /** Output rate in Hz (default {@link ECG_RATE}). */
  readonly rate?: number;
  /** Keep only the first `seconds` of each record (smoke runs). */
  readonly seconds?: number;
  /** Path of the annotations without extension, when it differs from the record's. */
  readonly annotations?: string;
}

const AAMI_ID: Record<string, number> = { N: 0, S: 1, V: 2, F: 3, Q: 4 };

/**
 * Resamples one lead and band-passes it as the streaming pipeline does on the device (causal
 * filters, so training sees what the phone sees).
 *
 * @param signal - samples at `inRate`
 * @param inRate - input rate in Hz
 * @param outRate - output rate in Hz
 * @param band - pass band in Hz
 * @internal
 * @example
 * ```ts
 * const y = preprocessEcg(mlii360, 360, 130); // 130 Hz, 0.5–40 Hz band-passed
 * ```
 */
export function preprocessEcg(
  signal: Float32Array,
  inRate: number,
  outRate: number,
  band: readonly [number, number] = ECG_BAND,
): Float32Array {
  const rs = new Resampler(inRate, outRate, 1);
  const head = new Float32Array(rs.outputFrames(signal.length));
  const n = rs.process(signal, signal.length, head);
  const tail = new Float32Array(rs.flushFrames());
  const m = rs.flush(tail);
  const y = new Float32Array(Math.min(n + m, Math.floor((signal.length * outRate) / inRate)));
  y.set(head.subarray(0, Math.min(n, y.length)));
  y.set(tail.subarray(0, y.length - Math.min(n, y.length)), Math.min(n, y.length));
  new BiquadCascade(designBandpass(band[0], band[1], outRate), 1).process(y, y);
  return y;
}

/**
 * Reads one WFDB record and its reference annotations and prepares its MLII lead.
 *
 * @param path - record path without extension, e.g. `../shared/data/mitdb/100`
 * @param options - rate, truncation, annotation path
 * @throws FormatError `E_IO`, `E_PARSE`, `E_TRUNCATED`, `E_CHECKSUM` or `E_UNSUPPORTED` from the
 *   WFDB readers; TrainingError `E_DATA` when the record has no MLII lead
 * @example
 * ```ts
 * import { loadEcgRecord } from 'scl-wear/train';
 * const rec = await loadEcgRecord('../shared/data/mitdb/100'); // 130 Hz MLII + beats
 * ```
 */
export async function loadEcgRecord(path: string, options: EcgLoadOptions = {}): Promise<EcgRecord> {
  const rate = options.rate ?? ECG_RATE;
  const rec = await readWfdbRecord(path);
  const lead = rec.signals.find((s) => s.name === 'MLII');
  if (!lead) throw new TrainingError('E_DATA', `record ${rec.name} has no MLII lead`, { details: { path } });
  const keep = options.seconds ? Math.min(rec.length, Math.round(options.seconds * rec.rate)) : rec.length;
  const signal = preprocessEcg(lead.data.subarray(0, keep), rec.rate, rate);
  const beats: number[] = [];
  const classes: number[] = [];
  for (const a of await readWfdbAnnotations(options.annotations ?? path)) {
    if (!isBeatSymbol(a.symbol) || a.sample >= keep) continue;
    const at = Math.round((a.sample * rate) / rec.rate);
    if (beats.length && at <= beats[beats.length - 1]!) continue; // coincident after resampling
    beats.push(at);
    classes.push(AAMI_ID[aamiClass(a.symbol) ?? 'Q']!);
  }
  return { name: rec.name, rate, signal, beats: Int32Array.from(beats), beatClass: Uint8Array.from(classes) };
}

/**
 * Reads the records of one split of the inter-patient protocol (de Chazal et al. 2004), as
 * listed in `mitdb/records.json`: DS1 trains, DS2 tests.
 *
 * @param dataDir - data directory holding `mitdb/`
 * @param split - `DS1` or `DS2`
 * @param options - rate, truncation; `records` keeps only the named records
 * @throws FormatError `E_IO`/`E_PARSE` for a missing or bad `records.json`; TrainingError `E_DATA`
 *   when no record is left
 * @example
 * ```ts
 * import { loadEcgSplit } from 'scl-wear/train';
 * const test = await loadEcgSplit('../shared/data', 'DS2');
 * ```
 */
export async function loadEcgSplit(
  dataDir: string,
  split: 'DS1' | 'DS2',
  options: EcgLoadOptions & { readonly records?: readonly string[] } = {},
): Promise<EcgRecord[]> {
  const listPath = join(dataDir, 'mitdb', 'records.json');
  let list: { record: string; split: string }[];
  try {
    list = JSON.parse(await readFile(listPath, 'utf8')) as { record: string; split: string }[];
  } catch (err) {
    throw new FormatError('E_IO', `cannot read ${listPath}: ${messageOf(err)}`, { cause: err, details: { path: listPath } });
  }
  const names = list.filter((r) => r.split === split && (!options.records || options.records.includes(r.record))).map((r) => r.record);
  if (names.length === 0) throw new TrainingError('E_DATA', `no ${split} records in ${listPath}`);
  const out: EcgRecord[] = [];
  for (const name of names) out.push(await loadEcgRecord(join(dataDir, 'mitdb', name), options));
  return out;
}

/**
 * Per-window z-score in place, exactly as the runtime's `zscore` preprocessing:
 * `(x − mean) / (std + 1e-6)`.
 *
 * @param x - array holding the window
 * @param offset - first sample of the window
 * @param length - window length
 * @internal
 * @example
 * ```ts
 * zscoreWindow(batch, i * 520, 520); // window i of a batch, in place
 * ```
 */
export function zscoreWindow(x: Float32Array, offset: number, length: number): void {
  let mean = 0;
  for (let i = 0; i < length; i++) mean += x[offset + i]!;
  mean /= length;
  let v = 0;
  for (let i = 0; i < length; i++) v += (x[offset + i]! - mean) ** 2;
  const scale = 1 / (Math.sqrt(v / length) + 1e-6);
  for (let i = 0; i < length; i++) x[offset + i] = (x[offset + i]! - mean) * scale;
}

/**
 * Class of a window for the task head: the most significant AAMI class among its beats, in the
 * order V > S > F > N (a window "contains a ventricular beat"...); Q beats count as N.
 *
 * @param rec - the record
 * @param start - first sample of the window
 * @param length - window length in samples
 * @internal
 * @example
 * ```ts
 * const label = windowClass(rec, 2600, 520); // 0 N, 1 S, 2 V, 3 F
 * ```
 */
export function windowClass(rec: EcgRecord, start: number, length: number): number {
  let seen = 0;
  for (let k = lowerBound(rec.beats, start); k < rec.beats.length && rec.beats[k]! < start + length; k++) seen |= 1 << rec.beatClass[k]!;
  return seen & 4 ? 2 : seen & 2 ? 1 : seen & 8 ? 3 : 0;
}

function lowerBound(a: Int32Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const m = (lo + hi) >>> 1;
    if (a[m]! < x) lo = m + 1;
    else hi = m;
  }
  return lo;
}
