import { PlacementDetector, windowSwing } from '../model/placement.js';
import type { Placement } from '../model/self-calibration.js';
import { expectedCalibrationError, softmaxRows } from './calibration-metrics.js';
import { throughRate } from './imu-realism.js';
import { argmaxRows, type OnnxModel } from './onnx-model.js';

/**
 * The placement inferred from walking (`classify(encoder, { placement: 'auto' })`) on one
 * dataset's test sessions, each worn one random way through the session: how often it is right,
 * and the figures that depend on it (percent).
 */
export interface PlacementFigure {
  /** Test sessions, and of them: inferred right, inferred wrong, undecided (less walking than the rule needs, by the model). */
  readonly sessions: number;
  readonly right: number;
  readonly wrong: number;
  readonly undecided: number;
  /** The sessions inferred wrong or undecided: id (UCI HAR experiment; 1000 + MotionSense subject), and the median swing that decided, degrees (null: undecided). */
  readonly misses: readonly { readonly session: number; readonly swing: number | null }[];
  /** Share of the sessions inferred right (an undecided session counts as not right). */
  readonly share: number;
  /** The same through a 20 Hz device (50 → 20 → 50 Hz), the model's own groups at that rate. */
  readonly share20Hz: number;
  readonly undecided20Hz: number;
  /**
   * ECE of the group probabilities under rotation, each window with the temperature `classify`
   * gives it: the pooled one before its session's decision, the inferred placement's after.
   */
  readonly groupEce?: number;
  /** Self-calibration from 20 s of walking with the inferred placement (an undecided session: all misses), as `posture` and `postureAllSessions` of the given placement. */
  readonly posture: number;
  readonly postureAllSessions: number;
}

/** Per-session counts gathered while the self-calibration figure walks the sessions. */
export class PlacementTally {
  sessions = 0;
  right = 0;
  wrong = 0;
  undecided = 0;
  readonly misses: { session: number; swing: number | null }[] = [];
  right20Hz = 0;
  undecided20Hz = 0;
  /** Posture with the inferred placement: right, still windows scored, still windows of sessions with too little walking by their labels. */
  hits = 0;
  total = 0;
  notWalkedWindows = 0;
  /** Per corpus window: -1 before its session's decision (or never decided), 0 waist, 1 pocket after. */
  readonly at: Int8Array;

  constructor(windows: number) {
    this.at = new Int8Array(windows).fill(-1);
  }
}

const pct = (v: number) => Math.round(v * 10000) / 100;

/** The detector over a session's windows in order: the decision and the index of the window that made it. */
function decide(
  x: Float32Array,
  group: Uint8Array,
  C: number,
  S: number,
  hop: number,
): { placement?: Placement; at: number; swing: number } {
  const detector = new PlacementDetector();
  for (let i = 0; i < group.length; i++) {
    if (group[i]! > 2) continue;
    if (detector.addSwing(windowSwing(x.subarray(i * C * S, (i + 1) * C * S), S, C, 50, true), hop))
      return { placement: detector.placement, at: i, swing: detector.swingDegrees };
  }
  return { at: group.length, swing: NaN };
}

/**
 * Infers the placement of one session (rotated windows `xr`, the model's groups for them) at
 * 50 Hz and through a 20 Hz device, counts it against the true placement, and marks the
 * session's windows after the decision in `tally.at`.
 *
 * @returns the placement inferred at 50 Hz (undefined: undecided)
 * @internal
 */
export async function tallySession(
  enc: OnnxModel,
  tally: PlacementTally,
  truth: Placement,
  session: number,
  members: readonly number[],
  xr: Float32Array,
  group: Uint8Array,
  C: number,
  S: number,
): Promise<Placement | undefined> {
  const hop = S / 2 / 50;
  const m = members.length;
  const { placement, at, swing } = decide(xr, group, C, S, hop);
  const low = throughRate(xr, m, C, S, 20);
  const low20 = decide(low, argmaxRows((await enc.run(low, m)).groupLogits!, 4), C, S, hop).placement;
  tally.sessions++;
  if (!placement) tally.undecided++;
  else if (placement === truth) tally.right++;
  else tally.wrong++;
  if (placement !== truth) tally.misses.push({ session, swing: placement ? Math.round(swing * 10) / 10 : null });
  if (!low20) tally.undecided20Hz++;
  else if (low20 === truth) tally.right20Hz++;
  if (placement) for (let i = at; i < m; i++) tally.at[members[i]!] = placement === 'waist' ? 0 : 1;
  return placement;
}

/**
 * ECE of group logits (several rotations of the same windows) where each window has its own
 * temperature: `pooled` while `at` is -1, the placement's temperature after.
 *
 * @internal
 */
export function placedEce(
  logits: readonly Float32Array[],
  y: ArrayLike<number>,
  at: Int8Array,
  pooled: number,
  byPlacement: { readonly waist?: number; readonly pocket?: number },
): number {
  const t = Float64Array.from(at, (a) => (a < 0 ? pooled : ((a === 0 ? byPlacement.waist : byPlacement.pocket) ?? pooled)));
  let ece = 0;
  for (const l of logits) {
    const scaled = Float32Array.from(l, (v, i) => v / t[Math.floor(i / 4)]!);
    ece += expectedCalibrationError(softmaxRows(scaled, 4), 4, y) / logits.length;
  }
  return pct(ece);
}

/**
 * The figure of a tally, with the ECE of {@link placedEce}.
 *
 * @internal
 */
export function placementFigure(tally: PlacementTally, groupEce?: number): PlacementFigure {
  const posture = tally;
  return {
    sessions: tally.sessions,
    right: tally.right,
    wrong: tally.wrong,
    undecided: tally.undecided,
    misses: tally.misses,
    share: pct(tally.right / tally.sessions),
    share20Hz: pct(tally.right20Hz / tally.sessions),
    undecided20Hz: tally.undecided20Hz,
    ...(groupEce === undefined ? {} : { groupEce }),
    posture: posture.total ? pct(posture.hits / posture.total) : NaN,
    postureAllSessions: posture.total + posture.notWalkedWindows ? pct(posture.hits / (posture.total + posture.notWalkedWindows)) : NaN,
  };
}
