// Group confusion (walking, upstairs, downstairs, static) of IMU runs on the VALIDATION subjects
// of one dataset, under a sensor error and a random rotation per window (seeded, the same for
// every run): npx tsx scripts/imu-group-confusion.ts uci|motionsense RUN_DIR... → one table on stdout.
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { createRng } from '../src/core/random.js';
import { resolveDataDir } from '../src/io/data-dir.js';
import { toActivityGroups } from '../src/scl/classification.js';
import { randomRotations, rotateWindows } from '../src/scl/transforms.js';
import { loadImuCorpus, type ImuDataset } from '../src/training/imu-corpus.js';
import { deviceError } from '../src/training/imu-realism.js';
import { argmaxRows, loadOnnxModel } from '../src/training/onnx-model.js';

const [dataset, ...dirs] = process.argv.slice(2) as [ImuDataset, ...string[]];
const NAMES = ['walking', 'upstairs', 'downstairs', 'static'];
const rows = [`| run (on ${dataset}) | true → predicted (% of the true group) |`, '| --- | --- |'];
for (const dir of dirs) {
  const r = JSON.parse(await readFile(join(dir, 'results.json'), 'utf8'));
  const set = await loadImuCorpus(resolveDataDir(), 'val', r.task, [dataset]);
  const { count: n, channels: C, samples: S } = set;
  const rng = createRng(4242);
  const x = set.x.slice();
  for (let w = 0; w < n; w++) deviceError(x.subarray(w * C * S, (w + 1) * C * S), C, S, rng);
  const enc = await loadOnnxModel(join(dir, r.onnx.file));
  const out = await enc.run(rotateWindows(x, n, { frames: S, channels: C, layout: 'planar' }, randomRotations(rng, n)), n);
  await enc.release();
  const truth = toActivityGroups(set.y);
  const m = Array.from({ length: 4 }, () => new Array<number>(4).fill(0));
  const pred = argmaxRows(out.groupLogits!, 4);
  for (let w = 0; w < n; w++) m[truth[w]!]![pred[w]!]!++;
  const cells = m.map((row, t) => {
    const total = row.reduce((a, b) => a + b, 0) || 1;
    return `${NAMES[t]}: ${row.map((v, p) => `${NAMES[p]!.slice(0, 4)} ${((100 * v) / total).toFixed(1)}`).join(', ')}`;
  });
  rows.push(`| ${basename(dir)} | ${cells.join('; ')} |`);
}
console.log(rows.join('\n'));
