// One error class per domain (input, format, model, storage, source, training), branded so
// that `instanceof` holds across bundles, and the classes by name.
import type { FormatErrorCode, InputErrorCode, ModelErrorCode, SourceErrorCode, StorageErrorCode, TrainingErrorCode } from './codes.js';
import { BRAND, SdkError } from './sdk-error.js';

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
  [InputError, 'InputError'],
  [FormatError, 'FormatError'],
  [ModelError, 'ModelError'],
  [StorageError, 'StorageError'],
  [SourceError, 'SourceError'],
  [TrainingError, 'TrainingError'],
] as const) {
  Object.defineProperty(cls, BRAND, { value: name });
  Object.defineProperty(cls.prototype, BRAND, { value: Object.freeze(['SdkError', name]) });
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
