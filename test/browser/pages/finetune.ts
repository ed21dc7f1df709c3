// Fine-tuning test page: trains a head in the fine-tuning worker, so that the Playwright test
// in test/browser/finetune.test.ts can reload mid-run and resume. Exposed as `globalThis.finetunePage`.
import { connectFineTuner } from '../../../src/finetune/worker-api.js';
import type { FineTuneProgress } from '../../../src/finetune/types.js';
import type { FineTuneExamples } from '../../../src/finetune/examples.js';
import { createRng } from '../../../src/core/random.js';

const tuner = connectFineTuner(new Worker('/__bundle/workers/finetune.worker.js', { type: 'module' }));
const progress: FineTuneProgress[] = [];

/** 1500 examples of 32 features in 3 classes (seeded: identical on both sides of a reload). */
function examples(): FineTuneExamples {
  const rng = createRng(11);
  const dim = 32;
  const n = 1500;
  const x = new Float32Array(n * dim);
  const y = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = i % 3;
    for (let j = 0; j < dim; j++) x[i * dim + j] = (j % 3 === y[i] ? 1 : 0) + rng.normal();
  }
  return { dim, classes: ['a', 'b', 'c'], x, y };
}

const config = (epochs: number) => ({ model: 'imu', hidden: 48, epochs, seed: 5 });

const api = {
  start(epochs: number) {
    void tuner.fineTune(examples(), config(epochs), { onProgress: (p) => progress.push(p) });
  },
  lastEpoch: () => progress.filter((p) => p.status === 'epoch').length,
  async resume() {
    const seen: FineTuneProgress[] = [];
    const runs = await tuner.resumeRuns({ onProgress: (p) => seen.push(p) });
    return runs.map(({ run, checkpoint }) => ({
      status: run.status,
      epochs: (run.epochs as { epoch: number }[]).map((e) => e.epoch),
      fromEpoch: (seen.find((p) => p.status === 'started') as { fromEpoch: number } | undefined)?.fromEpoch,
      params: Array.from((checkpoint?.head as { params: Float32Array }).params),
    }));
  },
  async straight(epochs: number) {
    const { checkpoint, run } = await tuner.fineTune(examples(), config(epochs));
    return { epochs: run.epochs.length, params: Array.from((checkpoint?.head as { params: Float32Array }).params) };
  },
};

(globalThis as { finetunePage?: typeof api }).finetunePage = api;
