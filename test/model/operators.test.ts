// The embed / classify operators: preprocessing as the manifest says, results in window order,
// errors through subscriber.error, smoothing, orientation.
import { firstValueFrom, from, lastValueFrom, Subject, toArray } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SampleWindow } from '../../src/core/window.js';
import { InputError, ModelError } from '../../src/errors.js';
import { classify } from '../../src/model/classify.js';
import { embed } from '../../src/model/embed.js';
import type { ClassResult, EmbeddingResult, Encoder } from '../../src/model/encoder.js';
import type { ModelEntry } from '../../src/model/manifest.js';
import { createNodeEncoder } from '../../src/model/node-encoder.js';
import { split } from '../streams/helpers.js';
import { buildFixtureModel } from './fixture-model.js';
import { maxDiff, reference } from './helpers.js';

const m = buildFixtureModel();
const CH = m.entry.channels;

/** 6-channel signal of `frames` frames: channel c at frame i is sin(0.07 i + c) (+ c/10). */
function signal(frames: number): Float32Array {
  const x = new Float32Array(frames * 6);
  for (let i = 0; i < frames; i++) for (let c = 0; c < 6; c++) x[i * 6 + c] = Math.sin(0.07 * i + c) + c / 10;
  return x;
}

const windowAt = (x: Float32Array, start: number, seq: number): SampleWindow => ({
  kind: 'imu',
  channels: CH,
  rate: 50,
  t0: start / 50,
  start,
  length: 128,
  seq,
  data: x.slice(start * 6, (start + 128) * 6),
});

let encoder: Encoder;
beforeAll(async () => {
  encoder = await createNodeEncoder({ model: { bytes: m.bytes, entry: m.entry }, worker: false });
});
afterAll(() => encoder.close());

describe('embed', () => {
  it('cuts windows every hop at the model rate and embeds each one, in order', async () => {
    const x = signal(500);
    const out = await lastValueFrom(
      from(split(x, [37, 80, 13], { rate: 50, channels: CH })).pipe(embed(encoder, { hopSeconds: 1 }), toArray()),
    );
    expect(out.map((r) => r.start)).toEqual([0, 50, 100, 150, 200, 250, 300, 350]);
    expect(out.map((r) => [r.t0, r.t1])).toEqual(out.map((_, k) => [k, k + 2.56]));
    out.forEach((r, k) => expect(maxDiff(r.embedding, reference(m, windowAt(x, 50 * k, k)).embedding)).toBeLessThan(1e-5));
  });

  it('resamples a stream at another rate to the model rate first', async () => {
    const x = signal(600); // at 100 Hz: 6 s, which is 300 frames at 50 Hz
    const out = await lastValueFrom(from(split(x, [100], { rate: 100, channels: CH })).pipe(embed(encoder), toArray()));
    expect(out.map((r) => [r.start, r.t0])).toEqual([
      [0, 0],
      [128, 2.56],
    ]);
  });

  it('fails a stream slower than the manifest accepts with E_RATE, and lets faster ones through', async () => {
    const entry: ModelEntry = { ...m.entry, acceptedRateHz: [20, 100] };
    const enc = await createNodeEncoder({ model: { bytes: m.bytes, entry }, worker: false });
    const at = (rate: number) =>
      lastValueFrom(from(split(signal(Math.round(rate * 6)), [Math.round(rate)], { rate, channels: CH })).pipe(embed(enc), toArray()));
    const err = await at(10).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect(err).toMatchObject({ code: 'E_RATE', details: { rate: 10, accepted: [20, 100] } });
    expect((err as Error).message).toMatch(/stream at 10 Hz is below the 20 Hz that model .* accepts at least/);
    // A nominal 20 Hz read a little low from timestamps, 20 Hz itself, and 200 Hz (resampled down)
    // all give the 2 windows of 6 s at the model's 50 Hz.
    for (const rate of [19.6, 20, 200])
      expect(
        (await at(rate)).map((r) => r.start),
        `${rate} Hz`,
      ).toEqual([0, 128]);
    // Without acceptedRateHz any rate is resampled.
    expect(await lastValueFrom(from(split(signal(60), [10], { rate: 10, channels: CH })).pipe(embed(encoder), toArray()))).toHaveLength(2);
    await enc.close();
  });

  it('emits results in window order even when they resolve out of order', async () => {
    const calls: { ws: readonly SampleWindow[]; answer: (r: EmbeddingResult[]) => void }[] = [];
    const held: Encoder = {
      ...encoder,
      entry: m.entry,
      device: 'wasm',
      deviceReason: '',
      embed: (ws) => new Promise((answer) => calls.push({ ws, answer })),
      classify: () => Promise.reject(new Error('unused')),
      close: async () => undefined,
    };
    const out = lastValueFrom(from(split(signal(128 * 4), [128], { rate: 50, channels: CH })).pipe(embed(held), toArray()));
    expect(calls.length).toBe(4); // the source is synchronous: every window is asked for at once
    for (const k of [3, 1, 2, 0]) calls[k]!.answer(await encoder.embed(calls[k]!.ws));
    expect((await out).map((r) => r.seq)).toEqual([0, 1, 2, 3]);
  });

  it('sends a bad window and a dead worker to subscriber.error with their codes', async () => {
    const x = signal(128);
    x[40 * 6 + 2] = NaN;
    const err = await lastValueFrom(from(split(x, [128], { rate: 50, channels: CH })).pipe(embed(encoder))).catch((e: unknown) => e);
    expect((err as ModelError).code).toBe('E_NAN');
    const dead: Encoder = {
      ...encoder,
      entry: m.entry,
      embed: () => Promise.reject(new ModelError('E_WORKER', 'the encoder worker died')),
    };
    const err2 = await lastValueFrom(from(split(signal(128), [128], { rate: 50, channels: CH })).pipe(embed(dead))).catch(
      (e: unknown) => e,
    );
    expect(err2).toMatchObject({ name: 'ModelError', code: 'E_WORKER' });
  });

  it('emits nothing after an early unsubscribe', async () => {
    const src = new Subject<ReturnType<typeof split>[number]>();
    const seen: number[] = [];
    const started: Promise<unknown>[] = [];
    const watched: Encoder = {
      ...encoder,
      entry: m.entry,
      embed: (ws) => {
        const result = encoder.embed(ws);
        started.push(result);
        return result;
      },
    };
    const sub = src.pipe(embed(watched)).subscribe((r) => seen.push(r.seq));
    for (const b of split(signal(128 * 3), [128], { rate: 50, channels: CH })) src.next(b);
    sub.unsubscribe();
    expect(started.length).toBeGreaterThan(0); // windows were in flight when the subscriber left
    await Promise.allSettled(started); // every result the operator could have emitted has arrived
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual([]);
  });
});

