import { describe, expect, it } from 'vitest';
import { ModelError } from '../../src/errors.js';
import type { Device } from '../../src/model/device.js';
import { loadOrtNode } from '../../src/model/ort-node.js';
import type { LoadProgress } from '../../src/model/progress.js';
import { ModelRuntime, type RuntimeLoadRequest } from '../../src/model/runtime.js';
import { WindowPacker } from '../../src/model/pack.js';
import { buildFixtureModel, imuSpec, type FixtureModel } from './fixture-model.js';
import { fixtureWindow, maxDiff, reference } from './helpers.js';

const nct = buildFixtureModel();
const ntc = buildFixtureModel({ ...imuSpec, layout: 'NTC', seed: 11 });
const node = { webgpu: false, node: true };

const request = (m: FixtureModel, device: RuntimeLoadRequest['device'], over: Partial<RuntimeLoadRequest> = {}): RuntimeLoadRequest => ({
  bytes: m.bytes,
  entry: m.entry,
  device,
  pick: 'fastest',
  warmupBatch: 4,
  threads: 1,
  ...over,
});

async function runWindows(rt: ModelRuntime, m: FixtureModel, n: number) {
  const packer = new WindowPacker(m.entry);
  const input = new Float32Array(n * packer.windowSize);
  const windows = Array.from({ length: n }, (_, i) => fixtureWindow(m, i));
  windows.forEach((w, i) => packer.pack(w, input, i));
  const { outputs, dims } = await rt.run(input, n);
  return { windows, outputs, dims };
}

const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    return err instanceof ModelError ? err : new ModelError('E_INFERENCE', `not a ModelError: ${String(err)}`);
  }
  return new ModelError('E_INFERENCE', 'did not fail');
};

describe('ModelRuntime', () => {
  for (const device of ['cpu', 'wasm'] as Device[]) {
    for (const m of [nct, ntc]) {
      it(`${device}, ${m.entry.input.layout}: embeddings and logits equal the reference forward pass within 1e-5`, async () => {
        const rt = new ModelRuntime(loadOrtNode, node);
        expect(await rt.load(request(m, device))).toEqual({ device, reason: `requested ${device}` });
        const n = 5;
        const { windows, outputs, dims } = await runWindows(rt, m, n);
        const { dim, classes } = m.spec;
        expect(dims).toEqual({ embedding: [n, dim], logits: [n, classes.length] });
        const { embedding, logits } = outputs;
        windows.forEach((w, i) => {
          const ref = reference(m, w);
          expect(maxDiff(embedding!.subarray(i * dim, (i + 1) * dim), ref.embedding)).toBeLessThan(1e-5);
          expect(maxDiff(logits!.subarray(i * classes.length, (i + 1) * classes.length), ref.logits)).toBeLessThan(1e-5);
        });
        await rt.close();
      });
    }
  }

  it("'auto' in Node takes onnxruntime-node, and falls back to WASM saying why when it is missing", async () => {
    const events: LoadProgress[] = [];
    const rt = new ModelRuntime(async (d) => {
      if (d === 'cpu') throw new Error("Cannot find package 'onnxruntime-node'");
      return loadOrtNode(d);
    }, node);
    const info = await rt.load(request(nct, 'auto'), (e) => events.push(e));
    expect(info.device).toBe('wasm');
    expect(info.reason).toBe("auto: wasm (cpu failed: Cannot find package 'onnxruntime-node')");
    expect(events.map((e) => e.status)).toEqual(['compile', 'compile', 'ready']);
    await rt.close();
    expect((await new ModelRuntime(loadOrtNode, node).load(request(nct, 'auto'))).device).toBe('cpu');
  });

  it('rejects a model that does not match its manifest entry with E_MODEL_SPEC', async () => {
    const rt = new ModelRuntime(loadOrtNode, node);
    const wrongLength = await failure(rt.load(request(nct, 'cpu', { entry: { ...nct.entry, windowSamples: 100 } })));
    expect([wrongLength.code, wrongLength.message]).toEqual([
      'E_MODEL_SPEC',
      'fixture.onnx does not match its manifest entry: input "x" is [batch, 6, 128], the manifest says NCT with 6 channels × 100 samples',
    ]);
    const wrongOutput = await failure(rt.load(request(nct, 'cpu', { entry: { ...nct.entry, outputs: { embedding: 'z' } } })));
    expect(wrongOutput.code).toBe('E_MODEL_SPEC');
    const noGroups = await failure(
      rt.load(
        request(nct, 'cpu', {
          entry: {
            ...nct.entry,
            outputs: { ...nct.entry.outputs, groupLogits: 'groups' },
            groups: { names: ['g'], ofClass: nct.entry.classes!.map(() => 0) },
          },
        }),
      ),
    );
    expect([noGroups.code, noGroups.message]).toEqual([
      'E_MODEL_SPEC',
      'fixture.onnx does not match its manifest entry: no output "groups" (outputs: embedding, logits)',
    ]);
    const wrongDim = await failure(
      rt.load(request(nct, 'cpu', { entry: { ...nct.entry, embedding: { dim: 10, inv: [0, 4], var: [4, 6], free: [6, 10] } } })),
    );
    expect([wrongDim.code, wrongDim.message.includes('output "embedding" is [1, 12], expected [1, 10]')]).toEqual(['E_MODEL_SPEC', true]);
  });

  it('rejects corrupt bytes with E_MODEL_LOAD and an unavailable explicit device with E_DEVICE', async () => {
    const rt = new ModelRuntime(loadOrtNode, node);
    const bytes = nct.bytes.slice(0, 400);
    expect((await failure(rt.load(request(nct, 'wasm', { bytes })))).code).toBe('E_MODEL_LOAD');
    const auto = await failure(rt.load(request(nct, 'auto', { bytes })));
    expect([auto.code, auto.details?.attempts && (auto.details.attempts as string[]).length]).toEqual(['E_MODEL_LOAD', 2]);
    const gpu = await failure(rt.load(request(nct, 'webgpu')));
    expect([gpu.code, gpu.message]).toEqual([
      'E_DEVICE',
      'cannot load fixture.onnx on webgpu: WebGPU unavailable: navigator.gpu is missing',
    ]);
  });

  it('fails run() with E_CLOSED once closed', async () => {
    const rt = new ModelRuntime(loadOrtNode, node);
    await rt.load(request(nct, 'cpu'));
    await rt.close();
    expect((await failure(rt.run(new Float32Array(6 * 128), 1))).code).toBe('E_CLOSED');
  });
});

