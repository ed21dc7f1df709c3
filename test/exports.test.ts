// Pins the public API of every entry: adding, removing or moving an export is a deliberate change
// to these lists. The main entry keeps to the capabilities in README's table (at most 80 values);
// building blocks live in the subpath entries; the Bluetooth protocol parsers and clocks are
// internal to the SDK.
import { describe, expect, it } from 'vitest';
import * as main from '../src/index.js';
import * as dsp from '../src/dsp.js';
import * as scl from '../src/scl.js';
import * as advanced from '../src/advanced.js';
import * as node from '../src/node.js';
import * as train from '../src/train.js';
import * as esbuildPlugin from '../src/esbuild-plugin.js';

const mainExports: string[] = [
  'SdkError', 'InputError', 'FormatError', 'ModelError', 'StorageError', 'SourceError',
  'TrainingError', 'createBatch', 'STANDARD_GRAVITY', 'validate', 'iirFilter', 'resample',
  'separateGravity', 'slidingWindow', 'normalize', 'alignStreams', 'boundedBuffer',
  'rpeaks', 'rrIntervals', 'heartRate', 'hrv', 'signalQuality', 'detectRPeaks',
  'createRecording', 'parseCsv', 'formatCsv', 'replay', 'simulateEcg', 'simulateImu',
  'estimateRate', 'heartRateSource', 'polarH10', 'requestHeartRateDevice',
  'requestPolarDevice', 'deviceMotionSource', 'requestMotionPermission',
  'accelerometerSource', 'gyroscopeSource', 'genericSensorSupport', 'createEncoder',
  'embed', 'classify', 'calibrateOrientation', 'ClassSmoother', 'checkDevice',
  'openWearDb', 'deleteWearDb', 'createSession', 'getSession', 'listSessions',
  'updateSession', 'deleteSession', 'addLabel', 'updateLabel', 'removeLabel', 'listLabels',
  'recordSession', 'recoverSessions', 'replaySession', 'exportSession', 'importSession',
  'exportSessionCsv', 'exportSessionParquet', 'exportSessionEdf', 'importFrames',
  'syncSessions', 'applyRetention', 'storageHealth', 'requestPersistence', 'watchStorage',
  'readParquet', 'readEdf', 'fineTune', 'resumeRuns', 'headClassifier', 'listRuns',
  'listCheckpoints', 'activateCheckpoint', 'rollbackCheckpoint',
];

const dspExports: string[] = [
  'designLowpass', 'designHighpass', 'designBandpass', 'designNotch', 'designFilter',
  'chainDesigns', 'BiquadCascade', 'Resampler', 'GravitySeparator', 'RunningStats',
  'standardize', 'FrameRing', 'RPeakDetector', 'RPEAK_CONSTANTS', 'RRClassifier',
  'RR_RULES', 'HeartRateSmoother', 'LombScargle', 'HrvCalculator', 'HRV_BANDS',
  'HrvWindow', 'EcgQualityMeter', 'ECG_QUALITY_RULES', 'createRng', 'quaternionToMatrix',
  'randomQuaternion', 'randomRotation', 'randomRotationAbout', 'axisAngleRotation',
  'rotationAngle', 'rotationBetween', 'composeRotations', 'invertRotation', 'rotateTriads',
  'frameTime', 'batchEnd', 'channelOf', 'windowEnd', 'POSTURE_TILT', 'POSTURES',
  'postureFromTilt', 'WalkingVertical',
];

const sclExports: string[] = [
  'sclLoss', 'rotateWindow', 'rotateWindows', 'randomRotations', 'cutShifted',
  'cycleLength', 'drawCycleShift', 'shiftGrid', 'cosineSimilarity', 'latentSlice',
  'phaseSimilarity', 'retrievalTop1', 'accuracy', 'confusionMatrix', 'toActivityGroups',
  'rotationConsistency', 'ACTIVITY_GROUPS', 'linearProbe', 'linearProbeAccuracy',
  'pairFeatures',
];

const advancedExports: string[] = [
  'toErrorPayload', 'fromErrorPayload', 'installErrorTransfer', 'recordingBatch',
  'recordingBatches', 'framesPerBatch', 'labelAt', 'CsvRecordingParser', 'csvLines',
  'ACTIVITIES', 'ACTIVITY_MODELS', 'RateMeter', 'MotionBatcher', 'hostSeconds',
  'reconnectPolicy', 'backoffDelay', 'requestBleDevice', 'SCHEMA_VERSION', 'sessionSource',
  'readSclw', 'getSyncState', 'parquetBytes', 'edfBytes', 'putEmbeddings',
  'putPredictions', 'listEmbeddings', 'listPredictions', 'getRun', 'getCheckpoint',
  'activeCheckpoint', 'featuresOf', 'DEFAULT_PARTS', 'DEFAULT_HEAD_CONFIG',
  'collectExamples', 'activeHead', 'exposeFineTuner', 'connectFineTuner',
  'BatchingEncoder', 'ModelRuntime', 'exposeModelRuntime', 'loadOrtWeb',
  'createWorkerBackend', 'webWorkerHandle', 'deviceCandidates', 'runtimeCapabilities',
  'DEVICE_REQUESTS', 'PROGRESS_ORDER', 'sha256Hex', 'verifyModel', 'fetchModelBytes',
  'fetchManifest', 'parseManifest', 'checkModelEntry', 'modelEntry', 'WindowPacker',
  'unitFactor', 'modelInput', 'encodeWindows',
];

