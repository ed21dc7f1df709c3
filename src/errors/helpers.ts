// Helpers the SDK's modules share to raise errors: the message of a thrown value and argument checks.
import { InputError } from './domain-errors.js';

/**
 * The message of a thrown value: `err.message` for an `Error` or any object with a string
 * `message` (e.g. a `DOMException`), the string form of anything else (a thrown string or
 * number), so error texts never read "undefined".
 * Internal to the SDK: the package entries do not export it.
 *
 * @param err - any thrown value
 * @returns the message to quote in a new error
 * @example
 * ```ts
 * try { readFileSync(path); } catch (err) { console.warn(`cannot read ${path}: ${messageOf(err)}`); }
 * ```
 */
export function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  // DOMException is not an Error subclass in every engine; idb and tus reject with such objects.
  const message = typeof err === 'object' && err !== null ? (err as { message?: unknown }).message : undefined;
  return typeof message === 'string' ? message : String(err);
}

/**
 * Throws an {@link InputError} `E_ARGUMENT` naming the argument unless `ok` holds.
 *
 * @param ok - the condition that must hold
 * @param name - the argument's name
 * @param expected - what was expected, e.g. `"a positive number of Hz"`
 * @param got - the value received
 * @throws InputError `E_ARGUMENT` naming `name` and what was `expected` when `ok` is false
 */
export function checkArg(ok: boolean, name: string, expected: string, got: unknown): asserts ok {
  if (!ok) {
    throw new InputError('E_ARGUMENT', `${name} must be ${expected}; got ${describe(got)}`, {
      details: { argument: name, expected },
    });
  }
}

function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (ArrayBuffer.isView(v)) return `${v.constructor.name}(${(v as unknown as ArrayLike<number>).length})`;
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
