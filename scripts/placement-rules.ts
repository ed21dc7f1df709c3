// Chooses the placement rule (waist or pocket from the walking swing, see src/model/placement.ts)
// on TRAINING and VALIDATION subjects only (never the test subjects), with the per-session
// procedure of the cross evaluation: sensor error, one random rotation per session (two draws),
// the windows the model calls locomotion (groups 0-2), as recorded at 50 Hz and through a 20 Hz
// device (50 → 20 → 50 Hz). For each candidate feature, the threshold on the median swing of the
// first N s of walking that gets the most sessions right (mean of the two datasets' shares; the
// middle of the best run). Also: thresholds per gait, and level walking preferred.
// npx tsx scripts/placement-rules.ts [MODEL.onnx] [--task imu|acc]
import { createRng } from '../src/core/random.js';
import { resolveDataDir } from '../src/io/data-dir.js';
import { PLACEMENT_RULE, windowSwing } from '../src/model/placement.js';
import { rotatedSession } from '../src/training/eval-self-calibration.js';
import { loadImuCorpus, type ImuDataset } from '../src/training/imu-corpus.js';
import { deviceError, throughRate } from '../src/training/imu-realism.js';
import { argmaxRows, loadOnnxModel } from '../src/training/onnx-model.js';

const args = process.argv.slice(2);
const taskAt = args.indexOf('--task');
const task = (taskAt >= 0 ? args.splice(taskAt, 2)[1] : 'acc') as 'imu' | 'acc';
const modelPath = args[0] ?? `models/${task}.onnx`;
const HOP = 1.28;
/** Candidate features of one planar window (50 Hz, acceleration in channels 0-2). */
const dynamicRatio = (x: Float32Array, C: number, S: number) => {
  const m = [0, 1, 2].map((c) => x.subarray(c * S, (c + 1) * S).reduce((a, b) => a + b, 0) / S);
  let s = 0;
  for (let t = 0; t < S; t++) s += (x[t]! - m[0]!) ** 2 + (x[S + t]! - m[1]!) ** 2 + (x[2 * S + t]! - m[2]!) ** 2;
  return Math.sqrt(s / S) / Math.hypot(m[0]!, m[1]!, m[2]!);
};
const gyroRms = (x: Float32Array, C: number, S: number) => {
  if (C < 6) return NaN;
  let s = 0;
  for (let t = 0; t < S; t++) s += x[3 * S + t]! ** 2 + x[4 * S + t]! ** 2 + x[5 * S + t]! ** 2;
  return Math.sqrt(s / S);
};
const RULE_FEATURE = `angle RMS, low-pass ${PLACEMENT_RULE.smoothSeconds} s (°)`;
const FEATURES: Record<string, (x: Float32Array, C: number, S: number) => number> = {
  [RULE_FEATURE]: (x, C, S) => windowSwing(x, S, C, 50, true),
  ...Object.fromEntries(
    [0, 0.1, 0.25, 0.5]
      .filter((sm) => sm !== PLACEMENT_RULE.smoothSeconds)
      .map((sm) => [`angle RMS, low-pass ${sm} s (°)`, (x: Float32Array, C: number, S: number) => windowSwing(x, S, C, 50, true, sm)]),
  ),
  'dynamic / mean acceleration, RMS (×100)': (x, C, S) => 100 * dynamicRatio(x, C, S),
  'geometric mean of the angle RMS (0 s) and the dynamic ratio': (x, C, S) =>
    Math.sqrt(windowSwing(x, S, C, 50, true, 0) * 100 * dynamicRatio(x, C, S)),
  ...(task === 'imu' ? { 'gyro magnitude, RMS (rad/s ×10)': (x: Float32Array, C: number, S: number) => 10 * gyroRms(x, C, S) } : {}),
};
const NAMES = Object.keys(FEATURES);
const DRAWS = 2;
const DATASETS: ImuDataset[] = ['uci', 'motionsense'];

/** One session as the detector sees it: per window, whether the model calls it locomotion, and its swing per low-pass length. */
interface Session {
  dataset: ImuDataset;
  rate: 50 | 20;
  loco: boolean[];
  gait: number[]; // the model's group per window: 0 walking, 1 upstairs, 2 downstairs, 3 static
  swing: number[][]; // [feature][window]
}

