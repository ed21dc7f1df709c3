// collectExamples labels replayed windows by activity interval; the worker API trains over a
// MessageChannel with progress callbacks, and errors keep their class and code.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { from, map, type OperatorFunction } from 'rxjs';
import { collectExamples } from '../../src/finetune/collect.js';
import { connectFineTuner, exposeFineTuner } from '../../src/finetune/worker-api.js';
import type { FineTuneProgress } from '../../src/finetune/types.js';
import { openWearDb } from '../../src/storage/open.js';
import { createSession } from '../../src/storage/sessions.js';
import { addLabel } from '../../src/storage/labels.js';
import { recordSession } from '../../src/storage/record-session.js';
import { getRun } from '../../src/storage/runs.js';
import type { SampleBatch } from '../../src/core/batch.js';
import type { EmbeddingResult } from '../../src/model/encoder.js';
import { TrainingError } from '../../src/errors.js';
import { lastValueFrom } from 'rxjs';

/** A stand-in encoder: one window per batch; features are the batch's mean and its t0. */
const fakeEmbed: OperatorFunction<SampleBatch, EmbeddingResult> = map((b) => {
  let s = 0;
  for (const v of b.data) s += v;
  const inv = new Float32Array([s / b.data.length]);
  const free = new Float32Array([b.t0]);
  const t1 = b.t0 + b.length / b.rate;
  return {
    seq: b.seq,
    start: Math.round(b.t0 * b.rate),
    t0: b.t0,
    t1,
    embedding: new Float32Array([inv[0]!, 0, free[0]!]),
    inv,
    var: new Float32Array([0]),
    free,
  };
});

const oneSecond = (k: number, level: number): SampleBatch => ({
  kind: 'acc',
  channels: [{ name: 'ax', unit: 'g' }],
  rate: 10,
  t0: k,
  seq: k,
  length: 10,
  data: new Float32Array(10).fill(level),
});

describe('collectExamples', () => {
  it('keeps windows lying inside one activity and labels them by it', async () => {
    const db = await openWearDb({ name: 'collect' });
    const { id } = await createSession(db);
    // 0-4 s rest (level 0), 4-8 s walk (level 1), 8-10 s unlabelled.
    await lastValueFrom(
      from(Array.from({ length: 10 }, (_, k) => oneSecond(k, k < 4 ? 0 : 1))).pipe(recordSession(db, id, { maxChunkFrames: 10 })),
    );
    await addLabel(db, id, { label: 'rest', start: 0, end: 4 });
    await addLabel(db, id, { label: 'walk', start: 3.5, end: 8 });
    const ex = await collectExamples(db, [id], fakeEmbed);
    expect(ex.classes).toEqual(['rest', 'walk']);
    expect(ex.sources.map((s) => s.t0)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect([...ex.y]).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
    expect(ex.dim).toBe(2);
    expect([...ex.x.subarray(8, 10)]).toEqual([1, 4]); // inv then free of the 5th window
    const half = await collectExamples(db, [id], fakeEmbed, { minCover: 0.5, classes: ['walk'] });
    expect(half.sources.map((s) => s.t0)).toEqual([4, 5, 6, 7]);
    expect((await collectExamples(db, [id], fakeEmbed, { classes: ['swim'] }).catch((e) => e)).code).toBe('E_DATA');
  });
});

describe('fine-tuning worker API', () => {
  it('trains through comlink with progress callbacks and typed errors', async () => {
    const { port1, port2 } = new MessageChannel();
    exposeFineTuner(port2, 'worker-db');
    const tuner = connectFineTuner(port1);
    const x = Float32Array.from({ length: 40 }, (_, i) => (i % 2) + 0.1 * Math.sin(i * 7));
    const y = Uint16Array.from({ length: 40 }, (_, i) => i % 2);
    const seen: FineTuneProgress['status'][] = [];
    const r = await tuner.fineTune(
      { dim: 1, classes: ['a', 'b'], x, y },
      { model: 'acc', epochs: 4, refit: false },
      { onProgress: (p) => seen.push(p.status) },
    );
    expect(seen).toEqual(['started', 'epoch', 'epoch', 'epoch', 'epoch', 'complete']);
    expect(r.run.status).toBe('complete');
    expect(r.run.state).toBeUndefined(); // the training state stays in the worker's database
    expect((await getRun(await openWearDb({ name: 'worker-db' }), r.run.id)).state).toBeDefined();
    const err = await tuner.fineTune({ dim: 1, classes: ['a'], x, y }, { model: 'acc' }).catch((e) => e);
    expect(err).toBeInstanceOf(TrainingError);
    expect(err.code).toBe('E_DATA');
    void tuner.close();
    port1.close();
  });
});
