import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError, ModelError } from '../../src/errors.js';
import { createEncoder } from '../../src/model/create-encoder.js';
import { createNodeEncoder } from '../../src/model/node-encoder.js';
import { PROGRESS_ORDER, type LoadProgress } from '../../src/model/progress.js';
import { buildFixtureModel } from './fixture-model.js';
import { fixtureWindow, maxDiff, reference, rejection, serveHttp, type TestServer } from './helpers.js';

const m = buildFixtureModel();
let server: TestServer;
let base: string;

beforeAll(async () => {
  // Serves the model in 2 KiB chunks 20 ms apart (so download progress has several steps) and a manifest.
  server = await serveHttp((req, res) => {
    if (req.url === '/models/manifest.json') {
      res.end(JSON.stringify({ version: 1, models: { imu: { ...m.entry, file: 'imu.onnx' } } }));
    } else if (req.url === '/models/imu.onnx') {
      res.writeHead(200, { 'Content-Length': m.bytes.length });
      let at = 0;
      const next = () => {
        if (at >= m.bytes.length) return void res.end();
        res.write(m.bytes.subarray(at, (at += 2048)));
        setTimeout(next, 20);
      };
      next();
    } else {
      res.writeHead(404).end();
    }
  });
  base = server.base;
});
afterAll(() => server.close());

describe('createEncoder', () => {
  it('downloads a model by name, verifies it and reports monotonic progress', async () => {
    const events: LoadProgress[] = [];
    const enc = await createEncoder({
      model: 'imu',
      manifestUrl: `${base}/models/manifest.json`,
      device: 'wasm',
      onProgress: (e) => events.push(e),
    });
    try {
      const ranks = events.map((e) => PROGRESS_ORDER[e.status]);
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      const downloads = events.filter((e) => e.status === 'download');
      expect(downloads.length).toBeGreaterThan(2);
      const loaded = downloads.map((e) => e.loaded);
      expect(loaded).toEqual([...loaded].sort((a, b) => a - b));
      expect(downloads.at(-1)).toMatchObject({ loaded: m.bytes.length, total: m.bytes.length });
      expect(events.slice(downloads.length).map((e) => e.status)).toEqual(['verify', 'compile', 'ready']);
      expect(events.at(-1)).toEqual({ status: 'ready', device: 'wasm', reason: 'requested wasm' });
      const w = fixtureWindow(m, 3);
      const [r] = await enc.embed([w]);
      expect(maxDiff(r!.embedding, reference(m, w).embedding)).toBeLessThan(1e-5);
    } finally {
      await enc.close();
    }
  });

  it('refuses bytes whose sha256 differs from the manifest with E_MODEL_HASH', async () => {
    const tampered = m.bytes.slice();
    tampered[tampered.length - 10]! ^= 1;
    const err = await rejection<ModelError>(createEncoder({ model: { bytes: tampered, entry: m.entry }, worker: false }));
    expect(err).toBeInstanceOf(ModelError);
    expect([err!.code, err!.details?.expected]).toEqual(['E_MODEL_HASH', m.entry.sha256]);
  });

  it('reports a missing file and a missing model name with E_MODEL_NOT_FOUND', async () => {
    const missing = await rejection<ModelError>(createEncoder({ model: { url: `${base}/models/none.onnx`, entry: m.entry } }));
    expect([missing?.code, missing?.details?.status]).toEqual(['E_MODEL_NOT_FOUND', 404]);
    const noName = await rejection<ModelError>(createEncoder({ model: 'ecg', manifestUrl: `${base}/models/manifest.json` }));
    expect([noName?.code, noName?.message]).toEqual(['E_MODEL_NOT_FOUND', 'no model "ecg"; the manifest has: imu']);
  });

  it('checks options before loading anything', async () => {
    const err = await rejection<ModelError>(createEncoder({ model: 'imu', manifestUrl: `${base}/x`, device: 'gpu' as never }));
    expect(err).toBeInstanceOf(InputError);
    expect(err?.code).toBe('E_ARGUMENT');
    expect((await rejection<ModelError>(createEncoder({ model: 'imu', threads: 0 })))?.details).toMatchObject({ argument: 'threads' });
  });
});

describe('createNodeEncoder', () => {
  it('reads a model by name from a manifest on disk', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scl-wear-models-'));
    writeFileSync(join(dir, 'imu.onnx'), m.bytes);
    writeFileSync(
      join(dir, 'manifest.json'),
      JSON.stringify({ version: 1, models: { imu: { ...m.entry, file: 'imu.onnx' }, acc: { ...m.entry, file: 'acc.onnx' } } }),
    );
    const enc = await createNodeEncoder({ model: 'imu', manifestPath: join(dir, 'manifest.json'), worker: false });
    expect(enc.entry.file).toBe('imu.onnx');
    await enc.close();
    const err = await rejection<ModelError>(createNodeEncoder({ model: 'acc', manifestPath: join(dir, 'manifest.json'), worker: false }));
    expect([err?.code, err?.details?.file]).toEqual(['E_MODEL_NOT_FOUND', 'acc.onnx']);
  });
});
