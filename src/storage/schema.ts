/**
 * The IndexedDB layout of scl-wear: record types and the typed idb schema.
 *
 * Times: `t0`, `tEnd`, label `start`/`end` are signal times in seconds (the `SampleBatch` clock);
 * `createdAt`, `startedAt`, `updatedAt`, `endedAt` are wall-clock milliseconds since the Unix epoch.
 */
import type { DBSchema, IDBPDatabase } from 'idb';
import type { ChannelInfo, SensorKind } from '../core/batch.js';

/** Lifecycle of a recorded session. */
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

/** One stream of a session (e.g. `ecg`, `imu`) and its totals. */
export interface StreamInfo {
  readonly kind: SensorKind;
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

/** A recording session. */
export interface SessionRecord {
  readonly id: string;
  status: SessionStatus;
  /** Wall clock, ms since the epoch. */
  readonly createdAt: number;
  startedAt?: number;
  /** Wall clock of the last flush, ms since the epoch. */
  updatedAt: number;
  endedAt?: number;
  subject?: string;
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

/** A run of consecutive frames of one stream. Keyed by `[session, stream, seq]`. */
export interface ChunkRecord {
  readonly session: string;
  readonly stream: string;
  /** Chunk number within the stream, from 0, without holes. */
  readonly seq: number;
  readonly kind: SensorKind;
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

/** An activity or event over a time range of a session; editable while recording. */
export interface LabelRecord {
  /** Assigned by the database. */
  readonly id?: number;
  readonly session: string;
  /** `activity` spans a range; `event` marks a moment (`end` equals `start`). */
  kind: 'activity' | 'event';
  /** The class, e.g. `WALKING`, or a user-defined name. */
  label: string;
  /** Start, seconds on the signal clock. */
  start: number;
  /** End, seconds; absent while the activity is still going on. */
  end?: number;
  note?: string;
  updatedAt: number;
}

/** An embedding of one window, stored with the model that produced it. */
export interface EmbeddingRecord {
  readonly session: string;
  readonly model: string;
  readonly stream: string;
  /** Window start and end, seconds. */
  readonly t0: number;
  readonly t1: number;
  readonly inv: Float32Array;
  readonly var: Float32Array;
  readonly free: Float32Array;
}

/** A class prediction for one window. */
export interface PredictionRecord {
  readonly session: string;
  readonly model: string;
  readonly stream: string;
  readonly t0: number;
  readonly t1: number;
  readonly label: string;
  readonly probs: Float32Array;
}

/** Lifecycle of a fine-tuning run. */
export type RunStatus = 'running' | 'complete' | 'failed' | 'cancelled';

/** A fine-tuning run: what it trains on, how, and how it went. Contents are defined by `finetune`. */
export interface RunRecord {
  readonly id: string;
  status: RunStatus;
  readonly createdAt: number;
  updatedAt: number;
  /** Training configuration (structured-clone safe). */
  readonly config: unknown;
  /** Per-epoch metrics, in order. */
  epochs: unknown[];
  /** Resumable training state after the last finished epoch. */
  state?: unknown;
  /** Id of the checkpoint the run produced. */
  checkpoint?: string;
  error?: string;
}

/** The examples a fine-tuning run trains on, stored once so that the run can resume. */
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

/** A trained classifier head. Contents of `head` are defined by `finetune`. */
export interface CheckpointRecord {
  readonly id: string;
  readonly run: string;
  readonly createdAt: number;
  /** The encoder the head sits on, e.g. `imu`. */
  readonly model: string;
  readonly classes: readonly string[];
  readonly head: unknown;
  readonly metrics: unknown;
}

/** Key-value settings, e.g. the active checkpoint per model and its history. */
export interface MetaRecord {
  readonly key: string;
  readonly value: unknown;
}

/** The typed schema of the scl-wear database (current version). */
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

declare const wearDbBrand: unique symbol;

/**
 * An open scl-wear database, as returned by `openWearDb`. Opaque: pass it to the storage and
 * fine-tuning functions; its IndexedDB connection is not part of the API.
 *
 * @example
 * ```ts
 * import { openWearDb, listSessions } from 'scl-wear';
 * const db = await openWearDb();
 * console.log(db.name, db.version, (await listSessions(db)).length);
 * db.close();
 * ```
 */
export interface WearDb {
  /** Marks the type as opaque; no such property exists at run time. */
  readonly [wearDbBrand]: true;
  /** Database name. */
  readonly name: string;
  /** Schema version of the open database. */
  readonly version: number;
  /** Closes the connection; later calls on it fail with `E_STORAGE`. */
  close(): void;
}

/**
 * The typed idb connection behind a {@link WearDb}, for the storage layer's own use.
 *
 * @param db - an open database from `openWearDb`
 * @returns the same object, typed as idb's database
 */
export function idbOf(db: WearDb): IDBPDatabase<WearSchema> {
  return db as unknown as IDBPDatabase<WearSchema>;
}

/**
 * Wraps an idb connection as the opaque {@link WearDb} (the same object).
 *
 * @param idb - an open idb database with the scl-wear schema
 */
export function wearDbOf(idb: IDBPDatabase<WearSchema>): WearDb {
  return idb as unknown as WearDb;
}

/** Default database name. */
export const DEFAULT_DB_NAME = 'scl-wear';
