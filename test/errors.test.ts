import { describe, expect, it } from 'vitest';
import { InputError, ModelError, SdkError, fromErrorPayload, toErrorPayload } from '../src/errors.js';
import { checkArg, messageOf } from '../src/errors.js';

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

  it('wraps foreign errors as SdkError E_UNKNOWN, keeping their class name', () => {
    const cloned = fromErrorPayload(structuredClone(toErrorPayload(new RangeError('boom'))));
    expect(cloned).toBeInstanceOf(SdkError);
    expect(cloned).not.toBeInstanceOf(ModelError);
    expect(cloned.message).toBe('boom');
    expect(cloned.code).toBe('E_UNKNOWN');
    expect(cloned.details).toEqual({ name: 'RangeError' });
  });

  it('wraps thrown non-errors with their string form and type', () => {
    const payload = toErrorPayload('disk on fire');
    expect(payload).toMatchObject({ name: 'SdkError', code: 'E_UNKNOWN', message: 'disk on fire', details: { name: 'string' } });
  });

  it('messageOf quotes errors and thrown non-errors alike', () => {
    expect(messageOf(new TypeError('bad type'))).toBe('bad type');
    expect(messageOf('plain string')).toBe('plain string');
    expect(messageOf(42)).toBe('42');
    expect(messageOf(undefined)).toBe('undefined');
    expect(messageOf({ name: 'AbortError', message: 'aborted' })).toBe('aborted');
    expect(messageOf({ message: 7 })).toBe('[object Object]');
  });

  it('checkArg names the argument and the allowed values', () => {
    expect(() => checkArg(false, 'device', "one of 'auto', 'webgpu', 'wasm'", 'cuda')).toThrow(
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
