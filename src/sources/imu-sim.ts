import { checkArg } from '../errors.js';
import { STANDARD_GRAVITY } from '../core/batch.js';
import { createRng, type Rng } from '../core/random.js';
import { quaternionToMatrix, randomQuaternion } from '../core/rotation.js';
import { ACTIVITIES, ACTIVITY_MODELS, type Activity } from './imu-activities.js';
import { createRecording, type Recording } from './recording.js';

/**
 * Options of {@link simulateImu}.
 *
 * @example
 * ```ts
 * import { simulateImu, type ImuSimOptions } from 'scl-wear';
 * const options: ImuSimOptions = {
 *   activities: [{ activity: 'laying', seconds: 30 }],
 *   rate: 100, accNoise: 0.05, orientation: 'upright', seed: 9,
 * };
 * const { recording } = simulateImu(options);
 * ```
 */
export interface ImuSimOptions {
  /** The session: activities in order with their durations in seconds. */
  activities: readonly { readonly activity: Activity; readonly seconds: number }[];
  /** Sample rate in Hz (default 50). */
  rate?: number;
  /** Unit of `ax,ay,az` (default `m/s^2`). */
  accUnit?: 'm/s^2' | 'g';
  /** Standard deviation of accelerometer white noise in m/s² (default 0.02). */
  accNoise?: number;
  /** Standard deviation of gyroscope white noise in rad/s (default 0.005). */
  gyroNoise?: number;
  /**
   * How the device sits on the body: `'random'` (default) draws a rotation uniformly from SO(3)
   * with the seed, `'upright'` aligns device and body axes, or a quaternion `[w, x, y, z]`
   * rotating device axes into body axes.
   */
  orientation?: 'random' | 'upright' | ArrayLike<number>;
  /** Seed of the generator (default 0): the same options and seed give the same signal. */
  seed?: number;
}

/**
 * One activity of a simulated session, in frames.
 *
 * @example
 * ```ts
 * import { simulateImu, type ImuSegment } from 'scl-wear';
 * const sim = simulateImu({ activities: [{ activity: 'walking', seconds: 20 }], seed: 1 });
 * const walk: ImuSegment = sim.segments[0]!;
 * console.log(walk.start, walk.end, walk.stepHz); // frames, frames, Hz
 * ```
 */
export interface ImuSegment {
  /** The simulated activity. */
  readonly activity: Activity;
  /** First frame of the segment. */
  readonly start: number;
  /** Frame just after the segment. */
  readonly end: number;
  /** Mean step frequency of this segment in Hz (0 for postures). */
  readonly stepHz: number;
}

/**
 * Result of {@link simulateImu}.
 *
 * @example
 * ```ts
 * import { simulateImu, type ImuSimulation } from 'scl-wear';
 * const sim: ImuSimulation = simulateImu({ activities: [{ activity: 'standing', seconds: 5 }], seed: 1 });
 * console.log(sim.orientation); // device-to-body quaternion [w, x, y, z]
 * ```
 */
export interface ImuSimulation {
  /** One `imu` stream (ax, ay, az, gx, gy, gz), labelled with the activities. */
  readonly recording: Recording;
  /** Device-to-body rotation used, as a unit quaternion `[w, x, y, z]`. */
  readonly orientation: Float64Array;
  /** The activities with their frames and drawn step frequencies. */
  readonly segments: readonly ImuSegment[];
}

/** A unit-variance first-order autoregressive process (slowly varying random signal). */
function slowNoise(rng: Rng, rate: number, tauS: number) {
  const a = Math.exp(-1 / (rate * tauS));
  const b = Math.sqrt(1 - a * a);
  let s = rng.normal();
  return () => (s = a * s + b * rng.normal());
}

const clamp2 = (v: number) => Math.max(-2, Math.min(2, v));

/**
 * Simulates a waist-worn IMU (accelerometer with gravity, gyroscope) over a session of
 * activities. Walking and stairs are periodic gait accelerations at the step frequency and its
 * harmonic (lateral sway and trunk roll/yaw at the stride frequency), with per-segment and slow
 * within-segment variation of cadence and amplitude; postures are gravity at the posture's
 * trunk pitch plus slow sway. Posture changes take 1 s (seen by the gyroscope). Everything is
 * rotated into the device frame by one orientation (uniform on SO(3) by default), then white
 * noise is added. Deterministic for a given seed and options.
 *
 * @param options - activities and durations (s), rate (Hz), units, noise, orientation, seed
 * @returns the labelled recording, the orientation and the segments
 * @throws InputError `E_ARGUMENT` for an empty session, an unknown activity, a non-positive
 *   duration or rate, or a zero quaternion
 * @example
 * ```ts
 * import { simulateImu, replay } from 'scl-wear';
 * const { recording } = simulateImu({
 *   activities: [{ activity: 'standing', seconds: 5 }, { activity: 'walking', seconds: 20 }],
 *   rate: 50, accUnit: 'g', seed: 4,
 * });
 * replay(recording, { batchSeconds: 0.5 }).subscribe((b) => console.log(b.seq, b.length));
 * ```
 */
