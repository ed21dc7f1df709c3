// The head's math: gradients against finite differences, Adam's closed-form first step,
// learning separable and non-linear problems, and bit-identical resumption.
import { describe, expect, it } from 'vitest';
import { headBackward, headProbs, headScratch, paramCount, type HeadShape } from '../../src/finetune/head.js';
import { adamStep } from '../../src/finetune/adam.js';
import { HeadTrainer, DEFAULT_HEAD_CONFIG, type Split } from '../../src/finetune/trainer.js';
import { checkExamples, splitHoldout } from '../../src/finetune/examples.js';
import { createRng } from '../../src/core/random.js';
import { TrainingError } from '../../src/errors.js';

function lossAt(s: HeadShape, p: Float32Array, x: Float32Array, rows: number, y: number[]): number {
  const sc = headScratch(s);
  let l = 0;
  for (let r = 0; r < rows; r++) l -= Math.log(headProbs(s, p, x, r, sc)[y[r]!]!);
  return l / rows;
}

/** Blobs: class c centred at a different corner, with noise. */
function blobs(n: number, dim: number, classes: number, seed: number): Split {
  const rng = createRng(seed);
  const x = new Float32Array(n * dim);
  const y = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = i % classes;
    for (let j = 0; j < dim; j++) x[i * dim + j] = (j % classes === y[i] ? 2 : 0) + rng.normal() * 0.5;
  }
  return { x, y };
}

describe('head', () => {
  for (const hidden of [0, 5]) {
    it(`backward matches finite differences (hidden = ${hidden})`, () => {
      const s: HeadShape = { inputDim: 4, hidden, classes: 3 };
      const rng = createRng(3);
      // Float64 parameters would be ideal; use values representable in float32 and a large step.
      const p = Float32Array.from({ length: paramCount(s) }, () => rng.normal() * 0.5);
      const x = Float32Array.from({ length: 3 * 4 }, () => rng.normal());
      const y = [0, 2, 1];
      const g = new Float64Array(p.length);
      const sc = headScratch(s);
      for (let r = 0; r < 3; r++) {
        headProbs(s, p, x, r, sc);
        headBackward(s, p, x, r, y[r]!, sc, g, 1 / 3);
      }
      for (let i = 0; i < p.length; i++) {
        const h = 1e-2;
        const saved = p[i]!;
        p[i] = saved + h;
        const up = lossAt(s, p, x, 3, y);
        const hUp = p[i]! - saved;
        p[i] = saved - h;
        const down = lossAt(s, p, x, 3, y);
        const hDown = saved - p[i]!;
        p[i] = saved;
        expect(g[i]!).toBeCloseTo((up - down) / (hUp + hDown), 3);
      }
    });
  }

  it('starts from uniform probabilities with zero parameters', () => {
    const s: HeadShape = { inputDim: 3, hidden: 0, classes: 4 };
    expect([...headProbs(s, new Float32Array(paramCount(s)), new Float32Array([1, -2, 3]), 0, headScratch(s))]).toEqual([
      0.25, 0.25, 0.25, 0.25,
    ]);
  });

  it('takes the closed-form first Adam step: lr · g / (|g| + ε)', () => {
    const p = new Float32Array([1, 1, 1]);
    const g = Float64Array.from([0.5, -2, 0]);
    adamStep(p, g, new Float32Array(3), new Float32Array(3), 1, { learningRate: 0.1 });
    expect(p[0]).toBeCloseTo(0.9, 6);
    expect(p[1]).toBeCloseTo(1.1, 6);
    expect(p[2]).toBe(1);
  });
});

