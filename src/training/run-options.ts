import type { ImuDataset } from './imu-corpus.js';
import type { NegativeRule } from './imu-task.js';
import { DEFAULT_DIMS, type DimChoice } from './presets.js';
import type { TrainingBackend } from './tf/backend.js';
import type { StepReport, TrainMode, TrainOptions } from './trainer.js';

/**
 * What {@link runTraining} trains.
 *
 * @example
 * ```ts
 * import { runTraining, RUN_DEFAULTS } from 'scl-wear/train';
 * for (const task of ['imu', 'acc', 'ecg'] as const) {
 *   await runTraining({ ...RUN_DEFAULTS, task, dataDir: '../shared/data', outDir: `runs/${task}` });
 * }
 * ```
 */
export type TrainTaskName = 'imu' | 'acc' | 'ecg';

/**
 * Options of {@link runTraining} (the `scl-wear train` flags).
 *
 * @example
 * ```ts
 * import { runTraining, RUN_DEFAULTS, type RunOptions } from 'scl-wear/train';
 * const options: RunOptions = {
 *   ...RUN_DEFAULTS,
 *   task: 'imu',
 *   dataDir: '../shared/data',
 *   outDir: 'runs/imu-smoke',
 *   datasets: ['uci', 'motionsense'],
 *   realism: true,
 *   maxSteps: 20, // a smoke run
 * };
 * await runTraining(options);
 * ```
 */
export interface RunOptions {
  /** What to train: the IMU, accelerometer-only or ECG encoder. */
  readonly task: TrainTaskName;
  /** Dataset directory (holding `uci-har/`, `mitdb/`). */
  readonly dataDir: string;
  /** Output directory: `<task>.onnx`, `results.json`, checkpoints. */
  readonly outDir: string;
  /** Training mode (see `TrainMode`). */
  readonly mode: TrainMode;
  /** Passes over the training windows. */
  readonly epochs: number;
  /** Seed of the initialisation, shuffling and transforms. */
  readonly seed: number;
  /** Windows per step. */
  readonly batch: number;
  /** Peak Adam learning rate. */
  readonly lr: number;
  /** Weight λ of the SCL loss. */
  readonly lambda: number;
  /** Weight of the cardiac-phase objective on z_var (ECG only; 0 = off). */
  readonly phase: number;
  /** Strength β of the variant term of the SCL loss. */
  readonly beta: number;
  /** ε added to the SCL loss denominator. */
  readonly eps: number;
  /** Global gradient-norm clip. */
  readonly clip: number;
  /** Latent split of the encoder. */
  readonly dims: DimChoice;
  /** IMU: negative rule of the SCL loss. */
  readonly negatives: NegativeRule;
  /**
   * IMU tasks: train on these datasets (default UCI HAR only, with its own train/test split).
   * With MotionSense, the subject-disjoint splits of `loadImuCorpus` are used (validation
   * subjects held out) and the 6-class head learns from UCI HAR windows only.
   */
  readonly datasets?: readonly ImuDataset[];
  /** IMU tasks: per-window sensor error in the device frame and low-rate band-limiting (see `applyRealism`). */
  readonly realism?: boolean;
  /**
   * IMU tasks, with `realism`: motion-amplitude range `S` (at least 1); every training window's
   * body acceleration and rotation rate scaled by a log-uniform factor in `[1/S, S]` (absent: off).
   */
  readonly motionScale?: number;
  /**
   * IMU tasks, with `motionScale`: motion-shape range `A` (at least 1); every training window's body
   * acceleration along its mean direction scaled by a further log-uniform `u` in `[1/A, A]`, across it by `1/u` (absent: off).
   */
  readonly motionAnisotropy?: number;
  /** IMU tasks, with `realism`: cadence jitter `J` in `[0, 0.5)`; every training window resampled as if `U(1 − J, 1 + J)` times faster (absent: off). */
  readonly timeScale?: number;
  /**
   * IMU tasks, with `realism`: pocket swing bound in degrees, `[0, 90]`; half of the moving
   * training windows turned back and forth about a horizontal axis at a stride rate (absent: off).
   */
  readonly swing?: number;
  /** Weight of the equivariance term on z_var (ours; 0: off). */
  readonly equi?: number;
  /** Weight of the decorrelation term keeping the equivariance target (phase, gravity) out of z_inv (ours; 0: off). */
  readonly decor?: number;
  /** Weight of the consistency term: the group head's symmetric KL between the two views of a window (ours; 0: off). */
  readonly consist?: number;
  /** IMU: weight of the readout term, the in-batch R² of a linear probe from z_inv to gravity's direction (ours; 0: off). */
  readonly readout?: number;
  /**
   * IMU: z_inv from its own stack on the rotation-invariant channels (see `invariantBranch`),
   * invariant by construction; `frame` adds the channels in the window's horizontal frame;
   * `acc-frame` is `frame` over the accelerometer's channels only.
   */
  readonly invariantBranch?: 'basic' | 'frame' | 'acc-frame';
  /** ECG: time steps of the start-of-window readout for z_var (see `NetworkSpec.startSteps`; 0 or absent: off). */
  readonly startSteps?: number;
  /**
   * ECG: the encoder reads a beat-aligned crop of its window (`NetworkSpec.alignCrop`: `beat`, 1.5 s
   * search, 2.5 s crop), or (`fixed`, a control) the same 2.5 s from the window's start, unaligned.
   */
  readonly align?: 'beat' | 'fixed';
  /** ECG: SCL positive of a window, a cycle shift later (`shift`, default) or the same record at least a minute away (`record`). */
  readonly positives?: 'shift' | 'record';
  /**
   * ECG: share of every batch taken from the LUDB training subjects (every lead a record; see
   * `runEcgTraining`), e.g. 0.5 (the CLI default of `--ludb`); 0 or absent: MIT-BIH DS1 only.
   */
  readonly ludb?: number;
  /** Keep at most this many training windows per class (smoke runs). */
  readonly limit?: number;
  /** Steps per epoch cap (smoke runs). */
  readonly maxSteps?: number;
  /** Rotations per test window in the quick metrics (0: skip the test set). */
  readonly evalRotations: number;
  /** Resume from the checkpoints in `outDir`. */
  readonly resume: boolean;
  /** tfjs backend to train on. */
  readonly backend: TrainingBackend;
  /** Called after every step. */
  readonly onStep?: (s: StepReport) => void;
}