export function simulateImu(options: ImuSimOptions): ImuSimulation {
  const { activities, rate = 50, accUnit = 'm/s^2', accNoise = 0.02, gyroNoise = 0.005 } = options;
  checkArg(activities.length > 0, 'activities', 'a non-empty list of { activity, seconds }', activities);
  checkArg(Number.isFinite(rate) && rate > 0, 'rate', 'a positive number of Hz', rate);
  checkArg(accUnit === 'm/s^2' || accUnit === 'g', 'accUnit', "'m/s^2' or 'g'", accUnit);
  for (const a of activities) {
    checkArg((ACTIVITIES as readonly string[]).includes(a.activity), 'activity', `one of ${ACTIVITIES.join(', ')}`, a.activity);
    checkArg(Number.isFinite(a.seconds) && a.seconds > 0, 'seconds', 'a positive number of seconds', a.seconds);
  }
  const rng = createRng(options.seed ?? 0);
  const o = options.orientation ?? 'random';
  const q = o === 'random' ? randomQuaternion(rng) : o === 'upright' ? Float64Array.from([1, 0, 0, 0]) : Float64Array.from(o);
  const m = quaternionToMatrix(q); // checks q is non-zero
  const norm = Math.hypot(q[0]!, q[1]!, q[2]!, q[3]!);
  for (let i = 0; i < 4; i++) q[i] = q[i]! / norm;

  const total = activities.reduce((s, a) => s + Math.round(a.seconds * rate), 0);
  const data = new Float32Array(total * 6);
  const segments: ImuSegment[] = [];
  const ampMod = slowNoise(rng, rate, 3);
  const cadenceMod = slowNoise(rng, rate, 3);
  const sway = [slowNoise(rng, rate, 0.5), slowNoise(rng, rate, 0.5), slowNoise(rng, rate, 0.5)];
  const unit = accUnit === 'g' ? 1 / STANDARD_GRAVITY : 1;
  const body = new Float64Array(6);
  let prevPitch = (ACTIVITY_MODELS[activities[0]!.activity].pitchDeg * Math.PI) / 180;
  let phi = 2 * Math.PI * rng.next();
  let frame = 0;
  for (const { activity, seconds } of activities) {
    const model = ACTIVITY_MODELS[activity];
    const frames = Math.round(seconds * rate);
    const stepHz = model.stepHz * (1 + 0.03 * clamp2(rng.normal()));
    const phi0 = phi;
    const ampScale = 1 + 0.1 * clamp2(rng.normal());
    const psi = Float64Array.from({ length: 6 }, () => 2 * Math.PI * rng.next());
    const pitch = (model.pitchDeg * Math.PI) / 180;
    const [v1, v2] = model.vertical;
    const [f1, f2] = model.forward;
    const [gr, gp, gyaw] = model.gyro;
    for (let i = 0; i < frames; i++, frame++) {
      const u = Math.min(1, i / rate);
      const p = prevPitch + (pitch - prevPitch) * u * u * (3 - 2 * u);
      const dp = u < 1 ? (pitch - prevPitch) * 6 * u * (1 - u) : 0;
      const amp = ampScale * (1 + 0.08 * ampMod());
      phi += (2 * Math.PI * stepHz * (1 + 0.02 * cadenceMod())) / rate;
      const s0 = sway[0]!() * model.sway,
        s1 = sway[1]!() * model.sway,
        s2 = sway[2]!() * model.sway;
      body[0] = amp * (f1 * Math.cos(phi + psi[0]!) + f2 * Math.cos(2 * phi + psi[1]!)) + s0 - Math.sin(p) * STANDARD_GRAVITY;
      body[1] = amp * model.lateral * Math.sin(phi / 2 + psi[2]!) + s1;
      body[2] = amp * (v1 * Math.sin(phi) + v2 * Math.sin(2 * phi + psi[3]!)) + s2 + Math.cos(p) * STANDARD_GRAVITY;
      body[3] = amp * gr * Math.sin(phi / 2 + psi[4]!) + s1 / 3;
      body[4] = amp * gp * Math.sin(phi + psi[5]!) + dp - s0 / 3;
      body[5] = amp * gyaw * Math.sin(phi / 2 + psi[4]! + 1) + s2 / 3; // yaw leads roll by 1 rad
      const o6 = frame * 6;
      for (let r = 0; r < 3; r++) {
        const mr0 = m[r]!,
          mr1 = m[3 + r]!,
          mr2 = m[6 + r]!; // column r of M = row r of Mᵀ
        data[o6 + r] = (mr0 * body[0] + mr1 * body[1] + mr2 * body[2] + accNoise * rng.normal()) * unit;
        data[o6 + 3 + r] = mr0 * body[3] + mr1 * body[4] + mr2 * body[5] + gyroNoise * rng.normal();
      }
    }
    const realized = model.stepHz > 0 ? ((phi - phi0) * rate) / (2 * Math.PI * frames) : 0;
    segments.push({ activity, start: frame - frames, end: frame, stepHz: realized });
    prevPitch = pitch;
  }
  const names = ['ax', 'ay', 'az', 'gx', 'gy', 'gz'];
  const channels = names.map((name, i) => ({ name, unit: i < 3 ? accUnit : ('rad/s' as const) }));
  const labels = segments.filter((s) => s.end > s.start).map((s) => ({ label: s.activity, start: s.start, end: s.end }));
  return { recording: createRecording({ rate, streams: [{ kind: 'imu', channels, data }], labels }), orientation: q, segments };
}
