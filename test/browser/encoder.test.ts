// The encoder in real Chromium: onnxruntime-web in a Web Worker (WASM and WebGPU), compared with
// onnxruntime in Node on the same fixture model and windows.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createNodeEncoder } from '../../src/model/node-encoder.js';
import { simulateEcg } from '../../src/sources/ecg-sim.js';
import { buildFixtureModel } from '../model/fixture-model.js';
import { fixtureWindow, maxDiff } from '../model/helpers.js';
import { useEncoderPages, type EncoderPageResult } from './encoder-page.js';
import type { EncoderPageRequest } from './pages/encoder.js';
import { repoRoot } from './harness.js';

const m = buildFixtureModel();
const windows = Array.from({ length: 10 }, (_, i) => fixtureWindow(m, i));
const plainWindows = windows.map((w) => ({ ...w, data: Array.from(w.data) }));
let nodeEmbeddings: Float32Array[];
const { openPage, runInPage } = useEncoderPages({
  modelB64: Buffer.from(m.bytes).toString('base64'),
  entry: m.entry,
  device: 'wasm',
  windows: plainWindows,
});

beforeAll(async () => {
  const enc = await createNodeEncoder({ model: { bytes: m.bytes, entry: m.entry }, worker: false });
  nodeEmbeddings = (await enc.embed(windows)).map((r) => r.embedding.slice());
  await enc.close();
});

const worstDiff = (a: number[][], b: ArrayLike<number>[]) => Math.max(...a.map((v, i) => maxDiff(v, b[i]!)));

/** A shipped model of `models/` (bytes as base64 and its manifest entry), as the page takes it. */
function shippedModel(name: 'ecg' | 'imu' | 'acc') {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'models/manifest.json'), 'utf8')) as {
    models: Record<string, EncoderPageRequest['entry']>;
  };
  const entry = manifest.models[name]!;
  return { modelB64: readFileSync(join(repoRoot, 'models', entry.file)).toString('base64'), entry };
}

// Starting a worker compiles onnxruntime-web's .wasm (14 MB; 27 MB for the WebGPU build) and,
// with SwiftShader, WebGPU shaders on the CPU: seconds to tens of seconds on a small machine.
const SLOW = 180_000;

