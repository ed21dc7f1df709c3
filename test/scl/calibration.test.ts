import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { calibrateOrientation } from '../../src/scl/calibration.js';
import { createRng } from '../../src/core/random.js';
import { composeRotations, randomRotation, rotationAngle } from '../../src/core/rotation.js';
import { rotateWindow } from '../../src/scl/transforms.js';

const up = [0.95, -0.05, 0.3];
const apply = (r: ArrayLike<number>, v: ArrayLike<number>) =>
  [0, 1, 2].map((i) => r[3 * i]! * v[0]! + r[3 * i + 1]! * v[1]! + r[3 * i + 2]! * v[2]!);
const angleBetween = (a: number[], b: number[]) =>
  Math.acos((a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!) / (Math.hypot(...a) * Math.hypot(...b)));

/** Standing still in the body frame: gravity along `up` (1 g) plus sensor noise, 6 channels. */
function standing(frames: number, seed: number, noise = 0.01): Float32Array {
  const rng = createRng(seed);
  const n = Math.hypot(...up);
  const x = new Float32Array(frames * 6);
  for (let t = 0; t < frames; t++) {
    for (let k = 0; k < 3; k++) x[t * 6 + 3 + k] = up[k]! / n + noise * rng.normal();
    for (let k = 0; k < 3; k++) x[t * 6 + k] = 0.02 * rng.normal(); // gyro
  }
  return x;
}

describe('calibrateOrientation', () => {
  const shape = { frames: 250, channels: 6, layout: 'interleaved' } as const;

  it('undoes the device rotation up to a yaw about the vertical', () => {
    const rng = createRng(4);
    for (let k = 0; k < 20; k++) {
      const device = randomRotation(rng); // body → device
      const x = rotateWindow(standing(250, k), shape, device);
      const cal = calibrateOrientation(x, shape, { reference: up, accChannel: 3 });
      // Calibration ∘ device must keep the vertical fixed: a pure rotation about `up`.
      const net = composeRotations(cal.rotation, device);
      const v = apply(net, up);
      expect(angleBetween(v, up)).toBeLessThan(0.01);
      // Tilt relative to the vertical survives, so postures that differ by tilt stay apart:
      // a lying-down gravity direction (90° from up) is still 90° from up after calibration.
      const lying = [-0.3, 0, 0.95];
      expect(angleBetween(apply(net, lying), up)).toBeCloseTo(angleBetween(lying, up), 1);
      expect(cal.tilt).toBeCloseTo(rotationAngle(cal.rotation), 12);
    }
  });

  it('reads planar windows and reports the corrected tilt', () => {
    const inter = standing(128, 9, 0);
    const planar = new Float32Array(inter.length);
    for (let t = 0; t < 128; t++) for (let c = 0; c < 6; c++) planar[c * 128 + t] = inter[t * 6 + c]!;
    const cal = calibrateOrientation(planar, { frames: 128, channels: 6, layout: 'planar' }, { reference: [0, 0, 1], accChannel: 3 });
    expect(cal.tilt).toBeCloseTo(angleBetween(up, [0, 0, 1]), 5);
    expect(cal.motion).toBeLessThan(1e-6);
  });

  it('refuses samples recorded while moving or without gravity', () => {
    const rng = createRng(1);
    const walking = standing(250, 2);
    for (let t = 0; t < 250; t++) walking[t * 6 + 3]! += 0.6 * Math.sin(t / 3) + 0.1 * rng.normal();
    expect(() => calibrateOrientation(walking, shape, { reference: up, accChannel: 3 })).toThrow(InputError);
    const free = standing(250, 3);
    for (let t = 0; t < 250; t++) for (let k = 3; k < 6; k++) free[t * 6 + k] = rng.normal();
    expect(() => calibrateOrientation(free, shape, { reference: up, accChannel: 3, maxMotion: 10 })).toThrow(InputError);
    expect(() => calibrateOrientation(walking, shape, { reference: up, accChannel: 4 })).toThrow(InputError);
  });
});
