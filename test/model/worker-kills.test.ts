// Lifecycle under fire: workers killed at random moments (loudly, or going silent so that only a
// timeout can tell), during batches and while their replacement loads. No window may be lost,
// duplicated or reordered, and the stream always ends.
import { afterEach, describe, expect, it } from 'vitest';
import { createNodeEncoder } from '../../src/model/node-encoder.js';
import { startNodeWorker } from '../../src/model/node-worker.js';
import type { Encoder } from '../../src/model/encoder.js';
import type { WorkerHandle } from '../../src/model/worker-handle.js';
import { buildFixtureModel } from './fixture-model.js';
import { fixtureWindow, maxDiff, reference } from './helpers.js';
import { channelWorker, rng, sleep, streamWindows, type KillableHandle } from './kill-helpers.js';

const m = buildFixtureModel();
const windows = Array.from({ length: 24 }, (_, i) => fixtureWindow(m, i));
const expected = windows.map((w) => reference(m, w).embedding);
const open: Encoder[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((e) => e.close()));
});

/** Checks that every window came back exactly once, in order, with the right embedding. */
function expectWhole(results: { seq: number; embedding: Float32Array }[]) {
  expect(results.map((r) => r.seq)).toEqual(windows.map((w) => w.seq));
  results.forEach((r, i) => expect(maxDiff(r.embedding, expected[i]!)).toBeLessThan(1e-5));
}

describe('random worker kills over a MessageChannel', () => {
  const TRIALS = 60;
  it(`loses, duplicates and reorders no window in ${TRIALS} trials of 3 kills each`, async () => {
    let killed = 0;
    for (let trial = 0; trial < TRIALS; trial++) {
      const random = rng(1000 + trial);
      const handles: KillableHandle[] = [];
      const enc = await createNodeEncoder({
        model: { bytes: m.bytes, entry: m.entry },
        device: 'wasm',
        restartWorker: true,
        shareWorker: false,
        runTimeoutMs: 300,
        startTimeoutMs: 1000,
        batch: { maxSize: 4 },
        worker: () => {
          const h = channelWorker();
          handles.push(h);
          return h;
        },
      });
      open.push(enc);
      const killer = (async () => {
        for (let k = 0; k < 3; k++) {
          await sleep(random() * 40);
          handles.at(-1)!.kill(random() < 0.5); // the newest worker: serving, or still loading
          killed++;
        }
      })();
      const results = await streamWindows(enc, windows, random, 10);
      await killer;
      expectWhole(results);
      await enc.close();
    }
    expect(killed).toBe(TRIALS * 3);
  }, 120_000);
});

describe('worker_threads deaths', () => {
  it('survives random kills of real worker threads', async () => {
    const TRIALS = 6;
    for (let trial = 0; trial < TRIALS; trial++) {
      const random = rng(77 + trial);
      const handles: WorkerHandle[] = [];
      const enc = await createNodeEncoder({
        model: { bytes: m.bytes, entry: m.entry },
        device: 'wasm', // terminating a thread inside onnxruntime-node's native code can abort the process
        restartWorker: true,
        shareWorker: false,
        batch: { maxSize: 4 },
        worker: () => {
          const h = startNodeWorker();
          handles.push(h);
          return h;
        },
      });
      open.push(enc);
      const killer = (async () => {
        for (let k = 0; k < 2; k++) {
          await sleep(random() * 400);
          await handles.at(-1)!.terminate();
        }
      })();
      const results = await streamWindows(enc, windows, random, 60);
      await killer;
      expectWhole(results);
      await enc.close();
    }
  }, 180_000);

  it('keeps going when the replacement worker dies too while it loads', async () => {
    const handles: WorkerHandle[] = [];
    const enc = await createNodeEncoder({
      model: { bytes: m.bytes, entry: m.entry },
      device: 'wasm',
      restartWorker: true,
      shareWorker: false,
      batch: { maxSize: 4 },
      worker: () => {
        const h = startNodeWorker();
        handles.push(h);
        if (handles.length === 2) setTimeout(() => void h.terminate(), 20); // dies during its start
        return h;
      },
    });
    open.push(enc);
    const pending = windows.map((w) => enc.embed([w]));
    await pending[0];
    await handles[0]!.terminate();
    const results = (await Promise.all(pending)).map((r) => r[0]!);
    expect(handles.length).toBe(3);
    expectWhole(results);
  }, 60_000);

  it('fails createNodeEncoder with E_WORKER when the worker never answers', async () => {
    const { Worker } = await import('node:worker_threads');
    const err = await createNodeEncoder({
      model: { bytes: m.bytes, entry: m.entry },
      startTimeoutMs: 500,
      worker: () => new Worker('setInterval(() => {}, 1000)', { eval: true }),
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'ModelError', code: 'E_WORKER', details: { timeoutMs: 500 } });
  }, 20_000);

  it('gives up after a bounded number of restarts in a row, with growing delays', async () => {
    const handles: KillableHandle[] = [];
    const startedAt: number[] = [];
    const enc = await createNodeEncoder({
      model: { bytes: m.bytes, entry: m.entry },
      device: 'wasm',
      restartWorker: true,
      shareWorker: false,
      startTimeoutMs: 200,
      worker: () => {
        const h = channelWorker();
        handles.push(h);
        startedAt.push(performance.now());
        if (handles.length > 1) h.kill(false); // every replacement stays silent
        return h;
      },
    });
    open.push(enc);
    await enc.embed([windows[0]!]);
    handles[0]!.kill(true);
    const err = await enc.embed([windows[1]!]).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'ModelError', code: 'E_WORKER', details: { retry: false, restarts: 5 } });
    expect(handles.length).toBe(6);
    const gaps = startedAt.slice(2).map((t, i) => t - startedAt[i + 1]!);
    gaps.slice(1).forEach((g, i) => expect(g).toBeGreaterThan(gaps[i]!)); // backoff doubles
  }, 40_000);
});
