import { checkArg, InputError } from '../errors.js';
import { createBatch, type ChannelInfo, type SampleBatch, type SensorKind } from '../core/batch.js';

/**
 * One stream of a {@link Recording}: interleaved samples of one sensor (`ecg`, `acc`, `imu`...).
 *
 * @example
 * ```ts
 * import { simulateImu } from 'scl-wear';
 * const { recording } = simulateImu({ activities: [{ activity: 'walking', seconds: 5 }], seed: 1 });
 * const imu = recording.streams[0]!; // kind 'imu', channels ax..gz
 * const azAt10 = imu.data[10 * imu.channels.length + 2]; // frame 10, channel az (m/s²)
 * ```
 */
export interface RecordedStream {
  /** Sensor kind. */
  readonly kind: SensorKind;
  /** Channel names and units, in interleaving order. */
  readonly channels: readonly ChannelInfo[];
  /** Interleaved samples, `recording.length * channels.length` values (like a {@link SampleBatch}). */
  readonly data: Float32Array;
}

/**
 * A labelled stretch of a recording: frames `start` (inclusive) to `end` (exclusive).
 *
 * @example
 * ```ts
 * import { simulateImu } from 'scl-wear';
 * const { recording } = simulateImu({ activities: [{ activity: 'sitting', seconds: 5 }, { activity: 'walking', seconds: 5 }], rate: 50 });
 * for (const seg of recording.labels ?? []) console.log(seg.label, seg.start / recording.rate, 's to', seg.end / recording.rate, 's');
 * ```
 */
export interface LabelSegment {
  /** The label text, e.g. `WALKING`. */
  readonly label: string;
  /** First frame of the segment. */
  readonly start: number;
  /** Frame just after the segment. */
  readonly end: number;
}

/**
 * A whole recording held in memory: one or more streams sampled on one time base (the rows of
 * a CSV file, or the output of a simulator). Cut it into {@link SampleBatch}es with
 * {@link recordingBatches} or stream it with `replay`.
 *
 * Frame `i` was taken at `timestamps[i]` seconds when `timestamps` is present (files with a
 * `t` column), else at `t0 + i / rate`.
 *
 * @example
 * ```ts
 * import { parseCsv, type Recording } from 'scl-wear';
 * const rec: Recording = parseCsv('t,ecg\n0,0.1\n0.004,0.2\n0.008,0.15\n');
 * console.log(rec.rate, rec.length, rec.streams[0]!.kind); // 250 Hz, 3 frames, 'ecg'
 * ```
 */
export interface Recording {
  /** Nominal sample rate in Hz. */
  readonly rate: number;
  /** Time of the first frame in seconds. */
  readonly t0: number;
  /** Number of frames. */
  readonly length: number;
  /** Per-frame times in seconds (strictly increasing), when the source had them. */
  readonly timestamps?: Float64Array;
  /** The streams, each with `length` frames. */
  readonly streams: readonly RecordedStream[];
  /** Ground-truth labels (activities...), in frame order, when the source had them. */
  readonly labels?: readonly LabelSegment[];
}

/**
 * Fields needed to build a {@link Recording}; `length` and `t0` are derived when omitted.
 *
 * @example
 * ```ts
 * import { createRecording, type RecordingInit } from 'scl-wear';
 * const init: RecordingInit = {
 *   rate: 50,
 *   streams: [{ kind: 'acc', channels: [{ name: 'ax', unit: 'g' }, { name: 'ay', unit: 'g' }, { name: 'az', unit: 'g' }], data: new Float32Array(3 * 500) }],
 *   labels: [{ label: 'sitting', start: 0, end: 500 }],
 * };
 * const rec = createRecording(init); // 500 frames, 10 s
 * ```
 */
export type RecordingInit = Omit<Recording, 'length' | 't0'> & { t0?: number };

/**
 * Builds a {@link Recording} from typed arrays, checking that the shapes agree.
 *
 * @param init - rate (Hz), streams with interleaved data, optional timestamps (s) and labels
 * @throws InputError `E_RATE` for a rate that is not a positive number of Hz, `E_SHAPE` when
 *   the streams, timestamps or labels do not have the same number of frames
 * @example
 * ```ts
 * import { createRecording, replay } from 'scl-wear';
 * const ecg = new Float32Array(360 * 10); // 10 s of ECG in mV at 360 Hz
 * const rec = createRecording({ rate: 360, streams: [{ kind: 'ecg', channels: [{ name: 'ecg', unit: 'mV' }], data: ecg }] });
 * replay(rec, { batchSeconds: 1 }).subscribe((batch) => console.log(batch.seq, batch.length));
 * ```
 */
export function createRecording(init: RecordingInit): Recording {
  if (!(Number.isFinite(init.rate) && init.rate > 0)) {
    throw new InputError('E_RATE', `rate must be a positive number of Hz; got ${init.rate}`, { details: { rate: init.rate } });
  }
  checkArg(init.streams.length > 0, 'streams', 'a non-empty list', init.streams);
  const first = init.streams[0] as RecordedStream;
  const length = first.data.length / Math.max(1, first.channels.length);
  for (const s of init.streams) {
    checkArg(s.channels.length > 0, 'channels', 'a non-empty list', s.channels);
    if (s.data.length !== length * s.channels.length) {
      throw new InputError(
        'E_SHAPE',
        `stream ${s.kind} has ${s.data.length} values, expected ${length} frames × ${s.channels.length} channels`,
        {
          details: { kind: s.kind, values: s.data.length, frames: length },
        },
      );
    }
  }
  if (init.timestamps && init.timestamps.length !== length) {
    throw new InputError('E_SHAPE', `timestamps has ${init.timestamps.length} entries for ${length} frames`);
  }
  for (const seg of init.labels ?? []) {
    if (!(seg.start >= 0 && seg.end > seg.start && seg.end <= length)) {
      throw new InputError('E_SHAPE', `label segment ${seg.label} [${seg.start}, ${seg.end}) is outside 0..${length} frames`);
    }
  }
  const firstTime = init.timestamps?.[0];
  const t0 = init.t0 ?? (firstTime !== undefined && length > 0 ? firstTime : 0);
  return { ...init, t0, length };
}

