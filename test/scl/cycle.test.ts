import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { cycleLength, drawCycleShift, shiftGrid } from '../../src/scl/cycle.js';
import { createRng } from '../../src/core/random.js';

describe('cycleLength', () => {
  it('is the median RR of the beats inside the window', () => {
    const beats = [100, 400, 700, 1000, 1300];
    expect(cycleLength(beats, 350, 800)).toBe(300);
    // One premature beat (RR 150 then 450) does not move the median of four intervals much.
    expect(cycleLength([0, 300, 600, 750, 1200, 1500], 0, 1600)).toBe(300);
  });

  it('uses the interval around the start when the window holds fewer than two beats', () => {
    expect(cycleLength([0, 280, 600], 300, 200)).toBe(320);
    expect(cycleLength([0, 280], 2000, 100, 250)).toBe(250);
    expect(() => cycleLength([0, 280], 2000, 100)).toThrow(InputError);
    expect(() => cycleLength([0, 280, 280, 500], 0, 600)).toThrow(InputError);
  });
});

describe('drawCycleShift', () => {
  it('draws every shift from 0 to the whole cycle, uniformly', () => {
    const rng = createRng(3);
    const counts = new Array(11).fill(0);
    const n = 22_000;
    for (let i = 0; i < n; i++) counts[drawCycleShift(rng, 10)]++;
    // Each of the 11 values expects 2000 (SD ≈ 43).
    for (const c of counts) expect(Math.abs(c - 2000)).toBeLessThan(200);
    expect(() => drawCycleShift(rng, 0)).toThrow(InputError);
  });
});

describe('shiftGrid', () => {
  it('spans 0 to the whole cycle evenly', () => {
    expect(Array.from(shiftGrid(100, 5))).toEqual([0, 25, 50, 75, 100]);
    expect(Array.from(shiftGrid(7, 3))).toEqual([0, 4, 7]);
    expect(() => shiftGrid(100, 1)).toThrow(InputError);
  });
});
