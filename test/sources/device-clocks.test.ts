// Device clocks that misbehave: a strap whose RR intervals add up to more than the time that
// passed, a Polar stream that stalls and comes back with its clock reset, scale factors that
// would turn samples into NaN or 0, and delta-coded values that leave 32 bits.
import { describe, expect, it } from 'vitest';
import { FormatError, SdkError } from '../../src/errors.js';
import { FrameClock } from '../../src/sources/pmd-clock.js';
import { decodeDeltaFrame } from '../../src/sources/pmd-delta.js';
import { parsePmdSettings } from '../../src/sources/pmd-settings.js';
import { RRTimeline } from '../../src/sources/rr-timeline.js';

describe('RRTimeline when the intervals add up to more than the elapsed time', () => {
  it('never places a beat more than maxLag (2 s) after the arrival of its notification, and keeps beats increasing', () => {
    const timeline = new RRTimeline();
    const out = new Float64Array(1);
    let last = -Infinity;
    let worst = -Infinity;
    // One notification a second, each with one interval of 1.03 s: 3 % too long (30 min).
    for (let k = 0; k < 1800; k++) {
      const arrival = 1000 + k;
      timeline.place(Float64Array.of(1030), arrival, out);
      worst = Math.max(worst, out[0]! - arrival);
      expect(out[0]!).toBeGreaterThan(last);
      last = out[0]!;
    }
    expect(worst).toBeLessThanOrEqual(2 + 1e-9);
    expect(worst).toBeGreaterThan(1); // the bound, not a lucky draw, held it
  });
});

describe('FrameClock after an outage without a reconnect', () => {
  const period = 1 / 130;
  function primed(): { clock: FrameClock; out: Float64Array; last: number; host: number } {
    const clock = new FrameClock(130);
    const out = new Float64Array(73);
    for (let k = 0; k < 20; k++) clock.place(500 + (k * 73) / 130, 73, 1e9 + (k * 73) / 130, out);
    return { clock, out, last: out[72]!, host: 1e9 + (19 * 73) / 130 };
  }

  it('reports a 30 s outage in which the sensor clock reset as a gap, with the samples at their arrival', () => {
    const { clock, out, last, host } = primed();
    const arrival = host + 30;
    const gap = clock.place(0.5, 73, arrival, out); // sensor clock back near 0
    expect(out[72]).toBeCloseTo(arrival, 6);
    expect(gap).toBeGreaterThan(29);
    expect(gap).toBeCloseTo(out[0]! - last - period, 6);
  });

  it('reports a 30 s outage in which the sensor clock ran on as a gap of the sensor time', () => {
    const { clock, out, last, host } = primed();
    const gap = clock.place(500 + (19 * 73) / 130 + 30, 73, host + 30.4, out);
    expect(gap).toBeCloseTo(30 - 73 * period, 6);
    expect(out[72]! - last).toBeCloseTo(30, 6);
  });
});

describe('Polar settings and delta frames', () => {
  const settings = (factor: number) => {
    const b = new Uint8Array(6);
    b[0] = 5;
    b[1] = 1;
    new DataView(b.buffer).setFloat32(2, factor, true);
    return b;
  };

  it.each([Number.NaN, 0, -1, Number.POSITIVE_INFINITY])('rejects a scale factor of %s with E_PARSE', (factor) => {
    expect(() => parsePmdSettings(settings(factor))).toThrow(
      expect.objectContaining({ code: 'E_PARSE', message: expect.stringMatching(/factor/) }),
    );
    expect(parsePmdSettings(settings(0.25)).factor).toEqual([0.25]);
  });

  it('rejects delta-coded values that leave the signed range of their resolution instead of wrapping', () => {
    // Reference 2^31 - 2 (int32), then one 8-bit block of 2 samples with deltas +1 and +1.
    const bytes = new Uint8Array([0xfe, 0xff, 0xff, 0x7f, 8, 2, 1, 1]);
    let err: unknown;
    try {
      decodeDeltaFrame(new DataView(bytes.buffer), 0, 1, 32);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(FormatError);
    expect((err as SdkError).code).toBe('E_PARSE');
    expect((err as SdkError).message).toMatch(/outside the 32-bit range/);
    // One step less stays exact.
    expect(Array.from(decodeDeltaFrame(new DataView(Uint8Array.of(0xfd, 0xff, 0xff, 0x7f, 8, 2, 1, 1).buffer), 0, 1, 32))).toEqual([
      2 ** 31 - 3,
      2 ** 31 - 2,
      2 ** 31 - 1,
    ]);
  });
});