/**
 * Options of {@link recordingBatches}.
 *
 * @example
 * ```ts
 * import { replay, simulateEcg } from 'scl-wear';
 * const { recording } = simulateEcg({ seconds: 10, rate: 250, seed: 1 });
 * replay(recording, { batchFrames: 125 }).subscribe((b) => console.log(b.length)); // 125 frames (0.5 s) each
 * ```
 */
export interface BatchingOptions {
  /** Frames per batch; default `round(batchSeconds × rate)`. */
  batchFrames?: number;
  /** Seconds per batch when `batchFrames` is not given; default 1 s. */
  batchSeconds?: number;
}

/**
 * Number of frames per batch for a recording and batching options.
 *
 * @param rate - sample rate in Hz
 * @param options - `batchFrames`, or `batchSeconds` (default 1 s)
 * @throws InputError `E_ARGUMENT` when the batch would hold less than one frame
 * @example
 * ```ts
 * import { framesPerBatch } from 'scl-wear/advanced';
 * framesPerBatch(360, { batchSeconds: 0.25 }); // 90
 * ```
 */
export function framesPerBatch(rate: number, options: BatchingOptions = {}): number {
  const frames = options.batchFrames ?? Math.round((options.batchSeconds ?? 1) * rate);
  checkArg(Number.isInteger(frames) && frames >= 1, 'batchFrames', 'a whole number of frames ≥ 1 (batchSeconds × rate ≥ 0.5)', frames);
  return frames;
}

/**
 * Batch number `seq` of one stream of a recording, `frames` frames long (the last batch may
 * be shorter). The batch owns a copy of its samples, so consumers may modify or transfer it.
 *
 * @param rec - the recording
 * @param stream - index of the stream in `rec.streams`
 * @param seq - batch number, from 0
 * @param frames - frames per batch (see {@link framesPerBatch})
 * @throws InputError `E_ARGUMENT` for a stream index that does not exist or a batch past the end
 * @example
 * ```ts
 * import { simulateEcg } from 'scl-wear';
 * import { recordingBatch } from 'scl-wear/advanced';
 * const { recording } = simulateEcg({ seconds: 10, rate: 250, seed: 1 });
 * const third = recordingBatch(recording, 0, 2, 250); // frames 500..749, t0 = 2 s
 * ```
 */
export function recordingBatch(rec: Recording, stream: number, seq: number, frames: number): SampleBatch {
  const s = rec.streams[stream];
  checkArg(s !== undefined, 'stream', `an index below ${rec.streams.length}`, stream);
  const start = seq * frames;
  checkArg(Number.isInteger(seq) && seq >= 0 && start < rec.length, 'seq', `a batch number below ${Math.ceil(rec.length / frames)}`, seq);
  const end = Math.min(rec.length, start + frames);
  const nc = s.channels.length;
  const timestamps = rec.timestamps?.slice(start, end);
  return createBatch({
    kind: s.kind,
    channels: s.channels,
    rate: rec.rate,
    t0: timestamps ? (timestamps[0] as number) : rec.t0 + start / rec.rate,
    seq,
    data: s.data.slice(start * nc, end * nc),
    ...(timestamps ? { timestamps } : {}),
  });
}

/**
 * Cuts one stream of a recording into consecutive {@link SampleBatch}es (see
 * {@link recordingBatch}; each owns a copy of its samples).
 *
 * @param rec - the recording
 * @param stream - index of the stream in `rec.streams` (default 0)
 * @param options - batch size in frames or seconds (default 1 s)
 * @throws InputError `E_ARGUMENT` for a stream index that does not exist or a batch size below one frame
 * @example
 * ```ts
 * import { simulateEcg } from 'scl-wear';
 * import { recordingBatches } from 'scl-wear/advanced';
 * const { recording } = simulateEcg({ seconds: 10, rate: 250, seed: 1 });
 * const batches = recordingBatches(recording, 0, { batchSeconds: 0.5 }); // 20 batches of 125 frames
 * ```
 */
export function recordingBatches(rec: Recording, stream = 0, options: BatchingOptions = {}): SampleBatch[] {
  checkArg(rec.streams[stream] !== undefined, 'stream', `an index below ${rec.streams.length}`, stream);
  const n = framesPerBatch(rec.rate, options);
  const out: SampleBatch[] = [];
  for (let seq = 0; seq * n < rec.length; seq++) out.push(recordingBatch(rec, stream, seq, n));
  return out;
}

/**
 * The label in force at frame `i`, or `undefined` where the recording is unlabelled.
 *
 * @param rec - the recording
 * @param i - frame index
 * @example
 * ```ts
 * import { simulateImu } from 'scl-wear';
 * import { labelAt } from 'scl-wear/advanced';
 * const { recording } = simulateImu({ activities: [{ activity: 'sitting', seconds: 5 }, { activity: 'walking', seconds: 5 }], rate: 50 });
 * labelAt(recording, 300); // 'walking'
 * ```
 */
export function labelAt(rec: Recording, i: number): string | undefined {
  for (const seg of rec.labels ?? []) if (i >= seg.start && i < seg.end) return seg.label;
  return undefined;
}
