// Compares ways of fitting the group temperature of an IMU model, on VALIDATION subjects only:
// pooled NLL over both datasets, each dataset alone, and the temperature that minimises the worst
// dataset's NLL or ECE. npx tsx scripts/temperature-rules.ts MODEL.onnx [--task imu|acc]
import { randomRotationAbout } from '../src/core/rotation.js';
import { resolveDataDir } from '../src/io/data-dir.js';
import { rotateWindows } from '../src/scl/transforms.js';
import { toActivityGroups } from '../src/scl/classification.js';
import { expectedCalibrationError, nll, softmaxRows } from '../src/training/calibration-metrics.js';
import { rotatedValidation } from '../src/training/evaluate-cross.js';
import { loadImuCorpus } from '../src/training/imu-corpus.js';
import { loadOnnxModel } from '../src/training/onnx-model.js';

const args = process.argv.slice(2);
const taskAt = args.indexOf('--task');
const task = (taskAt >= 0 ? args.splice(taskAt, 2)[1] : 'imu') as 'imu' | 'acc';
const enc = await loadOnnxModel(args[0]!);
const up = JSON.parse(enc.metadata.reference_up!) as number[];
const val = await loadImuCorpus(resolveDataDir(), 'val', task);
const { channels: C, samples: S } = val;
const shape = { frames: S, channels: C, layout: 'planar' } as const;
const { rng, xe, rot } = await rotatedValidation(enc, val);
const gy = toActivityGroups(val.y);
const pick = (d: number) => {
  const rows = [...val.y.keys()].filter((w) => val.dataset[w] === d);
  const logits = new Float32Array(rows.length * 4);
  rows.forEach((w, i) => logits.set(rot.groupLogits!.subarray(w * 4, w * 4 + 4), i * 4));
  return { logits, y: rows.map((w) => gy[w]!) };
};
const parts = val.datasets.map((_, d) => pick(d));
const grid = Array.from({ length: 101 }, (_, i) => Math.round(2 ** (-2 + i * 0.05) * 1000) / 1000);
const ece = (p: { logits: Float32Array; y: number[] }, t: number, k = 4) => expectedCalibrationError(softmaxRows(p.logits, k, t), k, p.y);
const argmin = (f: (t: number) => number) => grid.reduce((a, t) => (f(t) < f(a) ? t : a), grid[0]!);
const rules: Record<string, number> = {
  'pooled NLL (current)': argmin((t) => nll(rot.groupLogits!, 4, gy, t)),
  ...Object.fromEntries(val.datasets.map((name, d) => [`${name} NLL alone`, argmin((t) => nll(parts[d]!.logits, 4, parts[d]!.y, t))])),
  'worst dataset NLL': argmin((t) => Math.max(...parts.map((p) => nll(p.logits, 4, p.y, t)))),
  'worst dataset ECE': argmin((t) => Math.max(...parts.map((p) => ece(p, t)))),
  'no temperature': 1,
};
console.log(`${args[0]} — group temperature, validation subjects (ECE %, NLL per dataset: ${val.datasets.join(' / ')})`);
for (const [name, t] of Object.entries(rules))
  console.log(
    `${name.padEnd(22)} T = ${t.toFixed(3)}  ECE ${parts.map((p) => (100 * ece(p, t)).toFixed(2)).join(' / ')}  NLL ${parts.map((p) => nll(p.logits, 4, p.y, t).toFixed(4)).join(' / ')}`,
  );
const uci = val.datasets.indexOf('uci');
const keep = [...val.y.keys()].filter((w) => val.dataset[w] === uci);
const yaw = new Float64Array(keep.length * 9);
for (let i = 0; i < keep.length; i++) randomRotationAbout(up, rng, yaw.subarray(i * 9, i * 9 + 9));
const xu = new Float32Array(keep.length * C * S);
keep.forEach((w, i) => xu.set(xe.subarray(w * C * S, (w + 1) * C * S), i * C * S));
const cls = { logits: (await enc.run(rotateWindows(xu, keep.length, shape, yaw), keep.length)).logits!, y: keep.map((w) => val.y[w]!) };
await enc.release();
const tn = argmin((t) => nll(cls.logits, 6, cls.y, t));
const te = argmin((t) => ece(cls, t, 6));
for (const [name, t] of [
  ['class NLL (current)', tn],
  ['class ECE', te],
  ['no temperature', 1],
] as const)
  console.log(
    `${name.padEnd(22)} T = ${t.toFixed(3)}  6-class ECE ${(100 * ece(cls, t, 6)).toFixed(2)}  NLL ${nll(cls.logits, 6, cls.y, t).toFixed(4)}`,
  );
