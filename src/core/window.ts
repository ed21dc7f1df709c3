import type { ChannelInfo, SensorKind } from './batch.js';

/**
 * A fixed-length window of consecutive frames cut from one stream by `slidingWindow`: what
 * encoders consume.
 *
 * Layout: `data` is interleaved like a {@link SampleBatch} (`data[i * channels.length + c]`).
 * `start` counts frames from the first frame of the stream at `rate`, so a window of a stream
 * that was resampled counts at the resampled rate.
 *
 * @example
 * ```ts
 * import { slidingWindow, type SampleWindow } from 'scl-wear';
 * ecg$.pipe(slidingWindow(640)).subscribe((w: SampleWindow) => {
 *   console.log(`window ${w.seq}: ${w.length} frames from ${w.t0} s at ${w.rate} Hz`);
 * });
 * ```
 */
export interface SampleWindow {
  /** Sensor kind of the stream. */
  readonly kind: SensorKind;
  /** Channel names and units, in interleaving order. */
  readonly channels: readonly ChannelInfo[];
  /** Sample rate in Hz. */
  readonly rate: number;
  /** Time of the first frame in seconds. */
  readonly t0: number;
  /** Index of the first frame, counted from the start of the stream. */
  readonly start: number;
  /** Number of frames. */
  readonly length: number;
  /** Window number within the stream, from 0. */
  readonly seq: number;
  /** Interleaved samples, `length * channels.length` values. */
  readonly data: Float32Array;
}

/**
 * Time just after the last frame of a window, in seconds.
 *
 * @param w - the window
 * @example
 * ```ts
 * import { windowEnd } from 'scl-wear/dsp';
 * windows$.subscribe((w) => console.log(`${w.t0.toFixed(2)}-${windowEnd(w).toFixed(2)} s`));
 * ```
 */
export function windowEnd(w: SampleWindow): number {
  return w.t0 + w.length / w.rate;
}
