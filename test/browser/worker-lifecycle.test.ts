// Worker lifecycle and downloads in real Chromium: onnxruntime-web builds fetched per device
// (exactly one .wasm each), workers terminated at random moments and while their replacement
// loads, and clear messages for a missing worker script and a wrong wasmPaths.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFixtureModel } from '../model/fixture-model.js';
import { fixtureWindow } from '../model/helpers.js';
import { useEncoderPages, type EncoderPageResult } from './encoder-page.js';
import { repoRoot } from './harness.js';

const m = buildFixtureModel();
const windows = Array.from({ length: 10 }, (_, i) => fixtureWindow(m, i));
const plainWindows = windows.map((w) => ({ ...w, data: Array.from(w.data) }));
const SLOW = 180_000;
const ORT = '/node_modules/onnxruntime-web/dist/';

const pages = useEncoderPages({ modelB64: Buffer.from(m.bytes).toString('base64'), entry: m.entry, device: 'wasm', windows: plainWindows });
const { openPage, runInPage } = pages;

/** The onnxruntime-web files a run requested, with their sizes in bytes. */
async function ortFetched(run: () => Promise<EncoderPageResult>) {
  const from = pages.server.requests.length;
  const result = await run();
  const files = pages.server.requests.slice(from).filter((p) => p.startsWith(ORT));
  const bytes = files.reduce((sum, p) => sum + statSync(join(repoRoot, p)).size, 0);
  return { result, files, wasm: files.filter((p) => p.endsWith('.wasm')), bytes };
}

describe('downloads per device', () => {
  it(
    'fetches exactly one onnxruntime .wasm build for each device choice',
    async () => {
      const [plain, gpu] = [await openPage(false), await openPage(true)];
      const runs = {
        wasm: await ortFetched(() => runInPage(plain, { device: 'wasm' })),
        autoNoAdapter: await ortFetched(() => runInPage(plain, { device: 'auto' })),
        webgpu: await ortFetched(() => runInPage(gpu, { device: 'webgpu' })),
        autoWithAdapter: await ortFetched(() => runInPage(gpu, { device: 'auto', pick: 'fastest' })),
      };
      for (const [name, r] of Object.entries(runs)) {
        expect(r.result.error, name).toBeUndefined();
        expect(r.wasm.length, `${name}: ${r.files.join(', ')}`).toBe(1);
        console.log(
          `[bytes] ${name}: ${r.result.device}, ${r.bytes} bytes of onnxruntime-web (${r.files.map((f) => f.slice(ORT.length)).join(', ')})`,
        );
      }
      // Without an adapter `auto` takes the small WASM-only build, as an explicit `wasm` does.
      expect(runs.autoNoAdapter.wasm).toEqual(runs.wasm.wasm);
      // With one, WebGPU and WASM are timed on the single WebGPU build.
      expect(runs.autoWithAdapter.wasm).toEqual(runs.webgpu.wasm);
    },
    2 * SLOW,
  );
});

describe('worker lifecycle in Chromium', () => {
  it(
    'a replacement worker killed while it loads is replaced in turn; no window is lost',
    async () => {
      const page = await openPage(false);
      const r = await runInPage(page, { device: 'wasm', crashAfterFirst: true, killReplacement: true });
      expect(r.error).toBeUndefined();
      expect(r.workers).toBe(3);
      expect(r.seqs).toEqual(windows.map((w) => w.seq));
    },
    SLOW,
  );

  it(
    'workers terminated at random moments lose, duplicate and reorder no window',
    async () => {
      const page = await openPage(false);
      const r = await runInPage(page, { device: 'wasm', randomKills: { count: 3, seed: 12345 } });
      expect(r.error).toBeUndefined();
      expect(r.killed).toBeGreaterThanOrEqual(2);
      expect(r.workers).toBeGreaterThanOrEqual(r.killed!);
      expect(r.seqs).toEqual(windows.map((w) => w.seq));
    },
    SLOW,
  );

  it(
    'a worker script that answers 404 is named in the error',
    async () => {
      const page = await openPage(false);
      const r = await runInPage(page, { device: 'wasm', workerUrl: '/no/such/worker.js' });
      expect(r.error).toMatchObject({ name: 'ModelError', code: 'E_WORKER' });
      expect(r.error!.message).toContain(`${pages.server.url}/no/such/worker.js`);
      expect(r.error!.message).toContain('404');
    },
    SLOW,
  );

  it(
    'without a worker option, a package worker that answers 404 is named in the error',
    async () => {
      const page = await openPage(false);
      const r = await runInPage(page, { device: 'wasm', packageWorker: true });
      expect(r.error).toMatchObject({ name: 'ModelError', code: 'E_WORKER' });
      // The page's bundle has no worker.js beside it: the URL the SDK derived is the one named.
      expect(r.error!.message).toContain(`${pages.server.url}/__bundle/test/browser/pages/worker.js`);
      expect(r.error!.message).toContain('404');
    },
    SLOW,
  );

  it(
    'a wasmPaths that serves nothing is named in the error',
    async () => {
      const page = await openPage(false);
      const r = await runInPage(page, { device: 'wasm', wasmPaths: '/no/such/dir/' });
      expect(r.error).toMatchObject({ name: 'ModelError', code: 'E_DEVICE' });
      expect(r.error!.message).toContain('wasmPaths "/no/such/dir/"');
    },
    SLOW,
  );
});
