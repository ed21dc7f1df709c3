import { checkArg } from '../errors.js';
import type { Placement } from './self-calibration.js';

/**
 * The rule that tells a front trouser pocket from the waist while walking, from the
 * accelerometer alone. Per walking window, the RMS angle in degrees between the direction of
 * each acceleration sample (moving average over `smoothSeconds`; 0: as recorded) and the
 * window's mean direction. The thigh's swing and kick turn the acceleration in the device frame
 * more than the pelvis does: 16-45° in a trouser pocket, 9-17° at the waist (5th-95th percentile
 * of walking windows, training and validation subjects). The median over the first
 * `walkingSeconds` of walking (level or stairs) above `pocketAbove` degrees is a pocket. Chosen
 * on the training and validation subjects of UCI HAR (waist) and MotionSense (pocket) only,
 * under sensor error, random rotation and a 20 Hz device (`scripts/placement-rules.ts`,
 * `models/results/placement-rules.md`): low-passing separated the two worse.
 *
 * @example
 * ```ts
 * import { PLACEMENT_RULE } from 'scl-wear/dsp';
 * console.log(`pocket when the walking swing exceeds ${PLACEMENT_RULE.pocketAbove}°`);
 * ```
 */
export const PLACEMENT_RULE = { smoothSeconds: 0, pocketAbove: 16.5, walkingSeconds: 15 } as const;

/**
 * Swing of a window: RMS angle in degrees between the direction of the acceleration (moving
 * average over `smoothSeconds`; 0: each sample) and its mean direction. Rotation invariant; allocates
 * nothing. NaN when the window is shorter than the average or has no direction.
 *
 * @param data - samples, acceleration in channels 0-2 (any unit)
 * @param frames - frames in the window
 * @param channels - channels per frame (at least 3)
 * @param rate - sample rate, Hz
 * @param planar - `data` is `[channels][frames]` (default: interleaved `[frames][channels]`)
 * @param smoothSeconds - moving-average length, seconds
 * @returns degrees
 * @internal
 */
export function windowSwing(
  data: Float32Array,
  frames: number,
  channels: number,
  rate: number,
  planar = false,
  smoothSeconds: number = PLACEMENT_RULE.smoothSeconds,
): number {
  const L = Math.max(1, Math.round(smoothSeconds * rate));
  if (frames < L) return NaN;
  const fs = planar ? 1 : channels; // stride between frames
  const cs = planar ? frames : 1; // stride between channels
  const at = (t: number, c: number) => data[t * fs + c * cs]!;
  let mx = 0;
  let my = 0;
  let mz = 0;
  for (let t = 0; t < frames; t++) {
    mx += at(t, 0);
    my += at(t, 1);
    mz += at(t, 2);
  }
  const mn = Math.hypot(mx, my, mz);
  if (!(mn > 0) || !Number.isFinite(mn)) return NaN;
  mx /= mn;
  my /= mn;
  mz /= mn;
  let sx = 0;
  let sy = 0;
  let sz = 0;
  for (let t = 0; t < L - 1; t++) {
    sx += at(t, 0);
    sy += at(t, 1);
    sz += at(t, 2);
  }
  let sum = 0;
  let n = 0;
  for (let t = L - 1; t < frames; t++) {
    sx += at(t, 0);
    sy += at(t, 1);
    sz += at(t, 2);
    const norm = Math.hypot(sx, sy, sz);
    if (norm > 0) {
      const a = Math.acos(Math.max(-1, Math.min(1, (sx * mx + sy * my + sz * mz) / norm)));
      sum += a * a;
      n++;
    }
    sx -= at(t - L + 1, 0);
    sy -= at(t - L + 1, 1);
    sz -= at(t - L + 1, 2);
  }
  return n ? (Math.sqrt(sum / n) * 180) / Math.PI : NaN;
}

