// Scores IMU runs on the VALIDATION subjects (never the test subjects), to choose a loss weight:
// npx tsx scripts/imu-validation.ts RUN_DIR... → RUN_DIR/val.json and one table on stdout.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { resolveDataDir } from '../src/io/data-dir.js';
import { evaluateImuDataset, type DatasetFigures } from '../src/training/eval-imu-cross.js';
import { loadImuCorpus, type ImuDataset } from '../src/training/imu-corpus.js';
import { loadOnnxModel } from '../src/training/onnx-model.js';

const dataDir = resolveDataDir();
const PLACEMENT = { uci: 'waist', motionsense: 'pocket' } as const;
const rows = [
  '| run | dataset | windows | groupAccRotated | consistencyMean | acc6Calibrated | probeVarCos | probeInvR2 |',
  '|' + ' --- |'.repeat(8),
];
for (const dir of process.argv.slice(2)) {
  const file = join(dir, 'val.json');
  let figures: Partial<Record<ImuDataset, DatasetFigures>>;
  if (existsSync(file)) figures = JSON.parse(await readFile(file, 'utf8'));
  else {
    const r = JSON.parse(await readFile(join(dir, 'results.json'), 'utf8'));
    const enc = await loadOnnxModel(join(dir, r.onnx.file));
    figures = {};
    for (const d of ['uci', 'motionsense'] as const) {
      const set = await loadImuCorpus(dataDir, 'val', r.task, [d]);
      figures[d] = await evaluateImuDataset(enc, set, { placement: PLACEMENT[d], up: r.referenceUp, rotations: 2, sixClass: d === 'uci' });
    }
    await enc.release();
    await writeFile(file, JSON.stringify(figures, null, 2) + '\n');
  }
  for (const [d, f] of Object.entries(figures))
    rows.push(
      `| ${basename(dir)} | ${d} | ${f.windows} | ${f.groupAccRotated} | ${f.consistencyMean} | ${f.acc6Calibrated ?? '–'} | ${f.probe.var.cosine} | ${f.probe.inv.r2} |`,
    );
}
console.log(rows.join('\n'));
