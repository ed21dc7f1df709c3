import { checkArg } from '../errors.js';
import type { RunRecord } from '../storage/schema.js';
import type { WearDb } from '../storage/wear-db.js';
import { createRun, getRun, getRunExamples, listRuns } from '../storage/runs.js';
import { newId } from '../storage/sessions.js';
import { holdLock, liveness, STALE_MS } from '../storage/locks.js';
import { checkExamples, DEFAULT_PARTS, type FineTuneExamples } from './examples.js';
import { DEFAULT_HEAD_CONFIG } from './trainer.js';
import { trainRun } from './train-run.js';
import type { FineTuneConfig, FineTuneOptions, FineTuneResult, ResolvedConfig } from './types.js';

/**
 * Trains a classifier head on labelled embedding features and stores the run (configuration,
 * per-epoch metrics, status) and the resulting checkpoint in IndexedDB. The state after every
 * epoch is saved, so a run whose page died continues with {@link resumeRuns}. The held-out
 * split picks the best epoch count (by accuracy, then loss) and measures it; the head is then
 * refit on every example for that many epochs (`refit: false` keeps the best epoch's head
 * instead). Activate the checkpoint with `activateCheckpoint`.
 *
 * @param db - the open database
 * @param examples - features (e.g. from `featuresOf` / `collectExamples`) and class indices
 * @param config - model name, hold-out share, head and optimiser settings
 * @param options - progress callback, abort signal
 * @throws TrainingError `E_DATA` for unusable examples, `E_DIVERGED`; StorageError `E_QUOTA`,
 *   `E_STORAGE`; InputError `E_ARGUMENT` for a bad setting
 * @example
 * ```ts
 * import { fineTune, activateCheckpoint } from 'scl-wear';
 * const { checkpoint } = await fineTune(db, examples, { model: 'imu' }, { onProgress: console.log });
 * await activateCheckpoint(db, checkpoint!.id);
 * ```
 */
export async function fineTune(
  db: WearDb,
  examples: FineTuneExamples,
  config: FineTuneConfig,
  options: FineTuneOptions = {},
): Promise<FineTuneResult> {
  const cfg: ResolvedConfig = { ...DEFAULT_HEAD_CONFIG, holdout: 0.2, refit: true, parts: DEFAULT_PARTS, ...config };
  checkArg(typeof cfg.model === 'string' && cfg.model.length > 0, 'config.model', 'a model name', cfg.model);
  checkArg(cfg.holdout >= 0 && cfg.holdout < 1, 'config.holdout', 'a share in [0, 1)', cfg.holdout);
  checkArg(Number.isInteger(cfg.epochs) && cfg.epochs > 0, 'config.epochs', 'a positive integer', cfg.epochs);
  checkArg(Number.isInteger(cfg.batchSize) && cfg.batchSize > 0, 'config.batchSize', 'a positive integer', cfg.batchSize);
  checkArg(Number.isInteger(cfg.hidden) && cfg.hidden >= 0, 'config.hidden', 'an integer ≥ 0', cfg.hidden);
  checkArg(cfg.learningRate > 0 && cfg.weightDecay >= 0, 'config.learningRate', 'a positive rate (and weightDecay ≥ 0)', cfg.learningRate);
  checkExamples(examples);
  const now = Date.now();
  const data = { dim: examples.dim, classes: [...examples.classes], x: examples.x.slice(), y: examples.y.slice() };
  const run: RunRecord = { id: newId(), status: 'running', createdAt: now, updatedAt: now, config: cfg, epochs: [] };
  const release = await holdLock(`run:${run.id}`);
  try {
    await createRun(db, run, data);
    return await trainRun(db, run, data, options);
  } finally {
    release();
  }
}

/**
 * Continues every run left `running` by a page or worker that died (reload, crash), from its
 * last saved epoch, to the same result an uninterrupted run gives. Runs still training in a
 * live tab or worker are left alone. Call it once at start-up, where fine-tuning runs.
 *
 * @param db - the open database
 * @param options - progress callback, abort signal
 * @returns the runs it finished
 * @throws as {@link fineTune}
 * @example
 * ```ts
 * import { resumeRuns } from 'scl-wear';
 * for (const { run } of await resumeRuns(db)) console.log(`run ${run.id} finished after a reload`);
 * ```
 */
export async function resumeRuns(db: WearDb, options: FineTuneOptions & { staleMs?: number } = {}): Promise<FineTuneResult[]> {
  const alive = await liveness(options.staleMs ?? STALE_MS);
  const out: FineTuneResult[] = [];
  for (const stale of await listRuns(db, 'running')) {
    if (alive(`run:${stale.id}`, stale.updatedAt)) continue;
    const release = await holdLock(`run:${stale.id}`);
    try {
      const run = await getRun(db, stale.id); // another tab may have finished it meanwhile
      if (run.status === 'running') out.push(await trainRun(db, run, await getRunExamples(db, run.id), options));
    } finally {
      release();
    }
  }
  return out;
}
