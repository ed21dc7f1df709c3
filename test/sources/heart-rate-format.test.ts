// Heart Rate Measurement (0x2A37) decoding, on byte sequences built by hand from the Bluetooth
// Heart Rate Service 1.0 field layout: flags, HR (u8/u16), energy (u16 kJ), RR (u16, 1/1024 s).
import { describe, expect, it } from 'vitest';
import { FormatError } from '../../src/errors.js';
import { parseHeartRateMeasurement } from '../../src/sources/heart-rate-format.js';

describe('parseHeartRateMeasurement', () => {
  it('reads an 8-bit heart rate without optional fields', () => {
    const m = parseHeartRateMeasurement([0x00, 72]);
    expect(m.heartRate).toBe(72);
    expect(m.contactSupported).toBe(false);
    expect(m.contact).toBeUndefined();
    expect(m.energyExpended).toBeUndefined();
    expect(m.rr.length).toBe(0);
  });

  it('reads a 16-bit heart rate little-endian', () => {
    // 0x012C = 300 bpm: only representable in the 16-bit format.
    expect(parseHeartRateMeasurement([0x01, 0x2c, 0x01]).heartRate).toBe(300);
  });

  it('reads sensor contact supported/detected from flag bits 2 and 1', () => {
    expect(parseHeartRateMeasurement([0x06, 60]).contact).toBe(true);
    const off = parseHeartRateMeasurement([0x04, 60]);
    expect(off.contactSupported).toBe(true);
    expect(off.contact).toBe(false);
    // Bit 1 without bit 2: the sensor cannot tell, whatever bit 1 says.
    expect(parseHeartRateMeasurement([0x02, 60]).contact).toBeUndefined();
  });

  it('reads energy expended before the RR list', () => {
    // flags: 16-bit HR | energy | RR; HR 0x0050 = 80; energy 0x0203 = 515 kJ; RR 0x0400 = 1024/1024 s.
    const m = parseHeartRateMeasurement([0x19, 0x50, 0x00, 0x03, 0x02, 0x00, 0x04]);
    expect(m.heartRate).toBe(80);
    expect(m.energyExpended).toBe(515);
    expect(Array.from(m.rr)).toEqual([1000]);
  });

  it('reads every RR interval of a notification in 1/1024 s units', () => {
    // RR raw 1024, 512, 800, 1 → 1000 ms, 500 ms, 781.25 ms, 0.9765625 ms.
    const m = parseHeartRateMeasurement([0x10, 65, 0x00, 0x04, 0x00, 0x02, 0x20, 0x03, 0x01, 0x00]);
    expect(Array.from(m.rr)).toEqual([1000, 500, 781.25, 1000 / 1024]);
  });

  it('reads the largest RR value (0xFFFF = 63.999 s)', () => {
    expect(parseHeartRateMeasurement([0x10, 40, 0xff, 0xff]).rr[0]).toBeCloseTo((65535 * 1000) / 1024, 9);
  });

  it('accepts the RR flag with an empty list', () => {
    expect(parseHeartRateMeasurement([0x10, 70]).rr.length).toBe(0);
  });

  it.each([
    ['empty', [], 'E_TRUNCATED'],
    ['missing 8-bit value', [0x00], 'E_TRUNCATED'],
    ['half a 16-bit value', [0x01, 0x50], 'E_TRUNCATED'],
    ['missing energy', [0x08, 70, 0x01], 'E_TRUNCATED'],
    ['odd RR bytes', [0x10, 70, 0x00, 0x04, 0x01], 'E_PARSE'],
    ['trailing bytes without RR flag', [0x00, 70, 0x00, 0x04], 'E_PARSE'],
  ])('rejects %s with %s', (_name, bytes, code) => {
    expect(() => parseHeartRateMeasurement(bytes)).toThrow(FormatError);
    try {
      parseHeartRateMeasurement(bytes);
    } catch (err) {
      expect((err as FormatError).code).toBe(code);
    }
  });

  it('reads from a DataView window into a larger buffer', () => {
    const buf = new Uint8Array([0xaa, 0x10, 60, 0x00, 0x02, 0xbb]);
    const m = parseHeartRateMeasurement(new DataView(buf.buffer, 1, 4));
    expect(m.heartRate).toBe(60);
    expect(Array.from(m.rr)).toEqual([500]);
  });
});
