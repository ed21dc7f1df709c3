import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { cosineSimilarity, latentSlice, phaseSimilarity, retrievalTop1 } from '../../src/scl/metrics.js';

describe('latentSlice', () => {
  it('orders the groups inv, var, free', () => {
    const dims = { inv: 32, var: 8, free: 24 };
    expect(latentSlice(dims, 'inv')).toEqual({ offset: 0, length: 32 });
    expect(latentSlice(dims, 'var')).toEqual({ offset: 32, length: 8 });
    expect(latentSlice(dims, 'free')).toEqual({ offset: 40, length: 24 });
  });
});

describe('cosineSimilarity', () => {
  it('is the cosine of the angle between vectors, 0 for a zero vector', () => {
    expect(cosineSimilarity([1, 0], [1, 1])).toBeCloseTo(Math.SQRT1_2, 12);
    expect(cosineSimilarity([2, 0, 0], [-5, 0, 0])).toBeCloseTo(-1, 12);
    expect(cosineSimilarity([0, 0], [1, 2])).toBe(0);
    expect(() => cosineSimilarity([1], [1, 2])).toThrow(InputError);
  });
});

describe('phaseSimilarity', () => {
  // Window w's invariant part sits at angle a_w; shifted by s it turns by s·0.1 rad, so the
  // similarity at shift s is cos(0.1·s + jitter_w) in closed form. Dims 2..3 are ignored.
  it('reports the mean curve, its mean and minimum, and the worst window', () => {
    const windows = 3;
    const shifts = 4;
    const jitter = [0, 0.2, -0.1];
    const base = new Float32Array(windows * 4);
    const shifted = new Float32Array(windows * shifts * 4);
    for (let w = 0; w < windows; w++) {
      const a = w * 1.3;
      base.set([Math.cos(a), Math.sin(a), 5, -5], w * 4);
      for (let s = 0; s < shifts; s++) {
        const b = a + 0.1 * s + jitter[w]! * (s > 0 ? 1 : 0);
        shifted.set([3 * Math.cos(b), 3 * Math.sin(b), -9, 9], (w * shifts + s) * 4);
      }
    }
    const r = phaseSimilarity(base, shifted, windows, shifts, 4, { offset: 0, length: 2 });
    for (let s = 0; s < shifts; s++) {
      const cs = jitter.map((j) => Math.cos(0.1 * s + (s > 0 ? j : 0)));
      expect(r.meanCurve[s]).toBeCloseTo((cs[0]! + cs[1]! + cs[2]!) / 3, 6);
      expect(r.minCurve[s]).toBeCloseTo(Math.min(...cs), 6);
    }
    expect(r.mean).toBeCloseTo(Array.from(r.meanCurve).reduce((a, b) => a + b) / shifts, 12);
    expect(r.min).toBeCloseTo(r.meanCurve[3]!, 12);
    expect(r.worst).toBeCloseTo(Math.cos(0.5), 6);
    expect(() => phaseSimilarity(base, shifted, windows, 5, 4, { offset: 0, length: 2 })).toThrow(InputError);
    expect(() => phaseSimilarity(base, shifted, windows, shifts, 4, { offset: 3, length: 2 })).toThrow(InputError);
  });
});

describe('retrievalTop1', () => {
  it('counts queries whose nearest gallery window comes from the same record', () => {
    // Records 0 and 1 live near the x and y axes; query 2 has drifted towards record 0.
    const gallery = new Float32Array([1, 0.1, 1, -0.1, 0.1, 1, -0.1, 1]);
    const galleryRec = [0, 0, 1, 1];
    const queries = new Float32Array([1, 0.3, 0.2, 1, 1, 0.8]);
    expect(retrievalTop1(queries, [0, 1, 1], gallery, galleryRec, 2, { offset: 0, length: 2 })).toBeCloseTo(2 / 3, 12);
    // Only the first dim: every query with x > 0 is nearest to a record-0 window.
    expect(retrievalTop1(queries, [0, 1, 1], gallery, galleryRec, 2, { offset: 0, length: 1 })).toBeCloseTo(1 / 3, 12);
  });
});
