// The shippedModels benchmark on the tiny fixture encoders: what it reads from a model file and
// the shape of its figures (no timing is asserted, only that the figures are finite and ratios
// come from the same run).
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { imuModelFiles, isImuModel, measureModels, readModelFile, realWindows } from '../../bench/shipped-models.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/models/${name}.onnx`, import.meta.url));

describe('shippedModels benchmark', () => {
  it('reads the input shape and weight count of an exported encoder', () => {
    const imu = readModelFile(fixture('tiny-imu'));
    expect([imu.name, imu.channels, imu.samples, isImuModel(imu)]).toEqual(['tiny-imu', 6, 128, true]);
    const ecg = readModelFile(fixture('tiny-ecg'));
    expect([ecg.channels, ecg.samples, isImuModel(ecg)]).toEqual([1, 256, false]);
    // tiny-ecg: Conv(1→8, k7) + Conv(8→8, k5) with biases, at least; far fewer than the file's bytes / 4
    expect(ecg.parameters).toBeGreaterThanOrEqual(8 * 7 + 8 + 8 * 8 * 5 + 8);
    expect(ecg.parameters * 4).toBeLessThan(ecg.bytes.length);
  });

  it('finds the shipped 6- and 3-channel encoders and no ECG one', () => {
    const names = imuModelFiles().map((p) => readModelFile(p).name);
    expect(names).toContain('imu');
    expect(names).toContain('acc');
    expect(names).not.toContain('ecg');
  });

  it('cuts real, non-constant windows of the model input size', async () => {
    for (const m of [readModelFile(fixture('tiny-imu')), readModelFile(fixture('tiny-ecg'))]) {
      const x = await realWindows(m, 8);
      expect(x.length).toBe(8 * m.channels * m.samples);
      expect(x.every(Number.isFinite)).toBe(true);
      expect(new Set(x).size).toBeGreaterThan(50);
      const size = m.channels * m.samples;
      expect(Array.from(x.subarray(0, size))).not.toEqual(Array.from(x.subarray(size, 2 * size)));
    }
  });

  it('reports µs per window at batch 1 and 8 and ratios to the baseline of the same channel count', async () => {
    const [imu, ecg] = [fixture('tiny-imu'), fixture('tiny-ecg')];
    const f = await measureModels({ files: [imu, ecg], baselines: { 6: [imu], 1: [ecg] }, ms: 20, rounds: 2 });
    const keys = (n: string, base: string) => ['usB1', 'usB8', 'parameters', 'bytes', `x${base}B1`, `x${base}B8`].map((k) => `${n}.${k}`);
    expect(Object.keys(f).sort()).toEqual([...keys('tiny-imu', 'Tiny-imu'), ...keys('tiny-ecg', 'Tiny-ecg')].sort());
    for (const k of ['tiny-imu.usB1', 'tiny-imu.usB8', 'tiny-ecg.usB1', 'tiny-ecg.usB8']) {
      expect(f[k]).toBeGreaterThan(0);
      expect(Number.isFinite(f[k])).toBe(true);
    }
    expect(f['tiny-imu.xTiny-imuB8']).toBe(1);
    expect(f['tiny-imu.bytes']).toBe(readModelFile(imu).bytes.length);
  });
});
