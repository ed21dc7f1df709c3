import { TrainingError } from '../errors.js';
import { createRng } from '../core/random.js';
import { headBackward, headProbs, headScratch, isWeight, paramCount, type HeadShape } from './head.js';
import { adamStep } from './adam.js';

/**
 * How a head is trained: hidden units, epochs, examples per Adam step, learning rate, L2 weight
 * decay and seed.
 *
 * @example
 * ```ts
 * import { fineTune, type HeadConfig } from 'scl-wear';
 * const softmaxRegression: Partial<HeadConfig> = { hidden: 0, epochs: 100, learningRate: 0.05 };
 * await fineTune(db, examples, { model: 'imu', ...softmaxRegression });
 * ```
 */
export interface HeadConfig {
  /** Hidden units of the ReLU layer; 0 trains softmax regression. Default 32 (measured best in docs/finetune-eval.md). */
  readonly hidden: number;
  readonly epochs: number;
  /** Examples per Adam step. */
  readonly batchSize: number;
  readonly learningRate: number;
  /** L2 penalty on the weights (not the biases). */
  readonly weightDecay: number;
  /** Seeds initialisation and shuffling: the same seed gives the same head. */
  readonly seed: number;
}

/**
 * Defaults suited to a few labelled windows per class (see docs/finetune-eval.md).
 *
 * @example
 * ```ts
 * import { fineTune } from 'scl-wear';
 * import { DEFAULT_HEAD_CONFIG } from 'scl-wear/advanced';
 * await fineTune(db, examples, { model: 'imu', epochs: DEFAULT_HEAD_CONFIG.epochs * 2 });
 * ```
 */
export const DEFAULT_HEAD_CONFIG: HeadConfig = { hidden: 32, epochs: 60, batchSize: 16, learningRate: 0.01, weightDecay: 1e-3, seed: 1 };

/**
 * What one epoch achieved (losses are mean cross-entropy in nats; accuracies in [0, 1]).
 *
 * @example
 * ```ts
 * import { fineTune, type EpochMetrics } from 'scl-wear';
 * const curve: EpochMetrics[] = [];
 * await fineTune(db, examples, { model: 'imu' }, {
 *   onProgress: (p) => {
 *     if (p.status === 'epoch') curve.push(p.metrics);
 *   },
 * });
 * console.log(curve.map((m) => m.holdoutAccuracy));
 * ```
 */
export interface EpochMetrics {
  /** Epoch number, from 1. */
  readonly epoch: number;
  readonly trainLoss: number;
  readonly trainAccuracy: number;
  /** Absent when nothing is held out. */
  readonly holdoutLoss?: number;
  readonly holdoutAccuracy?: number;
}

/** Everything needed to continue training exactly where it stopped. */
export interface TrainerState {
  /** Epochs finished. */
  readonly epoch: number;
  /** Adam steps taken. */
  readonly step: number;
  readonly params: Float32Array;
  readonly m: Float32Array;
  readonly v: Float32Array;
  /** The best epoch so far by held-out accuracy, then held-out loss (the last one without hold-out). */
  readonly best?: { readonly epoch: number; readonly params: Float32Array; readonly metrics: EpochMetrics };
}

/** Rows and labels of one split, features already standardised. */
export interface Split {
  readonly x: Float32Array;
  readonly y: Uint16Array;
}

/**
 * Trains a head epoch by epoch with Adam. Epoch `e` shuffles with a generator seeded from
 * `(seed, e)`, so a trainer rebuilt from {@link HeadTrainer.snapshot} continues bit-identically.
 */
export class HeadTrainer {
  private readonly params: Float32Array;
  private readonly m: Float32Array;
  private readonly v: Float32Array;
  private readonly grad: Float64Array;
  private readonly sc;
  private epochsDone: number;
  private step: number;
  private best: TrainerState['best'];

  /**
   * @param shape - head sizes
   * @param config - training settings
   * @param train - training split
   * @param holdout - held-out split (may be empty)
   * @param state - a snapshot to continue from
   */
  constructor(
    private readonly shape: HeadShape,
    private readonly config: HeadConfig,
    private readonly train: Split,
    private readonly holdout: Split,
    state?: TrainerState,
  ) {
    const n = paramCount(shape);
    this.params = state ? state.params.slice() : initParams(shape, config.seed);
    this.m = state ? state.m.slice() : new Float32Array(n);
    this.v = state ? state.v.slice() : new Float32Array(n);
    this.grad = new Float64Array(n);
    this.sc = headScratch(shape);
    this.epochsDone = state?.epoch ?? 0;
    this.step = state?.step ?? 0;
    this.best = state?.best;
  }

