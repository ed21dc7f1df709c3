// The session options the runtime gives onnxruntime per device: WASM sessions run the graph as
// exported (no graph optimisation, which costs memory in the worker for no speed on these
// encoders); native CPU and WebGPU sessions keep onnxruntime's full optimisation.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Device } from '../../src/model/device.js';
import { ModelRuntime, type OrtModule } from '../../src/model/runtime.js';
import { buildFixtureModel } from './fixture-model.js';

const m = buildFixtureModel();

/** An onnxruntime that records the options of each session it is asked for, then fails. */
function recordingOrt(seen: unknown[]): OrtModule {
  const create = async (_bytes: Uint8Array, options: unknown) => {
    seen.push(options);
    throw new Error('recorded');
  };
  return { env: { wasm: {} }, Tensor: class {}, InferenceSession: { create } } as unknown as OrtModule;
}

describe('session options', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('WASM sessions disable graph optimisation; cpu and webgpu sessions optimise fully', async () => {
    vi.stubGlobal('navigator', { gpu: { requestAdapter: async () => ({}) } });
    const levels: Record<string, unknown> = {};
    for (const device of ['wasm', 'cpu', 'webgpu'] as Device[]) {
      const seen: { graphOptimizationLevel?: string; executionProviders?: unknown[] }[] = [];
      const rt = new ModelRuntime(async () => recordingOrt(seen), { webgpu: true, node: true });
      await rt.load({ bytes: m.bytes, entry: m.entry, device, pick: 'first', warmupBatch: 1, threads: 1 }).catch(() => undefined);
      expect(seen, device).toHaveLength(1);
      levels[device] = seen[0]!.graphOptimizationLevel;
    }
    expect(levels).toEqual({ wasm: 'disabled', cpu: 'all', webgpu: 'all' });
  });
});
