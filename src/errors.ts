/**
 * Typed errors of the SDK. Every error the SDK raises is an {@link SdkError} with a
 * stable `code`, so applications can branch on `err.code` instead of parsing messages.
 *
 * One subclass per domain: {@link InputError} (bad samples, arguments, rates, shapes),
 * {@link FormatError} (files and byte streams), {@link ModelError} (loading and running
 * encoders), {@link StorageError} (IndexedDB), {@link SourceError} (sensors, Bluetooth) and
 * {@link TrainingError}.
 */

export type {
  InputErrorCode,
  FormatErrorCode,
  ModelErrorCode,
  StorageErrorCode,
  SourceErrorCode,
  TrainingErrorCode,
  SdkErrorCode,
} from './errors/codes.js';
export { SdkError, type SdkErrorOptions } from './errors/sdk-error.js';
export { InputError, FormatError, ModelError, StorageError, SourceError, TrainingError, errorClasses } from './errors/domain-errors.js';
export { toErrorPayload, fromErrorPayload, type SdkErrorPayload } from './errors/payload.js';
export { messageOf, checkArg } from './errors/helpers.js';
