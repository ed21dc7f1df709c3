// PMD data frames: header [type, u64 LE ns since 2000-01-01, frame type] + samples. Raw frames
// are checked on hand-built bytes; delta frames on a hand-computed example and on frames made by
// an encoder written here from the published layout, for every bit width 1..32.
import { describe, expect, it } from 'vitest';
import { formatErrorCode } from './format-error.js';
import { le, pmdHeader } from './pmd-bytes.js';
import { decodeDeltaFrame } from '../../src/sources/pmd-delta.js';
import { parsePmdFrame } from '../../src/sources/pmd-frame.js';

/** Encodes samples (rows of `channels` values) as a delta frame body with one block per chunk. */
function encodeDelta(rows: number[][], resolution: number, width: number, chunk = 255): number[] {
  const out: number[] = [];
  for (const v of rows[0]!) out.push(...le(v, Math.ceil(resolution / 8)));
  for (let start = 1; start < rows.length; start += chunk) {
    const part = rows.slice(start, start + chunk);
    out.push(width, part.length);
    const bits: number[] = [];
    part.forEach((row, k) => {
      const prev = rows[start + k - 1]!;
      row.forEach((v, c) => {
        const d = BigInt.asUintN(width, BigInt(v - prev[c]!));
        for (let b = 0; b < width; b++) bits.push(Number((d >> BigInt(b)) & 1n));
      });
    });
    for (let i = 0; i < bits.length; i += 8) {
      let byte = 0;
      for (let b = 0; b < 8 && i + b < bits.length; b++) byte |= bits[i + b]! << b;
      out.push(byte);
    }
  }
  return out;
}

const codeOf = formatErrorCode;

describe('parsePmdFrame, raw frames', () => {
  it('reads an H10 ECG frame: int24 µV samples and the 64-bit timestamp', () => {
    const ts = 599_616_023_171_427_290n; // a real H10 timestamp from the Polar time-system docs
    const bytes = [...pmdHeader(0x00, ts, 0x00), ...le(-1, 3), ...le(8_388_607, 3), ...le(-8_388_608, 3), ...le(1234, 3)];
    const f = parsePmdFrame(bytes);
    expect(f.timestamp).toBe(ts);
    expect(f).toMatchObject({ type: 0, frameType: 0, compressed: false, channels: 1, length: 4, scale: 1 });
    expect(Array.from(f.raw)).toEqual([-1, 8_388_607, -8_388_608, 1234]);
  });

  it.each([
    [0x00, 1],
    [0x01, 2],
    [0x02, 3],
  ])('reads ACC frame type %i (%i-byte mG values, x y z interleaved)', (frameType, size) => {
    const values = [-100, 50, 127, -128, 0, 1];
    const bytes = [...pmdHeader(0x02, 1n, frameType), ...values.flatMap((v) => le(v, size))];
    const f = parsePmdFrame(bytes);
    expect(f).toMatchObject({ type: 2, channels: 3, length: 2, compressed: false });
    expect(Array.from(f.raw)).toEqual(values);
  });

  it('masks the measurement type to its low 6 bits', () => {
    expect(parsePmdFrame([...pmdHeader(0x80 | 0x02, 5n, 0x01), 0, 0, 0, 0, 0, 0]).type).toBe(2);
  });

  it('rejects a body that is not whole samples, short headers and unknown types', () => {
    expect(codeOf(() => parsePmdFrame([...pmdHeader(0, 0n, 0), 1, 2]))).toBe('E_PARSE');
    expect(codeOf(() => parsePmdFrame(pmdHeader(0, 0n, 0).slice(0, 9)))).toBe('E_TRUNCATED');
    expect(codeOf(() => parsePmdFrame([...pmdHeader(1, 0n, 0), 1, 2, 3]))).toBe('E_UNSUPPORTED'); // PPG
    expect(codeOf(() => parsePmdFrame([...pmdHeader(0, 0n, 0x80), 1, 2, 3]))).toBe('E_UNSUPPORTED'); // compressed ECG
  });

  it('accepts an empty frame as zero samples', () => {
    expect(parsePmdFrame(pmdHeader(0, 7n, 0)).length).toBe(0);
  });
});

