import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayCommand } from '../../src/cli/cmd-replay.js';
import { simulateCommand } from '../../src/cli/cmd-simulate.js';
import type { CliIO } from '../../src/cli/command.js';
import type { StreamReport } from '../../src/cli/chain.js';
import { timeline } from '../core/timelines.js';

const tmp = mkdtempSync(join(tmpdir(), 'scl-wear-cli-'));

function fakeIO(): CliIO & { lines: string[] } {
  const lines: string[] = [];
  return { lines, out: (t) => lines.push(t), err: (t) => lines.push(t) };
}

async function replayJson(args: string[]): Promise<{ rate: number; frames: number; streams: StreamReport[] }> {
  const io = fakeIO();
  expect(await replayCommand.run([...args, '--json'], io)).toBe(0);
  return JSON.parse(io.lines.join('\n'));
}

describe('scl-wear simulate + replay', () => {
  it('replays a simulated ECG: windows counted from the length, band-passed signal centred on zero', async () => {
    const file = join(tmp, 'ecg.csv');
    const io = fakeIO();
    expect(await simulateCommand.run(['--kind', 'ecg', '--seconds', '20', '--rate', '250', '--out', file, '--seed', '3'], io)).toBe(0);
    expect(io.lines[0]).toMatch(/5000 frames at 250 Hz/);
    const r = await replayJson(['--input', file, '--rate', '250', '--window', '2', '--hop', '0.5']);
    expect(r.rate).toBe(250);
    const ecg = r.streams[0]!;
    expect(ecg.kind).toBe('ecg');
    expect(ecg.windows.size).toBe(500);
    expect(ecg.windows.count).toBe(Math.floor((5000 - 500) / 125) + 1);
    expect(ecg.gaps.count).toBe(0);
    const c = ecg.windows.channels[0]!;
    expect(Math.abs(c.mean)).toBeLessThan(0.05); // the 0.5 Hz high-pass removed the offset
    expect(c.max).toBeGreaterThan(0.8); // R waves survive
    expect(ecg.stages.join(' ')).toMatch(/band-pass 0.5–40 Hz/);
  });

  it('resamples when asked and counts windows at the new rate', async () => {
    const file = join(tmp, 'ecg-360.csv');
    await simulateCommand.run(['--kind', 'ecg', '--seconds', '10', '--rate', '360', '--out', file, '--no-time'], fakeIO());
    const r = await replayJson(['--input', file, '--rate', '360', '--resample', '125', '--window', '2', '--hop', '2']);
    const ecg = r.streams[0]!;
    expect(ecg.outputRate).toBe(125);
    expect(ecg.windows.size).toBe(250);
    expect(ecg.windows.count).toBe(5); // 1250 output frames
  });

  it('replays a simulated IMU session: gravity separated, windows labelled by activity', async () => {
    const file = join(tmp, 'imu.csv');
    await simulateCommand.run(
      ['--kind', 'imu', '--activities', 'standing:12,walking:12', '--out', file, '--acc-unit', 'g', '--seed', '2'],
      fakeIO(),
    );
    const r = await replayJson(['--input', file, '--window', '2', '--hop', '1']);
    const imu = r.streams[0]!;
    expect(imu.kind).toBe('imu');
    expect(imu.windows.channels.map((c) => c.name)).toEqual(['ax', 'ay', 'az', 'gx', 'gy', 'gz', 'gravity_ax', 'gravity_ay', 'gravity_az']);
    const g = imu.windows.channels.slice(6).map((c) => c.mean);
    expect(Math.hypot(...g)).toBeGreaterThan(0.95); // gravity ≈ 1 g (unit g), whatever the orientation
    expect(Math.hypot(...g)).toBeLessThan(1.05);
    const body = imu.windows.channels.slice(0, 3);
    for (const c of body) expect(Math.abs(c.mean)).toBeLessThan(0.05);
    expect(imu.windows.labels).toBeDefined();
    expect(Object.values(imu.windows.labels!).reduce((s, v) => s + v, 0)).toBe(imu.windows.count);
    expect(imu.windows.labels!.walking).toBeGreaterThanOrEqual(10);
  });

  it('prints a readable summary without --json', async () => {
    const file = join(tmp, 'imu-text.csv');
    await simulateCommand.run(['--kind', 'imu', '--seconds', '12', '--out', file], fakeIO());
    const io = fakeIO();
    await replayCommand.run(['--input', file], io);
    const text = io.lines.join('\n');
    expect(text).toMatch(/600 frames at 50 Hz/);
    expect(text).toMatch(/windows: 11 × 100 frames at 50 Hz/);
    expect(text).toMatch(/gravity_az/);
  });
});

