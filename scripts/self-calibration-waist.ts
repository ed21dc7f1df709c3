// Where self-calibration at the waist goes wrong, on TRAINING and VALIDATION subjects only (never
// the test subjects): per session the error of the learnt vertical against the session's true
// standing vertical (mean gravity direction of its standing windows), how it depends on how much
// walking was averaged, the sit/stand/lay confusion, and how the tilt distributions of sitting
// and standing overlap against the learnt and the true vertical.
// npx tsx scripts/self-calibration-waist.ts [MODEL.onnx] [--task imu|acc] [--dataset uci|motionsense]
import { resolveDataDir } from '../src/io/data-dir.js';
import { POSTURE_TILT, POSTURES } from '../src/model/self-calibration.js';
import { loadOnnxModel } from '../src/training/onnx-model.js';
import { selfCalibrationSessions, type SessionWindow } from '../src/training/self-calibration-sessions.js';

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args.splice(i, 2)[1] : undefined;
};
const task = (opt('task') ?? 'acc') as 'imu' | 'acc';
const dataset = (opt('dataset') ?? 'uci') as 'uci' | 'motionsense';
const modelPath = args[0] ?? `models/${task}.onnx`;
const HOP = 1.28;
type V = [number, number, number];

const argmax = (p: number[]) => p.indexOf(Math.max(...p));
const unit = (s: number[]): V | undefined => {
  const n = Math.hypot(s[0]!, s[1]!, s[2]!);
  return n > 0 ? [s[0]! / n, s[1]! / n, s[2]! / n] : undefined;
};
const angle = (a: readonly number[], b: readonly number[]) =>
  (Math.acos(Math.max(-1, Math.min(1, a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!))) * 180) / Math.PI;
const meanDir = (ws: SessionWindow[]) => unit([0, 1, 2].map((c) => ws.reduce((a, w) => a + w.g[c]!, 0)));
const f1 = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '–');
const pctl = (xs: number[], q: number) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))]! : NaN;
};

/** Windows the model calls level walking, else (fewer than 20 s of it) walking on the level or stairs. */
function walkingWindows(s: SessionWindow[]): SessionWindow[] {
  const level = s.filter((w) => argmax(w.p) === 0);
  return level.length * HOP >= 20 - 1e-9 ? level : s.filter((w) => argmax(w.p) <= 2);
}

/** Session → vertical rules. */
const firstSeconds = (t: number) => (s: SessionWindow[]) => {
  const w = walkingWindows(s);
  return w.length * HOP >= 20 - 1e-9 ? meanDir(w.slice(0, Math.max(1, Math.round(t / HOP)))) : undefined;
};
const lastSeconds = (t: number) => (s: SessionWindow[]) => {
  const w = walkingWindows(s);
  return w.length * HOP >= 20 - 1e-9 ? meanDir(w.slice(-Math.round(t / HOP))) : undefined;
};
/** Running mean of all walking; after the first 20 s, windows farther than `deg` from the estimate are rejected. */
const robust = (deg: number) => (s: SessionWindow[]) => {
  const w = walkingWindows(s);
  if (w.length * HOP < 20 - 1e-9) return undefined;
  const n0 = Math.round(20 / HOP);
  const sum = [0, 0, 0];
  w.forEach((x, i) => {
    const v = unit(sum);
    if (i < n0 || !v || angle(x.g, v) <= deg) for (let c = 0; c < 3; c++) sum[c]! += x.g[c]!;
  });
  return unit(sum);
};
const RULES: Record<string, (s: SessionWindow[]) => V | undefined> = {
  'first 20 s (evaluation now)': firstSeconds(20),
  'first 30 s': firstSeconds(30),
  'first 40 s': firstSeconds(40),
  'first 60 s': firstSeconds(60),
  'last 20 s (classify after the walk)': lastSeconds(20),
  'all walking (running mean)': firstSeconds(1e9),
  'all walking, reject > 30°': robust(30),
  'all walking, reject > 20°': robust(20),
  'all walking, reject > 15°': robust(15),
};

