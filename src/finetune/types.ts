import type { CheckpointRecord, RunRecord } from '../storage/schema.js';
import type { FeatureParts } from './examples.js';
import type { HeadShape } from './head.js';
import type { EpochMetrics, HeadConfig } from './trainer.js';

/**
 * What to fine-tune and how; unset fields take `DEFAULT_HEAD_CONFIG`.
 *
 * @example
 * ```ts
 * import { fineTune, type FineTuneConfig } from 'scl-wear';
 * const config: FineTuneConfig = { model: 'imu', holdout: 0.25, hidden: 16, seed: 7 };
 * const { run, checkpoint } = await fineTune(db, examples, config);
 * ```
 */
export interface FineTuneConfig extends Partial<HeadConfig> {
  /** The encoder the examples' embeddings come from, e.g. `imu`. */
  readonly model: string;
  /** Share of each class held out to evaluate and pick the best epoch; default 0.2. */
  readonly holdout?: number;
  /**
   * After picking the best epoch count on the held-out split, retrain on all examples for that
   * many epochs (default true): with a few examples per class every one counts. The checkpoint's
   * metrics stay those measured on the held-out split.
   */
  readonly refit?: boolean;
  /** Embedding groups the features were made of (see `featuresOf`); default `['inv', 'free']`. */
  readonly parts?: FeatureParts;
}

/**
 * The trained head as stored in a checkpoint (`CheckpointRecord.head`): its shape, the embedding
 * groups it reads, the feature standardisation and the flat parameters.
 *
 * @example
 * ```ts
 * import { listCheckpoints, type HeadParams } from 'scl-wear';
 * const [checkpoint] = await listCheckpoints(db, 'imu');
 * const head = checkpoint?.head as HeadParams | undefined;
 * console.log(head?.shape, head?.parts); // e.g. { inputDim: 48, hidden: 32, classes: 4 } ['inv', 'free']
 * ```
 */
export interface HeadParams {
  readonly shape: HeadShape;
  readonly parts: FeatureParts;
  /** Feature standardisation learnt on the training split. */
  readonly mean: Float32Array;
  readonly std: Float32Array;
  readonly params: Float32Array;
}

/**
 * Progress of a fine-tuning run, keyed on `status`.
 *
 * @example
 * ```ts
 * import { fineTune, type FineTuneProgress } from 'scl-wear';
 * const onProgress = (p: FineTuneProgress) => {
 *   if (p.status === 'epoch') bar.value = p.metrics.epoch / p.epochs;
 *   else if (p.status === 'complete') console.log(`checkpoint ${p.checkpoint}`);
 * };
 * await fineTune(db, examples, { model: 'imu' }, { onProgress });
 * ```
 */
export type FineTuneProgress =
  | {
      readonly status: 'started';
      readonly run: string;
      readonly epochs: number;
      readonly fromEpoch: number;
      readonly train: number;
      readonly holdout: number;
    }
  | { readonly status: 'epoch'; readonly run: string; readonly epochs: number; readonly metrics: EpochMetrics }
  | { readonly status: 'refit'; readonly run: string; readonly epoch: number; readonly epochs: number; readonly trainLoss: number }
  | { readonly status: 'complete'; readonly run: string; readonly checkpoint: string; readonly best: CheckpointMetrics }
  | { readonly status: 'cancelled'; readonly run: string; readonly epoch: number };

/**
 * A checkpoint's metrics: those of the best epoch on the held-out split, and the refit length.
 *
 * @example
 * ```ts
 * import { fineTune, type CheckpointMetrics } from 'scl-wear';
 * await fineTune(db, examples, { model: 'imu' }, {
 *   onProgress: (p) => {
 *     if (p.status !== 'complete') return;
 *     const best: CheckpointMetrics = p.best;
 *     console.log(`held-out accuracy ${best.holdoutAccuracy} at epoch ${best.epoch}; refit for ${best.refitEpochs} epochs`);
 *   },
 * });
 * ```
 */
export type CheckpointMetrics = EpochMetrics & { readonly refitEpochs?: number };

/**
 * Options of `fineTune` and `resumeRuns`: a progress callback and an abort signal.
 *
 * @example
 * ```ts
 * import { fineTune, type FineTuneOptions } from 'scl-wear';
 * const controller = new AbortController();
 * cancelButton.onclick = () => controller.abort();
 * const options: FineTuneOptions = { signal: controller.signal, onProgress: (p) => console.log(p.status) };
 * const { run } = await fineTune(db, examples, { model: 'imu' }, options);
 * if (run.status === 'cancelled') console.log('stopped after an epoch; nothing was lost');
 * ```
 */
export interface FineTuneOptions {
  onProgress?: (p: FineTuneProgress) => void;
  /** Stops after the current epoch; the run is saved as `cancelled`. */
  signal?: AbortSignal;
}

/**
 * A finished (or cancelled) run and the checkpoint it produced.
 *
 * @example
 * ```ts
 * import { activateCheckpoint, fineTune, type FineTuneResult } from 'scl-wear';
 * const result: FineTuneResult = await fineTune(db, examples, { model: 'imu' });
 * if (result.checkpoint) await activateCheckpoint(db, result.checkpoint.id);
 * ```
 */
export interface FineTuneResult {
  readonly run: RunRecord;
  readonly checkpoint?: CheckpointRecord;
}

/**
 * A configuration with every default filled in, as stored in the run.
 *
 * @example
 * ```ts
 * import { listRuns, type ResolvedConfig } from 'scl-wear';
 * for (const run of await listRuns(db, 'complete')) {
 *   const config = run.config as ResolvedConfig;
 *   console.log(run.id, config.model, config.hidden, config.epochs);
 * }
 * ```
 */
export type ResolvedConfig = HeadConfig & { model: string; holdout: number; refit: boolean; parts: FeatureParts };