const nodeExports: string[] = [
  'UCI_HAR_LABELS',
  'aamiClass',
  'decodeWfdbSamples',
  'hasDataDir',
  'isBeatSymbol',
  'parseWfdbAnnotations',
  'parseWfdbHeader',
  'readUciHar',
  'MOTIONSENSE_ACTIVITIES',
  'readMotionSense',
  'readWfdbAnnotations',
  'readWfdbRecord',
  'resolveDataDir',
  'wfdbChecksum',
  'readCsvFile',
  'writeCsvFile',
  'readFrameFile',
  'writeFrameFile',
  'writeParquetDataset',
  'createNodeEncoder',
  'readManifest',
  'defaultManifestPath',
  'serveNodeWorker',
  'nodeWorkerHandle',
  'startNodeWorker',
  'loadOrtNode',
];

const trainExports: string[] = [
  // ECG training data
  'loadEcgRecord',
  'loadEcgSplit',
  'ECG_RATE',
  'ECG_WINDOW',
  'ECG_BAND',
  'ECG_CLASSES',
  'ecgTask',
  // evaluation (model cards)
  'evaluateModels',
  'loadImuEvalSet',
  'loadOnnxModel',
  // training (tfjs wasm), ONNX export, shipping
  'useTrainingBackend',
  'registerConv2dBackpropFilterWasm',
  'OnnxGraph',
  'exportOnnx',
  'ONNX_NAMES',
  'initNetwork',
  'parameterCount',
  'forward',
  'physicsFeatures',
  'imuSpec',
  'accSpec',
  'ecgSpec',
  'sclLossTf',
  'trainNetwork',
  'loadImuWindows',
  'referenceUp',
  'imuTask',
  'IMU_GROUPS',
  'IGNORED_CLASS',
  'isValidationSubject',
  'loadImuCorpus',
  'MOTIONSENSE_TEST',
  'walkingUp',
  'applyRealism',
  'bandLimit',
  'DEVICE_ERROR',
  'deviceError',
  'expectedCalibrationError',
  'fitTemperature',
  'runTraining',
  'RUN_DEFAULTS',
  'exportParity',
  'shipModel',
];

/** The Bluetooth protocol parsers and clocks: used by the live sources, exported by no entry. */
const internalNames: string[] = [
  'parseHeartRateMeasurement', 'HEART_RATE_SERVICE', 'HEART_RATE_MEASUREMENT',
  'PMD_SERVICE', 'PMD_CONTROL', 'PMD_DATA', 'PMD_TYPE', 'PMD_OP', 'PMD_STATUS',
  'pmdCommand', 'parsePmdResponse', 'parsePmdFeatures', 'parsePmdStopNotice',
  'parsePmdSettings', 'encodePmdSelection', 'parsePmdFrame', 'PMD_EPOCH_UNIX_SECONDS',
  'decodeDeltaFrame', 'FrameClock', 'RRTimeline',
];

const entries = {
  'scl-wear': [main, mainExports],
  'scl-wear/dsp': [dsp, dspExports],
  'scl-wear/scl': [scl, sclExports],
  'scl-wear/advanced': [advanced, advancedExports],
  'scl-wear/node': [node, nodeExports],
  'scl-wear/train': [train, trainExports],
  'scl-wear/esbuild': [esbuildPlugin, ['sclWear']],
} as const;

describe('public API', () => {
  for (const [entry, [module, names]] of Object.entries(entries)) {
    it(`${entry} exports exactly the documented names`, () => {
      expect(Object.keys(module).sort()).toEqual([...names].sort());
    });
  }

  it('the main entry exports at most 80 values', () => {
    expect(Object.keys(main).length).toBeLessThanOrEqual(80);
  });

  it('no name is exported by two browser entries', () => {
    const seen = [main, dsp, scl, advanced].flatMap((m) => Object.keys(m));
    expect(seen.filter((name, i) => seen.indexOf(name) !== i)).toEqual([]);
  });

  it('no entry exports the protocol parsers and clocks', () => {
    for (const [entry, [module]] of Object.entries(entries)) {
      expect(Object.keys(module).filter((name) => internalNames.includes(name)), entry).toEqual([]);
    }
  });
});
