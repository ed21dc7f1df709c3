import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { axisAngleRotation } from '../../src/core/rotation.js';
import { POSTURE_TILT, POSTURES, postureFromTilt, WalkingVertical } from '../../src/model/self-calibration.js';

const rotate = (r: Float64Array, v: number[]) => [0, 1, 2].map((i) => r[3 * i]! * v[0]! + r[3 * i + 1]! * v[1]! + r[3 * i + 2]! * v[2]!);

describe('WalkingVertical', () => {
  it('is ready only after the given seconds of walking, and measures tilt from the mean walking direction', () => {
    const v = new WalkingVertical(20);
    const device = axisAngleRotation([1, 2, 3], 1.1); // any orientation of the device
    const up = rotate(device, [0, 0, 1]);
    for (let i = 0; i < 15; i++) {
      // Gait sways the gravity direction ±10° about the vertical; the mean is the vertical.
      const sway = axisAngleRotation([1, 0, 0], ((i % 2 ? 1 : -1) * 10 * Math.PI) / 180);
      v.push(rotate(device, rotate(sway, [0, 0, 1])), 1.28);
      expect(v.ready).toBe(i >= 15);
    }
    v.push(up, 1.28);
    expect(v.ready).toBe(true);
    const sitting = rotate(device, rotate(axisAngleRotation([0, 1, 0], (70 * Math.PI) / 180), [0, 0, 1]));
    expect(v.tiltDegrees(sitting)).toBeCloseTo(70, 0);
    expect(v.tiltDegrees(up)).toBeLessThan(1);
  });

  it('forgets walking older than its span, so a re-placed device is learnt again', () => {
    const v = new WalkingVertical(10);
    for (let i = 0; i < 10; i++) v.push([1, 0, 0], 1);
    for (let i = 0; i < 10; i++) v.push([0, 1, 0], 1);
    expect(v.tiltDegrees([0, 1, 0])).toBeLessThan(1e-6);
  });

  it('counts stairs towards the 20 s until there was that much level walking, then uses the level only', () => {
    const v = new WalkingVertical(10);
    for (let i = 0; i < 9; i++) v.push([0, 0.2, 1], 1, 'stairs'); // 9 s on stairs, leaning
    expect(v.ready).toBe(false);
    v.push([0, 0, 1], 1); // 1 s on the level: 10 s of walking in all
    expect(v.ready).toBe(true);
    expect(v.tiltDegrees([0, 0, 1])).toBeGreaterThan(5); // the stairs' lean is in the estimate
    for (let i = 0; i < 9; i++) v.push([0, 0, 1], 1); // now 10 s on the level
    expect(v.tiltDegrees([0, 0, 1])).toBeLessThan(1e-6); // stairs no longer count
    for (let i = 0; i < 30; i++) v.push([0, 1, 0], 1, 'stairs');
    expect(v.tiltDegrees([0, 0, 1])).toBeLessThan(1e-6); // more stairs do not displace the level estimate
  });

  it('rejects a bad duration and ignores a window without gravity', () => {
    expect(() => new WalkingVertical(0)).toThrow(InputError);
    const v = new WalkingVertical(1);
    v.push([0, 0, 0], 5);
    expect(v.ready).toBe(false);
    expect(v.tiltDegrees([0, 0, 1])).toBeNaN();
  });
});

describe('postureFromTilt', () => {
  it('tells standing from sitting in a pocket, and standing, sitting and lying at the waist', () => {
    expect(postureFromTilt(POSTURE_TILT.pocket.standBelow - 1, 'pocket')).toBe(POSTURES.STANDING);
    expect(postureFromTilt(POSTURE_TILT.pocket.standBelow + 1, 'pocket')).toBe(POSTURES.SITTING);
    expect(postureFromTilt(90, 'pocket')).toBe(POSTURES.SITTING); // lying is not told apart in a pocket
    expect(postureFromTilt(2, 'waist')).toBe(POSTURES.STANDING);
    expect(postureFromTilt(25, 'waist')).toBe(POSTURES.SITTING);
    expect(postureFromTilt(90, 'waist')).toBe(POSTURES.LAYING);
  });
});
