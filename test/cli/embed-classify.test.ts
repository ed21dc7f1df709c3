// `scl-wear embed` / `classify` on CSV files, with fixture models in a temporary manifest (so the
// expected embeddings come from the independent reference forward pass, not from the code).
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { classifyCommand } from '../../src/cli/cmd-classify.js';
import { embedCommand } from '../../src/cli/cmd-embed.js';
import type { CliIO, Command } from '../../src/cli/command.js';
import { InputError } from '../../src/errors.js';
import { buildFixtureModel, imuSpec } from '../model/fixture-model.js';
import { maxDiff, reference } from '../model/helpers.js';
import { timeline } from '../core/timelines.js';
import { from, lastValueFrom, toArray } from 'rxjs';
import { classify } from '../../src/model/classify.js';
import { createNodeEncoder } from '../../src/model/node-encoder.js';
import { MotionBatcher } from '../../src/sources/motion-batcher.js';
import { validate } from '../../src/streams/validate.js';
import type { SampleBatch } from '../../src/core/batch.js';

const imu = buildFixtureModel({ ...imuSpec, window: 64 });
const acc = buildFixtureModel({ ...imuSpec, window: 64, channels: imuSpec.channels.slice(0, 3), kind: 'acc', seed: 3 });
let dir: string;
let manifest: string;

/** Writes a CSV of `frames` rows at `rate` Hz; acc in g, gyro in rad/s (optional). */
function csv(
  name: string,
  frames: number,
  rate: number,
  gyro: boolean,
  value: (i: number, c: number) => number,
  time = (i: number) => i / rate,
): string {
  const cols = gyro ? ['ax[g]', 'ay[g]', 'az[g]', 'gx', 'gy', 'gz'] : ['ax[g]', 'ay[g]', 'az[g]'];
  const rows = [['t', ...cols].join(',')];
  for (let i = 0; i < frames; i++) rows.push([time(i).toFixed(6), ...cols.map((_, c) => value(i, c).toFixed(6))].join(','));
  const path = join(dir, name);
  writeFileSync(path, rows.join('\n') + '\n');
  return path;
}

const wave = (i: number, c: number) => Math.sin(0.1 * i + c) * 0.5 + (c === 2 ? 1 : 0);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'scl-wear-cli-model-'));
  writeFileSync(join(dir, 'imu.onnx'), imu.bytes);
  writeFileSync(join(dir, 'acc.onnx'), acc.bytes);
  const orient = { ...imu.entry.preprocessing, calibration: 'orientation', referenceUp: [0, 0, 1] };
  manifest = join(dir, 'manifest.json');
  const tiny = readFileSync(new URL('../fixtures/models/tiny-imu.onnx', import.meta.url));
  writeFileSync(join(dir, 'tiny-imu.onnx'), tiny);
  const grouped = {
    ...imu.entry,
    file: 'tiny-imu.onnx',
    sha256: createHash('sha256').update(tiny).digest('hex'),
    windowSamples: 128,
    preprocessing: orient,
    outputs: { embedding: 'z', logits: 'logits', groupLogits: 'group_logits' },
    embedding: { dim: 8, inv: [0, 4], var: [4, 6], free: [6, 8] },
    classes: ['WALKING', 'UP', 'DOWN', 'SITTING', 'STANDING', 'LAYING'],
    groups: { names: ['WALKING', 'UP', 'DOWN', 'STATIC'], ofClass: [0, 1, 2, 3, 3, 3] },
  };
  writeFileSync(
    manifest,
    JSON.stringify({
      version: 1,
      models: { imu: { ...imu.entry, file: 'imu.onnx', preprocessing: orient }, acc: { ...acc.entry, file: 'acc.onnx' }, grouped },
    }),
  );
});

async function json(cmd: Command, args: string[]) {
  const lines: string[] = [];
  const io: CliIO = { out: (t) => lines.push(t), err: (t) => lines.push(t) };
  expect(await cmd.run([...args, '--manifest', manifest, '--json'], io)).toBe(0);
  return JSON.parse(lines.join('\n'));
}

describe('scl-wear embed', () => {
  it('prints { model, windowSamples, windows: [{ start, inv, var, free }] } stepping by the hop', async () => {
    const file = csv('imu.csv', 200, 50, true, wave);
    const out = await json(embedCommand, ['--input', file, '--model', 'imu', '--hop', '0.5']);
    expect(Object.keys(out)).toEqual(['model', 'windowSamples', 'windows']);
    expect([out.model, out.windowSamples]).toEqual(['imu', 64]);
    expect(out.windows.map((w: { start: number }) => w.start)).toEqual([0, 25, 50, 75, 100, 125]);
    const w = out.windows[2];
    expect(Object.keys(w)).toEqual(['start', 'inv', 'var', 'free']);
    // Reference: frames 50..113 of the file, acc in g as the model expects.
    const data = new Float32Array(64 * 6);
    for (let i = 0; i < 64; i++) for (let c = 0; c < 6; c++) data[i * 6 + c] = Number(wave(50 + i, c).toFixed(6));
    const ref = reference(imu, { kind: 'imu', channels: imu.spec.channels, rate: 50, t0: 1, start: 50, length: 64, seq: 2, data });
    expect(maxDiff([...w.inv, ...w.var, ...w.free], ref.embedding)).toBeLessThan(1e-4);
  });

  it('gives start and windowSamples in input samples when the file is at another rate', async () => {
    const file = csv('imu100.csv', 400, 100, true, wave);
    const out = await json(embedCommand, ['--input', file, '--model', 'imu']);
    expect(out.windowSamples).toBe(128);
    expect(out.windows.map((w: { start: number }) => w.start)).toEqual([0, 128, 256]);
  });
});

