import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { ALIGN_DEFAULTS, ALIGN_SMOOTH, alignedCrop, alignStarts, FIXED_CROP, type AlignCrop } from '../../src/training/align-crop.js';
import { loadEcgRecord, zscoreWindow } from '../../src/training/ecg-data.js';
import { forward } from '../../src/training/forward.js';
import { checkSpec, convSteps, initNetwork, parameterCount, type NetworkSpec } from '../../src/training/networks.js';
import { exportOnnx } from '../../src/training/onnx/export.js';
import { ecgSpec } from '../../src/training/presets.js';
import { useTrainingBackend } from '../../src/training/tf/backend.js';

const fixture = fileURLToPath(new URL('../fixtures/mitdb/', import.meta.url));
const W = 520;

/** z-scored 520-sample windows of the 130 Hz record cut at `starts`. */
function cut(signal: Float32Array, starts: readonly number[]): Float32Array {
  const x = new Float32Array(starts.length * W);
  starts.forEach((s, i) => {
    x.set(signal.subarray(s, s + W), i * W);
    zscoreWindow(x, i * W, W);
  });
  return x;
}

/** Reference crop start, written out with loops (first maximum of the smoothed squared difference). */
function referenceStart(x: Float32Array, offset: number, a: AlignCrop): number {
  const from = a.before - (ALIGN_SMOOTH - 1) / 2 - 1;
  let best = -1;
  let at = 0;
  for (let k = 0; k < a.search; k++) {
    let e = 0;
    for (let j = 0; j < ALIGN_SMOOTH; j++) {
      const t = offset + from + k + j;
      e += (x[t + 1]! - x[t]!) ** 2;
    }
    if (e > best) [best, at] = [e, k];
  }
  return at;
}

const starts = (a: AlignCrop, x: Float32Array, n: number) =>
  Array.from(tf.tidy(() => alignStarts(a, tf.tensor3d(x, [n, 1, W])).dataSync()));

describe('beat-aligned crop', () => {
  let signal: Float32Array;
  beforeAll(async () => {
    await useTrainingBackend('wasm');
    signal = (await loadEcgRecord(fixture + '100s', { annotations: fixture + '100' })).signal;
  });

  it('starts each crop at the largest QRS energy, as a loop computes it', () => {
    const at = [0, 97, 250, 401, 555, 700];
    const x = cut(signal, at);
    expect(starts(ALIGN_DEFAULTS, x, at.length)).toEqual(at.map((_, i) => referenceStart(x, i * W, ALIGN_DEFAULTS)));
    const crop = tf.tidy(() => alignedCrop(ALIGN_DEFAULTS, tf.tensor3d(x, [at.length, 1, W])).arraySync());
    const s = starts(ALIGN_DEFAULTS, x, at.length);
    for (let i = 0; i < at.length; i++) expect(crop[i]![0]![0]).toBe(x[i * W + s[i]!]);
    expect([crop.length, crop[0]!.length, crop[0]![0]!.length]).toEqual([at.length, 1, ALIGN_DEFAULTS.length]);
  });

  it('the fixed control always crops the window start', () => {
    const at = [0, 97, 250];
    const x = cut(signal, at);
    expect(starts(FIXED_CROP, x, at.length)).toEqual([0, 0, 0]);
  });

  it('gives the same crop of the record for a window cut a few samples later', () => {
    // Every 10th sample as a window start, each against the same record cut 1-8 samples later.
    let same = 0;
    let pairs = 0;
    for (const k of [1, 3, 5, 8]) {
      const at = Array.from({ length: 40 }, (_, i) => i * 10);
      const a = starts(ALIGN_DEFAULTS, cut(signal, at), at.length);
      const b = starts(
        ALIGN_DEFAULTS,
        cut(
          signal,
          at.map((s) => s + k),
        ),
        at.length,
      );
      for (let i = 0; i < at.length; i++) {
        // Only where the chosen beat stays inside the searched span after the shift, and not where
        // the energy still rises at the end of the span (a QRS entering it: the shift moves its peak in).
        const [from, to] = [at[i]! + a[i]!, at[i]! + k + b[i]!];
        if (a[i]! < k || a[i]! >= ALIGN_DEFAULTS.search - 1 - k) continue;
        pairs++;
        if (from === to) same++;
      }
    }
    expect(pairs).toBeGreaterThan(100);
    expect(same / pairs).toBeGreaterThanOrEqual(0.95);
  });

  it('exports a graph that computes the same embedding (onnxruntime-web WASM, within 1e-4)', async () => {
    const spec: NetworkSpec = { ...ecgSpec(undefined, W), alignCrop: ALIGN_DEFAULTS, startSteps: 2 };
    const p = initNetwork(spec, 5);
    const session = await ort.InferenceSession.create(exportOnnx(spec, p));
    for (const at of [[260], [0, 33, 180, 333, 512, 640, 777, 901]]) {
      const x = cut(signal, at);
      const z = tf.tidy(() => forward(spec, p, tf.tensor3d(x, [at.length, 1, W])).z.dataSync() as Float32Array);
      const r = await session.run({ x: new ort.Tensor('float32', x, [at.length, 1, W]) });
      const onnx = r.z!.data as Float32Array;
      expect(onnx.length).toBe(z.length);
      let worst = 0;
      for (let i = 0; i < z.length; i++) worst = Math.max(worst, Math.abs(z[i]! - onnx[i]!));
      expect(worst).toBeLessThan(1e-4);
      // Cropping matters: the same weights on the whole window give another embedding.
      const whole = tf.tidy(() => forward({ ...spec, alignCrop: undefined }, p, tf.tensor3d(x, [at.length, 1, W])).z.dataSync());
      expect(Math.max(...whole.map((v, i) => Math.abs(v - z[i]!)))).toBeGreaterThan(1e-3);
    }
    await session.release();
  });

  it('keeps the weights; only the steps after the convolutions follow the shorter input', () => {
    const base = ecgSpec(undefined, W);
    const spec: NetworkSpec = { ...base, alignCrop: ALIGN_DEFAULTS };
    expect(parameterCount(spec)).toBe(parameterCount(base));
    const created = Object.values(initNetwork(spec, 1)).reduce((n, v) => n + v.size, 0);
    expect(created).toBe(parameterCount(spec));
    expect([convSteps(base), convSteps(spec)]).toEqual([33, 21]);
  });

  it('rejects a crop that does not fit the window', () => {
    const base = ecgSpec(undefined, W);
    for (const alignCrop of [
      { ...ALIGN_DEFAULTS, length: 400 },
      { ...ALIGN_DEFAULTS, before: 2 },
      { ...ALIGN_DEFAULTS, search: 0 },
      { search: 510, before: 13, length: 10 },
    ])
      expect(() => checkSpec({ ...base, alignCrop })).toThrow(expect.objectContaining({ code: 'E_ARGUMENT' }));
  });
});
