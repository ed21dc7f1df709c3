/**
 * Wraps a callback so that only its first call goes through; later calls are ignored. Used where
 * several events (a worker's `error` and `exit`) report the same ending.
 *
 * @example
 * ```ts
 * const died = once((why: string) => console.log(why));
 * died('exited with code 1');
 * died('exited again'); // ignored
 * ```
 */
export function once<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void {
  let fired = false;
  return (...args: A) => {
    if (fired) return;
    fired = true;
    fn(...args);
  };
}
