// Export speed: Parquet (and EDF+) against CSV on the same in-memory stream, CPU time by
// process.cpuUsage, the contenders alternating round by round.
import { parquetBytes } from '../src/formats/parquet-write.js';
import { edfBytes } from '../src/formats/edf-write.js';
import type { FrameChunk, FrameSource } from '../src/formats/frames.js';
import { csvBytes } from '../src/io/frame-files.js';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { BenchSuite } from './suite.js';

const RATE = 50;
const SECONDS = 3600;
const CHUNK = 1000;
const CHANNELS = ['ax', 'ay', 'az', 'gx', 'gy', 'gz'].map((name) => ({ name, unit: name.startsWith('a') ? 'm/s^2' : 'rad/s' }) as const);

/** One hour of 6-channel IMU at 50 Hz, noisy like a real sensor, in 20 s chunks. */
function hourOfImu(): FrameSource {
  const chunks: FrameChunk[] = [];
  let seed = 1;
  const noise = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32 - 0.5) * 0.05;
  for (let f = 0; f < RATE * SECONDS; f += CHUNK) {
    const data = new Float32Array(CHUNK * 6);
    for (let i = 0; i < CHUNK; i++)
      for (let c = 0; c < 6; c++) data[i * 6 + c] = Math.sin((f + i) * 0.02 * (c + 1)) * (c < 3 ? 9.81 : 1) + noise();
    chunks.push({ t0: f / RATE, rate: RATE, frames: CHUNK, data });
  }
  return {
    session: { id: 'bench', subject: 'S01' },
    stream: 'imu',
    kind: 'imu',
    channels: CHANNELS,
    rate: RATE,
    frames: RATE * SECONDS,
    labels: [{ kind: 'activity', label: 'WALKING', start: 600, end: 1800 }],
    chunks: async function* () {
      yield* chunks;
    },
  };
}

/** CPU seconds and bytes of one full export. */
async function cpuOf(bytes: AsyncIterable<Uint8Array>): Promise<{ cpu: number; size: number }> {
  const u0 = process.cpuUsage();
  let size = 0;
  for await (const b of bytes) size += b.length;
  const u = process.cpuUsage(u0);
  return { cpu: (u.user + u.system) / 1e6, size };
}

/** 24 h of 6-channel IMU at 50 Hz generated chunk by chunk (never held whole). */
function dayOfImu(): FrameSource {
  const hour = hourOfImu();
  return {
    ...hour,
    frames: hour.frames * 24,
    chunks: async function* () {
      for (let h = 0; h < 24; h++) for await (const c of hour.chunks()) yield { ...c, t0: c.t0 + h * SECONDS };
    },
  };
}

/** Memory retained while a whole export runs, MB: heap and array buffers after a collection, at its largest over the run. */
async function retainedMemoryOf(bytes: AsyncIterable<Uint8Array>): Promise<number> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const used = () => {
    gc();
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const base = used();
  let peak = base;
  let pieces = 0;
  for await (const _ of bytes) if (++pieces % 8 === 0) peak = Math.max(peak, used());
  return (peak - base) / 1e6;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export const exportSuite: BenchSuite = {
  name: 'export',
  summary: 'Parquet and EDF+ export of 1 h of 6-channel IMU at 50 Hz vs CSV export of the same stream (CPU time, alternating)',
  async run() {
    const source = hourOfImu();
    const samples = source.frames * 6;
    const times = { parquet: [] as number[], edf: [] as number[], csv: [] as number[] };
    const sizes = { parquet: 0, edf: 0, csv: 0 };
    await cpuOf(parquetBytes(source)); // warm-up
    await cpuOf(csvBytes(source));
    for (let round = 0; round < 5; round++) {
      for (const [name, make] of [
        ['parquet', () => parquetBytes(source)],
        ['csv', () => csvBytes(source)],
        ['edf', () => edfBytes(source)],
      ] as const) {
        const { cpu, size } = await cpuOf(make());
        times[name].push(cpu);
        sizes[name] = size;
      }
    }
    const rate = (k: keyof typeof times) => samples / median(times[k]);
    // A day-long session: memory stays at about one row group whatever the length.
    const dayPeakMB = await retainedMemoryOf(parquetBytes(dayOfImu()));
    return {
      parquetSamplesPerSec: rate('parquet'),
      edfSamplesPerSec: rate('edf'),
      csvSamplesPerSec: rate('csv'),
      parquetVsCsv: rate('parquet') / rate('csv'),
      parquetBytesPerSample: sizes.parquet / samples,
      edfBytesPerSample: sizes.edf / samples,
      csvBytesPerSample: sizes.csv / samples,
      parquet24hRetainedMemoryMB: dayPeakMB,
    };
  },
};