const enc = await loadOnnxModel(modelPath);
const data: Session[] = [];
for (const split of ['train', 'val'] as const)
  for (const d of DATASETS) {
    const set = await loadImuCorpus(resolveDataDir(), split, task, [d]);
    const { count: n, channels: C, samples: S } = set;
    const rng = createRng(split === 'train' ? 21 : 22);
    for (let draw = 0; draw < DRAWS; draw++) {
      const xe = set.x.slice();
      for (let w = 0; w < n; w++) deviceError(xe.subarray(w * C * S, (w + 1) * C * S), C, S, rng);
      for (const s of [...new Set(set.session)].sort((a, b) => a - b)) {
        const { members, xr, groupLogits } = await rotatedSession(enc, set, xe, s, rng);
        const m = members.length;
        const low = throughRate(xr, m, C, S, 20);
        const lowGroups = argmaxRows((await enc.run(low, m)).groupLogits!, 4);
        for (const [rate, x, groups] of [
          [50, xr, argmaxRows(groupLogits, 4)],
          [20, low, lowGroups],
        ] as const)
          data.push({
            dataset: d,
            rate,
            loco: Array.from(groups, (g) => g <= 2),
            gait: Array.from(groups),
            swing: NAMES.map((name) => Array.from({ length: m }, (_, i) => FEATURES[name]!(x.subarray(i * C * S, (i + 1) * C * S), C, S))),
          });
      }
    }
  }
await enc.release();

const median = (v: number[]) => {
  const s = v.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2) : NaN;
};
/** The decision feature of a session: median swing of its first `seconds` of locomotion (NaN: fewer). */
function feature(s: Session, k: number, seconds: number): number {
  const v: number[] = [];
  for (let i = 0; i < s.loco.length && v.length * HOP < seconds - 1e-9; i++) if (s.loco[i]) v.push(s.swing[k]![i]!);
  return v.length * HOP >= seconds - 1e-9 ? median(v) : NaN;
}
/** Every disjoint block of `seconds` of locomotion in a session (a later walk decides too). */
function blocks(s: Session, k: number, seconds: number): number[] {
  const out: number[] = [];
  let v: number[] = [];
  for (let i = 0; i < s.loco.length; i++) {
    if (!s.loco[i]) continue;
    v.push(s.swing[k]![i]!);
    if (v.length * HOP < seconds - 1e-9) continue;
    out.push(median(v));
    v = [];
  }
  return out;
}
const q = (v: number[], p: number) => {
  const s = v.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? s[Math.round(p * (s.length - 1))]! : NaN;
};
const f1 = (v: number) => v.toFixed(1);
type Rows = { dataset: ImuDataset; v: number }[];
/** Per-dataset share right (a NaN feature is undecided: wrong), and their mean. */
function score(rows: Rows, t: number): { uci: number; motionsense: number; mean: number } {
  const share = (d: ImuDataset) => {
    const r = rows.filter((x) => x.dataset === d);
    return (100 * r.filter((x) => (d === 'motionsense' ? x.v > t : x.v <= t)).length) / r.length;
  };
  const uci = share('uci');
  const motionsense = share('motionsense');
  return { uci, motionsense, mean: (uci + motionsense) / 2 };
}
function fit(rows: Rows): number {
  const grid = Array.from({ length: 601 }, (_, i) => i * 0.1);
  const s = grid.map((t) => score(rows, t).mean);
  const top = Math.max(...s);
  const ties = grid.filter((_, i) => s[i] === top);
  return Math.round(ties[Math.floor(ties.length / 2)]! * 10) / 10;
}
const rowsOf = (k: number, seconds: number, rate?: number) =>
  data.filter((s) => rate === undefined || s.rate === rate).map((s) => ({ dataset: s.dataset, v: feature(s, k, seconds) }));
const blockRows = (k: number, seconds: number) => data.flatMap((s) => blocks(s, k, seconds).map((v) => ({ dataset: s.dataset, v })));

