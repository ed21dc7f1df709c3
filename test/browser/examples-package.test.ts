// The package as users get it: built and packed (`npm pack`), installed from the tarball into a
// fresh project, then imported from Node (both entries and the CLI bin), type-checked, and bundled
// with esbuild for the browser and run in Chromium. This is what proves the `exports` map works.
//
// The build runs in a scratch copy of the package (so the shared dist/ is never touched). The
// consumer project links the package's runtime dependencies from this repository's node_modules,
// so `npm install --offline` of the tarball needs no network.
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, repoRoot } from './harness.js';

const run = promisify(execFile);
const scratch = mkdtempSync(join(tmpdir(), 'scl-wear-pack-'));
const staged = join(scratch, 'package');
const consumer = join(scratch, 'consumer');
let packedFiles: string[] = [];

/** Runs a command in `cwd`, niced (the machine is shared), failing with its output. */
async function sh(cwd: string, cmd: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run('nice', ['-n', '5', cmd, ...args], { cwd, maxBuffer: 32 << 20, env: { ...process.env, npm_config_update_notifier: 'false' } });
    return stdout;
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${cmd} ${args.join(' ')} failed: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
}

beforeAll(async () => {
  // Stage what the build needs and build there.
  mkdirSync(staged);
  for (const p of ['package.json', 'README.md', 'tsconfig.json', 'tsconfig.build.json', 'src', 'workers', 'models', 'sdk-examples/data', 'scripts/build.mjs']) {
    cpSync(join(repoRoot, p), join(staged, p), { recursive: true });
  }
  symlinkSync(join(repoRoot, 'node_modules'), join(staged, 'node_modules'), 'dir');
  await sh(staged, 'node', ['scripts/build.mjs']);
  const packed = JSON.parse(await sh(staged, 'npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', scratch])) as [{ filename: string; files: { path: string }[] }];
  packedFiles = packed[0].files.map((f) => f.path);

  // A fresh project: the runtime dependencies are linked, the package comes from the tarball.
  mkdirSync(join(consumer, 'node_modules'), { recursive: true });
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  for (const dep of Object.keys(pkg.dependencies)) {
    mkdirSync(dirname(join(consumer, 'node_modules', dep)), { recursive: true });
    symlinkSync(join(repoRoot, 'node_modules', dep), join(consumer, 'node_modules', dep), 'dir');
  }
  await sh(consumer, 'npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--omit=optional', '--no-package-lock', join(scratch, packed[0].filename)]);
}, 240_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the packed package', () => {
  it('ships the built entries and models, not the sources or tests', () => {
    expect(packedFiles).toEqual(expect.arrayContaining(['package.json', 'dist/index.js', 'dist/node.js', 'dist/worker.js', 'dist/cli.js', 'dist/types/index.d.ts', 'dist/types/node.d.ts', 'dist/node-worker.js', 'dist/finetune-worker.js', 'models/manifest.json', 'models/imu.onnx', 'models/acc.onnx', 'models/ecg.onnx', 'sdk-examples/data/demo-ecg.csv']));
    expect(packedFiles.filter((f) => f.startsWith('models/variants/') || f.startsWith('models/ablations/'))).toEqual([]);
    expect(packedFiles.filter((f) => /^(src|test|bench|scripts)\//.test(f))).toEqual([]);
  });

  it('imports from Node through both entries and keeps internal paths private', async () => {
    // 10 s at 250 Hz and 60 bpm: 2,500 frames, about ten beats, ten 1 s batches; a CSV
    // sampled every 4 ms reads back at 250 Hz.
    writeFileSync(join(consumer, 'ecg.csv'), 't,ecg\n' + Array.from({ length: 500 }, (_, i) => `${(i * 0.004).toFixed(3)},${Math.sin(i / 10).toFixed(4)}`).join('\n'));
    writeFileSync(join(consumer, 'node-check.mjs'), `
      import { createBatch, simulateEcg, replay, InputError, SdkError } from 'scl-wear';
      import { readCsvFile } from 'scl-wear/node';
      const out = {};
      try { createBatch({ kind: 'ecg', channels: [{ name: 'a', unit: 'mV' }, { name: 'b', unit: 'mV' }], rate: 1, t0: 0, seq: 0, data: new Float32Array(3) }); }
      catch (e) { out.error = { code: e.code, input: e instanceof InputError, sdk: e instanceof SdkError }; }
      const sim = simulateEcg({ seconds: 10, rate: 250, heartRate: 60, seed: 1 });
      out.frames = sim.recording.length; out.beats = sim.rPeaks.length;
      out.batches = 0; replay(sim.recording, { batchSeconds: 1 }).subscribe(() => out.batches++);
      const rec = await readCsvFile('ecg.csv'); out.csv = { rate: rec.rate, length: rec.length };
      try { await import('scl-wear/src/index.ts'); } catch (e) { out.privateImport = e.code; }
      console.log(JSON.stringify(out));`);
    const out = JSON.parse(await sh(consumer, 'node', ['node-check.mjs']));
    expect(out.error).toEqual({ code: 'E_SHAPE', input: true, sdk: true });
    expect(out.frames).toBe(2500);
    expect(out.beats).toBeGreaterThanOrEqual(9);
    expect(out.beats).toBeLessThanOrEqual(11);
    expect(out.batches).toBe(10);
    expect(out.csv).toEqual({ rate: 250, length: 500 });
    expect(out.privateImport).toBe('ERR_PACKAGE_PATH_NOT_EXPORTED');
  });

  it('runs the scl-wear bin', async () => {
    const info = JSON.parse(await sh(consumer, join(consumer, 'node_modules/.bin/scl-wear'), ['info', '--json']));
    expect(info.package).toBe('scl-wear@0.1.0');
  });

  it('gives TypeScript users the declared types through the exports map', async () => {
    writeFileSync(join(consumer, 'types-check.ts'), `
      import { createBatch, type SampleBatch } from 'scl-wear';
      import { readCsvFile } from 'scl-wear/node';
      const b: SampleBatch = createBatch({ kind: 'ecg', channels: [{ name: 'ecg', unit: 'mV' }], rate: 130, t0: 0, seq: 0, data: new Float32Array(130) });
      const n: number = b.length;
      // @ts-expect-error: an unknown unit is a type error only when the declarations resolved
      createBatch({ kind: 'ecg', channels: [{ name: 'ecg', unit: 'volts' }], rate: 130, t0: 0, seq: 0, data: new Float32Array(1) });
      export const p: Promise<unknown> = readCsvFile('x.csv');
      export { n };`);
    const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');
    const opts = ['--noEmit', '--strict', '--skipLibCheck', '--target', 'es2022', '--module', 'esnext', '--moduleResolution', 'bundler', '--lib', 'es2022,dom', '--types', 'node', '--typeRoots', join(repoRoot, 'node_modules/@types')];
    await sh(consumer, 'node', [tsc, ...opts, 'types-check.ts']);
  });

  it('bundles for the browser with esbuild and runs in Chromium', async () => {
    writeFileSync(join(consumer, 'browser-check.js'), `
      import { createBatch, simulateImu, recordingBatches, SdkError } from 'scl-wear';
      const sim = simulateImu({ rate: 50, seed: 3, activities: [{ activity: 'walking', seconds: 4 }] });
      let code = null;
      try { createBatch({ kind: 'ecg', channels: [{ name: 'ecg', unit: 'mV' }], rate: -1, t0: 0, seq: 0, data: new Float32Array(1) }); }
      catch (e) { code = e instanceof SdkError ? e.code : 'wrong class'; }
      globalThis.result = { frames: sim.recording.length, batches: recordingBatches(sim.recording, 0, { batchSeconds: 1 }).length, code };`);
    const res = await build({ entryPoints: [join(consumer, 'browser-check.js')], absWorkingDir: consumer, bundle: true, format: 'esm', platform: 'browser', write: false, metafile: true, logLevel: 'silent' });
    const inputs = Object.keys(res.metafile.inputs);
    expect(inputs.some((p) => p.includes('node_modules/scl-wear/dist/index.js'))).toBe(true);
    expect(inputs.filter((p) => p.startsWith('node:') || p.includes('dist/node.js'))).toEqual([]);
    // The worker entry resolves too (applications bundle it as their encoder worker).
    const worker = await build({ stdin: { contents: "import 'scl-wear/worker';", resolveDir: consumer }, bundle: true, format: 'esm', platform: 'browser', write: false, metafile: true, logLevel: 'silent' });
    expect(Object.keys(worker.metafile.inputs).some((p) => p.includes('scl-wear/dist/worker.js'))).toBe(true);

    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.addScriptTag({ type: 'module', content: res.outputFiles[0]!.text });
      const result = await page.waitForFunction(() => (globalThis as { result?: unknown }).result, undefined, { timeout: 15_000 });
      // 4 s at 50 Hz: 200 frames in four 1 s batches; a negative rate is E_RATE.
      expect(await result.jsonValue()).toEqual({ frames: 200, batches: 4, code: 'E_RATE' });
    } finally {
      await browser.close();
    }
  });
});