describe('classify', () => {
  // An encoder whose class probabilities are given per window number.
  const sequence = [
    [0.9, 0.1, 0],
    [0.2, 0.8, 0],
    [0.3, 0.6, 0.1],
    [0.1, 0.1, 0.8],
    [0.1, 0.1, 0.8],
  ];
  const scripted: Encoder = {
    ...encoder,
    entry: m.entry,
    classify: async (ws) =>
      ws.map((w) => {
        const probs = Float32Array.from(sequence[w.seq]!);
        const labelIndex = probs.indexOf(Math.max(...probs));
        return {
          seq: w.seq,
          start: w.start,
          t0: w.t0,
          t1: w.t0 + 2.56,
          embedding: new Float32Array(12),
          inv: new Float32Array(6),
          var: new Float32Array(3),
          free: new Float32Array(3),
          probs,
          labelIndex,
          label: m.entry.classes![labelIndex]!,
          calibrated: true,
        } satisfies ClassResult;
      }),
  };
  const run = (opts: Parameters<typeof classify>[1]) =>
    lastValueFrom(from(split(signal(128 * 5), [64], { rate: 50, channels: CH })).pipe(classify(scripted, opts), toArray()));

  it('averages probabilities over the last k windows', async () => {
    const out = await run({ smoothing: 2 });
    const want = [
      [0.9, 0.1, 0],
      [0.55, 0.45, 0],
      [0.25, 0.7, 0.05],
      [0.2, 0.35, 0.45],
      [0.1, 0.1, 0.8],
    ];
    out.forEach((r, k) => want[k]!.forEach((p, c) => expect(r.probs[c]).toBeCloseTo(p, 6)));
    expect(out.map((r) => r.label)).toEqual(['walk', 'walk', 'sit', 'stand', 'stand']);
  });

  it('takes the majority label over the last k windows, the latest winning ties', async () => {
    const out = await run({ smoothing: { windows: 3, method: 'majority' } });
    // raw labels: walk sit sit stand stand
    expect(out.map((r) => r.label)).toEqual(['walk', 'sit', 'sit', 'sit', 'stand']);
  });

  it('applies the orientation rotation to accelerometer and gyroscope before the model', async () => {
    const orientable: ModelEntry = { ...m.entry, preprocessing: { ...m.entry.preprocessing, calibration: 'orientation' } };
    const enc = await createNodeEncoder({ model: { bytes: m.bytes, entry: orientable }, worker: false });
    const x = signal(128);
    const R = [0, -1, 0, 1, 0, 0, 0, 0, 1]; // 90° about z: (x, y, z) → (−y, x, z)
    const turned = x.slice();
    for (let i = 0; i < 128; i++) for (const c of [0, 3]) [turned[i * 6 + c], turned[i * 6 + c + 1]] = [-x[i * 6 + c + 1]!, x[i * 6 + c]!];
    const [a, b] = await Promise.all([
      firstValueFrom(from(split(x, [128], { rate: 50, channels: CH })).pipe(classify(enc, { orientation: R }))),
      firstValueFrom(from(split(turned, [128], { rate: 50, channels: CH })).pipe(classify(enc))),
    ]);
    expect(maxDiff(a.embedding, b.embedding)).toBeLessThan(1e-6);
    await enc.close();
    expect(() => classify(encoder, { orientation: R })).toThrow(/not trained for orientation-calibrated input/);
  });

  it('refuses a model without classes at call time', () => {
    const noClasses = { ...encoder, entry: { ...m.entry, outputs: { embedding: 'embedding' } } } as Encoder;
    expect(() => classify(noClasses)).toThrow(ModelError);
  });
});
