// Compares rules for learning the body vertical from walking, on TRAINING and VALIDATION subjects
// only (never the test subjects), with the per-session procedure of the cross evaluation: sensor
// error, one random rotation per session, the vertical from the first 20 s of windows a rule
// accepts, still windows classified by tilt. Re-fits the tilt thresholds on the training subjects
// for each rule. npx tsx scripts/self-calibration-rules.ts [MODEL.onnx] [--task imu|acc]
import { resolveDataDir } from '../src/io/data-dir.js';
import { POSTURES, WalkingVertical, type Placement } from '../src/model/self-calibration.js';
import { selfCalibrationSessions, type SessionWindow } from '../src/training/self-calibration-sessions.js';
import { loadOnnxModel } from '../src/training/onnx-model.js';

const args = process.argv.slice(2);
const taskAt = args.indexOf('--task');
const task = (taskAt >= 0 ? args.splice(taskAt, 2)[1] : 'imu') as 'imu' | 'acc';
const modelPath = args[0] ?? `models/${task}.onnx`;
const PLACEMENT = { uci: 'waist', motionsense: 'pocket' } as const;
const HOP = 1.28;

type Win = SessionWindow;

/** A rule decides which windows teach the vertical and with what weight (0 = not used). */
type Rule = (w: Win, v: Vertical) => number;
const argmax = (p: number[]) => p.indexOf(Math.max(...p));
const angle = (a: readonly number[], b: readonly number[]) =>
  (Math.acos(Math.max(-1, Math.min(1, a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!))) * 180) / Math.PI;
const walking: Rule = (w) => (argmax(w.p) === 0 ? 1 : 0);
const locomotion: Rule = (w) => (argmax(w.p) <= 2 ? 1 : 0);
const stairs: Rule = (w) => (argmax(w.p) === 1 || argmax(w.p) === 2 ? 1 : 0);

/** Weighted vertical from the first 20 s a rule accepts. */
class Vertical extends WalkingVertical {
  private readonly sum = [0, 0, 0];
  override get vertical(): [number, number, number] | undefined {
    const n = Math.hypot(this.sum[0]!, this.sum[1]!, this.sum[2]!);
    return n > 0 ? [this.sum[0]! / n, this.sum[1]! / n, this.sum[2]! / n] : undefined;
  }
  add(g: readonly number[], weight: number): void {
    for (let c = 0; c < 3; c++) this.sum[c]! += g[c]! * weight;
    this.push(g, HOP);
  }
}

/** The vertical of a session from the first 20 s of windows a rule accepts, or all of them (undefined: fewer than 20 s). */
function learn(session: Win[], rule: Rule, all = false): Vertical | undefined {
  const v = new Vertical(20);
  for (const w of session) {
    if (v.ready && !all) break;
    const weight = rule(w, v);
    if (weight > 0) v.add(w.g, weight);
  }
  return v.ready ? v : undefined;
}

/** Session → vertical. A fallback rule uses the second rule only where the first never reaches 20 s. */
type SessionRule = (session: Win[]) => Vertical | undefined;
const first =
  (rule: Rule): SessionRule =>
  (s) =>
    learn(s, rule);
const fallback =
  (a: Rule, b: Rule, all = false): SessionRule =>
  (s) =>
    learn(s, a, all) ?? learn(s, b, all);
/** After the first 20 s, a window whose gravity is more than `deg` from the running vertical is not used. */
const near =
  (rule: Rule, deg: number): Rule =>
  (w, v) =>
    v.ready && angle(w.g, v.vertical!) > deg ? 0 : rule(w, v);
const RULES: Record<string, SessionRule> = {
  'walking (group 0)': first(walking),
  'locomotion (groups 0-2)': first(locomotion),
  'stairs only (groups 1-2)': first(stairs),
  'locomotion, weight p(walk)': first((w) => (argmax(w.p) <= 2 ? w.p[0]! : 0)),
  'locomotion, weight 1 - p(static)': first((w) => (argmax(w.p) <= 2 ? 1 - w.p[3]! : 0)),
  'walking or stairs with p(loco) >= 0.9': first((w) => (w.p[0]! + w.p[1]! + w.p[2]! >= 0.9 ? 1 : 0)),
  'walking, else locomotion': fallback(walking, locomotion),
  'walking, else stairs': fallback(walking, stairs),
  'walking, else locomotion; all of it (running mean)': fallback(walking, locomotion, true),
  'walking, else locomotion; all of it, none > 20° from the running mean': fallback(near(walking, 20), near(locomotion, 20), true),
  'walking, else locomotion; all of it, none > 10° from the running mean': fallback(near(walking, 10), near(locomotion, 10), true),
};

