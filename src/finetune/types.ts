import type { CheckpointRecord, RunRecord } from '../storage/schema.js';
import type { FeatureParts } from './examples.js';
import type { HeadShape } from './head.js';
import type { EpochMetrics, HeadConfig } from './trainer.js';

/** What to fine-tune and how; unset fields take `DEFAULT_HEAD_CONFIG`. */
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

/** The trained head as stored in a checkpoint. */
export interface HeadParams {
  readonly shape: HeadShape;
  readonly parts: FeatureParts;
  /** Feature standardisation learnt on the training split. */
  readonly mean: Float32Array;
  readonly std: Float32Array;
  readonly params: Float32Array;
}

/** Progress of a fine-tuning run, keyed on `status`. */
export type FineTuneProgress =
  | { readonly status: 'started'; readonly run: string; readonly epochs: number; readonly fromEpoch: number; readonly train: number; readonly holdout: number }
  | { readonly status: 'epoch'; readonly run: string; readonly epochs: number; readonly metrics: EpochMetrics }
  | { readonly status: 'refit'; readonly run: string; readonly epoch: number; readonly epochs: number; readonly trainLoss: number }
  | { readonly status: 'complete'; readonly run: string; readonly checkpoint: string; readonly best: CheckpointMetrics }
  | { readonly status: 'cancelled'; readonly run: string; readonly epoch: number };

/** A checkpoint's metrics: those of the best epoch on the held-out split, and the refit length. */
export type CheckpointMetrics = EpochMetrics & { readonly refitEpochs?: number };

/** Options of `fineTune` and `resumeRuns`. */
export interface FineTuneOptions {
  onProgress?: (p: FineTuneProgress) => void;
  /** Stops after the current epoch; the run is saved as `cancelled`. */
  signal?: AbortSignal;
}

/** A finished (or cancelled) run and the checkpoint it produced. */
export interface FineTuneResult {
  readonly run: RunRecord;
  readonly checkpoint?: CheckpointRecord;
}

/** A configuration with every default filled in, as stored in the run. */
export type ResolvedConfig = HeadConfig & { model: string; holdout: number; refit: boolean; parts: FeatureParts };
