// EDF+: the file is checked against the EDF+ specification (https://www.edfplus.info/specs/)
// by a minimal parser written here from the spec (not our reader), then read back by ours.
import { describe, expect, it } from 'vitest';
import { edfBytes } from '../../src/formats/edf-write.js';
import { readEdf } from '../../src/formats/edf-read.js';
import { edfNumber } from '../../src/formats/edf-header.js';
import { FormatError } from '../../src/errors.js';
import { bytesFrom, collect, makeSource, value } from './helpers.js';

/** EDF as the spec lays it out: 256-byte fixed header, 256 bytes per signal, int16 LE records. */
function parseSpec(bytes: Uint8Array) {
  const ascii = (a: number, n: number) => String.fromCharCode(...bytes.subarray(a, a + n));
  const ns = Number(ascii(252, 4));
  const col = (offset: number, width: number) => Array.from({ length: ns }, (_, i) => ascii(256 + offset * ns + i * width, width));
  let o = 0;
  const sig: Record<string, string[]> = {};
  for (const [name, w] of [
    ['label', 16],
    ['transducer', 80],
    ['dim', 8],
    ['pmin', 8],
    ['pmax', 8],
    ['dmin', 8],
    ['dmax', 8],
    ['prefilter', 80],
    ['spr', 8],
    ['reserved', 32],
  ] as const) {
    sig[name] = col(o, w);
    o += w;
  }
  return {
    fixed: {
      version: ascii(0, 8),
      patient: ascii(8, 80),
      recording: ascii(88, 80),
      date: ascii(168, 8),
      time: ascii(176, 8),
      headerBytes: ascii(184, 8),
      reserved: ascii(192, 44),
      records: ascii(236, 8),
      duration: ascii(244, 8),
      ns: ascii(252, 4),
    },
    ns,
    sig,
  };
}

