// Per-group recall of leave-one-dataset-out IMU runs on the OTHER dataset's VALIDATION subjects,
// under sensor error and a uniform rotation per window (as scripts/imu-validation.ts, 2 rotations):
// npx tsx scripts/imu-lodo-recall.ts [--on uci|motionsense] RUN_DIR... → one table on stdout (walk / up / down / static,
// percent), then where each group's windows went (the confusion, percent of the true group). --on scores every run on
// that dataset's validation subjects instead (e.g. the dataset it was trained on).
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { createRng } from '../src/core/random.js';
import { resolveDataDir } from '../src/io/data-dir.js';
import { toActivityGroups } from '../src/scl/classification.js';
import { randomRotations, rotateWindows } from '../src/scl/transforms.js';
import { loadImuCorpus, type ImuDataset } from '../src/training/imu-corpus.js';
import { deviceError } from '../src/training/imu-realism.js';
import { argmaxRows, loadOnnxModel } from '../src/training/onnx-model.js';

const dataDir = resolveDataDir();
const ROTATIONS = 2;
const args = process.argv.slice(2);
const on = args[0] === '--on' ? (args.splice(0, 2)[1] as ImuDataset) : undefined;
const NAMES = ['walk', 'up', 'down', 'static'];
const rows = ['| run | scored on | walk | upstairs | downstairs | static | all |', '|' + ' --- |'.repeat(7)];
const moved = ['| run | scored on | true → predicted (% of the true group) |', '|' + ' --- |'.repeat(3)];
for (const dir of args) {
  const r = JSON.parse(await readFile(join(dir, 'results.json'), 'utf8'));
  const other = on ?? (basename(dir).startsWith('lodo-uci') ? 'motionsense' : 'uci');
  const set = await loadImuCorpus(dataDir, 'val', r.task, [other]);
  const { count: n, channels: C, samples: S } = set;
  const groups = toActivityGroups(set.y);
  const rng = createRng(4242);
  const x = set.x.slice();
  for (let w = 0; w < n; w++) deviceError(x.subarray(w * C * S, (w + 1) * C * S), C, S, rng);
  const enc = await loadOnnxModel(join(dir, r.onnx.file));
  const hit = [0, 0, 0, 0];
  const total = [0, 0, 0, 0];
  const confusion = NAMES.map(() => [0, 0, 0, 0]);
  for (let k = 0; k < ROTATIONS; k++) {
    const out = await enc.run(rotateWindows(x, n, { frames: S, channels: C, layout: 'planar' }, randomRotations(rng, n)), n);
    const pred = argmaxRows(out.groupLogits!, 4);
    for (let w = 0; w < n; w++) {
      total[groups[w]!]!++;
      confusion[groups[w]!]![pred[w]!]!++;
      if (pred[w] === groups[w]) hit[groups[w]!]!++;
    }
  }
  await enc.release();
  const pct = (h: number, t: number) => (t ? ((100 * h) / t).toFixed(1) : '–');
  const all = pct(
    hit.reduce((a, b) => a + b, 0),
    total.reduce((a, b) => a + b, 0),
  );
  rows.push(`| ${basename(dir)} | ${other} | ${hit.map((h, g) => pct(h, total[g]!)).join(' | ')} | ${all} |`);
  const to = confusion.map((c, g) => `${NAMES[g]}: ${c.map((v, p) => `${NAMES[p]} ${pct(v, total[g]!)}`).join(', ')}`);
  moved.push(`| ${basename(dir)} | ${other} | ${to.join('; ')} |`);
}
console.log(rows.join('\n') + '\n\n' + moved.join('\n'));