describe('delta-compressed frames', () => {
  it('decodes a hand-computed ACC frame (reference + one 4-bit block of two samples)', () => {
    // Reference (100, -200, 1000); deltas (+1, -1, +7) then (-8, 0, +2) as 4-bit nibbles, LSB first:
    // 0xF1 = [1, 15], 0x87 = [7, 8], 0x20 = [0, 2].
    const body = [0x64, 0x00, 0x38, 0xff, 0xe8, 0x03, 0x04, 0x02, 0xf1, 0x87, 0x20];
    const f = parsePmdFrame([...pmdHeader(0x02, 9n, 0x81), ...body], 1);
    expect(f).toMatchObject({ compressed: true, frameType: 1, channels: 3, length: 3, scale: 1 });
    expect(Array.from(f.raw)).toEqual([100, -200, 1000, 101, -201, 1007, 93, -201, 1009]);
  });

  it('applies the factor (and G → mG for frame type 0x80) through scale', () => {
    const body = [0x01, 0x00, 0x02, 0x00, 0x03, 0x00];
    expect(parsePmdFrame([...pmdHeader(0x02, 0n, 0x81), ...body], 0.5).scale).toBe(0.5);
    expect(parsePmdFrame([...pmdHeader(0x02, 0n, 0x80), ...body], 0.25).scale).toBe(250);
  });

  it.each(Array.from({ length: 32 }, (_, i) => i + 1))('round-trips deltas of bit width %i, extremes included', (width) => {
    const lo = width === 32 ? -(2 ** 31) : -(2 ** (width - 1));
    const hi = width === 32 ? 2 ** 31 - 1 : 2 ** (width - 1) - 1;
    const rows: number[][] = [[12, -34, 560]];
    // Alternate extreme deltas so values stay within int32 while every bit pattern edge is hit.
    const steps = [lo, hi, 0, -1, hi, lo, 1, Math.trunc(hi / 3)].map((d) => Math.max(lo, Math.min(hi, d)));
    for (let k = 0; k < 40; k++) {
      const prev = rows[rows.length - 1]!;
      rows.push(
        prev.map((v, c) => {
          const d = steps[(k + c) % steps.length]!;
          const next = v + d;
          // Outside int32: step towards zero instead (v + lo or v + hi stays in range).
          return next > 2 ** 31 - 1 || next < -(2 ** 31) ? v + (v > 0 ? lo : hi) : next;
        }),
      );
    }
    // The test data itself must only use deltas representable in `width` bits.
    for (let k = 1; k < rows.length; k++) {
      for (let c = 0; c < 3; c++) {
        const d = rows[k]![c]! - rows[k - 1]![c]!;
        expect(d >= lo && d <= hi).toBe(true);
      }
    }
    const body = encodeDelta(rows, 16, width, 13); // several blocks, some with partial bytes
    const view = new DataView(Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ...body]).buffer);
    const out = decodeDeltaFrame(view, 10, 3, 16);
    expect(Array.from(out)).toEqual(rows.flat());
  });

  it('sign-extends the reference at the resolution, not at the byte size', () => {
    // 12-bit resolution in 2 bytes: 0x0FFF is -1, 0x07FF is 2047.
    const view = new DataView(Uint8Array.from([0xff, 0x0f, 0xff, 0x07]).buffer);
    expect(Array.from(decodeDeltaFrame(view, 0, 2, 12))).toEqual([-1, 2047]);
  });

  it('rejects bit widths 0 and above 32, and blocks that run past the end', () => {
    const ref = [0, 0, 0, 0, 0, 0];
    expect(codeOf(() => parsePmdFrame([...pmdHeader(2, 0n, 0x81), ...ref, 0, 3]))).toBe('E_PARSE');
    expect(codeOf(() => parsePmdFrame([...pmdHeader(2, 0n, 0x81), ...ref, 33, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))).toBe('E_PARSE');
    expect(codeOf(() => parsePmdFrame([...pmdHeader(2, 0n, 0x81), ...ref, 8, 2, 1, 2, 3]))).toBe('E_TRUNCATED');
    expect(codeOf(() => parsePmdFrame([...pmdHeader(2, 0n, 0x81), ...ref, 8]))).toBe('E_TRUNCATED');
    expect(codeOf(() => parsePmdFrame([...pmdHeader(2, 0n, 0x81), 0, 0, 0]))).toBe('E_TRUNCATED');
  });

  it('accepts an empty block (count 0)', () => {
    expect(parsePmdFrame([...pmdHeader(2, 0n, 0x81), 0, 0, 0, 0, 0, 0, 8, 0]).length).toBe(1);
  });
});
