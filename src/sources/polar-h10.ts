import { filter, firstValueFrom, map, Observable, switchMap, take } from 'rxjs';
import { STANDARD_GRAVITY, type ChannelInfo, type SampleBatch, type SensorKind } from '../core/batch.js';
import { checkArg, SourceError } from '../errors.js';
import { BleLink, type LinkStatus } from './ble-link.js';
import { toSourceError } from './ble-errors.js';
import type { BleDevice } from './ble-types.js';
import { BatchSequencer } from './batch-sequencer.js';
import type { GattSession } from './gatt-session.js';
import { whileConnected, type FromSession } from './gatt-streams.js';
import { openPmdClient, type PmdClient } from './pmd-client.js';
import { FrameClock, type FrameClockOptions } from './pmd-clock.js';
import { PMD_OP, PMD_TYPE, type PmdMeasurementName } from './pmd-control-format.js';
import { PMD_EPOCH_UNIX_SECONDS } from './pmd-frame.js';
import { pmdMeasurement, type ArrivedFrame } from './pmd-measurement.js';
import { parsePmdSettings, type PmdSelection, type PmdSettings } from './pmd-settings.js';
import type { ReconnectOptions } from './reconnect.js';

/**
 * Options of {@link polarH10}.
 *
 * @example
 * ```ts
 * import { requestPolarDevice, polarH10, type PolarH10Options } from 'scl-wear';
 * const options: PolarH10Options = { reconnect: { retries: 10 }, clock: { window: 32 } };
 * button.onclick = async () => polarH10(await requestPolarDevice(), options).ecg().subscribe(console.log);
 * ```
 */
export interface PolarH10Options {
  /** Reconnection policy (shared by every source on the device; first one wins). */
  reconnect?: ReconnectOptions;
  /** Timestamp reconstruction options. */
  clock?: FrameClockOptions;
}

/**
 * Options of {@link PolarH10.acc}.
 *
 * @example
 * ```ts
 * import { requestPolarDevice, polarH10, type PolarAccOptions } from 'scl-wear';
 * const options: PolarAccOptions = { rate: 50, range: 4, unit: 'g' };
 * button.onclick = async () => polarH10(await requestPolarDevice()).acc(options).subscribe((b) => console.log(b.rate, b.data));
 * ```
 */
export interface PolarAccOptions {
  /** Sample rate in Hz: 25, 50, 100 or 200 (default 200). */
  rate?: 25 | 50 | 100 | 200;
  /** Range in g: 2, 4 or 8 (default 8). */
  range?: 2 | 4 | 8;
  /** Output unit (default `m/s^2`). */
  unit?: 'm/s^2' | 'g';
}

/**
 * The measurement streams of a Polar H10 chest strap, over one shared GATT connection.
 *
 * @example
 * ```ts
 * import { requestPolarDevice, polarH10, type PolarH10 } from 'scl-wear';
 * button.onclick = async () => {
 *   const h10: PolarH10 = polarH10(await requestPolarDevice());
 *   h10.ecg().subscribe((b) => console.log(b.data.length, 'samples in mV'));
 *   h10.acc({ rate: 100 }).subscribe((b) => console.log(b.timestamps));
 * };
 * ```
 */
export interface PolarH10 {
  /** ECG: kind `ecg`, channel `ecg` in mV, 130 Hz nominal, one batch per frame (~73 samples). */
  ecg(): Observable<SampleBatch>;
  /**
   * Accelerometer: kind `acc`, channels `ax, ay, az` in m/s² (or g).
   *
   * @throws InputError `E_ARGUMENT` for a rate, range or unit the sensor does not offer
   */
  acc(options?: PolarAccOptions): Observable<SampleBatch>;
  /** The settings the sensor allows for a measurement (connects if needed). */
  settings(measurement: 'ecg' | 'acc'): Promise<PmdSettings>;
  /** The measurements the sensor can stream (connects if needed). */
  features(): Promise<PmdMeasurementName[]>;
  /** Connection state. */
  readonly status$: Observable<LinkStatus>;
}

const ECG_CHANNELS: readonly ChannelInfo[] = [{ name: 'ecg', unit: 'mV' }];
const axes = (unit: 'm/s^2' | 'g'): readonly ChannelInfo[] => ['ax', 'ay', 'az'].map((name) => ({ name, unit }));

