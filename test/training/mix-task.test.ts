// Mixing an unlabelled task into every batch at a fixed share: where its rows go, what it
// carries (no class, its own negative groups, its phase targets) and that the task loss skips it.
import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../../src/core/random.js';
import { NO_CLASS, extraRows, mixTasks } from '../../src/training/mix-task.js';
import { ecgSpec } from '../../src/training/presets.js';
import { useTrainingBackend } from '../../src/training/tf/backend.js';
import { trainNetwork, type TrainMode, type TrainTask } from '../../src/training/trainer.js';

/** Windows of `width` samples holding `sign × (id + 1)`; class id % 3, group id % 4 + base, phase (id, −id). */
function fakeTask(count: number, sign: number, width = 4, labelled = true): TrainTask {
  return {
    count,
    makeBatch(ids: ArrayLike<number>, rng: Rng, mode: TrainMode) {
      const n = ids.length;
      const id = Array.from(ids);
      const fill = (s: number) => Float32Array.from({ length: n * width }, (_, k) => s * (id[Math.floor(k / width)]! + 1));
      const views = mode === 'scl' ? [1, 2] : [1];
      rng.int(2); // consumes the generator as real tasks do
      return {
        x1: fill(sign),
        ...(mode === 'scl' ? { x2: fill(2 * sign) } : {}),
        ...(labelled ? { y: Uint8Array.from(id, (v) => v % 3) } : {}),
        negatives: Int32Array.from(id, (v) => v % 4),
        phase: Float32Array.from(views.flatMap((v) => id.flatMap((i) => [v * sign * (i + 1), -v * sign * (i + 1)]))),
        phaseMask: Float32Array.from(views.flatMap(() => id.map((i) => (i % 2 ? 1 : 0)))),
      };
    },
  };
}

describe('mixTasks', () => {
  it('puts the share of extra windows after the main ones in every per-row field', () => {
    const main = fakeTask(100, 1);
    const extra = fakeTask(50, -1, 4, false);
    const task = mixTasks(main, extra, 0.25);
    expect(task.count).toBe(100);
    const ids = [10, 11, 12, 13, 14, 15, 16, 17];
    const b = task.makeBatch(ids, createRng(7), 'scl');
    // The same generator sequence by hand: main's 6 ids, then 2 draws, then extra's batch.
    const rng = createRng(7);
    const a = main.makeBatch(ids.slice(0, 6), rng, 'scl');
    const drawn = [rng.int(50), rng.int(50)];
    const e = extra.makeBatch(drawn, rng, 'scl');
    expect(Array.from(b.x1)).toEqual([...a.x1, ...e.x1]);
    expect(Array.from(b.x2!)).toEqual([...a.x2!, ...e.x2!]);
    expect(Array.from(b.y!)).toEqual([...a.y!, NO_CLASS, NO_CLASS]);
    expect(Array.from(b.negatives!)).toEqual([...Array.from(a.negatives!), ...Array.from(e.negatives!, (g) => -1 - g)]);
    // Phase rows: main x1, extra x1, main x2, extra x2.
    const half = (t: Float32Array, rows: number, second: boolean, w: number) =>
      Array.from(t.subarray(second ? rows * w : 0, (second ? 2 : 1) * rows * w));
    expect(Array.from(b.phase!)).toEqual([
      ...half(a.phase!, 6, false, 2),
      ...half(e.phase!, 2, false, 2),
      ...half(a.phase!, 6, true, 2),
      ...half(e.phase!, 2, true, 2),
    ]);
    expect(Array.from(b.phaseMask!)).toEqual([
      ...half(a.phaseMask!, 6, false, 1),
      ...half(e.phaseMask!, 2, false, 1),
      ...half(a.phaseMask!, 6, true, 1),
      ...half(e.phaseMask!, 2, true, 1),
    ]);
  });

  it('takes round(n × share) extra rows, leaving at least one main row, and rejects a share outside [0, 1)', () => {
    expect([0, 0.25, 0.5, 0.99].map((s) => extraRows(64, s))).toEqual([0, 16, 32, 63]);
    expect(extraRows(1, 0.5)).toBe(0);
    const b = mixTasks(fakeTask(100, 1), fakeTask(50, -1), 0.5).makeBatch([1, 2, 3, 4, 5, 6], createRng(1), 'plain');
    expect(Array.from(b.x1).filter((v) => v < 0)).toHaveLength(3 * 4);
    expect(b.x2).toBeUndefined();
    expect(b.phaseMask).toHaveLength(6);
    for (const share of [-0.1, 1, NaN])
      expect(() => mixTasks(fakeTask(1, 1), fakeTask(1, 1), share)).toThrow(expect.objectContaining({ code: 'E_ARGUMENT' }));
  });

  it('adds no task loss for the extra rows', async () => {
    await useTrainingBackend('wasm');
    const spec = ecgSpec(undefined, 64);
    const task = (labelled: boolean): TrainTask => {
      const t = fakeTask(16, 1, 64, labelled);
      return {
        count: 16,
        makeBatch: (ids, rng, mode) => ({
          ...t.makeBatch(ids, rng, mode),
          ...(labelled ? {} : { y: new Uint8Array(ids.length).fill(NO_CLASS) }),
        }),
      };
    };
    const o = { mode: 'plain', epochs: 1, batch: 8, lr: 1e-3, seed: 1, lambda: 1, beta: 1, eps: 1e-3, clip: 5, maxSteps: 1 } as const;
    expect((await trainNetwork(spec, task(true), o)).history[0]!.task).toBeGreaterThan(0.1);
    expect((await trainNetwork(spec, task(false), o)).history[0]!.task).toBe(0);
  });
});
