// CPU time per window of the shipped encoders and their trained variants on onnxruntime-web
// WASM (1 thread, the phone-like setting), at batch 1 and 8, on the same real windows: every
// `.onnx` of models/ and models/variants/ whose input is IMU-shaped ([batch, 6 | 3, 128]), or
// the files given with `--models=a.onnx,b.onnx`, plus models/ecg.onnx. The models take turns
// round by round and CPU time comes from `process.cpuUsage`; each model's figures are ratios
// against models/imu.onnx (and models/acc.onnx for 3-channel models) measured in the same run.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OrtModule } from '../src/model/runtime.js';
import { loadImuWindows } from '../src/training/imu-data.js';
import { onnxRoot } from '../src/training/onnx/schema.js';
import type { BenchFigures, BenchSuite } from './suite.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const BATCHES = [1, 8] as const;

/** What a model file says about itself: input shape `[batch, channels, samples]`, weights, size. */
export interface ModelFile {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly channels: number;
  readonly samples: number;
  readonly parameters: number;
}

interface Proto {
  graph?: {
    input?: { type?: { tensor_type?: { shape?: { dim?: { dim_value?: unknown }[] } } } }[];
    initializer?: { dims?: unknown[]; data_type?: number }[];
  };
}

/** Reads an ONNX file's input shape and counts its weights (float initializers of more than one value). */
export function readModelFile(path: string): ModelFile {
  const bytes = new Uint8Array(readFileSync(path));
  const model = onnxRoot().lookupType('onnx.ModelProto').decode(bytes) as unknown as Proto;
  const dims = model.graph?.input?.[0]?.type?.tensor_type?.shape?.dim ?? [];
  const size = (i: number) => Number(dims[i]?.dim_value ?? NaN);
  let parameters = 0;
  for (const t of model.graph?.initializer ?? []) {
    const n = (t.dims ?? []).reduce<number>((p, d) => p * Number(d), 1);
    if (t.data_type === 1 && n > 1) parameters += n; // one-value float constants (eps) are not weights
  }
  return { name: basename(path).replace(/\.onnx$/, ''), bytes, channels: size(1), samples: size(2), parameters };
}

/** True for an IMU-shaped input: 6 (accelerometer and gyroscope) or 3 channels of 128 samples. */
export const isImuModel = (m: ModelFile) => (m.channels === 6 || m.channels === 3) && m.samples === 128;

/** The IMU-shaped `.onnx` files of models/ and models/variants/, shipped models first. */
export function imuModelFiles(): string[] {
  const dirs = [join(root, 'models'), join(root, 'models', 'variants')];
  return dirs.flatMap((d) =>
    readdirSync(d)
      .filter((f) => f.endsWith('.onnx'))
      .sort()
      .map((f) => join(d, f))
      .filter((p) => isImuModel(readModelFile(p))),
  );
}

/**
 * `count` real windows planar `[count, channels, samples]`: UCI HAR test windows (the committed
 * fixture) for IMU inputs, consecutive stretches of the demo ECG recording otherwise.
 */
export async function realWindows(m: ModelFile, count: number): Promise<Float32Array> {
  const out = new Float32Array(count * m.channels * m.samples);
  if (isImuModel(m)) {
    const w = await loadImuWindows(join(root, 'test', 'fixtures'), 'test', m.channels === 6 ? 'imu' : 'acc');
    for (let i = 0; i < out.length; i++) out[i] = w.x[i % w.x.length]!;
    return out;
  }
  const ecg = readFileSync(join(root, 'sdk-examples', 'data', 'demo-ecg.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => Number(l.split(',')[1]));
  for (let i = 0; i < out.length; i++) out[i] = ecg[i % ecg.length]!;
  return out;
}

/** Options of {@link measureModels}. */
export interface MeasureOptions {
  /** Model files; the baselines are among them. */
  readonly files: readonly string[];
  /** Baseline of each input channel count (e.g. 6 → models/imu.onnx). */
  readonly baselines: Readonly<Record<number, readonly string[]>>;
  /** Measuring time per model, batch and round, in ms (default 200). */
  readonly ms?: number;
  /** Rounds; the least CPU time per window over them is reported (default 5). */
  readonly rounds?: number;
}

/**
 * Best (least) CPU µs per window of every model at batch 1 and 8 over `rounds` rounds, the
 * models taking turns within each round, with parameters, bytes and ratios against each
 * baseline whose channel count the model shares (`<model>.x<Baseline>B<batch>`).
 */
export async function measureModels(opts: MeasureOptions): Promise<BenchFigures> {
  const ort = (await import('onnxruntime-web')) as OrtModule;
  ort.env.wasm.numThreads = 1;
  const models = opts.files.map(readModelFile);
  const runs: { m: ModelFile; batch: number; run: () => Promise<unknown> }[] = [];
  for (const m of models) {
    const session = await ort.InferenceSession.create(m.bytes, { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
    const x = await realWindows(m, 8);
    for (const b of BATCHES) {
      const feeds = {
        [session.inputNames[0]!]: new ort.Tensor('float32', x.subarray(0, b * m.channels * m.samples), [b, m.channels, m.samples]),
      };
      runs.push({ m, batch: b, run: () => session.run(feeds) });
    }
  }
  const best = runs.map(() => Infinity);
  for (const r of runs) await r.run(); // warm-up
  for (let k = 0; k < (opts.rounds ?? 5); k++) {
    for (const [i, r] of runs.entries()) {
      const start = performance.now();
      const cpu = process.cpuUsage();
      let calls = 0;
      do {
        await r.run();
        calls++;
      } while (performance.now() - start < (opts.ms ?? 200));
      const used = process.cpuUsage(cpu);
      best[i] = Math.min(best[i]!, (used.user + used.system) / (calls * r.batch));
    }
  }
  const us = (name: string, b: number) => best[runs.findIndex((r) => r.m.name === name && r.batch === b)]!;
  const f: BenchFigures = {};
  for (const m of models) {
    for (const b of BATCHES) f[`${m.name}.usB${b}`] = us(m.name, b);
    for (const base of opts.baselines[m.channels] ?? []) {
      const b = basename(base).replace(/\.onnx$/, '');
      const tag = b.charAt(0).toUpperCase() + b.slice(1);
      for (const batch of BATCHES) f[`${m.name}.x${tag}B${batch}`] = us(m.name, batch) / us(b, batch);
    }
    f[`${m.name}.parameters`] = m.parameters;
    f[`${m.name}.bytes`] = m.bytes.length;
  }
  return f;
}

/** The `shippedModels` suite. */
export const shippedModels: BenchSuite = {
  name: 'shippedModels',
  summary:
    'CPU µs/window of models/ + models/variants/ IMU encoders and the ECG encoder, onnxruntime-web WASM 1 thread, batch 1 and 8, real windows; x<Base>B<n>: ratio to models/imu.onnx (6 ch) or acc.onnx (3 ch), ecg to itself',
  async run() {
    const listed = process.argv.find((a) => a.startsWith('--models='));
    const [imu, acc, ecg] = ['imu', 'acc', 'ecg'].map((n) => join(root, 'models', `${n}.onnx`)) as [string, string, string];
    const chosen = listed ? listed.slice('--models='.length).split(',').filter(Boolean) : imuModelFiles();
    const files = [...new Set([imu, acc, ...chosen, ecg])];
    return measureModels({ files, baselines: { 6: [imu], 3: [imu, acc], 1: [ecg] } });
  },
};
