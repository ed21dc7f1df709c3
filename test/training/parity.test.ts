import { describe, expect, it, vi } from 'vitest';

// The real onnxruntime-web, with sessions counted as they open and close; `failRuns` makes
// every run fail as a broken kernel would.
const state = vi.hoisted(() => ({ opened: 0, released: 0, failRuns: false }));
vi.mock('../../src/model/ort-node.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/model/ort-node.js')>();
  const web = await import('onnxruntime-web');
  web.env.wasm.numThreads = 1;
  const InferenceSession = {
    async create(...args: Parameters<typeof web.InferenceSession.create>) {
      const session = await web.InferenceSession.create(...args);
      state.opened++;
      const run = session.run.bind(session);
      const release = session.release.bind(session);
      return Object.assign(session, {
        run: (...a: Parameters<typeof run>) => (state.failRuns ? Promise.reject(new Error('kernel failed')) : run(...a)),
        release: () => (state.released++, release()),
      });
    },
  };
  return { ...original, importOrtForNode: async () => ({ native: false, ort: { ...web, InferenceSession } }) };
});

const { exportParity } = await import('../../src/training/parity.js');
const { initNetwork } = await import('../../src/training/networks.js');
const { exportOnnx } = await import('../../src/training/onnx/export.js');
const { imuSpec } = await import('../../src/training/presets.js');
const { TrainingError } = await import('../../src/errors.js');

const spec = { ...imuSpec({ inv: 4, var: 2, free: 2 }), conv: [{ filters: 4, kernel: 5, stride: 2 }] };
const params = initNetwork(spec, 1);
const windows = Float32Array.from({ length: 2 * 6 * 128 }, (_, i) => Math.sin(i * 0.07));

describe('exportParity', () => {
  it('matches tfjs on the exported model and releases its session', async () => {
    state.opened = state.released = 0;
    expect(await exportParity(spec, params, exportOnnx(spec, params), windows, 2)).toBeLessThan(1e-4);
    expect([state.opened, state.released]).toEqual([1, 1]);
  });

  it('releases the onnxruntime session when running the exported model fails', async () => {
    state.opened = state.released = 0;
    state.failRuns = true;
    try {
      await expect(exportParity(spec, params, exportOnnx(spec, params), windows, 2)).rejects.toThrow('kernel failed');
    } finally {
      state.failRuns = false;
    }
    expect([state.opened, state.released]).toEqual([1, 1]);
  });

  it('fails with E_EXPORT and releases the session when the exported model lacks an output', async () => {
    state.opened = state.released = 0;
    const headless = exportOnnx({ ...spec, classes: 0, groups: undefined }, params);
    const err = await exportParity(spec, params, headless, windows, 2).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TrainingError);
    expect([(err as InstanceType<typeof TrainingError>).code, (err as Error).message]).toEqual([
      'E_EXPORT',
      'exported model lacks output logits',
    ]);
    expect([state.opened, state.released]).toEqual([1, 1]);
  });
});
