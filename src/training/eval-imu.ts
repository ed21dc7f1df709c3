import { calibrateOrientation } from '../scl/calibration.js';
import { accuracy, confusionMatrix, rotationConsistency, toActivityGroups } from '../scl/classification.js';
import { latentSlice, phaseSimilarity, type DimSlice } from '../scl/metrics.js';
import { linearProbe, pairFeatures } from '../scl/probe.js';
import { createRng } from '../core/random.js';
import { composeRotations, rotationAngle } from '../core/rotation.js';
import { randomRotations, rotateWindows, rotateWindow } from '../scl/transforms.js';
import { argmaxRows, type OnnxModel } from './onnx-model.js';

/** UCI HAR test windows as model input, with the session (experiment) of each window. */
export interface ImuEvalSet {
  readonly count: number;
  readonly channels: number;
  readonly samples: number;
  /** Planar windows `[count, channels, samples]`: total acc x/y/z (g), then gyro (rad/s). */
  readonly x: Float32Array;
  /** Class 0..5 per window. */
  readonly y: Uint8Array;
  /** Subject per window. */
  readonly subject: Uint8Array;
  /** Recording session (experiment) per window: one device placement. */
  readonly session: Uint16Array;
}

/** Options of {@link evaluateImu}. */
export interface ImuEvalOptions {
  /** Rotations per window (default 10). */
  readonly rotations?: number;
  /** Direction of gravity while standing in the training frame. */
  readonly up: readonly number[];
  /** STANDING windows at the start of each session used for calibration (default 2 ≈ 3.8 s). */
  readonly calibrationWindows?: number;
  /** Seed of the rotations (the same for every model). */
  readonly seed?: number;
}

/** IMU figures of one model (accuracies and consistencies in percent). */
export interface ImuEvaluation {
  readonly model: string;
  readonly windows: number;
  readonly rotations: number;
  readonly acc6: number;
  readonly confusion6: number[];
  readonly groupAcc: number;
  readonly groupAccRotated: number;
  readonly confusionGroupsRotated: number[];
  readonly consistencyMean: number;
  readonly consistencyWorst: number;
  /** Histogram over windows of how many of the rotations kept the prediction (0..rotations). */
  readonly consistencyHistogram: number[];
  readonly acc6Rotated: number;
  readonly acc6Calibrated: number;
  /** Windows scored under calibration per rotation (sessions without a still STANDING segment are left out). */
  readonly calibratedWindows: number;
  /** Mean tilt corrected by calibration, degrees. */
  readonly meanTiltCorrected: number;
  /** R² of linear probes: gravity direction in the device frame from z(Rx); rotation angle from pair features of z(x), z(Rx). */
  readonly probe: { gravity: { var: number; inv: number }; angle: { var: number; inv: number } };
  /** Mean cosine distance between a window's and its rotated view's z_inv and z_var (want inv ≈ 0, var large). */
  readonly transformDistance: { inv: number; var: number };
}

const pct = (v: number) => Math.round(v * 10000) / 100;
const r4 = (v: number) => Math.round(v * 10000) / 10000;

async function predict(enc: OnnxModel, x: Float32Array, n: number): Promise<{ cls: Uint8Array; group: Uint8Array; z: Float32Array }> {
  const out = await enc.run(x, n);
  const cls = out.logits ? argmaxRows(out.logits, out.logits.length / n) : new Uint8Array(n);
  const group = out.groupLogits ? argmaxRows(out.groupLogits, out.groupLogits.length / n) : toActivityGroups(cls);
  return { cls, group, z: out.z };
}

/** Device rotation of each session for rotation r, as `sessions × 9` matrices. */
function sessionRotations(set: ImuEvalSet, seed: number, r: number): Map<number, Float64Array> {
  const rng = createRng(seed * 1000 + r + 1);
  const m = new Map<number, Float64Array>();
  for (const s of [...new Set(set.session)].sort((a, b) => a - b)) m.set(s, randomRotations(rng, 1));
  return m;
}

