import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../../src/errors.js';
import { hasDataDir, resolveDataDir } from '../../src/io/data-dir.js';
import { aamiClass, isBeatSymbol, parseWfdbAnnotations } from '../../src/io/wfdb-annotations.js';
import { decodeWfdbSamples, parseWfdbHeader, wfdbChecksum } from '../../src/io/wfdb-format.js';
import { readWfdbAnnotations, readWfdbRecord } from '../../src/io/wfdb.js';

const fixtures = resolve(import.meta.dirname, '..', 'fixtures', 'mitdb');

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'no error';
  } catch (err) {
    expect(err).toBeInstanceOf(FormatError);
    return (err as FormatError).code;
  }
}

describe('WFDB records', () => {
  it('decodes format 212 and matches the first values of the original 100.hea', async () => {
    const rec = await readWfdbRecord(join(fixtures, '100s'));
    expect(rec.rate).toBe(360);
    expect(rec.length).toBe(3600);
    expect(rec.signals.map((s) => s.name)).toEqual(['MLII', 'V5']);
    // 100.hea (PhysioNet): first values 995 (MLII) and 1011 (V5), gain 200/mV, ADC zero 1024.
    const original = parseWfdbHeader(readFileSync(join(fixtures, '100.hea'), 'utf8'));
    expect(original.signals.map((s) => s.initValue)).toEqual([995, 1011]);
    expect(rec.signals[0]!.adc[0]).toBe(995);
    expect(rec.signals[1]!.adc[0]).toBe(1011);
    expect(rec.signals[0]!.data[0]).toBeCloseTo((995 - 1024) / 200, 6);
  });

  it('reads format 16 (int16 little-endian, interleaved)', () => {
    const values = [-3, 7, 2047, -2048, 12000, -12000];
    const bytes = new Uint8Array(new Int16Array(values).buffer);
    const [a, b] = decodeWfdbSamples(bytes, 2, 16);
    expect(Array.from(a!)).toEqual([-3, 2047, 12000]);
    expect(Array.from(b!)).toEqual([7, -2048, -12000]);
  });

  it('computes the signed 16-bit checksum', () => {
    expect(wfdbChecksum(new Int16Array([30000, 30000]))).toBe(60000 - 65536);
    expect(wfdbChecksum(new Int16Array([-1, 1, 5]))).toBe(5);
  });

  it('rejects a truncated data file, a wrong checksum and a bad header with typed errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wfdb-'));
    const dat = readFileSync(join(fixtures, '100s.dat'));
    const hea = readFileSync(join(fixtures, '100s.hea'), 'utf8');
    writeFileSync(join(dir, '100s.dat'), dat.subarray(0, 5000));
    writeFileSync(join(dir, '100s.hea'), hea);
    expect(await codeOf(readWfdbRecord(join(dir, '100s')))).toBe('E_TRUNCATED');

    writeFileSync(join(dir, '100s.dat'), dat);
    writeFileSync(join(dir, '100s.hea'), hea.replace('-17352', '-17351'));
    expect(await codeOf(readWfdbRecord(join(dir, '100s')))).toBe('E_CHECKSUM');

    writeFileSync(join(dir, '100s.hea'), hea.replace('200 11', 'abc 11'));
    expect(await codeOf(readWfdbRecord(join(dir, '100s')))).toBe('E_PARSE');
    writeFileSync(join(dir, '100s.hea'), hea.replaceAll(' 212 ', ' 310 '));
    expect(await codeOf(readWfdbRecord(join(dir, '100s')))).toBe('E_UNSUPPORTED');
    expect(await codeOf(readWfdbRecord(join(dir, 'missing')))).toBe('E_IO');
  });
});

describe('WFDB annotations', () => {
  it('reproduces the published beat counts of record 100 (2239 N, 33 A, 1 V)', async () => {
    const ann = await readWfdbAnnotations(join(fixtures, '100'));
    const counts: Record<string, number> = {};
    for (const a of ann) if (isBeatSymbol(a.symbol)) counts[a.symbol] = (counts[a.symbol] ?? 0) + 1;
    expect(counts).toEqual({ N: 2239, A: 33, V: 1 });
    expect(ann[0]!.aux).toBe('(N');
    expect(aamiClass('A')).toBe('S');
    // samples are increasing and inside the 650000-sample record
    for (let i = 1; i < ann.length; i++) expect(ann[i]!.sample).toBeGreaterThanOrEqual(ann[i - 1]!.sample);
    expect(ann[ann.length - 1]!.sample).toBeLessThan(650000);
  });

  it('handles SKIP and AUX words and rejects truncation', () => {
    // N at +10, SKIP +100000, V at +5, AUX "(AB" attached to V, end.
    const words = [(1 << 10) | 10, 59 << 10, 0x0001, 0x86a0, (5 << 10) | 5, (63 << 10) | 3];
    const bytes = new Uint8Array([...new Uint8Array(new Uint16Array(words).buffer), 0x28, 0x41, 0x42, 0x00, 0, 0]);
    const ann = parseWfdbAnnotations(bytes);
    expect(ann).toEqual([
      { sample: 10, code: 1, symbol: 'N' },
      { sample: 10 + 100000 + 5, code: 5, symbol: 'V', aux: '(AB' },
    ]);
    expect(() => parseWfdbAnnotations(bytes.subarray(0, 5))).toThrow(FormatError);
  });
});

describe.runIf(hasDataDir())('full MIT-BIH copy in the data directory', () => {
  it('every record matches its header checksums and the published beat counts', async () => {
    const dir = join(resolveDataDir(), 'mitdb');
    const records = JSON.parse(await readFile(join(dir, 'records.json'), 'utf8')) as {
      record: string;
      beatCounts: Record<string, number>;
    }[];
    expect(records.length).toBe(42);
    for (const r of records) {
      const rec = await readWfdbRecord(join(dir, r.record)); // throws on any checksum mismatch
      expect(rec.length).toBe(650000);
      const counts: Record<string, number> = {};
      for (const a of await readWfdbAnnotations(join(dir, r.record))) {
        if (isBeatSymbol(a.symbol)) counts[a.symbol] = (counts[a.symbol] ?? 0) + 1;
      }
      expect(counts, r.record).toEqual(r.beatCounts);
    }
  }, 120_000);
});
