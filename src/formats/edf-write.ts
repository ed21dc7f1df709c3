import type { FrameLabel, FrameProgress, FrameSource } from './frames.js';
import { EDF_ANNOTATIONS, edfNumber, encodeEdfHeader, type EdfSignal } from './edf-header.js';
import { annotationBytes, labelTal, paddingTal, timekeepingTal } from './edf-tal.js';
import { planEdf, startsSegment } from './edf-plan.js';

/**
 * Options of {@link edfBytes}.
 *
 * @example
 * ```ts
 * import { edfBytes, type EdfWriteOptions } from 'scl-wear/advanced';
 * const options: EdfWriteOptions = { onProgress: (p) => console.log(p.status, p.bytes, 'bytes') };
 * for await (const bytes of edfBytes(source, options)) await writable.write(bytes); // source: a FrameSource
 * ```
 */
export interface EdfWriteOptions {
  /** Called after each block of data records and at the end. */
  onProgress?: (p: FrameProgress) => void;
}

const DIG_MIN = -32768;
const DIG_MAX = 32767;
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const two = (n: number) => String(n).padStart(2, '0');

/** EDF+ type word of a channel (`ECG`, `Acc`, `Gyro`...). */
function typeOf(kind: string, name: string): string {
  if (kind === 'ecg') return 'ECG';
  if (/^a[xyz]$/.test(name)) return 'Acc';
  if (/^g[xyz]$/.test(name)) return 'Gyro';
  return kind;
}

/** Start date and time fields from a wall clock in ms (UTC); EDF+'s `X` and 01.01.85 when unknown. */
function startFields(ms: number | undefined) {
  if (ms === undefined) return { startDate: '01.01.85', startTime: '00.00.00', plusDate: 'X' };
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  return {
    startDate: `${two(d.getUTCDate())}.${two(d.getUTCMonth() + 1)}.${two(y % 100)}`,
    startTime: `${two(d.getUTCHours())}.${two(d.getUTCMinutes())}.${two(d.getUTCSeconds())}`,
    plusDate: `${two(d.getUTCDate())}-${MONTHS[d.getUTCMonth()]}-${y}`,
  };
}

/** Packs label TALs into the records' annotation space, in order; returns them per record. */
function placeLabels(
  labels: readonly FrameLabel[],
  t0: number,
  tEnd: number,
  records: number,
  duration: number,
): { perRecord: string[][]; bytes: number } {
  const tals = labels.map((l) => labelTal(l, t0, tEnd));
  const longest = Math.max(0, ...tals.map((s) => annotationBytes(s)));
  const total = tals.reduce((n, s) => n + annotationBytes(s), 0);
  const far = records * duration + 1e5 + 0.123456;
  const keep = annotationBytes(timekeepingTal(far)) + annotationBytes(paddingTal(far, duration - 1e-9));
  const space = Math.max(longest, Math.ceil(total / Math.max(1, records))) + keep;
  const perRecord: string[][] = Array.from({ length: records }, () => []);
  let r = 0;
  let used = keep;
  for (const tal of tals) {
    if (used + annotationBytes(tal) > space) {
      r++;
      used = keep;
    }
    perRecord[r]!.push(tal);
    used += annotationBytes(tal);
  }
  return { perRecord, bytes: space + (space % 2) };
}

/**
 * Writes one stream as an EDF+ file: one signal per channel with its physical dimension,
 * 16-bit samples scaled from each channel's own physical range (read in a first pass; the
 * range written in the header is rounded outwards so every sample fits), data records of 1 s
 * where the rate allows, and an `EDF Annotations` signal with each record's timekeeping TAL,
 * the activity labels (with durations) and events. A stream without gaps is EDF+C; with gaps it
 * is EDF+D, each continuous segment starting a new record at its own time. The padded end of a
 * segment's last record is marked by an annotation `scl-wear:padding` (onset and duration).
 * Patient field: the subject; start date and time: the session's start, UTC; the recording
 * field ends with `scl-wear:<kind>:<stream>:<t0>:<frames>`.
 *
 * @param source - the stream to write (read twice)
 * @param options - progress callback
 * @returns the file's bytes in blocks of data records
 * @throws FormatError `E_UNSUPPORTED` for irregular timestamps, non-finite samples or a rate
 *   without a whole number of samples per record
 * @example
 * ```ts
 * import { edfBytes } from 'scl-wear/advanced';
 * // source: a FrameSource; writable: e.g. a file picked with showSaveFilePicker, opened with createWritable()
 * for await (const bytes of edfBytes(source)) await writable.write(bytes);
 * await writable.close();
 * ```
 */
