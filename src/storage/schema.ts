/**
 * The IndexedDB layout of scl-wear: record types and the typed idb schema.
 *
 * Times: `t0`, `tEnd`, label `start`/`end` are signal times in seconds (the `SampleBatch` clock);
 * `createdAt`, `startedAt`, `updatedAt`, `endedAt` are wall-clock milliseconds since the Unix epoch.
 */
import type { DBSchema } from 'idb';
import type { ChannelInfo, SensorKind } from '../core/batch.js';

/**
 * Lifecycle of a recorded session.
 *
 * @example
 * ```ts
 * import { openWearDb, listSessions, type SessionStatus } from 'scl-wear';
 * const wanted: SessionStatus = 'interrupted';
 * for (const s of await listSessions(await openWearDb(), wanted)) console.log(s.id, s.reason);
 * ```
 */
export type SessionStatus =
  /** Created, nothing recorded yet. */
  | 'created'
  /** A recorder holds it and is writing. */
  | 'recording'
  /**
   * An import is writing it. Staged: not listed, never recovered as a recording; the import's
   * last write makes it `complete` (or the file's status) in one transaction, and a staged
   * import whose page died is deleted by `recoverSessions`.
   */
  | 'importing'
  /** Recording ended normally. */
  | 'complete'
  /** The page or worker died while recording; every flushed chunk is kept. */
  | 'interrupted'
  /** Recording stopped on an error (quota, bad input); every flushed chunk is kept. */
  | 'failed';

/**
 * One stream of a session (e.g. `ecg`, `imu`) and its totals.
 *
 * @example
 * ```ts
 * import { openWearDb, getSession, listSessions, type StreamInfo } from 'scl-wear';
 * const db = await openWearDb();
 * const [first] = await listSessions(db);
 * const imu: StreamInfo | undefined = (await getSession(db, first!.id)).streams['imu'];
 * if (imu) console.log(imu.rate, 'Hz,', imu.frames, 'frames,', imu.tEnd - imu.t0, 's');
 * ```
 */
export interface StreamInfo {
  /** Sensor kind of the stream. */
  readonly kind: SensorKind;
  /** Channel names and units, in interleaving order. */
  readonly channels: readonly ChannelInfo[];
  /** Nominal sample rate in Hz. */
  readonly rate: number;
  /** Number of chunks stored (they are numbered 0 .. chunks-1). */
  chunks: number;
  /** Number of frames stored. */
  frames: number;
  /** Time of the first stored frame, seconds. */
  t0: number;
  /** Time just after the last stored frame, seconds. */
  tEnd: number;
}

/**
 * A recording session.
 *
 * @example
 * ```ts
 * import { openWearDb, listSessions, type SessionRecord } from 'scl-wear';
 * const sessions: SessionRecord[] = await listSessions(await openWearDb());
 * for (const s of sessions) console.log(s.id, s.status, new Date(s.createdAt), `${s.bytes} bytes`, Object.keys(s.streams));
 * ```
 */
export interface SessionRecord {
  /** Session id (random unless one was given). */
  readonly id: string;
  /** Where the session is in its lifecycle. */
  status: SessionStatus;
  /** Wall clock, ms since the epoch. */
  readonly createdAt: number;
  /** Wall clock when recording started, ms since the epoch, when known (imported files carry it). */
  startedAt?: number;
  /** Wall clock of the last flush, ms since the epoch. */
  updatedAt: number;
  /** Wall clock of the last write once recording stopped, ms since the epoch. */
  endedAt?: number;
  /** Who or what was recorded, e.g. a participant code. */
  subject?: string;
  /** Free text. */
  notes?: string;
  /** Free-form description of the device and its sensors (model, firmware, placement...). */
  device?: Readonly<Record<string, string | number | boolean>>;
  /** Streams by name. */
  streams: Record<string, StreamInfo>;
  /** Bytes of sample data stored (data and timestamps). */
  bytes: number;
  /** Why recording stopped, when status is `failed` or `interrupted`. */
  reason?: string;
  /** Where the session came from: recorded here or imported from a file. */
  origin?: 'recorded' | 'imported';
}

