/**
 * Typed errors of the SDK. Every error the SDK raises is an {@link SdkError} with a
 * stable `code`, so applications can branch on `err.code` instead of parsing messages.
 *
 * One subclass per domain: {@link InputError} (bad samples, arguments, rates, shapes),
 * {@link FormatError} (files and byte streams), {@link ModelError} (loading and running
 * encoders), {@link StorageError} (IndexedDB), {@link SourceError} (sensors, Bluetooth) and
 * {@link TrainingError}.
 */

/**
 * Codes of {@link InputError}: bad samples (`E_NAN`, `E_NON_MONOTONIC`,
 * `E_DUPLICATE_TIMESTAMP`, `E_GAP`), bad arguments (`E_ARGUMENT`), rates, shapes, units,
 * overflows and out-of-range values.
 *
 * @example
 * ```ts
 * import { InputError, type InputErrorCode } from 'scl-wear';
 * const timing: readonly InputErrorCode[] = ['E_GAP', 'E_NON_MONOTONIC', 'E_DUPLICATE_TIMESTAMP'];
 * const isTimingProblem = (err: unknown) => err instanceof InputError && timing.includes(err.code);
 * ```
 */
export type InputErrorCode =
  | 'E_ARGUMENT'
  | 'E_NAN'
  | 'E_NON_MONOTONIC'
  | 'E_DUPLICATE_TIMESTAMP'
  | 'E_GAP'
  | 'E_SHAPE'
  | 'E_RATE'
  | 'E_UNIT'
  | 'E_OVERFLOW'
  /** A finite value outside the range an operation can take (e.g. model input beyond ±1e6). */
  | 'E_RANGE';

/**
 * Codes of {@link FormatError}: unreadable syntax, a truncated file, a checksum mismatch, an
 * unsupported variant of a format, or an I/O failure while reading.
 *
 * @example
 * ```ts
 * import { FormatError, type FormatErrorCode } from 'scl-wear';
 * const code: FormatErrorCode | undefined = err instanceof FormatError ? err.code : undefined;
 * if (code === 'E_TRUNCATED') console.warn('the file ends early; re-export it');
 * ```
 */
export type FormatErrorCode = 'E_PARSE' | 'E_TRUNCATED' | 'E_CHECKSUM' | 'E_UNSUPPORTED' | 'E_IO';

/**
 * Codes of {@link ModelError}: a model missing, failing its SHA-256 or its manifest spec, not
 * compiling, an unavailable device, a dead worker, a failed run, or an encoder already closed.
 *
 * @example
 * ```ts
 * import { ModelError, type ModelErrorCode } from 'scl-wear';
 * const fatal: readonly ModelErrorCode[] = ['E_MODEL_HASH', 'E_MODEL_SPEC'];
 * if (err instanceof ModelError && fatal.includes(err.code)) showUpdatePrompt();
 * ```
 */
export type ModelErrorCode =
  'E_MODEL_NOT_FOUND' | 'E_MODEL_HASH' | 'E_MODEL_SPEC' | 'E_MODEL_LOAD' | 'E_DEVICE' | 'E_WORKER' | 'E_INFERENCE' | 'E_CLOSED';

/**
 * Codes of {@link StorageError}: quota full, an IndexedDB failure, a missing record, a
 * forbidden state change, a database version conflict, or a failed upload.
 *
 * @example
 * ```ts
 * import { StorageError, type StorageErrorCode } from 'scl-wear';
 * const code: StorageErrorCode | undefined = err instanceof StorageError ? err.code : undefined;
 * if (code === 'E_QUOTA') askToFreeSpace();
 * ```
 */
export type StorageErrorCode =
  | 'E_QUOTA'
  | 'E_STORAGE'
  | 'E_NOT_FOUND'
  | 'E_STATE'
  | 'E_VERSION'
  /** An upload of sessions to a server failed (network, server error); nothing is marked sent. */
  | 'E_NETWORK';

/**
 * Codes of {@link SourceError}: a sensor API missing, permission refused, a device
 * disconnected, a protocol violation by the device, or no answer in time.
 *
 * @example
 * ```ts
 * import { SourceError, type SourceErrorCode } from 'scl-wear';
 * const code: SourceErrorCode | undefined = err instanceof SourceError ? err.code : undefined;
 * if (code === 'E_PERMISSION') showPermissionHelp();
 * ```
 */
export type SourceErrorCode = 'E_UNAVAILABLE' | 'E_PERMISSION' | 'E_DISCONNECTED' | 'E_PROTOCOL' | 'E_TIMEOUT';

/**
 * Codes of {@link TrainingError}: unusable data, a diverged loss, a bad checkpoint, a failed
 * ONNX export, or a tfjs backend that cannot start.
 *
 * @example
 * ```ts
 * import { TrainingError, type TrainingErrorCode } from 'scl-wear';
 * const code: TrainingErrorCode | undefined = err instanceof TrainingError ? err.code : undefined;
 * if (code === 'E_DATA') console.warn('label a few more windows per class');
 * ```
 */
