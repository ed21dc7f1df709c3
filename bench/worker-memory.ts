// Memory of one worker for many models: the ECG + IMU end-to-end run (bench/end-to-end.ts
// streams) with both encoders in one shared worker against one worker per encoder, each
// contender in a fresh process (peak RSS is per process), alternating, SCL_WEAR_BENCH_ROUNDS
// rounds each (default 3), medians and ranges reported. After `npm run build` both contenders
// run the built code (the runner bundled by esbuild, the encoder worker from
// dist/node-worker.js), as an application would; without a build they run the TypeScript
// sources through tsx, which adds its own memory to the main thread and to every worker (`code`
// in the figures says which). SCL_WEAR_BENCH_BASELINE_WORKER names another built worker script
// for the one-worker-per-encoder contender (the dist/node-worker.js of an earlier build, copied
// into dist/ beside the current one: the same script run from node_modules/.cache peaked about
// 40 MiB higher), so that a change measures against the code before it in the same run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { BenchFigures, BenchSuite } from './suite.js';

const runner = fileURLToPath(new URL('./worker-memory-run.ts', import.meta.url));
const builtWorker = fileURLToPath(new URL('../dist/node-worker.js', import.meta.url));
const manifest = fileURLToPath(new URL('../models/manifest.json', import.meta.url));
const bundleDir = fileURLToPath(new URL('../node_modules/.cache/scl-wear-bench/', import.meta.url));

interface Contender {
  args: string[];
  env: NodeJS.ProcessEnv;
  code: 'dist' | 'sources (tsx)';
}

/** The runner as plain JavaScript next to node_modules (so that packages resolve), when built. */
async function contender(): Promise<Contender> {
  if (!existsSync(builtWorker)) return { args: ['--import', 'tsx', runner], env: process.env, code: 'sources (tsx)' };
  mkdirSync(bundleDir, { recursive: true });
  const outfile = `${bundleDir}worker-memory-run.mjs`;
  await build({
    entryPoints: [runner],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'warning',
    external: ['onnxruntime-web', 'onnxruntime-node'],
    banner: { js: "import { createRequire as benchRequire } from 'node:module'; const require = benchRequire(import.meta.url);" },
  });
  return { args: [outfile], env: { ...process.env, SCL_WEAR_BENCH_WORKER: builtWorker, SCL_WEAR_BENCH_MANIFEST: manifest }, code: 'dist' };
}

function runOnce(c: Contender, mode: 'shared' | 'separate', seconds: number): { peakRssMiB: number; cpuSeconds: number; device: string } {
  const baseline = process.env.SCL_WEAR_BENCH_BASELINE_WORKER;
  const env = mode === 'separate' && baseline && c.code === 'dist' ? { ...c.env, SCL_WEAR_BENCH_WORKER: baseline } : c.env;
  const r = spawnSync(process.execPath, [...c.args, mode, String(seconds)], { encoding: 'utf8', env });
  if (r.status !== 0) throw new Error(`worker-memory ${mode} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const range = (xs: number[]) => `${Math.round(Math.min(...xs))}-${Math.round(Math.max(...xs))}`;

/** The `workerMemory` suite. */
export const workerMemory: BenchSuite = {
  name: 'workerMemory',
  summary:
    'ECG + IMU end-to-end run: peak RSS and CPU with one shared worker against one worker per encoder (separate processes, alternating, medians and ranges of 3 or more)',
  async run() {
    const seconds = Number(process.env.SCL_WEAR_BENCH_SECONDS ?? 600);
    const rounds = Math.max(1, Number(process.env.SCL_WEAR_BENCH_ROUNDS ?? 3));
    const c = await contender();
    const shared: number[] = [];
    const separate: number[] = [];
    const cpu = { shared: 0, separate: 0 };
    let device = '';
    for (let round = 0; round < rounds; round++) {
      const s = runOnce(c, 'separate', seconds);
      separate.push(s.peakRssMiB);
      cpu.separate += s.cpuSeconds;
      const o = runOnce(c, 'shared', seconds);
      shared.push(o.peakRssMiB);
      cpu.shared += o.cpuSeconds;
      device = o.device;
    }
    const f: BenchFigures = {
      device,
      code: c.code,
      baseline: process.env.SCL_WEAR_BENCH_BASELINE_WORKER && c.code === 'dist' ? 'earlier build' : 'same build',
      signalSeconds: seconds,
      rounds,
      peakRssMiBSeparate: median(separate),
      peakRssMiBShared: median(shared),
      peakRssMiBSeparateRange: range(separate),
      peakRssMiBSharedRange: range(shared),
      rssRatio: median(shared) / median(separate),
      cpuRatio: cpu.shared / cpu.separate,
    };
    return f;
  },
};
