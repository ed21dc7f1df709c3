import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { accuracy, confusionMatrix, rotationConsistency, toActivityGroups } from '../../src/scl/classification.js';

describe('accuracy and confusion', () => {
  it('counts hits and places each window at (truth, prediction)', () => {
    const truth = [0, 0, 1, 2, 2, 2];
    const pred = [0, 1, 1, 2, 0, 2];
    expect(accuracy(pred, truth)).toBeCloseTo(4 / 6, 12);
    expect(Array.from(confusionMatrix(pred, truth, 3))).toEqual([1, 1, 0, 0, 1, 0, 1, 0, 2]);
    expect(() => confusionMatrix([3], [0], 3)).toThrow(InputError);
    expect(() => accuracy([], [])).toThrow(InputError);
  });
});

describe('toActivityGroups', () => {
  it('keeps the three walking classes and merges the static postures', () => {
    expect(Array.from(toActivityGroups([0, 1, 2, 3, 4, 5]))).toEqual([0, 1, 2, 3, 3, 3]);
    expect(() => toActivityGroups([6])).toThrow(InputError);
  });
});

describe('rotationConsistency', () => {
  it('reports mean and worst over rotations and the per-window fraction', () => {
    // 4 windows × 3 rotations; rotation 1 flips two windows, rotation 2 flips one.
    const base = [0, 1, 2, 3];
    const rotated = [0, 0, 0, 1, 0, 1, 2, 9, 9, 3, 3, 3];
    const r = rotationConsistency(base, rotated, 3);
    expect(Array.from(r.perRotation)).toEqual([100, 50, 75]);
    expect(r.mean).toBeCloseTo(75, 12);
    expect(r.worst).toBe(50);
    expect(Array.from(r.perWindow).map((v) => v * 3)).toEqual([3, 2, 1, 3].map((v) => expect.closeTo(v, 12)));
    expect(() => rotationConsistency(base, rotated, 4)).toThrow(InputError);
  });
});
