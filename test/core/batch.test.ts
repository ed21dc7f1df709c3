import { describe, expect, it } from 'vitest';
import { batchEnd, channelOf, createBatch, frameTime } from '../../src/core/batch.js';
import { InputError } from '../../src/errors.js';

const imuChannels = ['ax', 'ay', 'az'].map((name) => ({ name, unit: 'g' as const }));

describe('SampleBatch', () => {
  it('derives length from interleaved data and times frames from the rate', () => {
    const b = createBatch({ kind: 'acc', channels: imuChannels, rate: 50, t0: 10, seq: 3, data: new Float32Array([1, 2, 3, 4, 5, 6]) });
    expect(b.length).toBe(2);
    expect(frameTime(b, 1)).toBeCloseTo(10.02, 12);
    expect(batchEnd(b)).toBeCloseTo(10.04, 12);
    expect(Array.from(channelOf(b, 2))).toEqual([3, 6]);
  });

  it('uses explicit timestamps when given', () => {
    const b = createBatch({
      kind: 'ecg',
      channels: [{ name: 'ecg', unit: 'mV' }],
      rate: 100,
      t0: 0,
      seq: 0,
      data: new Float32Array(3),
      timestamps: new Float64Array([0, 0.011, 0.019]),
    });
    expect(frameTime(b, 2)).toBe(0.019);
    expect(batchEnd(b)).toBeCloseTo(0.029, 12);
  });

  it.each([
    [{ data: new Float32Array(5) }, 'E_SHAPE'],
    [{ rate: 0 }, 'E_RATE'],
    [{ rate: Number.NaN }, 'E_RATE'],
    [{ timestamps: new Float64Array(1) }, 'E_SHAPE'],
  ])('rejects an inconsistent batch %#', (patch, code) => {
    const init = { kind: 'acc' as const, channels: imuChannels, rate: 50, t0: 0, seq: 0, data: new Float32Array(6), ...patch };
    expect(() => createBatch(init)).toThrow(InputError);
    try {
      createBatch(init);
    } catch (err) {
      expect((err as InputError).code).toBe(code);
    }
  });
});
