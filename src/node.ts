/**
 * scl-wear/node: the Node-only parts of the SDK (file readers, Node encoders on onnxruntime-node
 * when it is installed, else onnxruntime-web's WASM). Browser code imports `scl-wear`; training,
 * evaluation and ONNX export live in `scl-wear/train`.
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
export { readFrameFile, writeFrameFile } from './io/frame-files.js';
export type { WriteFrameOptions } from './io/frame-files.js';
export { writeParquetDataset } from './io/dataset.js';
export type { DatasetSummary } from './io/dataset.js';
export { createNodeEncoder, readManifest, defaultManifestPath } from './model/node-encoder.js';
export type { NodeEncoderOptions } from './model/node-encoder.js';
export { serveNodeWorker, nodeWorkerHandle, startNodeWorker } from './model/node-worker.js';
export { loadOrtNode } from './model/ort-node.js';