/**
 * Infers where a device is worn (waist or front trouser pocket) from walking, with the
 * accelerometer alone, whatever its orientation: feed it the windows a model calls walking (on
 * the level or stairs); after `seconds` of them it decides once (see {@link PLACEMENT_RULE})
 * and keeps that decision until {@link PlacementDetector.reset}. A device moved from the pocket
 * to the belt later keeps its first decision; other placements (a wrist, a bag, a hand) are
 * outside what the rule knows and get one of the two.
 *
 * @example
 * ```ts
 * import { PlacementDetector } from 'scl-wear/dsp';
 * const detector = new PlacementDetector();
 * // each window the model calls WALKING, WALKING_UPSTAIRS or WALKING_DOWNSTAIRS:
 * detector.push(window.data, window.channels.length, window.rate, 1.28); // interleaved, new seconds
 * if (detector.placement) console.log(detector.placement, detector.swingDegrees);
 * ```
 */
export class PlacementDetector {
  private swings = new Float64Array(16);
  private count = 0;
  private walked = 0;
  private decided: Placement | undefined;
  private median = NaN;

  /**
   * @param seconds - walking needed before the decision (default {@link PLACEMENT_RULE}.walkingSeconds)
   * @throws InputError `E_ARGUMENT` for a duration that is not a positive number of seconds
   */
  constructor(private readonly seconds: number = PLACEMENT_RULE.walkingSeconds) {
    checkArg(Number.isFinite(seconds) && seconds > 0, 'seconds', 'a positive number of seconds', seconds);
  }

  /** The decision, or undefined before `seconds` of walking. */
  get placement(): Placement | undefined {
    return this.decided;
  }

  /** Walking seen so far, seconds (stops counting once decided). */
  get walkingSeconds(): number {
    return this.walked;
  }

  /** Median swing of the walking windows that decided, degrees (NaN before the decision). */
  get swingDegrees(): number {
    return this.median;
  }

  /**
   * Adds a walking window. A window without a usable direction (all zero, NaN) adds nothing.
   *
   * @param data - interleaved samples `[frames][channels]`, acceleration in channels 0-2 (any unit)
   * @param channels - channels per frame (at least 3)
   * @param rate - sample rate, Hz
   * @param seconds - new time the window covers (its hop), seconds
   * @returns the placement once decided, else undefined
   * @throws InputError `E_ARGUMENT` for fewer than 3 channels, a length that is not a whole
   *   number of frames, a rate or duration that is not a positive (duration: non-negative) number
   */
  push(data: Float32Array, channels: number, rate: number, seconds: number): Placement | undefined {
    checkArg(Number.isInteger(channels) && channels >= 3, 'channels', 'an integer of at least 3', channels);
    checkArg(
      data instanceof Float32Array && data.length % channels === 0,
      'data',
      `a Float32Array of whole frames of ${channels} channels`,
      data,
    );
    checkArg(Number.isFinite(rate) && rate > 0, 'rate', 'a positive sample rate in Hz', rate);
    checkArg(Number.isFinite(seconds) && seconds >= 0, 'seconds', 'a non-negative number of seconds', seconds);
    return this.addSwing(this.decided ? NaN : windowSwing(data, data.length / channels, channels, rate), seconds);
  }

  /**
   * Adds the swing of a walking window measured elsewhere (the same measure as `push`).
   *
   * @param degrees - the window's swing, degrees (not finite: adds nothing)
   * @param seconds - new time the window covers, seconds
   * @returns the placement once decided, else undefined
   * @internal
   */
  addSwing(degrees: number, seconds: number): Placement | undefined {
    if (this.decided || !Number.isFinite(degrees)) return this.decided;
    if (this.count === this.swings.length) {
      const grown = new Float64Array(this.count * 2);
      grown.set(this.swings);
      this.swings = grown;
    }
    this.swings[this.count++] = degrees;
    this.walked += seconds;
    if (this.walked < this.seconds - 1e-9) return undefined;
    const sorted = this.swings.subarray(0, this.count).sort();
    const mid = this.count >> 1;
    this.median = this.count % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
    this.decided = this.median > PLACEMENT_RULE.pocketAbove ? 'pocket' : 'waist';
    return this.decided;
  }

  /** Forgets the walking and the decision (for example when the device was put elsewhere). */
  reset(): void {
    this.count = 0;
    this.walked = 0;
    this.decided = undefined;
    this.median = NaN;
  }
}
