import { createRng } from '../core/random.js';
import { softmaxRows } from './calibration-metrics.js';
import { rotatedSession } from './eval-self-calibration.js';
import { loadImuCorpus, type ImuDataset } from './imu-corpus.js';
import { deviceError } from './imu-realism.js';
import type { OnnxModel } from './onnx-model.js';

/** One window of a session as the self-calibration analyses see it. */
export interface SessionWindow {
  /** True class (0 walking, 1 up, 2 down, 3 sitting, 4 standing, 5 laying). */
  readonly y: number;
  /** Group probabilities (walk, up, down, static). */
  readonly p: number[];
  /** Unit gravity direction in the session's rotated device frame. */
  readonly g: [number, number, number];
  /** Root mean square of the acceleration about its mean (postural sway at rest), g. */
  readonly sway: number;
  /**
   * Covariance of the acceleration along `g` with the acceleration across it `LEAD_SECONDS`
   * later, g² (a vector across `g`): in walking it points forward.
   */
  readonly lead: [number, number, number];
}

/** The lag of {@link SessionWindow.lead}, seconds. */
export const LEAD_SECONDS = 0.12;

/**
 * Sway and lead of one window (see {@link SessionWindow}).
 *
 * @param x - the window, `C` channels × `S` samples (planar), channels 0-2 the acceleration
 * @param C - channels
 * @param S - samples
 * @param rate - sample rate, Hz
 * @param g - the window's unit gravity direction
 * @internal
 */
export function windowMotion(
  x: Float32Array,
  C: number,
  S: number,
  rate: number,
  g: readonly number[],
): Pick<SessionWindow, 'sway' | 'lead'> {
  const a = (t: number, c: number) => x[c * S + t]!;
  const mean = [0, 1, 2].map((c) => x.subarray(c * S, (c + 1) * S).reduce((s, v) => s + v, 0) / S);
  const d = (t: number, c: number) => a(t, c) - mean[c]!;
  const along = (t: number) => d(t, 0) * g[0]! + d(t, 1) * g[1]! + d(t, 2) * g[2]!;
  const lag = Math.round(LEAD_SECONDS * rate);
  let sq = 0;
  const lead: [number, number, number] = [0, 0, 0];
  for (let t = 0; t < S; t++) {
    for (let c = 0; c < 3; c++) sq += d(t, c) ** 2;
    if (t + lag >= S) continue;
    const v = along(t);
    const later = along(t + lag);
    for (let c = 0; c < 3; c++) lead[c]! += (v * (d(t + lag, c) - later * g[c]!)) / (S - lag);
  }
  return { sway: Math.sqrt(sq / S), lead };
}

/**
 * The training or validation sessions of one dataset in time order, with the cross evaluation's
 * per-session procedure: sensor error fixed to each window's device, one random rotation per
 * session, the model's group probabilities; and each window's sway and lead (accelerometer only). Seeded per split (11 training, 12 validation).
 *
 * @param enc - the encoder
 * @param dataDir - the data directory
 * @param split - training or validation subjects (never the test subjects)
 * @param task - `imu` or `acc` input
 * @param dataset - which dataset
 * @internal
 */
export async function selfCalibrationSessions(
  enc: OnnxModel,
  dataDir: string,
  split: 'train' | 'val',
  task: 'imu' | 'acc',
  dataset: ImuDataset,
): Promise<SessionWindow[][]> {
  const set = await loadImuCorpus(dataDir, split, task, [dataset]);
  const { count: n, channels: C, samples: S } = set;
  const rng = createRng(split === 'train' ? 11 : 12);
  const xe = set.x.slice();
  for (let w = 0; w < n; w++) deviceError(xe.subarray(w * C * S, (w + 1) * C * S), C, S, rng);
  const out: SessionWindow[][] = [];
  for (const s of [...new Set(set.session)].sort((a, b) => a - b)) {
    const { members, xr, groupLogits } = await rotatedSession(enc, set, xe, s, rng);
    const probs = softmaxRows(groupLogits, 4);
    out.push(
      members.map((w, i) => {
        const g = [0, 1, 2].map((c) => xr.subarray((i * C + c) * S, (i * C + c + 1) * S).reduce((a, b) => a + b, 0));
        const norm = Math.hypot(g[0]!, g[1]!, g[2]!);
        const dir = g.map((v) => v / norm) as [number, number, number];
        const motion = windowMotion(xr.subarray(i * C * S, (i + 1) * C * S), C, S, set.rate, dir);
        return { y: set.y[w]!, p: Array.from(probs.subarray(i * 4, i * 4 + 4)), g: dir, ...motion };
      }),
    );
  }
  return out;
}
