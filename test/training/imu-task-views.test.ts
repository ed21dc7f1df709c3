import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/random.js';
import type { LabelledWindows } from '../../src/training/imu-data.js';
import { IGNORED_CLASS, imuTask } from '../../src/training/imu-task.js';

const S = 16;
// Two still windows from two datasets whose devices are held differently: gravity on +x and on −y.
const data: LabelledWindows = {
  count: 2,
  channels: 6,
  samples: S,
  rate: 50,
  x: Float32Array.from({ length: 2 * 6 * S }, (_, i) => (i < S ? 1 : i >= 6 * S + S && i < 6 * S + 2 * S ? -1 : 0)),
  y: Uint8Array.from([4, 3]),
  source: Uint16Array.from([1, 101]),
};
const norm = (v: ArrayLike<number>) => Math.hypot(v[0]!, v[1]!, v[2]!);

describe('imuTask with several datasets', () => {
  it('turns each dataset vertical onto the reference up in the task view, and gives gravity targets of each view', () => {
    const task = imuTask(data, [1, 0, 0], 'class', {
      dataset: [0, 1],
      ups: [
        [1, 0, 0],
        [0, -1, 0],
      ],
      classDatasets: [0],
    });
    const b = task.makeBatch([0, 1], createRng(3), 'scl');
    expect(Array.from(b.y!)).toEqual([4, IGNORED_CLASS]); // the second dataset trains the group head only
    expect(Array.from(b.groupY!)).toEqual([3, 3]);
    for (let i = 0; i < 2; i++) {
      // Task view: gravity lands on the reference up (+x) for both devices.
      expect(b.x1[i * 6 * S]!).toBeCloseTo(1, 5);
      expect(b.gravity1![i * 3]!).toBeCloseTo(1, 5);
      // SCL view: a random rotation; the target is its gravity direction, a unit vector.
      expect(norm(b.gravity2!.subarray(i * 3, i * 3 + 3))).toBeCloseTo(1, 5);
      expect(b.gravity2![i * 3]!).toBeCloseTo(b.x2![i * 6 * S]!, 5);
    }
  });

  it('adds a sensor error to both views of a window alike when realism is on', () => {
    const task = imuTask(data, [1, 0, 0], 'class', { realism: { deviceError: true, lowRate: 0 } });
    const b = task.makeBatch([0], createRng(4), 'scl');
    const m1 = norm([b.x1[0]!, b.x1[S]!, b.x1[2 * S]!]);
    const m2 = norm([b.x2![0]!, b.x2![S]!, b.x2![2 * S]!]);
    expect(Math.abs(m1 - 1)).toBeGreaterThan(1e-4);
    expect(m2).toBeCloseTo(m1, 5);
  });
});
