/**
 * scl-wear/node: the Node-only parts of the SDK (file readers, training, evaluation).
 * Browser code imports `scl-wear` instead.
 *
 * @packageDocumentation
 */
export { readWfdbRecord, readWfdbAnnotations } from './io/wfdb.js';
export type { WfdbRecord, WfdbSignal } from './io/wfdb.js';
export { parseWfdbHeader, decodeWfdbSamples, wfdbChecksum } from './io/wfdb-format.js';
export type { WfdbHeader, WfdbSignalSpec } from './io/wfdb-format.js';
export { parseWfdbAnnotations, isBeatSymbol, aamiClass } from './io/wfdb-annotations.js';
export type { WfdbAnnotation, AamiClass } from './io/wfdb-annotations.js';
export { readUciHar, UCI_HAR_LABELS } from './io/ucihar.js';
export type { UciHarSplit } from './io/ucihar.js';
export { MOTIONSENSE_ACTIVITIES, readMotionSense } from './io/motionsense.js';
export type { MotionSenseTrial } from './io/motionsense.js';
export { resolveDataDir, hasDataDir } from './io/data-dir.js';
export { readCsvFile, writeCsvFile } from './io/csv.js';
export { loadEcgRecord, loadEcgSplit, ECG_RATE, ECG_WINDOW, ECG_BAND, ECG_CLASSES } from './training/ecg-data.js';
export type { EcgRecord, EcgLoadOptions } from './training/ecg-data.js';
export { ecgTask } from './training/ecg-task.js';
export type { EcgTaskOptions } from './training/ecg-task.js';
export { evaluateModels, loadImuEvalSet } from './training/evaluate.js';
export type { EvaluateOptions } from './training/evaluate.js';
export { loadOnnxEncoder } from './training/onnx-encoder.js';
export type { OnnxEncoder, EncoderRun } from './training/onnx-encoder.js';
// Training: tfjs (wasm) trainer, SCL loss, encoders, ONNX export, shipping
export { useTrainingBackend } from './training/tf/backend.js';
export type { TrainingBackend } from './training/tf/backend.js';
export { registerConv2dBackpropFilterWasm } from './training/tf/conv-backprop-filter.js';
export { OnnxGraph } from './training/onnx/graph.js';
export type { OnnxAttr, OnnxDim, OnnxModelOptions } from './training/onnx/graph.js';
export { exportOnnx, ONNX_NAMES } from './training/onnx/export.js';
export { initEncoder, parameterCount } from './training/models.js';
export type { EncoderSpec, EncoderParams, ConvLayer, FeatureMode } from './training/models.js';
export { forward, physicsFeatures } from './training/forward.js';
export type { EncoderOutputs } from './training/forward.js';
export { imuSpec, accSpec, ecgSpec } from './training/presets.js';
export type { DimChoice } from './training/presets.js';
export { sclLossTf } from './training/scl-loss.js';
export type { SclLossTensors } from './training/scl-loss.js';
export { trainEncoder } from './training/trainer.js';
export type { TrainMode, TrainTask, TrainBatch, TrainOptions, TrainResult, LossTerms, StepReport } from './training/trainer.js';
export { loadImuWindows, referenceUp } from './training/imu-data.js';
export type { LabelledWindows } from './training/imu-data.js';
export { imuTask, IMU_GROUPS, IGNORED_CLASS } from './training/imu-task.js';
export type { ImuTaskOptions, NegativeRule } from './training/imu-task.js';
export { isValidationSubject, loadImuCorpus, MOTIONSENSE_TEST, walkingUp } from './training/imu-corpus.js';
export type { ImuCorpus, ImuDataset, ImuSplit } from './training/imu-corpus.js';
export { applyRealism, bandLimit, DEVICE_ERROR, deviceError } from './training/imu-realism.js';
export type { RealismOptions } from './training/imu-realism.js';
export { expectedCalibrationError, fitTemperature } from './training/calibration-metrics.js';
export { runTraining, RUN_DEFAULTS } from './training/run.js';
export type { RunOptions, TrainTaskName } from './training/run.js';
export { exportParity } from './training/parity.js';
export { shipModel } from './training/ship.js';
export type { ShipOptions } from './training/ship.js';
export { createNodeEncoder, readManifest, defaultManifestPath } from './model/node-encoder.js';
export type { NodeEncoderOptions } from './model/node-encoder.js';
export { serveNodeWorker, nodeWorkerHandle, startNodeWorker } from './model/node-worker.js';
export { loadOrtNode } from './model/ort-node.js';
