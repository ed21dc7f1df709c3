// The error codes of the SDK, one union per domain, and their union SdkErrorCode.

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