const posture = (tilt: number, t: { standBelow: number; layAbove: number }) =>
  tilt > t.layAbove ? POSTURES.LAYING : tilt < t.standBelow ? POSTURES.STANDING : POSTURES.SITTING;
const CURRENT =
  dataset === 'uci' ? { ...POSTURE_TILT.waist } : { standBelow: POSTURE_TILT.pocket.standBelow as number, layAbove: Infinity };

const enc = await loadOnnxModel(modelPath);
const data = {
  train: await selfCalibrationSessions(enc, resolveDataDir(), 'train', task, dataset),
  val: await selfCalibrationSessions(enc, resolveDataDir(), 'val', task, dataset),
};
await enc.release();
console.log(`# ${modelPath} (${task}), ${dataset}: training and validation subjects\n`);

// 1. Per session: walking, vertical errors, confusion with the evaluation's rule.
console.log('## Per session\n');
console.log(
  'Walking by labels and as the model calls it (s), error of the vertical against the true standing vertical (°) per rule, still windows the head calls static, and sit/stand/lay confusion (rows true sit, stand, lay; columns sit, stand, lay, not static) with the first 20 s and the current thresholds.\n',
);
const names = Object.keys(RULES);
console.log(`| split | session | walk (labels) | walk (model) | ${names.map((n) => `err ${n}`).join(' | ')} | static | confusion |`);
console.log('|' + ' --- |'.repeat(6 + names.length));
const errs: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
const misses: Record<string, Record<string, number>> = { train: {}, val: {} };
for (const [split, sessions] of Object.entries(data))
  sessions.forEach((s, k) => {
    const stand = meanDir(s.filter((w) => w.y === POSTURES.STANDING));
    const still = s.filter((w) => w.y >= 3);
    if (!stand || still.length === 0) return;
    const e = names.map((n) => {
      const v = RULES[n]!(s);
      const err = v ? angle(v, stand) : NaN;
      errs[n]!.push(err);
      return err;
    });
    const v = RULES[names[0]!]!(s);
    const conf = [3, 4, 5].map((y) => {
      const row = [0, 0, 0, 0];
      for (const w of still.filter((x) => x.y === y)) {
        const got = argmax(w.p) !== 3 || !v ? 3 : posture(angle(w.g, v), CURRENT) - 3;
        row[got]!++;
        const key =
          got === y - 3
            ? 'right'
            : `${['sitting', 'standing', 'laying'][y - 3]} as ${['sitting', 'standing', 'laying', 'not static'][got]}`;
        misses[split]![key] = (misses[split]![key] ?? 0) + 1;
      }
      return row.join('/');
    });
    const walkLabels = s.filter((w) => w.y === 0).length * HOP;
    const walkModel = s.filter((w) => argmax(w.p) === 0).length * HOP;
    const staticShare = (100 * still.filter((w) => argmax(w.p) === 3).length) / still.length;
    console.log(
      `| ${split} | ${k} | ${walkLabels.toFixed(0)} | ${walkModel.toFixed(0)} | ${e.map(f1).join(' | ')} | ${staticShare.toFixed(0)} % | ${conf.join(', ')} |`,
    );
  });

