import { describe, expect, it } from 'vitest';
import { TestScheduler } from 'rxjs/testing';
import { asapScheduler, firstValueFrom, map, take, toArray } from 'rxjs';
import { replay } from '../../src/sources/replay.js';
import { createRecording, recordingBatches } from '../../src/sources/recording.js';
import type { SampleBatch } from '../../src/core/batch.js';

const ecgStream = (n: number) => ({
  kind: 'ecg' as const,
  channels: [{ name: 'ecg', unit: 'mV' as const }],
  data: Float32Array.from({ length: n }, (_, i) => i),
});
const accStream = (n: number) => ({
  kind: 'acc' as const,
  channels: ['ax', 'ay', 'az'].map((name) => ({ name, unit: 'g' as const })),
  data: Float32Array.from({ length: 3 * n }, (_, i) => -i),
});

const newScheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

describe('replay', () => {
  it('emits every frame once, in batches of the chosen duration, synchronously by default', () => {
    const rec = createRecording({ rate: 10, t0: 2, streams: [ecgStream(25)] });
    const got: SampleBatch[] = [];
    let completed = false;
    replay(rec, { batchSeconds: 1 }).subscribe({ next: (b) => got.push(b), complete: () => (completed = true) });
    expect(completed).toBe(true);
    expect(got.map((b) => [b.seq, b.t0, b.length])).toEqual([
      [0, 2, 10],
      [1, 3, 10],
      [2, 4, 5],
    ]);
    expect(got.flatMap((b) => Array.from(b.data))).toEqual(Array.from(rec.streams[0]!.data));
  });

  it('emits each batch when its last sample would have been taken, in virtual time', () => {
    newScheduler().run(({ expectObservable }) => {
      const rec = createRecording({ rate: 100, streams: [ecgStream(250)] });
      // 100-frame batches end at 1 s, 2 s and 2.5 s.
      expectObservable(replay(rec, { batchFrames: 100, pace: 'realtime' }).pipe(map((b) => b.seq))).toBe('1000ms a 999ms b 499ms (c|)', {
        a: 0,
        b: 1,
        c: 2,
      });
    });
  });

  it('plays faster with speed and waits through gaps in the timestamps', () => {
    newScheduler().run(({ expectObservable }) => {
      const timestamps = Float64Array.from([0, 0.5, 10, 10.5]);
      const rec = createRecording({ rate: 2, timestamps, streams: [ecgStream(4)] });
      // Batches end at 1 s and 11 s; at speed 2 they are due at 500 ms and 5500 ms.
      expectObservable(replay(rec, { batchFrames: 2, pace: 'realtime', speed: 2 }).pipe(map((b) => b.t0))).toBe('500ms a 4999ms (b|)', {
        a: 0,
        b: 10,
      });
    });
  });

  it('stops producing batches when the consumer unsubscribes', () => {
    newScheduler().run(({ expectObservable }) => {
      const rec = createRecording({ rate: 10, streams: [ecgStream(100)] });
      expectObservable(replay(rec, { batchSeconds: 1, pace: 'realtime' }).pipe(map((b) => b.seq)), '^ 2500ms !').toBe('1000ms a 999ms b', {
        a: 0,
        b: 1,
      });
    });
    const rec = createRecording({ rate: 10, streams: [ecgStream(100)] });
    let emitted = 0;
    replay(rec, { batchSeconds: 1 })
      .pipe(take(3))
      .subscribe(() => emitted++);
    expect(emitted).toBe(3);
  });

  it('interleaves the streams of a recording, each with its own sequence, or replays one kind', async () => {
    const rec = createRecording({ rate: 4, streams: [ecgStream(8), accStream(8)] });
    const both = await firstValueFrom(replay(rec, { batchFrames: 4 }).pipe(toArray()));
    expect(both.map((b) => `${b.kind}${b.seq}`)).toEqual(['ecg0', 'acc0', 'ecg1', 'acc1']);
    expect(Array.from(both[1]!.data.subarray(0, 3))).toEqual([-0, -1, -2]);
    const acc = await firstValueFrom(replay(rec, { batchFrames: 4, kind: 'acc' }).pipe(toArray()));
    expect(acc.map((b) => b.kind)).toEqual(['acc', 'acc']);
    expect(() => replay(rec, { kind: 'gyro' })).toThrow(expect.objectContaining({ code: 'E_ARGUMENT' }));
  });

  it('replays a list of batches and schedules fast replay when given a scheduler', async () => {
    const rec = createRecording({ rate: 10, streams: [ecgStream(30)] });
    const batches = recordingBatches(rec, 0, { batchSeconds: 1 });
    let sync = 0;
    const done = firstValueFrom(replay(batches, { scheduler: asapScheduler }).pipe(toArray()));
    replay(batches, { scheduler: asapScheduler }).subscribe(() => sync++);
    expect(sync).toBe(0); // nothing before the scheduler runs
    expect((await done).map((b) => b.seq)).toEqual([0, 1, 2]);
    newScheduler().run(({ expectObservable }) => {
      expectObservable(replay(batches, { pace: 'realtime' }).pipe(map((b) => b.seq))).toBe('1000ms a 999ms b 999ms (c|)', {
        a: 0,
        b: 1,
        c: 2,
      });
    });
  });

  it('rejects a speed that is not positive and an unknown pace', () => {
    const rec = createRecording({ rate: 10, streams: [ecgStream(30)] });
    expect(() => replay(rec, { speed: 0 })).toThrow(expect.objectContaining({ code: 'E_ARGUMENT' }));
    expect(() => replay(rec, { pace: 'slow' as 'fast' })).toThrow(expect.objectContaining({ code: 'E_ARGUMENT' }));
  });
});