describe('EDF+ export', () => {
  it('writes header fields, record layout and annotations as the EDF+ spec says', async () => {
    const source = makeSource({ chunk: 37, chunks: 30 }); // 1110 frames: 22 full records of 1 s and a partial one
    const { bytes } = await bytesFrom(edfBytes(source));
    const { fixed, ns, sig } = parseSpec(bytes);
    // Every header byte is printable US-ASCII.
    expect(bytes.subarray(0, 256 * (ns + 1)).every((b) => b >= 0x20 && b <= 0x7e)).toBe(true);
    expect(fixed.version).toBe('0'.padEnd(8));
    expect(fixed.patient.trimEnd()).toBe('S07 X X X');
    expect(fixed.recording.startsWith('Startdate 04-DEC-2026 X X X')).toBe(true);
    expect([fixed.date, fixed.time]).toEqual(['04.12.26', '09.30.20']);
    expect(Number(fixed.headerBytes)).toBe(256 * (ns + 1));
    expect(fixed.reserved.startsWith('EDF+C')).toBe(true);
    expect(ns).toBe(7);
    expect(Number(fixed.duration)).toBe(1);
    const records = Number(fixed.records);
    expect(records).toBe(Math.ceil(1110 / 50));
    expect(sig.label!.map((s) => s.trimEnd())).toEqual(['Acc ax', 'Acc ay', 'Acc az', 'Gyro gx', 'Gyro gy', 'Gyro gz', 'EDF Annotations']);
    expect(sig.dim!.slice(0, 6).map((s) => s.trimEnd())).toEqual(['m/s^2', 'm/s^2', 'g', 'rad/s', 'rad/s', 'rad/s']);
    expect(sig.dmin!.map(Number)).toEqual(Array(7).fill(-32768));
    expect(sig.dmax!.map(Number)).toEqual(Array(7).fill(32767));
    const spr = sig.spr!.map(Number);
    expect(spr.slice(0, 6)).toEqual(Array(6).fill(50));
    const recordBytes = 2 * spr.reduce((a, b) => a + b, 0);
    expect(bytes.length).toBe(256 * (ns + 1) + records * recordBytes);
    // Physical range: brackets the data of each channel, within 8 characters.
    const { data } = await collect(source);
    for (let c = 0; c < 6; c++) {
      const vals = Array.from({ length: 1110 }, (_, i) => data[i * 6 + c]!);
      const pmin = Number(sig.pmin![c]);
      const pmax = Number(sig.pmax![c]);
      expect(pmin).toBeLessThanOrEqual(Math.min(...vals));
      expect(pmax).toBeGreaterThanOrEqual(Math.max(...vals));
      expect(pmax - pmin).toBeLessThan((Math.max(...vals) - Math.min(...vals)) * 1.01 + 1e-3);
      // Samples: physical = pmin + (digital - dmin) * (pmax - pmin) / (dmax - dmin), within half a step.
      const step = (pmax - pmin) / 65535;
      const view = new DataView(bytes.buffer, bytes.byteOffset);
      for (const i of [0, 1, 49, 50, 777, 1109]) {
        const r = Math.floor(i / 50);
        const at = 256 * (ns + 1) + r * recordBytes + c * 2 * 50 + 2 * (i - r * 50);
        const phys = pmin + (view.getInt16(at, true) + 32768) * step;
        expect(Math.abs(phys - value(i, c))).toBeLessThanOrEqual(step / 2 + 1e-6);
      }
    }
    // Annotation signal: each record starts with its timekeeping TAL; the labels are TALs.
    const annAt = (r: number) => 256 * (ns + 1) + r * recordBytes + 2 * 6 * 50;
    const tals: string[] = [];
    for (let r = 0; r < records; r++) {
      const text = new TextDecoder().decode(bytes.subarray(annAt(r), annAt(r) + 2 * spr[6]!));
      expect(text.startsWith(`+${r}\x14\x14\x00`)).toBe(true);
      tals.push(
        ...text
          .split('\x00')
          .slice(1)
          .filter((s) => s !== ''),
      );
    }
    // The last record holds 10 frames; its other 40 samples are padding, and say so.
    expect(tals).toEqual([
      '+1\x153.5\x14WALKING\x14',
      `+6\x15${(1110 / 50 - 6).toFixed(1)}\x14SITTING\x14`,
      '+3\x14trip\x14kerb\x14',
      '+22.2\x150.8\x14scl-wear:padding\x14',
    ]);
  });

  it('reads back with units, scaled values, labels, start time and frame count', async () => {
    const source = makeSource({ chunk: 37, chunks: 30 });
    const { bytes } = await bytesFrom(edfBytes(source));
    const back = await readEdf(new Blob([bytes]));
    expect(back).toMatchObject({
      stream: 'imu',
      kind: 'imu',
      rate: 50,
      frames: 1110,
      channels: source.channels,
      session: { subject: 'S07', startedAt: Date.UTC(2026, 11, 4, 9, 30, 20) },
    });
    expect(back.labels).toEqual([
      { kind: 'activity', label: 'WALKING', start: 101, end: 104.5 },
      { kind: 'activity', label: 'SITTING', start: 106, end: 100 + 1110 / 50 },
      { kind: 'event', label: 'trip', start: 103, end: 103, note: 'kerb' },
    ]);
    const a = await collect(source);
    const b = await collect(back);
    expect(b.data.length).toBe(a.data.length);
    expect(b.times[0]).toBe(100);
    expect(b.times[1109]).toBeCloseTo(a.times[1109]!, 9);
    for (let i = 0; i < a.data.length; i++) expect(Math.abs(b.data[i]! - a.data[i]!)).toBeLessThan(2e-4 * (1 + (i % 6) * 3));
  });

  it('ECG: one signal in mV; a constant channel still gets a valid range', async () => {
    const source = makeSource({ channels: [{ name: 'ecg', unit: 'mV' }], kind: 'ecg', rate: 130, chunk: 130, chunks: 3, labels: [] });
    const { bytes } = await bytesFrom(edfBytes(source));
    const { sig } = parseSpec(bytes);
    expect(sig.label!.map((s) => s.trimEnd())).toEqual(['ECG ecg', 'EDF Annotations']);
    expect(sig.spr![0]!.trimEnd()).toBe('130');
    const flat = {
      ...source,
      chunks: async function* () {
        yield { t0: 0, rate: 130, frames: 130, data: new Float32Array(130).fill(0.5) };
      },
      frames: 130,
    };
    const { bytes: fb } = await bytesFrom(edfBytes(flat));
    const p = parseSpec(fb).sig;
    expect(Number(p.pmax![0])).toBeGreaterThan(Number(p.pmin![0]));
    const back = await collect(await readEdf(fb));
    expect(Math.max(...back.data.map((v) => Math.abs(v - 0.5)))).toBeLessThan(1e-4);
  });

  it('a stream with a gap becomes EDF+D: each segment starts a record at its own time, and reads back with the gap', async () => {
    const source = makeSource({ chunk: 37, chunks: 20, gapAt: 7, gap: 2.5 }); // 259 frames, 2.5 s gap, 481 frames
    const { bytes } = await bytesFrom(edfBytes(source));
    const { fixed, ns, sig } = parseSpec(bytes);
    expect(fixed.reserved.startsWith('EDF+D')).toBe(true);
    expect(Number(fixed.records)).toBe(Math.ceil(259 / 50) + Math.ceil(481 / 50));
    const recordBytes = 2 * sig.spr!.map(Number).reduce((a, b) => a + b, 0);
    const ann = (r: number) => {
      const at = 256 * (ns + 1) + r * recordBytes + 2 * 6 * 50;
      return new TextDecoder().decode(bytes.subarray(at, at + 2 * Number(sig.spr![6])));
    };
    // Record 5 ends the first segment (9 frames, 41 padded); record 6 starts after the gap.
    // eslint-disable-next-line no-control-regex -- EDF+ annotations are delimited by control characters
    expect(ann(5)).toMatch(/^\+5\x14\x14\x00\+5\.18\x150\.82\x14scl-wear:padding\x14\x00/);
    expect(ann(6).startsWith(`+${(259 / 50 + 2.5).toFixed(2)}\x14\x14\x00`)).toBe(true);
    const back = await readEdf(bytes);
    expect(back.frames).toBe(740);
    const a = await collect(source);
    const b = await collect(back);
    expect(b.times.length).toBe(740);
    b.times.forEach((t, i) => expect(t).toBeCloseTo(a.times[i]!, 6));
    const gaps = b.chunks.filter((c) => c.gapBefore !== undefined);
    expect(gaps).toHaveLength(1);
    expect(gaps[0]!.gapBefore).toBeCloseTo(2.5, 6);
    for (let i = 0; i < a.data.length; i++) expect(Math.abs(b.data[i]! - a.data[i]!)).toBeLessThan(2e-4 * (1 + (i % 6) * 3));
  });

  it('refuses what EDF cannot hold, naming it', async () => {
    const irregular = {
      ...makeSource(),
      chunks: async function* () {
        yield { t0: 0, rate: 50, frames: 2, data: new Float32Array(12), timestamps: new Float64Array([0, 0.03]) };
      },
    };
    await expect(bytesFrom(edfBytes(irregular))).rejects.toMatchObject({
      code: 'E_UNSUPPORTED',
      message: expect.stringMatching(/irregular/),
    });
    const nan = {
      ...makeSource(),
      chunks: async function* () {
        yield { t0: 0, rate: 50, frames: 1, data: new Float32Array(6).fill(NaN) };
      },
    };
    await expect(bytesFrom(edfBytes(nan))).rejects.toMatchObject({ code: 'E_UNSUPPORTED', message: expect.stringMatching(/non-finite/) });
    const odd = makeSource({ rate: 33.3333 });
    await expect(bytesFrom(edfBytes(odd))).rejects.toBeInstanceOf(FormatError);
    await expect(readEdf(new TextEncoder().encode('not an edf file at all'.padEnd(300)))).rejects.toMatchObject({ code: 'E_PARSE' });
    const { bytes } = await bytesFrom(edfBytes(makeSource()));
    await expect(readEdf(bytes.subarray(0, bytes.length - 10))).rejects.toMatchObject({ code: 'E_TRUNCATED' });
  });

  it('8-character numbers round outwards', () => {
    expect(edfNumber(-12.3456789, 'down')).toBe('-12.3457');
    expect(edfNumber(12.3456789, 'up')).toBe('12.34568');
    expect(edfNumber(12.3456789, 'down')).toBe('12.3456');
    expect(edfNumber(0, 'down')).toBe('0');
    expect(Number(edfNumber(-0.000012345, 'down'))).toBeLessThanOrEqual(-0.000012345);
    expect(edfNumber(1234567.2, 'up')).toBe('1234568');
  });
});
