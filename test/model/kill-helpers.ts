// Killable workers for the lifecycle tests: the encoder runtime over a MessageChannel (fast, can
// die loudly or go silent) or a real worker_threads worker, with a seeded random schedule.
import { Subject, lastValueFrom, toArray } from 'rxjs';
import type { SampleWindow } from '../../src/core/window.js';
import type { Encoder } from '../../src/model/encoder.js';
import { encodeWindows } from '../../src/model/encode-windows.js';
import { exposeModelRuntime } from '../../src/model/expose.js';
import { loadOrtNode } from '../../src/model/ort-node.js';
import type { WorkerHandle } from '../../src/model/worker-handle.js';

/** A worker handle the test can kill: `loud` fires its death event, otherwise it just goes silent. */
export interface KillableHandle extends WorkerHandle {
  kill(loud: boolean): void;
}

/** Starts the encoder runtime behind a MessageChannel, as a worker would run it. */
export function channelWorker(): KillableHandle {
  const { port1, port2 } = new MessageChannel();
  exposeModelRuntime(port1, loadOrtNode);
  let death: ((why: string) => void) | undefined;
  const stop = () => {
    port1.close();
    port2.close();
  };
  return {
    endpoint: port2,
    terminate: stop,
    onDeath: (cb) => (death = cb),
    kill(loud) {
      port1.close(); // the "worker" stops answering
      if (loud) death?.('killed by the test');
    },
  };
}

/** Mulberry32: a small seeded generator, so a failing schedule can be replayed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

/**
 * Streams `windows` through `encodeWindows`, pushing one every `gapMs` (random up to that), and
 * returns every result emitted, in order.
 */
export async function streamWindows(encoder: Encoder, windows: SampleWindow[], random: () => number, gapMs: number) {
  const source = new Subject<SampleWindow>();
  const out = lastValueFrom(source.pipe(encodeWindows(encoder, 'embed'), toArray()));
  for (const w of windows) {
    source.next(w);
    if (random() < 0.5) await sleep(random() * gapMs); // random arrival is the input under test, not a wait
  }
  source.complete();
  return out;
}