const sessions = (d: ImuDataset) => data.filter((s) => s.dataset === d && s.rate === 50).length / DRAWS;
console.log(
  `Model ${modelPath} (task ${task}): the windows it calls locomotion (groups 0-2) decide. Training + validation subjects: UCI HAR ${sessions('uci')} sessions (waist), MotionSense ${sessions('motionsense')} (pocket); each session ${DRAWS} draws of sensor error and rotation, at 50 Hz and through a 20 Hz device (${data.length} session runs).\n`,
);
console.log(`### Swing of single locomotion windows (degrees): 5th / 50th / 95th percentile\n`);
console.log('| feature | ' + DATASETS.map((d) => `${d} 50 Hz | ${d} 20 Hz`).join(' | ') + ' |');
console.log('|' + ' --- |'.repeat(1 + 2 * DATASETS.length));
for (const [k, sm] of NAMES.entries())
  console.log(
    `| ${sm} | ` +
      DATASETS.flatMap((d) =>
        [50, 20].map((rate) => {
          const v = data.filter((s) => s.dataset === d && s.rate === rate).flatMap((s) => s.swing[k]!.filter((_, i) => s.loco[i]));
          return `${f1(q(v, 0.05))} / ${f1(q(v, 0.5))} / ${f1(q(v, 0.95))}`;
        }),
      ).join(' | ') +
      ' |',
  );
