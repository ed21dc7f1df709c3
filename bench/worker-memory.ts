// Memory of one worker for many models: the ECG + IMU end-to-end run (bench/worker-memory-run.ts)
// with both encoders in one shared worker against one worker per encoder, each contender in a
// fresh process (peak RSS is per process), alternating, SCL_WEAR_BENCH_ROUNDS rounds each
// (default 3), medians and ranges reported. Both contenders run BUILT code (`npm run build`
// first) through the package's public API, as an application would. The one-worker-per-encoder
// contender is this build with `shareWorker: false`, or, when SCL_WEAR_BENCH_BASELINE_PACKAGE
// names the checkout of an earlier release (dependencies installed, `npm run build` done), that
// release as it is: its own main-thread code, worker and models.
// Each pace in SCL_WEAR_BENCH_PACES (default "100,0") is measured: 100 plays the signal at 100×
// real time (the worker keeps up, as with live sensors); 0 feeds it as fast as it goes (the
// windows queue up ahead of the worker: a backlog test).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { BenchFigures, BenchSuite } from './suite.js';

const runner = fileURLToPath(new URL('./worker-memory-run.ts', import.meta.url));
const root = fileURLToPath(new URL('..', import.meta.url));
const bundleDir = fileURLToPath(new URL('../node_modules/.cache/scl-wear-bench/', import.meta.url));

interface Run {
  peakRssMiB: number;
  loadedRssMiB: number;
  cpuSeconds: number;
  results: number;
  device: string;
}

/** The runner as plain JavaScript (it imports only Node built-ins and the package under test). */
async function bundleRunner(): Promise<string> {
  mkdirSync(bundleDir, { recursive: true });
  const outfile = `${bundleDir}worker-memory-run.mjs`;
  await build({ entryPoints: [runner], outfile, bundle: true, platform: 'node', format: 'esm', logLevel: 'warning' });
  return outfile;
}

function runOnce(script: string, mode: 'shared' | 'separate', pkg: string, seconds: number, pace: number): Run {
  const r = spawnSync(process.execPath, [script, mode, String(seconds), pkg, String(pace)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`worker-memory ${mode} (${pkg}) failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Run;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const range = (xs: number[]) => `${Math.round(Math.min(...xs))}-${Math.round(Math.max(...xs))}`;

/** The `workerMemory` suite. */
export const workerMemory: BenchSuite = {
  name: 'workerMemory',
  summary:
    'ECG + IMU end-to-end run, built code: peak RSS and CPU with one shared worker against one worker per encoder (or an earlier release), live pace and as fast as it goes; separate processes, alternating, medians and ranges',
  async run() {
    if (!existsSync(`${root}dist/node.js`)) throw new Error('workerMemory measures the built package: run `npm run build` first');
    const seconds = Number(process.env.SCL_WEAR_BENCH_SECONDS ?? 600);
    const rounds = Math.max(1, Number(process.env.SCL_WEAR_BENCH_ROUNDS ?? 3));
    const paces = (process.env.SCL_WEAR_BENCH_PACES ?? '100,0').split(',').map(Number);
    const baseline = process.env.SCL_WEAR_BENCH_BASELINE_PACKAGE;
    const script = await bundleRunner();
    const f: BenchFigures = {
      baseline: baseline ? `earlier release at ${baseline}` : 'this build, shareWorker: false',
      signalSeconds: seconds,
      rounds,
    };
    for (const pace of paces) {
      const runs: { shared: Run[]; separate: Run[] } = { shared: [], separate: [] };
      for (let round = 0; round < rounds; round++) {
        runs.separate.push(runOnce(script, 'separate', baseline ?? root, seconds, pace));
        runs.shared.push(runOnce(script, 'shared', root, seconds, pace));
      }
      const key = pace > 0 ? `Pace${pace}x` : 'AsFast';
      const peak = (rs: Run[]) => rs.map((r) => r.peakRssMiB);
      const cpu = (rs: Run[]) => rs.reduce((a, r) => a + r.cpuSeconds, 0);
      f.device = runs.shared[0]!.device;
      f[`peakRssMiBSeparate${key}`] = median(peak(runs.separate));
      f[`peakRssMiBShared${key}`] = median(peak(runs.shared));
      f[`peakRssMiBSeparateRange${key}`] = range(peak(runs.separate));
      f[`peakRssMiBSharedRange${key}`] = range(peak(runs.shared));
      f[`loadedRssMiBSeparate${key}`] = median(runs.separate.map((r) => r.loadedRssMiB));
      f[`loadedRssMiBShared${key}`] = median(runs.shared.map((r) => r.loadedRssMiB));
      f[`rssRatio${key}`] = median(peak(runs.shared)) / median(peak(runs.separate));
      f[`cpuRatio${key}`] = cpu(runs.shared) / cpu(runs.separate);
      if (runs.shared[0]!.results !== runs.separate[0]!.results)
        throw new Error('workerMemory: the contenders encoded different numbers of windows');
    }
    return f;
  },
};