/**
 * Runs the IMU evidence for one encoder: unrotated 6-class accuracy, grouped accuracy and
 * rotation consistency under uniform SO(3) rotations, 6-class accuracy after orientation
 * calibration under rotation, and the variant probes.
 *
 * @param enc - the encoder (input: total acc, then gyro when 6 channels)
 * @param set - test windows
 * @param o - rotations, reference up, calibration length, seed
 * @internal
 * @example
 * ```ts
 * const figures = await evaluateImu(await loadOnnxModel('models/imu.onnx'), await loadImuEvalSet(dataDir, 'imu'), { up });
 * ```
 */
export async function evaluateImu(enc: OnnxModel, set: ImuEvalSet, o: ImuEvalOptions): Promise<ImuEvaluation> {
  const R = o.rotations ?? 10;
  const seed = o.seed ?? 2024;
  const n = set.count;
  const size = set.channels * set.samples;
  const shape = { frames: set.samples, channels: set.channels, layout: 'planar' } as const;
  const groups = toActivityGroups(set.y);
  const base = await predict(enc, set.x, n);
  const rotatedGroups = new Uint8Array(n * R);
  const confG = new Array<number>(16).fill(0);
  let groupAccRotated = 0;
  let acc6Rotated = 0;
  let calHits = 0;
  let calTotal = 0;
  let calibrations = 0;
  let tilt = 0;
  const rng = createRng(seed);
  const dim = enc.dims.inv + enc.dims.var + enc.dims.free;
  let probeRot: { rs: Float64Array; z: Float32Array } | undefined;
  for (let r = 0; r < R; r++) {
    // Per window: independent uniform rotations (grouped accuracy and consistency).
    const rs = randomRotations(rng, n);
    const pr = await predict(enc, rotateWindows(set.x, n, shape, rs), n);
    if (r === 0) probeRot = { rs, z: pr.z };
    for (let w = 0; w < n; w++) rotatedGroups[w * R + r] = pr.group[w]!;
    groupAccRotated += accuracy(pr.group, groups) / R;
    acc6Rotated += accuracy(pr.cls, set.y) / R;
    confusionMatrix(pr.group, groups, 4).forEach((v, k) => (confG[k]! += v));
    // Per session: one device rotation, calibrated from the session's first STANDING windows.
    const sess = sessionRotations(set, seed, r);
    const fixed = new Float32Array(n * size);
    const keep: number[] = [];
    for (const [s, q] of sess) {
      const members = [...set.session.keys()].filter((w) => set.session[w] === s);
      const still = members.filter((w) => set.y[w] === 4).slice(0, o.calibrationWindows ?? 2);
      if (still.length === 0) continue;
      const cal = new Float32Array(still.length * set.samples * 3);
      still.forEach((w, i) => {
        for (let t = 0; t < set.samples; t++)
          for (let c = 0; c < 3; c++) cal[(i * set.samples + t) * 3 + c] = set.x[(w * set.channels + c) * set.samples + t]!;
      });
      rotateWindow(cal, { frames: still.length * set.samples, channels: 3, layout: 'interleaved' }, q, cal);
      let est;
      try {
        est = calibrateOrientation(cal, { frames: still.length * set.samples, channels: 3, layout: 'interleaved' }, { reference: o.up });
      } catch {
        continue; // not still: the session cannot be calibrated and is left out
      }
      tilt += est.tilt;
      calibrations++;
      const net = composeRotations(est.rotation, q);
      for (const w of members) {
        rotateWindow(set.x.subarray(w * size, (w + 1) * size), shape, net, fixed.subarray(keep.length * size, (keep.length + 1) * size));
        keep.push(w);
      }
    }
    if (keep.length) {
      const pc = await predict(enc, fixed.subarray(0, keep.length * size), keep.length);
      calHits +=
        accuracy(
          pc.cls,
          keep.map((w) => set.y[w]!),
        ) * keep.length;
      calTotal += keep.length;
    }
  }
  const cons = rotationConsistency(base.group, rotatedGroups, R);
  const hist = new Array<number>(R + 1).fill(0);
  for (const f of cons.perWindow) hist[Math.round(f * R)]!++;
  return {
    model: enc.name,
    windows: n,
    rotations: R,
    acc6: pct(accuracy(base.cls, set.y)),
    confusion6: Array.from(confusionMatrix(base.cls, set.y, 6)),
    groupAcc: pct(accuracy(base.group, groups)),
    groupAccRotated: pct(groupAccRotated),
    confusionGroupsRotated: confG,
    consistencyMean: r4(cons.mean),
    consistencyWorst: r4(cons.worst),
    consistencyHistogram: hist,
    acc6Rotated: pct(acc6Rotated),
    acc6Calibrated: calTotal ? pct(calHits / calTotal) : NaN,
    calibratedWindows: Math.round(calTotal / R),
    meanTiltCorrected: calibrations ? r4(((tilt / calibrations) * 180) / Math.PI) : NaN,
    probe: imuProbes(enc, set, base.z, probeRot!, dim),
    transformDistance: {
      inv: enc.dims.inv ? r4(1 - phaseSimilarity(base.z, probeRot!.z, n, 1, dim, latentSlice(enc.dims, 'inv')).mean) : NaN,
      var: enc.dims.var ? r4(1 - phaseSimilarity(base.z, probeRot!.z, n, 1, dim, latentSlice(enc.dims, 'var')).mean) : NaN,
    },
  };
}

