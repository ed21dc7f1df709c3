import { resolve, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasDataDir, resolveDataDir } from '../../src/io/data-dir.js';
import { readUciHar, UCI_HAR_LABELS } from '../../src/io/ucihar.js';
import { FormatError } from '../../src/errors.js';

const fixture = resolve(import.meta.dirname, '..', 'fixtures', 'uci-har');

function meanNorm(x: Float32Array, w: number, firstChannel: number): number {
  let s = 0;
  for (let t = 0; t < 128; t++) {
    const v = (c: number) => x[(w * 9 + firstChannel + c) * 128 + t]!;
    s += Math.hypot(v(0), v(1), v(2));
  }
  return s / 128;
}

describe('UCI HAR reader', () => {
  it('reads real windows in physical units: total acceleration of static postures is 1 g', async () => {
    const split = await readUciHar(fixture, 'test');
    expect(split.count).toBe(12);
    expect(split.channelNames[6]).toBe('total_acc_x');
    expect(Array.from(split.y)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6]);
    expect(UCI_HAR_LABELS[split.y[10]! - 1]).toBe('LAYING');
    for (let w = 6; w < 12; w++) expect(meanNorm(split.x, w, 6)).toBeCloseTo(1, 1);
    // body acceleration of a static window is small; of a walking window it is not
    expect(meanNorm(split.x, 8, 0)).toBeLessThan(0.05);
    expect(meanNorm(split.x, 0, 0)).toBeGreaterThan(0.1);
    expect(split.startSample[1]! - split.startSample[0]!).toBe(64);
  });

  it('reports missing files with a typed error', async () => {
    await expect(readUciHar(fixture, 'train')).rejects.toBeInstanceOf(FormatError);
  });

  it.runIf(hasDataDir())('reads the full splits with the documented counts', async () => {
    const dir = join(resolveDataDir(), 'uci-har');
    const train = await readUciHar(dir, 'train');
    const test = await readUciHar(dir, 'test');
    expect([train.count, test.count]).toEqual([7415, 2996]);
    expect(new Set(test.subject)).toEqual(new Set([2, 4, 9, 10, 12, 13, 18, 20, 24]));
  });
});
