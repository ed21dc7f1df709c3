import { FormatError } from '../errors.js';
import { need, readUintLE } from './bytes.js';

/**
 * Decodes a delta-compressed PMD frame body (frame type with bit 0x80 set).
 *
 * Layout (Polar Measurement Data specification): a reference sample of `channels` signed
 * little-endian values of `ceil(resolution / 8)` bytes each, then blocks of
 * `[bitWidth: u8, count: u8, packed deltas]`, where the packed part holds `count × channels`
 * signed deltas of `bitWidth` bits each, least significant bit first, padded to a whole byte.
 * Each delta adds to the previous sample of its channel. The reference is the first sample.
 *
 * @param view - the frame
 * @param offset - byte offset of the body (10 for a PMD frame)
 * @param channels - values per sample (1 for ECG, 3 for ACC)
 * @param resolution - bits of the reference values, 1 to 32
 * @returns interleaved samples, `channels` values per sample
 * @throws FormatError `E_TRUNCATED` when a block runs past the end, `E_PARSE` on a bit width
 *   outside 1..32 or a sample outside the signed 32-bit range (never wrapped)
 */
export function decodeDeltaFrame(view: DataView, offset: number, channels: number, resolution: number): Int32Array {
  const refBytes = Math.ceil(resolution / 8);
  need(view, offset, refBytes * channels, 'delta frame reference sample');
  // First pass: validate the blocks and count samples, so the output is allocated once.
  let samples = 1;
  let p = offset + refBytes * channels;
  while (p < view.byteLength) {
    need(view, p, 2, 'delta block header');
    const width = view.getUint8(p);
    const count = view.getUint8(p + 1);
    if (width < 1 || width > 32) {
      throw new FormatError('E_PARSE', `delta block at offset ${p} has bit width ${width}, allowed 1..32`, {
        details: { offset: p, width },
      });
    }
    const bytes = Math.ceil((width * count * channels) / 8);
    need(view, p + 2, bytes, 'delta block');
    samples += count;
    p += 2 + bytes;
  }
  const out = new Int32Array(samples * channels);
  for (let c = 0; c < channels; c++) out[c] = signExtend(readUintLE(view, offset + c * refBytes, refBytes) % 2 ** resolution, resolution);
  // Sums that leave the 32-bit signed range are corrupt data, not values to wrap.
  const hi = 2 ** 31 - 1;
  const lo = -(2 ** 31);
  let o = channels;
  p = offset + refBytes * channels;
  while (p < view.byteLength) {
    const width = view.getUint8(p);
    const count = view.getUint8(p + 1);
    const base = p + 2;
    let bit = 0;
    for (let i = 0; i < count * channels; i++, o++, bit += width) {
      const v = (out[o - channels] as number) + readBits(view, base, bit, width);
      if (v < lo || v > hi) {
        throw new FormatError('E_PARSE', `delta frame sample ${Math.floor(o / channels)} is ${v}, outside the 32-bit range of the output`, {
          details: { sample: Math.floor(o / channels), value: v, resolution },
        });
      }
      out[o] = v;
    }
    p = base + Math.ceil((width * count * channels) / 8);
  }
  return out;
}

/** Reads `width` (1..32) bits at bit position `bit` after `base`, LSB first, as a signed value. */
function readBits(view: DataView, base: number, bit: number, width: number): number {
  let v = 0;
  let got = 0;
  while (got < width) {
    const pos = bit + got;
    const shift = pos & 7;
    const take = Math.min(8 - shift, width - got);
    v += ((view.getUint8(base + (pos >> 3)) >> shift) & ((1 << take) - 1)) * 2 ** got;
    got += take;
  }
  return signExtend(v, width);
}

function signExtend(v: number, bits: number): number {
  return v >= 2 ** (bits - 1) ? v - 2 ** bits : v;
}
