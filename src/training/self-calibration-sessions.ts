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
}

/**
 * The training or validation sessions of one dataset in time order, with the cross evaluation's
 * per-session procedure: sensor error fixed to each window's device, one random rotation per
 * session, the model's group probabilities. Seeded per split (11 training, 12 validation).
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
        return { y: set.y[w]!, p: Array.from(probs.subarray(i * 4, i * 4 + 4)), g: g.map((v) => v / norm) as [number, number, number] };
      }),
    );
  }
  return out;
}