function imuProbes(
  enc: OnnxModel,
  set: ImuEvalSet,
  z: Float32Array,
  rot: { rs: Float64Array; z: Float32Array },
  dim: number,
): ImuEvaluation['probe'] {
  const n = set.count;
  const S = set.samples;
  // Fit on even-numbered subjects, score on the others (alternate windows if only one side exists).
  let isTrain = Uint8Array.from(set.subject, (s) => (s % 2 === 0 ? 1 : 0));
  if (isTrain.every((v) => v === isTrain[0])) isTrain = Uint8Array.from(set.subject, (_, w) => w % 2);
  const gravity = new Float64Array(n * 3);
  const angle = new Float64Array(n);
  for (let w = 0; w < n; w++) {
    const g = [0, 1, 2].map((c) => set.x.subarray((w * set.channels + c) * S, (w * set.channels + c + 1) * S).reduce((a, b) => a + b, 0));
    const q = rot.rs.subarray(w * 9, w * 9 + 9);
    const gd = [0, 1, 2].map((i) => q[3 * i]! * g[0]! + q[3 * i + 1]! * g[1]! + q[3 * i + 2]! * g[2]!);
    const norm = Math.hypot(gd[0]!, gd[1]!, gd[2]!) || 1;
    gd.forEach((v, i) => (gravity[w * 3 + i] = v / norm));
    angle[w] = rotationAngle(q);
  }
  const fit = (slice: DimSlice, pair: boolean, target: Float64Array, outputs: number): number => {
    if (slice.length === 0) return NaN;
    const p = pair ? 2 * slice.length : slice.length;
    const features = new Float32Array(n * p);
    for (let w = 0; w < n; w++) {
      const at = w * dim + slice.offset;
      if (pair) pairFeatures(z, at, rot.z, at, slice.length, features, w * p);
      else features.set(rot.z.subarray(at, at + slice.length), w * p);
    }
    return r4(linearProbe({ features, rows: n, dim: p, isTrain }, target, outputs).r2);
  };
  const v = latentSlice(enc.dims, 'var');
  const i = latentSlice(enc.dims, 'inv');
  return {
    gravity: { var: fit(v, false, gravity, 3), inv: fit(i, false, gravity, 3) },
    angle: { var: fit(v, true, angle, 1), inv: fit(i, true, angle, 1) },
  };
}
