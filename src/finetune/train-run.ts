import { SdkError, TrainingError, messageOf } from '../errors.js';
import type { CheckpointRecord, RunRecord } from '../storage/schema.js';
import type { WearDb } from '../storage/wear-db.js';
import { saveRun } from '../storage/runs.js';
import { saveCheckpoint } from '../storage/checkpoints.js';
import { newId } from '../storage/sessions.js';
import { featureStats, splitHoldout, standardRows, type FineTuneExamples } from './examples.js';
import { HeadTrainer, type EpochMetrics, type TrainerState } from './trainer.js';
import type { HeadShape } from './head.js';
import type { CheckpointMetrics, FineTuneOptions, FineTuneResult, HeadParams, ResolvedConfig } from './types.js';

/**
 * What a run saves after every epoch: the phase it is in and the trainer's state. `select`
 * trains on the training split and measures every epoch on the held-out split; `refit`
 * retrains on all examples for the best epoch count.
 */
type RunState =
  | { readonly phase: 'select'; readonly trainer: TrainerState }
  | { readonly phase: 'refit'; readonly trainer: TrainerState; readonly best: EpochMetrics };

interface Stats {
  mean: Float32Array;
  std: Float32Array;
}

/**
 * Trains a stored run from its saved state to the end, saving after every epoch, and stores the
 * checkpoint with the finished run in one transaction. Marks the run `failed` on an error and
 * `cancelled` when the signal is aborted.
 *
 * @param db - the open database
 * @param run - the run (status `running`), updated in place
 * @param data - its examples
 * @param options - progress callback, abort signal
 * @throws TrainingError `E_DIVERGED`, `E_DATA`; StorageError `E_QUOTA`, `E_STORAGE`
 */
export async function trainRun(db: WearDb, run: RunRecord, data: FineTuneExamples, options: FineTuneOptions): Promise<FineTuneResult> {
  const cfg = run.config as ResolvedConfig;
  const shape: HeadShape = { inputDim: data.dim, hidden: cfg.hidden, classes: data.classes.length };
  const rowsOf = (rows: Int32Array, stats: Stats) => ({
    x: standardRows(data.x, data.dim, rows, stats),
    y: Uint16Array.from(rows, (r) => data.y[r]!),
  });
  const save = async (state: RunState) => {
    Object.assign(run, { state, updatedAt: Date.now() });
    await saveRun(db, run);
  };
  const cancelled = async () => {
    if (!options.signal?.aborted) return false;
    Object.assign(run, { status: 'cancelled', updatedAt: Date.now() });
    await saveRun(db, run);
    options.onProgress?.({ status: 'cancelled', run: run.id, epoch: run.epochs.length });
    return true;
  };
  try {
    const { train, holdout } = splitHoldout(data.y, data.classes.length, cfg.holdout, cfg.seed);
    const state = run.state as RunState | undefined;
    options.onProgress?.({
      status: 'started',
      run: run.id,
      epochs: cfg.epochs,
      fromEpoch: run.epochs.length,
      train: train.length,
      holdout: holdout.length,
    });
    const trainStats = featureStats(data.x, data.dim, train);
    let head: { params: Float32Array; stats: Stats };
    let best: EpochMetrics;
    if (!state || state.phase === 'select') {
      const trainer = new HeadTrainer(shape, cfg, rowsOf(train, trainStats), rowsOf(holdout, trainStats), state?.trainer);
      while (!trainer.done) {
        if (await cancelled()) return { run };
        const metrics = trainer.runEpoch();
        run.epochs = [...run.epochs, metrics];
        await save({ phase: 'select', trainer: trainer.snapshot() });
        options.onProgress?.({ status: 'epoch', run: run.id, epochs: cfg.epochs, metrics });
      }
      const chosen = trainer.snapshot().best!;
      best = chosen.metrics;
      head = { params: chosen.params, stats: trainStats };
    } else {
      best = state.best;
      head = { params: new Float32Array(0), stats: trainStats };
    }
    const refit = cfg.refit && holdout.length > 0;
    if (refit) {
      const all = Int32Array.from(data.y, (_, i) => i);
      const stats = featureStats(data.x, data.dim, all);
      const none = { x: new Float32Array(0), y: new Uint16Array(0) };
      const trainer = new HeadTrainer(
        shape,
        { ...cfg, epochs: best.epoch },
        rowsOf(all, stats),
        none,
        state?.phase === 'refit' ? state.trainer : undefined,
      );
      while (!trainer.done) {
        if (await cancelled()) return { run };
        const m = trainer.runEpoch();
        await save({ phase: 'refit', trainer: trainer.snapshot(), best });
        options.onProgress?.({ status: 'refit', run: run.id, epoch: m.epoch, epochs: best.epoch, trainLoss: m.trainLoss });
      }
      head = { params: trainer.snapshot().params, stats };
    }
    const params: HeadParams = { shape, parts: cfg.parts, mean: head.stats.mean, std: head.stats.std, params: head.params };
    const metrics: CheckpointMetrics = refit ? { ...best, refitEpochs: best.epoch } : best;
    const checkpoint: CheckpointRecord = {
      id: newId(),
      run: run.id,
      createdAt: Date.now(),
      model: cfg.model,
      classes: data.classes,
      head: params,
      metrics,
    };
    Object.assign(run, { status: 'complete', checkpoint: checkpoint.id, updatedAt: Date.now() });
    await saveCheckpoint(db, checkpoint, run);
    options.onProgress?.({ status: 'complete', run: run.id, checkpoint: checkpoint.id, best: metrics });
    return { run, checkpoint };
  } catch (err) {
    const error = err instanceof SdkError ? err : new TrainingError('E_DATA', `fine-tuning failed: ${messageOf(err)}`, { cause: err });
    Object.assign(run, { status: 'failed', error: error.message, updatedAt: Date.now() });
    await saveRun(db, run).catch(() => undefined);
    throw error;
  }
}
