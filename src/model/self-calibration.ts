import { checkArg } from '../errors.js';

/**
 * Where the device is worn, for self-calibration: on the belt at the waist, or in a front trouser pocket.
 *
 * @example
 * ```ts
 * import { classify, type Placement } from 'scl-wear';
 * const placement: Placement = 'pocket';
 * imu$.pipe(classify(encoder, { placement })).subscribe((r) => console.log(r.label, r.calibrated));
 * ```
 */
export type Placement = 'waist' | 'pocket';

/**
 * Tilt thresholds in degrees between a still window's gravity and the body vertical learnt from
 * walking. Fitted on training subjects only (UCI HAR waist, MotionSense pocket): in a pocket the
 * thigh is near vertical standing and near horizontal sitting; at the waist the pelvis tilts back
 * a little sitting and the trunk is horizontal lying.
 *
 * @example
 * ```ts
 * import { POSTURE_TILT } from 'scl-wear/dsp';
 * const standing = tiltDegrees < POSTURE_TILT.pocket.standBelow; // tilt from the walking vertical, degrees
 * ```
 */
export const POSTURE_TILT = {
  pocket: { standBelow: 38 },
  waist: { standBelow: 12.5, layAbove: 78 },
} as const;

/**
 * Posture classes in the IMU models' class order.
 *
 * @example
 * ```ts
 * import { POSTURES, postureFromTilt } from 'scl-wear/dsp';
 * if (postureFromTilt(80, 'waist') === POSTURES.LAYING) console.log('lying down');
 * ```
 */
export const POSTURES = { SITTING: 3, STANDING: 4, LAYING: 5 } as const;

/**
 * Posture of a still window from its tilt against the body vertical: standing or sitting in a
 * pocket (lying cannot be told from sitting there: the thigh is horizontal in both), standing,
 * sitting or lying at the waist.
 *
 * @param tiltDegrees - angle between the window's gravity and the walking vertical, degrees
 * @param placement - waist or pocket
 * @returns the class index (3 sitting, 4 standing, 5 laying)
 * @example
 * ```ts
 * import { postureFromTilt } from 'scl-wear/dsp';
 * postureFromTilt(70, 'pocket'); // 3 (sitting)
 * ```
 */
export function postureFromTilt(tiltDegrees: number, placement: Placement): number {
  if (placement === 'pocket') return tiltDegrees < POSTURE_TILT.pocket.standBelow ? POSTURES.STANDING : POSTURES.SITTING;
  if (tiltDegrees > POSTURE_TILT.waist.layAbove) return POSTURES.LAYING;
  return tiltDegrees < POSTURE_TILT.waist.standBelow ? POSTURES.STANDING : POSTURES.SITTING;
}

/** Unit gravity directions of the most recent windows, covering at most `seconds` once full. */
class RecentDirections {
  private readonly dirs: number[][] = [];
  private readonly spans: number[] = [];
  private total = 0;

  constructor(private readonly seconds: number) {}

  get ready(): boolean {
    return this.total >= this.seconds - 1e-9;
  }

  get empty(): boolean {
    return this.dirs.length === 0;
  }

  push(dir: number[], seconds: number): void {
    this.dirs.push(dir);
    this.spans.push(seconds);
    this.total += seconds;
    while (this.spans.length > 1 && this.total - this.spans[0]! >= this.seconds) {
      this.total -= this.spans.shift()!;
      this.dirs.shift();
    }
  }

  mean(): [number, number, number] | undefined {
    const s = [0, 0, 0];
    for (const d of this.dirs) for (let c = 0; c < 3; c++) s[c]! += d[c]!;
    const n = Math.hypot(s[0]!, s[1]!, s[2]!);
    return n > 0 ? [s[0]! / n, s[1]! / n, s[2]! / n] : undefined;
  }
}

