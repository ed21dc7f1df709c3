// Fuzzing every byte parser of the live sources with seeded random input: random bytes, and
// valid messages with random corruption. The only failure allowed is a typed FormatError with a
// known code; successful parses must be self-consistent. The frame clock gets random frame
// timestamps and must still emit finite, strictly increasing sample times.
import { describe, expect, it } from 'vitest';
import { FormatError } from '../../src/errors.js';
import { parseHeartRateMeasurement } from '../../src/sources/heart-rate-format.js';
import { parsePmdFeatures, parsePmdResponse, parsePmdStopNotice } from '../../src/sources/pmd-control-format.js';
import { decodeDeltaFrame } from '../../src/sources/pmd-delta.js';
import { FrameClock } from '../../src/sources/pmd-clock.js';
import { parsePmdFrame } from '../../src/sources/pmd-frame.js';
import { parsePmdSettings } from '../../src/sources/pmd-settings.js';

/** mulberry32: a small seeded generator. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CODES = new Set(['E_PARSE', 'E_TRUNCATED', 'E_UNSUPPORTED']);

function bytes(rand: () => number, max: number): Uint8Array {
  const out = new Uint8Array(Math.floor(rand() * (max + 1)));
  for (let i = 0; i < out.length; i++) out[i] = Math.floor(rand() * 256);
  return out;
}

// eslint-disable-next-line @typescript-eslint/no-redundant-type-constituents -- 'ok' names the success value
function expectTyped(f: () => void): 'ok' | string {
  try {
    f();
    return 'ok';
  } catch (err) {
    expect(err).toBeInstanceOf(FormatError);
    expect(CODES.has((err as FormatError).code)).toBe(true);
    return (err as FormatError).code;
  }
}

describe('fuzz: byte parsers', () => {
  it('heart rate measurement: 5000 random notifications', () => {
    const rand = prng(1);
    const seen = new Set<string>();
    for (let k = 0; k < 5000; k++) {
      const b = bytes(rand, 24);
      seen.add(
        expectTyped(() => {
          const m = parseHeartRateMeasurement(b);
          expect(m.heartRate).toBeGreaterThanOrEqual(0);
          expect(m.rr.every((v) => v >= 0 && v < 64000)).toBe(true);
        }),
      );
    }
    expect(seen).toContain('ok'); // the fuzz reaches successful parses, not only errors
    expect(seen).toContain('E_TRUNCATED');
  });

  it('control point responses, settings, features, stop notices: 5000 each', () => {
    const rand = prng(2);
    const seen = new Set<string>();
    for (let k = 0; k < 5000; k++) {
      const b = bytes(rand, 32);
      if (b.length > 0 && rand() < 0.5) b[0] = 0xf0;
      seen.add(expectTyped(() => void parsePmdResponse(b)));
      const s = bytes(rand, 24);
      if (s.length > 0) s[0] = s[0]! % 7;
      seen.add(expectTyped(() => void parsePmdSettings(s)));
      expectTyped(() => void parsePmdFeatures(b));
      expect(() => parsePmdStopNotice(b)).not.toThrow();
    }
    expect(seen).toContain('ok');
  });

  it('PMD data frames: 10000 random frames with valid headers', () => {
    const rand = prng(3);
    const frameTypes = [0x00, 0x01, 0x02, 0x80, 0x81, 0x03, 0x82];
    const seen = new Set<string>();
    for (let k = 0; k < 10_000; k++) {
      const b = bytes(rand, 120);
      if (b.length >= 10) {
        b[0] = rand() < 0.5 ? 0 : 2;
        b[9] = frameTypes[Math.floor(rand() * frameTypes.length)]!;
        // Make delta blocks plausible so decoding goes deep.
        if (b[9] & 0x80 && b.length > 17) b[16] = 1 + Math.floor(rand() * 32);
      }
      seen.add(
        expectTyped(() => {
          const f = parsePmdFrame(b, rand() * 2);
          expect(f.raw.length).toBe(f.length * f.channels);
          expect(Number.isFinite(f.scale)).toBe(true);
        }),
      );
    }
    expect([...seen].sort()).toEqual(['E_PARSE', 'E_TRUNCATED', 'E_UNSUPPORTED', 'ok']);
  });

  it('delta bodies: 10000 random bodies for 1 and 3 channels at 8–24 bit resolution', () => {
    const rand = prng(4);
    let decoded = 0;
    for (let k = 0; k < 10_000; k++) {
      const b = bytes(rand, 80);
      const channels = rand() < 0.5 ? 1 : 3;
      const res = [8, 12, 16, 24][Math.floor(rand() * 4)]!;
      const ref = channels * Math.ceil(res / 8);
      if (b.length > ref) b[ref] = 1 + Math.floor(rand() * 32);
      if (b.length > ref + 1) b[ref + 1] = Math.floor(rand() * 6);
      if (expectTyped(() => void decodeDeltaFrame(new DataView(b.buffer), 0, channels, res)) === 'ok') decoded++;
    }
    expect(decoded).toBeGreaterThan(100);
  });

  it('corrupted valid frames (bit flips, truncation): 5000', () => {
    const rand = prng(5);
    const valid = Uint8Array.from([0x02, 1, 2, 3, 4, 5, 6, 7, 8, 0x81, 0x64, 0x00, 0x38, 0xff, 0xe8, 0x03, 0x04, 0x02, 0xf1, 0x87, 0x20]);
    for (let k = 0; k < 5000; k++) {
      const b = valid.slice(0, Math.floor(rand() * (valid.length + 1)));
      for (let f = 0; f < 3; f++) if (b.length) b[Math.floor(rand() * b.length)]! ^= 1 << Math.floor(rand() * 8);
      expectTyped(() => void parsePmdFrame(b));
    }
  });
});

describe('fuzz: frame clock', () => {
  it('emits finite, strictly increasing times for 2000 random timestamp sequences', () => {
    const rand = prng(6);
    const bad: string[] = [];
    for (let k = 0; k < 2000; k++) {
      const clock = new FrameClock(130);
      let sensor = 7e8;
      let host = 1.7e9;
      let last = -Infinity;
      for (let f = 0; f < 30; f++) {
        const n = 1 + Math.floor(rand() * 80);
        const mode = rand();
        // Mostly plausible steps, with jumps back, big jumps forward, repeats and tiny steps.
        sensor += mode < 0.6 ? n / 130 : mode < 0.7 ? -rand() * 100 : mode < 0.8 ? rand() * 30 : mode < 0.9 ? 0 : rand() * 0.01;
        host += 0.5;
        const out = new Float64Array(n);
        const gap = clock.place(sensor, n, host, out);
        if (!(Number.isFinite(gap) && gap >= 0)) bad.push(`gap ${gap} at case ${k} frame ${f}`);
        for (const t of out) {
          if (!(Number.isFinite(t) && t > last)) bad.push(`time ${t} after ${last} at case ${k} frame ${f}`);
          last = t;
        }
      }
    }
    expect(bad.slice(0, 5)).toEqual([]);
  });
});
