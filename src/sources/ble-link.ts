import { BehaviorSubject, Observable, share, ReplaySubject } from 'rxjs';
import { SourceError } from '../errors.js';
import { toSourceError, withTimeout } from './ble-errors.js';
import type { BleDevice } from './ble-types.js';
import { GattSession } from './gatt-session.js';
import { backoffDelay, reconnectPolicy, type ReconnectOptions, type ReconnectPolicy } from './reconnect.js';

/**
 * Connection state of a Bluetooth device, for status displays.
 *
 * @example
 * ```ts
 * import { requestPolarDevice, polarH10 } from 'scl-wear';
 * button.onclick = async () => {
 *   const polar = polarH10(await requestPolarDevice());
 *   // each emission of status$ is a LinkStatus
 *   polar.status$.subscribe((s) => (statusText.textContent = s.state === 'reconnecting' ? `retry ${s.attempt}` : s.state));
 * };
 * ```
 */
export interface LinkStatus {
  /** `idle` before use or after release; `failed` once retries are exhausted. */
  readonly state: 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'failed';
  /** Reconnection attempt (0 when connected or connecting for the first time). */
  readonly attempt: number;
  /** Connections made so far. */
  readonly generation: number;
  /** The last failure, if any. */
  readonly error?: SourceError;
}

const links = new WeakMap<BleDevice, BleLink>();

/**
 * The GATT connection of one device, shared by every source reading from it (heart rate, ECG,
 * ACC): connected on first subscription, reconnected with exponential backoff when it drops,
 * released (streams stopped by the consumers' teardowns, then GATT disconnected) when the last
 * subscriber leaves.
 */
export class BleLink {
  /** Connection state changes. */
  readonly status$ = new BehaviorSubject<LinkStatus>({ state: 'idle', attempt: 0, generation: 0 });
  /** The current session; a new one after each reconnect; errors E_DISCONNECTED when retries run out. */
  readonly session$: Observable<GattSession>;
  /** The reconnection policy. */
  readonly policy: ReconnectPolicy;

  /**
   * The link of a device; every source on the same device gets the same link, with the
   * options of the first call.
   *
   * @param device - the chosen device
   * @param options - reconnection policy (first call only)
   */
  static of(device: BleDevice, options?: ReconnectOptions): BleLink {
    let link = links.get(device);
    if (!link) {
      link = new BleLink(device, reconnectPolicy(options));
      links.set(device, link);
    }
    return link;
  }

  private constructor(
    private readonly device: BleDevice,
    policy: ReconnectPolicy,
  ) {
    this.policy = policy;
    this.session$ = this.open().pipe(
      share({ connector: () => new ReplaySubject<GattSession>(1), resetOnError: true, resetOnComplete: true, resetOnRefCountZero: true }),
    );
  }

  private open(): Observable<GattSession> {
    return new Observable<GattSession>((subscriber) => {
      const { device, policy } = this;
      const gatt = device.gatt;
      if (!gatt) {
        subscriber.error(new SourceError('E_UNAVAILABLE', `device ${device.name ?? device.id} has no GATT server`));
        return;
      }
      let closed = false;
      let failures = 0;
      let generation = 0;
      let timer: ReturnType<typeof setTimeout> | undefined;
      let current: GattSession | undefined;
      const setStatus = (s: Omit<LinkStatus, 'generation'>) => this.status$.next({ ...s, generation });

      const fail = (err: SourceError) => {
        if (closed) return;
        const dead = current;
        current = undefined;
        dead?.kill();
        if (gatt.connected) gatt.disconnect();
        failures++;
        if (failures > policy.retries) {
          const e = new SourceError(
            'E_DISCONNECTED',
            `lost ${device.name ?? 'the device'} and ${policy.retries} reconnection attempt(s) failed: ${err.message}`,
            {
              cause: err,
              details: { attempts: failures - 1, last: err.code },
            },
          );
          setStatus({ state: 'failed', attempt: failures - 1, error: e });
          subscriber.error(e);
          return;
        }
        setStatus({ state: 'reconnecting', attempt: failures, error: err });
        timer = setTimeout(() => void attempt(), backoffDelay(failures, policy));
      };
      const attempt = async () => {
        if (closed) return;
        if (generation === 0 && failures === 0) setStatus({ state: 'connecting', attempt: 0 });
        try {
          const server = await withTimeout(gatt.connect(), policy.connectTimeoutMs, 'connecting over GATT');
          if (closed) {
            gatt.disconnect();
            return;
          }
          generation++;
          current = new GattSession(
            server,
            generation,
            (s, err) => s === current && fail(toSourceError(err, 'GATT operation')),
            (s) => {
              if (s === current) failures = 0;
            },
          );
          setStatus({ state: 'connected', attempt: 0 });
          subscriber.next(current);
        } catch (err) {
          fail(toSourceError(err, 'connecting over GATT'));
        }
      };
      const onDisconnected = () => {
        if (current) fail(new SourceError('E_DISCONNECTED', `${device.name ?? 'the device'} disconnected`));
      };
      device.addEventListener('gattserverdisconnected', onDisconnected);
      void attempt();
      return () => {
        closed = true;
        clearTimeout(timer);
        device.removeEventListener('gattserverdisconnected', onDisconnected);
        const last = current;
        current = undefined;
        this.status$.next({ state: 'idle', attempt: 0, generation });
        // Disconnect once the release commands queued by the consumers' teardowns have run.
        const drained = last ? last.drain(policy.commandTimeoutMs) : Promise.resolve();
        void drained.then(() => {
          last?.kill();
          if (gatt.connected) gatt.disconnect();
        });
      };
    });
  }
}
