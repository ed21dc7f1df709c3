// The fine-tuning worker under the same supervision as the encoder worker: a death or a silent
// worker fails the call with E_WORKER instead of leaving it pending, and a factory restarts it.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { connectFineTuner, exposeFineTuner } from '../../src/finetune/worker-api.js';
import type { WorkerHandle } from '../../src/model/worker-handle.js';

/** The fine-tuning API behind a MessageChannel; `kill(loud)` stops it answering (and reports it). */
function tunerWorker(db: string) {
  const { port1, port2 } = new MessageChannel();
  exposeFineTuner(port2, db);
  let death: ((why: string) => void) | undefined;
  const handle: WorkerHandle & { kill(loud: boolean): void } = {
    endpoint: port1,
    terminate: () => {
      port1.close();
      port2.close();
    },
    onDeath: (cb) => (death = cb),
    kill(loud) {
      port2.close();
      if (loud) death?.('killed by the test');
    },
  };
  return handle;
}

const x = Float32Array.from({ length: 400 }, (_, i) => (i % 2) + 0.1 * Math.sin(i * 7));
const y = Uint16Array.from({ length: 400 }, (_, i) => i % 2);
const examples = { dim: 1, classes: ['a', 'b'], x, y };
const hang = (ms: number) => new Promise((ok) => setTimeout(() => ok('still pending'), ms));

describe('fine-tuning worker deaths', () => {
  it('fails a run with E_WORKER when the worker dies during it', async () => {
    const w = tunerWorker('death-loud');
    const tuner = connectFineTuner(w);
    let killed = false;
    const run = tuner.fineTune(
      examples,
      { model: 'acc', epochs: 200, refit: false },
      {
        onProgress: (p) => {
          if (p.status === 'epoch' && !killed) {
            killed = true;
            w.kill(true);
          }
        },
      },
    );
    const err = await Promise.race([run.catch((e: unknown) => e), hang(10_000)]);
    expect(err).toMatchObject({ name: 'ModelError', code: 'E_WORKER', details: { retry: false } });
    await tuner.close();
  });

  it('finds a silent worker by its missed heartbeat', async () => {
    const w = tunerWorker('death-silent');
    const tuner = connectFineTuner(w, { heartbeatMs: 200 });
    await tuner.cancel(); // alive
    w.kill(false);
    const err = await Promise.race([tuner.resumeRuns().catch((e: unknown) => e), hang(10_000)]);
    expect(err).toMatchObject({ name: 'ModelError', code: 'E_WORKER' });
    await tuner.close();
  });

  it('starts a new worker from a factory after a death', async () => {
    const started: ReturnType<typeof tunerWorker>[] = [];
    const tuner = connectFineTuner(() => (started.push(tunerWorker('death-restart')), started.at(-1)!), {
      restart: true,
      callTimeoutMs: 1000,
    });
    await tuner.cancel();
    started[0]!.kill(true);
    const r = await tuner.fineTune(
      { dim: 1, classes: ['a', 'b'], x: x.subarray(0, 40), y: y.subarray(0, 40) },
      { model: 'acc', epochs: 2, refit: false },
    );
    expect(r.run.status).toBe('complete');
    expect(started.length).toBe(2);
    await tuner.close();
  });
});
