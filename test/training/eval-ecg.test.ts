import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/random.js';
import type { EcgRecord } from '../../src/training/ecg-data.js';
import { ecgEvalSet, evaluateEcg } from '../../src/training/eval-ecg.js';
import type { OnnxModel } from '../../src/training/onnx-model.js';

const rate = 130;
const L = 260; // 2 s
/** Two synthetic records told apart by their frequency (2 Hz and 5 Hz), beats every 100 samples. */
function record(name: string, hz: number, seed: number): EcgRecord {
  const rng = createRng(seed);
  const signal = Float32Array.from({ length: 20 * rate }, (_, i) => Math.sin((2 * Math.PI * hz * i) / rate) + 0.01 * rng.normal());
  const beats = Int32Array.from({ length: 25 }, (_, k) => 30 + 100 * k);
  return { name, rate, signal, beats, beatClass: new Uint8Array(25) };
}

/** z_inv = spectral magnitude at 2 and 5 Hz (shift-invariant for whole cycles); z_var = first samples. */
function spectralEncoder(): OnnxModel {
  const mag = (x: Float32Array, o: number, hz: number) => {
    let re = 0;
    let im = 0;
    for (let i = 0; i < L; i++) {
      re += x[o + i]! * Math.cos((2 * Math.PI * hz * i) / rate);
      im += x[o + i]! * Math.sin((2 * Math.PI * hz * i) / rate);
    }
    return Math.hypot(re, im);
  };
  return {
    name: 'spectral',
    channels: 1,
    samples: L,
    dims: { inv: 2, var: 2, free: 0 },
    metadata: {},
    async run(x, count) {
      const z = new Float32Array(count * 4);
      for (let w = 0; w < count; w++) z.set([mag(x, w * L, 2), mag(x, w * L, 5), x[w * L]!, x[w * L + 1]!], w * 4);
      return { z };
    },
    release: async () => {},
  };
}

describe('evaluateEcg', () => {
  const set = ecgEvalSet([record('a', 2, 1), record('b', 5, 2)], L, 6);

  it('measures a shift-invariant, record-specific embedding as such', async () => {
    const r = await evaluateEcg(spectralEncoder(), set, 11);
    expect(r.windows).toBe(12);
    expect(r.records).toBe(2);
    expect(r.similarity.meanCurve[0]).toBeCloseTo(1, 6);
    expect(r.similarity.mean).toBeGreaterThan(0.99);
    expect(r.similarity.min).toBeGreaterThan(0.98);
    expect(r.retrievalTop1).toBe(1);
    expect(r.otherRecords).toBeLessThan(0.1);
    expect(r.fractions).toHaveLength(11);
    // z_var holds the first two samples, which change with the offset; z_inv does not.
    expect(r.transformDistance.inv).toBeLessThan(0.01);
    expect(r.transformDistance.var).toBeGreaterThan(0.3);
  });

  it('gives a constant embedding perfect similarity but chance retrieval', async () => {
    const constant: OnnxModel = {
      ...spectralEncoder(),
      async run(_x, count) {
        return { z: new Float32Array(count * 4).fill(1) };
      },
    };
    const r = await evaluateEcg(constant, set, 5);
    expect(r.similarity.mean).toBeCloseTo(1, 6);
    expect(r.otherRecords).toBeCloseTo(1, 6);
    // All gallery windows tie: the first one (record a) wins, so only record a's queries hit.
    expect(r.retrievalTop1).toBeCloseTo(0.5, 12);
    // Centred, a constant embedding carries nothing: every window cosine is 0, not 1.
    expect(r.honest.invariance.rawP5).toBeCloseTo(1, 6);
    expect(Math.abs(r.honest.invariance.p5)).toBeLessThan(1e-3);
  });
});

describe('evaluateEcg honest figures', () => {
  // Both records beat every 100 samples (1.3 Hz) with a 1.3 Hz sine locked to the beats, so a
  // window's first samples tell its cardiac phase; records b and d add a 5 Hz tone.
  function locked(name: string, tone: number, seed: number): EcgRecord {
    const rng = createRng(seed);
    const signal = Float32Array.from(
      { length: 40 * rate },
      (_, i) => Math.sin((2 * Math.PI * (i - 30)) / 100) + tone * Math.sin((2 * Math.PI * 5 * i) / rate) + 0.01 * rng.normal(),
    );
    const beats = Int32Array.from({ length: 52 }, (_, k) => 30 + 100 * k);
    return { name, rate, signal, beats, beatClass: new Uint8Array(52) };
  }
  const phased = ecgEvalSet([locked('a', 0, 1), locked('b', 0.2, 2), locked('c', 0, 3), locked('d', 0.2, 4)], L, 6);

  it('reads the phase from z_var and not from z_inv, and retrieves records across halves', async () => {
    // z_var: two samples a quarter of the 1.3 Hz cycle apart (sine and cosine of the phase).
    const base = spectralEncoder();
    const enc: OnnxModel = {
      ...base,
      async run(x, count) {
        const { z } = await base.run(x, count);
        for (let w = 0; w < count; w++) z.set([x[w * L]!, x[w * L + 25]!], w * 4 + 2);
        return { z };
      },
    };
    const r = await evaluateEcg(enc, phased, 11);
    expect(r.honest.phaseProbe.var).toBeGreaterThan(0.9);
    expect(r.honest.phaseProbe.inv).toBeLessThan(0.2);
    // z_inv (power at 2 and 5 Hz) and the DFT baseline both tell "tone" from "no tone" records,
    // but not a from c: half the queries find their own record.
    expect(r.honest.crossHalf.queries).toBe(40);
    expect(r.honest.crossHalf.spectral).toBeGreaterThanOrEqual(0.25);
    expect(r.honest.crossHalf.inv).toBeGreaterThanOrEqual(0.25);
    expect(r.honest.crossHalf.inv).toBeLessThanOrEqual(0.75);
    expect(r.honest.invariance.p5).toBeLessThanOrEqual(r.honest.invariance.mean);
    expect(r.honest.invariance.worst).toBeLessThanOrEqual(r.honest.invariance.p5);
  });
});
