import type { Device } from './device.js';

/**
 * A step of loading an encoder, keyed on `status`. Events arrive in this order (some may be
 * missing): `download` (repeated, `loaded` growing) → `verify` → `compile` (once per device
 * tried) → `warmup` (when `auto` measures devices) → `ready` (once).
 */
export type LoadProgress =
  | { readonly status: 'download'; readonly file: string; readonly loaded: number; readonly total: number | undefined }
  | { readonly status: 'verify'; readonly file: string; readonly sha256: string }
  | { readonly status: 'compile'; readonly device: Device }
  | { readonly status: 'warmup'; readonly device: Device; readonly msPerBatch: number }
  | { readonly status: 'ready'; readonly device: Device; readonly reason: string };

/** Receives {@link LoadProgress} events. */
export type ProgressCallback = (event: LoadProgress) => void;

/** Position of each status in the loading order (for monotonicity checks and progress bars). */
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
