// The one session path: outputs by name in buffers of their own, typed errors for outputs that
// are missing or not float32, and sessions released when the work on them fails.
import { describe, expect, it } from 'vitest';
import { ModelError } from '../../src/errors.js';
import type { OrtModule } from '../../src/model/ort-module.js';
import { openSession, releaseOnError, runSession } from '../../src/model/session.js';

interface FakeTensor {
  type: string;
  data: Float32Array | Int32Array;
  dims: number[];
  dispose(): void;
}

/** An onnxruntime whose runs answer `outputs` (whatever is fetched), counting disposals and releases. */
function fakeOrt(outputs: () => Record<string, Omit<FakeTensor, 'dispose'>>) {
  const count = { disposed: 0, released: 0, fed: [] as number[][] };
  const ort = {
    Tensor: class {
      constructor(
        readonly type: string,
        readonly data: Float32Array,
        readonly dims: number[],
      ) {}
    },
    InferenceSession: {
      create: async () => ({
        run: async (feeds: Record<string, { dims: number[] }>) => {
          count.fed.push(feeds.x!.dims);
          return Object.fromEntries(Object.entries(outputs()).map(([k, t]) => [k, { ...t, dispose: () => count.disposed++ }]));
        },
        release: async () => {
          count.released++;
        },
      }),
    },
    env: {},
  } as unknown as OrtModule;
  return { ort, count };
}

describe('runSession', () => {
  it('hands outputs that own their buffers as they are, and copies views of a shared buffer', async () => {
    const shared = new Float32Array([1, 2, 3, 4, 5, 6]);
    const own = new Float32Array([7, 8]);
    const { ort, count } = fakeOrt(() => ({
      z: { type: 'float32', data: shared.subarray(0, 4), dims: [2, 2] },
      logits: { type: 'float32', data: shared.subarray(4), dims: [2, 1] },
      g: { type: 'float32', data: own, dims: [2, 1] },
    }));
    const s = await openSession(ort, new Uint8Array(1));
    const out = await runSession(s, 'x', new Float32Array(6), [2, 3, 1], ['z', 'logits', 'g']);
    expect(count.fed).toEqual([[2, 3, 1]]);
    expect(out.dims).toEqual({ z: [2, 2], logits: [2, 1], g: [2, 1] });
    expect(Object.fromEntries(Object.entries(out.outputs).map(([k, v]) => [k, Array.from(v)]))).toEqual({
      z: [1, 2, 3, 4],
      logits: [5, 6],
      g: [7, 8],
    });
    expect(out.outputs.g).toBe(own); // no copy
    for (const name of ['z', 'logits']) {
      expect(out.outputs[name]!.buffer).not.toBe(shared.buffer);
      expect(out.outputs[name]!.byteLength).toBe(out.outputs[name]!.buffer.byteLength);
    }
    expect(count.disposed).toBe(3);
  });

  it('copies the second of two outputs in one buffer, so both can be transferred', async () => {
    const data = new Float32Array([1, 2]);
    const { ort } = fakeOrt(() => ({ a: { type: 'float32', data, dims: [1, 2] }, b: { type: 'float32', data, dims: [1, 2] } }));
    const out = await runSession(await openSession(ort, new Uint8Array(1)), 'x', new Float32Array(1), [1], ['a', 'b']);
    expect(out.outputs.a).toBe(data);
    expect(out.outputs.b).not.toBe(data);
    expect(Array.from(out.outputs.b!)).toEqual([1, 2]);
  });

  it('fails with E_MODEL_SPEC for a missing or non-float32 output, disposing what the run gave', async () => {
    const { ort, count } = fakeOrt(() => ({ z: { type: 'int32', data: new Int32Array(2), dims: [1, 2] } }));
    const s = await openSession(ort, new Uint8Array(1));
    const wrongType = await runSession(s, 'x', new Float32Array(1), [1], ['z']).catch((e: unknown) => e);
    expect([wrongType instanceof ModelError && wrongType.code, (wrongType as Error).message]).toEqual([
      'E_MODEL_SPEC',
      'output "z" is int32, not float32',
    ]);
    const missing = await runSession(s, 'x', new Float32Array(1), [1], ['y']).catch((e: unknown) => e);
    expect([missing instanceof ModelError && missing.code, (missing as Error).message]).toEqual([
      'E_MODEL_SPEC',
      'the run gave no output "y"',
    ]);
    expect(count.disposed).toBe(2);
  });
});

describe('releaseOnError', () => {
  it('releases the session when the work fails and keeps it open when it succeeds', async () => {
    const { ort, count } = fakeOrt(() => ({}));
    const s = await openSession(ort, new Uint8Array(1));
    expect(await releaseOnError(s, async () => 42)).toBe(42);
    expect(count.released).toBe(0);
    await expect(releaseOnError(s, async () => Promise.reject(new Error('check failed')))).rejects.toThrow('check failed');
    expect(count.released).toBe(1);
  });
});
