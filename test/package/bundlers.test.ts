// Zero-configuration bundling: an application whose only SDK code is
// `await createEncoder({ model: 'imu' })` (plus the data it classifies), built for production by
// Vite, webpack and esbuild from the installed tarball with no option and nothing copied by hand,
// served exactly as the bundler emitted it on 127.0.0.1 and run in headless Chromium. The
// classes it reports must equal those the same package computes in Node on the same windows.
// esbuild does not follow `new URL('…', import.meta.url)`: its build adds only the package's
// plugin (`plugins: [sclWear()]` from `scl-wear/esbuild`), with the same page code.
import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, repoRoot, startServer, type TestBrowser } from '../browser/harness.js';
import { packed, sh, type Packed } from './packed.js';

interface AppResult {
  device?: string;
  labels?: string[];
  probs?: number[][];
  error?: string;
}

const APP = `
import { createEncoder, simulateImu, classify } from 'scl-wear';
import { recordingBatches } from 'scl-wear/advanced';
import { from, lastValueFrom, toArray } from 'rxjs';

const sim = simulateImu({ rate: 50, seed: 7, activities: [{ activity: 'walking', seconds: 4 }, { activity: 'laying', seconds: 4 }] });
const batches = () => from(recordingBatches(sim.recording, 0, { batchSeconds: 1 }));
try {
  const encoder = await createEncoder({ model: 'imu' });
  const out = await lastValueFrom(batches().pipe(classify(encoder), toArray()));
  globalThis.result = { device: encoder.device, labels: out.map((r) => r.label), probs: out.map((r) => Array.from(r.probs)) };
} catch (err) {
  globalThis.result = { error: err.name + ' ' + (err.code ?? '') + ': ' + err.message };
}
`;

let pkg: Packed;
let app: string;
let browser: TestBrowser;
let reference: AppResult;

beforeAll(async () => {
  pkg = await packed();
  app = join(pkg.consumer, 'app');
  mkdirSync(app, { recursive: true });
  writeFileSync(join(app, 'main.js'), APP);
  // The bundlers are this repository's dev dependencies (installed from npm), linked in.
  for (const b of ['vite', 'webpack', 'esbuild']) {
    const link = join(pkg.consumer, 'node_modules', b);
    if (!existsSync(link)) symlinkSync(join(repoRoot, 'node_modules', b), link, 'dir');
  }
  writeFileSync(
    join(app, 'index.html'),
    '<!doctype html><meta charset="utf-8"><title>app</title><script type="module" src="./main.js"></script>\n',
  );
  // The same application in Node (in-process WASM), as the expected answer.
  writeFileSync(
    join(pkg.consumer, 'reference.mjs'),
    APP.replace('createEncoder(', "(await import('scl-wear/node')).createNodeEncoder(") +
      '\nconsole.log(JSON.stringify(globalThis.result));\nprocess.exit(0);',
  );
  reference = JSON.parse(await sh(pkg.consumer, 'node', ['reference.mjs']));
  browser = await launchBrowser();
}, 600_000);

afterAll(async () => {
  await browser?.close();
});

/** Serves a directory, opens it in Chromium and returns what the application reported. */
async function runBuilt(dir: string): Promise<{ result: AppResult; requests: string[] }> {
  const server = await startServer({}, dir);
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    const handle = await page.waitForFunction(() => (globalThis as { result?: unknown }).result, undefined, { timeout: 90_000 });
    const result = (await handle.jsonValue()) as AppResult;
    await page.close();
    return { result, requests: server.requests };
  } finally {
    await server.close();
  }
}

function expectSameAsNode(result: AppResult): void {
  expect(result.error).toBeUndefined();
  expect(result.device).toBe('wasm');
  expect(result.labels).toEqual(reference.labels);
  result.probs!.forEach((p, i) => p.forEach((v, j) => expect(Math.abs(v - reference.probs![i]![j]!)).toBeLessThan(1e-4)));
}

describe('zero-configuration bundling of createEncoder({ model: "imu" })', () => {
  it('has a Node answer to compare with', () => {
    expect(reference.error).toBeUndefined();
    expect(reference.labels!.length).toBeGreaterThanOrEqual(3);
  });

  it('works after vite build', async () => {
    const out = join(pkg.consumer, 'out-vite');
    writeFileSync(
      join(pkg.consumer, 'vite-build.mjs'),
      `
      import { build } from 'vite';
      await build({ root: 'app', logLevel: 'warn', build: { outDir: '../out-vite', emptyOutDir: true } });`,
    );
    await sh(pkg.consumer, 'node', ['vite-build.mjs']);
    const emitted = readdirSync(join(out, 'assets'));
    expect(emitted.filter((f) => /\.(onnx|wasm)$/.test(f)).length).toBeGreaterThanOrEqual(2);
    const { result, requests } = await runBuilt(out);
    expectSameAsNode(result);
    expect(requests.some((r) => /\/assets\/imu-[\w-]+\.onnx$/.test(r))).toBe(true);
  }, 240_000);

  it('works after a webpack production build', async () => {
    const out = join(pkg.consumer, 'out-webpack');
    writeFileSync(
      join(pkg.consumer, 'webpack-build.mjs'),
      `
      import webpack from 'webpack';
      webpack({ mode: 'production', context: ${JSON.stringify(app)}, entry: './main.js', output: { path: ${JSON.stringify(out)}, clean: true } }, (err, stats) => {
        if (err || stats.hasErrors()) { console.error(err ?? stats.toString('errors-only')); process.exit(1); }
      });`,
    );
    await sh(pkg.consumer, 'node', ['webpack-build.mjs']);
    // webpack emits no HTML page: the application's own page loads its bundle.
    writeFileSync(join(out, 'index.html'), '<!doctype html><meta charset="utf-8"><title>app</title><script src="./main.js"></script>\n');
    const { result, requests } = await runBuilt(out);
    expectSameAsNode(result);
    expect(requests.some((r) => r.endsWith('.onnx'))).toBe(true);
  }, 240_000);

  it('works after an esbuild build with only the scl-wear/esbuild plugin added', async () => {
    const out = join(pkg.consumer, 'out-esbuild');
    writeFileSync(
      join(pkg.consumer, 'esbuild-build.mjs'),
      `
      import { build } from 'esbuild';
      import { sclWear } from 'scl-wear/esbuild';
      await build({ entryPoints: ['app/main.js'], bundle: true, format: 'esm', minify: true, outdir: 'out-esbuild', logLevel: 'error', plugins: [sclWear()] });`,
    );
    await sh(pkg.consumer, 'node', ['esbuild-build.mjs']);
    const emitted = readdirSync(out);
    expect(
      emitted.filter((f) => /^imu-\w+\.onnx$|^manifest-\w+\.json$|^worker-\w+\.js$|^ort-wasm-simd-threaded-\w+\.wasm$/.test(f)).length,
    ).toBe(4);
    writeFileSync(
      join(out, 'index.html'),
      '<!doctype html><meta charset="utf-8"><title>app</title><script type="module" src="./main.js"></script>\n',
    );
    const { result, requests } = await runBuilt(out);
    expectSameAsNode(result);
    for (const file of [/^\/manifest-\w+\.json$/, /^\/imu-\w+\.onnx$/, /^\/worker-\w+\.js$/, /^\/ort-wasm-simd-threaded-\w+\.wasm$/]) {
      expect(
        requests.some((r) => file.test(r)),
        `${file} in ${requests.join(', ')}`,
      ).toBe(true);
    }
  }, 240_000);
});
