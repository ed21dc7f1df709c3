// Pins the public API: adding or removing an export is a deliberate change to this list.
import { describe, expect, it } from 'vitest';
import * as browser from '../src/index.js';
import * as node from '../src/node.js';

const browserExports = [
  'FormatError',
  'InputError',
  'ModelError',
  'STANDARD_GRAVITY',
  'SdkError',
  'SourceError',
  'StorageError',
  'TrainingError',
  'batchEnd',
  'channelOf',
  'createBatch',
  'frameTime',
  'fromErrorPayload',
  'toErrorPayload',
  'windowEnd',
  // scl (loss, transforms, metrics)
  'sclLoss',
  'createRng',
  'quaternionToMatrix',
  'randomQuaternion',
  'randomRotation',
  'randomRotationAbout',
  'axisAngleRotation',
  'rotationAngle',
  'rotationBetween',
  'composeRotations',
  'invertRotation',
  'rotateWindow',
  'rotateWindows',
  'randomRotations',
  'cutShifted',
  'cycleLength',
  'drawCycleShift',
  'shiftGrid',
  'cosineSimilarity',
  'latentSlice',
  'phaseSimilarity',
  'retrievalTop1',
  'accuracy',
  'confusionMatrix',
  'toActivityGroups',
  'rotationConsistency',
  'ACTIVITY_GROUPS',
  'linearProbe',
  'linearProbeAccuracy',
  'calibrateOrientation',
  'ACTIVITIES',
  'ACTIVITY_MODELS',
  'CsvRecordingParser',
  'createRecording',
  'csvLines',
  'estimateRate',
  'formatCsv',
  'framesPerBatch',
  'labelAt',
  'parseCsv',
  'recordingBatch',
  'recordingBatches',
  'replay',
  'simulateEcg',
  'simulateImu',
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
  'readWfdbAnnotations',
  'readWfdbRecord',
  'resolveDataDir',
  'wfdbChecksum',
  'readCsvFile',
  'writeCsvFile',
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
  'loadOnnxEncoder',
];

describe('public API', () => {
  it('scl-wear exports exactly the documented names', () => {
    expect(Object.keys(browser).sort()).toEqual([...browserExports].sort());
  });
  it('scl-wear/node exports exactly the documented names', () => {
    expect(Object.keys(node).sort()).toEqual([...nodeExports].sort());
  });
});