/**
 * Polar H10 ECG and accelerometer streams over the Polar Measurement Data service (as
 * published in Polar's open BLE SDK). Each stream starts its measurement on the sensor when
 * subscribed, rebuilds a timestamp per sample from the frame timestamps (see `FrameClock`),
 * survives disconnects (reconnect with backoff; the first batch after carries `gapBefore`,
 * the subscriber stays subscribed), and stops the measurement on the sensor when unsubscribed;
 * the last unsubscription also disconnects. Heart rate and RR: `heartRateSource(device)`.
 *
 * Units: ECG µV → mV; ACC mG → m/s² (× 9.80665e-3) or g. `rate` is the nominal rate; the
 * per-sample `timestamps` carry the sensor's real rate.
 *
 * @param device - a device from `requestPolarDevice()`
 * @param options - reconnection and clock options
 * @returns the streams; errors are SourceErrors: `E_UNAVAILABLE` (no PMD service),
 *   `E_PROTOCOL` (refused settings, bad frame), `E_TIMEOUT`, `E_DISCONNECTED` (retries exhausted)
 * @example
 * ```ts
 * import { requestPolarDevice, polarH10 } from 'scl-wear';
 * button.onclick = async () => {
 *   const h10 = polarH10(await requestPolarDevice());
 *   h10.ecg().subscribe((b) => plot(b.timestamps, b.data));
 * };
 * ```
 */
export function polarH10(device: BleDevice, options: PolarH10Options = {}): PolarH10 {
  const link = BleLink.of(device, options.reconnect);
  const timeout = link.policy.commandTimeoutMs;
  const pmd = (s: GattSession) => s.shared<PmdClient>('pmd', () => openPmdClient(s, timeout));
  const stream = (kind: SensorKind, type: number, selection: PmdSelection, channels: readonly ChannelInfo[], multiplier: number) =>
    frameBatches(
      whileConnected(link, (s) => pmd(s).pipe(switchMap((client) => pmdMeasurement(s, client, type, selection))), `Polar ${kind} stream`),
      kind,
      channels,
      selection.sampleRate as number,
      multiplier,
      options.clock,
    );
  const once = <T>(what: string, body: (c: PmdClient) => Promise<T>): Promise<T> =>
    firstValueFrom(
      link.session$.pipe(
        switchMap((s) => pmd(s).pipe(switchMap(body))),
        take(1),
      ),
    ).catch((err: unknown) => {
      throw toSourceError(err, what);
    });
  return {
    status$: link.status$,
    ecg: () => stream('ecg', PMD_TYPE.ecg, { sampleRate: 130, resolution: 14 }, ECG_CHANNELS, 1e-3),
    acc: (o: PolarAccOptions = {}) => {
      const rate = o.rate ?? 200;
      const range = o.range ?? 8;
      const unit = o.unit ?? 'm/s^2';
      checkArg([25, 50, 100, 200].includes(rate), 'rate', '25, 50, 100 or 200 Hz', rate);
      checkArg([2, 4, 8].includes(range), 'range', '2, 4 or 8 g', range);
      checkArg(unit === 'm/s^2' || unit === 'g', 'unit', "'m/s^2' or 'g'", unit);
      const mult = unit === 'g' ? 1e-3 : 1e-3 * STANDARD_GRAVITY;
      return stream('acc', PMD_TYPE.acc, { sampleRate: rate, resolution: 16, range }, axes(unit), mult);
    },
    settings: (m) =>
      once(`reading ${m} settings`, async (c) => {
        const r = await c.request(PMD_OP.getSettings, PMD_TYPE[m]);
        if (r.status !== 0) throw new SourceError('E_PROTOCOL', `the sensor refused the ${m} settings query: ${r.statusName}`);
        return parsePmdSettings(r.params);
      }),
    features: () => once('reading PMD features', (c) => c.features()),
  };
}

/** Turns decoded frames into numbered, timestamped batches in the output unit. */
function frameBatches(
  frames$: Observable<FromSession<ArrivedFrame>>,
  kind: SensorKind,
  channels: readonly ChannelInfo[],
  nominalRate: number,
  multiplier: number,
  clockOptions: FrameClockOptions | undefined,
): Observable<SampleBatch> {
  return new Observable<SampleBatch>((subscriber) => {
    const clock = new FrameClock(nominalRate, clockOptions);
    const seq = new BatchSequencer();
    let generation: number | undefined;
    return frames$
      .pipe(
        filter(({ value }) => value.frame.length > 0),
        map(({ value: { frame, arrival }, generation: g }) => {
          if (generation !== undefined && g !== generation) clock.reset();
          generation = g;
          const timestamps = new Float64Array(frame.length);
          const sensorSeconds = Number(frame.timestamp) / 1e9 + PMD_EPOCH_UNIX_SECONDS;
          const gap = clock.place(sensorSeconds, frame.length, arrival, timestamps);
          const k = frame.scale * multiplier;
          const data = new Float32Array(frame.raw.length);
          for (let i = 0; i < data.length; i++) data[i] = (frame.raw[i] as number) * k;
          return seq.next({ kind, channels, rate: nominalRate, t0: timestamps[0] as number, data, timestamps }, g, gap);
        }),
      )
      .subscribe(subscriber);
  });
}