/**
 * A run of consecutive frames of one stream. Keyed by `[session, stream, seq]`.
 *
 * @example
 * ```ts
 * import type { ChunkRecord } from 'scl-wear/advanced';
 * // duration of a stored chunk, in s
 * const seconds = (c: ChunkRecord) => (c.timestamps ? c.timestamps[c.frames - 1]! - c.t0 + 1 / c.rate : c.frames / c.rate);
 * ```
 */
export interface ChunkRecord {
  /** Session id. */
  readonly session: string;
  /** Stream name, e.g. `imu`. */
  readonly stream: string;
  /** Chunk number within the stream, from 0, without holes. */
  readonly seq: number;
  /** Sensor kind of the stream. */
  readonly kind: SensorKind;
  /** Channel names and units, in interleaving order. */
  readonly channels: readonly ChannelInfo[];
  /** Nominal sample rate in Hz. */
  readonly rate: number;
  /** Time of the first frame, seconds. */
  readonly t0: number;
  /** Number of frames. */
  readonly frames: number;
  /** Interleaved samples, `frames * channels.length` values. */
  readonly data: Float32Array;
  /** Per-frame timestamps in seconds, when sampling is irregular. */
  readonly timestamps?: Float64Array;
  /** Seconds of signal missing before this chunk. */
  readonly gapBefore?: number;
}

/**
 * An activity or event over a time range of a session; editable while recording.
 *
 * @example
 * ```ts
 * import { openWearDb, listSessions, listLabels, type LabelRecord } from 'scl-wear';
 * const db = await openWearDb();
 * const [session] = await listSessions(db);
 * const labels: LabelRecord[] = await listLabels(db, session!.id);
 * const open = labels.filter((l) => l.kind === 'activity' && l.end === undefined); // activities still going on
 * ```
 */
export interface LabelRecord {
  /** Assigned by the database. */
  readonly id?: number;
  /** Session id. */
  readonly session: string;
  /** `activity` spans a range; `event` marks a moment (`end` equals `start`). */
  kind: 'activity' | 'event';
  /** The class, e.g. `WALKING`, or a user-defined name. */
  label: string;
  /** Start, seconds on the signal clock. */
  start: number;
  /** End, seconds; absent while the activity is still going on. */
  end?: number;
  /** Free text. */
  note?: string;
  /** Wall clock of the last edit, ms since the epoch. */
  updatedAt: number;
}

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

/**
 * Key-value settings, e.g. the active checkpoint per model and its history.
 *
 * @example
 * ```ts
 * import type { MetaRecord, WearSchema } from 'scl-wear/advanced';
 * // the `meta` store holds one MetaRecord per key, e.g. `active:imu` (the active checkpoint) or `sync:<session>`
 * type Stored = WearSchema['meta']['value'];
 * const isSync = (m: MetaRecord) => m.key.startsWith('sync:');
 * ```
 */
export interface MetaRecord {
  readonly key: string;
  readonly value: unknown;
}

/**
 * The typed schema of the scl-wear database (current version).
 *
 * @example
 * ```ts
 * import type { SessionRecord } from 'scl-wear';
 * import type { WearSchema } from 'scl-wear/advanced';
 * // the record type kept in each object store
 * type Stored = WearSchema['sessions']['value']; // SessionRecord
 * const same: Stored extends SessionRecord ? true : false = true;
 * ```
 */
export interface WearSchema extends DBSchema {
  sessions: { key: string; value: SessionRecord; indexes: { byStatus: SessionStatus; byCreated: number } };
  chunks: { key: [string, string, number]; value: ChunkRecord };
  labels: { key: number; value: LabelRecord; indexes: { bySession: string } };
  embeddings: { key: [string, string, string, number]; value: EmbeddingRecord };
  predictions: { key: [string, string, string, number]; value: PredictionRecord };
  runs: { key: string; value: RunRecord; indexes: { byStatus: RunStatus } };
  examples: { key: string; value: RunExamplesRecord };
  checkpoints: { key: string; value: CheckpointRecord; indexes: { byModel: string } };
  meta: { key: string; value: MetaRecord };
}
