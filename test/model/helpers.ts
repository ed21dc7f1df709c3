// Shared helpers of the model tests: windows for a fixture model and the reference outputs.
import { readFileSync } from 'node:fs';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SampleWindow } from '../../src/core/window.js';
import type { SdkError } from '../../src/errors.js';
import type { ClassResult, Encoder } from '../../src/model/encoder.js';
import type { ModelEntry } from '../../src/model/manifest.js';
import { referenceForward, type FixtureModel } from './fixture-model.js';

/** A deterministic window for a fixture model: a different mix of sines per channel and seq. */
export function fixtureWindow(m: FixtureModel, seq: number): SampleWindow {
  const { channels, window: t, rate } = m.spec;
  const nc = channels.length;
  const data = new Float32Array(t * nc);
  for (let i = 0; i < t; i++) for (let c = 0; c < nc; c++) data[i * nc + c] = Math.sin(0.05 * (seq + 1) * i + c) * (1 + 0.3 * c);
  return { kind: m.entry.kind, channels, rate, t0: seq, start: seq * rate, length: t, seq, data };
}

/** Reference embedding and logits of a window (planar transpose, then the float64 forward pass). */
export function reference(m: FixtureModel, w: SampleWindow) {
  const nc = w.channels.length;
  const planar = new Float32Array(w.data.length);
  for (let i = 0; i < w.length; i++) for (let c = 0; c < nc; c++) planar[c * w.length + i] = w.data[i * nc + c]!;
  return referenceForward(m, planar);
}

/** Largest absolute difference between two vectors. */
export function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i]! - b[i]!));
  return d;
}

/** A local HTTP server of a test. */
export interface TestServer {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  base: string;
  close(): Promise<void>;
}

/** Serves `handler` on a free port of 127.0.0.1. */
export async function serveHttp(handler: RequestListener): Promise<TestServer> {
  const server = createServer(handler);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

/** The error a promise rejects with, or `undefined` when it resolves. */
export const rejection = <E = SdkError>(p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as E,
  );

/** The six activity classes of the IMU models. */
export const ACTIVITY_CLASSES = ['WALKING', 'WALKING_UPSTAIRS', 'WALKING_DOWNSTAIRS', 'SITTING', 'STANDING', 'LAYING'];

/** A fixture model's entry with the six activity classes and the four groups of the IMU models. */
export function groupedEntry(m: FixtureModel): ModelEntry {
  return {
    ...m.entry,
    classes: ACTIVITY_CLASSES,
    groups: { names: ['WALKING', 'WALKING_UPSTAIRS', 'WALKING_DOWNSTAIRS', 'STATIC'], ofClass: [0, 1, 2, 3, 3, 3] },
  };
}

/**
 * Encoder for `classify` tests with a grouped entry: window `seq` gets group `groupOf(seq)` with
 * probability 0.9 (0 walking .. 3 static); the class probabilities say STANDING.
 */
export function scriptedEncoder(model: ModelEntry, groupOf: (seq: number) => number): Encoder {
  const W = model.windowSamples;
  return {
    entry: model,
    classify: async (ws: SampleWindow[]) =>
      ws.map((w) => {
        const g = groupOf(w.seq);
        const groupProbs = Float32Array.from([0, 1, 2, 3], (k) => (k === g ? 0.9 : 0.1 / 3));
        const probs = Float32Array.from(ACTIVITY_CLASSES, (_, c) => (c === 4 ? 0.5 : 0.1));
        return {
          seq: w.seq,
          start: w.start,
          t0: w.t0,
          t1: w.t0 + W / model.sampleRate,
          embedding: new Float32Array(12),
          inv: new Float32Array(6),
          var: new Float32Array(3),
          free: new Float32Array(3),
          probs,
          labelIndex: 4,
          label: model.groups!.names[g]!,
          group: model.groups!.names[g]!,
          groupProbs,
          calibrated: false,
        } satisfies ClassResult;
      }),
  } as Encoder;
}

/** 25 s of real walking at 50 Hz, acceleration in g, interleaved `[frames, 3]` (test/fixtures/placement). */
export function walkingFixture(name: 'ucihar-s2-walking-waist' | 'motionsense-s3-walking-pocket'): Float32Array {
  const b = readFileSync(new URL(`../fixtures/placement/${name}.f32`, import.meta.url));
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.length));
}