export type TrainingErrorCode =
  | 'E_DATA'
  | 'E_DIVERGED'
  | 'E_CHECKPOINT'
  | 'E_EXPORT'
  /** The tfjs backend (`wasm` or `cpu`) could not start. */
  | 'E_BACKEND';

/**
 * Every code an {@link SdkError} can carry: the union of the subclasses' codes and `E_UNKNOWN`.
 *
 * @example
 * ```ts
 * import { SdkError, type SdkErrorCode } from 'scl-wear';
 * const messages: Partial<Record<SdkErrorCode, string>> = { E_QUOTA: 'Storage is full', E_PERMISSION: 'Allow motion access' };
 * function explain(err: unknown): string {
 *   if (!(err instanceof SdkError)) return String(err);
 *   const code: SdkErrorCode = err.code;
 *   return messages[code] ?? err.message;
 * }
 * ```
 */
export type SdkErrorCode =
  | InputErrorCode
  | FormatErrorCode
  | ModelErrorCode
  | StorageErrorCode
  | SourceErrorCode
  | TrainingErrorCode
  /**
   * A thrown value that was not an {@link SdkError}, so its meaning is unknown to the SDK
   * (set by {@link advanced!toErrorPayload}; `details.name` keeps the original class name).
   */
  | 'E_UNKNOWN';

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
const BRAND: unique symbol = Symbol.for('scl-wear.error') as never;
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

/**
 * Bad samples or arguments: NaN, timestamps out of order, wrong rate, shape or unit.
 *
 * @example
 * ```ts
 * import { InputError, createBatch } from 'scl-wear';
 * try {
 *   createBatch({ kind: 'ecg', channels: [{ name: 'ecg', unit: 'mV' }], rate: 0, t0: 0, seq: 0, data: new Float32Array(4) });
 * } catch (err) {
 *   if (err instanceof InputError) console.log(err.code); // 'E_RATE'
 * }
 * ```
 */
export class InputError extends SdkError<InputErrorCode> {}

/**
 * A file or byte stream that cannot be read: bad syntax, truncation, checksum mismatch.
 *
 * @example
 * ```ts
 * import { FormatError, parseCsv } from 'scl-wear';
 * try {
 *   parseCsv(text);
 * } catch (err) {
 *   if (err instanceof FormatError) console.warn(`line ${err.details?.line}: ${err.message}`);
 * }
 * ```
 */
export class FormatError extends SdkError<FormatErrorCode> {}

/**
 * A model that cannot be found, verified, loaded or run; a worker that died.
 *
 * @example
 * ```ts
 * import { ModelError, createEncoder } from 'scl-wear';
 * const encoder = await createEncoder({ model: 'imu', device: 'webgpu' }).catch((err) => {
 *   if (err instanceof ModelError && err.code === 'E_DEVICE') return createEncoder({ model: 'imu', device: 'wasm' });
 *   throw err;
 * });
 * ```
 */
export class ModelError extends SdkError<ModelErrorCode> {}

/**
 * IndexedDB failures: quota exceeded, missing records, invalid state transitions.
 *
 * @example
 * ```ts
 * import { StorageError, getSession } from 'scl-wear';
 * const session = await getSession(db, id).catch((err) => {
 *   if (err instanceof StorageError && err.code === 'E_NOT_FOUND') return undefined;
 *   throw err;
 * });
 * ```
 */
export class StorageError extends SdkError<StorageErrorCode> {}

/**
 * Sensor and Bluetooth failures: unavailable API, permission denied, disconnects.
 *
 * @example
 * ```ts
 * import { SourceError, requestMotionPermission } from 'scl-wear';
 * try {
 *   await requestMotionPermission();
 * } catch (err) {
 *   if (err instanceof SourceError && err.code === 'E_PERMISSION') showPermissionHelp();
 * }
 * ```
 */
export class SourceError extends SdkError<SourceErrorCode> {}

/**
 * Training and export failures: missing data, divergence, bad checkpoints.
 *
 * @example
 * ```ts
 * import { TrainingError, fineTune } from 'scl-wear';
 * try {
 *   await fineTune(db, examples, { model: 'imu' });
 * } catch (err) {
 *   if (err instanceof TrainingError && err.code === 'E_DATA') console.warn(err.message); // too few examples
 * }
 * ```
 */
export class TrainingError extends SdkError<TrainingErrorCode> {}

// Names are written out (not taken from `Class.name`) so that minified bundles agree.
for (const [cls, name] of [
  [SdkError, 'SdkError'],
  [InputError, 'InputError'],
  [FormatError, 'FormatError'],
  [ModelError, 'ModelError'],
  [StorageError, 'StorageError'],
  [SourceError, 'SourceError'],
  [TrainingError, 'TrainingError'],
] as const) {
  const names = name === 'SdkError' ? ['SdkError'] : ['SdkError', name];
  Object.defineProperty(cls, BRAND, { value: name });
  Object.defineProperty(cls.prototype, BRAND, { value: Object.freeze(names) });
}

/** The error classes by name, used to rebuild errors that crossed a worker boundary. */
export const errorClasses = {
  SdkError,
  InputError,
  FormatError,
  ModelError,
  StorageError,
  SourceError,
  TrainingError,
} as const;

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
