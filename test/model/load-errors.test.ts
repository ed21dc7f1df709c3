// Load failures say what failed: a damaged model file is a model error on every device; a
// runtime that cannot start is a device error that names what to fix.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ModelError } from '../../src/errors.js';
import type { Device } from '../../src/model/device.js';
import { loadOrtNode } from '../../src/model/ort-node.js';
import { ModelRuntime, type OrtModule, type RuntimeLoadRequest } from '../../src/model/runtime.js';
import { buildFixtureModel } from './fixture-model.js';

const m = buildFixtureModel();
const request = (device: RuntimeLoadRequest['device'], over: Partial<RuntimeLoadRequest> = {}): RuntimeLoadRequest => ({
  bytes: new Uint8Array(64).fill(7),
  entry: m.entry,
  device,
  pick: 'first',
  warmupBatch: 1,
  threads: 1,
  ...over,
});

/** An onnxruntime whose session creation fails with `message` (what the real ones say). */
const failingOrt = (message: string): OrtModule =>
  ({
    env: { wasm: {} },
    Tensor: class {},
    InferenceSession: { create: async () => Promise.reject(new Error(message)) },
  }) as unknown as OrtModule;

const failure = async (p: Promise<unknown>) =>
  p.then(
    () => new Error('did not fail'),
    (e: unknown) => e,
  );

describe('load errors', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('a damaged model file is E_MODEL_LOAD on cpu, webgpu and wasm, naming the file', async () => {
    vi.stubGlobal('navigator', { gpu: { requestAdapter: async () => ({}) } });
    for (const device of ['cpu', 'webgpu', 'wasm'] as Device[]) {
      const rt = new ModelRuntime(
        async () =>
          failingOrt("Can't create a session. ERROR_CODE: 7, ERROR_MESSAGE: Failed to load model because protobuf parsing failed."),
        { webgpu: true, node: true },
      );
      const err = await failure(rt.load(request(device)));
      expect(err, device).toBeInstanceOf(ModelError);
      expect((err as ModelError).code, device).toBe('E_MODEL_LOAD');
      expect((err as ModelError).message).toContain(m.entry.file);
    }
  });

  it('a runtime that is not installed or has no adapter is E_DEVICE', async () => {
    const missing = new ModelRuntime(async () => Promise.reject(new Error("Cannot find package 'onnxruntime-node'")), {
      webgpu: false,
      node: true,
    });
    expect(((await failure(missing.load(request('cpu')))) as ModelError).code).toBe('E_DEVICE');
    vi.stubGlobal('navigator', { gpu: { requestAdapter: async () => null } });
    const noAdapter = new ModelRuntime(async () => failingOrt('unused'), { webgpu: true, node: false });
    expect(((await failure(noAdapter.load(request('webgpu')))) as ModelError).code).toBe('E_DEVICE');
  });

  it('onnxruntime-web files that cannot be loaded name wasmPaths', async () => {
    const ortSays = "no available backend found. ERR: [wasm] Error: Cannot find module '/bad/dir/ort-wasm-simd-threaded.mjs'";
    const rt = new ModelRuntime(async () => failingOrt(ortSays), { webgpu: false, node: false });
    const err = (await failure(rt.load(request('wasm', { wasmPaths: '/bad/dir/' })))) as ModelError;
    expect(err).toBeInstanceOf(ModelError);
    expect(err.code).toBe('E_DEVICE');
    expect(err.message).toMatch(/wasmPaths "\/bad\/dir\/"/);
    const byDefault = (await failure(
      new ModelRuntime(async () => failingOrt(ortSays), { webgpu: false, node: false }).load(request('wasm')),
    )) as ModelError;
    expect(byDefault.message).toMatch(/wasmPaths/);
  });

  it('releases every compiled session when timing the devices fails', async () => {
    // Two devices compile (onnxruntime-web's WASM standing in for WebGPU); runs after the two
    // compile checks fail, so the timing of 'fastest' fails.
    vi.stubGlobal('navigator', { gpu: { requestAdapter: async () => ({}) } });
    const web = await loadOrtNode('wasm');
    const count = { opened: 0, released: 0, runs: 0 };
    const InferenceSession = {
      async create(bytes: Uint8Array) {
        const session = await web.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
        count.opened++;
        const run = session.run.bind(session);
        const release = session.release.bind(session);
        return Object.assign(session, {
          run: (...a: Parameters<typeof run>) => (++count.runs > 2 ? Promise.reject(new Error('kernel failed')) : run(...a)),
          release: () => (count.released++, release()),
        });
      },
    };
    const rt = new ModelRuntime(async () => ({ ...web, InferenceSession }) as unknown as OrtModule, { webgpu: true, node: false });
    const err = await failure(rt.load(request('auto', { bytes: m.bytes, pick: 'fastest' })));
    expect([(err as ModelError).code, (err as ModelError).message]).toEqual([
      'E_MODEL_LOAD',
      `cannot time ${m.entry.file} on webgpu and wasm: kernel failed`,
    ]);
    expect(count).toEqual({ opened: 2, released: 2, runs: 3 });
  });
});