  /** Whether every configured epoch has run. */
  get done(): boolean {
    return this.epochsDone >= this.config.epochs;
  }

  /**
   * Runs one epoch and returns its metrics.
   *
   * @throws TrainingError `E_DIVERGED` when the loss stops being finite
   */
  runEpoch(): EpochMetrics {
    const { shape, config, train, grad, params } = this;
    const n = train.y.length;
    const order = Int32Array.from({ length: n }, (_, i) => i);
    const rng = createRng(config.seed * 1_000_003 + this.epochsDone + 1);
    for (let i = n - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      const t = order[i]!;
      order[i] = order[j]!;
      order[j] = t;
    }
    for (let from = 0; from < n; from += config.batchSize) {
      const to = Math.min(n, from + config.batchSize);
      grad.fill(0);
      for (let b = from; b < to; b++) {
        const row = order[b]!;
        headProbs(shape, params, train.x, row, this.sc);
        headBackward(shape, params, train.x, row, train.y[row]!, this.sc, grad, 1 / (to - from));
      }
      if (config.weightDecay > 0)
        for (let i = 0; i < params.length; i++) if (isWeight(shape, i)) grad[i]! += config.weightDecay * params[i]!;
      adamStep(params, grad, this.m, this.v, ++this.step, config);
    }
    this.epochsDone++;
    const tr = this.evaluate(train);
    if (!Number.isFinite(tr.loss)) {
      throw new TrainingError('E_DIVERGED', `training loss is ${tr.loss} after epoch ${this.epochsDone}; lower the learning rate`, {
        details: { epoch: this.epochsDone },
      });
    }
    const metrics: EpochMetrics = {
      epoch: this.epochsDone,
      trainLoss: tr.loss,
      trainAccuracy: tr.accuracy,
      ...(this.holdout.y.length > 0 &&
        (() => {
          const h = this.evaluate(this.holdout);
          return { holdoutLoss: h.loss, holdoutAccuracy: h.accuracy };
        })()),
    };
    if (isBetter(metrics, this.best?.metrics)) this.best = { epoch: metrics.epoch, params: params.slice(), metrics };
    return metrics;
  }

  /** A copy of the state after the last epoch (structured-clone safe). */
  snapshot(): TrainerState {
    return {
      epoch: this.epochsDone,
      step: this.step,
      params: this.params.slice(),
      m: this.m.slice(),
      v: this.v.slice(),
      ...(this.best && { best: this.best }),
    };
  }

  /** Mean loss and accuracy of the current parameters on a split. */
  evaluate(split: Split): { loss: number; accuracy: number } {
    let loss = 0;
    let correct = 0;
    for (let r = 0; r < split.y.length; r++) {
      const p = headProbs(this.shape, this.params, split.x, r, this.sc);
      const label = split.y[r]!;
      loss -= Math.log(Math.max(p[label]!, 1e-300));
      let arg = 0;
      for (let c = 1; c < p.length; c++) if (p[c]! > p[arg]!) arg = c;
      if (arg === label) correct++;
    }
    return { loss: loss / split.y.length, accuracy: correct / split.y.length };
  }
}

function isBetter(a: EpochMetrics, b: EpochMetrics | undefined): boolean {
  if (!b || a.holdoutAccuracy === undefined || b.holdoutAccuracy === undefined) return true;
  if (a.holdoutAccuracy !== b.holdoutAccuracy) return a.holdoutAccuracy > b.holdoutAccuracy;
  return a.holdoutLoss! < b.holdoutLoss!;
}

/** Initial parameters: zeros for softmax regression; He-normal hidden and Glorot-normal output weights for the MLP. */
function initParams(s: HeadShape, seed: number): Float32Array {
  const p = new Float32Array(paramCount(s));
  if (s.hidden === 0) return p;
  const rng = createRng(seed);
  const w1 = s.hidden * s.inputDim;
  const w2 = w1 + s.hidden;
  for (let i = 0; i < w1; i++) p[i] = rng.normal() * Math.sqrt(2 / s.inputDim);
  for (let i = 0; i < s.classes * s.hidden; i++) p[w2 + i] = rng.normal() * Math.sqrt(2 / (s.hidden + s.classes));
  return p;
}
