// PMD control point formats, from the Polar Measurement Data specification (Polar BLE SDK):
// commands [op, type, settings…], responses [0xF0, op, type, status, more, params…],
// settings lists [id, count, values…], feature read [0x0F, bits…], stop notice [0x01, types…].
import { describe, expect, it } from 'vitest';
import { formatErrorCode } from './format-error.js';
import {
  parsePmdFeatures,
  parsePmdResponse,
  parsePmdStopNotice,
  pmdCommand,
  PMD_OP,
  PMD_TYPE,
} from '../../src/sources/pmd-control-format.js';
import { encodePmdSelection, parsePmdSettings } from '../../src/sources/pmd-settings.js';

const codeOf = formatErrorCode;

describe('PMD commands', () => {
  it('builds the published H10 ECG start command (130 Hz, 14 bit)', () => {
    const cmd = pmdCommand(PMD_OP.start, PMD_TYPE.ecg, encodePmdSelection({ sampleRate: 130, resolution: 14 }));
    expect(Array.from(cmd)).toEqual([0x02, 0x00, 0x00, 0x01, 0x82, 0x00, 0x01, 0x01, 0x0e, 0x00]);
  });

  it('builds the ACC start command (200 Hz, 16 bit, range 8 g) and the stop command', () => {
    const start = pmdCommand(PMD_OP.start, PMD_TYPE.acc, encodePmdSelection({ sampleRate: 200, resolution: 16, range: 8 }));
    expect(Array.from(start)).toEqual([0x02, 0x02, 0x00, 0x01, 0xc8, 0x00, 0x01, 0x01, 0x10, 0x00, 0x02, 0x01, 0x08, 0x00]);
    expect(Array.from(pmdCommand(PMD_OP.stop, PMD_TYPE.acc))).toEqual([0x03, 0x02]);
  });

  it('encodes 4-byte and 1-byte settings and refuses values that do not fit', () => {
    expect(Array.from(encodePmdSelection({ rangeMilliunit: 0x01020304, channels: 3 }))).toEqual([
      0x03, 0x01, 0x04, 0x03, 0x02, 0x01, 0x04, 0x01, 0x03,
    ]);
    expect(codeOf(() => encodePmdSelection({ sampleRate: 70000 }))).toBe('E_PARSE');
    expect(codeOf(() => encodePmdSelection({ channels: -1 }))).toBe('E_PARSE');
  });
});

describe('PMD responses', () => {
  it('reads a successful get-settings response with its settings list', () => {
    // ECG settings of an H10: sample rate {130}, resolution {14}.
    const r = parsePmdResponse([0xf0, 0x01, 0x00, 0x00, 0x00, 0x00, 0x01, 0x82, 0x00, 0x01, 0x01, 0x0e, 0x00]);
    expect(r).toMatchObject({ op: 1, type: 0, status: 0, statusName: 'success', more: false });
    expect(parsePmdSettings(r.params)).toEqual({ sampleRate: [130], resolution: [14] });
  });

  it('reads ACC settings with several values per setting', () => {
    const params = [
      0x00, 0x04, 0x19, 0x00, 0x32, 0x00, 0x64, 0x00, 0xc8, 0x00, 0x01, 0x01, 0x10, 0x00, 0x02, 0x03, 0x02, 0x00, 0x04, 0x00, 0x08, 0x00,
    ];
    expect(parsePmdSettings(params)).toEqual({ sampleRate: [25, 50, 100, 200], resolution: [16], range: [2, 4, 8] });
  });

  it('reads the factor setting as an IEEE-754 float32', () => {
    // 0x3A83126F is the float32 nearest 0.001.
    const s = parsePmdSettings([0x05, 0x01, 0x6f, 0x12, 0x83, 0x3a]);
    expect(s.factor?.[0]).toBeCloseTo(0.001, 9);
  });

  it('reads error responses: status name, no parameters, no continuation', () => {
    const r = parsePmdResponse([0xf0, 0x02, 0x02, 0x08, 0x01, 0x00, 0x01]);
    expect(r).toMatchObject({ op: 2, type: 2, status: 8, statusName: 'invalid sample rate', more: false });
    expect(r.params.length).toBe(0);
    expect(parsePmdResponse([0xf0, 0x02, 0x00, 0x06]).statusName).toBe('already in state');
    expect(parsePmdResponse([0xf0, 0x02, 0x00, 0x63]).statusName).toBe('unknown status 99');
  });

  it('flags multi-packet responses', () => {
    expect(parsePmdResponse([0xf0, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0x19, 0x00]).more).toBe(true);
  });

  it('rejects short and foreign messages', () => {
    expect(codeOf(() => parsePmdResponse([0xf0, 0x01, 0x00]))).toBe('E_TRUNCATED');
    expect(codeOf(() => parsePmdResponse([0x01, 0x01, 0x00, 0x00]))).toBe('E_PARSE');
  });

  it('rejects unknown setting ids and truncated setting values', () => {
    expect(codeOf(() => parsePmdSettings([0x09, 0x01, 0x00, 0x00]))).toBe('E_PARSE');
    expect(codeOf(() => parsePmdSettings([0x00, 0x02, 0x82, 0x00, 0x82]))).toBe('E_TRUNCATED');
    expect(codeOf(() => parsePmdSettings([0x00]))).toBe('E_TRUNCATED');
  });
});

describe('PMD feature read and stop notice', () => {
  it('lists the measurements of the feature bits', () => {
    // H10: ECG (bit 0) and ACC (bit 2).
    expect(parsePmdFeatures([0x0f, 0x05, 0x00])).toEqual(['ecg', 'acc']);
    expect(parsePmdFeatures([0x0f, 0x6f])).toEqual(['ecg', 'ppg', 'acc', 'ppi', 'gyro', 'mag']);
    expect(codeOf(() => parsePmdFeatures([0x0e, 0x05]))).toBe('E_PARSE');
    expect(codeOf(() => parsePmdFeatures([0x0f]))).toBe('E_TRUNCATED');
  });

  it('reads the sensor-side stop notice', () => {
    expect(parsePmdStopNotice([0x01, 0x00, 0x02])).toEqual([0, 2]);
    expect(parsePmdStopNotice([0xf0, 0x02, 0x00, 0x00])).toBeUndefined();
  });
});