describe('scl-wear replay on bad input', () => {
  const write = (name: string, text: string) => {
    const p = join(tmp, name);
    writeFileSync(p, text);
    return p;
  };

  it.each([
    ['text.csv', 't,ecg\n0,1\n0.004,oops\n', [], 'E_PARSE'],
    ['ragged.csv', 't,ecg\n0,1\n0.004,1,2\n', [], 'E_PARSE'],
    ['backwards.csv', 't,ecg\n0,1\n0.004,1\n0.002,1\n', [], 'E_NON_MONOTONIC'],
    ['empty.csv', '', [], 'E_PARSE'],
    ['no-rate.csv', 'ecg\n1\n2\n', [], 'E_RATE'],
    ['wrong-rate.csv', 't,ecg\n0,1\n0.004,1\n0.008,1\n', ['--rate', '360'], 'E_RATE'],
    ['ok.csv', 't,ecg\n0,1\n0.004,1\n', ['--window', 'long'], 'E_ARGUMENT'],
    ['ok2.csv', 't,ecg\n0,1\n0.004,1\n', ['--frobnicate'], 'E_ARGUMENT'],
  ])('%s gives a typed error', async (name, text, extra, code) => {
    await expect(replayCommand.run(['--input', write(name, text), ...extra], fakeIO())).rejects.toMatchObject({ code });
  });

  it('needs --input and reports a missing file as E_IO', async () => {
    await expect(replayCommand.run([], fakeIO())).rejects.toMatchObject({ code: 'E_ARGUMENT' });
    await expect(replayCommand.run(['--input', join(tmp, 'missing.csv')], fakeIO())).rejects.toMatchObject({ code: 'E_IO' });
  });

  it('rejects bad simulate options', async () => {
    await expect(simulateCommand.run(['--kind', 'eeg', '--out', 'x.csv'], fakeIO())).rejects.toMatchObject({ code: 'E_ARGUMENT' });
    await expect(
      simulateCommand.run(['--kind', 'imu', '--activities', 'walking:5,running:3', '--out', join(tmp, 'x.csv')], fakeIO()),
    ).rejects.toMatchObject({
      code: 'E_ARGUMENT',
    });
  });

  it.each(['jitter', 'pairs', 'bursts'] as const)(
    'replays 10 min of 50 Hz IMU whose t column has %s like the same file with clean times',
    async (kind) => {
      const write = (name: string, t: Float64Array) => {
        const rows = ['t,ax,ay,az'];
        for (let i = 0; i < t.length; i++) rows.push(`${t[i]!.toFixed(4)},${Math.sin(i / 9).toFixed(3)},0,9.81`);
        writeFileSync(join(tmp, name), rows.join('\n') + '\n');
        return join(tmp, name);
      };
      const clean = await replayJson(['--input', write('clean.csv', timeline('clean', 30000, 50))]);
      const shaped = await replayJson(['--input', write(`${kind}.csv`, timeline(kind, 30000, 50, 5))]);
      expect(shaped.rate).toBe(50);
      expect(shaped.streams[0]!.gaps.count).toBe(0);
      expect(shaped.streams[0]!.windows.count).toBe(clean.streams[0]!.windows.count);
    },
  );
});
