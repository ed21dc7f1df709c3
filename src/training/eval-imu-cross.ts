import { accuracy, rotationConsistency, toActivityGroups } from '../scl/classification.js';
import { linearProbe } from '../scl/probe.js';
import { createRng } from '../core/random.js';
import { randomRotationAbout } from '../core/rotation.js';
import type { Placement } from '../model/self-calibration.js';
import { randomRotations, rotateWindows } from '../scl/transforms.js';
import { expectedCalibrationError, softmaxRows } from './calibration-metrics.js';
import type { ImuCorpus } from './imu-corpus.js';
import { deviceError, throughRate } from './imu-realism.js';
import { argmaxRows, type OnnxModel } from './onnx-model.js';
import { gravityOf, selfCalibrationFigure, type SelfCalibrationFigure } from './eval-self-calibration.js';
import { PlacementTally, placedEce, placementFigure, type PlacementFigure } from './eval-placement.js';

/** Figures of one model on one dataset's test subjects (percent unless named otherwise). */
export interface DatasetFigures {
  readonly windows: number;
  /** Grouped accuracy (walk / up / down / static), unrotated. */
  readonly groupAcc: number;
  /** Grouped accuracy, sensor error in the device frame then a uniform SO(3) rotation per window. */
  readonly groupAccRotated: number;
  /** The same after the input went through a 20 Hz device (resampled 50 → 20 → 50 Hz by the SDK's resampler). */
  readonly groupAccRotated20Hz: number;
  /** Rotation consistency of the group: mean, worst rotation, 5th percentile over windows. */
  readonly consistencyMean: number;
  readonly consistencyWorst: number;
  readonly consistencyP5: number;
  /** Expected calibration error of the group probabilities under rotation, with and without the temperature. */
  readonly groupEce: number;
  readonly groupEceRaw: number;
  /** The same with the group temperature of the dataset's placement, as `classify` uses when the placement is given. */
  readonly groupEcePlacement?: number;
  /** 6-class accuracy and ECE after an ideal orientation calibration (yaw about up unknown); UCI HAR (waist) only. */
  readonly acc6Calibrated?: number;
  readonly classEce?: number;
  /** Self-calibration from the first 20 s of walking (see {@link SelfCalibrationFigure}). */
  readonly selfCalibration: SelfCalibrationFigure;
  /** The placement inferred from walking instead of given (see {@link PlacementFigure}). */
  readonly inferredPlacement: PlacementFigure;
  /** Linear probes of gravity's direction in the device frame (rotated windows): R² and mean cosine from z_var and from z_inv. */
  readonly probe: { var: { r2: number; cosine: number }; inv: { r2: number; cosine: number } };
}

/** Options of {@link evaluateImuDataset}. */
export interface CrossEvalOptions {
  readonly placement: Placement;
  /** Model's reference up (for the ideal calibration figure). */
  readonly up: readonly number[];
  readonly temperature?: {
    readonly classes?: number;
    readonly groups?: number;
    readonly groupsByPlacement?: { readonly waist?: number; readonly pocket?: number };
  };
  readonly rotations?: number;
  readonly seed?: number;
  /** Also compute the 6-class calibrated figure (the model's own placement). */
  readonly sixClass?: boolean;
}

const pct = (v: number) => Math.round(v * 10000) / 100;
const r4 = (v: number) => Math.round(v * 10000) / 10000;

function probe(
  z: Float32Array,
  dim: number,
  offset: number,
  len: number,
  target: Float64Array,
  isTrain: Uint8Array,
): { r2: number; cosine: number } {
  const n = target.length / 3;
  if (len === 0) return { r2: NaN, cosine: NaN };
  const features = new Float32Array(n * len);
  for (let w = 0; w < n; w++) features.set(z.subarray(w * dim + offset, w * dim + offset + len), w * len);
  const res = linearProbe({ features, rows: n, dim: len, isTrain }, target, 3);
  let cos = 0;
  let held = 0;
  for (let w = 0; w < n; w++) {
    if (isTrain[w]) continue;
    const p = [0, 1, 2].map(
      (c) =>
        res.weights[len * 3 + c]! +
        Array.from({ length: len }, (_, a) => features[w * len + a]! * res.weights[a * 3 + c]!).reduce((s, v) => s + v, 0),
    );
    const np = Math.hypot(p[0]!, p[1]!, p[2]!) || 1;
    cos += (p[0]! * target[w * 3]! + p[1]! * target[w * 3 + 1]! + p[2]! * target[w * 3 + 2]!) / np;
    held++;
  }
  return { r2: r4(res.r2), cosine: r4(cos / held) };
}

/**
 * Evaluates an IMU encoder on the test windows of one dataset: grouped accuracy under sensor
 * error and random rotation (also through a 20 Hz device), rotation consistency, calibration
 * error of the probabilities, the ideal-calibration 6-class accuracy, self-calibration from
 * walking, and the gravity probes of z_var and z_inv. Seeded: every model sees the same
 * rotations and sensor errors.
 *
 * @param enc - the encoder
 * @param set - test windows of one dataset
 * @param o - placement, reference up, temperatures
 * @internal
 */
