import { describe, expect, it } from 'vitest';
import { progressLine, trainCommand } from '../../src/cli/cmd-train.js';

const io = { out: () => {}, err: () => {} };

describe('scl-wear train', () => {
  it('rejects bad flags with E_ARGUMENT naming the flag', async () => {
    await expect(trainCommand.run(['--task', 'imu'], io)).rejects.toMatchObject({ code: 'E_ARGUMENT', details: { argument: 'out' } });
    await expect(trainCommand.run(['--task', 'eeg', '--out', 'x'], io)).rejects.toMatchObject({
      code: 'E_ARGUMENT',
      details: { argument: 'task' },
    });
    await expect(trainCommand.run(['--task', 'imu', '--out', 'x', '--mode', 'fast'], io)).rejects.toMatchObject({
      details: { argument: 'mode' },
    });
    await expect(trainCommand.run(['--task', 'imu', '--out', 'x', '--epochs', '2.5'], io)).rejects.toMatchObject({
      details: { argument: 'epochs' },
    });
    await expect(trainCommand.run(['--task', 'imu', '--out', 'x', '--positives', 'record'], io)).rejects.toMatchObject({
      code: 'E_ARGUMENT',
      details: { argument: 'positives' },
    });
    await expect(trainCommand.run(['--task', 'ecg', '--out', 'x', '--positives', 'beat'], io)).rejects.toMatchObject({
      code: 'E_ARGUMENT',
      details: { argument: 'positives' },
    });
    await expect(trainCommand.run(['--task', 'imu', '--out', 'x', '--ludb'], io)).rejects.toMatchObject({
      code: 'E_ARGUMENT',
      details: { argument: 'ludb' },
    });
    for (const args of [
      ['--task', 'acc', '--align'],
      ['--task', 'ecg', '--align', 'beats'],
    ])
      await expect(trainCommand.run([...args, '--out', 'x'], io)).rejects.toMatchObject({
        code: 'E_ARGUMENT',
        details: { argument: 'align' },
      });
    await expect(trainCommand.run(['--task', 'ecg', '--out', 'x', '--invariant-branch'], io)).rejects.toMatchObject({
      code: 'E_ARGUMENT',
      details: { argument: 'invariant-branch' },
    });
    await expect(trainCommand.run(['--task', 'imu', '--out', 'x', '--invariant-branch', 'wide'], io)).rejects.toMatchObject({
      code: 'E_ARGUMENT',
      details: { argument: 'invariant-branch' },
    });
    // the realism augmentations: a bad value, a missing --realism (or --motion-scale) or an ECG task names the flag
    for (const args of [
      ['--task', 'imu', '--realism', '--motion-scale', '0.5'],
      ['--task', 'imu', '--realism', '--motion-scale', 'NaN'],
      ['--task', 'imu', '--realism', '--motion-scale', 'Infinity'],
      ['--task', 'imu', '--motion-scale', '2'],
      ['--task', 'ecg', '--realism', '--motion-scale', '2'],
      ['--task', 'acc', '--realism', '--time-scale', '0.5'],
      ['--task', 'acc', '--realism', '--time-scale', '-0.1'],
      ['--task', 'acc', '--time-scale', '0.15'],
      ['--task', 'imu', '--realism', '--swing', '100'],
      ['--task', 'imu', '--realism', '--swing', '-10'],
      ['--task', 'acc', '--realism', '--swing', 'NaN'],
      ['--task', 'imu', '--swing', '30'],
      ['--task', 'ecg', '--realism', '--swing', '30'],
      ['--task', 'imu', '--realism', '--motion-scale', '6', '--motion-anisotropy', '0.5'],
      ['--task', 'imu', '--realism', '--motion-scale', '6', '--motion-anisotropy', 'NaN'],
      ['--task', 'imu', '--realism', '--motion-anisotropy', '2'],
      ['--task', 'imu', '--motion-anisotropy', '2'],
    ])
      await expect(trainCommand.run([...args, '--out', 'x'], io)).rejects.toMatchObject({
        code: 'E_ARGUMENT',
        details: { argument: args.at(-2)!.slice(2) },
      });
    for (const share of ['1', '-0.5', 'half'])
      await expect(trainCommand.run(['--task', 'ecg', '--out', 'x', '--ludb', share], io)).rejects.toMatchObject({
        code: 'E_ARGUMENT',
        details: { argument: 'ludb' },
      });
  });

  it('prints epoch, step, every loss term and the ETA', () => {
    const line = progressLine({
      epoch: 2,
      epochs: 15,
      step: 7,
      steps: 115,
      total: 1.5,
      task: 1,
      group: 0.25,
      scl: 0.25,
      dInvPos: 0.01,
      dVarPos: 0.9,
      dInvNeg: 0.8,
      elapsed: 65,
      eta: 3725,
    });
    expect(line).toContain('epoch 2/15');
    expect(line).toContain('step   7/115');
    expect(line).toContain('Dinv+ 0.010 Dvar+ 0.900 Dinv- 0.800');
    expect(line).toContain('1m05s elapsed, ETA 1h02m05s');
  });
});
