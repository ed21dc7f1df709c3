import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { checkDevice, deviceCandidates } from '../../src/model/device.js';

describe('device choice', () => {
  it('rejects an unknown device with E_ARGUMENT listing the allowed values', () => {
    let err: unknown;
    try {
      checkDevice('gpu');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).code).toBe('E_ARGUMENT');
    expect((err as Error).message).toBe("device must be one of 'auto', 'webgpu', 'cpu', 'wasm'; got \"gpu\"");
    expect(checkDevice('wasm')).toBe('wasm');
  });

  it("orders 'auto' as WebGPU then WASM in browsers, native CPU then WASM in Node", () => {
    expect(deviceCandidates('auto', { webgpu: true, node: false })).toEqual({ devices: ['webgpu', 'wasm'], skipped: [] });
    expect(deviceCandidates('auto', { webgpu: false, node: false })).toEqual({
      devices: ['wasm'],
      skipped: ['WebGPU unavailable: navigator.gpu is missing'],
    });
    expect(deviceCandidates('auto', { webgpu: false, node: true }).devices).toEqual(['cpu', 'wasm']);
    expect(deviceCandidates('webgpu', { webgpu: false, node: false }).devices).toEqual(['webgpu']);
  });
});
