// The manifest as a server may really answer for it: a 404, a single-page app's HTML fallback
// (200 with index.html), a broken file, or the real one.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelError, SdkError } from '../../src/errors.js';
import { fetchManifest, fetchNamedModel } from '../../src/model/fetch-model.js';
import { rejection, serveHttp, type TestServer } from './helpers.js';

const root = join(import.meta.dirname, '..', '..');
let server: TestServer;
let base = '';

beforeAll(async () => {
  server = await serveHttp((req, res) => {
    if (req.url === '/spa/models/manifest.json')
      return void res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html><body>app</body></html>');
    if (req.url === '/broken/manifest.json') return void res.writeHead(200).end('{"version": 1, "models": ');
    if (req.url === '/ok/manifest.json') return void res.writeHead(200).end(readFileSync(join(root, 'models/manifest.json')));
    if (req.url === '/ok/imu.onnx') return void res.writeHead(200).end(readFileSync(join(root, 'models/imu.onnx')));
    res.writeHead(404).end('not found');
  });
  base = server.base;
});
afterAll(() => server.close());

describe('fetchManifest', () => {
  it('reports a missing manifest as E_MODEL_NOT_FOUND, whether 404 or an HTML fallback page', async () => {
    const gone = await rejection(fetchManifest(`${base}/none/manifest.json`));
    expect(gone).toBeInstanceOf(ModelError);
    expect([gone?.code, gone?.details?.status]).toEqual(['E_MODEL_NOT_FOUND', 404]);
    const html = await rejection(fetchManifest(`${base}/spa/models/manifest.json`));
    expect(html).toBeInstanceOf(ModelError);
    expect(html?.code).toBe('E_MODEL_NOT_FOUND');
    expect(html?.message).toMatch(/HTML page/);
  });

  it('reports truncated JSON as E_MODEL_SPEC, never a raw SyntaxError', async () => {
    const err = await rejection(fetchManifest(`${base}/broken/manifest.json`));
    expect(err).toBeInstanceOf(ModelError);
    expect(err?.code).toBe('E_MODEL_SPEC');
  });

  it('reads a model relative to an explicit manifest URL', async () => {
    const { bytes, entry } = await fetchNamedModel('imu', `${base}/ok/manifest.json`);
    expect(entry.file).toBe('imu.onnx');
    expect(bytes).toEqual(new Uint8Array(readFileSync(join(root, 'models/imu.onnx'))));
  });

  it("defaults to the package's own manifest, located relative to the module", async () => {
    // In Node the package's files are file: URLs; fetch cannot read those, and says so typed.
    const err = await rejection(fetchNamedModel('imu', undefined));
    expect(err).toBeInstanceOf(SdkError);
    expect(err?.details?.url).toBe(new URL('../../models/manifest.json', import.meta.url).href);
  });
});
