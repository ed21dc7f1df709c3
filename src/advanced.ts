/**
 * scl-wear/advanced: the parts under the capabilities of `scl-wear`, for applications that
 * assemble their own pipeline. Error transfer across workers, recording batchers and the CSV
 * parser, sensor batching and reconnection, the model runtime, worker backends and device
 * probing, model fetching, manifests and window packers, low-level storage (results, runs,
 * checkpoints, sync state, SCLW frames) and the fine-tuning worker API.
 *
 * Browser-safe and free of side effects, like `scl-wear`. These names follow the SDK's
 * internals more closely than the main entry and may change in minor releases.
 *
 * @packageDocumentation
 */
export { toErrorPayload, fromErrorPayload } from './errors.js';
export type { SdkErrorPayload } from './errors.js';
export { installErrorTransfer } from './core/error-transfer.js';

// Recordings and sensors
export { recordingBatch, recordingBatches, framesPerBatch, labelAt } from './sources/recording.js';
export { CsvRecordingParser } from './sources/csv-parse.js';
export { csvLines } from './sources/csv-format.js';
export { ACTIVITIES, ACTIVITY_MODELS } from './sources/imu-activities.js';
export type { ActivityModel } from './sources/imu-activities.js';
export { RateMeter } from './sources/rate-meter.js';
export { MotionBatcher } from './sources/motion-batcher.js';
export type { MotionBatcherOptions } from './sources/motion-batcher.js';
export { hostSeconds } from './sources/clock.js';
export { reconnectPolicy, backoffDelay } from './sources/reconnect.js';
export type { ReconnectPolicy } from './sources/reconnect.js';
export { requestBleDevice } from './sources/ble-request.js';

// Low-level storage
export { SCHEMA_VERSION } from './storage/migrations.js';
export type { WearSchema, ChunkRecord, EmbeddingRecord, PredictionRecord, RunExamplesRecord, MetaRecord } from './storage/schema.js';
export { sessionSource } from './storage/session-source.js';
export { readSclw } from './storage/sclw-frames.js';
export { getSyncState } from './storage/sync.js';
export type { SyncRecord } from './storage/sync.js';
export { parquetBytes } from './formats/parquet-write.js';
export type { ParquetWriteOptions } from './formats/parquet-write.js';
export { edfBytes } from './formats/edf-write.js';
export type { EdfWriteOptions } from './formats/edf-write.js';
export { putEmbeddings, putPredictions, listEmbeddings, listPredictions } from './storage/results.js';
export { getRun } from './storage/runs.js';
export { getCheckpoint, activeCheckpoint } from './storage/checkpoints.js';

// Fine-tuning internals
export { featuresOf, DEFAULT_PARTS } from './finetune/examples.js';
export { DEFAULT_HEAD_CONFIG } from './finetune/trainer.js';
export { collectExamples } from './finetune/collect.js';
export type { CollectOptions, CollectedExamples } from './finetune/collect.js';
export { activeHead } from './finetune/classifier.js';
export { exposeFineTuner, connectFineTuner } from './finetune/worker-api.js';
export type { FineTuner, FineTunerOptions, RemoteFineTuner } from './finetune/worker-api.js';

// Model runtime and workers
export { BatchingEncoder } from './model/batching-encoder.js';
export { ModelRuntime } from './model/runtime.js';
export type { OrtModule, OrtLoader, RuntimeLoadRequest, RuntimeInfo, RunOutput } from './model/runtime.js';
export { exposeModelRuntime } from './model/expose.js';
export type { RemoteRuntime } from './model/expose.js';
export { loadOrtWeb } from './model/ort-web.js';
export { createWorkerBackend } from './model/worker-backend.js';
export type { WorkerHandle, WorkerFactory, WorkerBackendOptions } from './model/worker-backend.js';
export { webWorkerHandle } from './model/web-worker.js';
export { deviceCandidates, runtimeCapabilities, DEVICE_REQUESTS } from './model/device.js';
export type { RuntimeCapabilities } from './model/device.js';
export { PROGRESS_ORDER } from './model/progress.js';
export { sha256Hex, verifyModel, fetchModelBytes, fetchManifest } from './model/fetch-model.js';
export { parseManifest, checkModelEntry, modelEntry } from './model/manifest.js';
export type { ModelManifest } from './model/manifest.js';
export { WindowPacker, unitFactor } from './model/pack.js';
export { modelInput } from './model/model-input.js';
export { encodeWindows } from './model/encode-windows.js';
