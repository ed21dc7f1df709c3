/**
 * The six activities the IMU simulator produces, in the order of the UCI HAR labels
 * (`ACTIVITIES[k]` is UCI HAR activity `k + 1`: WALKING, WALKING_UPSTAIRS, WALKING_DOWNSTAIRS,
 * SITTING, STANDING, LAYING).
 *
 * @example
 * ```ts
 * import { ACTIVITIES } from 'scl-wear/advanced';
 * const name = ACTIVITIES[uciLabel - 1]; // UCI HAR label 1..6 to 'walking'...'laying'
 * ```
 */
export const ACTIVITIES = ['walking', 'upstairs', 'downstairs', 'sitting', 'standing', 'laying'] as const;

/**
 * One of {@link ACTIVITIES}.
 *
 * @example
 * ```ts
 * import { simulateImu } from 'scl-wear';
 * // each `activity` of a simulated session is an Activity
 * const sim = simulateImu({ activities: [{ activity: 'sitting', seconds: 10 }, { activity: 'upstairs', seconds: 10 }], seed: 2 });
 * ```
 */
export type Activity = (typeof ACTIVITIES)[number];

/**
 * Body-frame motion model of one activity for a sensor at the waist. Body axes: x forward,
 * y left, z up (when upright). Amplitudes are of sinusoids at the step frequency (`×1`), its
 * second harmonic (`×2`) or the stride frequency (half the step frequency).
 *
 * @example
 * ```ts
 * import { ACTIVITY_MODELS, type ActivityModel } from 'scl-wear/advanced';
 * const stairs: ActivityModel = ACTIVITY_MODELS.downstairs;
 * console.log(stairs.stepHz, stairs.vertical[0]); // Hz, m/s²
 * ```
 */
export interface ActivityModel {
  /** Nominal step frequency in Hz (0 for postures). */
  readonly stepHz: number;
  /** Trunk pitch in degrees: positive leans forward, -90 lies on the back. */
  readonly pitchDeg: number;
  /** Vertical acceleration amplitudes [×1, ×2] in m/s². */
  readonly vertical: readonly [number, number];
  /** Forward acceleration amplitudes [×1, ×2] in m/s². */
  readonly forward: readonly [number, number];
  /** Lateral acceleration amplitude at the stride frequency in m/s². */
  readonly lateral: number;
  /** Angular velocity amplitudes [roll at stride, pitch at step, yaw at stride] in rad/s. */
  readonly gyro: readonly [number, number, number];
  /** Standard deviation of slow postural sway in m/s² (and of its angular velocity / 3 in rad/s). */
  readonly sway: number;
}

/**
 * Model parameters per activity. Step frequencies follow measured cadences (level walking
 * about 1.9 steps/s, stair ascent slower, descent faster); acceleration amplitudes are typical
 * of waist-worn sensors (vertical 2–3 m/s² at the step frequency, larger on stair descent).
 *
 * @example
 * ```ts
 * import { ACTIVITY_MODELS } from 'scl-wear/advanced';
 * ACTIVITY_MODELS.walking.stepHz; // 1.9
 * ```
 */
export const ACTIVITY_MODELS: Readonly<Record<Activity, ActivityModel>> = {
  walking: { stepHz: 1.9, pitchDeg: 0, vertical: [2.2, 0.8], forward: [1.2, 0.5], lateral: 0.7, gyro: [0.25, 0.2, 0.35], sway: 0 },
  upstairs: { stepHz: 1.65, pitchDeg: 8, vertical: [1.6, 0.6], forward: [1.4, 0.4], lateral: 0.9, gyro: [0.3, 0.3, 0.3], sway: 0 },
  downstairs: { stepHz: 2.0, pitchDeg: -4, vertical: [3.0, 1.4], forward: [1.3, 0.6], lateral: 0.9, gyro: [0.35, 0.25, 0.4], sway: 0 },
  sitting: { stepHz: 0, pitchDeg: -20, vertical: [0, 0], forward: [0, 0], lateral: 0, gyro: [0, 0, 0], sway: 0.02 },
  standing: { stepHz: 0, pitchDeg: 0, vertical: [0, 0], forward: [0, 0], lateral: 0, gyro: [0, 0, 0], sway: 0.04 },
  laying: { stepHz: 0, pitchDeg: -90, vertical: [0, 0], forward: [0, 0], lateral: 0, gyro: [0, 0, 0], sway: 0.01 },
};
