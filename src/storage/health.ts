import { Observable, from, switchMap, timer } from 'rxjs';

/**
 * How full the origin's storage is. Fields are undefined where the browser does not say.
 *
 * @example
 * ```ts
 * import { storageHealth, type StorageHealth } from 'scl-wear';
 * const h: StorageHealth = await storageHealth();
 * if (h.low) console.warn(`storage ${Math.round((h.fraction ?? 1) * 100)} % full; persisted: ${h.persisted}`);
 * ```
 */
export interface StorageHealth {
  /** Bytes used by this origin. */
  readonly usage?: number;
  /** Bytes this origin may use. */
  readonly quota?: number;
  /** `usage / quota`. */
  readonly fraction?: number;
  /** Whether the browser promised not to evict this origin's data. */
  readonly persisted?: boolean;
  /** True when `fraction` ≥ the low mark or free space is under the minimum. */
  readonly low: boolean;
}

/**
 * Thresholds of {@link storageHealth} and {@link watchStorage}.
 *
 * @example
 * ```ts
 * import { watchStorage, type HealthOptions } from 'scl-wear';
 * const options: HealthOptions = { lowFraction: 0.8, minFreeBytes: 200e6 }; // fraction, bytes
 * watchStorage(60_000, options).subscribe((h) => h.low && console.warn('storage low'));
 * ```
 */
export interface HealthOptions {
  /** Fraction of the quota above which storage counts as low; default 0.9. */
  lowFraction?: number;
  /** Free bytes below which storage counts as low; default 50 MB. */
  minFreeBytes?: number;
}

interface StorageManagerLike {
  estimate?: () => Promise<{ usage?: number; quota?: number }>;
  persisted?: () => Promise<boolean>;
  persist?: () => Promise<boolean>;
}

const manager = () => (globalThis as { navigator?: { storage?: StorageManagerLike } }).navigator?.storage;

/**
 * Reads `navigator.storage.estimate()` and `persisted()` once.
 *
 * @param options - what counts as low
 * @example
 * ```ts
 * import { storageHealth } from 'scl-wear';
 * const { usage, quota, low } = await storageHealth();
 * ```
 */
export async function storageHealth(options: HealthOptions = {}): Promise<StorageHealth> {
  const m = manager();
  const est = (await m?.estimate?.().catch(() => undefined)) ?? {};
  const persisted = await m?.persisted?.().catch(() => undefined);
  const { usage, quota } = est;
  const fraction = usage !== undefined && quota ? usage / quota : undefined;
  const low =
    (fraction !== undefined && fraction >= (options.lowFraction ?? 0.9)) ||
    (usage !== undefined && quota !== undefined && quota - usage < (options.minFreeBytes ?? 50e6));
  return {
    ...(usage !== undefined && { usage }),
    ...(quota !== undefined && { quota }),
    ...(fraction !== undefined && { fraction }),
    ...(persisted !== undefined && { persisted }),
    low,
  };
}

/**
 * Asks the browser to keep this origin's data under storage pressure (`navigator.storage.persist()`).
 * Browsers may decide silently (Chromium grants it to installed or engaged sites).
 *
 * @returns whether storage is now persistent (false where the API is missing)
 * @example
 * ```ts
 * import { requestPersistence } from 'scl-wear';
 * if (!(await requestPersistence())) showBackupReminder();
 * ```
 */
export async function requestPersistence(): Promise<boolean> {
  const m = manager();
  if (!m?.persist) return false;
  if (await m.persisted?.().catch(() => false)) return true;
  return m.persist().catch(() => false);
}

/**
 * Watches storage: emits {@link StorageHealth} now and every `intervalMs`, so an app can warn
 * before recording runs into the quota.
 *
 * @param intervalMs - polling period, ms; default 30000
 * @param options - what counts as low
 * @example
 * ```ts
 * import { watchStorage } from 'scl-wear';
 * watchStorage(10_000).subscribe((h) => h.low && warn(`${Math.round(h.fraction! * 100)} % used`));
 * ```
 */
export function watchStorage(intervalMs = 30_000, options: HealthOptions = {}): Observable<StorageHealth> {
  return timer(0, intervalMs).pipe(switchMap(() => from(storageHealth(options))));
}