/**
 * The body's vertical in the device frame, learnt from walking: the mean gravity direction of
 * the most recent walking windows (at most `seconds` of them). While walking, the trunk and the
 * thigh swing about the vertical, so their mean direction is it, whatever the device's
 * orientation. Walking on the level is preferred: once `seconds` of it were seen, only it is
 * used. Until then, walking up and down stairs counts too, and the vertical is ready after
 * `seconds` of walking of either kind (on stairs the thigh swings less symmetrically about the
 * vertical, so that estimate is rougher in a pocket). A device turned or moved after the walk
 * invalidates it until `seconds` more of walking have replaced the old windows.
 *
 * @example
 * ```ts
 * import { WalkingVertical } from 'scl-wear/dsp';
 * const v = new WalkingVertical(20);
 * v.push([0.1, 0.98, 0.05], 1.28); // gravity of a level-walking window, seconds it adds
 * v.push([0.2, 0.97, 0.1], 1.28, 'stairs'); // a window walking up or down stairs
 * if (v.ready) console.log(v.tiltDegrees([0.7, 0.7, 0]));
 * ```
 */
export class WalkingVertical {
  private readonly level: RecentDirections;
  private readonly any: RecentDirections;

  /**
   * @param seconds - walking needed before the vertical is used (default 20)
   * @throws InputError `E_ARGUMENT` for a non-positive duration
   */
  constructor(seconds = 20) {
    checkArg(Number.isFinite(seconds) && seconds > 0, 'seconds', 'a positive number of seconds', seconds);
    this.level = new RecentDirections(seconds);
    this.any = new RecentDirections(seconds);
  }

  /** Whether enough walking was seen (on the level, or of both kinds together). */
  get ready(): boolean {
    return this.level.ready || this.any.ready;
  }

  /**
   * Adds the gravity estimate (mean acceleration) of a walking window.
   *
   * @param gravity - mean acceleration of the window, any unit
   * @param seconds - new time the window covers (its hop)
   * @param gait - level walking (default) or stairs
   */
  push(gravity: ArrayLike<number>, seconds: number, gait: 'level' | 'stairs' = 'level'): void {
    const n = Math.hypot(gravity[0]!, gravity[1]!, gravity[2]!);
    if (!(n > 0) || !Number.isFinite(n)) return;
    const dir = [gravity[0]! / n, gravity[1]! / n, gravity[2]! / n];
    if (gait === 'level') this.level.push(dir, seconds);
    this.any.push(dir, seconds);
  }

  /** The vertical as a unit vector, or undefined before any walking. */
  get vertical(): [number, number, number] | undefined {
    const useLevel = this.level.ready || (!this.any.ready && !this.level.empty);
    return (useLevel ? this.level : this.any).mean();
  }

  /**
   * Angle in degrees between a gravity estimate and the vertical (NaN before any walking).
   *
   * @param gravity - mean acceleration of a window
   */
  tiltDegrees(gravity: ArrayLike<number>): number {
    const v = this.vertical;
    const n = Math.hypot(gravity[0]!, gravity[1]!, gravity[2]!);
    if (!v || !(n > 0)) return NaN;
    const c = (gravity[0]! * v[0] + gravity[1]! * v[1] + gravity[2]! * v[2]) / n;
    return (Math.acos(Math.max(-1, Math.min(1, c))) * 180) / Math.PI;
  }
}

/**
 * Re-tempers softmax probabilities in place, from `softmax(l / from)` to `softmax(l / to)` for the
 * same logits `l`: `p ← softmax(log p · from / to)`. A zero probability stays zero.
 *
 * @param probs - probabilities of one window, changed in place
 * @param from - the temperature they were computed with
 * @param to - the temperature wanted
 * @internal
 */
export function retemper(probs: Float32Array, from: number, to: number): void {
  const k = from / to;
  let max = -Infinity;
  for (const p of probs) max = Math.max(max, Math.log(p) * k);
  let sum = 0;
  for (let c = 0; c < probs.length; c++) sum += probs[c] = Math.exp(Math.log(probs[c]!) * k - max);
  for (let c = 0; c < probs.length; c++) probs[c]! /= sum;
}
