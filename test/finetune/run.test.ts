// fineTune / resumeRuns over IndexedDB: runs, per-epoch metrics, checkpoints, resumption after
// a page died, cancellation, applying and activating the head.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { fineTune, resumeRuns } from '../../src/finetune/run.js';
import type { FineTuneProgress } from '../../src/finetune/types.js';
import { activeHead, headClassifier } from '../../src/finetune/classifier.js';
import type { FineTuneExamples } from '../../src/finetune/examples.js';
import { openWearDb } from '../../src/storage/open.js';
import { getRun, listRuns } from '../../src/storage/runs.js';
import { activateCheckpoint } from '../../src/storage/checkpoints.js';
import { idbOf, type WearDb } from '../../src/storage/wear-db.js';
import type { EmbeddingResult } from '../../src/model/encoder.js';
import { createRng } from '../../src/core/random.js';

let n = 0;
const freshDb = () => openWearDb({ name: `ft-${process.pid}-${++n}` });

/** Three classes of 8-dim features (inv 4 + free 4) around different centres. */
function examples(perClass: number, seed: number): FineTuneExamples {
  const rng = createRng(seed);
  const dim = 8;
  const x = new Float32Array(perClass * 3 * dim);
  const y = new Uint16Array(perClass * 3);
  for (let i = 0; i < y.length; i++) {
    y[i] = i % 3;
    for (let j = 0; j < dim; j++) x[i * dim + j] = (j % 3 === y[i] ? 1.5 : 0) + rng.normal() * 0.6;
  }
  return { dim, classes: ['WALKING', 'SITTING', 'hopping'], x, y };
}

const asResults = (ex: FineTuneExamples): EmbeddingResult[] =>
  Array.from(ex.y, (_, i) => {
    const row = ex.x.subarray(i * 8, i * 8 + 8);
    return { seq: i, start: 0, t0: i, t1: i + 1, embedding: row, inv: row.subarray(0, 4), var: new Float32Array(0), free: row.subarray(4) };
  });

/** A view of db whose per-epoch saves of runs fail after `k` of them, like a page that died mid-run. */
function dyingAfter(db: WearDb, k: number): WearDb {
  let puts = 0;
  return new Proxy(db, {
    get(t, prop) {
      if (prop === 'put')
        return (store: 'runs', v: never) =>
          store === 'runs' && ++puts > k ? Promise.reject(new DOMException('gone', 'UnknownError')) : idbOf(t).put(store, v);
      const v = Reflect.get(t, prop);
      return typeof v === 'function' ? v.bind(t) : v;
    },
  });
}

