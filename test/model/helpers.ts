// Shared helpers of the model tests: windows for a fixture model and the reference outputs.
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SampleWindow } from '../../src/core/window.js';
import type { SdkError } from '../../src/errors.js';
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
