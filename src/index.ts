/**
 * scl-wear: on-device wearable signal pipeline (browser-safe entry).
 *
 * Importing this module has no side effects: browser globals are read inside functions only.
 * Node-only parts (file readers, training, CLI) live in `scl-wear/node`.
 *
 * @packageDocumentation
 */
export {
  SdkError,
  InputError,
  FormatError,
  ModelError,
  StorageError,
  SourceError,
  TrainingError,
  toErrorPayload,
  fromErrorPayload,
} from './errors.js';
export type {
  SdkErrorCode,
  SdkErrorOptions,
  SdkErrorPayload,
  InputErrorCode,
  FormatErrorCode,
  ModelErrorCode,
  StorageErrorCode,
  SourceErrorCode,
  TrainingErrorCode,
} from './errors.js';
export { createBatch, frameTime, batchEnd, channelOf, STANDARD_GRAVITY } from './core/batch.js';
export type { SampleBatch, SampleBatchInit, SensorKind, ChannelInfo, Unit } from './core/batch.js';
export { windowEnd } from './core/window.js';
export type { SampleWindow } from './core/window.js';
export { sclLoss } from './scl/loss.js';
export type { SclDims, SclLossOptions, SclLossResult } from './scl/loss.js';
export { createRng } from './core/random.js';
export type { Rng } from './core/random.js';
export {
  quaternionToMatrix,
  randomQuaternion,
  randomRotation,
  randomRotationAbout,
  axisAngleRotation,
  rotationAngle,
  rotationBetween,
  composeRotations,
  invertRotation,
} from './core/rotation.js';
export type { Mat3 } from './core/rotation.js';
export { rotateWindow, rotateWindows, randomRotations, cutShifted } from './scl/transforms.js';
export type { WindowShape } from './scl/transforms.js';
export { cycleLength, drawCycleShift, shiftGrid } from './scl/cycle.js';
export { cosineSimilarity, latentSlice, phaseSimilarity, retrievalTop1 } from './scl/metrics.js';
export type { DimSlice, PhaseSimilarity } from './scl/metrics.js';
export { accuracy, confusionMatrix, toActivityGroups, rotationConsistency, ACTIVITY_GROUPS } from './scl/classification.js';
export type { RotationConsistency } from './scl/classification.js';
export { linearProbe, linearProbeAccuracy, pairFeatures } from './scl/probe.js';
export type { ProbeData, ProbeResult } from './scl/probe.js';
export { calibrateOrientation } from './scl/calibration.js';
export type { CalibrationOptions, OrientationCalibration } from './scl/calibration.js';
export { POSTURE_TILT, POSTURES, postureFromTilt, WalkingVertical } from './model/self-calibration.js';
export type { Placement } from './model/self-calibration.js';
export { createRecording, recordingBatch, recordingBatches, framesPerBatch, labelAt } from './sources/recording.js';
export type { Recording, RecordingInit, RecordedStream, LabelSegment, BatchingOptions } from './sources/recording.js';
export { parseCsv, CsvRecordingParser } from './sources/csv-parse.js';
export type { CsvReadOptions } from './sources/csv-parse.js';
export type { AccUnit } from './sources/csv-header.js';
export { csvLines, formatCsv } from './sources/csv-format.js';
export type { CsvWriteOptions } from './sources/csv-format.js';
export { estimateRate } from './sources/rate-estimate.js';
export { replay } from './sources/replay.js';
export type { ReplayOptions } from './sources/replay.js';
export { simulateEcg } from './sources/ecg-sim.js';
export type { EcgSimOptions, EcgSimulation } from './sources/ecg-sim.js';
export { simulateImu } from './sources/imu-sim.js';
export type { ImuSimOptions, ImuSimulation, ImuSegment } from './sources/imu-sim.js';
export { ACTIVITIES, ACTIVITY_MODELS } from './sources/imu-activities.js';
export type { Activity, ActivityModel } from './sources/imu-activities.js';
export {
  designLowpass,
  designHighpass,
  designBandpass,
  designNotch,
  designFilter,
  chainDesigns,
} from './dsp/biquad-design.js';
export type { BiquadDesign, FilterSpec } from './dsp/biquad-design.js';
export { BiquadCascade } from './dsp/biquad-cascade.js';
export { Resampler } from './dsp/resampler.js';
export type { ResamplerOptions } from './dsp/resample-kernel.js';
export { GravitySeparator } from './dsp/gravity.js';
export type { GravityOptions } from './dsp/gravity.js';
export { RunningStats, standardize } from './dsp/running-stats.js';
export { FrameRing } from './dsp/frame-ring.js';
export { validate } from './streams/validate.js';
export type { ValidateOptions, ValidationEvent, ValidationCounts } from './streams/validate.js';
export { iirFilter } from './streams/iir-filter.js';
export type { IirFilterOptions } from './streams/iir-filter.js';
export { resample } from './streams/resample.js';
export { separateGravity } from './streams/separate-gravity.js';
export type { SeparateGravityOptions } from './streams/separate-gravity.js';
export { slidingWindow } from './streams/sliding-window.js';
export { normalize } from './streams/normalize.js';
export type { NormalizeOptions } from './streams/normalize.js';
export { alignStreams } from './streams/align-streams.js';
export type { AlignStreamsOptions, AlignedPair } from './streams/align-streams.js';
export { boundedBuffer } from './streams/bounded-buffer.js';
export type { BoundedBufferOptions } from './streams/bounded-buffer.js';
export { parseHeartRateMeasurement, HEART_RATE_SERVICE, HEART_RATE_MEASUREMENT } from './sources/heart-rate-format.js';
export type { HeartRateMeasurement } from './sources/heart-rate-format.js';
export {
  PMD_SERVICE,
  PMD_CONTROL,
  PMD_DATA,
  PMD_TYPE,
  PMD_OP,
  PMD_STATUS,
  pmdCommand,
  parsePmdResponse,
  parsePmdFeatures,
  parsePmdStopNotice,
} from './sources/pmd-control-format.js';
export type { PmdResponse, PmdMeasurementName } from './sources/pmd-control-format.js';
export { parsePmdSettings, encodePmdSelection } from './sources/pmd-settings.js';
export type { PmdSettings, PmdSelection } from './sources/pmd-settings.js';
export { parsePmdFrame, PMD_EPOCH_UNIX_SECONDS } from './sources/pmd-frame.js';
export type { PmdFrame } from './sources/pmd-frame.js';
export { decodeDeltaFrame } from './sources/pmd-delta.js';
export { FrameClock } from './sources/pmd-clock.js';
export type { FrameClockOptions } from './sources/pmd-clock.js';
export { RRTimeline } from './sources/rr-timeline.js';
export type { RRTimelineOptions } from './sources/rr-timeline.js';
export { RateMeter } from './sources/rate-meter.js';
export { MotionBatcher } from './sources/motion-batcher.js';
export type { MotionBatcherOptions } from './sources/motion-batcher.js';
export { hostSeconds } from './sources/clock.js';
export { reconnectPolicy, backoffDelay } from './sources/reconnect.js';
export type { ReconnectOptions, ReconnectPolicy } from './sources/reconnect.js';
export { requestBleDevice, requestHeartRateDevice, requestPolarDevice } from './sources/ble-request.js';
export type { BleDevice, BleServer, BleService, BleCharacteristic, BleRequestOptions } from './sources/ble-types.js';
export type { LinkStatus } from './sources/ble-link.js';
export { heartRateSource } from './sources/heart-rate-source.js';
export type { HeartRateSource, HeartRateSourceOptions, HeartRateReading } from './sources/heart-rate-source.js';
export { polarH10 } from './sources/polar-h10.js';
export type { PolarH10, PolarH10Options, PolarAccOptions } from './sources/polar-h10.js';
export { requestMotionPermission } from './sources/motion-permission.js';
export { deviceMotionSource } from './sources/device-motion-source.js';
export type { DeviceMotionSourceOptions } from './sources/device-motion-source.js';
export { accelerometerSource, gyroscopeSource, genericSensorSupport } from './sources/generic-sensor-source.js';
export type { GenericSensorOptions } from './sources/generic-sensor-source.js';
export { openWearDb, deleteWearDb } from './storage/open.js';
export type { OpenWearDbOptions } from './storage/open.js';
export { SCHEMA_VERSION } from './storage/migrations.js';
export type {
  WearDb,
  WearSchema,
  SessionRecord,
  SessionStatus,
  StreamInfo,
  ChunkRecord,
  LabelRecord,
  EmbeddingRecord,
  PredictionRecord,
  RunRecord,
  RunStatus,
  CheckpointRecord,
} from './storage/schema.js';
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
export { sessionSource } from './storage/session-source.js';
export { readSclw } from './storage/sclw-frames.js';
export { syncSessions, getSyncState } from './storage/sync.js';
export type { SyncOptions, SyncProgress, SyncRecord, SyncResult } from './storage/sync.js';
export { parquetBytes } from './formats/parquet-write.js';
export type { ParquetWriteOptions } from './formats/parquet-write.js';
export { readParquet } from './formats/parquet-read.js';
export { edfBytes } from './formats/edf-write.js';
export type { EdfWriteOptions } from './formats/edf-write.js';
export { readEdf } from './formats/edf-read.js';
export type { FrameSource, FrameChunk, FrameLabel, FrameSession, FrameProgress } from './formats/frames.js';
export type { RandomAccessBytes, AsyncBytes } from './formats/random-access.js';
export { applyRetention } from './storage/retention.js';
export type { RetentionPolicy } from './storage/retention.js';
export { storageHealth, requestPersistence, watchStorage } from './storage/health.js';
export type { StorageHealth, HealthOptions } from './storage/health.js';
export { putEmbeddings, putPredictions, listEmbeddings, listPredictions } from './storage/results.js';
export { getRun, listRuns } from './storage/runs.js';
export { getCheckpoint, listCheckpoints, activeCheckpoint, activateCheckpoint, rollbackCheckpoint } from './storage/checkpoints.js';
export { RPeakDetector } from './dsp/rpeak-detector.js';
export { detectRPeaks } from './dsp/detect-rpeaks.js';
export { RPEAK_CONSTANTS } from './dsp/rpeak-plan.js';
export { RRClassifier, RR_RULES } from './dsp/rr-intervals.js';
export type { RRInterval, RRKind } from './dsp/rr-intervals.js';
export { HeartRateSmoother } from './dsp/heart-rate.js';
export type { HeartRate } from './dsp/heart-rate.js';
export { LombScargle } from './dsp/lomb-scargle.js';
export { HrvCalculator, HRV_BANDS } from './dsp/hrv.js';
export type { HrvSummary } from './dsp/hrv.js';
export { HrvWindow } from './dsp/hrv-window.js';
export type { HrvWindowOptions } from './dsp/hrv-window.js';
export { EcgQualityMeter } from './dsp/ecg-quality-meter.js';
export { ECG_QUALITY_RULES } from './dsp/ecg-quality.js';
export type { EcgQuality, EcgQualityFlag } from './dsp/ecg-quality.js';
export { rpeaks } from './streams/rpeaks.js';
export type { RPeak, RPeaksOptions } from './streams/rpeaks.js';
export { rrIntervals } from './streams/rr-intervals.js';
export { heartRate } from './streams/heart-rate.js';
export type { HeartRateOptions } from './streams/heart-rate.js';
export { hrv } from './streams/hrv.js';
export { signalQuality } from './streams/signal-quality.js';
export type { EcgQualityWindow, SignalQualityOptions } from './streams/signal-quality.js';
export { fineTune, resumeRuns } from './finetune/run.js';
export type { FineTuneConfig, FineTuneOptions, FineTuneProgress, FineTuneResult, CheckpointMetrics, HeadParams, ResolvedConfig } from './finetune/types.js';
export { featuresOf, DEFAULT_PARTS } from './finetune/examples.js';
export type { FineTuneExamples, FeatureParts } from './finetune/examples.js';
export { DEFAULT_HEAD_CONFIG } from './finetune/trainer.js';
export type { HeadConfig, EpochMetrics } from './finetune/trainer.js';
export type { HeadShape } from './finetune/head.js';
export { collectExamples } from './finetune/collect.js';
export type { CollectOptions, CollectedExamples } from './finetune/collect.js';
export { headClassifier, activeHead } from './finetune/classifier.js';
export type { HeadClassifier, HeadPrediction } from './finetune/classifier.js';
export { exposeFineTuner, connectFineTuner } from './finetune/worker-api.js';
export type { FineTuner, FineTunerOptions, RemoteFineTuner } from './finetune/worker-api.js';
export { createEncoder } from './model/create-encoder.js';
export type { EncoderOptions, ModelSource, EncoderPlatform } from './model/create-encoder.js';
export type { Encoder, EmbeddingResult, ClassResult, InferenceBackend, BatchOptions } from './model/encoder.js';
export { BatchingEncoder } from './model/batching-encoder.js';
export { ModelRuntime } from './model/runtime.js';
export type { OrtModule, OrtLoader, RuntimeLoadRequest, RuntimeInfo, RunOutput } from './model/runtime.js';
export { exposeModelRuntime } from './model/expose.js';
export type { RemoteRuntime } from './model/expose.js';
export { loadOrtWeb } from './model/ort-web.js';
export { installErrorTransfer } from './core/error-transfer.js';
export { createWorkerBackend } from './model/worker-backend.js';
export type { WorkerHandle, WorkerFactory, WorkerBackendOptions } from './model/worker-backend.js';
export { webWorkerHandle } from './model/web-worker.js';
export { checkDevice, deviceCandidates, runtimeCapabilities, DEVICE_REQUESTS } from './model/device.js';
export type { Device, DeviceRequest, RuntimeCapabilities } from './model/device.js';
export { PROGRESS_ORDER } from './model/progress.js';
export type { LoadProgress, ProgressCallback } from './model/progress.js';
export { sha256Hex, verifyModel, fetchModelBytes, fetchManifest } from './model/fetch-model.js';
export { parseManifest, checkModelEntry, modelEntry } from './model/manifest.js';
export type { ModelManifest, ModelEntry, InputLayout, DimRange, Preprocessing } from './model/manifest.js';
export { WindowPacker, unitFactor } from './model/pack.js';
export { embed } from './model/embed.js';
export type { EmbedOptions } from './model/embed.js';
export { classify } from './model/classify.js';
export type { ClassifyOptions } from './model/classify.js';
export { modelInput } from './model/model-input.js';
export type { ModelInputOptions } from './model/model-input.js';
export { encodeWindows } from './model/encode-windows.js';
export { rotateTriads } from './model/rotate-triads.js';
export { ClassSmoother } from './model/smoothing.js';
export type { SmoothingOptions } from './model/smoothing.js';