export async function evaluateImuDataset(enc: OnnxModel, set: ImuCorpus, o: CrossEvalOptions): Promise<DatasetFigures> {
  const R = o.rotations ?? 5;
  const rng = createRng(o.seed ?? 4242);
  const { count: n, channels: C, samples: S } = set;
  const shape = { frames: S, channels: C, layout: 'planar' } as const;
  const groups = toActivityGroups(set.y);
  const G = 4;
  const tg = o.temperature?.groups ?? 1;
  const tp = o.temperature?.groupsByPlacement?.[o.placement];
  const raw = await enc.run(set.x, n);
  const groupAcc = accuracy(argmaxRows(raw.groupLogits!, G), groups);
  // Sensor error fixed to each window's device, then rotations.
  const xe = set.x.slice();
  for (let w = 0; w < n; w++) deviceError(xe.subarray(w * C * S, (w + 1) * C * S), C, S, rng);
  const base = argmaxRows((await enc.run(xe, n)).groupLogits!, G);
  const rotated = new Uint8Array(n * R);
  let groupAccRotated = 0;
  let ece = 0;
  let eceRaw = 0;
  let ecePlaced = 0;
  let probeData: { z: Float32Array; rs: Float64Array } | undefined;
  const rotatedLogits: Float32Array[] = [];
  for (let r = 0; r < R; r++) {
    const rs = randomRotations(rng, n);
    const out = await enc.run(rotateWindows(xe, n, shape, rs), n);
    const pred = argmaxRows(out.groupLogits!, G);
    for (let w = 0; w < n; w++) rotated[w * R + r] = pred[w]!;
    groupAccRotated += accuracy(pred, groups) / R;
    ece += expectedCalibrationError(softmaxRows(out.groupLogits!, G, tg), G, groups) / R;
    eceRaw += expectedCalibrationError(softmaxRows(out.groupLogits!, G), G, groups) / R;
    if (tp) ecePlaced += expectedCalibrationError(softmaxRows(out.groupLogits!, G, tp), G, groups) / R;
    rotatedLogits.push(out.groupLogits!.slice());
    if (r === 0) probeData = { z: out.z, rs };
  }
  const cons = rotationConsistency(base, rotated, R);
  const sorted = Array.from(cons.perWindow).sort((a, b) => a - b);
  const low = rotateWindows(throughRate(xe, n, C, S, 20), n, shape, randomRotations(rng, n));
  const groupAccRotated20Hz = accuracy(argmaxRows((await enc.run(low, n)).groupLogits!, G), groups);
  let sixClass: Pick<DatasetFigures, 'acc6Calibrated' | 'classEce'> = {};
  if (o.sixClass) {
    const yaw = new Float64Array(n * 9);
    for (let w = 0; w < n; w++) randomRotationAbout(o.up, rng, yaw.subarray(w * 9, w * 9 + 9));
    const out = await enc.run(rotateWindows(xe, n, shape, yaw), n);
    sixClass = {
      acc6Calibrated: pct(accuracy(argmaxRows(out.logits!, 6), set.y)),
      classEce: pct(expectedCalibrationError(softmaxRows(out.logits!, 6, o.temperature?.classes ?? 1), 6, set.y)),
    };
  }
  const dim = enc.dims.inv + enc.dims.var + enc.dims.free;
  const target = new Float64Array(n * 3);
  for (let w = 0; w < n; w++) {
    const g = gravityOf(xe, w, C, S);
    const q = probeData!.rs.subarray(w * 9, w * 9 + 9);
    const gd = [0, 1, 2].map((i) => q[3 * i]! * g[0]! + q[3 * i + 1]! * g[1]! + q[3 * i + 2]! * g[2]!);
    const norm = Math.hypot(gd[0]!, gd[1]!, gd[2]!) || 1;
    gd.forEach((v, i) => (target[w * 3 + i] = v / norm));
  }
  const isTrain = Uint8Array.from(set.source, (s) => (s % 2 === 0 ? 1 : 0));
  const tally = new PlacementTally(n);
  const selfCalibration = await selfCalibrationFigure(enc, set, xe, o.placement, rng, o.sixClass ? o.up : undefined, tally);
  const byPlacement = o.temperature?.groupsByPlacement;
  return {
    windows: n,
    groupAcc: pct(groupAcc),
    groupAccRotated: pct(groupAccRotated),
    groupAccRotated20Hz: pct(groupAccRotated20Hz),
    consistencyMean: r4(cons.mean),
    consistencyWorst: r4(cons.worst),
    consistencyP5: pct(sorted[Math.floor(0.05 * (sorted.length - 1))]!),
    groupEce: pct(ece),
    groupEceRaw: pct(eceRaw),
    ...(tp ? { groupEcePlacement: pct(ecePlaced) } : {}),
    ...sixClass,
    selfCalibration,
    inferredPlacement: placementFigure(tally, byPlacement ? placedEce(rotatedLogits, groups, tally.at, tg, byPlacement) : undefined),
    probe: {
      var: probe(probeData!.z, dim, enc.dims.inv, enc.dims.var, target, isTrain),
      inv: probe(probeData!.z, dim, 0, enc.dims.inv, target, isTrain),
    },
  };
}