describe('HeadTrainer', () => {
  it('separates blobs with softmax regression', () => {
    const shape = { inputDim: 6, hidden: 0, classes: 3 };
    const t = new HeadTrainer(shape, { ...DEFAULT_HEAD_CONFIG, epochs: 30 }, blobs(90, 6, 3, 1), blobs(60, 6, 3, 2));
    const first = t.runEpoch();
    let last = first;
    while (!t.done) last = t.runEpoch();
    expect(last.epoch).toBe(30);
    expect(last.trainLoss).toBeLessThan(first.trainLoss);
    expect(last.holdoutAccuracy).toBeGreaterThan(0.95);
  });

  it('learns XOR with a hidden layer, which softmax regression cannot', () => {
    const xor = (n: number, seed: number): Split => {
      const rng = createRng(seed);
      const x = new Float32Array(n * 2);
      const y = new Uint16Array(n);
      for (let i = 0; i < n; i++) {
        const a = rng.next() < 0.5 ? -1 : 1;
        const b = rng.next() < 0.5 ? -1 : 1;
        x[2 * i] = a + rng.normal() * 0.1;
        x[2 * i + 1] = b + rng.normal() * 0.1;
        y[i] = a === b ? 0 : 1;
      }
      return { x, y };
    };
    const accuracy = (hidden: number) => {
      const t = new HeadTrainer(
        { inputDim: 2, hidden, classes: 2 },
        { ...DEFAULT_HEAD_CONFIG, hidden, epochs: 150, learningRate: 0.03 },
        xor(200, 1),
        xor(200, 2),
      );
      let m = t.runEpoch();
      while (!t.done) m = t.runEpoch();
      return m.holdoutAccuracy!;
    };
    expect(accuracy(16)).toBeGreaterThan(0.97);
    expect(accuracy(0)).toBeLessThan(0.8);
  });

  it('continues bit-identically from a snapshot taken mid-training', () => {
    const shape = { inputDim: 6, hidden: 8, classes: 3 };
    const config = { ...DEFAULT_HEAD_CONFIG, hidden: 8, epochs: 10 };
    const train = blobs(50, 6, 3, 5);
    const hold = blobs(20, 6, 3, 6);
    const straight = new HeadTrainer(shape, config, train, hold);
    const all = [];
    while (!straight.done) all.push(straight.runEpoch());
    const first = new HeadTrainer(shape, config, train, hold);
    const part = [];
    for (let e = 0; e < 4; e++) part.push(first.runEpoch());
    const resumed = new HeadTrainer(shape, config, train, hold, structuredClone(first.snapshot()));
    while (!resumed.done) part.push(resumed.runEpoch());
    expect(part).toEqual(all);
    expect(resumed.snapshot()).toEqual(straight.snapshot());
  });

  it('stops with E_DIVERGED when the loss blows up', () => {
    const shape = { inputDim: 2, hidden: 0, classes: 2 };
    const train = { x: new Float32Array([Number.MAX_VALUE, 1, -Number.MAX_VALUE, 1]), y: new Uint16Array([0, 1]) };
    const t = new HeadTrainer(shape, { ...DEFAULT_HEAD_CONFIG, learningRate: 1e30 }, train, {
      x: new Float32Array(0),
      y: new Uint16Array(0),
    });
    const err = (() => {
      try {
        t.runEpoch();
        t.runEpoch();
      } catch (e) {
        return e;
      }
    })() as TrainingError;
    expect(err).toBeInstanceOf(TrainingError);
    expect(err.code).toBe('E_DIVERGED');
  });
});

describe('examples', () => {
  it('holds out about a fraction of each class, seeded, keeping one training example per class', () => {
    const y = Uint16Array.from([...Array(10).fill(0), ...Array(10).fill(1), 2]);
    const { train, holdout } = splitHoldout(y, 3, 0.2, 7);
    const count = (idx: Int32Array, c: number) => [...idx].filter((i) => y[i] === c).length;
    expect([0, 1, 2].map((c) => count(holdout, c))).toEqual([2, 2, 0]);
    expect([0, 1, 2].map((c) => count(train, c))).toEqual([8, 8, 1]);
    expect(new Set([...train, ...holdout]).size).toBe(21);
    expect(splitHoldout(y, 3, 0.2, 7)).toEqual({ train, holdout });
    expect(splitHoldout(y, 3, 0.2, 8).holdout).not.toEqual(holdout);
  });

  it('rejects unusable examples with E_DATA', () => {
    const ok = { dim: 2, classes: ['a', 'b'], x: new Float32Array([0, 1, 2, 3]), y: new Uint16Array([0, 1]) };
    expect(() => checkExamples(ok)).not.toThrow();
    const cases = [
      { ...ok, x: new Float32Array([0, Number.NaN, 2, 3]) },
      { ...ok, y: new Uint16Array([0, 0]) },
      { ...ok, y: new Uint16Array([0, 2]) },
      { ...ok, x: new Float32Array(3) },
      { ...ok, classes: ['a'] },
    ];
    for (const c of cases) expect(() => checkExamples(c)).toThrow(expect.objectContaining({ code: 'E_DATA' }));
  });
});
