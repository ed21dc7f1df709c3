import { describe, expect, it, vi } from 'vitest';

// A stand-in onnxruntime whose session fails to run, counting the sessions it releases.
const released = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../src/model/ort-node.js', () => ({
  importOrtForNode: async () => ({
    native: false,
    ort: {
      Tensor: class {
        constructor(
          readonly type: string,
          readonly data: Float32Array,
          readonly dims: number[],
        ) {}
      },
      InferenceSession: {
        create: async () => ({
          run: async () => {
            throw new Error('kernel failed');
          },
          release: async () => {
            released.count++;
          },
        }),
      },
    },
  }),
}));

const { exportParity } = await import('../../src/training/parity.js');

describe('exportParity', () => {
  it('releases the onnxruntime session when running the exported model fails', async () => {
    const spec = { channels: 2, samples: 4 } as Parameters<typeof exportParity>[0];
    const params = {} as Parameters<typeof exportParity>[1];
    await expect(exportParity(spec, params, new Uint8Array(8), new Float32Array(16), 2)).rejects.toThrow('kernel failed');
    expect(released.count).toBe(1);
  });
});