/** Tilt of every true still window against the rule's vertical (NaN: no 20 s of walking), and whether the head called it static. */
function tilts(data: Win[][], rule: SessionRule): { y: number; tilt: number; still: boolean }[] {
  const rows: { y: number; tilt: number; still: boolean }[] = [];
  for (const session of data) {
    const v = rule(session);
    for (const w of session) if (w.y >= 3) rows.push({ y: w.y, tilt: v ? angle(w.g, v.vertical!) : NaN, still: argmax(w.p) === 3 });
  }
  return rows;
}

interface Thresholds {
  standBelow: number;
  layAbove: number;
}
const posture = (tilt: number, t: Thresholds) =>
  tilt > t.layAbove ? POSTURES.LAYING : tilt < t.standBelow ? POSTURES.STANDING : POSTURES.SITTING;
const score = (rows: ReturnType<typeof tilts>, t: Thresholds) =>
  rows.length ? (100 * rows.filter((r) => r.still && posture(r.tilt, t) === r.y).length) / rows.length : NaN;

/** Thresholds with the most training windows right (0.5° grid; the middle of the best run of stand thresholds). */
function fit(rows: ReturnType<typeof tilts>, placement: Placement): Thresholds {
  const grid = Array.from({ length: 360 }, (_, i) => i * 0.5);
  const lays = placement === 'pocket' ? [Infinity] : grid;
  let best = { standBelow: 0, layAbove: Infinity };
  let bestScore = -1;
  for (const layAbove of lays) {
    const good = grid.filter((s) => s < layAbove).map((standBelow) => [standBelow, score(rows, { standBelow, layAbove })] as const);
    const top = Math.max(...good.map(([, v]) => v));
    if (top <= bestScore) continue;
    const ties = good.filter(([, v]) => v === top).map(([s]) => s);
    best = { standBelow: ties[Math.floor(ties.length / 2)]!, layAbove };
    bestScore = top;
  }
  return best;
}

const enc = await loadOnnxModel(modelPath);
const data: Record<string, Win[][]> = {};
for (const split of ['train', 'val'] as const)
  for (const d of ['uci', 'motionsense'] as const)
    data[`${d}/${split}`] = await selfCalibrationSessions(enc, resolveDataDir(), split, task, d);
await enc.release();
const CURRENT = { waist: { standBelow: 12.5, layAbove: 78 }, pocket: { standBelow: 38, layAbove: Infinity } };
console.log(`model ${modelPath}; posture right of all true still windows (%), sessions without 20 s of accepted walking in brackets`);
console.log('| rule | dataset | train, current thresholds | val, current thresholds | refit on train | train, refit | val, refit |');
console.log('|' + ' --- |'.repeat(7));
for (const [name, rule] of Object.entries(RULES))
  for (const d of ['uci', 'motionsense'] as const) {
    const placement = PLACEMENT[d];
    const tr = tilts(data[`${d}/train`]!, rule);
    const va = tilts(data[`${d}/val`]!, rule);
    const missing = (s: Win[][]) => s.filter((x) => tilts([x], rule).some((r) => Number.isNaN(r.tilt))).length;
    const t = fit(tr, placement);
    const f = (v: number) => v.toFixed(2);
    console.log(
      `| ${name} | ${d} | ${f(score(tr, CURRENT[placement]))} (${missing(data[`${d}/train`]!)}/${data[`${d}/train`]!.length}) | ${f(score(va, CURRENT[placement]))} (${missing(data[`${d}/val`]!)}/${data[`${d}/val`]!.length}) | stand < ${t.standBelow}${Number.isFinite(t.layAbove) ? `, lay > ${t.layAbove}` : ''} | ${f(score(tr, t))} | ${f(score(va, t))} |`,
    );
  }
