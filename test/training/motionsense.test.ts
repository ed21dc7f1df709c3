import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMotionSense } from '../../src/io/motionsense.js';

function write(frames: number[][], segments: object[], bytes?: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'scl-wear-ms-'));
  const data = Float32Array.from(frames.flat());
  const buf = Buffer.from(data.buffer);
  writeFileSync(join(dir, 'sub_01.f32'), bytes === undefined ? buf : buf.subarray(0, bytes));
  writeFileSync(
    join(dir, 'meta.json'),
    JSON.stringify({ rate_hz: 50, files: [{ file: 'sub_01.f32', subject: 1, samples: frames.length }], segments }),
  );
  return dir;
}

describe('readMotionSense', () => {
  it('cuts the trials out of the subject file and converts acceleration to g', async () => {
    const frames = [
      [0, 0, 9.80665, 0.1, 0.2, 0.3],
      [0, 9.80665, 0, 0, 0, 0],
      [-9.80665, 0, 0, 1, 1, 1],
    ];
    const dir = write(frames, [
      { subject: 1, code: 'sit', trial: 5, offset: 0, length: 1 },
      { subject: 1, code: 'wlk', trial: 7, offset: 1, length: 2 },
    ]);
    const { rate, trials } = await readMotionSense(dir);
    expect(rate).toBe(50);
    expect(trials.map((t) => [t.code, t.trial, t.frames])).toEqual([
      ['sit', 5, 1],
      ['wlk', 7, 2],
    ]);
    expect(Array.from(trials[0]!.x)).toEqual([0, 0, 1, expect.closeTo(0.1, 6), expect.closeTo(0.2, 6), expect.closeTo(0.3, 6)]);
    expect(Array.from(trials[1]!.x.subarray(6, 9))).toEqual([-1, 0, 0]);
    expect(await readMotionSense(dir, [2])).toEqual({ rate: 50, trials: [] });
  });

  it('reports a short file and a missing one with codes', async () => {
    const dir = write([[0, 0, 1, 0, 0, 0]], [{ subject: 1, code: 'sit', trial: 5, offset: 0, length: 1 }], 20);
    await expect(readMotionSense(dir)).rejects.toMatchObject({ code: 'E_TRUNCATED' });
    await expect(readMotionSense(join(dir, 'nope'))).rejects.toMatchObject({ code: 'E_IO' });
  });
});
