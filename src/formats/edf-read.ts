import type { ChannelInfo, SensorKind, Unit } from '../core/batch.js';
import { FormatError } from '../errors.js';
import type { FrameChunk, FrameLabel, FrameSource } from './frames.js';
import { decodeEdfHeader, EDF_ANNOTATIONS, type EdfHeader } from './edf-header.js';
import { parseTals } from './edf-tal.js';
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
  if (!d || !t) return undefined;
  const yy = Number(d[3]);
  const plusYear = /Startdate \d\d-[A-Z]{3}-(\d{4})/.exec(h.recording)?.[1];
  const year = plusYear ? Number(plusYear) : yy >= 85 ? 1900 + yy : 2000 + yy; // EDF: yy 85-99 are 1985-1999
  return Date.UTC(year, Number(d[2]) - 1, Number(d[1]), Number(t[1]), Number(t[2]), Number(t[3]));
}

/**
 * Reads an EDF or EDF+C file as a {@link FrameSource}: every ordinary signal becomes a channel
 * (all must share one sample rate), samples are scaled back to physical units, and the EDF+
 * annotations become labels (with a duration: activities; without: events). Files written by
 * {@link edfBytes} come back with their stream name, kind, start time and exact frame count.
 *
 * @param file - the file as a Blob, bytes or random-access buffer
 * @throws FormatError `E_PARSE` (not EDF, bad header), `E_TRUNCATED` (file shorter than its
 *   records), `E_UNSUPPORTED` (EDF+D, signals with different rates)
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
  if (h.reserved.startsWith('EDF+D')) throw new FormatError('E_UNSUPPORTED', 'EDF+D (discontinuous) files are not read; convert them to EDF+C first');
  const ann = h.signals.findIndex((s) => s.label === EDF_ANNOTATIONS);
  const data = h.signals.map((s, i) => ({ s, i })).filter(({ i }) => i !== ann);
  if (data.length === 0) throw new FormatError('E_PARSE', 'EDF file has no ordinary signals');
  const samples = data[0]!.s.samples;
  if (data.some(({ s }) => s.samples !== samples)) throw new FormatError('E_UNSUPPORTED', 'EDF signals have different sample rates; only files with one rate are read');
  const offsets: number[] = [];
  let recordBytes = 0;
  for (const s of h.signals) {
    offsets.push(recordBytes);
    recordBytes += 2 * s.samples;
  }
  const records = h.records >= 0 ? h.records : Math.floor((buf.byteLength - headerBytes) / recordBytes);
  if (headerBytes + records * recordBytes > buf.byteLength) {
    throw new FormatError('E_TRUNCATED', `EDF file declares ${records} records of ${recordBytes} bytes but has ${buf.byteLength - headerBytes} bytes of data`);
  }
  const rate = samples / h.recordDuration;
  const meta = ours(h, records, samples);
  const channels: ChannelInfo[] = data.map(({ s }) => ({ name: s.label.split(' ').pop() || s.label, unit: (s.dimension || '1') as Unit }));
  const nc = channels.length;
  const scale = data.map(({ s }) => {
    const gain = (s.physicalMax - s.physicalMin) / (s.digitalMax - s.digitalMin);
    return { gain, offset: s.physicalMin - s.digitalMin * gain };
  });
  const labels: FrameLabel[] = [];
  if (ann >= 0) {
    for (let r = 0; r < records; r++) {
      const at = headerBytes + r * recordBytes + offsets[ann]!;
      const tals = parseTals(await readRange(buf, at, at + 2 * h.signals[ann]!.samples));
      for (const tal of tals.slice(1)) {
        const [label, note] = tal.texts;
        if (label === undefined) continue;
        const start = meta.t0 + tal.onset;
        labels.push(tal.duration !== undefined
          ? { kind: 'activity', label, start, end: start + tal.duration, ...(note !== undefined && { note }) }
          : { kind: 'event', label, start, end: start, ...(note !== undefined && { note }) });
      }
    }
  }
  const perRead = Math.max(1, Math.floor((1 << 20) / recordBytes));
  async function* chunks(): AsyncGenerator<FrameChunk> {
    for (let r = 0, frame = 0; r < records && frame < meta.frames; r += perRead) {
      const n = Math.min(perRead, records - r);
      const bytes = await readRange(buf, headerBytes + r * recordBytes, headerBytes + (r + n) * recordBytes);
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const frames = Math.min(n * samples, meta.frames - frame);
      const out = new Float32Array(frames * nc);
      for (let f = 0; f < frames; f++) {
        const rec = Math.floor(f / samples);
        const j = f - rec * samples;
        for (let k = 0; k < nc; k++) {
          const v = view.getInt16(rec * recordBytes + offsets[data[k]!.i]! + 2 * j, true);
          out[f * nc + k] = v * scale[k]!.gain + scale[k]!.offset;
        }
      }
      yield { t0: meta.t0 + frame / rate, rate, frames, data: out };
      frame += frames;
    }
  }
  const startedAt = wallClock(h);
  const subject = h.patient.split(' ')[0];
  return {
    session: { ...(subject && subject !== 'X' && { subject }), ...(startedAt !== undefined && { startedAt, createdAt: startedAt }) },
    stream: meta.stream ?? meta.kind ?? 'edf', kind: meta.kind ?? (channels.length === 1 ? 'ecg' : 'imu'), channels, rate, frames: meta.frames, labels, chunks,
  };
}
