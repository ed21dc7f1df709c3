import { describe, expect, it } from 'vitest';
import { ModelError } from '../../src/errors.js';
import { checkModelEntry, modelEntry, parseManifest } from '../../src/model/manifest.js';
import { buildFixtureModel } from './fixture-model.js';

const { entry } = buildFixtureModel();

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err instanceof ModelError ? `${err.code}:${String(err.details?.field ?? err.details?.model)}` : `other:${String(err)}`;
  }
  return 'none';
};

describe('manifest', () => {
  it('accepts a well-formed entry and looks models up by name', () => {
    const manifest = parseManifest({ version: 1, models: { imu: entry } });
    expect(modelEntry(manifest, 'imu').windowSamples).toBe(128);
  });

  it('names the bad field of a malformed entry', () => {
    expect(codeOf(() => checkModelEntry('imu', { ...entry, sha256: 'ABC' }))).toBe('E_MODEL_SPEC:sha256');
    expect(codeOf(() => checkModelEntry('imu', { ...entry, input: { name: 'x', layout: 'NHWC' } }))).toBe('E_MODEL_SPEC:input');
    expect(codeOf(() => checkModelEntry('imu', { ...entry, embedding: { ...entry.embedding, free: [9, 13] } }))).toBe(
      'E_MODEL_SPEC:embedding.free',
    );
    expect(codeOf(() => checkModelEntry('imu', { ...entry, classes: undefined }))).toBe('E_MODEL_SPEC:classes');
    expect(codeOf(() => checkModelEntry('imu', { ...entry, preprocessing: { ...entry.preprocessing, scale: [1, 2] } }))).toBe(
      'E_MODEL_SPEC:preprocessing.scale',
    );
    expect(codeOf(() => checkModelEntry('imu', { ...entry, temperature: { groupsByPlacement: { pocket: 0 } } }))).toBe(
      'E_MODEL_SPEC:temperature.groupsByPlacement.pocket',
    );
    expect(codeOf(() => checkModelEntry('imu', { ...entry, temperature: { groups: 2, groupsByPlacement: { waist: 1.5 } } }))).toBe('none');
    expect(codeOf(() => parseManifest({ models: {} }))).toBe('E_MODEL_SPEC:undefined');
  });

  it('lists the available names when a model is missing', () => {
    const manifest = parseManifest({ version: 1, models: { imu: entry, acc: entry } });
    expect(() => modelEntry(manifest, 'ecg')).toThrow(/no model "ecg"; the manifest has: imu, acc/);
    expect(codeOf(() => modelEntry(manifest, 'ecg'))).toBe('E_MODEL_NOT_FOUND:ecg');
  });
});
