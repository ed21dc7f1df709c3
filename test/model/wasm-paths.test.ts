// The real onnxruntime-web, started with a wasmPaths where its files are not: the error says so.
// (Own file: onnxruntime-web keeps its first backend failure for the life of the module.)
import { describe, expect, it } from 'vitest';
import { ModelError } from '../../src/errors.js';
import { loadOrtNode } from '../../src/model/ort-node.js';
import { ModelRuntime } from '../../src/model/runtime.js';
import { buildFixtureModel } from './fixture-model.js';

describe('wasmPaths', () => {
  it('a wasmPaths without the runtime files is E_DEVICE naming wasmPaths and its value', async () => {
    const m = buildFixtureModel();
    const rt = new ModelRuntime(loadOrtNode, { webgpu: false, node: true });
    const err = await rt
      .load({ bytes: m.bytes, entry: m.entry, device: 'wasm', pick: 'first', warmupBatch: 1, threads: 1, wasmPaths: '/nowhere/ort/' })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(err).toBeInstanceOf(ModelError);
    expect((err as ModelError).code).toBe('E_DEVICE');
    expect((err as ModelError).message).toContain('wasmPaths "/nowhere/ort/"');
  });
});
