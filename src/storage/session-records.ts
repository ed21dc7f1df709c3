// Records of recorded sessions: the session, its streams, its chunks of samples and its labels.
// Signal times (`t0`, `tEnd`, label `start`/`end`) are seconds on the `SampleBatch` clock;
// `createdAt`, `startedAt`, `updatedAt`, `endedAt` are wall-clock ms since the Unix epoch.
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
