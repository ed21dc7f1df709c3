// Session CSV exports with names from imported files: no injected rows, no spreadsheet formulas.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { importSession } from '../../src/storage/import-session.js';
import { exportSessionCsv } from '../../src/storage/csv.js';
import { csvCell } from '../../src/core/csv-cell.js';
import { addLabel } from '../../src/storage/labels.js';
import { encodePreamble, encodeRecord, leBytes, RECORD_CHUNK, RECORD_END } from '../../src/storage/container.js';
import { parseCsv } from '../../src/sources/csv-parse.js';
import { readCsvFile } from '../../src/io/csv.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDb } from './helpers.js';
import { rfc4180 } from '../sources/rfc4180.js';

/** A one-chunk session file with the given channels (4 frames at 10 Hz). */
function file(channels: { name: string; unit: string }[]): Uint8Array {
  const header = {
    format: 'scl-wear-session',
    session: { status: 'complete' },
    labels: [],
    streams: { s: { kind: 'imu', channels, rate: 10 } },
  };
  const data = new Float32Array(4 * channels.length).map((_, i) => i - 3.5);
  const parts = [
    encodePreamble(header),
    encodeRecord(RECORD_CHUNK, { stream: 's', seq: 0, t0: 0, frames: 4, timestamps: false }, [leBytes(data)]),
    encodeRecord(RECORD_END, { chunks: 1, frames: 4 }),
  ];
  return Uint8Array.from(parts.flatMap((p) => [...p]));
}

const text = async (s: ReadableStream<Uint8Array>) => new Response(s).text();
const FORMULA = /^[=+\-@\t\r]/;