export async function* edfBytes(source: FrameSource, options: EdfWriteOptions = {}): AsyncGenerator<Uint8Array> {
  const { min, max, duration, samples, records, segments, t0, tEnd } = await planEdf(source);
  const nc = source.channels.length;
  const { perRecord, bytes: annBytes } = placeLabels(source.labels, t0, tEnd, records, duration);
  const signals: EdfSignal[] = source.channels.map((ch, k) => {
    const lo = Number.isFinite(min[k]!) ? min[k]! : 0;
    const hi = Number.isFinite(max[k]!) ? max[k]! : 0;
    const physicalMin = Number(edfNumber(lo, 'down'));
    const physicalMax = Number(edfNumber(hi > lo ? hi : lo + 1, 'up'));
    return {
      label: `${typeOf(source.kind, ch.name)} ${ch.name}`,
      transducer: source.kind,
      dimension: ch.unit,
      physicalMin,
      physicalMax,
      digitalMin: DIG_MIN,
      digitalMax: DIG_MAX,
      prefiltering: '',
      samples,
    };
  });
  signals.push({
    label: EDF_ANNOTATIONS,
    transducer: '',
    dimension: '',
    physicalMin: -1,
    physicalMax: 1,
    digitalMin: DIG_MIN,
    digitalMax: DIG_MAX,
    prefiltering: '',
    samples: annBytes / 2,
  });
  const s = source.session;
  const start = startFields(s.startedAt ?? s.createdAt);
  const subject = (s.subject ?? 'X').replace(/\s+/g, '_') || 'X';
  const header = encodeEdfHeader({
    patient: `${subject} X X X`,
    recording: `Startdate ${start.plusDate} X X X scl-wear:${source.kind}:${source.stream.replace(/[\s:]/g, '_').slice(0, 16)}:${t0}:${source.frames}`,
    startDate: start.startDate,
    startTime: start.startTime,
    reserved: segments.length > 1 ? 'EDF+D' : 'EDF+C',
    records,
    recordDuration: duration,
    signals,
  });
  yield header;
  // Scaling per channel from the header's (rounded) physical range.
  const gain = new Float64Array(nc);
  const offset = new Float64Array(nc);
  for (let k = 0; k < nc; k++) {
    const pmin = signals[k]!.physicalMin;
    const pmax = signals[k]!.physicalMax;
    gain[k] = (DIG_MAX - DIG_MIN) / (pmax - pmin);
    offset[k] = DIG_MIN - pmin * gain[k]!;
  }
  const recordBytes = 2 * samples * nc + annBytes;
  const perBlock = Math.max(1, Math.floor((1 << 20) / recordBytes));
  let block = new Uint8Array(recordBytes * perBlock);
  let view = new DataView(block.buffer);
  let inBlock = 0;
  let r = 0;
  let pos = 0; // frame within the current record
  let onset = 0; // start of the current record, s from the file start
  let last = new Float32Array(nc);
  let bytes = header.length;
  const enc = new TextEncoder();
  const endRecord = () => {
    const base = inBlock * recordBytes + 2 * samples * nc;
    const padding = pos < samples ? paddingTal(onset + pos / source.rate, (samples - pos) / source.rate) : '';
    while (pos < samples) put(last, 0);
    const text = enc.encode(timekeepingTal(onset) + padding + perRecord[r]!.join(''));
    block.fill(0, base, base + annBytes);
    block.set(text, base);
    r++;
    pos = 0;
    inBlock++;
  };
  const put = (frame: Float32Array, at: number) => {
    const base = inBlock * recordBytes;
    for (let k = 0; k < nc; k++) {
      const d = Math.round(frame[at * nc + k]! * gain[k]! + offset[k]!);
      view.setInt16(base + 2 * (k * samples + pos), d < DIG_MIN ? DIG_MIN : d > DIG_MAX ? DIG_MAX : d, true);
    }
    pos++;
  };
  let written = 0;
  const flush = function* () {
    if (inBlock === 0) return;
    const out = block.subarray(0, inBlock * recordBytes);
    bytes += out.length;
    yield out;
    block = new Uint8Array(recordBytes * perBlock);
    view = new DataView(block.buffer);
    inBlock = 0;
    options.onProgress?.({ status: 'writing', frames: Math.min(written, source.frames), totalFrames: source.frames, bytes });
  };
  let end: number | undefined;
  for await (const c of source.chunks()) {
    if (c.frames === 0) continue;
    if (pos > 0 && startsSegment(c, end)) {
      endRecord();
      if (inBlock === perBlock) yield* flush();
    }
    end = c.t0 + c.frames / c.rate;
    for (let i = 0; i < c.frames; i++) {
      if (pos === 0) onset = c.t0 + i / c.rate - t0;
      put(c.data, i);
      written++;
      if (pos === samples) {
        endRecord();
        if (inBlock === perBlock) yield* flush();
      }
    }
    if (c.frames > 0) last = c.data.slice((c.frames - 1) * nc, c.frames * nc);
  }
  if (pos > 0 || r === 0) endRecord();
  yield* flush();
  options.onProgress?.({ status: 'complete', frames: written, totalFrames: source.frames, bytes });
}
