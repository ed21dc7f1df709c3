// Records of what the encoders produce (embeddings, predictions) and of fine-tuning (runs,
// their examples, trained heads). Wall-clock times are ms since the Unix epoch.

/**
 * An embedding of one window, stored with the model that produced it.
 *
 * @example
 * ```ts
 * import { openWearDb, listSessions } from 'scl-wear';
 * import { listEmbeddings, type EmbeddingRecord } from 'scl-wear/advanced';
 * const db = await openWearDb();
 * const [session] = await listSessions(db);
 * const rows: EmbeddingRecord[] = await listEmbeddings(db, session!.id, 'imu');
 * console.log(rows[0]?.t0, rows[0]?.t1, rows[0]?.inv.length); // window start and end (s), invariant dims
 * ```
 */
export interface EmbeddingRecord {
  /** Session id. */
  readonly session: string;
  /** Encoder that produced it, e.g. `imu`. */
  readonly model: string;
  /** Stream the window was cut from. */
  readonly stream: string;
  /** Window start and end, seconds. */
  readonly t0: number;
  readonly t1: number;
  /** Invariant part of the embedding (unchanged by the transformation the model was trained on). */
  readonly inv: Float32Array;
  /** Variant part (follows the transformation). */
  readonly var: Float32Array;
  /** Free part (neither constrained). */
  readonly free: Float32Array;
}

/**
 * A class prediction for one window.
 *
 * @example
 * ```ts
 * import { openWearDb, listSessions } from 'scl-wear';
 * import { listPredictions, type PredictionRecord } from 'scl-wear/advanced';
 * const db = await openWearDb();
 * const [session] = await listSessions(db);
 * const rows: PredictionRecord[] = await listPredictions(db, session!.id, 'imu');
 * const walking = rows.filter((p) => p.label === 'WALKING').reduce((s, p) => s + (p.t1 - p.t0), 0); // s
 * ```
 */
export interface PredictionRecord {
  /** Session id. */
  readonly session: string;
  /** Encoder and head that produced it, e.g. `imu`. */
  readonly model: string;
  /** Stream the window was cut from. */
  readonly stream: string;
  /** Window start, seconds. */
  readonly t0: number;
  /** Window end, seconds. */
  readonly t1: number;
  /** The predicted class. */
  readonly label: string;
  /** Class probabilities, in the order of the model's classes. */
  readonly probs: Float32Array;
}

/**
 * Lifecycle of a fine-tuning run.
 *
 * @example
 * ```ts
 * import { openWearDb, listRuns, type RunStatus } from 'scl-wear';
 * const status: RunStatus = 'failed';
 * for (const run of await listRuns(await openWearDb(), status)) console.log(run.id, run.error);
 * ```
 */
export type RunStatus = 'running' | 'complete' | 'failed' | 'cancelled';

/**
 * A fine-tuning run: what it trains on, how, and how it went. Contents are defined by `finetune`.
 *
 * @example
 * ```ts
 * import { openWearDb, listRuns, type RunRecord } from 'scl-wear';
 * const runs: RunRecord[] = await listRuns(await openWearDb(), 'complete');
 * for (const r of runs) console.log(r.id, r.epochs.length, 'epochs, checkpoint', r.checkpoint);
 * ```
 */
export interface RunRecord {
  /** Run id. */
  readonly id: string;
  /** Where the run is in its lifecycle. */
  status: RunStatus;
  /** Wall clock, ms since the epoch. */
  readonly createdAt: number;
  /** Wall clock of the last change, ms since the epoch. */
  updatedAt: number;
  /** Training configuration (structured-clone safe). */
  readonly config: unknown;
  /** Per-epoch metrics, in order. */
  epochs: unknown[];
  /** Resumable training state after the last finished epoch. */
  state?: unknown;
  /** Id of the checkpoint the run produced. */
  checkpoint?: string;
  /** Why the run failed, when status is `failed`. */
  error?: string;
}

/**
 * The examples a fine-tuning run trains on, stored once so that the run can resume.
 *
 * @example
 * ```ts
 * import type { RunExamplesRecord } from 'scl-wear/advanced';
 * // the features and class of example i
 * const features = (r: RunExamplesRecord, i: number) => r.x.subarray(i * r.dim, (i + 1) * r.dim);
 * const className = (r: RunExamplesRecord, i: number) => r.classes[r.y[i]!];
 * ```
 */
export interface RunExamplesRecord {
  readonly run: string;
  /** Features per example. */
  readonly dim: number;
  readonly classes: readonly string[];
  /** Features, row-major, `n × dim`. */
  readonly x: Float32Array;
  /** Class index per example. */
  readonly y: Uint16Array;
}

/**
 * A trained classifier head. Contents of `head` are defined by `finetune`.
 *
 * @example
 * ```ts
 * import { openWearDb, listCheckpoints, activateCheckpoint, type CheckpointRecord } from 'scl-wear';
 * const db = await openWearDb();
 * const heads: CheckpointRecord[] = await listCheckpoints(db, 'imu');
 * const newest = heads.at(-1);
 * if (newest) await activateCheckpoint(db, newest.id); // classes: newest.classes
 * ```
 */
export interface CheckpointRecord {
  /** Checkpoint id. */
  readonly id: string;
  /** Id of the run that trained it. */
  readonly run: string;
  /** Wall clock, ms since the epoch. */
  readonly createdAt: number;
  /** The encoder the head sits on, e.g. `imu`. */
  readonly model: string;
  /** Class names, in the order of the head's outputs. */
  readonly classes: readonly string[];
  /** The trained head (weights and shape, as fine-tuning stores them). */
  readonly head: unknown;
  /** Metrics of the training run, as fine-tuning stores them. */
  readonly metrics: unknown;
}
