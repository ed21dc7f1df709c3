// Memory of one worker for many models: the ECG + IMU end-to-end run (bench/end-to-end.ts
// streams) with both encoders in one shared worker against one worker per encoder, each
// contender in a fresh process (peak RSS is per process), alternating, two rounds each.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchFigures, BenchSuite } from './suite.js';

const runner = fileURLToPath(new URL('./worker-memory-run.ts', import.meta.url));

function runOnce(mode: 'shared' | 'separate', seconds: number): { peakRssMiB: number; cpuSeconds: number; device: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', runner, mode, String(seconds)], { encoding: 'utf8', env: process.env });
  if (r.status !== 0) throw new Error(`worker-memory ${mode} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!);
}

/** The `workerMemory` suite. */
export const workerMemory: BenchSuite = {
  name: 'workerMemory',
  summary: 'ECG + IMU end-to-end run: peak RSS and CPU with one shared worker against one worker per encoder (separate processes, alternating)',
  async run() {
    const seconds = Number(process.env.SCL_WEAR_BENCH_SECONDS ?? 600);
    const shared: number[] = [];
    const separate: number[] = [];
    const cpu = { shared: 0, separate: 0 };
    let device = '';
    for (let round = 0; round < 2; round++) {
      const s = runOnce('separate', seconds);
      separate.push(s.peakRssMiB);
      cpu.separate += s.cpuSeconds;
      const o = runOnce('shared', seconds);
      shared.push(o.peakRssMiB);
      cpu.shared += o.cpuSeconds;
      device = o.device;
    }
    const f: BenchFigures = {
      device,
      signalSeconds: seconds,
      peakRssMiBSeparate: Math.max(...separate),
      peakRssMiBShared: Math.max(...shared),
      rssRatio: Math.max(...shared) / Math.max(...separate),
      cpuRatio: cpu.shared / cpu.separate,
    };
    return f;
  },
};
