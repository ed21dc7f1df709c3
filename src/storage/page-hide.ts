/**
 * Calls `callback` when the page is being hidden or unloaded (`pagehide`, or
 * `visibilitychange` to `hidden`): the last moment a page can start writing what it holds.
 * Does nothing where these events do not exist (Node, workers).
 *
 * @param callback - called on each such event
 * @returns a function that removes the listeners
 */
export function onPageHide(callback: () => void): () => void {
  const g = globalThis as {
    addEventListener?: (type: string, fn: () => void) => void;
    removeEventListener?: (type: string, fn: () => void) => void;
    document?: { visibilityState?: string };
  };
  if (typeof g.addEventListener !== 'function' || !g.document) return () => {};
  const onVisibility = () => {
    if (g.document?.visibilityState === 'hidden') callback();
  };
  g.addEventListener('pagehide', callback);
  g.addEventListener('visibilitychange', onVisibility);
  return () => {
    g.removeEventListener?.('pagehide', callback);
    g.removeEventListener?.('visibilitychange', onVisibility);
  };
}