describe("the training exporter's graph (test/fixtures/models/tiny-imu.onnx)", () => {
  it('loads against a manifest entry and gives the same outputs on onnxruntime-node and WASM', async () => {
    const { readFileSync } = await import('node:fs');
    const bytes = new Uint8Array(readFileSync(new URL('../fixtures/models/tiny-imu.onnx', import.meta.url)));
    const entry = {
      ...nct.entry,
      file: 'tiny-imu.onnx',
      outputs: { embedding: 'z', logits: 'logits' },
      embedding: { dim: 8, inv: [0, 4], var: [4, 6], free: [6, 8] },
      classes: ['a', 'b', 'c', 'd', 'e', 'f'],
    } as const;
    const input = () => Float32Array.from({ length: 3 * 6 * 128 }, (_, i) => Math.sin(i * 0.05) + ((i >> 7) % 6 === 0 ? 1 : 0));
    const outs: Record<string, Float32Array>[] = [];
    for (const device of ['cpu', 'wasm'] as const) {
      const rt = new ModelRuntime(loadOrtNode, node);
      await rt.load({ ...request(nct, device), bytes, entry });
      outs.push((await rt.run(input(), 3)).outputs);
      await rt.close();
    }
    expect(Object.keys(outs[0]!)).toEqual(['z', 'logits']);
    expect([outs[0]!.z!.length, outs[0]!.logits!.length]).toEqual([3 * 8, 3 * 6]);
    for (const name of ['z', 'logits']) expect(maxDiff(outs[0]![name]!, outs[1]![name]!)).toBeLessThan(1e-5);
    // With groups in the manifest the group logits come too; the rest is unchanged.
    const grouped = {
      ...entry,
      outputs: { embedding: 'z', logits: 'logits', groupLogits: 'group_logits' },
      groups: { names: ['w', 'u', 'd', 's'], ofClass: [0, 1, 2, 3, 3, 3] },
    } as const;
    const rt = new ModelRuntime(loadOrtNode, node);
    await rt.load({ ...request(nct, 'cpu'), bytes, entry: grouped });
    const out = await rt.run(input(), 3);
    await rt.close();
    expect(out.dims).toEqual({ z: [3, 8], logits: [3, 6], group_logits: [3, 4] });
    for (const name of ['z', 'logits']) expect(maxDiff(out.outputs[name]!, outs[0]![name]!)).toBeLessThan(1e-6);
    const groups = out.outputs.group_logits!;
    expect(groups.every(Number.isFinite)).toBe(true);
    expect(new Set(groups).size).toBeGreaterThan(1);
    // Group logits of another size than the manifest's groups are refused.
    const wrongGroups = await failure(
      new ModelRuntime(loadOrtNode, node).load({
        ...request(nct, 'cpu'),
        bytes,
        entry: { ...grouped, groups: { names: ['w', 'u', 'd'], ofClass: [0, 1, 2, 2, 2, 2] } },
      }),
    );
    expect([wrongGroups.code, wrongGroups.message]).toEqual([
      'E_MODEL_SPEC',
      'tiny-imu.onnx does not match its manifest entry: output "group_logits" is [1, 4], expected [1, 3] (3 groups)',
    ]);
  });
});
