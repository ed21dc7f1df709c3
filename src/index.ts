/**
 * scl-wear: on-device wearable signal pipeline (browser-safe entry). The capabilities a user
 * reaches for: sample batches, stream operators, R-peaks and heart rate, recordings and live
 * sources, inference with the shipped encoders, offline storage and fine-tuning.
 *
 * Building blocks live in subpath entries: `scl-wear/dsp` (filters, detectors, rotations),
 * `scl-wear/scl` (the SCL loss, transforms and metrics) and `scl-wear/advanced` (runtime
 * internals, worker plumbing, packers, low-level storage). Node-only parts (file readers, Node
 * encoders) live in `scl-wear/node`, training in `scl-wear/train`.
 *
 * Importing this module has no side effects: browser globals are read inside functions only.
 *
 * @packageDocumentation
 */
export { SdkError, InputError, FormatError, ModelError, StorageError, SourceError, TrainingError } from './errors.js';
export type {
  SdkErrorCode,
  SdkErrorOptions,
  InputErrorCode,
  FormatErrorCode,
  ModelErrorCode,
  StorageErrorCode,
  SourceErrorCode,
  TrainingErrorCode,
} from './errors.js';
export { createBatch, STANDARD_GRAVITY } from './core/batch.js';
export type { SampleBatch, SampleBatchInit, SensorKind, ChannelInfo, Unit } from './core/batch.js';
export type { SampleWindow } from './core/window.js';

// Stream operators
export { validate } from './streams/validate.js';
export type { ValidateOptions, ValidationEvent, ValidationCounts } from './streams/validate.js';
export { iirFilter } from './streams/iir-filter.js';
export type { IirFilterOptions } from './streams/iir-filter.js';
export type { BiquadDesign, FilterSpec } from './dsp/biquad-design.js';
export { resample } from './streams/resample.js';
export type { ResamplerOptions } from './dsp/resample-kernel.js';
export { separateGravity } from './streams/separate-gravity.js';
export type { SeparateGravityOptions } from './streams/separate-gravity.js';
export type { GravityOptions } from './dsp/gravity.js';
export { slidingWindow } from './streams/sliding-window.js';
export { normalize } from './streams/normalize.js';
export type { NormalizeOptions } from './streams/normalize.js';
export { alignStreams } from './streams/align-streams.js';
export type { AlignStreamsOptions, AlignedPair } from './streams/align-streams.js';
export { boundedBuffer } from './streams/bounded-buffer.js';
export type { BoundedBufferOptions } from './streams/bounded-buffer.js';
export { rpeaks } from './streams/rpeaks.js';
export type { RPeak, RPeaksOptions } from './streams/rpeaks.js';
export { rrIntervals } from './streams/rr-intervals.js';
export type { RRInterval, RRKind } from './dsp/rr-intervals.js';
export { heartRate } from './streams/heart-rate.js';
export type { HeartRateOptions } from './streams/heart-rate.js';
export type { HeartRate } from './dsp/heart-rate.js';
export { hrv } from './streams/hrv.js';
export type { HrvSummary } from './dsp/hrv.js';
export type { HrvWindowOptions } from './dsp/hrv-window.js';
export { signalQuality } from './streams/signal-quality.js';
export type { EcgQualityWindow, SignalQualityOptions } from './streams/signal-quality.js';
export type { EcgQuality, EcgQualityFlag } from './dsp/ecg-quality.js';

// ECG
export { detectRPeaks } from './dsp/detect-rpeaks.js';

// Recordings
export { createRecording } from './sources/recording.js';
export type { Recording, RecordingInit, RecordedStream, LabelSegment, BatchingOptions } from './sources/recording.js';
export { parseCsv } from './sources/csv-parse.js';
export type { CsvReadOptions } from './sources/csv-parse.js';
export type { AccUnit } from './sources/csv-header.js';
export { formatCsv } from './sources/csv-format.js';
export type { CsvWriteOptions } from './sources/csv-format.js';
export { replay } from './sources/replay.js';
export type { ReplayOptions } from './sources/replay.js';
export { simulateEcg } from './sources/ecg-sim.js';
export type { EcgSimOptions, EcgSimulation } from './sources/ecg-sim.js';
export { simulateImu } from './sources/imu-sim.js';
export type { ImuSimOptions, ImuSimulation, ImuSegment } from './sources/imu-sim.js';
export type { Activity } from './sources/imu-activities.js';
export { estimateRate } from './sources/rate-estimate.js';

