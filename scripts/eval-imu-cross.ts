// Cross-dataset evaluation of IMU encoders: npx tsx scripts/eval-imu-cross.ts OUT.json MODEL.onnx... [--task acc] [--datasets uci,motionsense] [--rotations N] [--no-fit]
import { writeFile } from 'node:fs/promises';
import { resolveDataDir } from '../src/io/data-dir.js';
import { evaluateImuCross } from '../src/training/evaluate-cross.js';
import type { ImuDataset } from '../src/training/imu-corpus.js';
import { loadOnnxModel } from '../src/training/onnx-model.js';

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args.splice(i, 2)[1] : undefined;
};
const task = (opt('task') ?? 'imu') as 'imu' | 'acc';
const datasets = opt('datasets')?.split(',') as ImuDataset[] | undefined;
const rotations = Number(opt('rotations') ?? 5);
const noFit = args.includes('--no-fit') ? (args.splice(args.indexOf('--no-fit'), 1), true) : false;
const [out, ...models] = args;
const dataDir = resolveDataDir();
const results = [];
for (const path of models) {
  const t0 = performance.now();
  const enc = await loadOnnxModel(path);
  const up = JSON.parse(enc.metadata.reference_up!) as number[];
  const r = await evaluateImuCross(enc, dataDir, task, up, {
    datasets,
    rotations,
    ...(noFit ? { temperature: { classes: 1, groups: 1 } } : {}),
  });
  await enc.release();
  results.push({ path, ...r, seconds: Math.round((performance.now() - t0) / 1000) });
  process.stderr.write(`${path}: ${JSON.stringify(r.datasets)}\n`);
  await writeFile(out!, JSON.stringify(results, null, 2) + '\n');
}
