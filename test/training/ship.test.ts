import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseManifest } from '../../src/model/manifest.js';
import { shipModel } from '../../src/training/ship.js';
import { TINY_IMU } from '../fixtures/models/make-tiny-models.js';

const root = mkdtempSync(join(tmpdir(), 'scl-ship-'));
const onnx = readFileSync(new URL('../fixtures/models/tiny-imu.onnx', import.meta.url));

function fakeRun(name: string, sha: string, parity = 1e-6): string {
  const dir = join(root, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'imu.onnx'), onnx);
  const results = {
    task: 'imu',
    mode: 'scl',
    spec: TINY_IMU,
    parameters: 1234,
    onnx: { file: 'imu.onnx', bytes: onnx.length, sha256: sha, parityMaxAbs: parity },
    referenceUp: [1, 0, 0],
    wallSeconds: 5,
    options: { epochs: 1 },
    metrics: { acc6: 50 },
  };
  writeFileSync(join(dir, 'results.json'), JSON.stringify(results));
  return dir;
}

describe('shipModel', () => {
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const sha = createHash('sha256').update(onnx).digest('hex');

  it('copies the model and writes a manifest entry the runtime accepts', async () => {
    const models = join(root, 'models');
    await shipModel({ run: fakeRun('ok', sha), modelsDir: models, command: 'scl-wear train --task imu' });
    const manifest = parseManifest(JSON.parse(readFileSync(join(models, 'manifest.json'), 'utf8')));
    const e = manifest.models.imu!;
    expect(e.sha256).toBe(sha);
    expect(
      createHash('sha256')
        .update(readFileSync(join(models, e.file)))
        .digest('hex'),
    ).toBe(sha);
    // TINY_IMU has dims 4 / 2 / 2: the ranges must follow the inv, var, free order.
    expect(e.embedding).toEqual({ dim: 8, inv: [0, 4], var: [4, 6], free: [6, 8] });
    expect(e.sampleRate).toBe(50);
    expect(e.windowSamples).toBe(128);
    expect(e.channels.map((c) => c.unit)).toEqual(['g', 'g', 'g', 'rad/s', 'rad/s', 'rad/s']);
  });

  it('refuses record whitening for a model that is not an ECG encoder, before writing anything', async () => {
    const models = join(root, 'm4');
    await expect(shipModel({ run: fakeRun('imu-whiten', sha), modelsDir: models, whitenRecords: { dataDir: root } })).rejects.toMatchObject(
      {
        code: 'E_EXPORT',
      },
    );
    expect(() => readFileSync(join(models, 'manifest.json'))).toThrow();
  });

  it('refuses a run whose ONNX does not match its recorded sha256 or failed the parity check', async () => {
    await expect(shipModel({ run: fakeRun('bad-sha', '0'.repeat(64)), modelsDir: join(root, 'm2') })).rejects.toMatchObject({
      code: 'E_EXPORT',
    });
    await expect(shipModel({ run: fakeRun('bad-parity', sha, 1e-2), modelsDir: join(root, 'm3') })).rejects.toMatchObject({
      code: 'E_EXPORT',
    });
  });
});
