// `--json` through a real pipe: the CLI process writes windows as it produces them and exits
// only after stdout drained, so a slow reader gets the whole document.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFixtureModel, imuSpec } from '../model/fixture-model.js';

const root = resolve(import.meta.dirname, '..', '..');
const main = join(root, 'src', 'cli', 'main.ts');

/** Runs the CLI with stdout on a pipe read slowly (pauses of `pauseMs` between chunks). */
function runPiped(args: string[], pauseMs: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', main, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out.push(chunk);
      child.stdout.pause();
      setTimeout(() => child.stdout.resume(), pauseMs);
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout: Buffer.concat(out).toString('utf8'), stderr }));
  });
}

/** Writes `frames` rows of 50 Hz IMU (t, acc in g, gyro in rad/s) without holding the file in memory. */
async function imuCsv(path: string, frames: number): Promise<void> {
  const out = createWriteStream(path);
  let chunk = 't,ax[g],ay[g],az[g],gx,gy,gz\n';
  for (let i = 0; i < frames; i++) {
    const s = Math.sin(0.1 * i);
    chunk += `${(i / 50).toFixed(2)},${(0.3 * s).toFixed(3)},${(0.2 * s).toFixed(3)},1,${(0.1 * s).toFixed(3)},0,0\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
      chunk = '';
    }
  }
  await new Promise<void>((r) => out.end(chunk, () => r()));
}

describe('CLI --json through a pipe', () => {
  it('classify on a 2-hour recording with a 0.5 s hop parses whole and covers the file', { timeout: 300_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scl-wear-pipe-'));
    const model = buildFixtureModel({ ...imuSpec, window: 64 });
    writeFileSync(join(dir, 'imu.onnx'), model.bytes);
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ version: 1, models: { imu: { ...model.entry, file: 'imu.onnx' } } }));
    const frames = 2 * 3600 * 50;
    await imuCsv(join(dir, 'two-hours.csv'), frames);
    const r = await runPiped(
      ['classify', '--input', join(dir, 'two-hours.csv'), '--manifest', join(dir, 'manifest.json'), '--hop', '0.5', '--json'],
      20,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { classes: string[]; windows: { start: number; end: number }[] };
    const hop = 25;
    expect(doc.windows).toHaveLength(Math.floor((frames - 64) / hop) + 1);
    doc.windows.forEach((w, i) => expect(w.start).toBe(i * hop));
    expect(doc.windows.at(-1)!.end).toBeGreaterThan(frames - hop);
    expect(r.stdout.length).toBeGreaterThan(1 << 20);
  });
});