/**
 * Share of a batch from LUDB when `scl-wear train --ludb` names none: half, so each step weighs
 * the 22 DS1 records and the LUDB training subjects alike.
 *
 * @example
 * ```ts
 * import { runTraining, RUN_DEFAULTS } from 'scl-wear/train';
 * await runTraining({ ...RUN_DEFAULTS, task: 'ecg', dataDir: '../shared/data', outDir: 'runs/ecg-ludb', ludb: 0.5 });
 * ```
 */
export const LUDB_SHARE_DEFAULT = 0.5;

/**
 * Defaults of every option except task, dataDir and outDir.
 *
 * @example
 * ```ts
 * import { runTraining, RUN_DEFAULTS } from 'scl-wear/train';
 * await runTraining({ ...RUN_DEFAULTS, task: 'acc', dataDir: '../shared/data', outDir: 'runs/acc', epochs: 5 });
 * ```
 */
export const RUN_DEFAULTS = {
  mode: 'scl',
  epochs: 20,
  seed: 1,
  batch: 64,
  lr: 3e-3,
  lambda: 1,
  phase: 0,
  beta: 1,
  eps: 1e-3,
  clip: 5,
  dims: DEFAULT_DIMS,
  negatives: 'class',
  evalRotations: 10,
  resume: false,
  backend: 'wasm',
} as const satisfies Partial<RunOptions>;

/**
 * The trainer options of a run.
 *
 * @param o - the run options
 * @param maxSteps - steps-per-epoch cap used when the run sets none
 */
export function trainOptions(o: RunOptions, maxSteps?: number): TrainOptions {
  return {
    mode: o.mode,
    epochs: o.epochs,
    batch: o.batch,
    lr: o.lr,
    seed: o.seed,
    lambda: o.lambda,
    phase: o.phase,
    beta: o.beta,
    eps: o.eps,
    clip: o.clip,
    equi: o.equi,
    decor: o.decor,
    consist: o.consist,
    readout: o.readout,
    maxSteps: o.maxSteps ?? maxSteps,
    checkpointDir: o.outDir,
    resume: o.resume,
    onStep: o.onStep,
  };
}
