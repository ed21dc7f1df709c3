// The worker path: comlink over an in-process MessageChannel (fast) and real worker_threads
// (Node's equivalent of the browser's Web Worker), including a worker killed mid-stream.
import { afterEach, describe, expect, it } from 'vitest';
import { ModelError } from '../../src/errors.js';
import { exposeModelRuntime } from '../../src/model/expose.js';
import { startNodeWorker } from '../../src/model/node-worker.js';
import { createNodeEncoder } from '../../src/model/node-encoder.js';
import { loadOrtNode } from '../../src/model/ort-node.js';
import { WindowPacker } from '../../src/model/pack.js';
import type { LoadProgress } from '../../src/model/progress.js';
import { createWorkerBackend, type WorkerHandle } from '../../src/model/worker-backend.js';
import type { Encoder } from '../../src/model/encoder.js';
import { buildFixtureModel } from './fixture-model.js';
import { fixtureWindow, maxDiff, reference } from './helpers.js';

const m = buildFixtureModel();
const req = { bytes: m.bytes, entry: m.entry, device: 'cpu' as const, pick: 'first' as const, warmupBatch: 2, threads: 1 };

function channelHandle(): WorkerHandle {
  const { port1, port2 } = new MessageChannel();
  exposeModelRuntime(port1, loadOrtNode);
  return {
    endpoint: port2,
    terminate: () => {
      port1.close();
      port2.close();
    },
    onDeath: () => undefined,
  };
}

const open: Encoder[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((e) => e.close()));
});

describe('worker backend over a MessageChannel', () => {
  it('transfers the input batch instead of copying it and returns correct outputs', async () => {
    const backend = await createWorkerBackend(channelHandle, req);
    const packer = new WindowPacker(m.entry);
    const input = new Float32Array(2 * packer.windowSize);
    const ws = [fixtureWindow(m, 0), fixtureWindow(m, 1)];
    ws.forEach((w, i) => packer.pack(w, input, i));
    const pending = backend.run(input, 2);
    expect(input.byteLength).toBe(0); // detached: the buffer now belongs to the other side
    const out = await pending;
    expect(out.input.length).toBe(2 * packer.windowSize); // and comes back for reuse
    expect(maxDiff(out.outputs.embedding!.subarray(12, 24), reference(m, ws[1]!).embedding)).toBeLessThan(1e-5);
    await backend.close();
  });

  it("moves onnxruntime's output buffers to the caller: no copy on either side", async () => {
    // The worker side's onnxruntime, keeping the arrays its runs give.
    const given: Float32Array[] = [];
    const tapped = async (device: Parameters<typeof loadOrtNode>[0]) => {
      const o = await loadOrtNode(device);
      const create = async (...args: Parameters<typeof o.InferenceSession.create>) => {
        const session = await o.InferenceSession.create(...args);
        const run = session.run.bind(session);
        return Object.assign(session, {
          run: async (...a: Parameters<typeof run>) => {
            const res = await run(...a);
            given.push(...Object.values(res).map((t) => t.data as Float32Array));
            return res;
          },
        });
      };
      return { ...o, InferenceSession: { create } } as typeof o;
    };
    const { port1, port2 } = new MessageChannel();
    exposeModelRuntime(port1, tapped);
    const backend = await createWorkerBackend(
      () => ({
        endpoint: port2,
        terminate: () => {
          port1.close();
          port2.close();
        },
        onDeath: () => undefined,
      }),
      req,
    );
    given.length = 0; // the check run of the load
    const out = await backend.run(new Float32Array(3 * new WindowPacker(m.entry).windowSize), 3);
    expect(out.dims).toEqual({ embedding: [3, m.spec.dim], logits: [3, m.spec.classes.length] });
    expect(given.map((v) => v.byteLength)).toEqual([0, 0]); // detached in the worker: moved, not copied
    for (const v of Object.values(out.outputs)) expect(v.byteLength).toBe(v.buffer.byteLength);
    await backend.close();
  });

  it('rethrows a worker-side SdkError with its class, code and details', async () => {
    const err = await createWorkerBackend(channelHandle, { ...req, entry: { ...m.entry, outputs: { embedding: 'nope' } } }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ModelError);
    expect([(err as ModelError).code, (err as ModelError).details]).toEqual(['E_MODEL_SPEC', { file: 'fixture.onnx' }]);
  });
});

describe('createNodeEncoder with worker_threads', () => {
  it('gives the same outputs as in-process, and reports progress in order', async () => {
    const events: LoadProgress['status'][] = [];
    const inWorker = await createNodeEncoder({ model: { bytes: m.bytes, entry: m.entry }, onProgress: (e) => events.push(e.status) });
    const inProcess = await createNodeEncoder({ model: { bytes: m.bytes, entry: m.entry }, worker: false });
    open.push(inWorker, inProcess);
    expect(events).toEqual(['verify', 'compile', 'ready']);
    expect(inWorker.device).toBe('cpu');
    const ws = [0, 1, 2].map((i) => fixtureWindow(m, i));
    const [a, b] = await Promise.all([inWorker.classify(ws), inProcess.classify(ws)]);
    a.forEach((r, i) => {
      expect(maxDiff(r.embedding, b[i]!.embedding)).toBeLessThan(1e-6);
      expect(r.label).toBe(b[i]!.label);
    });
  });

  it('restarts a killed worker when asked and loses no window', async () => {
    const handles: WorkerHandle[] = [];
    const enc = await createNodeEncoder({
      model: { bytes: m.bytes, entry: m.entry },
      restartWorker: true,
      batch: { maxSize: 4 },
      worker: () => {
        const h = startNodeWorker();
        handles.push(h);
        return h;
      },
    });
    open.push(enc);
    const ws = Array.from({ length: 40 }, (_, i) => fixtureWindow(m, i));
    const pending = ws.map((w) => enc.embed([w]));
    await pending[0]; // the first batch is back; the other nine are in flight or queued
    await handles[0]!.terminate();
    const results = (await Promise.all(pending)).map((r) => r[0]!);
    expect(handles.length).toBe(2);
    expect(results.map((r) => r.seq)).toEqual(ws.map((w) => w.seq));
    results.forEach((r, i) => expect(maxDiff(r.embedding, reference(m, ws[i]!).embedding)).toBeLessThan(1e-5));
  });

  it('fails with E_WORKER when the worker dies and restart is off', async () => {
    const handles: WorkerHandle[] = [];
    const enc = await createNodeEncoder({
      model: { bytes: m.bytes, entry: m.entry },
      worker: () => {
        const h = startNodeWorker();
        handles.push(h);
        return h;
      },
    });
    open.push(enc);
    await handles[0]!.terminate();
    await expect(enc.embed([fixtureWindow(m, 0)])).rejects.toMatchObject({ name: 'ModelError', code: 'E_WORKER' });
  });
});