console.log('\nStill windows by outcome (first 20 s, current thresholds):\n');
for (const [split, m] of Object.entries(misses))
  console.log(
    `- ${split}: ${Object.entries(m)
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
  );

// 2. Error of the vertical by rule (how much walking was averaged).
console.log('\n## Error of the vertical against the standing vertical, all sessions (°)\n');
console.log('| rule | median | mean | 90th pct | max |');
console.log('| --- | --- | --- | --- | --- |');
for (const n of names) {
  const e = errs[n]!.filter(Number.isFinite);
  console.log(
    `| ${n} | ${f1(pctl(e, 0.5))} | ${f1(e.reduce((a, b) => a + b, 0) / e.length)} | ${f1(pctl(e, 0.9))} | ${f1(Math.max(...e))} |`,
  );
}

// 3. Tilt distributions of sitting and standing (windows the head calls static), and the best
// achievable posture score, against each vertical, including the true standing vertical.
console.log(
  '\n## Tilt of still windows the head calls static (°): 10th / 50th / 90th percentile, and posture right of all true still windows\n',
);
console.log(
  'Score with the current thresholds and with thresholds fitted on the training subjects (the best a fixed threshold can do there), applied to the validation subjects.\n',
);
const VERTICALS: Record<string, (s: SessionWindow[]) => V | undefined> = {
  ...RULES,
  'true standing vertical (oracle)': (s) => meanDir(s.filter((w) => w.y === POSTURES.STANDING)),
};
console.log(
  '| vertical | split | sitting | standing | laying | stand ≥ sit tilt overlap | current | fitted on train | train, fitted | val (both: train + val), fitted |',
);
console.log('|' + ' --- |'.repeat(10));
for (const [n, rule] of Object.entries(VERTICALS)) {
  const rows = (sessions: SessionWindow[][]) =>
    sessions.flatMap((s) => {
      const v = rule(s);
      return s.filter((w) => w.y >= 3).map((w) => ({ y: w.y, still: argmax(w.p) === 3, tilt: v ? angle(w.g, v) : NaN }));
    });
  const tr = rows(data.train);
  const va = rows(data.val);
  const score = (r: readonly (typeof tr)[number][], t: typeof CURRENT) =>
    (100 * r.filter((x) => x.still && posture(x.tilt, t) === x.y).length) / r.length;
  const grid = Array.from({ length: 180 }, (_, i) => i * 0.5);
  let best = CURRENT;
  let bestScore = -1;
  for (const layAbove of dataset === 'uci' ? grid.filter((g) => g >= 40) : [Infinity])
    for (const standBelow of grid.filter((g) => g < layAbove && g <= 40)) {
      const sc = score(tr, { standBelow, layAbove });
      if (sc > bestScore) [best, bestScore] = [{ standBelow, layAbove }, sc];
    }
  for (const [split, r] of [
    ['train', tr],
    ['val', va],
    ['both', [...tr, ...va]],
  ] as const) {
    const t = (y: number) => r.filter((x) => x.still && x.y === y).map((x) => x.tilt);
    const q = (y: number) => `${f1(pctl(t(y), 0.1))} / ${f1(pctl(t(y), 0.5))} / ${f1(pctl(t(y), 0.9))}`;
    const sitMin = pctl(t(POSTURES.SITTING), 0.1);
    const overlap = (100 * t(POSTURES.STANDING).filter((x) => x >= sitMin).length) / Math.max(1, t(POSTURES.STANDING).length);
    console.log(
      `| ${n} | ${split} | ${q(POSTURES.SITTING)} | ${q(POSTURES.STANDING)} | ${q(POSTURES.LAYING)} | ${overlap.toFixed(0)} % of standing above sitting's 10th pct | ${score(r, CURRENT).toFixed(2)} | stand < ${best.standBelow}${Number.isFinite(best.layAbove) ? `, lay > ${best.layAbove}` : ''} | ${split === 'train' ? score(tr, best).toFixed(2) : ''} | ${split === 'val' ? score(va, best).toFixed(2) : split === 'both' ? score(r, best).toFixed(2) : ''} |`,
    );
  }
}

