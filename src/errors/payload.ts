// Structured-clone-safe payloads of SDK errors, to carry them across a worker boundary.
import type { SdkErrorCode } from './codes.js';
import { errorClasses } from './domain-errors.js';
import { messageOf } from './helpers.js';
import { SdkError } from './sdk-error.js';

/**
 * A plain, structured-clone-safe description of an {@link SdkError}: class name, code,
 * message, details and stack.
 *
 * @example
 * ```ts
 * import { toErrorPayload, fromErrorPayload, type SdkErrorPayload } from 'scl-wear/advanced';
 * // in the worker:
 * try { await work(); } catch (err) { postMessage({ error: toErrorPayload(err) }); }
 * // on the page:
 * worker.onmessage = (e: MessageEvent<{ error?: SdkErrorPayload }>) => {
 *   if (e.data.error) showError(fromErrorPayload(e.data.error));
 * };
 * ```
 */
export interface SdkErrorPayload {
  name: string;
  code: SdkErrorCode;
  message: string;
  details?: Readonly<Record<string, unknown>>;
  stack?: string;
}

/**
 * Turns an error into a payload that survives `postMessage` with its class and code. A value
 * that is not an {@link SdkError} becomes an `SdkError` with code `E_UNKNOWN` and its original
 * class name (or `typeof` for a non-error) in `details.name`.
 *
 * @param err - any thrown value
 * @example
 * ```ts
 * import { toErrorPayload } from 'scl-wear/advanced';
 * try { await work(); } catch (err) { self.postMessage({ error: toErrorPayload(err) }); }
 * ```
 */
export function toErrorPayload(err: unknown): SdkErrorPayload {
  if (err instanceof SdkError) {
    return { name: err.name, code: err.code as SdkErrorCode, message: err.message, details: err.details, stack: err.stack };
  }
  const name = err instanceof Error ? err.name : typeof err;
  return {
    name: 'SdkError',
    code: 'E_UNKNOWN',
    message: messageOf(err),
    details: { name },
    stack: err instanceof Error ? err.stack : undefined,
  };
}

/**
 * Rebuilds an {@link SdkError} (of the right subclass) from {@link advanced!toErrorPayload}'s output.
 *
 * @param payload - the payload received from another realm
 * @example
 * ```ts
 * import { InputError } from 'scl-wear';
 * import { fromErrorPayload } from 'scl-wear/advanced';
 * worker.onmessage = (e: MessageEvent) => {
 *   const err = fromErrorPayload(e.data.error);
 *   console.log(err instanceof InputError, err.code); // class and code survive postMessage
 * };
 * ```
 */
export function fromErrorPayload(payload: SdkErrorPayload): SdkError {
  const Ctor = Object.hasOwn(errorClasses, payload.name) ? (errorClasses as Record<string, typeof SdkError>)[payload.name]! : SdkError;
  const err = new Ctor(payload.code, payload.message, { details: payload.details });
  if (payload.stack) err.stack = payload.stack;
  return err;
}