describe('scl-wear classify', () => {
  it('picks imu for files with gyroscope columns, acc otherwise, and prints { classes, windows }', async () => {
    const withGyro = await json(classifyCommand, ['--input', csv('g.csv', 128, 50, true, wave)]);
    const accOnly = await json(classifyCommand, ['--input', csv('a.csv', 128, 50, false, wave)]);
    expect(withGyro.classes).toEqual(imu.entry.classes);
    expect(withGyro.windows.map((w: { start: number; end: number }) => [w.start, w.end])).toEqual([
      [0, 64],
      [64, 128],
    ]);
    const w = withGyro.windows[0];
    // A model without a group head: the label is the full class and says so.
    expect(Object.keys(w)).toEqual(['start', 'end', 'label', 'group', 'probs', 'calibrated']);
    expect(w.calibrated).toBe(true);
    expect(w.probs.reduce((a: number, b: number) => a + b, 0)).toBeCloseTo(1, 5);
    expect(w.label).toBe(imu.entry.classes![w.probs.indexOf(Math.max(...w.probs))]);
    // The two models differ, so their outputs do too: each file really went to its own model.
    expect(accOnly.windows[0].probs).not.toEqual(w.probs);
  });

  it('calibrates the orientation from a still segment, and refuses a bad range or an uncalibrated model', async () => {
    // Still for the first 2 s with gravity along +z, i.e. already on the reference: identity rotation.
    const still = (i: number, c: number) => (i < 100 ? [0, 0, 1, 0, 0, 0][c]! : wave(i, c));
    const file = csv('still.csv', 256, 50, true, still);
    const plain = await json(classifyCommand, ['--input', file]);
    const calibrated = await json(classifyCommand, ['--input', file, '--calibrate', '0:2']);
    calibrated.windows.forEach((w: { probs: number[] }, i: number) => expect(maxDiff(w.probs, plain.windows[i].probs)).toBeLessThan(1e-5));
    await expect(json(classifyCommand, ['--input', file, '--calibrate', '2:1'])).rejects.toMatchObject({ code: 'E_ARGUMENT' });
    const accFile = csv('acc-still.csv', 256, 50, false, still);
    await expect(json(classifyCommand, ['--input', accFile, '--calibrate', '0:2'])).rejects.toThrow(InputError);
  });

  it('with a group head, answers the group unless the orientation is known, and always gives group and groupProbs', async () => {
    const still = (i: number, c: number) => (i < 100 ? [0, 0, 1, 0, 0, 0][c]! : wave(i, c));
    const file = csv('grouped.csv', 512, 50, true, still);
    const plain = await json(classifyCommand, ['--input', file, '--model', 'grouped']);
    expect(plain.groups).toEqual(['WALKING', 'UP', 'DOWN', 'STATIC']);
    expect(plain.windows).toHaveLength(4);
    for (const w of plain.windows) {
      expect(Object.keys(w)).toEqual(['start', 'end', 'label', 'group', 'probs', 'groupProbs', 'calibrated']);
      expect(w.calibrated).toBe(false);
      expect(w.groupProbs.reduce((a: number, b: number) => a + b, 0)).toBeCloseTo(1, 5);
      expect(w.group).toBe(plain.groups[w.groupProbs.indexOf(Math.max(...w.groupProbs))]);
      expect(w.label).toBe(w.group);
    }
    const calibrated = await json(classifyCommand, ['--input', file, '--model', 'grouped', '--calibrate', '0:2']);
    for (const w of calibrated.windows) {
      expect(w.calibrated).toBe(true);
      expect(w.label).toBe(calibrated.classes[w.probs.indexOf(Math.max(...w.probs))]);
    }
    // Self-calibration needs walking first; this file has none, so nothing is calibrated.
    const placed = await json(classifyCommand, ['--input', file, '--model', 'grouped', '--placement', 'pocket']);
    expect(placed.windows.map((w: { calibrated: boolean }) => w.calibrated)).toEqual([false, false, false, false]);
    expect(placed.windows.every((w: { placement?: string }) => w.placement === 'pocket')).toBe(true);
    const auto = await json(classifyCommand, ['--input', file, '--model', 'grouped', '--placement', 'auto']);
    expect(auto.windows.map((w: { calibrated: boolean; placement?: string }) => [w.calibrated, w.placement])).toEqual(
      Array(4).fill([false, undefined]),
    );
    await expect(json(classifyCommand, ['--input', file, '--model', 'grouped', '--placement', 'belt'])).rejects.toMatchObject({
      code: 'E_ARGUMENT',
    });
    await expect(
      json(classifyCommand, ['--input', file, '--model', 'grouped', '--placement', 'waist', '--calibrate', '0:2']),
    ).rejects.toMatchObject({ code: 'E_ARGUMENT' });
  });

  it('--rotations K averages the probabilities over K rotations of each window; a bad K or one with --calibrate is E_ARGUMENT', async () => {
    const file = csv('orbit.csv', 512, 50, true, wave);
    const plain = await json(classifyCommand, ['--input', file, '--model', 'grouped']);
    const one = await json(classifyCommand, ['--input', file, '--model', 'grouped', '--rotations', '1']);
    expect(one.windows).toEqual(plain.windows);
    const eight = await json(classifyCommand, ['--input', file, '--model', 'grouped', '--rotations', '8']);
    expect(eight.windows.map((w: { start: number }) => w.start)).toEqual(plain.windows.map((w: { start: number }) => w.start));
    for (const w of eight.windows) {
      expect(w.groupProbs.reduce((a: number, b: number) => a + b, 0)).toBeCloseTo(1, 5);
      expect(w.label).toBe(w.group);
    }
    expect(
      eight.windows.some((w: { groupProbs: number[] }, i: number) => Math.abs(w.groupProbs[0]! - plain.windows[i].groupProbs[0]) > 1e-4),
    ).toBe(true);
    for (const bad of ['0', '65', '2.5', 'x']) {
      await expect(json(classifyCommand, ['--input', file, '--model', 'grouped', '--rotations', bad])).rejects.toMatchObject({
        code: 'E_ARGUMENT',
      });
    }
    await expect(
      json(classifyCommand, ['--input', file, '--model', 'grouped', '--rotations', '4', '--calibrate', '0:2']),
    ).rejects.toMatchObject({ code: 'E_ARGUMENT' });
  });

  it('reports a file without the model stream and a missing model with codes', async () => {
    await expect(json(classifyCommand, ['--input', csv('acc2.csv', 128, 50, false, wave), '--model', 'imu'])).rejects.toMatchObject({
      code: 'E_ARGUMENT',
      message: expect.stringMatching(/has no imu columns/),
    });
    await expect(json(embedCommand, ['--input', csv('x.csv', 128, 50, false, wave), '--model', 'ecg'])).rejects.toMatchObject({
      code: 'E_MODEL_NOT_FOUND',
    });
  });

  // 10 minutes of 50 Hz IMU: phone timing (jitter of ±50 % of the period, iOS pairs 1 ms and
  // 39 ms apart) must give at least 95 % of the windows the same file gives with clean times.
  const TEN_MIN = 30000;
  it.each(['jitter', 'pairs'] as const)(
    'gives at least 95 percent of the clean windows on 10 min of 50 Hz IMU with %s timestamps',
    async (kind) => {
      const clean = await json(classifyCommand, ['--input', csv('clean10.csv', TEN_MIN, 50, true, wave)]);
      expect(clean.windows.length).toBe(Math.floor(TEN_MIN / 64));
      const t = timeline(kind, TEN_MIN, 50, 7);
      const out = await json(classifyCommand, ['--input', csv(`${kind}10.csv`, TEN_MIN, 50, true, wave, (i) => t[i]!)]);
      expect(out.windows.length).toBeGreaterThanOrEqual(0.95 * clean.windows.length);
    },
    60_000,
  );

  it.each(['jitter', 'pairs'] as const)(
    'classify (API) on phone motion events with %s timing gives at least 95 percent of the clean windows',
    async (kind) => {
      const encoder = await createNodeEncoder({ model: 'imu', manifestPath: manifest, worker: false });
      const count = async (t: Float64Array) => {
        const batches: SampleBatch[] = [];
        const batcher = new MotionBatcher('imu', imu.spec.channels, (b) => batches.push(b));
        for (let i = 0; i < t.length; i++)
          batcher.push(
            1000 + t[i]!,
            [0, 1, 2, 3, 4, 5].map((c) => wave(i, c)),
          );
        batcher.flush();
        return (await lastValueFrom(from(batches).pipe(validate(), classify(encoder), toArray()))).length;
      };
      try {
        const clean = await count(timeline('clean', TEN_MIN, 50));
        expect(clean).toBeGreaterThan(0.95 * (TEN_MIN / 64));
        expect(await count(timeline(kind, TEN_MIN, 50, 9))).toBeGreaterThanOrEqual(0.95 * clean);
      } finally {
        await encoder.close();
      }
    },
    60_000,
  );
});
