/**
 * The neutral form every export and import format goes through: one stream of a session as
 * metadata plus a re-readable sequence of chunks of frames. Writers (Parquet, EDF+, `.sclw`)
 * consume it chunk by chunk; readers produce it, so any format converts to any other in
 * bounded memory.
 */
import type { ChannelInfo, SensorKind } from '../core/batch.js';

/**
 * A run of consecutive frames (as stored: interleaved float32 samples).
 *
 * @example
 * ```ts
 * import { readParquet } from 'scl-wear';
 * const source = await readParquet(file);
 * for await (const chunk of source.chunks()) { // each a FrameChunk
 *   if (chunk.gapBefore) console.log(`${chunk.gapBefore} s missing before ${chunk.t0} s`);
 *   console.log(chunk.frames, 'frames,', chunk.data.length / source.channels.length, 'per channel');
 * }
 * ```
 */
export interface FrameChunk {
  /** Time of the first frame, seconds. */
  readonly t0: number;
  /** Nominal sample rate in Hz. */
  readonly rate: number;
  /** Number of frames. */
  readonly frames: number;
  /** Interleaved samples, `frames * channels` values. */
  readonly data: Float32Array;
  /** Per-frame times in seconds, when sampling is irregular. */
  readonly timestamps?: Float64Array;
  /** Seconds of signal missing before this chunk. */
  readonly gapBefore?: number;
}

/**
 * A label of a session: an activity over a range or an event at a moment (seconds).
 *
 * @example
 * ```ts
 * import { readEdf } from 'scl-wear';
 * const source = await readEdf(file);
 * for (const l of source.labels) { // each a FrameLabel
 *   console.log(l.kind, l.label, l.start, l.end ?? '(open)'); // s
 * }
 * ```
 */
export interface FrameLabel {
  /** `activity` spans a range; `event` marks a moment. */
  readonly kind: 'activity' | 'event';
  /** The class or event name. */
  readonly label: string;
  /** Start, seconds on the signal clock. */
  readonly start: number;
  /** End, seconds; absent for an activity still open. */
  readonly end?: number;
  /** Free text. */
  readonly note?: string;
}

/**
 * Descriptive fields of the session a stream belongs to.
 *
 * @example
 * ```ts
 * import { readParquet } from 'scl-wear';
 * const { session } = await readParquet(file); // a FrameSession
 * console.log(session.subject, session.startedAt && new Date(session.startedAt));
 * ```
 */
export interface FrameSession {
  /** Session id. */
  readonly id?: string;
  /** Who or what was recorded. */
  readonly subject?: string;
  /** Free text. */
  readonly notes?: string;
  /** Device and sensor description. */
  readonly device?: Readonly<Record<string, string | number | boolean>>;
  /** Wall clock, ms since the epoch. */
  readonly createdAt?: number;
  /** Wall clock when recording started, ms since the epoch. */
  readonly startedAt?: number;
  /** Wall clock when recording ended, ms since the epoch. */
  readonly endedAt?: number;
  /** Session status, e.g. `complete` (see `SessionStatus`). */
  readonly status?: string;
  /** Why recording stopped, for `failed` or `interrupted` sessions. */
  readonly reason?: string;
}

/**
 * One stream of a session, ready to be written in any format.
 *
 * @example
 * ```ts
 * import { openWearDb, readEdf, importFrames, type FrameSource } from 'scl-wear';
 * const source: FrameSource = await readEdf(file);
 * console.log(source.stream, source.kind, source.rate, 'Hz,', source.frames, 'frames');
 * const session = await importFrames(await openWearDb(), source);
 * ```
 */
export interface FrameSource {
  /** The session the stream belongs to. */
  readonly session: FrameSession;
  /** Stream name, e.g. `imu`. */
  readonly stream: string;
  /** Sensor kind of the stream. */
  readonly kind: SensorKind;
  /** Channel names and units, in interleaving order. */
  readonly channels: readonly ChannelInfo[];
  /** Nominal sample rate in Hz. */
  readonly rate: number;
  /** Total frames (known before reading, for headers and progress). */
  readonly frames: number;
  /** Activity labels and events of the session, seconds on the signal clock. */
  readonly labels: readonly FrameLabel[];
  /** Reads the chunks in time order; may be called more than once. */
  chunks(): AsyncIterable<FrameChunk>;
}

/**
 * Progress of a format export or import, in frames.
 *
 * @example
 * ```ts
 * import { openWearDb, listSessions, exportSessionEdf, type FrameProgress } from 'scl-wear';
 * const db = await openWearDb();
 * const [session] = await listSessions(db, 'complete');
 * const show = (p: FrameProgress) => console.log(`${Math.round((100 * p.frames) / p.totalFrames)} %`);
 * const blob = await new Response(exportSessionEdf(db, session!.id, { stream: 'ecg', onProgress: show })).blob();
 * ```
 */
export interface FrameProgress {
  /** `complete` once, at the end. */
  readonly status: 'writing' | 'complete';
  /** Frames written so far. */
  readonly frames: number;
  /** Frames in total. */
  readonly totalFrames: number;
  /** Bytes produced so far. */
  readonly bytes: number;
}

/** Time of frame `i` of a chunk, seconds. */
export const frameTimeOf = (c: FrameChunk, i: number): number => (c.timestamps ? c.timestamps[i]! : c.t0 + i / c.rate);

/**
 * Writes the activity label covering each time into `out` (`null` where none): a label covers
 * `[start, end)`, an open one (no `end`) runs to the end; where labels overlap, the one that
 * started last wins. Events are not per-frame and are left out.
 *
 * @param labels - the session's labels
 * @param times - frame times in seconds, increasing
 * @param n - frames to fill
 * @param out - destination, at least `n` long
 */
export function fillLabels(labels: readonly FrameLabel[], times: Float64Array, n: number, out: (string | null)[]): void {
  out.fill(null, 0, n);
  if (n === 0) return;
  const first = times[0]!;
  const last = times[n - 1]!;
  const activities = labels.filter((l) => l.kind === 'activity').sort((a, b) => a.start - b.start);
  for (const l of activities) {
    const end = l.end ?? Infinity;
    if (end <= first || l.start > last) continue;
    for (let i = lowerBound(times, n, l.start); i < n && times[i]! < end; i++) out[i] = l.label;
  }
}

function lowerBound(times: Float64Array, n: number, t: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
