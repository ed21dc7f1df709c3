// How stable the beat-aligned crop (`scl-wear train --align`) is under the SCL shift, on the
// TRAINING records (MIT-BIH DS1) only: for windows evenly spaced in each record, each cut again
// at 20 shifts across one local cardiac cycle (the grid of the ECG card), where the crop starts
// in the record compared with the unshifted window's crop, and how much the crop's scale differs
// (the window is z-scored over its 4 s before the crop). Prints a Markdown table.
// npx tsx scripts/align-stability.ts [--per-record N] [--search N --length N]
import * as tf from '@tensorflow/tfjs';
import { resolveDataDir } from '../src/io/data-dir.js';
import { ALIGN_DEFAULTS, alignStarts } from '../src/training/align-crop.js';
import { ECG_WINDOW, loadEcgSplit } from '../src/training/ecg-data.js';
import { ecgCycle, ecgInput } from '../src/training/ecg-task.js';
import { useTrainingBackend } from '../src/training/tf/backend.js';

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};
const perRecord = arg('per-record', 20);
const SHIFTS = 21;
const W = ECG_WINDOW;
const a = { ...ALIGN_DEFAULTS, search: arg('search', ALIGN_DEFAULTS.search), length: arg('length', ALIGN_DEFAULTS.length) };

await useTrainingBackend('wasm');
const records = await loadEcgSplit(resolveDataDir(undefined), 'DS1');
let pairs = 0;
let same = 0;
let near = 0;
let oneBeat = 0;
const scale: number[] = [];
for (const rec of records) {
  const last = rec.signal.length - 3 * W;
  for (let w = 0; w < perRecord; w++) {
    const start = Math.round(W + (w * last) / perRecord);
    const cycle = ecgCycle(rec, start, W);
    const x = new Float32Array(SHIFTS * W);
    const shifts = Array.from({ length: SHIFTS }, (_, i) => Math.round((i * cycle) / (SHIFTS - 1)));
    shifts.forEach((s, i) => ecgInput(rec, start, s, W, x, i * W));
    const at = Array.from(tf.tidy(() => alignStarts(a, tf.tensor3d(x, [SHIFTS, 1, W])).dataSync()));
    const ref = start + at[0]!;
    for (let i = 1; i < SHIFTS; i++) {
      const d = Math.abs(start + shifts[i]! + at[i]! - ref);
      pairs++;
      if (d === 0) same++;
      else if (d <= 3) near++;
      else if (Math.abs(d - cycle) <= 0.25 * cycle) oneBeat++;
      if (d === 0) {
        // The same record samples in both crops: the ratio of their values is the ratio of the windows' scales.
        const [p, q] = [x[at[0]! + 5]!, x[i * W + at[i]! + 5]!];
        const [u, v] = [x[at[0]! + a.before]!, x[i * W + at[i]! + a.before]!];
        if (Math.abs(u - p) > 1e-3) scale.push(Math.abs((v - q) / (u - p)));
      }
    }
  }
}
scale.sort((p, q) => p - q);
const pct = (n: number) => `${((100 * n) / pairs).toFixed(1)} %`;
const q = (f: number) => scale[Math.floor(f * (scale.length - 1))]!.toFixed(3);
console.log(
  `| DS1 (${records.length} records, ${perRecord} windows each, ${SHIFTS - 1} shifts over one cycle), search ${a.search}, crop ${a.length} | share of (window, shift) pairs |`,
);
console.log('| --- | ---: |');
console.log(`| crop starts at the same record sample | ${pct(same)} |`);
console.log(`| 1–3 samples apart | ${pct(near)} |`);
console.log(`| about one cycle apart (±25 %) | ${pct(oneBeat)} |`);
console.log(`| elsewhere | ${pct(pairs - same - near - oneBeat)} |`);
console.log(
  `\nSame start: scale ratio of the two crops (shifted / unshifted), 5th / 50th / 95th percentile: ${q(0.05)} / ${q(0.5)} / ${q(0.95)} (${scale.length} pairs).`,
);
