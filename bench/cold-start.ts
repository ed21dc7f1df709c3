// Cold start in headless Chromium: ms from navigation to the first classification of the shipped
// IMU model through createEncoder({ model: 'imu' }) (manifest, sha256 check, worker, one
// onnxruntime build) against a bare onnxruntime-web page loading the same model file. Both pages
// are built as an app would be (esbuild: bundled, split, minified, no source maps); each run has a
// fresh browser profile (empty cache; the server also sends no-store); alternating, median of 7.
// Also the bytes each page fetched.
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { launchBrowser, repoRoot, startServer, type TestServer } from '../test/browser/harness.js';
import type { BenchFigures, BenchSuite } from './suite.js';

const ROUNDS = 7;
const OUT = 'node_modules/.cache/scl-wear-bench/cold-start';

/** Builds both pages and the SDK's worker into OUT (inside the served repository). */
async function buildPages(): Promise<void> {
  const outdir = join(repoRoot, OUT);
  mkdirSync(outdir, { recursive: true });
  await build({
    entryPoints: {
      'cold-sdk': 'bench/pages/cold-sdk.ts',
      'cold-bare': 'bench/pages/cold-bare.ts',
      'encoder.worker': 'workers/encoder.worker.ts',
    },
    absWorkingDir: repoRoot,
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    logLevel: 'error',
  });
  for (const page of ['cold-sdk', 'cold-bare']) {
    writeFileSync(
      join(outdir, `${page}.html`),
      `<!doctype html><meta charset="utf-8"><title>${page}</title><script type="module" src="${page}.js"></script>`,
    );
  }
}

async function coldRun(server: TestServer, page: 'cold-sdk' | 'cold-bare'): Promise<{ ms: number; bytes: number }> {
  const browser = await launchBrowser();
  try {
    const from = server.requests.length;
    const tab = await browser.newPage();
    await tab.goto(`${server.url}/${OUT}/${page}.html?device=wasm`);
    await tab.waitForFunction(() => (globalThis as { coldStart?: unknown }).coldStart, undefined, { timeout: 60_000 });
    const ms = await tab.evaluate<number>(() => (globalThis as unknown as { coldStart: Promise<number> }).coldStart);
    const bytes = server.requests.slice(from).reduce((sum, p) => {
      try {
        return sum + statSync(join(repoRoot, p)).size;
      } catch {
        return sum;
      }
    }, 0);
    return { ms, bytes };
  } finally {
    await browser.close();
  }
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;

/** The `coldStart` suite. */
export const coldStart: BenchSuite = {
  name: 'coldStart',
  summary: 'Chromium, empty cache: navigation to first IMU classification via createEncoder vs a bare onnxruntime-web page, same model',
  async run() {
    const server = await startServer();
    try {
      await buildPages();
      const sdk: number[] = [];
      const bare: number[] = [];
      let bytes = { sdk: 0, bare: 0 };
      for (let r = 0; r < ROUNDS; r++) {
        const a = await coldRun(server, 'cold-sdk');
        const b = await coldRun(server, 'cold-bare');
        sdk.push(a.ms);
        bare.push(b.ms);
        bytes = { sdk: a.bytes, bare: b.bytes };
      }
      const f: BenchFigures = {
        sdkMs: median(sdk),
        bareMs: median(bare),
        ratio: median(sdk) / median(bare),
        sdkFileBytes: bytes.sdk,
        bareFileBytes: bytes.bare,
      };
      return f;
    } finally {
      await server.close();
    }
  },
};