describe('encoder in Chromium', () => {
  let plain: Page;
  let gpu: Page;
  let wasmEmbeddings: number[][];

  beforeAll(async () => {
    [plain, gpu] = await Promise.all([openPage(false), openPage(true)]);
  }, SLOW);

  /** The same request on WebGPU, then on WASM, in the WebGPU page; fails when WebGPU fails. */
  async function onBothDevices(req: Partial<EncoderPageRequest>): Promise<[EncoderPageResult, EncoderPageResult]> {
    const onGpu = await runInPage(gpu, { ...req, device: 'webgpu' });
    const onWasm = await runInPage(gpu, { ...req, device: 'wasm' });
    if (onGpu.error) throw new Error(`shipped model failed on WebGPU: ${onGpu.error.code}: ${onGpu.error.message}`);
    expect(onGpu.device).toBe('webgpu');
    return [onGpu, onWasm];
  }

  it(
    'runs the model in a Web Worker with WASM and matches Node within 1e-5',
    async () => {
      const r = await runInPage(plain, { device: 'wasm' });
      expect(r.error).toBeUndefined();
      expect([r.device, r.reason, r.workers]).toEqual(['wasm', 'requested wasm', 1]);
      expect(r.events.map((e) => e.status)).toEqual(['verify', 'compile', 'ready']);
      expect(worstDiff(r.embeddings!, nodeEmbeddings)).toBeLessThan(1e-5);
      wasmEmbeddings = r.embeddings!;
    },
    SLOW,
  );

  it(
    "without the WebGPU switch, 'auto' falls back to WASM and says why",
    async () => {
      const r = await runInPage(plain, { device: 'auto' });
      expect(r.device).toBe('wasm');
      expect(r.reason).toMatch(/^auto: wasm \(webgpu failed: WebGPU unavailable: (no adapter|navigator\.gpu is missing)\)$/);
      expect(worstDiff(r.embeddings!, nodeEmbeddings)).toBeLessThan(1e-5);
    },
    SLOW,
  );

  it(
    "an explicit 'webgpu' without an adapter fails with ModelError E_DEVICE",
    async () => {
      const r = await runInPage(plain, { device: 'webgpu' });
      expect(r.error).toMatchObject({ name: 'ModelError', code: 'E_DEVICE' });
    },
    SLOW,
  );

  it(
    'with --enable-unsafe-webgpu (SwiftShader) the WebGPU path matches WASM within 1e-3',
    async () => {
      const r = await runInPage(gpu, { device: 'webgpu' });
      if (r.error)
        throw new Error(`WebGPU path failed in Chromium with the harness's WebGPU switches: ${r.error.code}: ${r.error.message}`);
      expect(r.device).toBe('webgpu');
      expect(worstDiff(r.embeddings!, wasmEmbeddings)).toBeLessThan(1e-3);
      expect(r.labels).toEqual((await runInPage(gpu, { device: 'wasm' })).labels);
    },
    SLOW,
  );

  it(
    'the shipped ECG model (start-of-window readout, shift averaging: Slice, ReduceMean; record whitening: MatMul) gives the same embeddings on WebGPU as on WASM within 1e-3',
    async () => {
      const model = shippedModel('ecg');
      const { entry } = model;
      const rate: number = entry.sampleRate;
      const length: number = entry.windowSamples;
      const signal = simulateEcg({ seconds: 12, rate, seed: 5 }).recording.streams[0]!.data;
      const ecgWindows = [0, 1, 2, 3].map((k) => {
        const start = Math.round(k * 0.9 * rate); // window starts at different cardiac phases
        const data = Array.from(signal.subarray(start, start + length));
        return { kind: 'ecg' as const, channels: entry.channels, rate, t0: start / rate, start, length, seq: k, data };
      });
      const [onGpu, onWasm] = await onBothDevices({ ...model, windows: ecgWindows });
      expect(onWasm.embeddings).toHaveLength(4);
      expect(worstDiff(onGpu.embeddings!, onWasm.embeddings!)).toBeLessThan(1e-3);
    },
    SLOW,
  );

  it(
    'the shipped IMU model (invariant branch over accelerometer channels) gives the same outputs on WebGPU as on WASM within 1e-3',
    async () => {
      const model = shippedModel('imu');
      const { entry } = model;
      const imuWindows = windows
        .slice(0, 4)
        .map((w) => ({ ...w, channels: entry.channels, data: Array.from(w.data, (v, i) => (i % 6 === 0 ? v + 1 : v)) }));
      const [onGpu, onWasm] = await onBothDevices({ ...model, windows: imuWindows });
      expect(worstDiff(onGpu.embeddings!, onWasm.embeddings!)).toBeLessThan(1e-3);
      expect(onGpu.labels).toEqual(onWasm.labels);
    },
    SLOW,
  );

  it(
    'the shipped acc model (invariant branch: Gather, batched MatMul, Transpose) gives the same outputs on WebGPU as on WASM within 1e-3',
    async () => {
      const model = shippedModel('acc');
      const accWindows = windows.slice(0, 4).map((w) => {
        const acc = Array.from(w.data).filter((_, i) => i % w.channels.length < 3);
        return { ...w, channels: model.entry.channels, data: acc.map((v, i) => (i % 3 === 0 ? v + 1 : v)) };
      });
      const [onGpu, onWasm] = await onBothDevices({ ...model, windows: accWindows });
      expect(worstDiff(onGpu.embeddings!, onWasm.embeddings!)).toBeLessThan(1e-3);
      expect(onGpu.labels).toEqual(onWasm.labels);
    },
    SLOW,
  );

  it(
    "'auto' with WebGPU available times both devices and reports the pick",
    async () => {
      const r = await runInPage(gpu, { device: 'auto' });
      expect(['webgpu', 'wasm']).toContain(r.device);
      expect(r.reason).toMatch(/^auto: (webgpu|wasm) was faster \((webgpu|wasm) [\d.]+ ms vs (webgpu|wasm) [\d.]+ ms per batch of 4\)$/);
      expect(r.events.filter((e) => e.status === 'warmup').length).toBe(2);
    },
    SLOW,
  );

  it(
    'a killed worker is replaced and no window is lost',
    async () => {
      const r = await runInPage(plain, { device: 'wasm', crashAfterFirst: true });
      expect(r.error).toBeUndefined();
      expect(r.workers).toBe(2);
      expect(r.seqs).toEqual(windows.map((w) => w.seq));
      expect(worstDiff(r.embeddings!, nodeEmbeddings)).toBeLessThan(1e-5);
    },
    SLOW,
  );
});
