// Smoke training on the committed fixtures: a few steps, loss goes down, runs are reproducible
// and resumable, and the exported ONNX reproduces tfjs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEcgRecord } from '../../src/training/ecg-data.js';
import { ecgTask } from '../../src/training/ecg-task.js';
import { loadImuWindows, referenceUp } from '../../src/training/imu-data.js';
import { imuTask } from '../../src/training/imu-task.js';
import type { NetworkParams } from '../../src/training/networks.js';
import { exportOnnx } from '../../src/training/onnx/export.js';
import { exportParity } from '../../src/training/parity.js';
import { ecgSpec, imuSpec } from '../../src/training/presets.js';
import { useTrainingBackend } from '../../src/training/tf/backend.js';
import { trainNetwork, type TrainOptions } from '../../src/training/trainer.js';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const base: TrainOptions = { mode: 'scl', epochs: 1, batch: 12, lr: 3e-3, seed: 3, lambda: 1, beta: 1, eps: 1e-3, clip: 5 };
const weights = (p: NetworkParams) => Object.values(p).flatMap((v) => Array.from(v.dataSync()));
const dir = mkdtempSync(join(tmpdir(), 'scl-train-'));

describe('training smoke run', () => {
  beforeAll(async () => {
    await useTrainingBackend('wasm');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lowers the loss on real UCI HAR windows and exports an ONNX equal to tfjs', async () => {
    const data = await loadImuWindows(join(fixtures), 'test', 'imu');
    const task = imuTask(data, referenceUp(data));
    const spec = imuSpec();
    const r = await trainNetwork(spec, task, { ...base, mode: 'plain', epochs: 12 });
    const first = r.history[0]!.total;
    const last = r.history[r.history.length - 1]!.total;
    expect(last).toBeLessThan(0.7 * first);
    const onnx = exportOnnx(spec, r.params);
    expect(await exportParity(spec, r.params, onnx, data.x, data.count)).toBeLessThan(1e-4);
  });

  it('logs the three SCL distance terms and gives the same weights for the same seed', async () => {
    const data = await loadImuWindows(join(fixtures), 'test', 'acc');
    const task = imuTask(data, referenceUp(data));
    const spec = { ...imuSpec(), channels: 3 };
    const a = await trainNetwork(spec, task, { ...base, epochs: 2 });
    const b = await trainNetwork(spec, task, { ...base, epochs: 2 });
    const c = await trainNetwork(spec, task, { ...base, epochs: 2, seed: 4 });
    for (const h of a.history) {
      expect(h.scl).toBeGreaterThan(0);
      expect(h.dInvPos).toBeGreaterThan(0);
      expect(h.dVarPos).toBeGreaterThan(0);
      expect(h.dInvNeg).toBeGreaterThan(0);
    }
    expect(weights(a.params)).toEqual(weights(b.params));
    expect(weights(a.params)).not.toEqual(weights(c.params));
  });

  it('resumes from a checkpoint to the same weights as an uninterrupted run', async () => {
    const data = await loadImuWindows(join(fixtures), 'test', 'imu');
    const task = imuTask(data, referenceUp(data));
    const spec = imuSpec({ inv: 8, var: 4, free: 4 });
    const full = await trainNetwork(spec, task, { ...base, epochs: 3 });
    await trainNetwork(spec, task, { ...base, epochs: 1, checkpointDir: dir });
    const resumed = await trainNetwork(spec, task, { ...base, epochs: 3, checkpointDir: dir, resume: true });
    expect(resumed.history).toHaveLength(3);
    const w1 = weights(full.params);
    const w2 = weights(resumed.params);
    expect(Math.max(...w1.map((v, i) => Math.abs(v - w2[i]!)))).toBeLessThan(1e-6);
  });

  it('trains the ECG encoder on a real MIT-BIH excerpt with shifted positives', async () => {
    const rec = await loadEcgRecord(join(fixtures, 'mitdb', '100s'), { annotations: join(fixtures, 'mitdb', '100') });
    const spec = ecgSpec({ inv: 8, var: 4, free: 4 }, 256);
    const task = ecgTask([rec], { length: 256, hop: 26 });
    const r = await trainNetwork(spec, task, { ...base, batch: 4, epochs: 2, maxSteps: 2 });
    expect(r.history.every((h) => Number.isFinite(h.total) && h.dInvNeg > 0)).toBe(true);
    const x = new Float32Array(4 * 256).map((_, i) => rec.signal[200 + 100 * Math.floor(i / 256) + (i % 256)]!);
    expect(await exportParity(spec, r.params, exportOnnx(spec, r.params), x, 4)).toBeLessThan(1e-4);
  });
});
