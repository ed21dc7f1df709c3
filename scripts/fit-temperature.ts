// Fits the softmax temperatures of an IMU model on validation subjects (classes, groups, and the
// group temperature per placement) and writes them:
//   npx tsx scripts/fit-temperature.ts RUN_DIR        → RUN_DIR/results.json
//   npx tsx scripts/fit-temperature.ts --model NAME   → models/manifest.json and models/NAME.results.json
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { resolveDataDir } from '../src/io/data-dir.js';
import { fitImuTemperatures } from '../src/training/evaluate-cross.js';
import { loadImuCorpus } from '../src/training/imu-corpus.js';
import { loadOnnxModel } from '../src/training/onnx-model.js';

const args = process.argv.slice(2);
const model = args[0] === '--model' ? args[1]! : undefined;
const path = model ? `models/${model}.results.json` : join(args[0]!, 'results.json');
const r = JSON.parse(await readFile(path, 'utf8'));
const manifest = model ? JSON.parse(await readFile('models/manifest.json', 'utf8')) : undefined;
const enc = await loadOnnxModel(model ? join('models', manifest.models[model].file) : join(args[0]!, r.onnx.file));
r.temperature = await fitImuTemperatures(enc, await loadImuCorpus(resolveDataDir(), 'val', r.task, r.options.datasets), r.referenceUp);
await enc.release();
await writeFile(path, JSON.stringify(r, null, 2) + '\n');
if (model) {
  manifest.models[model].temperature = r.temperature;
  await writeFile('models/manifest.json', JSON.stringify(manifest, null, 2) + '\n');
}
console.log(r.temperature);
