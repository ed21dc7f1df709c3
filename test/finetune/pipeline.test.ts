// End to end with the shipped `imu` encoder: a recorded, labelled session of real UCI HAR data
// (subject 2, laying then walking) replayed through `embed`, labelled by its intervals, and a
// head fine-tuned on it that tells the two activities apart.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { from, lastValueFrom, toArray } from 'rxjs';
import type { SampleBatch } from '../../src/core/batch.js';
import { createNodeEncoder } from '../../src/model/node-encoder.js';
import { embed } from '../../src/model/embed.js';
import type { Encoder } from '../../src/model/encoder.js';
import { openWearDb } from '../../src/storage/open.js';
import { createSession } from '../../src/storage/sessions.js';
import { addLabel } from '../../src/storage/labels.js';
import { recordSession } from '../../src/storage/record-session.js';
import { collectExamples } from '../../src/finetune/collect.js';
import { fineTune } from '../../src/finetune/run.js';
import { headClassifier } from '../../src/finetune/classifier.js';
import { IMU_CHANNELS } from '../storage/helpers.js';

/** The fixture as 25-frame batches (a gap where its time jumps) and its label intervals. */
function fixture() {
  const lines = readFileSync(join(import.meta.dirname, '../fixtures/csv/ucihar-s2-laying-walking.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1);
  const rows = lines.map((l) => l.split(','));
  const t = rows.map((r) => Number(r[0]));
  const segments: { label: string; from: number; to: number }[] = [];
  rows.forEach((r, i) => {
    const last = segments.at(-1);
    if (last && last.label === r[7] && t[i]! - t[i - 1]! < 0.03) last.to = i + 1;
    else segments.push({ label: r[7]!, from: i, to: i + 1 });
  });
  const batches: SampleBatch[] = [];
  for (const s of segments) {
    for (let i = s.from; i < s.to; i += 25) {
      const n = Math.min(25, s.to - i);
      const data = Float32Array.from(rows.slice(i, i + n).flatMap((r) => r.slice(1, 7).map(Number)));
      batches.push({
        kind: 'imu',
        channels: IMU_CHANNELS,
        rate: 50,
        t0: t[i]!,
        seq: batches.length,
        length: n,
        data,
        ...(i === s.from && s.from > 0 && { gapBefore: t[i]! - t[i - 1]! - 0.02 }),
      });
    }
  }
  return { batches, labels: segments.map((s) => ({ label: s.label, start: t[s.from]!, end: t[s.to - 1]! + 0.02 })) };
}

let encoder: Encoder | undefined;
afterAll(() => encoder?.close());

describe('fine-tuning from a recorded session with the shipped encoder', () => {
  it('collects labelled windows through embed and trains a head that separates them', async () => {
    const db = await openWearDb({ name: 'pipeline' });
    const { batches, labels } = fixture();
    const { id } = await createSession(db, { subject: 'UCI HAR 2' });
    await lastValueFrom(from(batches).pipe(recordSession(db, id)));
    for (const l of labels) await addLabel(db, id, l);
    encoder = await createNodeEncoder({ model: 'imu', worker: false });
    const ex = await collectExamples(db, [id], embed(encoder, { hopSeconds: 0.5 }));
    expect(ex.classes).toEqual(['laying', 'walking']);
    const count = (c: number) => [...ex.y].filter((y) => y === c).length;
    expect(count(0)).toBeGreaterThanOrEqual(3);
    expect(count(1)).toBeGreaterThanOrEqual(10);
    for (const [i, s] of ex.sources.entries()) {
      const l = labels.find((x) => x.label === ex.classes[ex.y[i]!])!;
      expect(s.t0).toBeGreaterThanOrEqual(l.start - 1e-6);
      expect(s.t1).toBeLessThanOrEqual(l.end + 1e-6);
    }
    expect(ex.dim).toBe(
      encoder.entry.embedding.inv[1] - encoder.entry.embedding.inv[0] + encoder.entry.embedding.free[1] - encoder.entry.embedding.free[0],
    );
    const { checkpoint } = await fineTune(db, ex, { model: 'imu', epochs: 30 });
    const results = await lastValueFrom(from(batches).pipe(embed(encoder, { hopSeconds: 0.5 }), toArray()));
    const kept = results.filter((r) => ex.sources.some((s) => s.t0 === r.t0));
    const preds = headClassifier(checkpoint!).classify(kept);
    expect(preds.map((p) => p.label)).toEqual(kept.map((r) => labels.find((l) => r.t0 >= l.start - 1e-6 && r.t1 <= l.end + 1e-6)!.label));
  }, 60_000);
});