describe('fineTune', () => {
  it('trains, saves every epoch and a checkpoint of the best one, and reports progress in order', async () => {
    const db = await freshDb();
    const seen: FineTuneProgress[] = [];
    const { run, checkpoint } = await fineTune(db, examples(10, 1), { model: 'imu', epochs: 12 }, { onProgress: (p) => seen.push(p) });
    expect(seen[0]).toMatchObject({ status: 'started', train: 24, holdout: 6, fromEpoch: 0 });
    const stored = await getRun(db, run.id);
    expect(stored).toMatchObject({ status: 'complete', checkpoint: checkpoint!.id });
    const epochs = stored.epochs as { epoch: number; holdoutAccuracy: number; holdoutLoss: number }[];
    expect(epochs.map((e) => e.epoch)).toEqual([...Array(12).keys()].map((e) => e + 1));
    const bestAcc = Math.max(...epochs.map((e) => e.holdoutAccuracy));
    const best = epochs.filter((e) => e.holdoutAccuracy === bestAcc).sort((a, b) => a.holdoutLoss - b.holdoutLoss)[0]!;
    // Then refit on all 30 examples for the best epoch count.
    expect(seen.map((p) => p.status)).toEqual(['started', ...Array(12).fill('epoch'), ...Array(best.epoch).fill('refit'), 'complete']);
    expect(checkpoint!.metrics).toEqual({ ...best, refitEpochs: best.epoch });
    expect(checkpoint).toMatchObject({ model: 'imu', classes: ['WALKING', 'SITTING', 'hopping'] });
    // The head classifies fresh examples of the same classes.
    const test = examples(30, 99);
    const preds = headClassifier(checkpoint!).classify(asResults(test));
    const acc = preds.filter((p, i) => p.labelIndex === test.y[i]).length / preds.length;
    expect(acc).toBeGreaterThan(0.85);
    expect(preds[0]!.label).toBe(test.classes[preds[0]!.labelIndex]);
  });

  it('resumes a run whose page died to exactly the result of an uninterrupted run', async () => {
    const db = await freshDb();
    const ex = examples(10, 2);
    const config = { model: 'imu', epochs: 15, hidden: 6, seed: 3 };
    const straight = await fineTune(db, ex, config);
    // Dies after saving 5 epochs: the run stays `running` with 5 epochs saved.
    const err = await fineTune(dyingAfter(db, 5), ex, config).catch((e) => e);
    expect(err.code).toBe('E_STORAGE');
    const [dead] = await listRuns(db, 'running');
    expect(dead!.epochs.length).toBe(5);
    const seen: FineTuneProgress[] = [];
    const [resumed] = await resumeRuns(db, { staleMs: 0, onProgress: (p) => seen.push(p) });
    expect(seen[0]).toMatchObject({ status: 'started', fromEpoch: 5 });
    expect(resumed!.run.epochs).toEqual(straight.run.epochs);
    expect(resumed!.checkpoint!.head).toEqual(straight.checkpoint!.head);
    expect(await listRuns(db, 'running')).toEqual([]);
  });

  it('resumes a run that died while refitting to the same head', async () => {
    const db = await freshDb();
    const ex = examples(10, 7);
    const config = { model: 'imu', epochs: 8, seed: 4 };
    const straight = await fineTune(db, ex, config);
    const refitEpochs = (straight.checkpoint!.metrics as { refitEpochs: number }).refitEpochs;
    expect(refitEpochs).toBeGreaterThan(1);
    await fineTune(dyingAfter(db, 8 + 1), ex, config).catch(() => undefined); // one refit epoch saved
    const [resumed] = await resumeRuns(db, { staleMs: 0 });
    expect(resumed!.checkpoint!.head).toEqual(straight.checkpoint!.head);
  });

  it("keeps the best epoch's head when refit is off", async () => {
    const db = await freshDb();
    const seen: FineTuneProgress[] = [];
    const { run, checkpoint } = await fineTune(
      db,
      examples(10, 8),
      { model: 'imu', epochs: 6, refit: false },
      { onProgress: (p) => seen.push(p) },
    );
    expect(seen.some((p) => p.status === 'refit')).toBe(false);
    const best = (checkpoint!.metrics as { epoch: number }).epoch;
    expect(checkpoint!.metrics).toEqual(run.epochs[best - 1]);
  });

  it('stops after the current epoch when cancelled, keeping the run', async () => {
    const db = await freshDb();
    const ac = new AbortController();
    const { run, checkpoint } = await fineTune(
      db,
      examples(5, 3),
      { model: 'imu', epochs: 50 },
      {
        signal: ac.signal,
        onProgress: (p) => p.status === 'epoch' && p.metrics.epoch === 3 && ac.abort(),
      },
    );
    expect(checkpoint).toBeUndefined();
    expect(await getRun(db, run.id)).toMatchObject({ status: 'cancelled' });
    expect(run.epochs.length).toBe(3);
  });

  it('refuses unusable examples and settings before storing anything', async () => {
    const db = await freshDb();
    const ex = examples(4, 4);
    expect((await fineTune(db, { ...ex, y: new Uint16Array(ex.y.length) }, { model: 'imu' }).catch((e) => e)).code).toBe('E_DATA');
    const bad = await fineTune(db, ex, { model: 'imu', holdout: 1 }).catch((e) => e);
    expect(bad.details.argument).toBe('config.holdout');
    expect(await listRuns(db)).toEqual([]);
  });

  it('serves the active head, and detects heads that do not fit', async () => {
    const db = await freshDb();
    expect(await activeHead(db, 'imu')).toBeNull();
    const { checkpoint } = await fineTune(db, examples(6, 5), { model: 'imu', epochs: 5 });
    await activateCheckpoint(db, checkpoint!.id);
    const head = (await activeHead(db, 'imu'))!;
    expect(head.id).toBe(checkpoint!.id);
    const short = { ...asResults(examples(1, 6))[0]!, free: new Float32Array(2) };
    expect(() => head.classify([short])).toThrow(expect.objectContaining({ code: 'E_SHAPE' }));
    expect(() => headClassifier({ ...checkpoint!, head: { shape: { inputDim: 8, hidden: 0, classes: 3 } } })).toThrow(
      expect.objectContaining({ code: 'E_CHECKPOINT' }),
    );
  });
});
