// Model names come from callers and files: every name either finds its own entry or gives a typed error.
import { afterEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { ModelError, SdkError, fromErrorPayload } from '../../src/errors.js';
import { modelEntry, parseManifest, parseManifestText } from '../../src/model/manifest.js';
import { createEncoder } from '../../src/model/create-encoder.js';
import { createNodeEncoder } from '../../src/model/node-encoder.js';
import { buildFixtureModel } from './fixture-model.js';

const { entry } = buildFixtureModel();
const TRICKY = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__lookupGetter__'];
const names = fc.oneof(fc.constantFrom(...TRICKY), fc.string({ maxLength: 16 }));

describe('model names', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('a name the manifest lacks is E_MODEL_NOT_FOUND, whatever the name', () => {
    const manifest = parseManifest({ version: 1, models: { imu: entry } });
    let tried = 0;
    fc.assert(
      fc.property(names, (name) => {
        tried++;
        if (name === 'imu') return;
        let err: unknown;
        try {
          modelEntry(manifest, name);
        } catch (e) {
          err = e;
        }
        expect(err, name).toBeInstanceOf(ModelError);
        expect((err as ModelError).code).toBe('E_MODEL_NOT_FOUND');
      }),
      { numRuns: 300, examples: TRICKY.map((n) => [n]) },
    );
    expect(tried).toBe(300);
  });

  it('a manifest whose model is named __proto__ finds that model', () => {
    const manifest = parseManifestText(`{"version":1,"models":{"__proto__":${JSON.stringify(entry)}}}`, 'manifest.json');
    expect(modelEntry(manifest, '__proto__').windowSamples).toBe(entry.windowSamples);
    expect(() => modelEntry(manifest, 'imu')).toThrow(/no model "imu"/);
  });

  it('a manifest that is not JSON is E_MODEL_SPEC naming the file', () => {
    for (const text of ['', '<!doctype html><title>404</title>', '{"version":1,', 'null']) {
      let err: unknown;
      try {
        parseManifestText(text, 'https://example.test/models/manifest.json');
      } catch (e) {
        err = e;
      }
      expect(err, text).toBeInstanceOf(ModelError);
      expect((err as ModelError).code).toBe('E_MODEL_SPEC');
      expect((err as ModelError).message).toContain('https://example.test/models/manifest.json');
    }
  });

  it('in the browser path, a tricky name fetches only the manifest and fails with E_MODEL_NOT_FOUND', async () => {
    const requested: string[] = [];
    vi.stubGlobal('fetch', async (url: string | URL) => {
      requested.push(String(url));
      if (String(url).endsWith('manifest.json')) return new Response(JSON.stringify({ version: 1, models: { imu: entry } }));
      return new Response('not found', { status: 404 });
    });
    for (const name of TRICKY) {
      const err = await createEncoder({ model: name, manifestUrl: 'https://example.test/models/manifest.json', worker: false }).catch(
        (e: unknown) => e,
      );
      expect(err, name).toBeInstanceOf(ModelError);
      expect((err as ModelError).code, name).toBe('E_MODEL_NOT_FOUND');
    }
    expect(requested.every((u) => u.endsWith('/models/manifest.json'))).toBe(true);
  });

  it('in Node, a tricky name with the shipped manifest is E_MODEL_NOT_FOUND', async () => {
    for (const name of TRICKY) {
      const err = await createNodeEncoder({ model: name, worker: false }).catch((e: unknown) => e);
      expect(err, name).toBeInstanceOf(ModelError);
      expect((err as ModelError).code, name).toBe('E_MODEL_NOT_FOUND');
    }
  });

  it('error payloads with any class name rebuild as SdkError', () => {
    for (const name of [...TRICKY, 'ModelError', 'Nope']) {
      const err = fromErrorPayload({ name, code: 'E_WORKER', message: 'm' });
      expect(err, name).toBeInstanceOf(SdkError);
      expect(err.code).toBe('E_WORKER');
    }
  });
});
