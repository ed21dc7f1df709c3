/**
 * Records keyed by names that come from outside data (stream names in a session file, for
 * instance). A plain object inherits `__proto__`, `constructor`, `toString`...: reading such a
 * key finds the inherited member and assigning `__proto__` replaces the prototype. These helpers
 * only ever see and write the record's own properties.
 */

/**
 * The record's own value under `key`, or undefined (never an inherited member).
 *
 * @param record - a record keyed by outside names
 * @param key - the name
 */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * Stores `value` as the record's own, enumerable property `key` (also for `__proto__`).
 *
 * @param record - a record keyed by outside names
 * @param key - the name
 * @param value - the value to store
 * @returns the value
 */
export function setOwn<T>(record: Record<string, T>, key: string, value: T): T {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  return value;
}
