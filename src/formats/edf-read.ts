import type { ChannelInfo, SensorKind, Unit } from '../core/batch.js';
import { FormatError } from '../errors.js';
import type { FrameChunk, FrameLabel, FrameSource } from './frames.js';
import { decodeEdfHeader, EDF_ANNOTATIONS, type EdfHeader } from './edf-header.js';
import { PADDING, parseTals } from './edf-tal.js';
import { asyncBufferOf, readRange, type RandomAccessBytes } from './random-access.js';

/** What the recording field's `scl-wear:` subfield says, or defaults for foreign files. */
function ours(h: EdfHeader, records: number, samples: number) {
  const m = /scl-wear:([^:\s]+):([^:\s]+):([^:\s]+):(\d+)/.exec(h.recording);
  const all = records * samples;
  if (!m) return { kind: undefined, stream: undefined, t0: 0, frames: all };
  return { kind: m[1] as SensorKind, stream: m[2]!, t0: Number(m[3]) || 0, frames: Math.min(all, Number(m[4])) };
}

function wallClock(h: EdfHeader): number | undefined {
  const d = /^(\d\d)\.(\d\d)\.(\d\d)$/.exec(h.startDate);
  const t = /^(\d\d)\.(\d\d)\.(\d\d)$/.exec(h.startTime);
  if (!d || !t || /^Startdate X\b/.test(h.recording)) return undefined;
  const yy = Number(d[3]);
  const plusYear = /Startdate \d\d-[A-Z]{3}-(\d{4})/.exec(h.recording)?.[1];
  const year = plusYear ? Number(plusYear) : yy >= 85 ? 1900 + yy : 2000 + yy; // EDF: yy 85-99 are 1985-1999
  return Date.UTC(year, Number(d[2]) - 1, Number(d[1]), Number(t[1]), Number(t[2]), Number(t[3]));
}

/**
 * Reads an EDF, EDF+C or EDF+D file as a {@link FrameSource}: every ordinary signal becomes a channel
 * (all must share one sample rate), samples are scaled back to physical units, and the EDF+
 * annotations become labels (with a duration: activities; without: events); records that do
 * not follow on from the previous one (EDF+D) start a chunk after a gap. Files written by
 * {@link advanced!edfBytes} come back with their stream name, kind, start time and exact frame count.
 *
 * @param file - the file as a Blob, bytes or random-access buffer
 * @throws FormatError `E_PARSE` (not EDF, bad header), `E_TRUNCATED` (file shorter than its
 *   records), `E_UNSUPPORTED` (signals with different rates)
 * @example
 * ```ts
 * import { readEdf } from 'scl-wear';
 * const source = await readEdf(file);
 * console.log(source.channels, source.labels.length);
 * ```
 */
