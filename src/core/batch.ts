import { checkArg, InputError } from '../errors.js';

/**
 * The kind of sensor a stream comes from. `imu` streams carry accelerometer and gyroscope;
 * `hr` streams carry beat data from heart-rate sensors (heart rate in bpm, one sample per
 * notification, or RR intervals in ms, one sample per beat), timed by `timestamps`.
 *
 * @example
 * ```ts
 * import type { SampleBatch, SensorKind } from 'scl-wear';
 * const motion: readonly SensorKind[] = ['acc', 'gyro', 'imu'];
 * const isMotion = (b: SampleBatch) => motion.includes(b.kind);
 * ```
 */
export type SensorKind = 'ecg' | 'acc' | 'gyro' | 'imu' | 'hr';

/**
 * Physical units the SDK understands.
 *
 * @example
 * ```ts
 * import { unitFactor } from 'scl-wear/advanced';
 * import type { Unit } from 'scl-wear';
 * const from: Unit = 'g';
 * const toSi = unitFactor(from, 'm/s^2'); // 9.80665
 * ```
 */
export type Unit = 'mV' | 'uV' | 'm/s^2' | 'g' | 'rad/s' | 'deg/s' | 'bpm' | 'ms' | '1';

/**
 * One channel of a stream: its name (`ecg`, `ax`, `gy`...) and the unit of its values.
 *
 * @example
 * ```ts
 * import type { ChannelInfo } from 'scl-wear';
 * const channels: ChannelInfo[] = [{ name: 'ax', unit: 'g' }, { name: 'ay', unit: 'g' }, { name: 'az', unit: 'g' }];
 * console.log(batch.channels.map((c) => `${c.name} in ${c.unit}`));
 * ```
 */
export interface ChannelInfo {
  readonly name: string;
  readonly unit: Unit;
}

/** Unit a channel has in the CSV and Parquet formats when its column names none (ecg, ax..az, gx..gz). */
export const DEFAULT_UNIT: Readonly<Record<string, Unit>> = {
  ecg: 'mV',
  ax: 'm/s^2',
  ay: 'm/s^2',
  az: 'm/s^2',
  gx: 'rad/s',
  gy: 'rad/s',
  gz: 'rad/s',
};

/**
 * The column name of a channel in the CSV and Parquet formats: its name, followed by its unit
 * in brackets when that is not the format's default (mV for `ecg`, m/s² for `ax..az`, rad/s
 * for `gx..gz`), e.g. `ax`, `ax[g]`, `hr[bpm]`.
 *
 * @param ch - the channel
 * @example
 * ```ts
 * columnName({ name: 'ax', unit: 'g' }); // 'ax[g]' (internal: used by the CSV and Parquet writers)
 * ```
 */
export function columnName(ch: ChannelInfo): string {
  return DEFAULT_UNIT[ch.name] === ch.unit ? ch.name : `${ch.name}[${ch.unit}]`;
}

/**
 * Standard gravity in m/s² (used to convert between `g` and `m/s^2`).
 *
 * @example
 * ```ts
 * import { STANDARD_GRAVITY } from 'scl-wear';
 * const ms2 = 0.98 * STANDARD_GRAVITY; // 0.98 g in m/s²
 * ```
 */
export const STANDARD_GRAVITY = 9.80665;

/**
 * A chunk of consecutive samples from one stream. Pipelines move batches, never single samples.
 *
 * Layout: `data` is **interleaved** (frame-major): sample `i` of channel `c` is
 * `data[i * channels.length + c]`. A batch of `length` frames therefore holds
 * `length * channels.length` values. Interleaving keeps a whole frame together, which is what
 * streaming filters and windowing walk over; encoders that want planar `[channel, time]`
 * input transpose once per window.
 *
 * Sample `i` was taken at `t0 + i / rate` seconds unless `timestamps` is given, in which case
 * `timestamps[i]` (seconds) is its time.
 *
 * @example
 * ```ts
 * import { createBatch, type SampleBatch } from 'scl-wear';
 * const batch: SampleBatch = createBatch({
 *   kind: 'acc', channels: [{ name: 'ax', unit: 'g' }, { name: 'ay', unit: 'g' }, { name: 'az', unit: 'g' }],
 *   rate: 50, t0: 0, seq: 0, data: new Float32Array(3 * 50), // 1 s, interleaved ax ay az
 * });
 * const az0 = batch.data[0 * batch.channels.length + 2]; // frame 0, channel az
 * ```
 */
export interface SampleBatch {
  /** Sensor kind. */
  readonly kind: SensorKind;
  /** Channel names and units, in interleaving order. */
  readonly channels: readonly ChannelInfo[];
  /** Nominal sample rate in Hz. */
  readonly rate: number;
  /** Time of the first sample, in seconds (any epoch, monotonic within a stream). */
  readonly t0: number;
  /** Sequence number of this batch within its stream, from 0, without holes. */
  readonly seq: number;
  /** Number of frames (samples per channel). */
  readonly length: number;
  /** Interleaved samples, `length * channels.length` values. */
  readonly data: Float32Array;
  /** Optional per-frame timestamps in seconds, when sampling is irregular. */
  readonly timestamps?: Float64Array;
  /**
   * Gap marker: seconds of signal missing between the previous batch and this one
   * (sensor dropout, disconnect, dropped frames). Stateful operators reset on a gap.
   */
  readonly gapBefore?: number;
}

/**
 * Fields needed to build a {@link SampleBatch}; `length` is derived from `data`.
 *
 * @example
 * ```ts
 * import { createBatch, type SampleBatchInit } from 'scl-wear';
 * const init: SampleBatchInit = { kind: 'ecg', channels: [{ name: 'ecg', unit: 'mV' }], rate: 130, t0: 0, seq: 0, data: samples };
 * const batch = createBatch(init); // length = samples.length frames
 * ```
 */
