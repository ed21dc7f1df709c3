// Measures the shape of the body motion per dataset and class on the training subjects: for each
// window the RMS of the dynamic acceleration along its mean direction (the gravity estimate) and
// across it, and their ratio (median over windows): npx tsx scripts/motion-shape.ts
//
// A second table checks cues that might read the same at the waist and in a pocket: the same
// split after turning every sample into the window's mean orientation with the integrated
// gyroscope (removing the phone's own swing; the largest turn from that orientation, median), and the step rate (the first autocorrelation peak of
// the acceleration magnitude between 0.3 and 1 s) and the net heading change over the window (the
// rotation rate about the vertical, integrated), as 10th / 50th / 90th percentiles.
import { resolveDataDir } from '../src/io/data-dir.js';
import { loadImuCorpus } from '../src/training/imu-corpus.js';

const CLASSES = ['walking', 'upstairs', 'downstairs'];
const RATE = 50;
const quantile = (v: number[], p: number) => [...v].sort((a, b) => a - b)[Math.min(v.length - 1, Math.floor(p * v.length))] ?? NaN;
const median = (v: number[]) => quantile(v, 0.5);
const mean = (v: Float64Array | number[]) => {
  let sum = 0;
  for (const x of v) sum += x;
  return sum / v.length;
};
type Vec = [number, number, number];
const cross = (u: Vec, v: Vec): Vec => [u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]];

/** RMS of the dynamic acceleration along the mean direction and across it; `acc[c][t]`. */
function split(acc: Float64Array[], S: number): [number, number] {
  const m = acc.map(mean);
  const n = Math.hypot(...m);
  let [a, p] = [0, 0];
  for (let t = 0; t < S; t++) {
    const v = [0, 1, 2].map((c) => acc[c]![t]! - m[c]!);
    const q = (v[0]! * m[0]! + v[1]! * m[1]! + v[2]! * m[2]!) / n;
    a += q * q;
    p += v[0]! ** 2 + v[1]! ** 2 + v[2]! ** 2 - q * q;
  }
  return [Math.sqrt(a / S), Math.sqrt(p / S)];
}

/**
 * The accelerometer samples turned into the window's mean orientation (Rodrigues on the
 * integrated rotation rate about its mean), and the largest turn from it (degrees).
 */
function stabilised(acc: Float64Array[], gyro: Float64Array[], S: number): { acc: Float64Array[]; turn: number } {
  const theta = gyro.map((w) => {
    let s = 0;
    const th = Float64Array.from(w, (v) => (s += v / RATE));
    const centre = mean(th);
    return th.map((x) => x - centre);
  });
  const out = [0, 1, 2].map(() => new Float64Array(S));
  let turn = 0;
  for (let t = 0; t < S; t++) {
    const th: Vec = [theta[0]![t]!, theta[1]![t]!, theta[2]![t]!];
    const a: Vec = [acc[0]![t]!, acc[1]![t]!, acc[2]![t]!];
    const n = Math.hypot(...th) + 1e-12;
    turn = Math.max(turn, n);
    const [t1, s, c] = [cross(th, a), Math.sin(n) / n, (2 * Math.sin(n / 2) ** 2) / (n * n)];
    const t2 = cross(th, t1);
    for (let k = 0; k < 3; k++) out[k]![t] = a[k]! + s * t1[k]! + c * t2[k]!;
  }
  return { acc: out, turn: (turn * 180) / Math.PI };
}

/** Steps per minute: the first autocorrelation peak of the acceleration magnitude between 0.3 and 1 s. */
function stepRate(acc: Float64Array[], S: number): number {
  const m = Float64Array.from({ length: S }, (_, t) => Math.hypot(acc[0]![t]!, acc[1]![t]!, acc[2]![t]!));
  const centre = mean(m);
  for (let t = 0; t < S; t++) m[t]! -= centre;
  let [best, lag] = [-Infinity, 0];
  for (let L = Math.round(0.3 * RATE); L <= RATE; L++) {
    let r = 0;
    for (let t = 0; t + L < S; t++) r += m[t]! * m[t + L]!;
    if (r / (S - L) > best) [best, lag] = [r / (S - L), L];
  }
  return (60 * RATE) / lag;
}

const rows = ['| dataset | class | windows | along (g) | across (g) | along / across |', '|' + ' --- |'.repeat(6)];
const cues = [
  '| dataset | class | largest turn (°) | along, stabilised (g) | across, stabilised (g) | along / across, stabilised | steps per minute (10th / 50th / 90th pct) | net heading change (°, 10th / 50th / 90th pct) |',
  '|' + ' --- |'.repeat(8),
];
/** Net heading change over a window (degrees): the rotation rate about its mean direction, integrated. */
function heading(acc: Float64Array[], gyro: Float64Array[], S: number): number {
  const m = acc.map(mean);
  const n = Math.hypot(...m);
  let turned = 0;
  for (let t = 0; t < S; t++) turned += (gyro[0]![t]! * m[0]! + gyro[1]![t]! * m[1]! + gyro[2]![t]! * m[2]!) / n / RATE;
  return (Math.abs(turned) * 180) / Math.PI;
}

const FIGURES = ['along', 'across', 'sAlong', 'sAcross', 'steps', 'turns', 'heading'] as const;
for (const d of ['uci', 'motionsense'] as const) {
  const set = await loadImuCorpus(resolveDataDir(), 'train', 'imu', [d]);
  const S = set.samples;
  for (let k = 0; k < CLASSES.length; k++) {
    const v = Object.fromEntries(FIGURES.map((f) => [f, [] as number[]])) as Record<(typeof FIGURES)[number], number[]>;
    for (let w = 0; w < set.count; w++) {
      if (set.y[w] !== k) continue;
      const x = set.x.subarray(w * set.channels * S, (w + 1) * set.channels * S);
      const ch = [0, 1, 2, 3, 4, 5].map((c) => Float64Array.from(x.subarray(c * S, (c + 1) * S)));
      const [acc, gyro] = [ch.slice(0, 3), ch.slice(3)];
      const [a, p] = split(acc, S);
      const turned = stabilised(acc, gyro, S);
      const [sa, sp] = split(turned.acc, S);
      v.along.push(a);
      v.across.push(p);
      v.sAlong.push(sa);
      v.sAcross.push(sp);
      v.turns.push(turned.turn);
      v.steps.push(stepRate(acc, S));
      v.heading.push(heading(acc, gyro, S));
    }
    const f = (x: number) => x.toFixed(3);
    const ratio = (a: number[], b: number[]) => f(median(a.map((x, i) => x / b[i]!)));
    rows.push(
      `| ${d} | ${CLASSES[k]} | ${v.along.length} | ${f(median(v.along))} | ${f(median(v.across))} | ${ratio(v.along, v.across)} |`,
    );
    const pct = (x: number[]) => [0.1, 0.5, 0.9].map((p) => quantile(x, p).toFixed(0)).join(' / ');
    cues.push(
      `| ${d} | ${CLASSES[k]} | ${median(v.turns).toFixed(1)} | ${f(median(v.sAlong))} | ${f(median(v.sAcross))} | ${ratio(v.sAlong, v.sAcross)} | ${pct(v.steps)} | ${pct(v.heading)} |`,
    );
  }
}
console.log(rows.join('\n') + '\n\n' + cues.join('\n'));