for (const seconds of [10, 15, 20]) {
  console.log(`\n### Decision after ${seconds} s of walking: median swing per session run (degrees), threshold fitted on all runs\n`);
  console.log(
    '| feature | UCI HAR min / 50th / max | MotionSense min / 50th / max | undecided runs (uci / ms) | pocket above | right: UCI HAR / MotionSense (%) | the same at 20 Hz only | every disjoint block of walking |',
  );
  console.log('|' + ' --- |'.repeat(8));
  for (const [k, sm] of NAMES.entries()) {
    const rows = rowsOf(k, seconds);
    const t = fit(rows);
    const v = (d: ImuDataset) => rows.filter((r) => r.dataset === d).map((r) => r.v);
    const und = (d: ImuDataset) => v(d).filter((x) => !Number.isFinite(x)).length;
    const r = score(rows, t);
    const r20 = score(rowsOf(k, seconds, 20), t);
    const b = score(blockRows(k, seconds), t);
    console.log(
      `| ${sm} | ${f1(q(v('uci'), 0))} / ${f1(q(v('uci'), 0.5))} / ${f1(q(v('uci'), 1))} | ${f1(q(v('motionsense'), 0))} / ${f1(q(v('motionsense'), 0.5))} / ${f1(q(v('motionsense'), 1))} | ${und('uci')} / ${und('motionsense')} | ${t} | ${f1(r.uci)} / ${f1(r.motionsense)} | ${f1(r20.uci)} / ${f1(r20.motionsense)} | ${f1(b.uci)} / ${f1(b.motionsense)} |`,
    );
  }
}
// Per gait: the swing of single windows by the model's group, and a rule with one threshold per
// gait (fitted on single windows: the most windows right, mean of the two datasets' shares),
// deciding on the median of swing / threshold over the first N s of walking.
const GAITS = ['walking', 'upstairs', 'downstairs'];
console.log(`\n### Swing of single windows by the model's group (degrees): 5th / 50th / 95th percentile, both rates\n`);
console.log(
  '| feature | ' + GAITS.flatMap((g) => DATASETS.map((d) => `${g}, ${d}`)).join(' | ') + ' | thresholds per gait (pocket above) |',
);
console.log('|' + ' --- |'.repeat(2 + GAITS.length * DATASETS.length));
const perGait: number[][] = [];
for (const [k, name] of NAMES.entries()) {
  const win = (g: number) => data.flatMap((s) => s.swing[k]!.flatMap((v, i) => (s.gait[i] === g ? [{ dataset: s.dataset, v }] : [])));
  perGait[k] = GAITS.map((_, g) => fit(win(g)));
  console.log(
    `| ${name} | ` +
      GAITS.flatMap((_, g) =>
        DATASETS.map((d) => {
          const v = win(g)
            .filter((r) => r.dataset === d)
            .map((r) => r.v);
          return `${f1(q(v, 0.05))} / ${f1(q(v, 0.5))} / ${f1(q(v, 0.95))}`;
        }),
      ).join(' | ') +
      ` | ${perGait[k].join(' / ')} |`,
  );
}
for (const seconds of [PLACEMENT_RULE.walkingSeconds]) {
  console.log(`\n### Per-gait thresholds, decision after ${seconds} s of walking: median of swing / its gait's threshold > 1\n`);
  console.log(
    '| feature | UCI HAR min / 50th / max | MotionSense min / 50th / max | right: UCI HAR / MotionSense (%) | the same at 20 Hz only | every disjoint block |',
  );
  console.log('|' + ' --- |'.repeat(6));
  for (const [k, name] of NAMES.entries()) {
    const ratio = data.map((s) => ({ ...s, swing: [s.swing[k]!.map((v, i) => (s.gait[i]! <= 2 ? v / perGait[k]![s.gait[i]!]! : NaN))] }));
    const rows = ratio.map((s) => ({ dataset: s.dataset, v: feature(s, 0, seconds) }));
    const v = (d: ImuDataset) => rows.filter((r) => r.dataset === d).map((r) => r.v);
    const r = score(rows, 1);
    const r20 = score(
      ratio.filter((s) => s.rate === 20).map((s) => ({ dataset: s.dataset, v: feature(s, 0, seconds) })),
      1,
    );
    const b = score(
      ratio.flatMap((s) => blocks(s, 0, seconds).map((x) => ({ dataset: s.dataset, v: x }))),
      1,
    );
    console.log(
      `| ${name} | ${q(v('uci'), 0).toFixed(2)} / ${q(v('uci'), 0.5).toFixed(2)} / ${q(v('uci'), 1).toFixed(2)} | ${q(v('motionsense'), 0).toFixed(2)} / ${q(v('motionsense'), 0.5).toFixed(2)} / ${q(v('motionsense'), 1).toFixed(2)} | ${f1(r.uci)} / ${f1(r.motionsense)} | ${f1(r20.uci)} / ${f1(r20.motionsense)} | ${f1(b.uci)} / ${f1(b.motionsense)} |`,
    );
  }
}
// Level walking first: the first `seconds` of windows the model calls level walking; where the
// session has had `fallback` s of locomotion before that, the locomotion so far.
function levelFirst(s: Session, k: number, seconds: number, fallback: number): number {
  const level: number[] = [];
  const loco: number[] = [];
  for (let i = 0; i < s.gait.length; i++) {
    if (s.gait[i]! > 2) continue;
    loco.push(s.swing[k]![i]!);
    if (s.gait[i] === 0) level.push(s.swing[k]![i]!);
    if (level.length * HOP >= seconds - 1e-9) return median(level);
    if (loco.length * HOP >= fallback - 1e-9) return median(loco);
  }
  return NaN;
}
console.log(
  `\n### Level walking first: the first ${PLACEMENT_RULE.walkingSeconds} s of level walking, else all locomotion once there were 30 s of it\n`,
);
console.log('| feature | pocket above | right: UCI HAR / MotionSense (%) | the same at 20 Hz only |');
console.log('|' + ' --- |'.repeat(4));
for (const [j, name] of NAMES.entries()) {
  const rowsAt = (rate?: number) =>
    data
      .filter((x) => rate === undefined || x.rate === rate)
      .map((x) => ({ dataset: x.dataset, v: levelFirst(x, j, PLACEMENT_RULE.walkingSeconds, 30) }));
  const t = fit(rowsAt());
  const all = score(rowsAt(), t);
  const low = score(rowsAt(20), t);
  console.log(`| ${name} | ${t} | ${f1(all.uci)} / ${f1(all.motionsense)} | ${f1(low.uci)} / ${f1(low.motionsense)} |`);
}
const k = NAMES.indexOf(RULE_FEATURE);
const rows = rowsOf(k, PLACEMENT_RULE.walkingSeconds);
const r = score(rows, PLACEMENT_RULE.pocketAbove);
const b = score(blockRows(k, PLACEMENT_RULE.walkingSeconds), PLACEMENT_RULE.pocketAbove);
console.log(
  `\nThe shipped rule (\`PLACEMENT_RULE\`: low-pass ${PLACEMENT_RULE.smoothSeconds} s, pocket above ${PLACEMENT_RULE.pocketAbove}°, after ${PLACEMENT_RULE.walkingSeconds} s of walking): session runs right UCI HAR ${f1(r.uci)} %, MotionSense ${f1(r.motionsense)} % (undecided runs count as wrong); every disjoint block of walking ${f1(b.uci)} / ${f1(b.motionsense)} %.`,
);