export type SampleBatchInit = Omit<SampleBatch, 'length'> & { length?: number };

/**
 * Builds a {@link SampleBatch}, checking that its shape is consistent.
 *
 * @param init - the batch fields; `data.length` must be a multiple of `channels.length`
 * @throws InputError `E_SHAPE` when the data does not fit the channels or timestamps,
 *   `E_RATE` when the rate is not a positive finite number of Hz
 * @example
 * ```ts
 * import { createBatch } from 'scl-wear';
 * const batch = createBatch({
 *   kind: 'ecg', channels: [{ name: 'ecg', unit: 'mV' }], rate: 130, t0: 0, seq: 0,
 *   data: new Float32Array(130),
 * });
 * ```
 */
export function createBatch(init: SampleBatchInit): SampleBatch {
  const nc = init.channels.length;
  if (!(Number.isFinite(init.rate) && init.rate > 0)) {
    throw new InputError('E_RATE', `rate must be a positive number of Hz; got ${init.rate}`, {
      details: { rate: init.rate },
    });
  }
  checkArg(nc > 0, 'channels', 'a non-empty list', init.channels);
  if (init.data.length % nc !== 0) {
    throw new InputError('E_SHAPE', `data length ${init.data.length} is not a multiple of ${nc} channels`, {
      details: { dataLength: init.data.length, channels: nc },
    });
  }
  const length = init.data.length / nc;
  if (init.length !== undefined && init.length !== length) {
    throw new InputError('E_SHAPE', `length ${init.length} does not match data (${length} frames)`);
  }
  if (init.timestamps && init.timestamps.length !== length) {
    throw new InputError('E_SHAPE', `timestamps has ${init.timestamps.length} entries for ${length} frames`);
  }
  return { ...init, length };
}

/**
 * Time of frame `i` of a batch, in seconds.
 *
 * @param batch - the batch
 * @param i - frame index, 0 ≤ i < batch.length
 * @example
 * ```ts
 * import { frameTime } from 'scl-wear/dsp';
 * const t = frameTime(batch, batch.length - 1); // seconds, from timestamps when the batch has them
 * ```
 */
export function frameTime(batch: SampleBatch, i: number): number {
  return batch.timestamps ? (batch.timestamps[i] as number) : batch.t0 + i / batch.rate;
}

/**
 * Time just after the last frame of a batch (the expected `t0` of the next batch), in seconds.
 *
 * @param batch - the batch
 * @example
 * ```ts
 * import { batchEnd } from 'scl-wear/dsp';
 * const expectedT0 = batchEnd(previous); // the next batch should start here (seconds)
 * if (next.t0 - expectedT0 > 0.1) console.warn('samples missing');
 * ```
 */
export function batchEnd(batch: SampleBatch): number {
  if (batch.timestamps && batch.length > 0) return (batch.timestamps[batch.length - 1] as number) + 1 / batch.rate;
  return batch.t0 + batch.length / batch.rate;
}

/**
 * Copies one channel of an interleaved batch into a planar array.
 *
 * @param batch - the batch
 * @param channel - channel index
 * @param out - destination of at least `batch.length` values (allocated when omitted)
 * @throws InputError `E_ARGUMENT` when `channel` is not an index below `batch.channels.length`
 * @example
 * ```ts
 * import { channelOf } from 'scl-wear/dsp';
 * const ecg = channelOf(batch, 0); // planar Float32Array of batch.length values
 * const reused = new Float32Array(batch.length);
 * channelOf(batch, 0, reused); // no allocation
 * ```
 */
export function channelOf(batch: SampleBatch, channel: number, out?: Float32Array): Float32Array {
  const nc = batch.channels.length;
  checkArg(channel >= 0 && channel < nc, 'channel', `an index below ${nc}`, channel);
  const dst = out ?? new Float32Array(batch.length);
  const src = batch.data;
  for (let i = 0, j = channel; i < batch.length; i++, j += nc) dst[i] = src[j] as number;
  return dst;
}

/**
 * Checks that a value is a well-formed batch: an object with channels, `Float32Array` data
 * holding exactly `length` frames, and as many timestamps as frames when it has timestamps.
 *
 * @param batch - the value received
 * @param where - who is checking (an operator's name), for the message
 * @throws InputError `E_SHAPE` naming what is wrong (not a batch, values, or timestamps)
 */
export function checkBatch(batch: unknown, where: string): asserts batch is SampleBatch {
  const b = batch as Partial<SampleBatch> | null | undefined;
  if (typeof b !== 'object' || b === null || !(b.data instanceof Float32Array) || !Array.isArray(b.channels)) {
    const got =
      b === null
        ? 'null'
        : typeof b !== 'object'
          ? typeof b
          : !(b.data instanceof Float32Array)
            ? 'an item without Float32Array data'
            : 'an item without channels';
    throw new InputError('E_SHAPE', `${where}: expected a batch of samples (channels, Float32Array data, length); got ${got}`, {
      details: { got },
    });
  }
  const nc = b.channels.length;
  const details = { seq: b.seq, values: b.data.length, timestamps: b.timestamps?.length, length: b.length, channels: nc };
  if (!(nc > 0 && Number.isInteger(b.length) && b.data.length === b.length! * nc)) {
    throw new InputError('E_SHAPE', `${where}: batch ${b.seq} has ${b.data.length} values for ${b.length} frames of ${nc} channels`, {
      details,
    });
  }
  if (b.timestamps !== undefined && b.timestamps.length !== b.length) {
    throw new InputError('E_SHAPE', `${where}: batch ${b.seq} has ${b.timestamps.length} timestamps for ${b.length} frames`, { details });
  }
}
