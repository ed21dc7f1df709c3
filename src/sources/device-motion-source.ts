import { Observable } from 'rxjs';
import type { ChannelInfo, SampleBatch } from '../core/batch.js';
import { SourceError } from '../errors.js';
import { eventSeconds } from './clock.js';
import { MotionBatcher, type MotionBatcherOptions } from './motion-batcher.js';

/**
 * Options of {@link deviceMotionSource}.
 *
 * @example
 * ```ts
 * import { deviceMotionSource, type DeviceMotionSourceOptions } from 'scl-wear';
 * const options: DeviceMotionSourceOptions = { batchSeconds: 0.5, gyroscope: false, startTimeoutMs: 5000 };
 * deviceMotionSource(options).subscribe((b) => console.log(b.kind)); // 'acc'
 * ```
 */
export interface DeviceMotionSourceOptions extends MotionBatcherOptions {
  /** Include the gyroscope: `'auto'` (default: when the first event has `rotationRate`), or force. */
  gyroscope?: 'auto' | boolean;
  /** Time to wait for the first event with data before failing, in ms (default 3000). */
  startTimeoutMs?: number;
}

const DEG = Math.PI / 180;
const ACC: readonly ChannelInfo[] = [
  { name: 'ax', unit: 'm/s^2' },
  { name: 'ay', unit: 'm/s^2' },
  { name: 'az', unit: 'm/s^2' },
];
const GYRO: readonly ChannelInfo[] = [
  { name: 'gx', unit: 'rad/s' },
  { name: 'gy', unit: 'rad/s' },
  { name: 'gz', unit: 'rad/s' },
];

/**
 * Phone motion from `devicemotion` events: acceleration including gravity (m/s², device axes:
 * x right, y up the screen, z out of the screen) and, when the device has a gyroscope,
 * rotation rate converted from deg/s to rad/s (gx = beta about x, gy = gamma about y,
 * gz = alpha about z). Kind `imu` (6 channels) or `acc` (3).
 *
 * Batches last `batchSeconds` and carry each event's timestamp; `rate` is the rate measured
 * over the first `warmupSeconds` (the events' own `interval` is not trusted). A pause of the
 * events (page hidden) is marked with `gapBefore`. A later event without rotation data gives
 * NaN gyroscope values (let `validate` hold or flag them). On iOS call
 * `requestMotionPermission()` from a click first.
 *
 * @param options - batching, warm-up, gyroscope choice, start timeout
 * @returns batches; errors: SourceError `E_UNAVAILABLE` (no DeviceMotionEvent, insecure
 *   context, or no event with data within `startTimeoutMs`: no sensor or no permission)
 * @example
 * ```ts
 * import { deviceMotionSource } from 'scl-wear';
 * deviceMotionSource({ batchSeconds: 0.5 }).subscribe((b) => console.log(b.kind, b.rate));
 * ```
 */
export function deviceMotionSource(options: DeviceMotionSourceOptions = {}): Observable<SampleBatch> {
  return new Observable<SampleBatch>((subscriber) => {
    const g = globalThis as { DeviceMotionEvent?: unknown; isSecureContext?: boolean; addEventListener?: typeof addEventListener };
    if (!g.DeviceMotionEvent || !g.addEventListener) {
      subscriber.error(new SourceError('E_UNAVAILABLE', 'this browser has no DeviceMotionEvent'));
      return;
    }
    if (g.isSecureContext === false) {
      subscriber.error(new SourceError('E_UNAVAILABLE', 'motion sensors need a secure context: serve the page over https'));
      return;
    }
    let batcher: MotionBatcher | undefined;
    let gyro = false;
    const values = new Float64Array(6);
    const accOnly = values.subarray(0, 3);
    const timer = setTimeout(() => {
      if (!batcher) {
        subscriber.error(
          new SourceError(
            'E_UNAVAILABLE',
            'no motion data: the device has no motion sensor, or (iOS) requestMotionPermission() was not granted',
            {
              details: { startTimeoutMs: options.startTimeoutMs ?? 3000 },
            },
          ),
        );
      }
    }, options.startTimeoutMs ?? 3000);
    const onMotion = (ev: Event) => {
      const e = ev as DeviceMotionEvent;
      const a = e.accelerationIncludingGravity;
      if (!a || a.x === null || a.y === null || a.z === null) return; // no accelerometer data in this event
      if (!batcher) {
        const r = e.rotationRate;
        gyro = options.gyroscope === 'auto' || options.gyroscope === undefined ? !!r && r.alpha !== null : options.gyroscope;
        batcher = new MotionBatcher(gyro ? 'imu' : 'acc', gyro ? [...ACC, ...GYRO] : ACC, (b) => subscriber.next(b), options);
      }
      values[0] = a.x;
      values[1] = a.y;
      values[2] = a.z;
      if (gyro) {
        const r = e.rotationRate;
        values[3] = r?.beta != null ? r.beta * DEG : NaN;
        values[4] = r?.gamma != null ? r.gamma * DEG : NaN;
        values[5] = r?.alpha != null ? r.alpha * DEG : NaN;
      }
      batcher.push(eventSeconds(e.timeStamp), gyro ? values : accOnly);
    };
    g.addEventListener('devicemotion', onMotion);
    return () => {
      clearTimeout(timer);
      (globalThis as { removeEventListener: typeof removeEventListener }).removeEventListener('devicemotion', onMotion);
    };
  });
}
