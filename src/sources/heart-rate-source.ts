import { EMPTY, map, mergeMap, Observable, of, share } from 'rxjs';
import { BleLink, type LinkStatus } from './ble-link.js';
import type { BleDevice } from './ble-types.js';
import { BatchSequencer } from './batch-sequencer.js';
import { hostSeconds } from './clock.js';
import { notifications, whileConnected } from './gatt-streams.js';
import { HEART_RATE_MEASUREMENT, HEART_RATE_SERVICE, parseHeartRateMeasurement, type HeartRateMeasurement } from './heart-rate-format.js';
import type { ReconnectOptions } from './reconnect.js';
import { RRTimeline, type RRTimelineOptions } from './rr-timeline.js';
import type { SampleBatch } from '../core/batch.js';

/**
 * A decoded heart-rate notification with its arrival time and connection generation.
 *
 * @example
 * ```ts
 * import { requestHeartRateDevice, heartRateSource, type HeartRateReading } from 'scl-wear';
 * button.onclick = async () => {
 *   heartRateSource(await requestHeartRateDevice()).readings$.subscribe((r: HeartRateReading) => {
 *     if (r.contact === false) console.warn('strap not touching the skin at', r.time, 's');
 *   });
 * };
 * ```
 */
export interface HeartRateReading extends HeartRateMeasurement {
  /** Host time of arrival, in s (see `hostSeconds`). */
  readonly time: number;
  /** Connection generation (changes after a reconnect). */
  readonly generation: number;
}

/**
 * Options of {@link heartRateSource}.
 *
 * @example
 * ```ts
 * import { requestHeartRateDevice, heartRateSource, type HeartRateSourceOptions } from 'scl-wear';
 * const options: HeartRateSourceOptions = { reconnect: { retries: 3 }, rr: { maxLag: 3 } }; // maxLag in s
 * button.onclick = async () => heartRateSource(await requestHeartRateDevice(), options).heartRate$.subscribe(console.log);
 * ```
 */
export interface HeartRateSourceOptions {
  /** Reconnection policy (shared by every source on the device; first one wins). */
  reconnect?: ReconnectOptions;
  /** RR beat-timing options. */
  rr?: RRTimelineOptions;
}

/**
 * Streams of a heart-rate sensor. Each subscription shares the one GATT connection.
 *
 * @example
 * ```ts
 * import { requestHeartRateDevice, heartRateSource, type HeartRateSource } from 'scl-wear';
 * button.onclick = async () => {
 *   const hr: HeartRateSource = heartRateSource(await requestHeartRateDevice());
 *   hr.heartRate$.subscribe((b) => console.log(b.data[0], 'bpm'));
 *   hr.rr$.subscribe((b) => console.log(b.data, 'ms'));
 * };
 * ```
 */
export interface HeartRateSource {
  /** Every notification, decoded (heart rate, contact, energy, RR list). */
  readonly readings$: Observable<HeartRateReading>;
  /** Heart rate: kind `hr`, channel `hr` in bpm, one sample per notification, nominal 1 Hz. */
  readonly heartRate$: Observable<SampleBatch>;
  /**
   * RR intervals: kind `hr`, channel `rr` in ms, one sample per beat; `timestamps[i]` is the
   * time of the beat that ends interval i; nominal rate 1 Hz (use the timestamps).
   */
  readonly rr$: Observable<SampleBatch>;
  /** Connection state. */
  readonly status$: Observable<LinkStatus>;
}

const HR_CHANNELS = [{ name: 'hr', unit: 'bpm' }] as const;
const RR_CHANNELS = [{ name: 'rr', unit: 'ms' }] as const;

/**
 * Heart rate and RR intervals from any sensor with the standard Bluetooth Heart Rate Service
 * (Polar, Garmin, Wahoo straps, many watches). Connects on first subscription, reconnects
 * with backoff after a drop (the first batch after it carries `gapBefore`), and stops
 * notifications and disconnects when the last subscriber unsubscribes.
 *
 * RR intervals of 0 ms (not a beat) are left out of `rr$` (they stay in `readings$`).
 *
 * @param device - a device from `requestHeartRateDevice()` or `requestPolarDevice()`
 * @param options - reconnection and beat-timing options
 * @returns the streams; errors are SourceErrors: `E_UNAVAILABLE` (no Heart Rate Service),
 *   `E_PROTOCOL` (a malformed notification), `E_DISCONNECTED` (retries exhausted)
 * @example
 * ```ts
 * import { requestHeartRateDevice, heartRateSource } from 'scl-wear';
 * button.onclick = async () => {
 *   const hr = heartRateSource(await requestHeartRateDevice());
 *   hr.rr$.subscribe((b) => console.log(b.data)); // RR in ms
 * };
 * ```
 */
export function heartRateSource(device: BleDevice, options: HeartRateSourceOptions = {}): HeartRateSource {
  const link = BleLink.of(device, options.reconnect);
  const readings$ = whileConnected(
    link,
    (session) =>
      notifications(session, HEART_RATE_SERVICE, HEART_RATE_MEASUREMENT).pipe(
        map((view) => {
          session.healthy();
          return parseHeartRateMeasurement(view);
        }),
      ),
    'heart rate',
  ).pipe(
    map(({ value, generation }): HeartRateReading => ({ ...value, time: hostSeconds(), generation })),
    share(),
  );
  return {
    readings$,
    status$: link.status$,
    heartRate$: new Observable<SampleBatch>((subscriber) => {
      const seq = new BatchSequencer();
      return readings$
        .pipe(
          map((r) =>
            seq.next(
              {
                kind: 'hr',
                channels: HR_CHANNELS,
                rate: 1,
                t0: r.time,
                data: Float32Array.of(r.heartRate),
                timestamps: Float64Array.of(r.time),
              },
              r.generation,
            ),
          ),
        )
        .subscribe(subscriber);
    }),
    rr$: new Observable<SampleBatch>((subscriber) => {
      const seq = new BatchSequencer();
      const timeline = new RRTimeline(options.rr);
      let generation: number | undefined;
      return readings$
        .pipe(
          mergeMap((r) => {
            const rr = r.rr.filter((v) => v > 0);
            if (rr.length === 0) return EMPTY;
            if (generation !== undefined && r.generation !== generation) timeline.reset();
            generation = r.generation;
            const beats = new Float64Array(rr.length);
            const gap = timeline.place(rr, r.time, beats);
            const data = Float32Array.from(rr);
            return of(
              seq.next({ kind: 'hr', channels: RR_CHANNELS, rate: 1, t0: beats[0] as number, data, timestamps: beats }, r.generation, gap),
            );
          }),
        )
        .subscribe(subscriber);
    }),
  };
}
