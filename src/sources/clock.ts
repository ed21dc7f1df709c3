/**
 * Host time in seconds since the Unix epoch, from the page's monotonic clock
 * (`performance.timeOrigin + performance.now()`): the time base of every live source, so
 * streams from different sensors line up. Event `timeStamp`s convert with `eventSeconds`.
 *
 * @example
 * ```ts
 * import { hostSeconds } from 'scl-wear/advanced';
 * const t = hostSeconds(); // s since 1970-01-01, same base as the live sources' timestamps
 * console.log(new Date(t * 1000).toISOString());
 * ```
 */
export function hostSeconds(): number {
  return (performance.timeOrigin + performance.now()) / 1000;
}

/**
 * Converts a `DOMHighResTimeStamp` (ms since the time origin, as in `Event.timeStamp` or
 * `Sensor.timestamp`) to host seconds.
 *
 * @param ms - the timestamp in ms
 */
export function eventSeconds(ms: number): number {
  return (performance.timeOrigin + ms) / 1000;
}
