import { Observable } from 'rxjs';
import type { ChannelInfo, SampleBatch, SensorKind } from '../core/batch.js';
import { checkArg, SourceError } from '../errors.js';
import { toSourceError } from './ble-errors.js';
import { eventSeconds } from './clock.js';
import { MotionBatcher, type MotionBatcherOptions } from './motion-batcher.js';

/**
 * Options of {@link accelerometerSource} and {@link gyroscopeSource}.
 *
 * @example
 * ```ts
 * import { accelerometerSource, type GenericSensorOptions } from 'scl-wear';
 * const options: GenericSensorOptions = { frequency: 100, referenceFrame: 'screen', batchSeconds: 0.5 };
 * accelerometerSource(options).subscribe((b) => console.log(b.rate)); // measured Hz
 * ```
 */
export interface GenericSensorOptions extends MotionBatcherOptions {
  /** Requested sampling frequency in Hz (default 60); the measured rate is what batches carry. */
  frequency?: number;
  /** Axes relative to the device (default) or to the screen orientation. */
  referenceFrame?: 'device' | 'screen';
}

/** A Generic Sensor API reading sensor (`Accelerometer`, `Gyroscope`). */
interface Sensor3 extends EventTarget {
  readonly x?: number | null;
  readonly y?: number | null;
  readonly z?: number | null;
  readonly timestamp?: number | null;
  start(): void;
  stop(): void;
}
type SensorClass = new (options: { frequency: number; referenceFrame: string }) => Sensor3;

/**
 * Whether the Generic Sensor API classes exist in this browser (Chromium on Android; not
 * Safari or Firefox). Existence does not mean a sensor is present or permitted.
 *
 * @example
 * ```ts
 * import { genericSensorSupport, accelerometerSource, deviceMotionSource } from 'scl-wear';
 * const acc$ = genericSensorSupport().accelerometer ? accelerometerSource() : deviceMotionSource();
 * ```
 */
export function genericSensorSupport(): { accelerometer: boolean; gyroscope: boolean } {
  const g = globalThis as Record<string, unknown>;
  return { accelerometer: typeof g.Accelerometer === 'function', gyroscope: typeof g.Gyroscope === 'function' };
}

/**
 * Accelerometer (including gravity) via the Generic Sensor API: kind `acc`, channels
 * `ax, ay, az` in m/s², batches of `batchSeconds` with each reading's timestamp and the
 * measured rate.
 *
 * @param options - frequency, reference frame, batching
 * @returns batches; errors: SourceError `E_UNAVAILABLE` (no API or no sensor),
 *   `E_PERMISSION` (denied by the user or by a permissions policy)
 * @throws InputError `E_ARGUMENT` for a frequency that is not a positive number of Hz
 * @example
 * ```ts
 * import { accelerometerSource } from 'scl-wear';
 * accelerometerSource({ frequency: 100 }).subscribe((b) => console.log(b.rate));
 * ```
 */
export function accelerometerSource(options: GenericSensorOptions = {}): Observable<SampleBatch> {
  return sensorSource('Accelerometer', 'acc', 'm/s^2', 'a', options);
}

/**
 * Gyroscope via the Generic Sensor API: kind `gyro`, channels `gx, gy, gz` in rad/s.
 *
 * @param options - frequency, reference frame, batching
 * @returns batches; errors: SourceError `E_UNAVAILABLE`, `E_PERMISSION`
 * @throws InputError `E_ARGUMENT` for a frequency that is not a positive number of Hz
 * @example
 * ```ts
 * import { gyroscopeSource } from 'scl-wear';
 * gyroscopeSource().subscribe((b) => console.log(b.data));
 * ```
 */
export function gyroscopeSource(options: GenericSensorOptions = {}): Observable<SampleBatch> {
  return sensorSource('Gyroscope', 'gyro', 'rad/s', 'g', options);
}

function sensorSource(
  className: 'Accelerometer' | 'Gyroscope',
  kind: SensorKind,
  unit: 'm/s^2' | 'rad/s',
  prefix: string,
  options: GenericSensorOptions,
): Observable<SampleBatch> {
  const frequency = options.frequency ?? 60;
  checkArg(Number.isFinite(frequency) && frequency > 0, 'frequency', 'a positive number of Hz', frequency);
  const channels: ChannelInfo[] = ['x', 'y', 'z'].map((axis) => ({ name: prefix + axis, unit }));
  return new Observable<SampleBatch>((subscriber) => {
    const Ctor = (globalThis as Record<string, unknown>)[className] as SensorClass | undefined;
    if (typeof Ctor !== 'function') {
      subscriber.error(new SourceError('E_UNAVAILABLE', `this browser has no ${className} (Generic Sensor API: Chromium only)`));
      return;
    }
    let sensor: Sensor3;
    try {
      sensor = new Ctor({ frequency, referenceFrame: options.referenceFrame ?? 'device' });
    } catch (err) {
      subscriber.error(sensorError(err, className));
      return;
    }
    const batcher = new MotionBatcher(kind, channels, (b) => subscriber.next(b), options);
    const values = new Float64Array(3);
    const onReading = () => {
      const { x, y, z, timestamp } = sensor;
      if (x == null || y == null || z == null || timestamp == null) return;
      values[0] = x;
      values[1] = y;
      values[2] = z;
      batcher.push(eventSeconds(timestamp), values);
    };
    const onError = (ev: Event) => subscriber.error(sensorError((ev as Event & { error?: unknown }).error, className));
    sensor.addEventListener('reading', onReading);
    sensor.addEventListener('error', onError);
    sensor.start();
    return () => {
      sensor.removeEventListener('reading', onReading);
      sensor.removeEventListener('error', onError);
      sensor.stop();
    };
  });
}

/** NotReadableError (no sensor) and unknown failures → E_UNAVAILABLE; denials → E_PERMISSION. */
function sensorError(err: unknown, className: string): SourceError {
  const e = toSourceError(err, className);
  return e.code === 'E_PERMISSION' ? e : new SourceError('E_UNAVAILABLE', e.message, { cause: err, details: e.details });
}
