import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseManifest } from '../../src/model/manifest.js';
import { loadEcgRecord, zscoreWindow } from '../../src/training/ecg-data.js';
import { initNetwork } from '../../src/training/networks.js';
import { exportOnnx } from '../../src/training/onnx/export.js';
import { shiftAverageOnnx } from '../../src/training/onnx/shift-average.js';
import { ecgSpec } from '../../src/training/presets.js';
import { shipModel } from '../../src/training/ship.js';
import { useTrainingBackend } from '../../src/training/tf/backend.js';

const fixture = fileURLToPath(new URL('../fixtures/mitdb/', import.meta.url));
const W = 520;
const SA = { copies: 3, step: 26 };
const LONG = W + (SA.copies - 1) * SA.step;
const spec = ecgSpec(undefined, W);
const D = spec.dims.inv;
const DIM = D + spec.dims.var + spec.dims.free;

async function run(bytes: Uint8Array, x: Float32Array, n: number, samples: number) {
  const s = await ort.InferenceSession.create(bytes);
  const r = await s.run({ x: new ort.Tensor('float32', x, [n, 1, samples]) });
  const out = { z: r.z!.data as Float32Array, logits: r.logits!.data as Float32Array };
  await s.release();
  return out;
}

describe('shift averaging (shiftAverageOnnx)', () => {
  let signal: Float32Array;
  let base: Uint8Array;
  const root = mkdtempSync(join(tmpdir(), 'scl-sa-'));
  beforeAll(async () => {
    await useTrainingBackend('wasm');
    signal = (await loadEcgRecord(fixture + '100s', { annotations: fixture + '100' })).signal;
    base = exportOnnx(spec, initNetwork(spec, 3));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  /** z-scored windows of `length` samples of the fixture record, cut at `starts`. */
  const cut = (starts: readonly number[], length: number) => {
    const x = new Float32Array(starts.length * length);
    starts.forEach((s, i) => {
      x.set(signal.subarray(s, s + length), i * length);
      zscoreWindow(x, i * length, length);
    });
    return x;
  };

  it('averages z_inv and the logits over the sub-windows and keeps z_var, z_free of the first, within 1e-4', async () => {
    const at = [0, 77, 300, 611];
    const wrapped = await run(shiftAverageOnnx(base, SA, spec.dims), cut(at, LONG), at.length, LONG);
    // The same thing by hand: each sub-window z-scored on its own through the base model.
    const subs = at.flatMap((s) => [0, 1, 2].map((j) => s + j * SA.step));
    const ref = await run(base, cut(subs, W), subs.length, W);
    const classes = ref.logits.length / subs.length;
    let worst = 0;
    for (let w = 0; w < at.length; w++) {
      for (let d = 0; d < DIM; d++) {
        const copy = (j: number) => ref.z[(w * 3 + j) * DIM + d]!;
        const want = d < D ? (copy(0) + copy(1) + copy(2)) / 3 : copy(0);
        worst = Math.max(worst, Math.abs(want - wrapped.z[w * DIM + d]!));
      }
      for (let c = 0; c < classes; c++) {
        const want = [0, 1, 2].reduce((a, j) => a + ref.logits[(w * 3 + j) * classes + c]!, 0) / 3;
        worst = Math.max(worst, Math.abs(want - wrapped.logits[w * classes + c]!));
      }
    }
    expect(worst).toBeLessThan(1e-4);
    // Averaging matters: z_inv differs from the first sub-window's alone.
    const firstOnly = Math.max(...Array.from({ length: D }, (_, d) => Math.abs(ref.z[d]! - wrapped.z[d]!)));
    expect(firstOnly).toBeGreaterThan(1e-3);
  });

  it('moves z_inv less than the base model when the window is cut a few samples later', async () => {
    const starts = [40, 260, 500, 730, 950];
    let baseMove = 0;
    let avgMove = 0;
    const wrappedBytes = shiftAverageOnnx(base, SA, spec.dims);
    for (const shift of [9, 17]) {
      const b0 = await run(base, cut(starts, W), starts.length, W);
      const b1 = await run(
        base,
        cut(
          starts.map((s) => s + shift),
          W,
        ),
        starts.length,
        W,
      );
      const a0 = await run(wrappedBytes, cut(starts, LONG), starts.length, LONG);
      const a1 = await run(
        wrappedBytes,
        cut(
          starts.map((s) => s + shift),
          LONG,
        ),
        starts.length,
        LONG,
      );
      for (let i = 0; i < starts.length * DIM; i++) {
        if (i % DIM >= D) continue;
        baseMove += (b0.z[i]! - b1.z[i]!) ** 2;
        avgMove += (a0.z[i]! - a1.z[i]!) ** 2;
      }
    }
    expect(avgMove).toBeLessThan(baseMove);
  });

  it('rejects fewer than 2 copies, a step below 1 and a model that is not an encoder', () => {
    expect(() => shiftAverageOnnx(base, { copies: 1, step: 26 }, spec.dims)).toThrow(expect.objectContaining({ code: 'E_ARGUMENT' }));
    expect(() => shiftAverageOnnx(base, { copies: 3, step: 0.5 }, spec.dims)).toThrow(expect.objectContaining({ code: 'E_ARGUMENT' }));
    expect(() => shiftAverageOnnx(new Uint8Array([8, 8]), SA, spec.dims)).toThrow(expect.objectContaining({ code: 'E_EXPORT' }));
  });

  it('ships a wrapped model whose manifest entry names the longer window and the file it wrote', async () => {
    const dir = join(root, 'run');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'ecg.onnx'), base);
    const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
    const results = {
      task: 'ecg',
      mode: 'scl',
      spec,
      parameters: 1,
      onnx: { file: 'ecg.onnx', bytes: base.length, sha256: sha(base), parityMaxAbs: 1e-6 },
      wallSeconds: 1,
      options: {},
    };
    writeFileSync(join(dir, 'results.json'), JSON.stringify(results));
    const models = join(root, 'models');
    await shipModel({ run: dir, modelsDir: models, shiftAverage: { copies: 3, stepSeconds: 0.2 } });
    const raw = JSON.parse(readFileSync(join(models, 'manifest.json'), 'utf8')) as { models: { ecg: { shiftAverage: unknown } } };
    const e = parseManifest(raw).models.ecg!;
    const written = readFileSync(join(models, 'ecg.onnx'));
    expect(e.windowSamples).toBe(LONG);
    expect(e.sha256).toBe(sha(written));
    expect(raw.models.ecg.shiftAverage).toEqual({ copies: 3, stepSamples: 26, encoderSamples: W });
    const s = await ort.InferenceSession.create(written);
    const r = await s.run({ x: new ort.Tensor('float32', cut([100], LONG), [1, 1, LONG]) });
    expect(r.z!.dims).toEqual([1, DIM]);
    await s.release();
  });
});
