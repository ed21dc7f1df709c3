/**
 * Host time in seconds since the Unix epoch, from the page's monotonic clock
 * (`performance.timeOrigin + performance.now()`): the time base of every live source, so
 * streams from different sensors line up. Event `timeStamp`s convert with `eventSeconds`.
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
