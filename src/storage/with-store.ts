import { messageOf, SdkError, StorageError } from '../errors.js';

/**
 * Turns an IndexedDB failure into a {@link StorageError}: `QuotaExceededError` becomes
 * `E_QUOTA`, everything else `E_STORAGE`, with the step in `details.step`. SDK errors pass
 * through unchanged.
 *
 * @param err - the caught value
 * @param op - what was being done, for the message
 */
export function toStorageError(err: unknown, op: string): Error {
  if (err instanceof SdkError) return err;
  const name = err instanceof Error || (typeof DOMException !== 'undefined' && err instanceof DOMException) ? (err as Error).name : '';
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- any thrown value; String() is how its message is read
  const message = String((err as { message?: unknown } | null)?.message ?? '');
  if (name === 'QuotaExceededError' || /quota/i.test(message)) {
    return new StorageError('E_QUOTA', `storage quota exceeded during ${op}`, { cause: err, details: { step: op } });
  }
  return new StorageError('E_STORAGE', `IndexedDB failed during ${op}: ${messageOf(err)}`, { cause: err, details: { step: op } });
}

/**
 * Runs one IndexedDB step (usually one transaction) and turns its failures into a typed
 * {@link StorageError}: `QuotaExceededError` becomes `E_QUOTA`, any other idb or `DOMException`
 * failure `E_STORAGE`, both naming the step in the message and in `details.step`. SDK errors
 * thrown inside the step (e.g. `E_STATE`, `E_NOT_FOUND`) pass through unchanged.
 *
 * Internal to the storage layer: the package entries do not export it.
 *
 * @param step - what is being done, e.g. `'create session'`
 * @param fn - the step; its result is returned
 * @returns what `fn` resolves to
 * @throws StorageError `E_QUOTA`, `E_STORAGE`
 * @example
 * ```ts
 * const s = await withStore('read session', () => idbOf(db).get('sessions', id));
 * ```
 */
export async function withStore<T>(step: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toStorageError(err, step);
  }
}
