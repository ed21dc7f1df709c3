import { describe, expect, it } from 'vitest';
import { createRecording, labelAt, recordingBatch, recordingBatches } from '../../src/sources/recording.js';
import { estimateRate } from '../../src/sources/rate-estimate.js';

const ecg = (n: number) => ({
  kind: 'ecg' as const,
  channels: [{ name: 'ecg', unit: 'mV' as const }],
  data: Float32Array.from({ length: n }, (_, i) => i),
});

describe('createRecording', () => {
  it('derives length and t0, and rejects streams of different lengths', () => {
    const rec = createRecording({ rate: 10, timestamps: new Float64Array([5, 5.1, 5.2]), streams: [ecg(3)] });
    expect(rec.length).toBe(3);
    expect(rec.t0).toBe(5);
    expect(() => createRecording({ rate: 10, streams: [ecg(3), ecg(4)] })).toThrow(expect.objectContaining({ code: 'E_SHAPE' }));
    expect(() => createRecording({ rate: 10, streams: [ecg(3)], timestamps: new Float64Array(2) })).toThrow(
      expect.objectContaining({ code: 'E_SHAPE' }),
    );
    expect(() => createRecording({ rate: 0, streams: [ecg(3)] })).toThrow(expect.objectContaining({ code: 'E_RATE' }));
    expect(() => createRecording({ rate: 10, streams: [ecg(3)], labels: [{ label: 'x', start: 2, end: 4 }] })).toThrow(
      expect.objectContaining({ code: 'E_SHAPE' }),
    );
  });
});

describe('recordingBatches', () => {
  it('cuts consecutive batches that together hold every frame once, with times from the rate', () => {
    const rec = createRecording({ rate: 4, t0: 100, streams: [ecg(10)] });
    const batches = recordingBatches(rec, 0, { batchSeconds: 1 });
    expect(batches.map((b) => b.length)).toEqual([4, 4, 2]);
    expect(batches.map((b) => b.seq)).toEqual([0, 1, 2]);
    expect(batches.map((b) => b.t0)).toEqual([100, 101, 102]);
    expect(batches.flatMap((b) => Array.from(b.data))).toEqual(Array.from(rec.streams[0]!.data));
  });

  it('gives each batch its own copy of the samples and of the timestamps', () => {
    const rec = createRecording({ rate: 2, timestamps: new Float64Array([0, 0.5, 3, 3.5]), streams: [ecg(4)] });
    const b = recordingBatch(rec, 0, 1, 2);
    expect(b.t0).toBe(3);
    expect(Array.from(b.timestamps!)).toEqual([3, 3.5]);
    b.data[0] = -1;
    expect(rec.streams[0]!.data[2]).toBe(2);
  });

  it('rejects a missing stream and a batch shorter than one frame', () => {
    const rec = createRecording({ rate: 4, streams: [ecg(10)] });
    expect(() => recordingBatches(rec, 1)).toThrow(expect.objectContaining({ code: 'E_ARGUMENT' }));
    expect(() => recordingBatches(rec, 0, { batchSeconds: 0.1 })).toThrow(expect.objectContaining({ code: 'E_ARGUMENT' }));
  });

  it('reports the label at a frame', () => {
    const rec = createRecording({ rate: 1, streams: [ecg(6)], labels: [{ label: 'walking', start: 2, end: 4 }] });
    expect([0, 2, 3, 4].map((i) => labelAt(rec, i))).toEqual([undefined, 'walking', 'walking', undefined]);
  });
});

describe('estimateRate', () => {
  it('ignores gaps, rounds jitter from written decimals and checks a given rate', () => {
    const t = Float64Array.from({ length: 361 }, (_, i) => Number((i / 360).toFixed(6)));
    expect(estimateRate(t)).toBe(360);
    expect(estimateRate(new Float64Array([0, 0.01, 0.02, 0.5, 0.51]))).toBe(100);
    expect(estimateRate(new Float64Array([0, 0.1, 0.2, 0.3]))).toBe(10);
    expect(estimateRate(new Float64Array([0, 0.011, 0.02]), 100)).toBe(100);
    expect(() => estimateRate(new Float64Array([0, 0.01, 0.02]), 120)).toThrow(expect.objectContaining({ code: 'E_RATE' }));
    expect(() => estimateRate(new Float64Array([0]))).toThrow(expect.objectContaining({ code: 'E_RATE' }));
  });
});