describe('session CSV escaping', () => {
  it('quotes and neutralises injection attempts in channel names and units', async () => {
    const attempts = [
      { name: 'ax\n0,1,2,3', unit: 'g' },
      { name: '=HYPERLINK("http://evil.test","x")', unit: 'g' },
      { name: "+cmd|' /C calc'!A0", unit: 'g' },
      { name: '@SUM(A1:A9)', unit: '-1+1' },
      { name: '-2+3', unit: 'g' },
      { name: '\tx', unit: '\r=1' },
      { name: 'a"b,c', unit: 'g' },
    ];
    const db = await freshDb();
    const s = await importSession(db, file(attempts));
    const csv = await text(exportSessionCsv(db, s.id));
    const rows = rfc4180(csv);
    expect(rows.length).toBe(1 + 4);
    expect(rows.every((r) => r.length === 1 + attempts.length)).toBe(true);
    for (const cell of rows[0]!) expect(cell, cell).not.toMatch(FORMULA);
    // The names survive, only prefixed where they would start a formula.
    rows[0]!.slice(1).forEach((cell, i) => expect(cell.replace(/^'/, '')).toBe(`${attempts[i]!.name} (${attempts[i]!.unit})`));
    // Numbers stay numbers (negative values are not altered).
    expect(rows[1]!.slice(1).map(Number)).toEqual(attempts.map((_, k) => k - 3.5));
  });

  it('any text cell reads back as one field that cannot start a formula', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', '=', '+', '-', '@', '\t', '\r', '\n', '"', ',', ' ', "'"), maxLength: 12 }),
        (t) => {
          const cell = csvCell(t);
          const rows = rfc4180(`${cell},x\n`);
          expect(rows).toHaveLength(1);
          expect(rows[0]).toHaveLength(2);
          expect(rows[0]![0]).not.toMatch(FORMULA);
          expect(FORMULA.test(t) ? `'${t}` : t).toBe(rows[0]![0]);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('writes activity labels in a label column, escaped, that the SDK CSV reader reads back', async () => {
    const db = await freshDb();
    const chans = ['ax', 'ay', 'az'].map((name) => ({ name, unit: 'g' }));
    const s = await importSession(db, file(chans)); // frames at 0, 0.1, 0.2, 0.3 s
    await addLabel(db, s.id, { label: '=1+1', start: 0, end: 0.15 });
    await addLabel(db, s.id, { label: 'walk, then "run"\n0,0,0,0', start: 0.15, end: 0.25 });
    await addLabel(db, s.id, { label: 'trip', kind: 'event', start: 0.1 });
    const csv = await text(exportSessionCsv(db, s.id, { labels: true }));
    const rows = rfc4180(csv);
    expect(rows.map((r) => r.length)).toEqual([5, 5, 5, 5, 5]);
    expect(rows.map((r) => r[4])).toEqual(['label', "'=1+1", "'=1+1", 'walk, then "run"\n0,0,0,0', '']);
    // A neutralised label reads back through the SDK reader with its '.
    const simple = await importSession(db, file(chans));
    await addLabel(db, simple.id, { label: '@SUM(A1)', start: 0.1, end: 0.35 });
    const rec = parseCsv(await text(exportSessionCsv(db, simple.id, { labels: true })));
    expect(rec.labels).toEqual([{ label: "'@SUM(A1)", start: 1, end: 4 }]);
  });

  it('the SDK CSV reader reads an export with commas, quotes and line breaks in names and labels back', async () => {
    const db = await freshDb();
    const nasty = [
      { name: 'ax,0\n1,2', unit: 'g' },
      { name: 'say "hi"', unit: 'm/s^2' },
      { name: '=cmd\r\nx', unit: '"g"' },
    ];
    const chans = [...['ax', 'ay', 'az'].map((name) => ({ name, unit: 'm/s^2' })), ...nasty];
    const s = await importSession(db, file(chans)); // frames at 0, 0.1, 0.2, 0.3 s
    const labels = ['walk, then "run"\n0,0,0,0,0,0,0', '=1+1', ' padded\r\n '];
    await addLabel(db, s.id, { label: labels[0]!, start: 0, end: 0.15 });
    await addLabel(db, s.id, { label: labels[1]!, start: 0.15, end: 0.25 });
    await addLabel(db, s.id, { label: labels[2]!, start: 0.25, end: 1 });
    const csv = await text(exportSessionCsv(db, s.id, { labels: true }));
    const path = join(mkdtempSync(join(tmpdir(), 'scl-wear-csv-')), 'session.csv');
    writeFileSync(path, csv.replace(/\n/g, '\r\n')); // CRLF line ends as well: line breaks inside cells stay as written
    for (const rec of [parseCsv(csv), await readCsvFile(path)]) {
      expect(rec.length).toBe(4);
      expect(rec.streams[0]!.channels.map((c) => c.name)).toEqual(['ax', 'ay', 'az']);
      expect(Array.from(rec.streams[0]!.data)).toEqual([0, 1, 2, 6, 7, 8, 12, 13, 14, 18, 19, 20].map((v) => v - 3.5));
    }
    expect(parseCsv(csv).labels).toEqual([
      { label: labels[0], start: 0, end: 2 },
      { label: "'=1+1", start: 2, end: 3 },
      { label: labels[2], start: 3, end: 4 },
    ]);
    const fromFile = (await readCsvFile(path)).labels!.map((l) => l.label);
    expect(fromFile).toEqual([labels[0]!.replace(/\n/g, '\r\n'), "'=1+1", labels[2]!.replace(/\r\n/g, '\r\r\n')]);
  });

  it('the SDK CSV reader reads an exported IMU stream back to the same float32 samples', async () => {
    const db = await freshDb();
    const chans = ['ax', 'ay', 'az', 'gx', 'gy', 'gz'].map((name, i) => ({ name, unit: i < 3 ? 'm/s^2' : 'rad/s' }));
    const s = await importSession(db, file(chans));
    const rec = parseCsv(await text(exportSessionCsv(db, s.id)));
    expect(rec.streams[0]!.channels.map((c) => c.name)).toEqual(['ax', 'ay', 'az', 'gx', 'gy', 'gz']);
    expect(Array.from(rec.streams[0]!.data)).toEqual(Array.from({ length: 24 }, (_, i) => i - 3.5));
    expect(rec.rate).toBeCloseTo(10, 9);
  });
});
