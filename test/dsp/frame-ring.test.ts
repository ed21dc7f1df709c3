import { describe, expect, it } from 'vitest';
import { FrameRing } from '../../src/dsp/frame-ring.js';

const frames = (from: number, n: number, nc = 2) => Float32Array.from({ length: n * nc }, (_, i) => from * nc + i);

describe('FrameRing', () => {
  it('reads back any held range by absolute frame index, across the wrap', () => {
    const ring = new FrameRing(2, 5);
    ring.write(frames(0, 3));
    ring.write(frames(3, 4)); // frames 0..6 written, 2..6 held
    expect([ring.start, ring.end]).toEqual([2, 7]);
    const out = new Float32Array(10);
    ring.read(2, 5, out);
    expect(out).toEqual(frames(2, 5));
    const part = new Float32Array(6);
    ring.read(4, 2, part, 1);
    expect(Array.from(part)).toEqual([0, 0, 8, 9, 10, 11]);
  });

  it('keeps only the newest frames of a write longer than its capacity', () => {
    const ring = new FrameRing(1, 4);
    ring.write(frames(0, 10, 1));
    const out = new Float32Array(4);
    ring.read(6, 4, out);
    expect(Array.from(out)).toEqual([6, 7, 8, 9]);
    ring.write(frames(10, 3, 1).subarray(1), 1, 1); // frame 11 only: the srcFrame offset is honoured
    ring.read(7, 4, out);
    expect(Array.from(out)).toEqual([7, 8, 9, 12]);
  });

  it('refuses ranges it no longer (or not yet) holds, and restarts at 0 after reset', () => {
    const ring = new FrameRing(1, 4);
    ring.write(frames(0, 6, 1));
    expect(() => ring.read(1, 2, new Float32Array(2))).toThrow(/from/);
    expect(() => ring.read(4, 3, new Float32Array(3))).toThrow(/from/);
    ring.reset();
    expect([ring.start, ring.end]).toEqual([0, 0]);
    expect(() => new FrameRing(0, 4)).toThrow(/channels/);
  });
});
