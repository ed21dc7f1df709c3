import { describe, expect, it } from 'vitest';
import { InputError, ModelError, SdkError, fromErrorPayload, toErrorPayload } from '../src/errors.js';
import { checkArg } from '../src/errors.js';

describe('errors', () => {
  it('keeps class, code and details through a structured clone', () => {
    const original = new ModelError('E_MODEL_HASH', 'sha256 mismatch', { details: { expected: 'ab', got: 'cd' } });
    const cloned = fromErrorPayload(structuredClone(toErrorPayload(original)));
    expect(cloned).toBeInstanceOf(ModelError);
    expect(cloned).toBeInstanceOf(SdkError);
    expect(cloned.code).toBe('E_MODEL_HASH');
    expect(cloned.message).toBe('sha256 mismatch');
    expect(cloned.details).toEqual({ expected: 'ab', got: 'cd' });
    expect(cloned.name).toBe('ModelError');
  });

  it('wraps foreign errors as SdkError', () => {
    const cloned = fromErrorPayload(toErrorPayload(new RangeError('boom')));
    expect(cloned).toBeInstanceOf(SdkError);
    expect(cloned.message).toBe('boom');
  });

  it('checkArg names the argument and the allowed values', () => {
    expect(() => checkArg(false, 'device', "one of 'auto', 'webgpu', 'wasm'", 'cuda')).toThrowError(
      /device must be one of 'auto', 'webgpu', 'wasm'; got "cuda"/,
    );
    try {
      checkArg(false, 'rate', 'a positive number of Hz', -1);
    } catch (err) {
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).code).toBe('E_ARGUMENT');
      expect((err as InputError).details).toMatchObject({ argument: 'rate' });
    }
  });
});
