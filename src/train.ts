/**
 * scl-wear/train: training, evaluation and ONNX export of SCL encoders (Node only). Needs the
 * optional peer dependencies `@tensorflow/tfjs`, `@tensorflow/tfjs-backend-wasm` and
 * `protobufjs` (`npm install @tensorflow/tfjs @tensorflow/tfjs-backend-wasm protobufjs`);
 * evaluation also runs on `onnxruntime-node` when it is installed.
 *
 * @packageDocumentation
 */
export { loadEcgRecord, loadEcgSplit, ECG_RATE, ECG_WINDOW, ECG_BAND, ECG_CLASSES } from './training/ecg-data.js';
export type { EcgRecord, EcgLoadOptions } from './training/ecg-data.js';
export { ecgTask } from './training/ecg-task.js';
export type { EcgTaskOptions } from './training/ecg-task.js';
export { evaluateModels, loadImuEvalSet } from './training/evaluate.js';
export type { EvaluateOptions } from './training/evaluate.js';
export { loadOnnxModel } from './training/onnx-model.js';
export type { OnnxModel, ModelRun } from './training/onnx-model.js';
export { useTrainingBackend } from './training/tf/backend.js';
export type { TrainingBackend } from './training/tf/backend.js';
export { registerConv2dBackpropFilterWasm } from './training/tf/conv-backprop-filter.js';
export { OnnxGraph } from './training/onnx/graph.js';
export type { OnnxAttr, OnnxDim, OnnxModelOptions } from './training/onnx/graph.js';
export { exportOnnx, ONNX_NAMES } from './training/onnx/export.js';
export { shiftAverageOnnx } from './training/onnx/shift-average.js';
export type { ShiftAverage } from './training/onnx/shift-average.js';
export { invMapOnnx } from './training/onnx/inv-map.js';
export { fitRecordWhitening } from './training/record-whitening.js';
export type { RecordWhitening, RecordWhiteningOptions } from './training/record-whitening.js';
export { initNetwork, parameterCount } from './training/networks.js';
export type { NetworkSpec, NetworkParams, ConvLayer, FeatureMode } from './training/networks.js';
export type { AlignCrop } from './training/align-crop.js';
export { forward } from './training/forward.js';
export { invariantFeatures, physicsFeatures } from './training/invariant-features.js';
export type { NetworkOutputs } from './training/forward.js';
export { imuSpec, accSpec, ecgSpec, invariantBranch } from './training/presets.js';
export type { DimChoice } from './training/presets.js';
export { sclLossTf } from './training/scl-loss.js';
export type { SclLossTensors } from './training/scl-loss.js';
export { trainNetwork } from './training/trainer.js';
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
