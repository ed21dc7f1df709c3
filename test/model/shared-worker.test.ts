// One worker, many models: encoders started with the same worker options share one worker (and
// one onnxruntime instance); closing one keeps the others working; `shareWorker: false` opts out.
import { afterEach, describe, expect, it } from 'vitest';
import { createNodeEncoder, type NodeEncoderOptions } from '../../src/model/node-encoder.js';
import type { Encoder } from '../../src/model/encoder.js';
import { buildFixtureModel } from './fixture-model.js';
import { fixtureWindow, maxDiff, reference } from './helpers.js';
import { channelWorker, type KillableHandle } from './kill-helpers.js';

const m = buildFixtureModel();
const open: Encoder[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((e) => e.close()));
});

function counting() {
  const handles: KillableHandle[] = [];
  const terminated: KillableHandle[] = [];
  const start = () => {
    const h = channelWorker();
    const stop = h.terminate;
    h.terminate = () => (terminated.push(h), stop());
    handles.push(h);
    return h;
  };
  return { handles, terminated, start };
}

async function encoder(options: Partial<NodeEncoderOptions>): Promise<Encoder> {
  const enc = await createNodeEncoder({ model: { bytes: m.bytes, entry: m.entry }, device: 'wasm', ...options });
  open.push(enc);
  return enc;
}

async function expectWorks(enc: Encoder, seq: number) {
  const [r] = await enc.embed([fixtureWindow(m, seq)]);
  expect(maxDiff(r!.embedding, reference(m, fixtureWindow(m, seq)).embedding)).toBeLessThan(1e-5);
}

describe('shared encoder worker', () => {
  it('runs two encoders on one worker and stops it with the last of them', async () => {
    const w = counting();
    const a = await encoder({ worker: w.start });
    const b = await encoder({ worker: w.start });
    expect(w.handles.length).toBe(1);
    await Promise.all([expectWorks(a, 1), expectWorks(b, 2)]);
    await a.close();
    expect(w.terminated.length).toBe(0);
    await expectWorks(b, 3); // the other encoder keeps working
    await expect(a.embed([fixtureWindow(m, 4)])).rejects.toMatchObject({ code: 'E_CLOSED' });
    await b.close();
    expect(w.terminated.length).toBe(1);
  });

  it('gives each encoder its own worker with shareWorker: false or other runtime options', async () => {
    const w = counting();
    await encoder({ worker: w.start, shareWorker: false });
    await encoder({ worker: w.start, shareWorker: false });
    await encoder({ worker: w.start, runTimeoutMs: 5000 });
    expect(w.handles.length).toBe(3);
  });

  it('reloads every model of a shared worker after a restart', async () => {
    const w = counting();
    const a = await encoder({ worker: w.start, restartWorker: true });
    const b = await encoder({ worker: w.start, restartWorker: true });
    await expectWorks(a, 1);
    w.handles[0]!.kill(true);
    await Promise.all([expectWorks(a, 5), expectWorks(b, 6)]);
    expect(w.handles.length).toBe(2);
  });
});

describe('closing while a worker starts', () => {
  it('terminates a worker whose start was still running when its last encoder went away', async () => {
    const w = counting();
    // The worker starts at once, while the model is read; the read fails.
    const err = await createNodeEncoder({
      model: 'imu',
      device: 'wasm',
      worker: w.start,
      manifestPath: '/nonexistent/manifest.json',
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'E_MODEL_NOT_FOUND' });
    expect(w.handles.length).toBe(1);
    expect(w.terminated.length).toBe(w.handles.length); // a worker started for a model that never came is stopped
  });
});
