// End to end: the real `scl-wear` entry (scripts/cli.mjs, TypeScript through tsx) in a child process.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { writeCsvFile } from '../../src/io/csv.js';
import { simulateEcg } from '../../src/sources/ecg-sim.js';

const run = promisify(execFile);
const cli = resolve(import.meta.dirname, '..', '..', 'scripts', 'cli.mjs');

describe('scl-wear CLI process', () => {
  it('replays a simulated CSV with --rate 250, and prints CODE: message with exit code 1 for a bad CSV', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scl-wear-e2e-'));
    const good = join(dir, 'ecg.csv');
    await writeCsvFile(good, simulateEcg({ seconds: 10, rate: 250, seed: 1 }).recording);
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 't,ecg\n0,0.1\n0.004,0.2\n0.008,abc\n');
    const [ok, failed] = await Promise.all([
      run(process.execPath, [cli, 'replay', '--input', good, '--rate', '250']),
      run(process.execPath, [cli, 'replay', '--input', bad]).then(
        () => ({ code: 0, stderr: '' }),
        (err: { code: number; stderr: string }) => err,
      ),
    ]);
    expect(ok.stdout).toMatch(/2500 frames at 250 Hz/);
    expect(ok.stdout).toMatch(/windows: 9 × 500 frames at 250 Hz/);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/scl-wear replay: E_PARSE: line 4, column 2 \(ecg\): "abc" is not a number/);
  });
});
