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
