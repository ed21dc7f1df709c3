// Bad numbers and oversized input on the command line: a typed error that names the limit,
// never a RangeError, a stack trace or gigabytes written.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { classifyCommand } from '../../src/cli/cmd-classify.js';
import { replayCommand } from '../../src/cli/cmd-replay.js';
import { rpeaksCommand } from '../../src/cli/cmd-rpeaks.js';
import { simulateCommand } from '../../src/cli/cmd-simulate.js';
import type { CliIO, Command } from '../../src/cli/command.js';
import { SdkError } from '../../src/errors.js';

const io: CliIO = { out: () => undefined, err: () => undefined };
let dir: string;
let ecg: string;
let longLine: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'scl-wear-limits-'));
  ecg = join(dir, 'ecg.csv');
  writeFileSync(ecg, 'ecg\n' + Array.from({ length: 500 }, (_, i) => Math.sin(i / 10).toFixed(3)).join('\n') + '\n');
  // 24 MiB without a line break (the same path a 2 GB file takes: reading stops at the limit).
  longLine = join(dir, 'long.csv');
  writeFileSync(longLine, 't,ecg,' + '1'.repeat(24 << 20));
});

async function failure(cmd: Command, args: string[]): Promise<SdkError> {
  try {
    await cmd.run(args, io);
  } catch (err) {
    return err as SdkError;
  }
  throw new Error(`expected ${cmd.name} ${args.join(' ')} to fail`);
}

const out = () => join(dir, 'sim.csv');
const cases: [string, Command, () => string[], RegExp][] = [
  ['simulate --seconds 1e9', simulateCommand, () => ['--kind', 'ecg', '--out', out(), '--seconds', '1e9'], /--seconds must be .*86400/],
  [
    'simulate --rate 1e9',
    simulateCommand,
    () => ['--kind', 'imu', '--out', out(), '--seconds', '10', '--rate', '1e9'],
    /--rate must be .*100000/,
  ],
  [
    'simulate 20 h at 1000 Hz',
    simulateCommand,
    () => ['--kind', 'ecg', '--out', out(), '--seconds', '72000', '--rate', '1000'],
    /25000000 frames/,
  ],
  ['simulate --seconds -5', simulateCommand, () => ['--kind', 'ecg', '--out', out(), '--seconds', '-5'], /--seconds must be .*got "-5"/],
  ['replay --rate 1e9', replayCommand, () => ['--input', ecg, '--rate', '1e9'], /--rate must be .*100000/],
  ['replay --resample 1e9', replayCommand, () => ['--input', ecg, '--rate', '250', '--resample', '1e9'], /--resample must be .*100000/],
  ['replay --resample 1e-6', replayCommand, () => ['--input', ecg, '--rate', '250', '--resample', '1e-6'], /--resample must be .*0\.01/],
  ['replay --window 1e300', replayCommand, () => ['--input', ecg, '--rate', '250', '--window', '1e300'], /--window must be .*86400/],
  ['replay --window 80000 at 250 Hz', replayCommand, () => ['--input', ecg, '--rate', '250', '--window', '80000'], /1000000 frames/],
  ['replay --hop -1', replayCommand, () => ['--input', ecg, '--rate', '250', '--hop', '-1'], /--hop must be .*got "-1"/],
  ['replay --batch 1e300', replayCommand, () => ['--input', ecg, '--rate', '250', '--batch', '1e300'], /--batch must be .*86400/],
  ['rpeaks --rate 1e9', rpeaksCommand, () => ['--input', ecg, '--rate', '1e9'], /--rate must be .*100000/],
  ['rpeaks --rate -250', rpeaksCommand, () => ['--input', ecg, '--rate', '-250'], /--rate must be .*got "-250"/],
  ['classify --hop -0.5', classifyCommand, () => ['--input', ecg, '--rate', '250', '--hop', '-0.5'], /--hop must be .*got "-0.5"/],
  ['replay on a line without a break', replayCommand, () => ['--input', longLine], /line 1 is longer than 1048576 characters/],
];

describe('CLI limits', () => {
  it.each(cases)('%s gives a typed error naming the limit', async (_, cmd, args, message) => {
    const err = await failure(cmd, args());
    expect(err).toBeInstanceOf(SdkError);
    expect(['E_ARGUMENT', 'E_FORMAT', 'E_PARSE']).toContain(err.code);
    expect(err.message).toMatch(message);
    expect(existsSync(out())).toBe(false);
  });

  it('a process given a huge line exits 1 with CODE: message and no stack trace', { timeout: 60_000 }, async () => {
    const cli = resolve(import.meta.dirname, '..', '..', 'scripts', 'cli.mjs');
    const r = await promisify(execFile)(process.execPath, [cli, 'rpeaks', '--input', longLine, '--rate', '250']).then(
      () => ({ code: 0, stderr: '' }),
      (err: { code: number; stderr: string }) => err,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^scl-wear rpeaks: E_PARSE: line 1 is longer than 1048576 characters/);
    expect(r.stderr).not.toMatch(/RangeError|\n\s+at /);
  });
});
