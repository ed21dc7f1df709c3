import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateCommand } from '../../src/cli/cmd-evaluate.js';
import { InputError, ModelError, TrainingError } from '../../src/errors.js';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const io = () => {
  const out: string[] = [];
  return { out, io: { out: (t: string) => out.push(t), err: () => {} } };
};

describe('scl-wear evaluate', () => {
  it('writes the IMU card, its figures and the JSON figures for the given models', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scl-eval-'));
    const { out, io: cli } = io();
    const tiny = join(fixtures, 'models', 'tiny-imu.onnx');
    const code = await evaluateCommand.run(
      [
        '--model',
        'imu',
        '--data',
        fixtures,
        '--variant',
        `plain=${tiny}`,
        '--variant',
        `SCL=${tiny}`,
        '--dims',
        '4,2,2',
        '--up',
        '1,0,0',
        '--rotations',
        '2',
        '--out',
        dir,
      ],
      cli,
    );
    expect(code).toBe(0);
    expect(out.map((p) => p.slice(dir.length + 1)).sort()).toEqual([
      'imu-confusion-rotated.svg',
      'imu-confusion.svg',
      'imu-consistency.svg',
      'imu-eval.json',
      'imu.md',
    ]);
    const card = readFileSync(join(dir, 'imu.md'), 'utf8');
    expect(card).toContain('| figure | target | plain | SCL |');
    expect(card).toContain('grouped accuracy under SO(3), 2 rotations/window (%)');
    expect(card).toContain('![consistency](imu-consistency.svg)');
    const json = JSON.parse(readFileSync(join(dir, 'imu-eval.json'), 'utf8'));
    // The same file twice: identical figures, and all 12 fixture windows scored.
    expect(json.results[0]).toEqual({ ...json.results[1] });
    expect(json.results[0].windows).toBe(12);
  });

  it('writes the ECG card from DS2 records listed in records.json', async () => {
    const data = mkdtempSync(join(tmpdir(), 'scl-ecg-'));
    mkdirSync(join(data, 'mitdb'));
    for (const ext of ['hea', 'dat']) copyFileSync(join(fixtures, 'mitdb', `100s.${ext}`), join(data, 'mitdb', `100s.${ext}`));
    copyFileSync(join(fixtures, 'mitdb', '100.atr'), join(data, 'mitdb', '100s.atr'));
    writeFileSync(join(data, 'mitdb', 'records.json'), JSON.stringify([{ record: '100s', split: 'DS2' }]));
    const dir = join(data, 'cards');
    const { out, io: cli } = io();
    const tiny = join(fixtures, 'models', 'tiny-ecg.onnx');
    await evaluateCommand.run(
      ['--model', 'ecg', '--data', data, '--variant', `SCL=${tiny}`, '--dims', '4,2,2', '--per-record', '4', '--out', dir],
      cli,
    );
    expect(out).toHaveLength(3);
    const json = JSON.parse(readFileSync(join(dir, 'ecg-eval.json'), 'utf8'));
    expect(json.results[0].windows).toBe(4);
    expect(json.results[0].similarity.meanCurve[0]).toBeCloseTo(1, 4);
    expect(readFileSync(join(dir, 'ecg-similarity.svg'), 'utf8')).toMatch(/^<svg[\s\S]*<\/svg>\n$/);
  });

  it('rejects bad flags and a missing model with typed errors', async () => {
    const { io: cli } = io();
    await expect(evaluateCommand.run(['--model', 'eeg'], cli)).rejects.toBeInstanceOf(InputError);
    await expect(evaluateCommand.run(['--model', 'imu', '--rotations', '0'], cli)).rejects.toBeInstanceOf(InputError);
    await expect(evaluateCommand.run(['--model', 'imu', '--variant', 'nolabel'], cli)).rejects.toBeInstanceOf(InputError);
    // A 6-channel model cannot be evaluated as the accelerometer-only task.
    const tiny = join(fixtures, 'models', 'tiny-imu.onnx');
    await expect(
      evaluateCommand.run(['--model', 'acc', '--data', fixtures, '--variant', `x=${tiny}`, '--dims', '4,2,2'], cli),
    ).rejects.toBeInstanceOf(ModelError);
    const empty = mkdtempSync(join(tmpdir(), 'scl-models-'));
    await expect(evaluateCommand.run(['--model', 'acc', '--data', fixtures, '--models', empty], cli)).rejects.toBeInstanceOf(TrainingError);
  });
});
