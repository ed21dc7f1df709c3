// The base class of every SDK error, with the brand that makes `instanceof` hold across the
// package's bundles.
import type { SdkErrorCode } from './codes.js';

/**
 * Options shared by every SDK error: the cause and machine-readable details.
 *
 * @example
 * ```ts
 * import { InputError } from 'scl-wear';
 * throw new InputError('E_ARGUMENT', 'hopSeconds must be positive', { details: { argument: 'hopSeconds' }, cause: err });
 * ```
 */
export interface SdkErrorOptions {
  /** The error that caused this one. */
  cause?: unknown;
  /** Machine-readable context (argument name, sample index, file offset...). */
  details?: Readonly<Record<string, unknown>>;
}

/**
 * Brand shared by every copy of this module (each bundle of the package has its own copy of
 * the classes): instances carry the names of their SDK classes under this registry symbol, and
 * `instanceof` checks the brand, so an error thrown by one entry point is an instance of the
 * classes imported from another.
 */
export const BRAND: unique symbol = Symbol.for('scl-wear.error') as never;
const ownInstanceOf = Function.prototype[Symbol.hasInstance];

/**
 * Base class of every error the SDK raises.
 *
 * `instanceof` holds across the package's entry points (`scl-wear`, `scl-wear/node`, the
 * workers): an error is an instance of `SdkError` and of its subclass whichever bundle created it.
 *
 * @example
 * ```ts
 * import { SdkError } from 'scl-wear';
 * try { await encoder.embed(windows); } catch (err) {
 *   if (err instanceof SdkError && err.code === 'E_DEVICE') fallBackToServer();
 * }
 * ```
 */
export class SdkError<C extends SdkErrorCode = SdkErrorCode> extends Error {
  /** Stable, machine-readable error code. */
  readonly code: C;
  /** Machine-readable context for the error, if any. */
  readonly details: Readonly<Record<string, unknown>> | undefined;

  /**
   * @param code - stable error code
   * @param message - human-readable explanation
   * @param options - cause and details
   */
  constructor(code: C, message: string, options: SdkErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.details = options.details;
  }

  /** True for instances of this class, including those created by another copy of the SDK. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (ownInstanceOf.call(this, value)) return true;
    const mine = Object.hasOwn(this, BRAND) ? (this as unknown as Record<symbol, unknown>)[BRAND] : undefined;
    if (typeof mine !== 'string' || typeof value !== 'object' || value === null) return false;
    const names = (value as Record<symbol, unknown>)[BRAND];
    return Array.isArray(names) && names.includes(mine);
  }
}

// Branded here, not with the subclasses, so that a bundle holding only this class still
// recognises errors of other bundles. The name is written out so that minified bundles agree.
Object.defineProperty(SdkError, BRAND, { value: 'SdkError' });
Object.defineProperty(SdkError.prototype, BRAND, { value: Object.freeze(['SdkError']) });
