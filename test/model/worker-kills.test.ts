// Lifecycle under fire: workers killed at random moments (loudly, or going silent so that only a
// timeout can tell), during batches and while their replacement loads. No window may be lost,
// duplicated or reordered, and the stream always ends.
import { afterEach, describe, expect, it } from 'vitest';
import { createNodeEncoder, type NodeEncoderOptions } from '../../src/model/node-encoder.js';
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

/**
 * An encoder with restart on, on its own workers started by `start` (kept in `handles`).
 * WASM throughout; kills of onnxruntime-node (`cpu`) workers are in worker-stops.test.ts.
 */
async function restarting<H extends WorkerHandle>(start: (handles: H[]) => H, over: Partial<NodeEncoderOptions> = {}) {
  const handles: H[] = [];
  const enc = await createNodeEncoder({
    model: { bytes: m.bytes, entry: m.entry },
    device: 'wasm',
    restartWorker: true,
    shareWorker: false,
    batch: { maxSize: 4 },
    worker: () => {
      const h = start(handles);
      handles.push(h);
      return h;
    },
    ...over,
  });
  open.push(enc);
  return { enc, handles };
}

/** Checks that every window came back exactly once, in order, with the right embedding. */
function expectWhole(results: { seq: number; embedding: Float32Array }[]) {
  expect(results.map((r) => r.seq)).toEqual(windows.map((w) => w.seq));
  results.forEach((r, i) => expect(maxDiff(r.embedding, expected[i]!)).toBeLessThan(1e-5));
}

/** Streams the windows while `kill` is applied `kills` times to the newest worker, at random moments. */
async function trial<H extends WorkerHandle>(
  enc: Encoder,
  handles: H[],
  random: () => number,
  kills: number,
  maxDelayMs: number,
  kill: (h: H) => unknown,
) {
  const killer = (async () => {
    for (let k = 0; k < kills; k++) {
      await sleep(random() * maxDelayMs); // the moment of the kill is the input under test, not a wait
      await kill(handles.at(-1)!); // the newest worker: serving, or still loading
    }
  })();
  const results = await streamWindows(enc, windows, random, maxDelayMs / 4);
  await killer;
  expectWhole(results);
  await enc.close();
}

describe('random worker kills over a MessageChannel', () => {
  const TRIALS = 60;
  it(`loses, duplicates and reorders no window in ${TRIALS} trials of 3 kills each`, async () => {
    for (let t = 0; t < TRIALS; t++) {
      const random = rng(1000 + t);
      const { enc, handles } = await restarting<KillableHandle>(channelWorker, { runTimeoutMs: 300, startTimeoutMs: 1000 });
      await trial(enc, handles, random, 3, 40, (h) => h.kill(random() < 0.5)); // half silent
    }
  }, 120_000);
});

describe('worker_threads deaths', () => {
  it('survives random kills of real worker threads', async () => {
    for (let t = 0; t < 6; t++) {
      const { enc, handles } = await restarting(startNodeWorker);
      await trial(enc, handles, rng(77 + t), 2, 400, (h) => h.terminate());
    }
  }, 180_000);

  it('keeps going when the replacement worker dies too while it loads', async () => {
    const { enc, handles } = await restarting((hs) => {
      const h = startNodeWorker();
      if (hs.length === 1) setTimeout(() => void h.terminate(), 20); // the second one dies during its start
      return h;
    });
    const pending = windows.map((w) => enc.embed([w]));
    await pending[0];
    await handles[0]!.terminate();
    expectWhole((await Promise.all(pending)).map((r) => r[0]!));
    expect(handles.length).toBe(3);
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
    const startedAt: number[] = [];
    const { enc, handles } = await restarting<KillableHandle>(
      (hs) => {
        const h = channelWorker();
        startedAt.push(performance.now());
        if (hs.length > 0) h.kill(false); // every replacement stays silent
        return h;
      },
      { startTimeoutMs: 200 },
    );
    await enc.embed([windows[0]!]);
    handles[0]!.kill(true);
    const err = await enc.embed([windows[1]!]).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'ModelError', code: 'E_WORKER', details: { retry: false, restarts: 5 } });
    expect(handles.length).toBe(6);
    const gaps = startedAt.slice(2).map((t, i) => t - startedAt[i + 1]!);
    expect(gaps.at(-1)!).toBeGreaterThan(2 * gaps[0]!); // the backoff grows (doubling: 16× from first to last)
  }, 40_000);
});