export async function readEdf(file: RandomAccessBytes): Promise<FrameSource> {
  const buf = asyncBufferOf(file);
  const first = await readRange(buf, 0, 256);
  const ns = Number(new TextDecoder('latin1').decode(first.subarray(252, 256)).trim());
  const { header: h, bytes: headerBytes } = decodeEdfHeader(await readRange(buf, 0, Number.isInteger(ns) && ns > 0 ? 256 * (ns + 1) : 256));
  const ann = h.signals.findIndex((s) => s.label === EDF_ANNOTATIONS);
  const data = h.signals.map((s, i) => ({ s, i })).filter(({ i }) => i !== ann);
  if (data.length === 0) throw new FormatError('E_PARSE', 'EDF file has no ordinary signals');
  const samples = data[0]!.s.samples;
  if (data.some(({ s }) => s.samples !== samples))
    throw new FormatError('E_UNSUPPORTED', 'EDF signals have different sample rates; only files with one rate are read');
  const offsets: number[] = [];
  let recordBytes = 0;
  for (const s of h.signals) {
    offsets.push(recordBytes);
    recordBytes += 2 * s.samples;
  }
  const records = h.records >= 0 ? h.records : Math.floor((buf.byteLength - headerBytes) / recordBytes);
  if (headerBytes + records * recordBytes > buf.byteLength) {
    throw new FormatError(
      'E_TRUNCATED',
      `EDF file declares ${records} records of ${recordBytes} bytes but has ${buf.byteLength - headerBytes} bytes of data`,
    );
  }
  const rate = samples / h.recordDuration;
  const meta = ours(h, records, samples);
  // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing -- an empty last word falls back too
  const lastWord = (label: string) => label.split(' ').pop() || label;
  const channels: ChannelInfo[] = data.map(({ s }) => ({ name: lastWord(s.label), unit: (s.dimension || '1') as Unit }));
  const nc = channels.length;
  const scale = data.map(({ s }) => {
    const gain = (s.physicalMax - s.physicalMin) / (s.digitalMax - s.digitalMin);
    return { gain, offset: s.physicalMin - s.digitalMin * gain };
  });
  // Per record: its onset (s from the file start) and how many of its samples are signal.
  const onsets = Float64Array.from({ length: records }, (_, r) => r * h.recordDuration);
  const valid = new Int32Array(records).fill(samples);
  const labels: FrameLabel[] = [];
  if (ann >= 0) {
    for (let r = 0; r < records; r++) {
      const at = headerBytes + r * recordBytes + offsets[ann]!;
      const tals = parseTals(await readRange(buf, at, at + 2 * h.signals[ann]!.samples));
      if (tals[0] && Number.isFinite(tals[0].onset)) onsets[r] = tals[0].onset;
      for (const tal of tals.slice(1)) {
        const [label, note] = tal.texts;
        if (label === undefined) continue;
        if (label === PADDING) {
          valid[r] = Math.max(0, samples - Math.round((tal.duration ?? 0) * rate));
          continue;
        }
        const start = meta.t0 + tal.onset;
        labels.push(
          tal.duration !== undefined
            ? { kind: 'activity', label, start, end: start + tal.duration, ...(note !== undefined && { note }) }
            : { kind: 'event', label, start, end: start, ...(note !== undefined && { note }) },
        );
      }
    }
  }
  let total = 0;
  for (let r = 0; r < records; r++) total += valid[r]!;
  const frames = Math.min(total, meta.frames);
  const perRead = Math.max(1, Math.floor((1 << 20) / recordBytes));
  async function* chunks(): AsyncGenerator<FrameChunk> {
    let left = frames;
    let end: number | undefined;
    for (let r0 = 0; r0 < records && left > 0; r0 += perRead) {
      const n = Math.min(perRead, records - r0);
      const bytes = await readRange(buf, headerBytes + r0 * recordBytes, headerBytes + (r0 + n) * recordBytes);
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      for (let j = 0; j < n && left > 0; j++) {
        const r = r0 + j;
        const count = Math.min(valid[r]!, left);
        const out = new Float32Array(count * nc);
        for (let f = 0; f < count; f++) {
          for (let k = 0; k < nc; k++)
            out[f * nc + k] = view.getInt16(j * recordBytes + offsets[data[k]!.i]! + 2 * f, true) * scale[k]!.gain + scale[k]!.offset;
        }
        const t0 = meta.t0 + onsets[r]!;
        const gap = end !== undefined && t0 - end > 0.5 / rate ? t0 - end : undefined;
        yield { t0, rate, frames: count, data: out, ...(gap !== undefined && { gapBefore: gap }) };
        end = t0 + count / rate;
        left -= count;
      }
    }
  }
  const startedAt = wallClock(h);
  const subject = h.patient.split(' ')[0];
  return {
    session: { ...(subject && subject !== 'X' && { subject }), ...(startedAt !== undefined && { startedAt, createdAt: startedAt }) },
    stream: meta.stream ?? meta.kind ?? 'edf',
    kind: meta.kind ?? (channels.length === 1 ? 'ecg' : 'imu'),
    channels,
    rate,
    frames,
    labels,
    chunks,
  };
}
