import { rotationBetween } from '../core/rotation.js';
import type { createRng } from '../core/random.js';
import { postureFromTilt, WalkingVertical, type Placement } from '../model/self-calibration.js';
import { randomRotations, rotateWindows } from '../scl/transforms.js';
import type { ImuCorpus } from './imu-corpus.js';
import { argmaxRows, type OnnxModel } from './onnx-model.js';
import { tallySession, type PlacementTally } from './eval-placement.js';

/**
 * Self-calibration from the first 20 s of walking (level, else level and stairs): posture
 * accuracy over the true still windows (sit/stand, plus lay at the waist) of the sessions whose
 * labels hold at least 20 s of walking (the target's condition); `postureAllSessions` counts
 * every still window, a session that never walked as all misses.
 */
export interface SelfCalibrationFigure {
  readonly placement: Placement;
  readonly posture: number;
  readonly windows: number;
  readonly sessions: number;
  /** Sessions, among `sessions`, where the model found less than 20 s of walking (all their still windows are misses). */
  readonly sessionsWithoutWalk: number;
  /** Sessions with still windows but less than 20 s of walking by their labels (left out of `posture`). */
  readonly sessionsNotWalked: number;
  readonly postureAllSessions: number;
  readonly postureByHead?: number;
}

const pct = (v: number) => Math.round(v * 10000) / 100;

/**
 * Mean acceleration (channels 0-2) of window `w` in planar windows of `C` channels × `S` samples.
 *
 * @internal
 */
export function gravityOf(x: Float32Array, w: number, C: number, S: number): number[] {
  return [0, 1, 2].map((c) => x.subarray((w * C + c) * S, (w * C + c + 1) * S).reduce((a, b) => a + b, 0) / S);
}

/**
 * The body vertical of a session as `classify` learns it: the first 20 s of windows the model
 * calls level walking (group 0), or, where the session has fewer, the first 20 s of walking on
 * the level or stairs (groups 0-2). Not ready when the session has less walking than that.
 */
function sessionVertical(group: Uint8Array, gravity: (i: number) => number[], hop: number): WalkingVertical {
  const learn = (accepts: (g: number) => boolean) => {
    const v = new WalkingVertical(20);
    group.forEach((g, i) => accepts(g) && !v.ready && v.push(gravity(i), hop));
    return v;
  };
  const level = learn((g) => g === 0);
  return level.ready ? level : learn((g) => g <= 2);
}

/**
 * The windows of one recording session, all turned by one random rotation (a device worn one
 * way through the session), and the model's group logits for them.
 *
 * @param enc - the encoder
 * @param set - the windows
 * @param xe - the windows' samples to use (for example with sensor error), laid out as `set.x`
 * @param session - the session id
 * @param rng - draws the rotation
 * @internal
 */
export async function rotatedSession(
  enc: OnnxModel,
  set: ImuCorpus,
  xe: Float32Array,
  session: number,
  rng: ReturnType<typeof createRng>,
): Promise<{ members: number[]; xr: Float32Array; groupLogits: Float32Array }> {
  const { channels: C, samples: S } = set;
  const members = [...set.session.keys()].filter((w) => set.session[w] === session);
  const q = randomRotations(rng, 1);
  const rs = new Float64Array(members.length * 9);
  for (let i = 0; i < members.length; i++) rs.set(q, i * 9);
  const x = new Float32Array(members.length * C * S);
  members.forEach((w, i) => x.set(xe.subarray(w * C * S, (w + 1) * C * S), i * C * S));
  const xr = rotateWindows(x, members.length, { frames: S, channels: C, layout: 'planar' }, rs);
  return { members, xr, groupLogits: (await enc.run(xr, members.length)).groupLogits! };
}

/**
 * Self-calibration per session: one rotation, the vertical from the first 20 s of walking (see
 * `sessionVertical`), the posture of the still windows by tilt.
 *
 * @param enc - the encoder
 * @param set - the test windows of one dataset
 * @param xe - their samples with sensor error, laid out as `set.x`
 * @param placement - where the device is worn
 * @param rng - draws each session's rotation
 * @param up - the model's reference up: also score the 6-class head after turning the vertical onto it
 * @param tally - also infer each session's placement from its walking (see `tallySession`) and
 *   score the posture with the inferred placement into it
 * @internal
 */
export async function selfCalibrationFigure(
  enc: OnnxModel,
  set: ImuCorpus,
  xe: Float32Array,
  placement: Placement,
  rng: ReturnType<typeof createRng>,
  up?: readonly number[],
  tally?: PlacementTally,
): Promise<SelfCalibrationFigure> {
  const { channels: C, samples: S } = set;
  const shape = { frames: S, channels: C, layout: 'planar' } as const;
  const hop = S / 2 / 50;
  let hits = 0;
  let headHits = 0;
  let total = 0;
  let sessions = 0;
  let missing = 0;
  let notWalked = 0;
  let notWalkedWindows = 0;
  for (const s of [...new Set(set.session)].sort((a, b) => a - b)) {
    const { members, xr, groupLogits } = await rotatedSession(enc, set, xe, s, rng);
    const group = argmaxRows(groupLogits, 4);
    const inferred = tally && (await tallySession(enc, tally, placement, s, members, xr, group, C, S));
    const v = sessionVertical(group, (i) => gravityOf(xr, i, C, S), hop);
    const still = members.map((w, i) => [w, i] as const).filter(([w]) => set.y[w]! >= 3);
    if (still.length === 0) continue;
    if (members.filter((w) => set.y[w] === 0).length * hop < 20 - 1e-9) {
      notWalked++;
      notWalkedWindows += still.length;
      if (tally) tally.notWalkedWindows += still.length;
      continue;
    }
    sessions++;
    if (tally) tally.total += still.length;
    if (!v.ready) {
      missing++;
      total += still.length;
      continue;
    }
    for (const [w, i] of still) {
      total++;
      if (group[i] !== 3) continue;
      const tilt = v.tiltDegrees(gravityOf(xr, i, C, S));
      if (postureFromTilt(tilt, placement) === set.y[w]) hits++;
      if (tally && inferred && postureFromTilt(tilt, inferred) === set.y[w]) tally.hits++;
    }
    if (up) {
      // The 6-class head after turning the walking vertical onto the model's up (yaw unknown), best static class.
      const turn = rotationBetween(v.vertical!, up);
      const xs = new Float32Array(still.length * C * S);
      still.forEach(([, i], k) => xs.set(xr.subarray(i * C * S, (i + 1) * C * S), k * C * S));
      const rs2 = new Float64Array(still.length * 9);
      for (let k = 0; k < still.length; k++) rs2.set(turn, k * 9);
      const logits = (await enc.run(rotateWindows(xs, still.length, shape, rs2), still.length)).logits!;
      still.forEach(([w, i], k) => {
        const l = logits.subarray(k * 6 + 3, k * 6 + 6);
        const best = 3 + l.indexOf(Math.max(...l));
        if (group[i] === 3 && best === set.y[w]) headHits++;
      });
    }
  }
  return {
    placement,
    posture: total ? pct(hits / total) : NaN,
    windows: total,
    sessions,
    sessionsWithoutWalk: missing,
    sessionsNotWalked: notWalked,
    postureAllSessions: total + notWalkedWindows ? pct(hits / (total + notWalkedWindows)) : NaN,
    ...(up ? { postureByHead: pct(headHits / total) } : {}),
  };
}
