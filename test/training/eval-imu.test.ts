import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateImu } from '../../src/training/eval-imu.js';
import { loadImuEvalSet } from '../../src/training/evaluate.js';
import type { OnnxModel } from '../../src/training/onnx-model.js';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));

/**
 * A hand-made "encoder" over real UCI HAR windows: moving windows are WALKING; still ones are
 * classified by the angle between gravity and `up` (standing < 15°, sitting < 50°, else laying).
 * That angle survives any rotation about `up`, so a correct calibration recovers its unrotated
 * predictions exactly; z = [1 | gravity direction] puts gravity in the variant dims.
 */
function tiltEncoder(up: number[], channels: number, samples: number): OnnxModel {
  return {
    name: 'tilt',
    channels,
    samples,
    dims: { inv: 1, var: 3, free: 0 },
    metadata: {},
    async run(x, count) {
      const logits = new Float32Array(count * 6);
      const z = new Float32Array(count * 4);
      for (let w = 0; w < count; w++) {
        const g = [0, 0, 0];
        let m = 0;
        let m2 = 0;
        for (let t = 0; t < samples; t++) {
          const a = [0, 1, 2].map((c) => x[(w * channels + c) * samples + t]!);
          a.forEach((v, c) => (g[c]! += v / samples));
          const n = Math.hypot(...a);
          m += n / samples;
          m2 += (n * n) / samples;
        }
        const norm = Math.hypot(...g);
        const angle = (Math.acos((g[0]! * up[0]! + g[1]! * up[1]! + g[2]! * up[2]!) / norm) * 180) / Math.PI;
        const moving = Math.sqrt(Math.max(0, m2 - m * m)) > 0.05;
        logits[w * 6 + (moving ? 0 : angle < 15 ? 4 : angle < 50 ? 3 : 5)] = 1;
        z.set([1, g[0]! / norm, g[1]! / norm, g[2]! / norm], w * 4);
      }
      return { z, logits };
    },
    release: async () => {},
  };
}

describe('evaluateImu', () => {
  it('recovers unrotated predictions through orientation calibration and scores rotation-invariant groups at 100 %', async () => {
    const set = await loadImuEvalSet(fixtures, 'imu');
    expect(set.count).toBe(12);
    // Reference up: the session's own standing gravity, so calibration leaves only a yaw.
    const g = [0, 0, 0];
    for (let w = 0; w < set.count; w++) {
      if (set.y[w] !== 4) continue;
      for (let c = 0; c < 3; c++) for (let t = 0; t < set.samples; t++) g[c]! += set.x[(w * set.channels + c) * set.samples + t]!;
    }
    const up = g.map((v) => v / Math.hypot(...g));
    const r = await evaluateImu(tiltEncoder(up, set.channels, set.samples), set, { up, rotations: 4 });
    // Upstairs and downstairs come out as WALKING by construction: at most 8 of 12 can be right.
    expect(r.acc6).toBeGreaterThanOrEqual(50);
    expect(r.acc6Calibrated).toBe(r.acc6);
    expect(r.calibratedWindows).toBe(12);
    expect(r.acc6Rotated).toBeLessThan(r.acc6);
    // Moving vs still does not depend on orientation: the grouped prediction never changes.
    expect(r.consistencyMean).toBe(100);
    expect(r.consistencyWorst).toBe(100);
    expect(r.groupAccRotated).toBe(r.groupAcc);
    expect(r.consistencyHistogram).toEqual([0, 0, 0, 0, 12]);
    // Gravity in the device frame is exactly what z_var holds, and nothing of it is in z_inv.
    expect(r.probe.gravity.var).toBeGreaterThan(0.95);
    expect(r.probe.gravity.inv).toBeLessThan(0.05);
    expect(r.confusion6.reduce((a, b) => a + b)).toBe(12);
    // z_inv is the constant 1 (distance 0); z_var is gravity, which rotations move.
    expect(r.transformDistance.inv).toBe(0);
    expect(r.transformDistance.var).toBeGreaterThan(0.3);
  });
});
