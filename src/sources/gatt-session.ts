import { type Observable, shareReplay } from 'rxjs';
import type { BleServer } from './ble-types.js';

/**
 * One live GATT connection of a {@link BleLink}. A reconnect creates a new session with the
 * next `generation`; consumers start their streams again on it.
 */
export class GattSession {
  private alive = true;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly resources = new Map<string, Observable<unknown>>();

  /**
   * @param server - the connected GATT server
   * @param generation - 1 for the first connection, +1 per reconnect
   * @param onLost - called once when a consumer reports the link lost
   * @param onHealthy - called when data flows (resets the retry budget)
   */
  constructor(
    readonly server: BleServer,
    readonly generation: number,
    private readonly onLost: (session: GattSession, err: unknown) => void,
    private readonly onHealthy: (session: GattSession) => void,
  ) {}

  /** Whether this session is still the link's current connection. */
  get isAlive(): boolean {
    return this.alive;
  }

  /**
   * Runs a GATT operation after the ones queued before it (Web Bluetooth rejects overlapping
   * operations on some platforms); a failure does not block the queue.
   *
   * @param op - the operation
   */
  run<T>(op: () => Promise<T>): Promise<T> {
    const p = this.queue.then(op);
    this.queue = p.catch(() => undefined);
    return p;
  }

  /**
   * Resolves once the queue is empty, including operations queued while it drains (release
   * commands that consumers' teardowns queue in later microtasks), or after `capMs`.
   */
  drain(capMs: number): Promise<void> {
    const settle = async () => {
      let q: Promise<unknown>;
      do {
        q = this.queue;
        await q;
        await new Promise((ok) => setTimeout(ok, 0));
      } while (q !== this.queue);
    };
    return Promise.race([settle(), new Promise<void>((ok) => setTimeout(ok, capMs))]);
  }

  /** Reports that an operation found the link broken; the link reconnects. */
  lost(err: unknown): void {
    if (this.alive) this.onLost(this, err);
  }

  /** Reports that data flows on this session. */
  healthy(): void {
    if (this.alive) this.onHealthy(this);
  }

  /** Marks the session dead (after a disconnect or release). */
  kill(): void {
    this.alive = false;
  }

  /**
   * A resource opened once per session and shared by its consumers (e.g. one control point
   * client for ECG and ACC), released when the last one unsubscribes.
   *
   * @param key - resource name
   * @param open - opens the resource; its teardown releases it
   */
  shared<T>(key: string, open: () => Observable<T>): Observable<T> {
    let r = this.resources.get(key) as Observable<T> | undefined;
    if (!r) {
      r = open().pipe(shareReplay({ bufferSize: 1, refCount: true }));
      this.resources.set(key, r);
    }
    return r;
  }
}
