import type { Device } from './device.js';

/**
 * A step of loading an encoder, keyed on `status`. Events arrive in this order (some may be
 * missing): `download` (repeated, `loaded` growing) → `verify` → `compile` (once per device
 * tried) → `warmup` (when `auto` measures devices) → `ready` (once).
 *
 * @example
 * ```ts
 * import { createEncoder, type LoadProgress } from 'scl-wear';
 * const show = (e: LoadProgress) => {
 *   if (e.status === 'download' && e.total) bar.value = e.loaded / e.total;
 *   else if (e.status === 'ready') console.log(`ready on ${e.device}: ${e.reason}`);
 * };
 * const encoder = await createEncoder({ model: 'ecg', onProgress: show });
 * ```
 */
export type LoadProgress =
  | { readonly status: 'download'; readonly file: string; readonly loaded: number; readonly total: number | undefined }
  | { readonly status: 'verify'; readonly file: string; readonly sha256: string }
  | { readonly status: 'compile'; readonly device: Device }
  | { readonly status: 'warmup'; readonly device: Device; readonly msPerBatch: number }
  | { readonly status: 'ready'; readonly device: Device; readonly reason: string };

/**
 * Receives {@link LoadProgress} events.
 *
 * @example
 * ```ts
 * import { createEncoder, type ProgressCallback } from 'scl-wear';
 * const log: ProgressCallback = (e) => console.log(e.status);
 * const encoder = await createEncoder({ model: 'imu', onProgress: log });
 * ```
 */
export type ProgressCallback = (event: LoadProgress) => void;

/**
 * Position of each status in the loading order (for monotonicity checks and progress bars).
 *
 * @example
 * ```ts
 * import { createEncoder } from 'scl-wear';
 * import { PROGRESS_ORDER } from 'scl-wear/advanced';
 * await createEncoder({ model: 'imu', onProgress: (e) => (bar.value = PROGRESS_ORDER[e.status] / PROGRESS_ORDER.ready) });
 * ```
 */
export const PROGRESS_ORDER: Readonly<Record<LoadProgress['status'], number>> = Object.freeze({
  download: 0,
  verify: 1,
  compile: 2,
  warmup: 3,
  ready: 4,
});

/**
 * Calls `cb` and swallows what it throws: a broken progress bar must not break loading.
 *
 * @param cb - the callback, if any
 * @param event - the event
 */
export function report(cb: ProgressCallback | undefined, event: LoadProgress): void {
  if (!cb) return;
  try {
    cb(event);
  } catch {
    // progress is advisory
  }
}