// 4. Other accelerometer cues, rotation invariant: the tilt's component in the sagittal plane
// (forward from walking: the horizontal acceleration that follows the vertical one), and postural
// sway (standing balances, sitting does not).
if (dataset === 'uci') {
  console.log('\n## Sagittal plane and sway\n');
  const dot = (a: readonly number[], b: readonly number[]) => a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!;
  const across = (a: readonly number[], w: readonly number[]) => unit(a.map((x, c) => x - dot(a, w) * w[c]!));
  interface Row {
    y: number;
    still: boolean;
    total: number;
    back: number;
    sway: number;
  }
  const rows: Record<string, Row[]> = { train: [], val: [] };
  const signs: Record<string, { lead: number[]; bias: number[] }> = { train: { lead: [], bias: [] }, val: { lead: [], bias: [] } };
  for (const [split, sessions] of Object.entries(data))
    for (const s of sessions) {
      const walk = walkingWindows(s).slice(0, Math.round(20 / HOP));
      const w = meanDir(walk);
      if (!w) continue;
      const forward = across(
        [0, 1, 2].map((c) => walk.reduce((a, x) => a + x.lead[c]!, 0)),
        w,
      )!;
      const stand = meanDir(s.filter((x) => x.y === POSTURES.STANDING));
      const sit = meanDir(s.filter((x) => x.y === POSTURES.SITTING));
      if (stand && sit) {
        const backward = across(
          sit.map((v, c) => v - stand[c]!),
          w,
        )!; // sitting tilts the pelvis back
        signs[split]!.lead.push(dot(forward, backward));
        signs[split]!.bias.push(dot(across(stand, w)!, backward));
      }
      for (const x of s.filter((v) => v.y >= 3)) {
        const up = dot(x.g, w);
        rows[split]!.push({
          y: x.y,
          still: argmax(x.p) === 3,
          total: angle(x.g, w),
          back: (-Math.atan2(dot(x.g, forward), up) * 180) / Math.PI,
          sway: x.sway * 1000,
        });
      }
    }
  for (const [split, v] of Object.entries(signs))
    console.log(
      `- ${split}: the forward axis from walking (lead) points away from the sitting tilt in ${v.lead.filter((c) => c < 0).length} of ${v.lead.length} sessions (cosine median ${f1(pctl(v.lead, 0.5))}); the standing vertical lies behind the walking vertical (cosine with the sitting direction > 0.5) in ${v.bias.filter((c) => c > 0.5).length}, across it or in front in ${v.bias.filter((c) => c <= 0.5).length}.`,
    );
  const RULES2: Record<string, (r: Row, t: number) => number> = {
    'tilt (the rule now)': (r, t) => (r.total > CURRENT.layAbove ? POSTURES.LAYING : r.total < t ? POSTURES.STANDING : POSTURES.SITTING),
    'backward component of the tilt': (r, t) =>
      r.total > CURRENT.layAbove ? POSTURES.LAYING : r.back < t ? POSTURES.STANDING : POSTURES.SITTING,
    'sagittal component, either sign': (r, t) =>
      r.total > CURRENT.layAbove ? POSTURES.LAYING : Math.abs(r.back) < t ? POSTURES.STANDING : POSTURES.SITTING,
  };
  console.log('\n| stand/sit rule (lay > current threshold) | fitted on train | train | val | train + val |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const [name, rule] of Object.entries(RULES2)) {
    const score = (rs: Row[], t: number) => (100 * rs.filter((r) => r.still && rule(r, t) === r.y).length) / rs.length;
    let best = 0;
    for (let t = -10; t <= 40; t += 0.5) if (score(rows.train!, t) > score(rows.train!, best)) best = t;
    const all = [...rows.train!, ...rows.val!];
    console.log(
      `| ${name} | ${best}° | ${score(rows.train!, best).toFixed(2)} | ${score(rows.val!, best).toFixed(2)} | ${score(all, best).toFixed(2)} |`,
    );
  }
  console.log(
    '\nSway (root mean square acceleration about the mean, mg) of still windows the head calls static, 25th / 50th / 75th percentile:\n',
  );
  for (const [split, rs] of Object.entries(rows))
    for (const [label, pick] of [
      ['sitting, all', (r: Row) => r.y === POSTURES.SITTING],
      ['standing, all', (r: Row) => r.y === POSTURES.STANDING],
      ['sitting, tilt 3-12.5°', (r: Row) => r.y === POSTURES.SITTING && r.total > 3 && r.total < 12.5],
      ['standing, tilt 3-12.5°', (r: Row) => r.y === POSTURES.STANDING && r.total > 3 && r.total < 12.5],
    ] as const) {
      const xs = rs.filter((r) => r.still && pick(r)).map((r) => r.sway);
      console.log(`- ${split}, ${label} (${xs.length}): ${f1(pctl(xs, 0.25))} / ${f1(pctl(xs, 0.5))} / ${f1(pctl(xs, 0.75))}`);
    }
}
