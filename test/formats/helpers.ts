// Synthetic streams for the format tests: distinct float32 values, a gap, labels of every kind.
import type { FrameChunk, FrameLabel, FrameSource } from '../../src/formats/frames.js';

export const IMU = [
  { name: 'ax', unit: 'm/s^2' },
  { name: 'ay', unit: 'm/s^2' },
  { name: 'az', unit: 'g' },
  { name: 'gx', unit: 'rad/s' },
  { name: 'gy', unit: 'rad/s' },
  { name: 'gz', unit: 'rad/s' },
] as const;

/** Value of frame `i`, channel `c`: a different amplitude and offset per channel. */
export const value = (i: number, c: number) => Math.fround(Math.sin(i * 0.05 + c) * (1 + c * 3) + c * 0.25 - 1 + i * 1e-6);

export interface Spec {
  rate?: number;
  /** Frames per chunk. */
  chunk?: number;
  chunks?: number;
  /** Chunk index that starts after a gap, and the gap in seconds. */
  gapAt?: number;
  gap?: number;
  labels?: FrameLabel[];
  channels?: FrameSource['channels'];
  kind?: FrameSource['kind'];
  t0?: number;
}

/** A re-readable source built lazily from {@link value}. */
export function makeSource(spec: Spec = {}): FrameSource {
  const { rate = 50, chunk = 50, chunks = 20, gapAt, gap = 0, channels = IMU, kind = 'imu', t0 = 100 } = spec;
  const nc = channels.length;
  const labels = spec.labels ?? [
    { kind: 'activity', label: 'WALKING', start: t0 + 1, end: t0 + 4.5 },
    { kind: 'activity', label: 'SITTING', start: t0 + 6 },
    { kind: 'event', label: 'trip', start: t0 + 3, end: t0 + 3, note: 'kerb' },
  ];
  async function* gen(): AsyncGenerator<FrameChunk> {
    let t = t0;
    for (let k = 0; k < chunks; k++) {
      const g = k === gapAt ? gap : 0;
      t += g;
      const data = new Float32Array(chunk * nc);
      for (let i = 0; i < chunk; i++) for (let c = 0; c < nc; c++) data[i * nc + c] = value(k * chunk + i, c);
      yield { t0: t, rate, frames: chunk, data, ...(g > 0 && { gapBefore: g }) };
      t += chunk / rate;
    }
  }
  return {
    session: {
      id: 'sess-1',
      subject: 'S07',
      createdAt: Date.UTC(2026, 11, 4, 9, 30, 15),
      startedAt: Date.UTC(2026, 11, 4, 9, 30, 20),
      device: { model: 'H10' },
      status: 'complete',
    },
    stream: kind,
    kind,
    channels,
    rate,
    frames: chunk * chunks,
    labels,
    chunks: gen,
  };
}

/** Every chunk of a source, concatenated. */
export async function collect(source: FrameSource): Promise<{ data: Float32Array; times: number[]; chunks: FrameChunk[] }> {
  const chunks: FrameChunk[] = [];
  for await (const c of source.chunks()) chunks.push(c);
  const nc = source.channels.length;
  const data = new Float32Array(chunks.reduce((n, c) => n + c.frames * nc, 0));
  const times: number[] = [];
  let o = 0;
  for (const c of chunks) {
    data.set(c.data, o);
    o += c.data.length;
    for (let i = 0; i < c.frames; i++) times.push(c.timestamps ? c.timestamps[i]! : c.t0 + i / c.rate);
  }
  return { data, times, chunks };
}

/** Concatenates the pieces of an async byte generator. */
export async function bytesFrom(
  gen: AsyncIterable<Uint8Array>,
): Promise<{ bytes: Uint8Array<ArrayBuffer>; pieces: number; largest: number }> {
  const parts: Uint8Array[] = [];
  let largest = 0;
  for await (const p of gen) {
    parts.push(p);
    largest = Math.max(largest, p.length);
  }
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    bytes.set(p, o);
    o += p.length;
  }
  return { bytes, pieces: parts.length, largest };
}

/** Runs SQL in a fresh in-memory DuckDB (a Parquet reader we did not write) and returns the rows. */
export async function duckQuery(sql: string): Promise<Record<string, unknown>[]> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const conn = await (await DuckDBInstance.create(':memory:')).connect();
  try {
    return (await conn.runAndReadAll(sql)).getRowObjectsJS();
  } finally {
    conn.closeSync();
  }
}