// Live sources
export { heartRateSource } from './sources/heart-rate-source.js';
export type { HeartRateSource, HeartRateSourceOptions, HeartRateReading } from './sources/heart-rate-source.js';
export type { HeartRateMeasurement } from './sources/heart-rate-format.js';
export type { RRTimelineOptions } from './sources/rr-timeline.js';
export { polarH10 } from './sources/polar-h10.js';
export type { PolarH10, PolarH10Options, PolarAccOptions } from './sources/polar-h10.js';
export type { PmdMeasurementName } from './sources/pmd-control-format.js';
export type { PmdSettings } from './sources/pmd-settings.js';
export type { FrameClockOptions } from './sources/pmd-clock.js';
export { requestHeartRateDevice, requestPolarDevice } from './sources/ble-request.js';
export type { BleDevice, BleServer, BleService, BleCharacteristic, BleRequestOptions } from './sources/ble-types.js';
export type { LinkStatus } from './sources/ble-link.js';
export type { ReconnectOptions } from './sources/reconnect.js';
export { deviceMotionSource } from './sources/device-motion-source.js';
export type { DeviceMotionSourceOptions } from './sources/device-motion-source.js';
export { requestMotionPermission } from './sources/motion-permission.js';
export { accelerometerSource, gyroscopeSource, genericSensorSupport } from './sources/generic-sensor-source.js';
export type { GenericSensorOptions } from './sources/generic-sensor-source.js';

// Inference
export { createEncoder } from './model/create-encoder.js';
export type { EncoderOptions, ModelSource, EncoderPlatform } from './model/create-encoder.js';
export type { Encoder, EmbeddingResult, ClassResult, InferenceBackend, BatchOptions } from './model/encoder.js';
export type { WorkerHandle } from './model/worker-backend.js';
export type { ModelEntry, InputLayout, DimRange, Preprocessing } from './model/manifest.js';
export { embed } from './model/embed.js';
export type { EmbedOptions } from './model/embed.js';
export { classify } from './model/classify.js';
export type { ClassifyOptions } from './model/classify.js';
export type { ModelInputOptions } from './model/model-input.js';
export type { Placement } from './model/self-calibration.js';
export { calibrateOrientation } from './scl/calibration.js';
export type { CalibrationOptions, OrientationCalibration } from './scl/calibration.js';
export type { WindowShape } from './scl/transforms.js';
export { ClassSmoother } from './model/smoothing.js';
export type { SmoothingOptions } from './model/smoothing.js';
export { checkDevice } from './model/device.js';
export type { Device, DeviceRequest } from './model/device.js';
export type { LoadProgress, ProgressCallback } from './model/progress.js';

// Storage
export { openWearDb, deleteWearDb } from './storage/open.js';
export type { OpenWearDbOptions } from './storage/open.js';
export type { SessionRecord, SessionStatus, StreamInfo, LabelRecord, RunRecord, RunStatus, CheckpointRecord } from './storage/schema.js';
export type { WearDb } from './storage/wear-db.js';
export { createSession, getSession, listSessions, updateSession, deleteSession } from './storage/sessions.js';
export type { SessionInit, SessionEdit } from './storage/sessions.js';
export { addLabel, updateLabel, removeLabel, listLabels } from './storage/labels.js';
export type { LabelInit, LabelEdit } from './storage/labels.js';
export { recordSession } from './storage/record-session.js';
export type { RecordOptions, RecordingProgress } from './storage/record-session.js';
export { recoverSessions } from './storage/recover.js';
export type { RecoverOptions } from './storage/recover.js';
export { replaySession } from './storage/replay-session.js';
export type { ReplaySessionOptions } from './storage/replay-session.js';
export { exportSession } from './storage/export-session.js';
export type { ExportOptions, TransferProgress } from './storage/export-session.js';
export { importSession } from './storage/import-session.js';
export type { ImportOptions } from './storage/import-session.js';
export type { ByteSource } from './storage/byte-source.js';
export { exportSessionCsv } from './storage/csv.js';
export type { CsvOptions } from './storage/csv.js';
export { exportSessionParquet, exportSessionEdf, importFrames } from './storage/export-formats.js';
export type { FormatExportOptions } from './storage/export-formats.js';
export { syncSessions } from './storage/sync.js';
export type { SyncOptions, SyncProgress, SyncResult } from './storage/sync.js';
export { applyRetention } from './storage/retention.js';
export type { RetentionPolicy } from './storage/retention.js';
export { storageHealth, requestPersistence, watchStorage } from './storage/health.js';
export type { StorageHealth, HealthOptions } from './storage/health.js';
export { readParquet } from './formats/parquet-read.js';
export { readEdf } from './formats/edf-read.js';
export type { FrameSource, FrameChunk, FrameLabel, FrameSession, FrameProgress } from './formats/frames.js';
export type { RandomAccessBytes, AsyncBytes } from './formats/random-access.js';

// Fine-tuning
export { fineTune, resumeRuns } from './finetune/run.js';
export type {
  FineTuneConfig,
  FineTuneOptions,
  FineTuneProgress,
  FineTuneResult,
  CheckpointMetrics,
  HeadParams,
  ResolvedConfig,
} from './finetune/types.js';
export type { FineTuneExamples, FeatureParts } from './finetune/examples.js';
export type { HeadConfig, EpochMetrics } from './finetune/trainer.js';
export type { HeadShape } from './finetune/head.js';
export { headClassifier } from './finetune/classifier.js';
export type { HeadClassifier, HeadPrediction } from './finetune/classifier.js';
export { listRuns } from './storage/runs.js';
export { listCheckpoints, activateCheckpoint, rollbackCheckpoint } from './storage/checkpoints.js';
