// Adds the softmax temperatures (fitted on validation subjects) to a multi-dataset IMU run's
// results.json, for runs trained before `scl-wear train` did it: npx tsx scripts/fit-temperature.ts RUN_DIR
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { resolveDataDir } from '../src/io/data-dir.js';
import { fitImuTemperatures } from '../src/training/evaluate-cross.js';
import { loadImuCorpus } from '../src/training/imu-corpus.js';
import { loadOnnxModel } from '../src/training/onnx-model.js';

const dir = process.argv[2]!;
const path = join(dir, 'results.json');
const r = JSON.parse(await readFile(path, 'utf8'));
const enc = await loadOnnxModel(join(dir, r.onnx.file));
r.temperature = await fitImuTemperatures(enc, await loadImuCorpus(resolveDataDir(), 'val', r.task, r.options.datasets), r.referenceUp);
await enc.release();
await writeFile(path, JSON.stringify(r, null, 2) + '\n');
console.log(r.temperature);
